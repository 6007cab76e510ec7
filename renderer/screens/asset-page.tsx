/**
 * L3 asset page: the asset's state and every one of its tags with live value, quality, trend
 * and source time; an asset with a vibration waveform links to its health page (L4). A tag
 * enabled for writes has "Set…" (operator and above; others get the sign-in dialog), which
 * opens the write confirmation.
 */
import { useState } from 'react';
import type { AssetInfo, TagInfo } from '../../core/contract/index.js';
import { useAppState } from '../app-context.js';
import { StateTile } from '../components/state-tile.js';
import { formatInterval } from '../live/format.js';
import { LiveQuality, LiveTimestamp } from '../live/live-text.js';
import { LiveValue } from '../live/live-value.js';
import { Sparkline } from '../live/sparkline.js';
import { findAsset, tagWithRole } from '../plant/plant-lookup.js';
import { useGate } from '../accounts/gate.js';
import { readOnlyHint, useReadOnly } from '../replay/read-only.js';
import { WriteDialog } from '../writes/write-dialog.js';

function BackButton() {
  const showOverview = useAppState((s) => s.showOverview);
  return (
    <button type="button" className="back" data-testid="back" onClick={showOverview}>
      <span aria-hidden="true">‹</span> Overview
    </button>
  );
}

function VibrationHealthButton({ path }: { path: string }) {
  const showMaintenance = useAppState((s) => s.showMaintenance);
  return (
    <button type="button" className="back" data-testid="open-vibration-health" onClick={() => showMaintenance({ page: 'asset', asset: path })}>
      Vibration health <span aria-hidden="true">›</span>
    </button>
  );
}

function hasTrend(tag: TagInfo): boolean {
  return tag.dataType !== 'string' && tag.dataType !== 'waveform' && (tag.states === undefined || tag.states.length === 0);
}

/** "Set…" for a writable tag: the write confirmation, or the sign-in dialog for a role that may not write. */
function SetButton({ tag }: { tag: TagInfo }) {
  const gate = useGate('write-tags', 'change setpoints');
  const readOnly = useReadOnly();
  const [open, setOpen] = useState(false);
  return (
    <>
      <button
        type="button"
        className="tag-set"
        data-testid="tag-set"
        data-allowed={gate.allowed ? 'true' : 'false'}
        disabled={readOnly || (!gate.allowed && !gate.canSignIn)}
        title={readOnly ? readOnlyHint : (gate.hint ?? `Set ${tag.description || tag.name}`)}
        onClick={() => (gate.allowed ? setOpen(true) : gate.ask())}
      >
        Set…
      </button>
      {open && gate.allowed ? <WriteDialog tag={tag} onClose={() => setOpen(false)} /> : null}
    </>
  );
}

function TagRow({ tag }: { tag: TagInfo }) {
  const waveform = tag.dataType === 'waveform';
  return (
    <tr className="tag-row" data-testid="tag-row" data-tag={tag.path}>
      <td className="tag-name">
        <div className="tag-id">{tag.name}</div>
        <div className="tag-desc">{tag.description}</div>
      </td>
      <td className="tag-value">
        {waveform ? (
          <span className="waveform-info" data-testid="waveform-info">
            snapshot every {formatInterval(tag.sampleRateMs)}
          </span>
        ) : (
          <LiveValue tag={tag} />
        )}
        {tag.writable ? <SetButton tag={tag} /> : null}
      </td>
      <td className="tag-quality">
        <LiveQuality path={tag.path} />
      </td>
      <td className="tag-trend">{hasTrend(tag) ? <Sparkline path={tag.path} className="row-spark" /> : null}</td>
      <td className="tag-ts">
        <LiveTimestamp path={tag.path} prefix={waveform ? 'last ' : ''} />
      </td>
    </tr>
  );
}

function AssetBody({ asset }: { asset: AssetInfo }) {
  const state = tagWithRole(asset, 'state');
  const fault = tagWithRole(asset, 'fault');
  const rate = tagWithRole(asset, 'rate');
  return (
    <div className="page-body">
      <aside className="page-side">
        <div className="field-label">Machine state</div>
        <StateTile state={state} fault={fault} size="page" />
        {rate !== undefined ? (
          <div className="side-rate">
            <div className="field-label">{rate.unit.endsWith('/min') ? 'Rate' : 'Speed'}</div>
            <LiveValue tag={rate} className="reading-xl" />
            <Sparkline path={rate.path} className="side-spark" />
          </div>
        ) : null}
        <div className="side-meta">
          <div>
            <span className="field-label">Kind</span> {asset.kind}
          </div>
          <div>
            <span className="field-label">Tags</span> {asset.tags.length}
          </div>
        </div>
      </aside>
      <table className="tag-table" data-testid="tag-table">
        <thead>
          <tr>
            <th scope="col">Tag</th>
            <th scope="col" className="num">
              Value
            </th>
            <th scope="col">Quality</th>
            <th scope="col">Trend (5 min)</th>
            <th scope="col">Source time</th>
          </tr>
        </thead>
        <tbody>
          {asset.tags.map((tag) => (
            <TagRow key={tag.path} tag={tag} />
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function AssetPage({ path }: { path: string }) {
  const plant = useAppState((s) => s.plant);
  const found = plant === null ? undefined : findAsset(plant, path);
  return (
    <main className="asset-page" data-testid="asset-page" data-asset={path}>
      <div className="page-head">
        <BackButton />
        <div className="page-title">
          <h1>{found?.asset.name ?? path}</h1>
          <p className="page-desc">{found?.asset.description ?? (plant === null ? 'Waiting for the plant model…' : 'This asset is not in the plant model.')}</p>
        </div>
        {found !== undefined ? <div className="screen-level">{found.line.name} · Asset detail</div> : null}
        {found !== undefined && tagWithRole(found.asset, 'waveform') !== undefined ? <VibrationHealthButton path={path} /> : null}
      </div>
      {found !== undefined ? <AssetBody asset={found.asset} /> : null}
    </main>
  );
}
