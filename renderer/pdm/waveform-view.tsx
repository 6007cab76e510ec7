/**
 * The waveform viewer (`#/maintenance/waveform/<line>/<asset>`): the asset's newest
 * vibration snapshot, the whole record drawn from its min/max columns and the detail window
 * of raw samples, which the controls move and resize (each change asks the core for that
 * stretch, in pieces when it is longer than one answer holds; the last picture stays while
 * the next is on its way).
 */
import { useEffect, useState } from 'react';
import type { WaveformView as Waveform } from '../../core/contract/index.js';
import { useAppState, useServices } from '../app-context.js';
import { useWidth } from '../components/use-width.js';
import { findAsset } from '../plant/plant-lookup.js';
import { formatWhen, localTimeZone, refusalText } from './fleet-model.js';
import { BackButton, Panel, useRuntimeNow } from './pdm-parts.js';
import { WaveformCharts } from './waveform-charts.js';

/** Columns of the whole record: about one per pixel of the chart. */
function columnsFor(width: number): number {
  return Math.max(16, Math.min(8192, Math.round(width)));
}

export function WaveformView({ asset }: { asset: string }) {
  const { client } = useServices();
  const connection = useAppState((s) => s.connection);
  const showMaintenance = useAppState((s) => s.showMaintenance);
  const [ref, width] = useWidth<HTMLDivElement>(1600);
  const [detail, setDetail] = useState({ fromS: 0, lengthS: 0.1 });
  const [answer, setAnswer] = useState<{ at: number; view: Waveform; asset: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const now = useRuntimeNow();
  const name = useAppState((s) => (s.plant === null ? undefined : findAsset(s.plant, asset)?.asset.name)) ?? asset;
  const columns = columnsFor(width);

  useEffect(() => {
    if (connection !== 'connected') return;
    let current = true;
    setBusy(true);
    void client.pdmWaveform({ asset, detailFromS: detail.fromS, detailS: detail.lengthS, columns }).then((result) => {
      if (!current) return;
      setBusy(false);
      if (result.ok) {
        setAnswer({ ...result.value, asset });
        setError(null);
      } else setError(refusalText(result.error, 'The waveform could not be loaded'));
    });
    return () => {
      current = false;
    };
  }, [client, connection, asset, detail, columns]);

  const shown = answer !== null && answer.asset === asset ? answer : null;
  return (
    <div className="pd-page" data-testid="waveform-view" data-asset={asset}>
      <header className="pd-page-head">
        <BackButton label="Asset health" testId="pdm-back" onClick={() => showMaintenance({ page: 'asset', asset })} />
        <div className="page-title">
          <h1>{name} · waveform</h1>
          <p className="page-desc">{shown === null ? 'Newest vibration snapshot' : `Newest vibration snapshot, ${formatWhen(shown.at, now, localTimeZone())}`}</p>
        </div>
      </header>
      {error !== null ? (
        <p className="oe-error" role="alert" data-testid="pdm-error">
          {error}
        </p>
      ) : null}
      <div ref={ref}>
        {shown === null ? (
          error === null ? (
            <p className="oe-loading">Loading the waveform…</p>
          ) : null
        ) : (
          <Panel title="Acceleration waveform" note={`${shown.view.unit}`}>
            <WaveformCharts view={shown.view} detailFromS={detail.fromS} detailS={detail.lengthS} busy={busy} onDetail={(fromS, lengthS) => setDetail({ fromS, lengthS })} />
          </Panel>
        )}
      </div>
    </div>
  );
}
