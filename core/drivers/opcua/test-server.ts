/**
 * An OPC UA server with a plant's tags as variables: the test device of the OPC UA driver
 * and the server of `lineside sim --opcua`. Built on node-opcua's server.
 *
 * Address space: Objects/<site>/<area>/<line>/<asset>/<variable>, folders from the path
 * segments, each variable at NodeId `ns=<own namespace>;s=<tag path>`. A numeric variable
 * with a range is an AnalogItemType (AnalogUnitRangeType when it has a unit too) with
 * EURange; one with a unit only is an AnalogUnitType; both carry EngineeringUnits
 * (EUInformation with the UNECE code when the unit is a common one).
 *
 * Endpoints: None, and Sign / SignAndEncrypt with Basic256Sha256, Aes128_Sha256_RsaOaep
 * and Aes256_Sha256_RsaPss. The application instance certificate is made on first start
 * in the given PKI folder (pure JS, about a second) and reused after that.
 * As a test device it trusts every client certificate it is shown: unknown ones are
 * accepted automatically, so no client needs to be registered first. Never a production
 * server.
 *
 * Values come from setValue (as from the device, with quality and source timestamp) and
 * are stored in the variable, not served from getters: subscriptions are sampled at the
 * client's interval down to minimumSamplingIntervalMs. A client's write to a writable
 * variable goes to onWrite first; the variable keeps the value only when onWrite accepts.
 */
import { createHash } from 'node:crypto';
import {
  DataType,
  DataValue,
  LogLevel,
  MessageSecurityMode,
  OPCUACertificateManager,
  OPCUAServer,
  SecurityPolicy,
  StatusCodes,
  Variant,
  makeEUInformation,
  setLogLevel,
  type EUInformation,
  type ISessionContext,
  type Namespace,
  type NumericRange,
  type StatusCode,
  type UAObject,
  type UAVariable,
} from 'node-opcua';
import type { Quality, ScalarValue, TagDataType } from '../../contract/index.js';

export interface TestServerVariable {
  /** Hierarchy path of a tag, e.g. "line1/filler/speed"; the variable's NodeId is `ns=<own ns>;s=<path>`. */
  path: string;
  /** e.g. "speed". */
  browseName: string;
  dataType: TagDataType;
  /** Engineering unit ("bpm", "°C"), "" for none. */
  unit: string;
  range?: { min: number; max: number };
  description: string;
  writable: boolean;
  initial: ScalarValue;
}

export interface OpcuaTestServerOptions {
  /** Where to listen and the host of the endpoint URL (default 127.0.0.1). */
  host?: string;
  /** 0 or omitted: a free port. */
  port?: number;
  /** The server's own PKI folder (certificate, key, trusted and rejected client certificates). */
  pkiRoot: string;
  /** ISA-95 folders above the lines. */
  site: string;
  area: string;
  variables: TestServerVariable[];
  /** Username logins; anonymous stays allowed unless allowAnonymous is false. */
  users?: { username: string; password: string }[];
  /** Default true. */
  allowAnonymous?: boolean;
  /**
   * A client wrote a value to a writable variable. Throw (or reject) to refuse it: an error
   * with a `statusCode` property naming a Bad status ("BadOutOfRange") answers that status,
   * a RangeError answers BadOutOfRange, anything else BadUserAccessDenied.
   */
  onWrite?: (path: string, value: ScalarValue) => void | Promise<void>;
  /** Smallest sampling interval clients may request, ms (default 50). */
  minimumSamplingIntervalMs?: number;
  /** Server operation limits to advertise (ServerCapabilities.OperationLimits); default node-opcua's. */
  maxMonitoredItemsPerCall?: number;
  maxNodesPerBrowse?: number;
}

export interface OpcuaTestServer {
  /** opc.tcp://HOST:PORT */
  readonly endpointUrl: string;
  readonly port: number;
  readonly namespaceIndex: number;
  /** "ns=1;s=line1/filler/speed" */
  nodeIdOf(path: string): string;
  /** Sets a variable's value as from the device (default: good, now); subscribed clients see it at their next sample. */
  setValue(path: string, value: ScalarValue, quality?: Quality, sourceTs?: number): void;
  /** SHA-1 thumbprint of the server's application instance certificate: hex, upper case, no separators. */
  readonly certificateThumbprint: string;
  close(): Promise<void>;
}

interface VariableEntry {
  variable: UAVariable;
  dataType: DataType;
  toValue: (value: ScalarValue) => ScalarValue;
}

