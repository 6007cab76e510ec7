/**
 * The state timeline: one row per asset over the report's period (Gantt-like), a row of
 * the calendar's shifts with their breaks above them, the time axis in the plant's time
 * zone, a line at "now" on a period under way, and the legend. Colours follow the
 * timeline classes in oee.css: running quiet grey, losses coloured, planned time hatched.
 */
import type { OeeReport, OeeState } from '../../core/contract/index.js';
import { formatZoneTime, stateWords } from './oee-model.js';
import { axisTicks, calendarBands, legendStates, nowPosition, timelineBlocks } from './timeline-model.js';

function Axis({ report }: { report: OeeReport }) {
  const ticks = axisTicks(report.from, report.to, report.timeZone, report.span === 'week' ? 7 : 9);
  return (
    <div className="oe-tl-row oe-tl-axis-row" aria-hidden="true">
      <div className="oe-tl-name" />
      <div className="oe-tl-axis">
        {ticks.map((t) => (
          <span key={t.at} className="oe-tl-tick" data-major={t.major ? 'true' : 'false'} style={{ left: `${t.left}%` }}>
            {t.label}
          </span>
        ))}
      </div>
    </div>
  );
}

function Gridlines({ report }: { report: OeeReport }) {
  const ticks = axisTicks(report.from, report.to, report.timeZone, report.span === 'week' ? 7 : 9);
  const now = nowPosition(report);
  return (
    <>
      {ticks.map((t) => (
        <span key={t.at} className="oe-tl-grid" data-major={t.major ? 'true' : 'false'} style={{ left: `${t.left}%` }} />
      ))}
      {now !== null ? <span className="oe-tl-now" style={{ left: `${now}%` }} /> : null}
    </>
  );
}

function ShiftRow({ report }: { report: OeeReport }) {
  const length = Math.max(1, report.to - report.from);
  const bands = calendarBands(report.shifts, report.from, report.to);
  return (
    <div className="oe-tl-row oe-tl-shift-row">
      <div className="oe-tl-name">Shifts</div>
      <div className="oe-tl-track oe-tl-shifts">
        {report.shifts
          .filter((s) => s.to > report.from && s.from < report.to)
          .map((s) => {
            const left = (100 * (Math.max(report.from, s.from) - report.from)) / length;
            const width = (100 * (Math.min(report.to, s.to) - Math.max(report.from, s.from))) / length;
            return (
              <span key={s.from} className="oe-tl-shift" style={{ left: `${left}%`, width: `${width}%` }} title={`${s.name} ${formatZoneTime(s.from, report.timeZone)}–${formatZoneTime(s.to, report.timeZone)}`}>
                {width > 6 ? s.name : ''}
              </span>
            );
          })}
        {bands.map((b, i) => (
          <span key={i} className="oe-tl-band" data-kind={b.kind} style={{ left: `${b.left}%`, width: `${b.width}%` }} title={b.name} />
        ))}
      </div>
    </div>
  );
}

export function StateSwatch({ state }: { state: OeeState }) {
  return <span className="oe-swatch oe-state" data-state={state} aria-hidden="true" />;
}

export function StateTimeline({ report }: { report: OeeReport }) {
  const future = nowPosition(report);
  return (
    <section className="oe-panel oe-timeline" data-testid="oee-timeline" aria-label="State timeline">
      <h2 className="oe-title">State timeline</h2>
      <div className="oe-tl">
        <div className="oe-tl-body">
          <ShiftRow report={report} />
          {report.assets.map((row) => (
            <div key={row.asset} className="oe-tl-row" data-testid="timeline-row" data-asset={row.asset}>
              <div className="oe-tl-name" data-constraint={row.asset === report.constraint ? 'true' : 'false'}>
                {row.name}
              </div>
              <div className="oe-tl-track">
                {timelineBlocks(row.timeline, report.from, report.to).map((b) => (
                  <span key={b.from} className="oe-tl-block oe-state" data-state={b.state} style={{ left: `${b.left}%`, width: `${b.width}%` }} title={b.title} />
                ))}
                {future !== null ? <span className="oe-tl-future" style={{ left: `${future}%` }} /> : null}
              </div>
            </div>
          ))}
          <div className="oe-tl-overlay" aria-hidden="true">
            <Gridlines report={report} />
          </div>
        </div>
        <Axis report={report} />
      </div>
      <ul className="oe-legend" aria-label="Legend">
        {legendStates.map((s) => (
          <li key={s}>
            <StateSwatch state={s} /> {stateWords[s]}
          </li>
        ))}
        <li>
          <span className="oe-swatch oe-tl-band" data-kind="break" aria-hidden="true" /> Break
        </li>
      </ul>
    </section>
  );
}
