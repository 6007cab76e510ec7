/**
 * The Connections screen (engineers and technicians): connect to an OPC UA server, decide
 * about its certificate when it is not trusted yet (nothing is trusted silently), browse its
 * address space and add picked variables to an asset of the plant. The certificates the app
 * keeps are listed with their validity, so an expiring one is seen before it stops a line.
 * Above the address space, the outbound conduit (Sparkplug B uplink): its state and queue.
 * Changing the plant's connections is for engineers and above: others see the uplink and a
 * way to sign in, and the screen asks the core nothing it would refuse.
 */
import { useCallback, useEffect, useState } from 'react';
import type { CertificateInfo, OpcuaConnection, OpcuaEndpointInfo } from '../../core/contract/index.js';
import { useServices } from '../app-context.js';
import { AddPanel, type PickedVariable } from './add-panel.js';
import { AddressSpace } from './address-space.js';
import { CertificatePrompt, CertificateList } from './certificates.js';
import { UplinkPanel } from './uplink-panel.js';
import { useGate } from '../accounts/gate.js';
import './connections.css';

type Phase =
  | { kind: 'idle' }
  | { kind: 'connecting' }
  | { kind: 'untrusted'; certificate: CertificateInfo }
  | { kind: 'connected'; browserId: number; securityMode: string; securityPolicy: string }
  | { kind: 'failed'; message: string };

const defaultEndpoint = 'opc.tcp://127.0.0.1:4840';

/** What a role that may not change the plant's connections sees instead of the OPC UA panels. */
function SignInNeeded({ hint, canSignIn, onSignIn }: { hint: string; canSignIn: boolean; onSignIn(): void }) {
  return (
    <section className="conn-panel perm-hint" data-testid="connections-sign-in" aria-label="Sign in to change connections">
      <h1 className="conn-title">OPC UA server</h1>
      <p>{hint}: connecting to servers, trusting their certificates and adding variables to the plant change its configuration.</p>
      {canSignIn ? (
        <button type="button" className="conn-button conn-primary" data-testid="connections-sign-in-button" onClick={onSignIn}>
          Sign in…
        </button>
      ) : null}
    </section>
  );
}

export function ConnectionsScreen() {
  const gate = useGate('change-config', 'connect to OPC UA servers');
  if (!gate.allowed) {
    return (
      <main className="connections" data-testid="connections">
        <aside className="conn-side">
          <SignInNeeded hint={gate.hint ?? ''} canSignIn={gate.canSignIn} onSignIn={gate.ask} />
        </aside>
        <section className="conn-main" aria-label="Uplink">
          <UplinkPanel />
        </section>
      </main>
    );
  }
  return <OpcuaConnections />;
}

