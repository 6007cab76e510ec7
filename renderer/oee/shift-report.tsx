/**
 * The shift report (`#/oee/report`): a printable page of the same line and period: the
 * title (line, period, time zone), the KPI table against the targets, every asset's
 * figures, the six big losses, the Pareto and the full stop list with reasons, comments
 * and who gave them. "Print / PDF" opens the browser's print dialog; oee-report.css's print rules
 * leave only this page, black on white on A4.
 */
import type { OeeReport, OeeResult } from '../../core/contract/index.js';
import { stopRows } from './downtime-model.js';
import { LossPareto, SixBigLosses } from './loss-panels.js';
import { formatCount, formatDuration, formatEnergy, formatPercent, formatZoneDateTime, kpiFigures, noValue, unknownTimeRow, zoneText } from './oee-model.js';

function kpiRows(report: OeeReport, result: OeeResult | null): { label: string; value: string; target?: string; below?: boolean }[] {
  const figures = kpiFigures(result, report.targets, report.why);
  const rows: { label: string; value: string; target?: string; below?: boolean }[] = figures.map((f) => ({ label: f.label, value: f.value === null ? `${noValue} (${f.why ?? 'not known'})` : f.text, target: f.targetText, below: f.below }));
  if (result === null) return rows;
  const q = result.quantities;
  rows.push(
    { label: 'Planned busy time', value: formatDuration(result.times.plannedBusyMs) },
    { label: 'Actual production time', value: formatDuration(result.times.actualProductionMs) },
  );
  const unknown = unknownTimeRow(result);
  if (unknown) rows.push({ label: `${unknown.label} (${unknown.why})`, value: unknown.value });
  rows.push(
    { label: 'Produced', value: formatCount(q.produced) },
    { label: 'Good', value: formatCount(q.good) },
    { label: 'Rejects', value: formatCount(q.rejects) },
    { label: 'First-pass yield', value: formatPercent(result.firstPassYield) },
    { label: 'Scrap rate', value: formatPercent(result.scrapRate, 2) },
  );
  if (result.energyPerGoodUnit !== null) rows.push({ label: 'Energy per good unit', value: formatEnergy(result.energyPerGoodUnit) });
  rows.push(
    { label: 'MTBF', value: formatDuration(result.reliability.mtbfMs) },
    { label: 'MTTR', value: formatDuration(result.reliability.mttrMs) },
    { label: 'Failures', value: formatCount(result.reliability.failures) },
    { label: 'Micro-stops', value: formatCount(result.reliability.microStops) },
  );
  return rows;
}

