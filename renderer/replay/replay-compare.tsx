/**
 * "Recorded vs replayed": a panel over the screen, opened from the replay bar, with what
 * the capture recorded live against what the replay computed up to the replay clock —
 * alarm activations per alarm id (those that differ first, highlighted), OEE per line
 * (A/P/Q/OEE) and the newest health score per asset. Asked for when opened and by
 * "Refresh"; Escape or "Close" closes it.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ReplayComparison } from '../../core/contract/index.js';
import { useAppState, useServices } from '../app-context.js';
import { PriorityChip } from '../alarms/alarm-dialogs.js';
import { assetName } from '../alarms/alarm-model.js';
import { formatTimestamp } from '../live/format.js';
import { alarmCompareRows, comparisonSummary, healthCompareRows, oeeCompareRows, oeeFigureKeys, oeeFigureLabels } from './compare-model.js';
import './replay-dialogs.css';

function AlarmTable({ comparison }: { comparison: ReplayComparison }) {
  const rows = alarmCompareRows(comparison.alarms.rows);
  return (
    <section className="rc-section" aria-label="Alarms">
      <h3 className="rc-title">Alarm activations</h3>
      {rows.length === 0 ? (
        <p className="rc-empty">No alarm was raised in the span, recorded or replayed.</p>
      ) : (
        <table className="rc-table" data-testid="replay-compare-alarms">
          <thead>
            <tr>
              <th>Alarm</th>
              <th>Priority</th>
              <th className="rc-num">Recorded</th>
              <th className="rc-num">Replayed</th>
              <th className="rc-num">Difference</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.alarmId} data-testid="replay-compare-alarm" data-alarm-id={row.alarmId} data-differs={row.differs ? 'true' : 'false'}>
                <td className="rc-id">{row.alarmId}</td>
                <td>
                  <PriorityChip priority={row.priority} />
                </td>
                <td className="rc-num">{row.recorded}</td>
                <td className="rc-num">{row.replayed}</td>
                <td className="rc-num rc-delta">{row.deltaText}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr data-differs={comparison.alarms.recordedTotal !== comparison.alarms.replayedTotal ? 'true' : 'false'}>
              <td colSpan={2}>Total</td>
              <td className="rc-num">{comparison.alarms.recordedTotal}</td>
              <td className="rc-num">{comparison.alarms.replayedTotal}</td>
              <td />
            </tr>
          </tfoot>
        </table>
      )}
    </section>
  );
}

function OeeTable({ comparison, lineName }: { comparison: ReplayComparison; lineName(path: string): string }) {
  const rows = oeeCompareRows(comparison.oee.rows);
  return (
    <section className="rc-section" aria-label="OEE">
      <h3 className="rc-title">OEE per line</h3>
      {rows.length === 0 ? (
        <p className="rc-empty">No line has OEE.</p>
      ) : (
        <table className="rc-table" data-testid="replay-compare-oee">
          <thead>
            <tr>
              <th>Line</th>
              <th />
              {oeeFigureKeys.map((key) => (
                <th key={key} className="rc-num">
                  {oeeFigureLabels[key]}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.flatMap((row) =>
              (['recorded', 'replayed'] as const).map((side) => (
                <tr key={`${row.line}-${side}`} data-testid="replay-compare-oee-row" data-line={row.line} data-side={side} data-differs={row.differs ? 'true' : 'false'}>
                  <td className="rc-line">{side === 'recorded' ? lineName(row.line) : ''}</td>
                  <td className="rc-side">{side === 'recorded' ? 'Recorded' : 'Replayed'}</td>
                  {oeeFigureKeys.map((key) => (
                    <td key={key} className="rc-num" data-differs={row.cells[key].differs ? 'true' : 'false'}>
                      {row.cells[key][side]}
                    </td>
                  ))}
                </tr>
              )),
            )}
          </tbody>
        </table>
      )}
    </section>
  );
}

function HealthTable({ comparison, name }: { comparison: ReplayComparison; name(path: string): string }) {
  const rows = healthCompareRows(comparison.health.rows);
  return (
    <section className="rc-section" aria-label="Health">
      <h3 className="rc-title">Asset health (newest score)</h3>
      {rows.length === 0 ? (
        <p className="rc-empty">No asset is under vibration monitoring.</p>
      ) : (
        <table className="rc-table" data-testid="replay-compare-health">
          <thead>
            <tr>
              <th>Asset</th>
              <th className="rc-num">Recorded</th>
              <th className="rc-num">Replayed</th>
              <th className="rc-num">Difference</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.asset} data-testid="replay-compare-health-row" data-asset={row.asset} data-differs={row.differs ? 'true' : 'false'}>
                <td title={row.asset}>{name(row.asset)}</td>
                <td className="rc-num">{row.recorded}</td>
                <td className="rc-num">{row.replayed}</td>
                <td className="rc-num rc-delta">{row.deltaText}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

export function ReplayCompare({ onClose }: { onClose(): void }) {
  const { client } = useServices();
  const plant = useAppState((s) => s.plant);
  const [comparison, setComparison] = useState<ReplayComparison | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const close = useRef<HTMLButtonElement>(null);
  useEffect(() => close.current?.focus(), []);

  const load = useCallback(() => {
    setLoading(true);
    void client.replayComparison({}).then((result) => {
      setLoading(false);
      if (result.ok) {
        setComparison(result.value);
        setError(null);
      } else setError(`The comparison could not be made: ${result.error.message}`);
    });
  }, [client]);

  useEffect(load, [load]);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => event.key === 'Escape' && onClose();
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);

  const lineName = (path: string) => plant?.lines.find((line) => line.path === path)?.name ?? path;
  const name = (path: string) => assetName(plant, path);
  return (
    <div className="modal-backdrop">
      <div className="rp-modal rc-panel" role="dialog" aria-modal="true" aria-label="Recorded vs replayed" data-testid="replay-compare" data-loading={loading ? 'true' : 'false'}>
        <div className="rp-modal-head">
          <h2 className="rp-modal-title">
            Recorded vs replayed
            {comparison !== null ? (
              <span className="rp-modal-sub">
                {formatTimestamp(comparison.from, comparison.to)} – {formatTimestamp(comparison.to, comparison.to)}
                {comparison.config === 'capture' ? ' · the capture’s config' : ` · what-if config ${comparison.config}`}
              </span>
            ) : null}
          </h2>
          <button type="button" className="rp-modal-button" data-testid="replay-compare-refresh" disabled={loading} onClick={load}>
            {loading ? 'Refreshing…' : 'Refresh'}
          </button>
          <button ref={close} type="button" className="rp-modal-button" data-testid="replay-compare-close" onClick={onClose}>
            Close
          </button>
        </div>
        {error !== null ? (
          <p className="rp-modal-error" role="alert" data-testid="replay-compare-error">
            {error}
          </p>
        ) : null}
        {comparison === null ? (
          error === null ? <p className="rc-empty">Comparing…</p> : null
        ) : (
          <>
            <p className="rc-summary" data-testid="replay-compare-summary">
              {comparisonSummary(comparison)}
            </p>
            <div className="rc-body">
              <AlarmTable comparison={comparison} />
              <div className="rc-side-col">
                <OeeTable comparison={comparison} lineName={lineName} />
                <HealthTable comparison={comparison} name={name} />
              </div>
            </div>
          </>
        )}
      </div>
    </div>
  );
}