const APPLICATION_URI = 'urn:lineside:opcua-test-server';

const qualityCodes: Record<Quality['status'], StatusCode> = {
  good: StatusCodes.Good,
  uncertain: StatusCodes.UncertainLastUsableValue,
  bad: StatusCodes.BadCommunicationError,
};

function integer(min: number, max: number): (value: ScalarValue) => number {
  return (value) => {
    const n = Math.round(Number(value));
    return Number.isNaN(n) ? 0 : Math.min(max, Math.max(min, n));
  };
}

const toNumber = (value: ScalarValue): number => (typeof value === 'number' ? value : Number(value));

/** The OPC UA data type of a tag data type, and how a value is brought into its range. */
const dataTypes: Record<Exclude<TagDataType, 'waveform'>, { type: DataType; toValue: (value: ScalarValue) => ScalarValue }> = {
  bool: { type: DataType.Boolean, toValue: (value) => (typeof value === 'string' ? value === 'true' : Boolean(value)) },
  int16: { type: DataType.Int16, toValue: integer(-32_768, 32_767) },
  uint16: { type: DataType.UInt16, toValue: integer(0, 65_535) },
  int32: { type: DataType.Int32, toValue: integer(-2_147_483_648, 2_147_483_647) },
  uint32: { type: DataType.UInt32, toValue: integer(0, 4_294_967_295) },
  float32: { type: DataType.Float, toValue: toNumber },
  float64: { type: DataType.Double, toValue: toNumber },
  string: { type: DataType.String, toValue: String },
};

/** Common units with their UNECE Recommendation 20 common codes. */
const uneceUnits: Record<string, [code: string, name: string]> = {
  '°C': ['CEL', 'degree Celsius'],
  '°F': ['FAH', 'degree Fahrenheit'],
  K: ['KEL', 'kelvin'],
  A: ['AMP', 'ampere'],
  mA: ['4K', 'milliampere'],
  V: ['VLT', 'volt'],
  W: ['WTT', 'watt'],
  kW: ['KWT', 'kilowatt'],
  kWh: ['KWH', 'kilowatt hour'],
  Hz: ['HTZ', 'hertz'],
  rpm: ['RPM', 'revolutions per minute'],
  s: ['SEC', 'second'],
  ms: ['C26', 'millisecond'],
  min: ['MIN', 'minute'],
  h: ['HUR', 'hour'],
  '%': ['P1', 'percent'],
  bar: ['BAR', 'bar'],
  Pa: ['PAL', 'pascal'],
  kPa: ['KPA', 'kilopascal'],
  mm: ['MMT', 'millimetre'],
  m: ['MTR', 'metre'],
  'mm/s': ['C16', 'millimetre per second'],
  'm/s': ['MTS', 'metre per second'],
  'm/min': ['2X', 'metre per minute'],
  kg: ['KGM', 'kilogram'],
  l: ['LTR', 'litre'],
  ppm: ['59', 'part per million'],
};

function engineeringUnits(unit: string): EUInformation {
  const known = uneceUnits[unit];
  if (known) return makeEUInformation(known[0], unit, known[1]);
  const other = makeEUInformation('', unit, unit);
  other.unitId = -1; // not a UNECE unit
  return other;
}

/** The status a refused write answers (see OpcuaTestServerOptions.onWrite). */
function refusalStatus(error: unknown): StatusCode {
  const named = (error as { statusCode?: unknown } | null)?.statusCode;
  if (typeof named === 'string' && named.startsWith('Bad')) {
    const code = (StatusCodes as unknown as Record<string, StatusCode | undefined>)[named];
    if (code) return code;
  }
  return error instanceof RangeError ? StatusCodes.BadOutOfRange : StatusCodes.BadUserAccessDenied;
}

function scalarOf(variant: Variant | null | undefined, dataType: DataType): ScalarValue | undefined {
  if (!variant || variant.dataType !== dataType || variant.arrayType !== 0) return undefined;
  const value: unknown = variant.value;
  return typeof value === 'number' || typeof value === 'boolean' || typeof value === 'string' ? value : undefined;
}

