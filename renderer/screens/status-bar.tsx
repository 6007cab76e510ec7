/**
 * The status bar on every screen: where we are (site, area, line), the screens (overview,
 * trends, alarms, OEE, maintenance, connections; users, audit and engineering for those who may), who is
 * signed in (the sign-in control), the runtime clock, the driver, historian and
 * uplink health, the transport and the connection state.
 */
import { useEffect, useRef } from 'react';
import type { ConnectionState } from '../../core/contract/index.js';
import { useAppState, useServices } from '../app-context.js';
import { formatClockDate, formatClockTime } from '../live/format.js';
import { linesTitle } from '../plant/plant-lookup.js';
import { driverSummary } from '../session/driver-summary.js';
import { historianSummary } from '../session/historian-summary.js';
import { uplinkSummary } from '../session/uplink-summary.js';
import { validityText } from '../opcua/certificates.js';
import { runtimeClockAt } from '../stores/runtime-clock.js';
import { sessionMay } from '../stores/session-slice.js';
import { SessionControl } from '../accounts/session-control.js';

const connectionText: Record<ConnectionState, string> = {
  connected: 'Connected',
  connecting: 'Connecting…',
  disconnected: 'Disconnected',
};

/** The runtime's clock, ticking locally between status polls (painted, not re-rendered). */
function RuntimeClock() {
  const { store } = useServices();
  const time = useRef<HTMLSpanElement>(null);
  const date = useRef<HTMLSpanElement>(null);
  const mode = useAppState((s) => s.status?.mode);

  useEffect(() => {
    const paint = () => {
      // Replay: the replay clock, at its speed (the replay bar shows it large as well).
      const now = runtimeClockAt(store.getState(), performance.now()) ?? Number.NaN;
      const t = formatClockTime(now);
      const d = formatClockDate(now);
      if (time.current !== null && time.current.textContent !== t) time.current.textContent = t;
      if (date.current !== null && date.current.textContent !== d) date.current.textContent = d;
    };
    paint();
    const timer = setInterval(paint, 250);
    const off = store.subscribe((s, prev) => {
      if (s.status !== prev.status || s.replay !== prev.replay) paint();
    });
    return () => {
      clearInterval(timer);
      off();
    };
  }, [store]);

  return (
    <div className="sb-clock" data-testid="runtime-clock" title="Runtime clock (local time)">
      {mode === 'replay' ? <span className="sb-replay">REPLAY</span> : null}
      <span ref={time} className="sb-time" />
      <span ref={date} className="sb-date" />
    </div>
  );
}