function OpcuaConnections() {
  const { client } = useServices();
  const [endpointUrl, setEndpointUrl] = useState(defaultEndpoint);
  const [endpoints, setEndpoints] = useState<OpcuaEndpointInfo[] | null>(null);
  const [choice, setChoice] = useState<string>('auto');
  const [userKind, setUserKind] = useState<'anonymous' | 'username'>('anonymous');
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [phase, setPhase] = useState<Phase>({ kind: 'idle' });
  const [discoverError, setDiscoverError] = useState<string | null>(null);
  const [certificates, setCertificates] = useState<CertificateInfo[]>([]);
  const [picked, setPicked] = useState<PickedVariable[]>([]);

  const refreshCertificates = useCallback(async () => {
    const result = await client.opcuaCertificates({});
    if (result.ok) setCertificates(result.value);
  }, [client]);

  useEffect(() => {
    void refreshCertificates();
  }, [refreshCertificates]);

  // A browse connection belongs to this screen: close it when the screen goes.
  const browserId = phase.kind === 'connected' ? phase.browserId : undefined;
  useEffect(() => {
    if (browserId === undefined) return;
    return () => void client.opcuaDisconnect({ browserId });
  }, [client, browserId]);

  const connection = (): OpcuaConnection => {
    const [securityMode, securityPolicy] = choice === 'auto' ? ['auto', 'auto'] : choice.split('|');
    return {
      endpointUrl: endpointUrl.trim(),
      securityMode: securityMode as OpcuaConnection['securityMode'],
      securityPolicy: securityPolicy as OpcuaConnection['securityPolicy'],
      user: userKind === 'username' ? { kind: 'username', username, password } : { kind: 'anonymous' },
    };
  };

  const discover = async () => {
    setDiscoverError(null);
    setEndpoints(null);
    const result = await client.opcuaDiscover({ endpointUrl: endpointUrl.trim() });
    if (!result.ok) return setDiscoverError(result.error.message);
    setEndpoints(result.value);
    setChoice('auto');
  };

  const connect = async () => {
    setPhase({ kind: 'connecting' });
    setPicked([]);
    const result = await client.opcuaConnect(connection());
    await refreshCertificates();
    if (!result.ok) return setPhase({ kind: 'failed', message: result.error.message });
    if (result.value.state === 'untrusted') return setPhase({ kind: 'untrusted', certificate: result.value.certificate });
    setPhase({ kind: 'connected', browserId: result.value.browserId, securityMode: result.value.securityMode, securityPolicy: result.value.securityPolicy });
  };

  const decide = async (thumbprint: string, trust: boolean) => {
    const result = await client.opcuaTrust({ thumbprint, trust });
    await refreshCertificates();
    if (!result.ok) return setPhase({ kind: 'failed', message: result.error.message });
    if (trust) await connect();
    else setPhase({ kind: 'failed', message: 'The server certificate was rejected; no connection was made.' });
  };

  const connected = phase.kind === 'connected' ? phase : null;
  return (
    <main className="connections" data-testid="connections">
      <aside className="conn-side">
        <section className="conn-panel" aria-label="Connect to an OPC UA server">
          <h1 className="conn-title">OPC UA server</h1>
          <label className="conn-field">
            <span className="field-label">Endpoint URL</span>
            <input
              className="conn-input"
              data-testid="endpoint-url"
              value={endpointUrl}
              spellCheck={false}
              onChange={(event) => {
                setEndpointUrl(event.target.value);
                setEndpoints(null);
              }}
            />
          </label>
          <button type="button" className="conn-button" data-testid="discover" onClick={() => void discover()}>
            Find endpoints
          </button>
          {discoverError ? (
            <p className="conn-error" role="alert">
              {discoverError}
            </p>
          ) : null}
          {endpoints ? (
            <fieldset className="conn-endpoints" data-testid="endpoints">
              <legend className="field-label">Security</legend>
              <label className="conn-option">
                <input type="radio" name="endpoint" checked={choice === 'auto'} onChange={() => setChoice('auto')} />
                <span>
                  Most secure offered <em>(recommended)</em>
                </span>
              </label>
              {endpoints.map((endpoint) => {
                const key = `${endpoint.securityMode}|${endpoint.securityPolicy}`;
                return (
                  <label key={key} className="conn-option">
                    <input type="radio" name="endpoint" data-testid={`endpoint-${endpoint.securityMode}-${endpoint.securityPolicy}`} checked={choice === key} onChange={() => setChoice(key)} />
                    <span>
                      {endpoint.securityMode === 'None' ? 'No security' : `${endpoint.securityMode}, ${endpoint.securityPolicy}`}
                      {endpoint.securityMode === 'None' ? <em className="conn-warn"> — readable by anyone on the network</em> : null}
                    </span>
                  </label>
                );
              })}
            </fieldset>
          ) : null}
          <fieldset className="conn-endpoints">
            <legend className="field-label">User</legend>
            <label className="conn-option">
              <input type="radio" name="user" checked={userKind === 'anonymous'} onChange={() => setUserKind('anonymous')} />
              <span>Anonymous</span>
            </label>
            <label className="conn-option">
              <input type="radio" name="user" data-testid="user-username" checked={userKind === 'username'} onChange={() => setUserKind('username')} />
              <span>User name and password</span>
            </label>
            {userKind === 'username' ? (
              <div className="conn-credentials">
                <input className="conn-input" data-testid="username" placeholder="user name" value={username} autoComplete="off" onChange={(e) => setUsername(e.target.value)} />
                <input className="conn-input" data-testid="password" placeholder="password" type="password" value={password} autoComplete="off" onChange={(e) => setPassword(e.target.value)} />
              </div>
            ) : null}
          </fieldset>
          <button type="button" className="conn-button conn-primary" data-testid="connect" disabled={phase.kind === 'connecting'} onClick={() => void connect()}>
            {phase.kind === 'connecting' ? 'Connecting…' : connected ? 'Reconnect' : 'Connect'}
          </button>
          <p className="conn-state" data-testid="connection-state" role="status">
            {phase.kind === 'connected'
              ? `Connected: ${phase.securityMode}${phase.securityMode === 'None' ? '' : `, ${phase.securityPolicy}`}`
              : phase.kind === 'failed'
                ? phase.message
                : phase.kind === 'untrusted'
                  ? 'Waiting for your decision about the server certificate'
                  : 'Not connected'}
          </p>
        </section>
        <CertificateList certificates={certificates} onDecide={(thumbprint, trust) => void decide(thumbprint, trust)} />
      </aside>
      <section className="conn-main" aria-label="Address space">
        <UplinkPanel />
        {connected ? (
          <>
            <AddressSpace browserId={connected.browserId} picked={picked} onPick={setPicked} />
            <AddPanel browserId={connected.browserId} picked={picked} onPicked={setPicked} />
          </>
        ) : (
          <div className="conn-empty">Connect to a server to browse its variables and add them to the plant.</div>
        )}
      </section>
      {phase.kind === 'untrusted' ? (
        <CertificatePrompt certificate={phase.certificate} onTrust={() => void decide(phase.certificate.thumbprint, true)} onReject={() => void decide(phase.certificate.thumbprint, false)} />
      ) : null}
    </main>
  );
}
