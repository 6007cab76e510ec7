/**
 * Fleet health (`#/maintenance`): every asset under vibration monitoring, worst first as the
 * core ranks them, one row each that opens the asset's page: the health number large with
 * its condition in words, the ISO zone letter with its meaning, the velocity, the diagnosis
 * in words and the remaining life, the open work requests and the time of the last snapshot.
 * Beside it (under it on a narrower screen) the work requests, open first. Both are asked
 * for at once and every 10 s while shown.
 */
import { useAppState } from '../app-context.js';
import { fleetRow, fleetSummary, localTimeZone } from './fleet-model.js';
import type { FleetRow } from './fleet-model.js';
import { LevelChip, useRuntimeNow } from './pdm-parts.js';
import { askFleet } from './pdm-poller.js';
import { usePolled } from './use-polled.js';
import { WorkRequestList } from './work-requests.js';

function FleetRowButton({ row, onOpen }: { row: FleetRow; onOpen(): void }) {
  return (
    <li>
      <button type="button" className="pd-fleet-row" data-testid="fleet-row" data-asset={row.asset} data-condition={row.condition} data-level={row.level} onClick={onOpen}>
        <span className="pd-fleet-health">
          <span className="pd-health-number" data-testid="fleet-health">
            {row.healthText}
          </span>
          <LevelChip level={row.level} text={row.conditionText} testId="fleet-condition" />
        </span>
        <span className="pd-fleet-main">
          <span className="pd-fleet-name">
            {row.name} <span className="pd-fleet-line">{row.lineName}</span>
          </span>
          <span className="pd-fleet-summary" data-testid="fleet-summary">
            {row.summary}
          </span>
          <span className="pd-fleet-life">
            <span className="field-label">Remaining life</span> {row.remainingLife}
          </span>
        </span>
        <span className="pd-fleet-zone" data-level={row.zoneLevel}>
          <span className="pd-zone-letter pd-zone-small" data-level={row.zoneLevel} data-testid="fleet-zone">
            {row.zoneText}
          </span>
          <span className="pd-fleet-zone-words">
            <span className="pd-fleet-velocity">{row.velocityText}</span>
            <span className="pd-fleet-meaning">{row.zoneMeaning}</span>
          </span>
        </span>
        <span className="pd-fleet-side">
          <span className="pd-fleet-requests" data-open={row.openWorkRequests > 0 ? 'true' : 'false'}>
            {row.workRequestsText}
          </span>
          <span className="pd-fleet-when">{row.lastSnapshotText}</span>
        </span>
        <span className="pd-fleet-open" aria-hidden="true">
          ›
        </span>
      </button>
    </li>
  );
}

export function FleetView() {
  const showMaintenance = useAppState((s) => s.showMaintenance);
  const { value: picture, error, reload } = usePolled(askFleet, 'The fleet health could not be loaded', 'fleet');
  const now = useRuntimeNow();
  const timeZone = localTimeZone();
  const open = (asset: string) => showMaintenance({ page: 'asset', asset });
  const openRequests = picture?.requests.filter((r) => r.status === 'open').length ?? 0;

  return (
    <div className="pd-fleet-layout" data-testid="fleet-view">
      <section className="pd-fleet" aria-label="Fleet health">
        <h2 className="pd-section-title">
          Fleet health <span className="oe-title-note">{picture === null ? '' : `${fleetSummary(picture.fleet)} · worst first`}</span>
        </h2>
        {error !== null ? (
          <p className="oe-error" role="alert" data-testid="pdm-error">
            {error}
          </p>
        ) : null}
        {picture === null ? (
          error === null ? (
            <p className="oe-loading">Loading the fleet…</p>
          ) : null
        ) : picture.fleet.length === 0 ? (
          <p className="oe-empty">No asset is under vibration monitoring: give an asset a waveform tag and its bearing in the plant configuration.</p>
        ) : (
          <>
            <div className="pd-fleet-header" aria-hidden="true">
              <span className="field-label">Health</span>
              <span className="field-label">Asset and diagnosis</span>
              <span className="field-label">ISO zone · velocity</span>
              <span className="field-label">Work requests · last snapshot</span>
            </div>
            <ol className="pd-fleet-list" data-testid="fleet">
              {picture.fleet.map((entry) => (
                <FleetRowButton key={entry.asset} row={fleetRow(entry, now, timeZone)} onOpen={() => open(entry.asset)} />
              ))}
            </ol>
          </>
        )}
      </section>
      <section className="pd-side" aria-label="Work requests">
        <h2 className="pd-section-title">
          Work requests <span className="oe-title-note">{picture === null ? '' : `${openRequests} open`}</span>
        </h2>
        {picture !== null ? <WorkRequestList requests={picture.requests} now={now} timeZone={timeZone} reload={reload} openAsset={open} /> : null}
      </section>
    </div>
  );
}
