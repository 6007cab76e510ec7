/**
 * Chooses the transport: the Electron bridge when the preload exposed `window.lineside`,
 * otherwise the WebSocket of `lineside serve` on the page's own host, authenticated by the
 * session token that came in the page link (`?token=…`). The token is kept in
 * sessionStorage (so a reload still works) and removed from the visible address.
 * `?fake=1` explicitly switches to the built-in fake plant for development (`&outage=S`
 * adds a simulated connection loss after S seconds, `&disk=full` a stopped historian,
 * `&history=none` no historian at all, `&uplink=offline|full|none` an unreachable broker, a
 * nearly full uplink queue, no uplink, `&replay=1` a replay of a made-up capture; `&user=viewer`
 * nobody signed in, `&user=maintenance|engineer|admin` that role, `&user=setup` no account yet).
 */
import type { HmiClient, LinesideBridge } from '../../core/contract/index.js';
import { createIpcClient } from './ipc-client.js';
import { createWsClient } from './ws-client.js';

export type PickedClient =
  | { kind: 'client'; client: HmiClient; transportLabel: string; demo: boolean }
  | { kind: 'no-token' };

export const tokenStorageKey = 'lineside.session-token';

type TokenStorage = Pick<Storage, 'getItem' | 'setItem'>;

/**
 * The session token from the page address (remembered in `storage`) or from `storage`.
 * `cleanUrl` is the address without the token when it had one, for history.replaceState.
 */
export function takeToken(href: string, storage: TokenStorage | null): { token: string | null; cleanUrl: string | null } {
  const url = new URL(href);
  const fromUrl = url.searchParams.get('token');
  if (fromUrl !== null && fromUrl !== '') {
    try {
      storage?.setItem(tokenStorageKey, fromUrl);
    } catch {
      // Storage may be unavailable (private mode); the token still works for this page load.
    }
    url.searchParams.delete('token');
    return { token: fromUrl, cleanUrl: url.toString() };
  }
  let stored: string | null;
  try {
    stored = storage?.getItem(tokenStorageKey) ?? null;
  } catch {
    stored = null;
  }
  return { token: stored !== null && stored !== '' ? stored : null, cleanUrl: null };
}

function sessionStorageOf(win: Window): TokenStorage | null {
  try {
    return win.sessionStorage;
  } catch {
    return null;
  }
}

export async function pickClient(win: Window = window): Promise<PickedClient> {
  const bridge = (win as Window & { lineside?: LinesideBridge }).lineside;
  if (bridge !== undefined) return { kind: 'client', client: createIpcClient(bridge), transportLabel: 'IPC', demo: false };

  const params = new URL(win.location.href).searchParams;
  if (params.get('fake') === '1') {
    // Loaded on demand: the fake plant is not part of the normal bundle.
    const { createFakeClient } = await import('../testing/fake-client.js');
    // `&outage=S` drops the fake connection after S seconds for 15 s, to see the screens react.
    const outageS = Number(params.get('outage'));
    const outage = Number.isFinite(outageS) && outageS > 0 ? { afterMs: outageS * 1_000, forMs: 15_000 } : undefined;
    // `&disk=full` reports the historian as stopped (the system alarm for a full disk).
    const historianStopped = params.get('disk') === 'full' ? 'disk full: no space left on the historian volume' : undefined;
    // `&history=none` runs the fake without a historian (history calls fail, as in a plain install).
    const noHistorian = params.get('history') === 'none';
    // `&uplink=offline` an unreachable broker with a growing queue, `full` its queue over 80 %, `none` no uplink configured.
    const uplinkParam = params.get('uplink');
    const uplink = uplinkParam === 'offline' || uplinkParam === 'full' || uplinkParam === 'none' ? uplinkParam : 'online';
    // `&replay=1` replays a made-up capture of the fake line (paused with `&replay=paused`) instead of running live.
    const replayParam = params.get('replay');
    const replay = replayParam === '1' ? true : replayParam === 'paused' ? { playing: false } : undefined;
    // `&user=viewer` nobody signed in; `maintenance`, `engineer`, `admin` that role; `setup` the first run (no account). Default: an operator.
    const userParam = params.get('user');
    const signedIn = userParam === 'viewer' || userParam === 'setup' ? null : userParam === 'maintenance' || userParam === 'engineer' || userParam === 'admin' ? userParam : 'operator';
    const setup = userParam === 'setup';
    return { kind: 'client', client: createFakeClient({ outage, historianStopped, noHistorian, uplink, replay, signedIn, setup }), transportLabel: 'Demo data', demo: true };
  }

  const { token, cleanUrl } = takeToken(win.location.href, sessionStorageOf(win));
  if (cleanUrl !== null) win.history.replaceState(win.history.state, '', cleanUrl);
  if (token === null) return { kind: 'no-token' };
  const scheme = win.location.protocol === 'https:' ? 'wss:' : 'ws:';
  return {
    kind: 'client',
    client: createWsClient(`${scheme}//${win.location.host}`, token),
    transportLabel: 'WebSocket',
    demo: false,
  };
}
