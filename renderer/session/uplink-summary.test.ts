import { describe, expect, it } from 'vitest';
import type { UplinkStatus } from '../../core/contract/index.js';
import { formatAgo, formatDataSize, formatSpan, uplinkSummary } from './uplink-summary.js';

const now = Date.UTC(2026, 10, 21, 8, 0, 0);

const online: UplinkStatus = {
  state: 'online',
  broker: 'mqtts://scada.plant.local:8883',
  groupId: 'BottlingPlant',
  edgeNodeId: 'line1-hmi',
  detail: '',
  retryAt: null,
  queueRecords: 0,
  queueBytes: 0,
  queueMaxBytes: 64_000_000,
  dropped: 0,
  backlogRecords: 0,
  lastPublishAt: now - 12_000,
  messagesSent: 128_406,
  bytesSent: 27_214_000,
  expectedBytesPerHour: 381_600,
};

const offline: UplinkStatus = {
  ...online,
  state: 'offline',
  detail: 'connect ECONNREFUSED 10.20.0.15:8883',
  retryAt: now + 11_400,
  queueRecords: 1234,
  queueBytes: 261_600,
  lastPublishAt: now - 3 * 3_600_000 - 20 * 60_000,
};

describe('uplink summary', () => {
  it('says sizes in kB, MB and GB with one decimal', () => {
    expect(formatDataSize(0)).toBe('0 B');
    expect(formatDataSize(980)).toBe('980 B');
    expect(formatDataSize(1234)).toBe('1.2 kB');
    expect(formatDataSize(381_600)).toBe('381.6 kB');
    expect(formatDataSize(999_960)).toBe('1.0 MB');
    expect(formatDataSize(64_000_000)).toBe('64.0 MB');
    expect(formatDataSize(1_300_000_000)).toBe('1.3 GB');
    expect(formatDataSize(Number.NaN)).toBe('—');
  });

  it('says ages in whole units', () => {
    expect(formatSpan(12_400)).toBe('12 s');
    expect(formatSpan(-500)).toBe('0 s');
    expect(formatSpan(4 * 60_000 + 5_000)).toBe('4 min');
    expect(formatSpan(3 * 3_600_000)).toBe('3 h');
    expect(formatSpan(3 * 3_600_000 + 20 * 60_000)).toBe('3 h 20 min');
    expect(formatSpan(53 * 3_600_000)).toBe('2 d 5 h');
    expect(formatAgo(now - 12_000, now)).toBe('12 s ago');
    expect(formatAgo(null, now)).toBe('never');
  });

  it('is quiet while online with an empty queue', () => {
    const s = uplinkSummary(online, now);
    expect(s).toMatchObject({ state: 'online', level: 'normal', text: 'Uplink online', short: 'Uplink online', queueFraction: 0 });
    expect(s.detail.split('\n')).toEqual([
      'Online: publishing to the broker',
      'Broker: mqtts://scada.plant.local:8883',
      'Group / edge node: BottlingPlant / line1-hmi',
      'Queue: 0 records · 0 B of 64.0 MB (0 %)',
      'Dropped: 0 records',
      'Last publish: 12 s ago',
      'Messages sent: 128,406',
      'Bytes sent: 27.2 MB',
      'Expected: 381.6 kB per hour',
    ]);
  });

  it('says so while it sends the backlog, still normal', () => {
    const s = uplinkSummary({ ...online, queueRecords: 1234, backlogRecords: 1200, queueBytes: 260_000 }, now);
    expect(s).toMatchObject({ level: 'normal', text: 'Uplink sending backlog · 1,234 queued', short: 'Uplink sending backlog', stateText: 'Online: sending the backlog' });
    expect(s.detail).toContain('Backlog: 1,200 records to send as historical');
    // A few records in flight while online are not a backlog.
    expect(uplinkSummary({ ...online, queueRecords: 3, queueBytes: 600 }, now).text).toBe('Uplink online');
  });

  it('is amber while waiting for the SCADA host', () => {
    const s = uplinkSummary({ ...online, state: 'waiting-for-host', detail: 'primary host SCADA1 is offline', queueRecords: 40 }, now);
    expect(s).toMatchObject({ level: 'attention', text: 'Uplink: waiting for SCADA host', short: 'Uplink: waiting' });
    expect(s.detail).toContain('Why: primary host SCADA1 is offline');
  });

  it('is amber while offline or connecting, with the queue, why and the next try', () => {
    const s = uplinkSummary(offline, now);
    expect(s).toMatchObject({ state: 'offline', level: 'attention', text: 'Uplink offline · 1,234 queued', short: 'Uplink offline' });
    expect(s.detail.split('\n')).toEqual([
      'Offline: the broker cannot be reached',
      'Broker: mqtts://scada.plant.local:8883',
      'Group / edge node: BottlingPlant / line1-hmi',
      'Why: connect ECONNREFUSED 10.20.0.15:8883',
      'Next try: in 12 s',
      'Queue: 1,234 records · 261.6 kB of 64.0 MB (0 %)',
      'Dropped: 0 records',
      'Last publish: 3 h 20 min ago',
      'Messages sent: 128,406',
      'Bytes sent: 27.2 MB',
      'Expected: 381.6 kB per hour',
    ]);
    const connecting = uplinkSummary({ ...offline, state: 'connecting', retryAt: null }, now);
    expect(connecting).toMatchObject({ state: 'connecting', level: 'attention', text: 'Uplink offline · 1,234 queued', stateText: 'Connecting to the broker' });
    expect(connecting.detail).not.toContain('Next try');
    expect(uplinkSummary({ ...offline, retryAt: now - 1 }, now).detail).toContain('Next try: now');
  });

  it('is red once the queue is over 80 % of its bound, whatever the state', () => {
    const full = { ...offline, queueRecords: 250_000, queueBytes: 54_400_000, dropped: 0 };
    const s = uplinkSummary(full, now);
    expect(s).toMatchObject({ level: 'abnormal', text: 'Uplink queue 85 % full', short: 'Uplink queue 85 %', queueFraction: 0.85 });
    expect(s.facts.find((f) => f.key === 'queue')).toMatchObject({ value: '250,000 records · 54.4 MB of 64.0 MB (85 %)', warn: true });
    expect(uplinkSummary({ ...full, queueBytes: 51_200_000 }, now).level).toBe('attention');
    expect(uplinkSummary({ ...full, state: 'online', backlogRecords: 250_000 }, now).level).toBe('abnormal');
    const dropping = uplinkSummary({ ...full, queueBytes: 64_000_000, dropped: 5321 }, now);
    expect(dropping.text).toBe('Uplink queue 100 % full');
    expect(dropping.facts.find((f) => f.key === 'dropped')).toMatchObject({ value: '5,321 records (queue was full)', warn: true });
  });

  it('keeps the short form a prefix of the text, for narrow bars', () => {
    const cases: UplinkStatus[] = [online, offline, { ...online, backlogRecords: 5, queueRecords: 9 }, { ...online, state: 'waiting-for-host' }, { ...offline, queueBytes: 60_000_000 }];
    for (const c of cases) {
      const s = uplinkSummary(c, now);
      expect(s.text.startsWith(s.short)).toBe(true);
      // The status bar stacks "Uplink" (or "Uplink:") over the rest on a narrow bar.
      expect(s.short).toMatch(/^Uplink:? \S/);
    }
  });

  it('survives a queue without a bound', () => {
    const s = uplinkSummary({ ...offline, queueMaxBytes: 0 }, now);
    expect(s.queueFraction).toBe(0);
    expect(s.facts.find((f) => f.key === 'queue')?.value).toBe('1,234 records · 261.6 kB');
  });
});