export async function startOpcuaTestServer(options: OpcuaTestServerOptions): Promise<OpcuaTestServer> {
  // node-opcua writes its warnings with console.log (stdout); a test device keeps quiet
  // unless NODEOPCUA_LOG_LEVEL asks otherwise.
  if (process.env.NODEOPCUA_LOG_LEVEL === undefined) setLogLevel(LogLevel.Error);
  const host = options.host ?? '127.0.0.1';
  const minimumSamplingInterval = options.minimumSamplingIntervalMs ?? 50;
  const users = options.users ?? [];
  const secure = [SecurityPolicy.Basic256Sha256, SecurityPolicy.Aes128_Sha256_RsaOaep, SecurityPolicy.Aes256_Sha256_RsaPss];
  const operationLimits = {
    ...(options.maxMonitoredItemsPerCall !== undefined ? { maxMonitoredItemsPerCall: options.maxMonitoredItemsPerCall } : {}),
    ...(options.maxNodesPerBrowse !== undefined ? { maxNodesPerBrowse: options.maxNodesPerBrowse } : {}),
  };

  const server = new OPCUAServer({
    host,
    hostname: host,
    port: options.port ?? 0,
    serverCertificateManager: new OPCUACertificateManager({ rootFolder: options.pkiRoot, automaticallyAcceptUnknownCertificate: true }),
    securityPolicies: [SecurityPolicy.None, ...secure],
    securityModes: [MessageSecurityMode.None, MessageSecurityMode.Sign, MessageSecurityMode.SignAndEncrypt],
    allowAnonymous: options.allowAnonymous ?? true,
    userManager: { isValidUser: (username: string, password: string) => users.some((u) => u.username === username && u.password === password) },
    serverInfo: { applicationUri: APPLICATION_URI, productUri: 'lineside-opcua-test-server', applicationName: { text: 'Lineside OPC UA test server' } },
    buildInfo: { productName: 'Lineside OPC UA test server', manufacturerName: 'Lineside' },
    serverCapabilities: { minSupportedSampleRate: minimumSamplingInterval, maxSessions: 50, operationLimits },
    maxConnectionsPerEndpoint: 50,
    isAuditing: false,
  });
  await server.initialize();
  let built: ReturnType<typeof buildAddressSpace>;
  try {
    built = buildAddressSpace(server, options, minimumSamplingInterval);
    await server.start();
  } catch (error) {
    await server.shutdown(0).catch(() => undefined);
    throw error;
  }
  const { entries, namespaceIndex } = built;
  const port = server.endpoints[0]!.port;
  const thumbprint = createHash('sha1').update(server.getCertificate()).digest('hex').toUpperCase();
  let closed = false;

  return {
    endpointUrl: `opc.tcp://${host}:${port}`,
    port,
    namespaceIndex,
    certificateThumbprint: thumbprint,
    nodeIdOf: (path) => `ns=${namespaceIndex};s=${path}`,
    setValue(path, value, quality, sourceTs) {
      const entry = entries.get(path);
      if (!entry) throw new Error(`the OPC UA test server has no variable '${path}'`);
      entry.variable.setValueFromSource(
        new Variant({ dataType: entry.dataType, value: entry.toValue(value) }),
        quality ? qualityCodes[quality.status] : StatusCodes.Good,
        new Date(sourceTs ?? Date.now()),
      );
    },
    async close() {
      if (closed) return;
      closed = true;
      await server.shutdown(0);
    },
  };
}

/** Objects/<site>/<area>/<path segments>/<variable>, each variable with its initial value. */
function buildAddressSpace(server: OPCUAServer, options: OpcuaTestServerOptions, minimumSamplingInterval: number): { entries: Map<string, VariableEntry>; namespaceIndex: number } {
  const addressSpace = server.engine.addressSpace!;
  const namespace = addressSpace.getOwnNamespace();
  const entries = new Map<string, VariableEntry>();
  const folders = new Map<string, UAObject>();
  const folderOf = (segments: readonly string[]): UAObject => {
    const key = segments.join('/');
    let folder = folders.get(key);
    if (!folder) {
      const parent = segments.length === 1 ? addressSpace.rootFolder.objects : folderOf(segments.slice(0, -1));
      folder = namespace.addFolder(parent, { browseName: segments[segments.length - 1]! });
      folders.set(key, folder);
    }
    return folder;
  };

  for (const spec of options.variables) {
    if (spec.dataType === 'waveform') throw new Error(`${spec.path}: a waveform has no OPC UA scalar form; leave it out`);
    if (entries.has(spec.path)) throw new Error(`${spec.path}: two variables with one path`);
    const segments = spec.path.split('/');
    const parent = folderOf([options.site, options.area, ...segments.slice(0, -1)]);
    const { type, toValue } = dataTypes[spec.dataType];
    const variable = addVariable(namespace, parent, spec, type, minimumSamplingInterval);
    variable.setValueFromSource(new Variant({ dataType: type, value: toValue(spec.initial) }), StatusCodes.Good);
    if (spec.writable) interceptWrites(variable, spec.path, type, options.onWrite);
    entries.set(spec.path, { variable, dataType: type, toValue });
  }
  return { entries, namespaceIndex: namespace.index };
}

