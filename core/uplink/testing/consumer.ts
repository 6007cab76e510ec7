/**
 * A Sparkplug consumer for the uplink's tests, built on the independent implementation:
 * Eclipse Tahu's `sparkplug-payload` decodes every message (never our own decoder), and
 * aliases are resolved from the births the way a host application does. It subscribes with
 * a persistent session (clean: false, QoS 1), so messages published while it is away (the
 * broker keeps them) still reach it.
 */
import mqtt, { type MqttClient } from 'mqtt';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const tahu = (require('sparkplug-payload') as { get(namespace: string): { decodePayload(bytes: Uint8Array): TahuPayload } }).get('spBv1.0');

interface TahuLong {
  low: number;
  high: number;
  unsigned?: boolean;
}
interface TahuMetric {
  name?: string;
  alias?: number | TahuLong;
  timestamp?: number | TahuLong;
  type?: string;
  value?: unknown;
  isHistorical?: boolean;
  isNull?: boolean;
}
export interface TahuPayload {
  timestamp?: number | TahuLong;
  seq?: number | TahuLong;
  metrics?: TahuMetric[];
}

/** A uint64 as Tahu hands it (a Long, or a number). */
export function numberOf(value: number | TahuLong | undefined | null): number | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'number') return value;
  return value.high * 2 ** 32 + (value.low >>> 0);
}

export interface ConsumedMetric {
  name: string;
  alias: number | undefined;
  value: unknown;
  timestamp: number | undefined;
  type: string | undefined;
  historical: boolean;
  /** Whether the name was on the wire (births), or resolved from the alias (data). */
  named: boolean;
}

export interface ConsumedMessage {
  topic: string;
  type: string;
  device: string | null;
  seq: number | undefined;
  metrics: ConsumedMetric[];
  receivedAt: number;
}

export interface Consumer {
  messages: ConsumedMessage[];
  /** STATE and other non-Sparkplug-payload topics, raw. */
  raw: { topic: string; payload: Buffer }[];
  /** Waits until `predicate` holds (bounded), failing with a summary of what arrived. */
  waitFor(predicate: (messages: ConsumedMessage[]) => boolean, ms: number, what: string): Promise<void>;
  close(): Promise<void>;
}

export async function startConsumer(url: string, groupId: string, options: { clientId?: string; ca?: Buffer } = {}): Promise<Consumer> {
  const messages: ConsumedMessage[] = [];
  const raw: { topic: string; payload: Buffer }[] = [];
  /** Per edge node (and device): alias → name, from the newest birth. */
  const aliases = new Map<string, Map<number, string>>();
  const client: MqttClient = await mqtt.connectAsync(url, {
    clientId: options.clientId ?? `lineside-test-consumer-${process.pid}-${Math.random().toString(16).slice(2, 8)}`,
    clean: false,
    reconnectPeriod: 200,
    connectTimeout: 5000,
    ...(options.ca ? { ca: options.ca } : {}),
  });
  client.on('message', (topic, payload) => {
    const parts = topic.split('/');
    if (parts[0] !== 'spBv1.0' || parts[1] === 'STATE') {
      raw.push({ topic, payload });
      return;
    }
    const [, , type, node, device] = parts as [string, string, string, string, string | undefined];
    const decoded = tahu.decodePayload(payload);
    const key = `${node}/${device ?? ''}`;
    const nodeKey = `${node}/`;
    if (type === 'NBIRTH' || type === 'DBIRTH') {
      const table = new Map<number, string>();
      for (const m of decoded.metrics ?? []) {
        const alias = numberOf(m.alias);
        if (alias !== undefined && m.name) table.set(alias, m.name);
      }
      aliases.set(key, table);
    }
    const lookup = (alias: number | undefined) => (alias === undefined ? undefined : (aliases.get(key)?.get(alias) ?? aliases.get(nodeKey)?.get(alias)));
    messages.push({
      topic,
      type,
      device: device ?? null,
      seq: numberOf(decoded.seq),
      metrics: (decoded.metrics ?? []).map((m) => {
        const alias = numberOf(m.alias);
        return { name: m.name ?? lookup(alias) ?? `(alias ${alias})`, named: m.name !== undefined && m.name !== '', alias, value: m.isNull ? null : m.value, timestamp: numberOf(m.timestamp), type: m.type, historical: m.isHistorical === true };
      }),
      receivedAt: Date.now(),
    });
  });
  await client.subscribeAsync([`spBv1.0/${groupId}/#`, 'spBv1.0/STATE/#'], { qos: 1 });
  return {
    messages,
    raw,
    async waitFor(predicate, ms, what) {
      const until = Date.now() + ms;
      for (let i = 0; i < 100_000 && !predicate(messages); i++) {
        if (Date.now() > until) {
          const types = messages.map((m) => `${m.type}${m.device ? `/${m.device}` : ''}`).slice(-20);
          throw new Error(`waited ${ms} ms for ${what}; ${messages.length} messages arrived, the last: ${types.join(', ')}`);
        }
        await new Promise((r) => setTimeout(r, 25));
      }
    },
    async close() {
      await client.endAsync(true);
    },
  };
}
