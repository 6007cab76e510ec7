/**
 * The line's OEE (`#/oee`): the four big figures (A, P, Q, OEE) with bars against their
 * targets and the constraint they follow, the state timeline of every asset, the loss
 * Pareto, the six big losses, reliability and quantities; the downtime list beside them,
 * where operators give stops their reasons.
 */
import type { OeeReport } from '../../core/contract/index.js';
import { DowntimeList } from './downtime-list.js';
import { LossPareto, SixBigLosses } from './loss-panels.js';
import { constraintSentence, kpiFigures, quantityRows, reliabilityRows } from './oee-model.js';
import type { FigureRow, KpiFigure } from './oee-model.js';
import { StateTimeline } from './state-timeline.js';

function Kpi({ figure }: { figure: KpiFigure }) {
  return (
    <div className="oe-kpi" data-testid={`kpi-${figure.key}`} data-below={figure.below ? 'true' : 'false'} data-null={figure.value === null ? 'true' : 'false'}>
      <div className="oe-kpi-label">{figure.label}</div>
      <div className="oe-kpi-value">{figure.text}</div>
      <div className="oe-kpi-bar" aria-hidden="true">
        <div className="oe-kpi-fill" style={{ width: `${figure.barPercent}%` }} />
        <div className="oe-kpi-target" style={{ left: `${figure.target * 100}%` }} />
      </div>
      <div className="oe-kpi-note">
        {figure.value === null ? (
          <span className="oe-why">{figure.why ?? 'Not known for this period'}</span>
        ) : (
          <>
            {figure.below ? <strong className="oe-below">▼ Below target</strong> : <span>Target</span>} {figure.targetText}
          </>
        )}
      </div>
    </div>
  );
}

export function KpiFigures({ report }: { report: OeeReport }) {
  const figures = kpiFigures(report.result, report.targets, report.why);
  return (
    <section className="oe-kpis-panel" aria-label="Line OEE">
      <div className="oe-kpis">
        {figures.map((f) => (
          <Kpi key={f.key} figure={f} />
        ))}
      </div>
      <p className="oe-constraint" data-testid="oee-constraint">
        {constraintSentence(report)}
      </p>
    </section>
  );
}

export function FigureList({ title, rows, testId }: { title: string; rows: FigureRow[]; testId: string }) {
  return (
    <section className="oe-panel oe-figures" data-testid={testId}>
      <h2 className="oe-title">{title}</h2>
      <dl className="oe-figure-list">
        {rows.map((r) => (
          <div key={r.label} className="oe-figure" title={r.why}>
            <dt>{r.label}</dt>
            <dd>
              {r.text}
              {r.why !== undefined ? <span className="oe-why"> {r.why}</span> : null}
            </dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

export function LineView({ report, reload }: { report: OeeReport; reload(): void }) {
  const result = report.result;
  return (
    <div className="oe-line" data-testid="oee-line-view">
      <div className="oe-main">
        <KpiFigures report={report} />
        <StateTimeline report={report} />
        <div className="oe-lower">
          <LossPareto report={report} />
          {result !== null ? (
            <div className="oe-lower-side">
              <SixBigLosses result={result} />
              <FigureList title="Reliability" rows={reliabilityRows(result)} testId="oee-reliability" />
              <FigureList title="Quantities" rows={quantityRows(result)} testId="oee-quantities" />
            </div>
          ) : null}
        </div>
      </div>
      <DowntimeList report={report} reload={reload} />
    </div>
  );
}
