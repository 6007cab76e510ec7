/**
 * The outbound conduit (Sparkplug B uplink) in words: one line and a level for the status
 * bar, the state in words and the facts (broker, group and edge node, why, next retry, the
 * store-and-forward queue against its bound, dropped records, last publish, what was sent,
 * what the config makes per hour) for the Connections panel and the status bar's tooltip. Pure.
 */
import type { UplinkStatus } from '../../core/contract/index.js';

/** ISA-101 levels: normal stays grey, attention is amber, abnormal is red. */
export type UplinkLevel = 'normal' | 'attention' | 'abnormal';

/** Above this share of its bound the queue is about to drop records (oldest first). */
export const queueAlarmFraction = 0.8;

export interface UplinkFact {
  key: 'broker' | 'node' | 'why' | 'retry' | 'queue' | 'backlog' | 'dropped' | 'published' | 'messages' | 'bytes' | 'expected';
  label: string;
  value: string;
  /** Worth colour: records dropped, a queue close to full. */
  warn: boolean;
}

export interface UplinkSummary {
  state: UplinkStatus['state'];
  level: UplinkLevel;
  /** For the status bar: "Uplink offline · 1,234 queued". */
  text: string;
  /** The start of `text` that still says it on a narrow bar: "Uplink offline". */
  short: string;
  /** The state in words, for the panel's heading: "Offline: the broker cannot be reached". */
  stateText: string;
  /** Queue bytes against the bound, 0…1 (0 when there is no bound). */
  queueFraction: number;
  facts: UplinkFact[];
  /** The facts one a line ("Broker: mqtts://…"), for a tooltip. */
  detail: string;
}

const count = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

/** "1,234" (the same in every locale, so that the bar's text is predictable). */
export function formatCount(n: number): string {
  return Number.isFinite(n) ? count.format(n) : '—';
}

const sizeUnits = ['B', 'kB', 'MB', 'GB', 'TB'];

/** "980 B", "1.2 kB", "64.0 MB", "1.3 GB" (powers of 1000, as network traffic is counted). */
export function formatDataSize(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return '—';
  if (bytes < 1000) return `${Math.round(bytes)} B`;
  let value = bytes;
  let unit = 0;
  // 999,960 B is "1.0 MB", not "1000.0 kB".
  while (value >= 999.95 && unit < sizeUnits.length - 1) {
    value /= 1000;
    unit += 1;
  }
  return `${value.toFixed(1)} ${sizeUnits[unit]}`;
}

/** "12 s", "4 min", "3 h 20 min", "2 d 5 h": a span of time, whole units, never negative. */
export function formatSpan(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  if (s < 60) return `${s} s`;
  const min = Math.floor(s / 60);
  if (min < 60) return `${min} min`;
  const h = Math.floor(min / 60);
  if (h < 48) return min % 60 === 0 ? `${h} h` : `${h} h ${min % 60} min`;
  const d = Math.floor(h / 24);
  return h % 24 === 0 ? `${d} d` : `${d} d ${h % 24} h`;
}

/** "12 s ago", or "never" before the first publish. */
export function formatAgo(at: number | null, now: number): string {
  return at === null ? 'never' : `${formatSpan(now - at)} ago`;
}

/** Queue bytes against the bound, 0…1; 0 without a bound. */
export function queueFractionOf(uplink: UplinkStatus): number {
  if (!(uplink.queueMaxBytes > 0)) return 0;
  return Math.min(1, Math.max(0, uplink.queueBytes / uplink.queueMaxBytes));
}

function percent(fraction: number): string {
  // The epsilon keeps 0.85 at "85 %" whatever the float did.
  return `${Math.floor(fraction * 100 + 1e-9)} %`;
}

const stateWords: Record<UplinkStatus['state'], string> = {
  online: 'Online: publishing to the broker',
  'waiting-for-host': 'Connected, waiting for the SCADA host to come online',
  connecting: 'Connecting to the broker',
  offline: 'Offline: the broker cannot be reached',
};

