/**
 * Sparkplug topic names: build them, read them back, and check the ids that go into them.
 * Follows Sparkplug 3.0.0 ch. 4 "Topics and Messages": §4.1 Topic Namespace Elements
 * (namespace/group_id/message_type/edge_node_id/[device_id]; ids are UTF-8 without '+', '/',
 * '#') and §4.2 Message Types and Contents (which types carry a device_id; the host's
 * `spBv1.0/STATE/<host_id>`).
 *
 * Decisions:
 * - Builders throw (`sparkplug-invalid-id`) on a bad id: an id comes from config and is wrong
 *   before anything is published. The parser returns null for a topic that is not Sparkplug
 *   B: it reads what arrives from the broker, where anything may turn up.
 * - Ids are also refused when empty, when they hold NUL (MQTT forbids it in topic names) or a
 *   lone UTF-16 surrogate (it has no UTF-8 form), and a group id may not be "STATE", so that
 *   `spBv1.0/STATE/…` always means a host's STATE.
 * - Sparkplug device ids for assets: a Lineside asset path is "line/asset" and '/' may not
 *   appear in a device id, so `deviceIdOf` joins the path's segments with ':' instead
 *   ("line1/filler" → "line1:filler"). Config ids are [A-Za-z0-9_-]+, so ':' never occurs
 *   inside a segment and `assetPathOf` reverses the mapping exactly. ':' is a legal topic
 *   character, is readable in a host's tag browser, and keeps the device id one topic level.
 */
import { SparkplugError } from './errors.js';

export const SPARKPLUG_NAMESPACE = 'spBv1.0';

export const nodeMessageTypes = ['NBIRTH', 'NDEATH', 'NDATA', 'NCMD'] as const;
export const deviceMessageTypes = ['DBIRTH', 'DDEATH', 'DDATA', 'DCMD'] as const;

export type NodeMessageType = (typeof nodeMessageTypes)[number];
export type DeviceMessageType = (typeof deviceMessageTypes)[number];
export type MessageType = NodeMessageType | DeviceMessageType;

/** A Sparkplug B topic, read. */
export type SparkplugTopic =
  | { kind: 'node'; groupId: string; messageType: NodeMessageType; edgeNodeId: string }
  | { kind: 'device'; groupId: string; messageType: DeviceMessageType; edgeNodeId: string; deviceId: string }
  | { kind: 'state'; hostId: string };

const reserved = /[/+#]/;
const loneSurrogate = /\p{Cs}/u;

/** Why an id cannot go into a Sparkplug topic, or undefined when it can. */
export function idProblem(id: string): string | undefined {
  if (typeof id !== 'string' || id.length === 0) return 'it is empty';
  const bad = reserved.exec(id);
  if (bad) return `it holds '${bad[0]}' (reserved: '/', '+', '#')`;
  if (id.includes(String.fromCharCode(0))) return 'it holds NUL';
  if (loneSurrogate.test(id)) return 'it holds a lone UTF-16 surrogate (not valid UTF-8)';
  return undefined;
}

export function isValidId(id: string): boolean {
  return idProblem(id) === undefined;
}

/** Returns the id, or throws `sparkplug-invalid-id` naming what it is and why. */
export function checkId(id: string, what: 'group id' | 'edge node id' | 'device id' | 'host id'): string {
  const problem = idProblem(id) ?? (what === 'group id' && id === 'STATE' ? 'it is "STATE", which names host STATE topics' : undefined);
  if (problem) throw new SparkplugError('sparkplug-invalid-id', `Sparkplug ${what} ${JSON.stringify(id)} cannot be used: ${problem}`);
  return id;
}

/** `spBv1.0/<group>/<NBIRTH|NDEATH|NDATA|NCMD>/<node>` */
export function nodeTopic(groupId: string, messageType: NodeMessageType, edgeNodeId: string): string {
  return edgeNodeTopic(groupId, messageType, edgeNodeId);
}

/** `spBv1.0/<group>/<DBIRTH|DDEATH|DDATA|DCMD>/<node>/<device>` */
export function deviceTopic(groupId: string, messageType: DeviceMessageType, edgeNodeId: string, deviceId: string): string {
  return `${edgeNodeTopic(groupId, messageType, edgeNodeId)}/${checkId(deviceId, 'device id')}`;
}

/** `spBv1.0/<group>/DCMD/<node>/+`: the subscription for every device command of an edge node. */
export function deviceCommandFilter(groupId: string, edgeNodeId: string): string {
  return `${edgeNodeTopic(groupId, 'DCMD', edgeNodeId)}/+`;
}

/** `spBv1.0/STATE/<hostId>`: a Sparkplug 3.0 host application's STATE (JSON, retained). */
export function stateTopic(hostId: string): string {
  return `${SPARKPLUG_NAMESPACE}/STATE/${checkId(hostId, 'host id')}`;
}

function edgeNodeTopic(groupId: string, messageType: MessageType, edgeNodeId: string): string {
  return `${SPARKPLUG_NAMESPACE}/${checkId(groupId, 'group id')}/${messageType}/${checkId(edgeNodeId, 'edge node id')}`;
}

/** Reads a topic; null when it is not a well-formed Sparkplug B topic. */
export function parseTopic(topic: string): SparkplugTopic | null {
  const parts = topic.split('/');
  if (parts[0] !== SPARKPLUG_NAMESPACE || parts.some((part) => !isValidId(part))) return null;
  if (parts[1] === 'STATE') return parts.length === 3 ? { kind: 'state', hostId: parts[2] as string } : null;
  const [, groupId, type, edgeNodeId, deviceId] = parts as [string, string, string, string, string | undefined];
  if ((nodeMessageTypes as readonly string[]).includes(type)) {
    return parts.length === 4 ? { kind: 'node', groupId, messageType: type as NodeMessageType, edgeNodeId } : null;
  }
  if ((deviceMessageTypes as readonly string[]).includes(type)) {
    return parts.length === 5 && deviceId !== undefined ? { kind: 'device', groupId, messageType: type as DeviceMessageType, edgeNodeId, deviceId } : null;
  }
  return null;
}

/** The Sparkplug device id of an asset: "line1/filler" → "line1:filler" (see the header). */
export function deviceIdOf(assetPath: string): string {
  const segments = assetPath.split('/');
  for (const segment of segments) {
    if (segment.length === 0 || segment.includes(':')) {
      throw new SparkplugError('sparkplug-invalid-id', `asset path ${JSON.stringify(assetPath)} cannot become a Sparkplug device id: ${segment.length === 0 ? 'it has an empty segment' : `segment "${segment}" holds ':'`}`);
    }
  }
  return checkId(segments.join(':'), 'device id');
}

/** The asset path of a device id made by `deviceIdOf`: "line1:filler" → "line1/filler". */
export function assetPathOf(deviceId: string): string {
  return checkId(deviceId, 'device id').split(':').join('/');
}