/** Overview, Trends, Alarms, OEE, Maintenance and Connections: the top-level screens, one tap each. */
function ScreenNav() {
  const screen = useAppState((s) => s.screen.kind);
  const showOverview = useAppState((s) => s.showOverview);
  const showTrends = useAppState((s) => s.showTrends);
  const showConnections = useAppState((s) => s.showConnections);
  const showAlarms = useAppState((s) => s.showAlarms);
  const showOee = useAppState((s) => s.showOee);
  const showMaintenance = useAppState((s) => s.showMaintenance);
  const showUsers = useAppState((s) => s.showUsers);
  const showAudit = useAppState((s) => s.showAudit);
  const users = useAppState((s) => sessionMay(s.session, 'manage-users'));
  const audit = useAppState((s) => sessionMay(s.session, 'audit-view'));
  const showEngineering = useAppState((s) => s.showEngineering);
  const engineering = useAppState((s) => sessionMay(s.session, 'change-config'));
  return (
    <nav className="sb-nav" aria-label="Screens">
      <button type="button" className="sb-nav-button" data-testid="nav-overview" aria-current={screen === 'overview' ? 'page' : undefined} onClick={showOverview}>
        Overview
      </button>
      <button type="button" className="sb-nav-button" data-testid="nav-trends" aria-current={screen === 'trends' ? 'page' : undefined} onClick={showTrends}>
        Trends
      </button>
      <button type="button" className="sb-nav-button" data-testid="nav-alarms" aria-current={screen === 'alarms' ? 'page' : undefined} onClick={() => showAlarms()}>
        Alarms
      </button>
      <button type="button" className="sb-nav-button" data-testid="nav-oee" aria-current={screen === 'oee' ? 'page' : undefined} onClick={() => showOee()}>
        OEE
      </button>
      <button type="button" className="sb-nav-button" data-testid="nav-maintenance" aria-current={screen === 'maintenance' ? 'page' : undefined} onClick={() => showMaintenance()}>
        Maintenance
      </button>
      <button type="button" className="sb-nav-button" data-testid="nav-connections" aria-current={screen === 'connections' ? 'page' : undefined} onClick={showConnections}>
        Connections
      </button>
      {users ? (
        <button type="button" className="sb-nav-button sb-nav-admin" data-testid="nav-users" aria-current={screen === 'users' ? 'page' : undefined} onClick={showUsers}>
          Users
        </button>
      ) : null}
      {audit ? (
        <button type="button" className="sb-nav-button sb-nav-admin" data-testid="nav-audit" aria-current={screen === 'audit' ? 'page' : undefined} onClick={showAudit}>
          Audit
        </button>
      ) : null}
      {engineering ? (
        <button type="button" className="sb-nav-button sb-nav-admin" data-testid="nav-engineering" aria-current={screen === 'engineering' ? 'page' : undefined} onClick={showEngineering}>
          Engineering
        </button>
      ) : null}
    </nav>
  );
}

/** Historian size; red only when it stopped storing (a full disk, a read-only file), with the reason. */
function HistorianItem() {
  const historian = useAppState((s) => s.status?.historian);
  const connection = useAppState((s) => s.connection);
  if (historian === undefined) return null;
  const summary = historianSummary(historian);
  return (
    <div
      className="sb-item sb-historian"
      data-testid="historian-status"
      data-state={summary.state}
      data-stale={connection === 'connected' ? 'false' : 'true'}
      title={summary.detail}
    >
      {summary.text}
    </div>
  );
}

/**
 * The outbound conduit (Sparkplug B uplink), only when the config has one: grey while online,
 * amber while offline or waiting for the SCADA host, red when its queue is nearly full. The
 * details are in the tooltip and, one tap away, on the Connections screen.
 */
function UplinkItem() {
  const uplink = useAppState((s) => s.status?.uplink);
  const clockNow = useAppState((s) => s.status?.clockNow);
  const connection = useAppState((s) => s.connection);
  const showConnections = useAppState((s) => s.showConnections);
  if (uplink === undefined || clockNow === undefined) return null;
  const summary = uplinkSummary(uplink, clockNow);
  // "Uplink" | " offline" | " · 1,234 queued": a narrow bar stacks the first two and drops the third.
  const nameEnd = summary.short.indexOf(' ');
  const name = summary.short.slice(0, nameEnd);
  const what = summary.short.slice(nameEnd);
  const more = summary.text.slice(summary.short.length);
  return (
    <button
      type="button"
      className="sb-item sb-uplink"
      data-testid="uplink-status"
      data-state={summary.state}
      data-level={summary.level}
      data-stale={connection === 'connected' ? 'false' : 'true'}
      title={summary.detail}
      onClick={showConnections}
    >
      <span className="sb-uplink-text">
        <span className="sb-uplink-name">{name}</span>
        <span className="sb-uplink-what">{what}</span>
        {more === '' ? null : <span className="sb-uplink-more">{more}</span>}
      </span>
    </button>
  );
}

