/**
 * Opening an OPC UA session the way a device is configured: ask the server for its
 * endpoints (GetEndpoints over an unsecured channel, which every server allows for
 * discovery), pick the endpoint the settings call for ('auto' = the most secure one
 * offered), check the server certificate against our trust list (an untrusted one is a
 * refusal, never a silent accept), then connect and activate the session with the
 * configured user. Shared by the driver and the UI's browser.
 *
 * The client never reconnects by itself (maxRetry 0): whoever holds the session notices
 * the loss and opens a new one, which is simpler to reason about than node-opcua's
 * repair of the old one (see driver.ts).
 */
import { readFileSync } from 'node:fs';
import {
  type ClientSession,
  type EndpointDescription,
  MessageSecurityMode,
  OPCUAClient,
  type UserIdentityInfo,
  UserTokenType,
} from 'node-opcua';
import { LinesideError } from '../../model/errors.js';
import { APPLICATION_NAME, checkServerCertificate, describeCertificate, firstCertificate, toDer, type OpcuaPki } from './pki.js';
import type { OpcuaSettings, OpcuaUser } from './settings.js';
import { OpcuaCertificateUntrustedError, type OpcuaCertificate, type OpcuaEndpoint } from './types.js';

type Mode = OpcuaEndpoint['securityMode'];

const modeNames: Record<number, Mode> = {
  [MessageSecurityMode.None]: 'None',
  [MessageSecurityMode.Sign]: 'Sign',
  [MessageSecurityMode.SignAndEncrypt]: 'SignAndEncrypt',
};
const modeRank: Record<Mode, number> = { None: 0, Sign: 1, SignAndEncrypt: 2 };
/** The policies we speak, weakest first; others (deprecated Basic128Rsa15, Basic256) are never chosen. */
const policyRank = ['None', 'Aes128_Sha256_RsaOaep', 'Basic256Sha256', 'Aes256_Sha256_RsaPss'];
const tokenNames: Record<number, OpcuaEndpoint['userTokens'][number] | undefined> = {
  [UserTokenType.Anonymous]: 'anonymous',
  [UserTokenType.UserName]: 'username',
  [UserTokenType.Certificate]: 'certificate',
};
const userKindOf: Record<OpcuaUser['kind'], OpcuaEndpoint['userTokens'][number]> = { anonymous: 'anonymous', username: 'username', certificate: 'certificate' };

export interface OpenSession {
  client: OPCUAClient;
  session: ClientSession;
  endpoint: OpcuaEndpoint;
  /** The server certificate, when the channel is secured. */
  serverCertificate?: OpcuaCertificate;
  /** How long connecting took, ms (discovery, channel, session). */
  connectMs: number;
}

export function policyName(uri: string | null | undefined): string {
  return (uri ?? '').split('#').pop() || 'None';
}

export function toEndpoint(description: EndpointDescription): OpcuaEndpoint {
  const tokens = (description.userIdentityTokens ?? []).map((t) => tokenNames[t.tokenType]).filter((t): t is OpcuaEndpoint['userTokens'][number] => t !== undefined);
  return {
    endpointUrl: description.endpointUrl ?? '',
    securityMode: modeNames[description.securityMode] ?? 'None',
    securityPolicy: policyName(description.securityPolicyUri),
    securityLevel: description.securityLevel,
    userTokens: [...new Set(tokens)],
  };
}

/** Most secure first: by mode, then the server's securityLevel, then policy strength. */
export function compareEndpoints(a: OpcuaEndpoint, b: OpcuaEndpoint): number {
  return modeRank[b.securityMode] - modeRank[a.securityMode] || b.securityLevel - a.securityLevel || policyRank.indexOf(b.securityPolicy) - policyRank.indexOf(a.securityPolicy);
}

/** Rejects after `ms` with `what` unless the promise settles first. */
export function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  return Promise.race([promise, new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`${what}: no answer within ${ms} ms`)), ms)))]).finally(() => clearTimeout(timer));
}

function clientOptions(pki: OpcuaPki, requestTimeoutMs: number) {
  return {
    applicationName: APPLICATION_NAME,
    applicationUri: pki.applicationUri,
    clientName: APPLICATION_NAME,
    clientCertificateManager: pki.manager,
    certificateFile: pki.certificateFile,
    privateKeyFile: pki.privateKeyFile,
    connectionStrategy: { maxRetry: 0, initialDelay: 100, maxDelay: 200 },
    endpointMustExist: false,
    defaultTransactionTimeout: requestTimeoutMs,
    // (transportTimeout stays node-opcua's 60 s: it closes a socket idle that long, and a
    // dead server is the keep-alive watchdog's to notice, not an idle-socket timer's.)
  };
}

/** Disconnects without waiting longer than `ms`, and without throwing. */
export async function closeQuietly(client: OPCUAClient, session?: ClientSession, ms = 2000): Promise<void> {
  try {
    if (session) await withTimeout(session.close(true), ms, 'close session').catch(() => undefined);
    await withTimeout(client.disconnect(), ms, 'disconnect');
  } catch {
    // the server is gone already: nothing left to release on our side that disconnect has not released
  }
}

/** The server's endpoints (GetEndpoints over an unsecured channel), in the server's order. */
export async function getEndpoints(pki: OpcuaPki, endpointUrl: string, requestTimeoutMs: number): Promise<EndpointDescription[]> {
  const client = OPCUAClient.create(clientOptions(pki, requestTimeoutMs));
  try {
    await withTimeout(client.connect(endpointUrl), requestTimeoutMs, `connect to ${endpointUrl}`);
    return await withTimeout(client.getEndpoints(), requestTimeoutMs, `GetEndpoints from ${endpointUrl}`);
  } catch (error) {
    throw new Error(`cannot reach ${endpointUrl}: ${oneLine(error)}`, { cause: error });
  } finally {
    await closeQuietly(client);
  }
}