function AssetTable({ report }: { report: OeeReport }) {
  return (
    <table className="oe-table oe-report-table" data-testid="report-assets">
      <thead>
        <tr>
          <th>Asset</th>
          <th className="oe-num">A</th>
          <th className="oe-num">P</th>
          <th className="oe-num">Q</th>
          <th className="oe-num">OEE</th>
          <th className="oe-num">Produced</th>
          <th className="oe-num">Rejects</th>
          <th className="oe-num">Breakdowns</th>
          <th className="oe-num">Failures</th>
          <th className="oe-num">MTTR</th>
        </tr>
      </thead>
      <tbody>
        {report.assets.map((a) => (
          <tr key={a.asset}>
            <td>
              {a.name}
              {a.asset === report.constraint ? <span className="oe-report-note"> (constraint)</span> : null}
            </td>
            <td className="oe-num">{formatPercent(a.figures.availability)}</td>
            <td className="oe-num">{formatPercent(a.figures.performance)}</td>
            <td className="oe-num">{formatPercent(a.figures.quality)}</td>
            <td className="oe-num">{formatPercent(a.figures.oee)}</td>
            <td className="oe-num">{formatCount(a.figures.quantities.produced)}</td>
            <td className="oe-num">{formatCount(a.figures.quantities.rejects)}</td>
            <td className="oe-num">{formatDuration(a.figures.losses.breakdownsMs)}</td>
            <td className="oe-num">{a.figures.reliability.failures}</td>
            <td className="oe-num">{formatDuration(a.figures.reliability.mttrMs)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function StopTable({ report }: { report: OeeReport }) {
  const rows = stopRows(report.stops, report.timeZone, report.from);
  return (
    <table className="oe-table oe-report-table" data-testid="report-stops">
      <thead>
        <tr>
          <th>Start</th>
          <th>Asset</th>
          <th className="oe-num">Duration</th>
          <th>State</th>
          <th>Fault</th>
          <th>Reason</th>
          <th>Comment</th>
          <th>Given by</th>
        </tr>
      </thead>
      <tbody>
        {rows.length === 0 ? (
          <tr>
            <td colSpan={8}>No stops in this period.</td>
          </tr>
        ) : (
          rows.map((r) => (
            <tr key={r.id} data-stop-id={r.id}>
              <td>{r.startText}</td>
              <td>{r.assetName}</td>
              <td className="oe-num">
                {r.durationText}
                {r.ongoing ? ' (still stopped)' : ''}
              </td>
              <td>{r.stateText}</td>
              <td>{r.faultCode}</td>
              <td>{r.reasonText ?? <span className="oe-badge oe-unassigned">Unassigned</span>}</td>
              <td>{r.comment ?? ''}</td>
              <td>
                {r.givenBy ?? ''}
                {r.replacedText !== null ? ` (${r.replacedText})` : ''}
              </td>
            </tr>
          ))
        )}
      </tbody>
    </table>
  );
}

export function ShiftReport({ report }: { report: OeeReport }) {
  const result = report.result;
  return (
    <article className="oe-report" data-testid="shift-report">
      <header className="oe-report-head">
        <div>
          <h1 className="oe-report-title">
            {report.lineName} — {report.label}
          </h1>
          <p className="oe-report-sub">
            {formatZoneDateTime(report.from, report.timeZone)} to {formatZoneDateTime(report.to, report.timeZone)} · {zoneText(report.timeZone, report.from)}
            {report.nextAt === null ? ` · under way, data to ${formatZoneDateTime(report.until, report.timeZone)}` : ''}
          </p>
          <p className="oe-report-sub">
            {report.constraint === null ? (report.why ?? 'No constraint configured') : `Line figures are the constraint's (${report.assets.find((a) => a.asset === report.constraint)?.name ?? report.constraint}).`} ISO 22400-2.
          </p>
        </div>
        <button type="button" className="oe-button oe-primary oe-print" data-testid="report-print" onClick={() => window.print()}>
          Print / PDF
        </button>
      </header>
      <div className="oe-report-grid">
        <section className="oe-report-section">
          <h2 className="oe-title">Key figures</h2>
          <table className="oe-table oe-report-table oe-kpi-table" data-testid="report-kpis">
            <thead>
              <tr>
                <th>Figure</th>
                <th className="oe-num">Value</th>
                <th className="oe-num">Target</th>
              </tr>
            </thead>
            <tbody>
              {kpiRows(report, result).map((r) => (
                <tr key={r.label} data-below={r.below ? 'true' : 'false'}>
                  <td>{r.label}</td>
                  <td className="oe-num">
                    {r.value}
                    {r.below ? ' ▼' : ''}
                  </td>
                  <td className="oe-num">{r.target ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
        <div className="oe-report-side">
          <section className="oe-report-section">
            <h2 className="oe-title">Assets</h2>
            <AssetTable report={report} />
          </section>
          {result !== null ? <SixBigLosses result={result} /> : null}
          <LossPareto report={report} />
        </div>
      </div>
      <section className="oe-report-section">
        <h2 className="oe-title">
          Stops <span className="oe-title-note">{report.stops.length} · newest first · {report.unassigned.stops} without a reason</span>
        </h2>
        <StopTable report={report} />
      </section>
    </article>
  );
}
