/** The app: creates the stores and the frame loop for a client, runs the session (data and the signed-in account), shows the current screen and the account dialogs. */
import { useEffect, useState } from 'react';
import type { ReactNode } from 'react';
import type { HmiClient } from '../core/contract/index.js';
import { AppServicesContext, useAppState } from './app-context.js';
import type { AppServices } from './app-context.js';
import { FrameLoop } from './live/frame-loop.js';
import { LiveStore } from './live/live-store.js';
import { AlarmBanner, AlarmMessage } from './alarms/alarm-banner.js';
import { AlarmsScreen } from './alarms/alarms-screen.js';
import { startAlarms } from './alarms/start-alarms.js';
import { OeeScreen } from './oee/oee-screen.js';
import { PdmScreen } from './pdm/pdm-screen.js';
import { AssetPage } from './screens/asset-page.js';
import { Overview } from './screens/overview.js';
import { ConnectionBanner, HistorianBanner, StatusBar } from './screens/status-bar.js';
import { TrendsScreen } from './trends/trends-screen.js';
import { ConnectionsScreen } from './opcua/connections-screen.js';
import { ReplayBar } from './replay/replay-bar.js';
import { screenFromHash, syncScreenWithHash } from './session/hash-route.js';
import { startSession } from './session/session.js';
import { startAccounts } from './session/accounts.js';
import { AccountDialogs } from './accounts/session-control.js';
import { AuditScreen } from './accounts/audit-screen.js';
import { UsersScreen } from './accounts/users-screen.js';
import { EngineeringScreen } from './engineering/engineering-screen.js';
import { createAppStore } from './stores/app-store.js';

export interface AppProps {
  client: HmiClient;
  transportLabel: string;
  demo: boolean;
}

/** The page frame; `data-link` lets the stylesheet quieten per-value stale badges while the banner explains a link loss. */
function AppFrame({ demo, children }: { demo: boolean; children: ReactNode }) {
  const connection = useAppState((s) => s.connection);
  return (
    <div className="app" data-demo={demo ? 'true' : 'false'} data-link={connection === 'connected' ? 'up' : 'down'}>
      {children}
    </div>
  );
}

function CurrentScreen() {
  const screen = useAppState((s) => s.screen);
  if (screen.kind === 'trends') return <TrendsScreen />;
  if (screen.kind === 'connections') return <ConnectionsScreen />;
  if (screen.kind === 'users') return <UsersScreen />;
  if (screen.kind === 'audit') return <AuditScreen />;
  if (screen.kind === 'engineering') return <EngineeringScreen />;
  if (screen.kind === 'alarms') return <AlarmsScreen view={screen.view} />;
  if (screen.kind === 'oee') return <OeeScreen view={screen.view} />;
  if (screen.kind === 'maintenance') return <PdmScreen view={screen.view} />;
  return screen.kind === 'asset' ? <AssetPage path={screen.path} /> : <Overview />;
}

export function App({ client, transportLabel, demo }: AppProps) {
  const [services] = useState<AppServices>(() => {
    const store = createAppStore();
    store.getState().setTransport(transportLabel, demo);
    const screen = screenFromHash(window.location.hash);
    if (screen.kind === 'asset') store.getState().showAsset(screen.path);
    if (screen.kind === 'trends') store.getState().showTrends();
    if (screen.kind === 'connections') store.getState().showConnections();
    if (screen.kind === 'users') store.getState().showUsers();
    if (screen.kind === 'audit') store.getState().showAudit();
    if (screen.kind === 'engineering') store.getState().showEngineering();
    if (screen.kind === 'alarms') store.getState().showAlarms(screen.view);
    if (screen.kind === 'oee') store.getState().showOee(screen.view);
    if (screen.kind === 'maintenance') store.getState().showMaintenance(screen.view);
    const live = new LiveStore();
    return { client, store, live, frames: new FrameLoop(live) };
  });

  useEffect(() => {
    services.frames.startStaleChecks();
    const stop = startSession(services);
    const stopAlarms = startAlarms(services);
    const stopRoute = syncScreenWithHash(services.store, window);
    const stopAccounts = startAccounts(services, window);
    return () => {
      stopAccounts();
      stopRoute();
      stopAlarms();
      stop();
      services.frames.stop();
    };
  }, [services]);

  return (
    <AppServicesContext.Provider value={services}>
      <AppFrame demo={demo}>
        <StatusBar />
        <AccountDialogs />
        <ReplayBar />
        <ConnectionBanner />
        <HistorianBanner />
        <AlarmBanner />
        <AlarmMessage />
        <CurrentScreen />
      </AppFrame>
    </AppServicesContext.Provider>
  );
}