function factsOf(uplink: UplinkStatus, now: number, fraction: number): UplinkFact[] {
  const facts: UplinkFact[] = [
    { key: 'broker', label: 'Broker', value: uplink.broker, warn: false },
    { key: 'node', label: 'Group / edge node', value: `${uplink.groupId} / ${uplink.edgeNodeId}`, warn: false },
  ];
  const why = uplink.detail.trim();
  if (uplink.state !== 'online' && why !== '') facts.push({ key: 'why', label: 'Why', value: why, warn: false });
  if (uplink.state !== 'online' && uplink.retryAt !== null) {
    const value = uplink.retryAt <= now ? 'now' : `in ${formatSpan(Math.ceil((uplink.retryAt - now) / 1000) * 1000)}`;
    facts.push({ key: 'retry', label: 'Next try', value, warn: false });
  }
  const records = `${formatCount(uplink.queueRecords)} record${uplink.queueRecords === 1 ? '' : 's'}`;
  const bound = uplink.queueMaxBytes > 0 ? ` of ${formatDataSize(uplink.queueMaxBytes)} (${percent(fraction)})` : '';
  facts.push({ key: 'queue', label: 'Queue', value: `${records} · ${formatDataSize(uplink.queueBytes)}${bound}`, warn: fraction > queueAlarmFraction });
  // Offline, the whole queue is the backlog: worth its own line only while it is being sent.
  if (uplink.state === 'online' && uplink.backlogRecords > 0) {
    facts.push({ key: 'backlog', label: 'Backlog', value: `${formatCount(uplink.backlogRecords)} records to send as historical`, warn: false });
  }
  const dropped = `${formatCount(uplink.dropped)} record${uplink.dropped === 1 ? '' : 's'}`;
  facts.push({ key: 'dropped', label: 'Dropped', value: uplink.dropped > 0 ? `${dropped} (queue was full)` : dropped, warn: uplink.dropped > 0 });
  facts.push({ key: 'published', label: 'Last publish', value: formatAgo(uplink.lastPublishAt, now), warn: false });
  facts.push({ key: 'messages', label: 'Messages sent', value: formatCount(uplink.messagesSent), warn: false });
  facts.push({ key: 'bytes', label: 'Bytes sent', value: formatDataSize(uplink.bytesSent), warn: false });
  facts.push({ key: 'expected', label: 'Expected', value: `${formatDataSize(uplink.expectedBytesPerHour)} per hour`, warn: false });
  return facts;
}

export function uplinkSummary(uplink: UplinkStatus, now: number): UplinkSummary {
  const fraction = queueFractionOf(uplink);
  const facts = factsOf(uplink, now, fraction);
  const queued = `${formatCount(uplink.queueRecords)} queued`;
  let level: UplinkLevel;
  let short: string;
  let text: string;
  let stateText = stateWords[uplink.state];
  if (fraction > queueAlarmFraction) {
    // Whatever the state: records are about to be dropped.
    level = 'abnormal';
    short = `Uplink queue ${percent(fraction)}`;
    text = `${short} full`;
  } else if (uplink.state === 'online') {
    level = 'normal';
    short = uplink.backlogRecords > 0 ? 'Uplink sending backlog' : 'Uplink online';
    text = uplink.backlogRecords > 0 ? `${short} · ${queued}` : short;
  } else if (uplink.state === 'waiting-for-host') {
    level = 'attention';
    short = 'Uplink: waiting';
    text = `${short} for SCADA host`;
  } else {
    level = 'attention';
    short = 'Uplink offline';
    text = `${short} · ${queued}`;
  }
  if (uplink.state === 'online' && uplink.backlogRecords > 0) stateText = 'Online: sending the backlog';
  return {
    state: uplink.state,
    level,
    text,
    short,
    stateText,
    queueFraction: fraction,
    facts,
    detail: [stateText, ...facts.map((f) => `${f.label}: ${f.value}`)].join('\n'),
  };
}