/** The endpoint the settings call for, or an Error that says what the server offers instead. */
export function selectEndpoint(descriptions: readonly EndpointDescription[], settings: Pick<OpcuaSettings, 'securityMode' | 'securityPolicy' | 'user'>): EndpointDescription {
  const wantedToken = userKindOf[settings.user.kind];
  const candidates = descriptions
    .map((description) => ({ description, endpoint: toEndpoint(description) }))
    .filter(({ endpoint }) => policyRank.includes(endpoint.securityPolicy))
    .filter(({ endpoint }) => settings.securityMode === 'auto' || endpoint.securityMode === settings.securityMode)
    .filter(({ endpoint }) => settings.securityPolicy === 'auto' || endpoint.securityPolicy === settings.securityPolicy)
    .filter(({ endpoint }) => endpoint.userTokens.includes(wantedToken))
    .sort((a, b) => compareEndpoints(a.endpoint, b.endpoint));
  if (candidates.length > 0) return candidates[0]!.description;
  const offered = descriptions.map(toEndpoint).map((e) => `${e.securityMode} ${e.securityPolicy} (${e.userTokens.join('/') || 'no user tokens'})`);
  throw new LinesideError(
    'opcua-no-endpoint',
    `the server offers no endpoint with security mode ${settings.securityMode}, policy ${settings.securityPolicy} and ${wantedToken} login; it offers: ${offered.join(', ') || 'nothing'}`,
  );
}

function userIdentity(user: OpcuaUser): UserIdentityInfo {
  if (user.kind === 'username') return { type: UserTokenType.UserName, userName: user.username, password: user.password };
  if (user.kind === 'certificate') {
    let certificateData: Buffer;
    let privateKey: string;
    try {
      certificateData = toDer(readFileSync(user.certificateFile));
      privateKey = readFileSync(user.privateKeyFile, 'utf8');
    } catch (error) {
      throw new LinesideError('opcua-user-certificate', `cannot read the user certificate or key: ${(error as Error).message}`);
    }
    return { type: UserTokenType.Certificate, certificateData, privateKey };
  }
  return { type: UserTokenType.Anonymous };
}

/**
 * Opens a session as configured. Rejects with OpcuaCertificateUntrustedError when the
 * server certificate is not trusted, and with an Error naming the step and the reason
 * otherwise. Every step is bounded by requestTimeoutMs.
 */
export async function openSession(pki: OpcuaPki, settings: OpcuaSettings): Promise<OpenSession> {
  const started = performance.now();
  const descriptions = await getEndpoints(pki, settings.endpointUrl, settings.requestTimeoutMs);
  const chosen = selectEndpoint(descriptions, settings);
  const endpoint = toEndpoint(chosen);
  let serverCertificate: OpcuaCertificate | undefined;
  let serverDer: Buffer | undefined;
  if (endpoint.securityMode !== 'None') {
    if (!chosen.serverCertificate || chosen.serverCertificate.length === 0) throw new Error(`the server sent no certificate with its ${endpoint.securityMode} endpoint`);
    serverDer = firstCertificate(chosen.serverCertificate);
    const refusal = await checkServerCertificate(pki, chosen.serverCertificate);
    const described = describeCertificate(serverDer, refusal ? 'rejected' : 'trusted');
    if (refusal === 'BadCertificateUntrusted') throw new OpcuaCertificateUntrustedError(described);
    if (refusal) throw new LinesideError('opcua-certificate-invalid', `server certificate refused: ${refusal} (${described.subject}, thumbprint ${described.thumbprint}, valid ${new Date(described.validFrom).toISOString().slice(0, 10)} to ${new Date(described.validTo).toISOString().slice(0, 10)})`);
    serverCertificate = described;
  }
  const client = OPCUAClient.create({
    ...clientOptions(pki, settings.requestTimeoutMs),
    securityMode: chosen.securityMode,
    securityPolicy: chosen.securityPolicyUri ?? undefined,
    ...(chosen.securityMode !== MessageSecurityMode.None ? { serverCertificate: chosen.serverCertificate } : {}),
    // Long enough to outlive a keep-alive gap; a session we lose track of expires on the server.
    requestedSessionTimeout: Math.max(30_000, 6 * settings.keepAliveMs),
    // The socket is never idle for a keep-alive period (keep-alives come four times in one).
    transportTimeout: Math.max(60_000, 2 * settings.keepAliveMs),
  });
  try {
    await withTimeout(client.connect(settings.endpointUrl), settings.requestTimeoutMs * 2, `connect to ${settings.endpointUrl}`);
    const session = await withTimeout(client.createSession(userIdentity(settings.user)), settings.requestTimeoutMs * 2, 'create session');
    return { client, session, endpoint, ...(serverCertificate ? { serverCertificate } : {}), connectMs: performance.now() - started };
  } catch (error) {
    await closeQuietly(client);
    if (error instanceof LinesideError) throw error;
    throw new Error(`cannot open a ${endpoint.securityMode === 'None' ? 'None' : `${endpoint.securityMode} ${endpoint.securityPolicy}`} session with ${settings.endpointUrl}: ${oneLine(error)}`, { cause: error });
  }
}

/**
 * An error as one line for a quality reason: node-opcua's messages run over several lines
 * and wrap the cause in advice ("… Please check that the server is up … Err = (connect
 * ECONNREFUSED 127.0.0.1:4840)"); the cause is what the user needs.
 */
export function oneLine(error: unknown): string {
  const text = String((error as Error)?.message ?? error)
    .replace(/\s*\n\s*/g, ' ')
    .trim();
  return /Err = \((.+)\)\s*$/.exec(text)?.[1] ?? text;
}
