/**
 * The SPC view (`#/oee/spc`): a picker of the report's characteristics, the X̄/R (or X/MR)
 * charts of the picked one over the report's period, the rule hits as a list, and the
 * capability indices beside the specification limits. The chart is asked for again when
 * the characteristic or the period changes, and once a minute while the period is under way.
 */
import { useEffect, useState } from 'react';
import type { OeeReport, SpcChart } from '../../core/contract/index.js';
import { useAppState, useServices } from '../app-context.js';
import { formatCount, noValue } from './oee-model.js';
import { SpcChartSvg } from './spc-chart.js';
import { capabilityRows, chartTitles, decimalsFor, flaggedPoints, formatSpcValue, ruleRows } from './spc-model.js';

function useSpcChart(tag: string | null, report: OeeReport): { chart: SpcChart | null; error: string | null } {
  const { client } = useServices();
  const [chart, setChart] = useState<SpcChart | null>(null);
  const [error, setError] = useState<string | null>(null);
  const minuteOfData = report.nextAt === null ? Math.floor(report.until / 60_000) : 0;
  useEffect(() => {
    if (tag === null) return;
    let current = true;
    void client.spcChart({ tag, from: report.from, to: report.to }).then((result) => {
      if (!current) return;
      if (result.ok) {
        setChart(result.value);
        setError(null);
      } else setError(result.error.code === 'disconnected' ? 'No connection to the runtime.' : `The SPC chart could not be made: ${result.error.message}`);
    });
    return () => {
      current = false;
    };
  }, [client, tag, report.from, report.to, minuteOfData]);
  return { chart: chart !== null && chart.characteristic.tag === tag ? chart : null, error };
}

function Capability({ chart }: { chart: SpcChart }) {
  const c = chart.characteristic;
  const limits = chart.locationLimits;
  const decimals = decimalsFor((c.usl ?? 0) - (c.lsl ?? 0) || (limits === null ? 1 : limits.ucl - limits.lcl));
  const spec = (v: number | undefined) => (v === undefined ? noValue : formatSpcValue(v, decimals));
  return (
    <section className="oe-panel oe-capability" data-testid="spc-capability">
      <h2 className="oe-title">Capability</h2>
      <div className="oe-cap-grid">
        {capabilityRows(chart.capability).map((r) => (
          <div key={r.key} className="oe-cap" data-level={r.level} title={r.why}>
            <div className="oe-kpi-label">{r.label}</div>
            <div className="oe-cap-value">{r.text}</div>
            {r.why !== undefined ? <div className="oe-why">{r.why}</div> : r.level === 'abnormal' ? <div className="oe-cap-word">Below 1.00</div> : r.level === 'attention' ? <div className="oe-cap-word">Below 1.33</div> : null}
          </div>
        ))}
      </div>
      <dl className="oe-figure-list">
        <div className="oe-figure">
          <dt>LSL · target · USL</dt>
          <dd>
            {spec(c.lsl)} · {spec(c.target)} · {spec(c.usl)} {c.unit}
          </dd>
        </div>
        <div className="oe-figure">
          <dt>Mean · σ within · σ overall</dt>
          <dd>{chart.capability === null ? noValue : `${formatSpcValue(chart.capability.mean, decimals)} · ${formatSpcValue(chart.capability.sigmaWithin, decimals + 1)} · ${formatSpcValue(chart.capability.sigmaOverall, decimals + 1)}`}</dd>
        </div>
        <div className="oe-figure">
          <dt>Measurements</dt>
          <dd>{formatCount(chart.measurements)}</dd>
        </div>
      </dl>
      <p className="oe-why">Limits: {chart.limitsFrom}</p>
    </section>
  );
}

function RuleList({ chart, timeZone }: { chart: SpcChart; timeZone: string }) {
  const rows = ruleRows(chart.rules, timeZone, chart.kind);
  return (
    <section className="oe-panel oe-rules" data-testid="spc-rules">
      <h2 className="oe-title">
        Rule hits <span className="oe-title-note">{rows.length}</span>
      </h2>
      {rows.length === 0 ? (
        <p className="oe-empty">No run rule fired: the process is in statistical control.</p>
      ) : (
        <ol className="oe-rule-list">
          {rows.map((r) => (
            <li key={r.key} className="oe-rule" data-testid="spc-rule">
              <div className="oe-rule-head">
                <strong>{r.ruleText}</strong> <span className="oe-rule-nelson">({r.nelsonText})</span> · {r.chartText}
              </div>
              <div className="oe-rule-name">{r.name}</div>
              <div className="oe-rule-time">
                {r.timeText} · {r.points} point{r.points === 1 ? '' : 's'}
              </div>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

export function SpcView({ report }: { report: OeeReport }) {
  const picked = useAppState((s) => s.spcTag);
  const setSpcTag = useAppState((s) => s.setSpcTag);
  const characteristics = report.characteristics;
  const tag = characteristics.find((c) => c.tag === picked)?.tag ?? characteristics[0]?.tag ?? null;
  const { chart, error } = useSpcChart(tag, report);
  if (characteristics.length === 0) return <p className="oe-loading">This line has no SPC characteristics configured.</p>;
  const [locationTitle, dispersionTitle] = chartTitles(chart?.kind ?? 'xbar-r');
  return (
    <div className="oe-spc" data-testid="spc-view">
      <div className="oe-spc-main">
        <div className="oe-spc-picker" role="group" aria-label="Characteristic">
          {characteristics.map((c) => (
            <button key={c.tag} type="button" className="oe-seg oe-spc-pick" data-testid="spc-pick" data-tag={c.tag} aria-pressed={c.tag === tag} onClick={() => setSpcTag(c.tag)}>
              {c.name}
              <span className="oe-spc-pick-note">{c.subgroupSize > 1 ? `n = ${c.subgroupSize}` : 'individuals'}</span>
            </button>
          ))}
        </div>
        {error !== null ? (
          <p className="oe-error" role="alert">
            {error}
          </p>
        ) : null}
        {chart === null ? (
          error === null ? <p className="oe-loading">Loading the chart…</p> : null
        ) : chart.location.length === 0 ? (
          <p className="oe-loading">{chart.why ?? 'No measurements in this period.'}</p>
        ) : (
          <section className="oe-panel oe-spc-charts">
            {chart.locationLimits === null ? <p className="oe-why">{chart.why ?? 'Too few subgroups for control limits yet.'}</p> : null}
            <SpcChartSvg title={locationTitle} points={chart.location} limits={chart.locationLimits} flagged={flaggedPoints(chart.rules, 'location')} zones timeZone={report.timeZone} unit={chart.characteristic.unit} height={330} testId="spc-location" />
            <SpcChartSvg title={dispersionTitle} points={chart.dispersion} limits={chart.dispersionLimits} flagged={flaggedPoints(chart.rules, 'dispersion')} zones={false} timeZone={report.timeZone} unit={chart.characteristic.unit} height={220} testId="spc-dispersion" />
          </section>
        )}
      </div>
      {chart !== null && chart.measurements > 0 ? (
        <div className="oe-spc-side">
          <Capability chart={chart} />
          <RuleList chart={chart} timeZone={report.timeZone} />
        </div>
      ) : null}
    </div>
  );
}