function addVariable(namespace: Namespace, parent: UAObject, spec: TestServerVariable, type: DataType, minimumSamplingInterval: number): UAVariable {
  const access = spec.writable ? 'CurrentRead | CurrentWrite' : 'CurrentRead';
  const common = {
    componentOf: parent,
    browseName: spec.browseName,
    nodeId: `s=${spec.path}`,
    dataType: DataType[type],
    description: spec.description,
    accessLevel: access,
    userAccessLevel: access,
    minimumSamplingInterval,
  };
  const numeric = type !== DataType.Boolean && type !== DataType.String;
  if (numeric && spec.range) {
    const withUnit = spec.unit !== '';
    const variable: UAVariable = namespace.addAnalogDataItem({
      ...common,
      engineeringUnitsRange: { low: spec.range.min, high: spec.range.max },
      ...(withUnit ? { engineeringUnits: engineeringUnits(spec.unit), typeDefinition: 'AnalogUnitRangeType' } : {}),
    });
    if (withUnit) {
      // A subtype of AnalogItemType is instantiated from its type, which leaves out the attributes.
      variable.accessLevel = variable.userAccessLevel = access === 'CurrentRead' ? 1 : 3;
      variable.minimumSamplingInterval = minimumSamplingInterval;
      variable.setDescription(spec.description);
    }
    return variable;
  }
  const variable = namespace.addVariable({ ...common, ...(numeric && spec.unit ? { typeDefinition: 'AnalogUnitType' } : {}) });
  if (numeric && spec.unit) {
    namespace.addVariable({
      propertyOf: variable,
      browseName: { name: 'EngineeringUnits', namespaceIndex: 0 },
      typeDefinition: 'PropertyType',
      dataType: 'EUInformation',
      accessLevel: 'CurrentRead',
      minimumSamplingInterval: 0,
      value: new Variant({ dataType: DataType.ExtensionObject, value: engineeringUnits(spec.unit) }),
    });
  }
  return variable;
}

type WriteCallback = (err: Error | null, statusCode?: StatusCode) => void;
type WriteValue = (context: ISessionContext, dataValue: DataValue, indexRange: NumericRange | string | null, callback: WriteCallback) => void;

/**
 * Puts onWrite in front of node-opcua's write of the value: node-opcua still refuses what
 * the access level or the data type does not allow, and stores an accepted value.
 * (A setter bound with bindVariable would need a getter too, and node-opcua stores a
 * value even when the setter answers a Bad status.)
 */
function interceptWrites(variable: UAVariable, path: string, dataType: DataType, onWrite: OpcuaTestServerOptions['onWrite']): void {
  const write = (variable.writeValue as unknown as WriteValue).bind(variable);
  const intercepted = (context: ISessionContext, dataValue: DataValue, ...rest: unknown[]): unknown => {
    const callback = rest[rest.length - 1];
    const indexRange = rest.length === 2 ? (rest[0] as NumericRange | string | null) : null;
    if (typeof callback !== 'function') {
      return new Promise<StatusCode>((resolve, reject) => intercepted(context, dataValue, indexRange, (err: Error | null, status?: StatusCode) => (err ? reject(err) : resolve(status!))));
    }
    const done = callback as WriteCallback;
    const value = scalarOf(dataValue.value, dataType);
    if (!onWrite || !variable.isWritable(context) || !variable.isUserWritable(context)) {
      write(context, dataValue, indexRange, done); // node-opcua answers, or stores it when nobody listens
      return undefined;
    }
    if (value === undefined) {
      done(null, StatusCodes.BadTypeMismatch);
      return undefined;
    }
    Promise.resolve()
      .then(() => onWrite(path, value))
      .then(
        () => write(context, dataValue, indexRange, done),
        (error: unknown) => done(null, refusalStatus(error)),
      );
    return undefined;
  };
  (variable as unknown as { writeValue: unknown }).writeValue = intercepted;
}
