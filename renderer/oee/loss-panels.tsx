/**
 * Where the time went: the loss Pareto (downtime by reason, largest first, with the
 * cumulative share; stops without a reason marked "Unassigned" by their fault or state)
 * and the six big losses of the line's constraint as bars.
 */
import type { OeeReport, OeeResult } from '../../core/contract/index.js';
import { sixBigLosses } from './oee-model.js';
import { formatShare, paretoRows } from './pareto-model.js';

const categoryWords = { availability: 'Availability', performance: 'Performance', quality: 'Quality' } as const;

export function LossPareto({ report }: { report: OeeReport }) {
  const rows = paretoRows(report.pareto);
  return (
    <section className="oe-panel oe-pareto" data-testid="oee-pareto" aria-label="Loss Pareto">
      <h2 className="oe-title">
        Downtime by reason <span className="oe-title-note">all assets, largest first</span>
      </h2>
      {rows.length === 0 ? (
        <p className="oe-empty">No downtime in this period.</p>
      ) : (
        <ol className="oe-bars">
          {rows.map((r) => (
            <li key={r.key} className="oe-bar-row" data-testid="pareto-bar" data-key={r.key} data-assigned={r.assigned ? 'true' : 'false'}>
              <div className="oe-bar-label">
                {r.assigned ? null : <span className="oe-badge oe-unassigned">Unassigned</span>}
                <span className="oe-bar-text">{r.label}</span>
              </div>
              <div className="oe-bar-track">
                <div className="oe-bar-fill" style={{ width: `${r.barPercent}%` }} />
              </div>
              <div className="oe-bar-value">
                <strong>{r.durationText}</strong>
                <span className="oe-bar-meta">
                  {r.stops} stop{r.stops === 1 ? '' : 's'} · {formatShare(r.percent)} · cum. {formatShare(r.cumulativePercent)}
                </span>
              </div>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

export function SixBigLosses({ result }: { result: OeeResult }) {
  const rows = sixBigLosses(result);
  return (
    <section className="oe-panel oe-losses" data-testid="oee-losses" aria-label="Six big losses">
      <h2 className="oe-title">Six big losses</h2>
      <table className="oe-table oe-loss-table">
        <tbody>
          {rows.map((r) => (
            <tr key={r.key}>
              <td className="oe-loss-cat">{categoryWords[r.category]}</td>
              <td className="oe-loss-name">{r.label}</td>
              <td className="oe-loss-bar">
                <div className="oe-bar-track oe-bar-small">
                  <div className="oe-bar-fill" style={{ width: `${r.barPercent}%` }} />
                </div>
              </td>
              <td className="oe-num">{r.text}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