/** A certificate that expires within 30 days (or has): amber, with which one; nothing otherwise. */
function CertificateItem() {
  const certificates = useAppState((s) => s.status?.certificates);
  const showConnections = useAppState((s) => s.showConnections);
  const expiring = (certificates ?? []).map((c) => ({ c, v: validityText(c) })).filter(({ v }) => v.warn);
  if (expiring.length === 0) return null;
  const first = expiring[0]!;
  const who = first.c.status === 'own' ? 'Our OPC UA certificate' : `Certificate of ${first.c.subject}`;
  return (
    <button type="button" className="sb-item sb-certificate" data-testid="certificate-status" title={expiring.map(({ c, v }) => `${c.subject}: ${v.text}`).join('\n')} onClick={showConnections}>
      {who} {first.v.text}
      {expiring.length > 1 ? ` (+${expiring.length - 1})` : ''}
    </button>
  );
}

export function StatusBar() {
  const plant = useAppState((s) => s.plant);
  const connection = useAppState((s) => s.connection);
  const transportLabel = useAppState((s) => s.transportLabel);
  const demo = useAppState((s) => s.demo);
  const drivers = useAppState((s) => s.status?.drivers);
  const statusError = useAppState((s) => s.statusError);
  const summary = drivers === undefined ? null : driverSummary(drivers);

  return (
    <header className="status-bar" data-testid="status-bar">
      <div className="sb-brand" aria-label="Lineside">
        LINESIDE
      </div>
      <div className="sb-plant" data-testid="plant-name">
        {plant === null ? (
          <span className="sb-muted">Plant not loaded</span>
        ) : (
          <>
            <span className="sb-muted">{plant.site}</span>
            <span className="sb-sep">›</span>
            <span className="sb-muted">{plant.area}</span>
            <span className="sb-sep">›</span>
            <span className="sb-line">{linesTitle(plant)}</span>
          </>
        )}
      </div>
      <ScreenNav />
      {demo ? (
        <div className="sb-demo" data-testid="demo-banner" title="?fake=1: a simulated plant inside the browser, not the runtime">
          DEMO<span className="sb-demo-more"> DATA</span>
        </div>
      ) : null}
      <div className="sb-spacer" />
      <div
        className="sb-item sb-drivers"
        data-testid="driver-health"
        data-state={summary?.state ?? 'unknown'}
        data-stale={connection === 'connected' ? 'false' : 'true'}
        title={statusError ?? summary?.detail ?? 'No system status yet'}
      >
        <span className="sb-dot" aria-hidden="true" />
        {summary?.text ?? 'Drivers —'}
      </div>
      <HistorianItem />
      <UplinkItem />
      <CertificateItem />
      {/* In demo mode the DEMO DATA badge already says where the data comes from. */}
      <div className="sb-item sb-transport" data-testid="transport" hidden={demo}>
        {transportLabel}
      </div>
      <SessionControl />
      <div className="sb-item sb-connection" data-testid="connection" data-state={connection}>
        <span className="sb-dot" aria-hidden="true" />
        {connectionText[connection]}
      </div>
      <RuntimeClock />
    </header>
  );
}

/** The historian's system alarm: a red band with the reason while it does not store (full disk, read-only file). */
export function HistorianBanner() {
  const historian = useAppState((s) => s.status?.historian);
  const alarm = historian === undefined ? null : historianSummary(historian).alarm;
  if (alarm === null) return null;
  return (
    <div className="banner banner-alarm" data-testid="historian-alarm" role="alert">
      {alarm}
    </div>
  );
}

/** A band under the status bar while the link to the runtime is lost after having worked. */
export function ConnectionBanner() {
  const connection = useAppState((s) => s.connection);
  const everConnected = useAppState((s) => s.everConnected);
  const plantError = useAppState((s) => s.plantError);
  if (everConnected && connection !== 'connected') {
    return (
      <div className="banner banner-alarm" data-testid="connection-banner" role="alert">
        Connection to the runtime lost — values on screen are not live. Reconnecting…
      </div>
    );
  }
  if (plantError !== null && connection === 'connected') {
    return (
      <div className="banner banner-attention" data-testid="load-error" role="alert">
        {plantError}
      </div>
    );
  }
  return null;
}
