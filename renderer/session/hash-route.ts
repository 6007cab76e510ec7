/**
 * Keeps the current screen in the address hash (`#/asset/line1/filler`, `#/trends`, `#/alarms`,
 * `#/alarms/journal`, `#/alarms/health`, `#/oee`, `#/oee/report`, `#/oee/spc`, `#/maintenance`,
 * `#/maintenance/asset/line1/motor`, `#/maintenance/waveform/line1/motor`, `#/maintenance/import`, `#/users`, `#/audit`, `#/engineering`), so that the browser's back button and a reload
 * return to the same screen.
 */
import type { AppStore } from '../stores/app-store.js';
import type { AlarmView, OeeView, PdmView, Screen } from '../stores/navigation-slice.js';

const assetPrefix = '#/asset/';
const trendsHash = '#/trends';
const connectionsHash = '#/connections';
const usersHash = '#/users';
const auditHash = '#/audit';
const engineeringHash = '#/engineering';
const alarmsHash = '#/alarms';
const alarmViewHashes: Record<AlarmView, string> = { active: alarmsHash, journal: `${alarmsHash}/journal`, health: `${alarmsHash}/health` };
const oeeHash = '#/oee';
const oeeViewHashes: Record<OeeView, string> = { line: oeeHash, report: `${oeeHash}/report`, spc: `${oeeHash}/spc` };
const pdmHash = '#/maintenance';
const pdmAssetPrefix = `${pdmHash}/asset/`;
const pdmWaveformPrefix = `${pdmHash}/waveform/`;
const pdmImportHash = `${pdmHash}/import`;
const assetPathPattern = /^[A-Za-z0-9_.-]+(\/[A-Za-z0-9_.-]+)*$/;

/** The asset path after `prefix`, or null when the hash has another prefix or the path is not one. */
function assetAfter(hash: string, prefix: string): string | null {
  if (!hash.startsWith(prefix)) return null;
  let path: string;
  try {
    path = decodeURIComponent(hash.slice(prefix.length));
  } catch {
    return null;
  }
  return assetPathPattern.test(path) ? path : null;
}

function pdmViewFromHash(hash: string): PdmView | null {
  if (hash === pdmHash) return { page: 'fleet' };
  if (hash === pdmImportHash) return { page: 'import' };
  const asset = assetAfter(hash, pdmAssetPrefix);
  if (asset !== null) return { page: 'asset', asset };
  const waveform = assetAfter(hash, pdmWaveformPrefix);
  if (waveform !== null) return { page: 'waveform', asset: waveform };
  return null;
}

function pdmHashOf(view: PdmView): string {
  if (view.page === 'asset') return `${pdmAssetPrefix}${view.asset}`;
  if (view.page === 'waveform') return `${pdmWaveformPrefix}${view.asset}`;
  return view.page === 'import' ? pdmImportHash : pdmHash;
}

export function screenFromHash(hash: string): Screen {
  if (hash === trendsHash || hash.startsWith(`${trendsHash}?`)) return { kind: 'trends' };
  if (hash === connectionsHash) return { kind: 'connections' };
  if (hash === usersHash) return { kind: 'users' };
  if (hash === auditHash) return { kind: 'audit' };
  if (hash === engineeringHash) return { kind: 'engineering' };
  for (const [view, viewHash] of Object.entries(alarmViewHashes)) if (hash === viewHash) return { kind: 'alarms', view: view as AlarmView };
  for (const [view, viewHash] of Object.entries(oeeViewHashes)) if (hash === viewHash) return { kind: 'oee', view: view as OeeView };
  const pdm = pdmViewFromHash(hash);
  if (pdm !== null) return { kind: 'maintenance', view: pdm };
  const path = assetAfter(hash, assetPrefix);
  return path === null ? { kind: 'overview' } : { kind: 'asset', path };
}

export function hashFromScreen(screen: Screen): string {
  if (screen.kind === 'trends') return trendsHash;
  if (screen.kind === 'connections') return connectionsHash;
  if (screen.kind === 'users') return usersHash;
  if (screen.kind === 'audit') return auditHash;
  if (screen.kind === 'engineering') return engineeringHash;
  if (screen.kind === 'alarms') return alarmViewHashes[screen.view];
  if (screen.kind === 'oee') return oeeViewHashes[screen.view];
  if (screen.kind === 'maintenance') return pdmHashOf(screen.view);
  return screen.kind === 'asset' ? `${assetPrefix}${screen.path}` : '';
}

/** Starts two-way sync between the store's screen and `win.location.hash`; returns the stop function. */
export function syncScreenWithHash(store: AppStore, win: Window): () => void {
  const apply = () => {
    const screen = screenFromHash(win.location.hash);
    const current = store.getState().screen;
    if (hashFromScreen(current) !== hashFromScreen(screen)) {
      if (screen.kind === 'asset') store.getState().showAsset(screen.path);
      else if (screen.kind === 'trends') store.getState().showTrends();
      else if (screen.kind === 'connections') store.getState().showConnections();
      else if (screen.kind === 'users') store.getState().showUsers();
      else if (screen.kind === 'audit') store.getState().showAudit();
      else if (screen.kind === 'engineering') store.getState().showEngineering();
      else if (screen.kind === 'alarms') store.getState().showAlarms(screen.view);
      else if (screen.kind === 'oee') store.getState().showOee(screen.view);
      else if (screen.kind === 'maintenance') store.getState().showMaintenance(screen.view);
      else store.getState().showOverview();
    }
  };
  apply();
  win.addEventListener('hashchange', apply);
  const off = store.subscribe((state, prev) => {
    if (state.screen === prev.screen) return;
    const hash = hashFromScreen(state.screen);
    if (hash === (win.location.hash === '#' ? '' : win.location.hash)) return;
    const url = new URL(win.location.href);
    url.hash = hash;
    win.history.pushState(null, '', url.toString());
  });
  return () => {
    win.removeEventListener('hashchange', apply);
    off();
  };
}
