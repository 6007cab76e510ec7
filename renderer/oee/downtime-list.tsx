/**
 * The downtime list: the report's stops, newest first, each with its asset, start, length,
 * state, fault and reason, or an "Unassigned" badge and a "Give reason" button that opens
 * the reason panel (tap 1; tap 2 on a reason there assigns it). A stop with a reason can be
 * changed by a supervisor (engineer and above). A role that may not gets the sign-in dialog
 * with who may instead of the panel. The stops without a reason are counted at the top.
 */
import { useState } from 'react';
import type { DowntimeStop, OeeReport } from '../../core/contract/index.js';
import { stopRows } from './downtime-model.js';
import { unassignedSummary } from './oee-model.js';
import { ReasonPanel } from './reason-panel.js';
import { readOnlyHint, useReadOnly } from '../replay/read-only.js';
import { StateSwatch } from './state-timeline.js';
import { useGate } from '../accounts/gate.js';

export function DowntimeList({ report, reload }: { report: OeeReport; reload(): void }) {
  const [editing, setEditing] = useState<{ stop: DowntimeStop; supervisor: boolean } | null>(null);
  const rows = stopRows(report.stops, report.timeZone, report.from);
  const readOnly = useReadOnly();
  const give = useGate('downtime-reason', 'give downtime reasons');
  const edit = useGate('downtime-reason-edit', 'change a reason someone gave');
  const open = (stop: DowntimeStop, supervisor: boolean) => {
    const gate = supervisor ? edit : give;
    if (gate.allowed) setEditing({ stop, supervisor });
    else gate.ask();
  };
  return (
    <section className="oe-panel oe-downtime" data-testid="oee-stops" aria-label="Downtime">
      <div className="oe-downtime-head">
        <h2 className="oe-title">Downtime</h2>
        <div className="oe-unassigned-count" data-testid="unassigned-count" data-count={report.unassigned.stops} data-open={report.unassigned.stops > 0 ? 'true' : 'false'}>
          {unassignedSummary(report.unassigned)}
        </div>
      </div>
      {rows.length === 0 ? (
        <p className="oe-empty">No stops in this period.</p>
      ) : (
        <ol className="oe-stops">
          {rows.map((row, index) => (
            <li key={row.id} className="oe-stop" data-testid="stop-row" data-stop-id={row.id} data-assigned={row.reasonText === null ? 'false' : 'true'}>
              <div className="oe-stop-what">
                <div className="oe-stop-line1">
                  <span className="oe-stop-asset">{row.assetName}</span>
                  <span className="oe-stop-state">
                    <StateSwatch state={row.state} /> {row.stateText}
                  </span>
                  {row.faultCode !== '' ? <span className="oe-stop-fault">{row.faultCode}</span> : null}
                </div>
                <div className="oe-stop-line2">
                  <span className="oe-stop-start">{row.startText}</span>
                  <span className="oe-stop-duration">{row.durationText}</span>
                  {row.ongoing ? <span className="oe-stop-ongoing">still stopped</span> : null}
                  {row.reasonText === null ? <span className="oe-badge oe-unassigned">Unassigned</span> : null}
                </div>
              </div>
              <div className="oe-stop-reason">
                {row.reasonText === null ? (
                  <button type="button" className="oe-button oe-primary" data-testid={`stop-reason-${index}`} data-stop-id={row.id} data-allowed={give.allowed ? 'true' : 'false'} disabled={readOnly || (!give.allowed && !give.canSignIn)} title={readOnly ? readOnlyHint : (give.hint ?? undefined)} onClick={() => open(row.stop, false)}>
                    Give reason
                  </button>
                ) : (
                  <>
                    <div className="oe-reason-text" data-testid="stop-reason-text">
                      {row.reasonText}
                      <div className="oe-reason-who">
                        {row.givenBy}
                        {row.comment !== null ? ` · “${row.comment}”` : ''}
                        {row.replacedText !== null ? ` · ${row.replacedText}` : ''}
                      </div>
                    </div>
                    <button type="button" className="oe-button oe-quiet" data-testid={`stop-edit-${index}`} data-stop-id={row.id} data-allowed={edit.allowed ? 'true' : 'false'} disabled={readOnly || (!edit.allowed && !edit.canSignIn)} title={readOnly ? readOnlyHint : (edit.hint ?? undefined)} onClick={() => open(row.stop, true)}>
                      Edit (supervisor)
                    </button>
                  </>
                )}
              </div>
            </li>
          ))}
        </ol>
      )}
      {editing !== null && !readOnly ? (
        <ReasonPanel
          stop={editing.stop}
          supervisor={editing.supervisor}
          timeZone={report.timeZone}
          periodFrom={report.from}
          onClose={() => setEditing(null)}
          onAssigned={() => {
            setEditing(null);
            reload();
          }}
        />
      ) : null}
    </section>
  );
}
