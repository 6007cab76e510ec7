/**
 * The OEE screen's period header: the period's label and the plant's time zone, paging to
 * the previous and next period (the report says which), the span (shift, hour, day, week)
 * and "Now", back to the period under way. The choice lives in the store's OEE slice.
 */
import { oeeSpans } from '../../core/contract/index.js';
import type { OeeReport, OeeSpan } from '../../core/contract/index.js';
import { useAppState } from '../app-context.js';
import { zoneText } from './oee-model.js';

const spanWords: Record<OeeSpan, string> = { shift: 'Shift', hour: 'Hour', day: 'Day', week: 'Week' };

export function PeriodBar({ report }: { report: OeeReport | null }) {
  const span = useAppState((s) => s.oeeSpan);
  const at = useAppState((s) => s.oeeAt);
  const setOeePeriod = useAppState((s) => s.setOeePeriod);
  const live = report !== null && report.nextAt === null;
  return (
    <div className="oe-period" data-testid="oee-period">
      <button type="button" className="oe-button oe-page" data-testid="oee-prev" disabled={report === null} onClick={() => report !== null && setOeePeriod(span, report.previousAt)} aria-label="Previous period">
        ◀
      </button>
      <div className="oe-period-text">
        <div className="oe-period-label" data-testid="oee-period-label">
          {report?.label ?? '…'}
          {live ? <span className="oe-live">Under way</span> : null}
        </div>
        <div className="oe-period-zone">{report === null ? '' : `${report.lineName} · ${zoneText(report.timeZone, report.from)}`}</div>
      </div>
      <button type="button" className="oe-button oe-page" data-testid="oee-next" disabled={report?.nextAt == null} onClick={() => report?.nextAt != null && setOeePeriod(span, report.nextAt)} aria-label="Next period">
        ▶
      </button>
      <div className="oe-segmented" role="group" aria-label="Period length">
        {oeeSpans.map((s) => (
          <button key={s} type="button" className="oe-seg" data-testid={`oee-span-${s}`} aria-pressed={span === s} onClick={() => setOeePeriod(s, at)}>
            {spanWords[s]}
          </button>
        ))}
      </div>
      <button type="button" className="oe-button" data-testid="oee-now" disabled={at === null} onClick={() => setOeePeriod(span, null)}>
        Now
      </button>
    </div>
  );
}
