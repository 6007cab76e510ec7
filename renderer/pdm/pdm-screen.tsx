/**
 * The maintenance screens (`#/maintenance`, `#/maintenance/asset/<line>/<asset>`,
 * `#/maintenance/waveform/<line>/<asset>`, `#/maintenance/import`): one header with the two
 * top views (the fleet health with the work requests, and the analysis of a waveform file),
 * and under it the view shown. Each view asks the core for its data itself and stops asking
 * when it unmounts.
 */
import { useAppState } from '../app-context.js';
import type { PdmView } from '../stores/navigation-slice.js';
import { AssetView } from './asset-view.js';
import { FleetView } from './fleet-view.js';
import { ImportView } from './import-view.js';
import { WaveformView } from './waveform-view.js';
import '../oee/oee.css';
import '../oee/oee-stops.css';
import './pdm.css';
import './pdm-asset.css';
import './pdm-charts.css';

const tabs: { page: 'fleet' | 'import'; label: string }[] = [
  { page: 'fleet', label: 'Fleet health' },
  { page: 'import', label: 'Analyse a file' },
];

export function PdmScreen({ view }: { view: PdmView }) {
  const showMaintenance = useAppState((s) => s.showMaintenance);
  const current = view.page === 'import' ? 'import' : 'fleet';
  return (
    <main className="pdm" data-testid="pdm-screen" data-page={view.page}>
      <header className="oe-head">
        <nav className="oe-tabs" aria-label="Maintenance views">
          {tabs.map((t) => (
            <button key={t.page} type="button" className="oe-tab" data-testid={`pdm-view-${t.page}`} aria-current={current === t.page ? 'page' : undefined} onClick={() => showMaintenance({ page: t.page })}>
              {t.label}
            </button>
          ))}
        </nav>
        <span className="pd-head-note">Vibration health · ISO 10816-3 · bearing envelope analysis</span>
      </header>
      <div className="pd-scroll">
        {view.page === 'fleet' ? (
          <FleetView />
        ) : view.page === 'asset' ? (
          <AssetView key={view.asset} asset={view.asset} />
        ) : view.page === 'waveform' ? (
          <WaveformView key={view.asset} asset={view.asset} />
        ) : (
          <ImportView />
        )}
      </div>
    </main>
  );
}
