/**
 * The OPC UA tag address grammar: a NodeId in its standard string form, optionally followed
 * by per-tag monitoring options.
 *
 * ```
 * [ns=N;|nsu=URI;](i=NUMBER|s=STRING|g=GUID|b=BASE64)[|deadband=abs:V|pct:V][|queue=N]
 * ```
 *
 * - `ns=N`: namespace index 0–65535 (0 when omitted); `nsu=URI`: namespace by its URI,
 *   resolved against the server's namespace array when the session opens (indexes may
 *   change between server versions, URIs do not).
 * - `i=` numeric (0–4294967295), `s=` string (non-empty), `g=` GUID, `b=` opaque (base64).
 * - `deadband=abs:V` absolute deadband in the tag's unit; `deadband=pct:V` percent (0–100)
 *   of the EURange the server knows for the variable. Default: the device's `deadband`.
 * - `queue=N`: server-side queue size (1–10000). Default: the device's `queueSize`.
 *
 * Examples: `ns=2;s=Line1.Filler.Speed`, `i=2258`, `ns=1;g=72962B91-FA75-4AE6-8D28-B404DC7DAF63`,
 * `nsu=urn:acme:plc;s=Speed|deadband=abs:0.5`, `ns=2;s=X|deadband=pct:2|queue=5`.
 *
 * Options are peeled off the end: a trailing `|word=…` is an option. A string identifier
 * that itself contains `|` is fine as long as no `|word=` follows it at the end.
 *
 * This file is pure (no node-opcua): the config loader checks addresses without loading
 * the OPC UA stack. The grammar is stricter than node-opcua's resolveNodeId, which turns
 * `i=abc` into `i=0` without a word; the driver still hands every NodeId to node-opcua when
 * it subscribes, and a NodeId it refuses makes that one tag bad.
 */

export interface OpcuaAddress {
  /** The NodeId without namespace prefix: `i=2258`, `s=Line1.Speed`, … */
  identifier: string;
  /** Namespace index when given as `ns=` (or omitted: 0). */
  namespaceIndex: number;
  /** Namespace URI when given as `nsu=`; it replaces namespaceIndex once resolved. */
  namespaceUri?: string;
  deadband?: { type: 'absolute' | 'percent'; value: number };
  queueSize?: number;
}

const EXAMPLE = 'expected a NodeId such as ns=2;s=Line1.Speed or i=2258';
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** Parses a tag address; returns the address, or an error message naming what is wrong. */
export function parseOpcuaAddress(address: string): OpcuaAddress | string {
  if (typeof address !== 'string' || address.trim() === '') return `empty address: ${EXAMPLE}`;
  let rest = address.trim();
  const options = new Map<string, string>();
  for (;;) {
    const bar = rest.lastIndexOf('|');
    if (bar < 0) break;
    const option = /^([A-Za-z]+)=(.*)$/.exec(rest.slice(bar + 1));
    if (!option) break;
    const key = option[1]!.toLowerCase();
    if (key !== 'deadband' && key !== 'queue') return `unknown option '${option[1]}' in '${address}': expected |deadband=abs:V, |deadband=pct:V or |queue=N after the NodeId`;
    if (options.has(key)) return `option '${key}' given twice in '${address}'`;
    options.set(key, option[2]!);
    rest = rest.slice(0, bar);
  }

  const node = parseNodeIdText(rest);
  if (typeof node === 'string') return `${node} in '${address}': ${EXAMPLE}`;

  const deadbandText = options.get('deadband');
  if (deadbandText !== undefined) {
    const match = /^(abs|pct):(.+)$/i.exec(deadbandText);
    const value = match ? Number(match[2]) : NaN;
    if (!match || !Number.isFinite(value) || value < 0) return `bad deadband '${deadbandText}' in '${address}': expected abs:V or pct:V with V a number ≥ 0, e.g. deadband=abs:0.5`;
    const type = match[1]!.toLowerCase() === 'abs' ? 'absolute' : 'percent';
    if (type === 'percent' && value > 100) return `bad deadband '${deadbandText}' in '${address}': a percent deadband is 0–100`;
    node.deadband = { type, value };
  }
  const queueText = options.get('queue');
  if (queueText !== undefined) {
    const queue = /^\d+$/.test(queueText) ? Number(queueText) : NaN;
    if (!(queue >= 1 && queue <= 10_000)) return `bad queue '${queueText}' in '${address}': expected a queue size 1–10000, e.g. queue=5`;
    node.queueSize = queue;
  }
  return node;
}

/** Parses the NodeId part; an error message (without the example) when it is not one. */
function parseNodeIdText(text: string): OpcuaAddress | string {
  const match = /^(?:ns=([^;]*);|nsu=([^;]*);)?([a-z])=([\s\S]*)$/.exec(text);
  if (!match) return `'${text}' is not a NodeId`;
  const [, nsText, nsuText, kind, id] = match as unknown as [string, string | undefined, string | undefined, string, string];
  let namespaceIndex = 0;
  if (nsText !== undefined) {
    namespaceIndex = /^\d+$/.test(nsText) ? Number(nsText) : NaN;
    if (!(namespaceIndex <= 65_535)) return `bad namespace index 'ns=${nsText}': expected 0–65535`;
  }
  if (nsuText !== undefined && nsuText.trim() === '') return `empty namespace URI in 'nsu=;'`;
  switch (kind) {
    case 'i':
      if (!/^\d+$/.test(id) || Number(id) > 0xffff_ffff) return `bad numeric identifier 'i=${id}': expected 0–4294967295`;
      break;
    case 's':
      if (id === '') return `empty string identifier 's='`;
      break;
    case 'g':
      if (!GUID.test(id)) return `bad GUID 'g=${id}': expected 8-4-4-4-12 hex digits`;
      break;
    case 'b':
      if (id === '' || !BASE64.test(id)) return `bad opaque identifier 'b=${id}': expected base64`;
      break;
    default:
      return `unknown identifier type '${kind}=': expected i=, s=, g= or b=`;
  }
  const identifier = `${kind}=${kind === 'i' ? String(Number(id)) : id}`;
  return nsuText !== undefined ? { identifier, namespaceIndex: 0, namespaceUri: nsuText } : { identifier, namespaceIndex };
}

/** The NodeId string node-opcua understands, once the namespace index is known. */
export function nodeIdText(address: OpcuaAddress, namespaceIndex = address.namespaceIndex): string {
  return namespaceIndex === 0 ? address.identifier : `ns=${namespaceIndex};${address.identifier}`;
}
