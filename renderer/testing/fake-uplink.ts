/** The fake client's uplink status: online, offline with a queue, or offline with the queue nearly full. */
import type { UplinkStatus } from '../../core/contract/index.js';

export type FakeUplinkMode = 'online' | 'offline' | 'full' | 'none';

/** The conduit: five assets' summaries, one every 2 s, about 212 bytes each; offline it retries every 30 s. */
export function fakeUplinkStatus(mode: FakeUplinkMode, startedAt: number, at: number): UplinkStatus | undefined {
  if (mode === 'none') return undefined;
  const recordEveryMs = 2_000;
  const recordBytes = 212;
  const records = Math.floor((at - startedAt) / recordEveryMs);
  const base = {
    broker: 'mqtts://scada-broker.plant.local:8883',
    groupId: 'BottlingPlant',
    edgeNodeId: 'line1-hmi',
    queueMaxBytes: 16_000_000,
    dropped: 0,
    messagesSent: 128_406,
    bytesSent: 27_214_880,
    expectedBytesPerHour: (3_600_000 / recordEveryMs) * recordBytes,
  };
  if (mode === 'online') {
    return {
      ...base,
      state: 'online',
      detail: '',
      retryAt: null,
      queueRecords: 0,
      queueBytes: 0,
      backlogRecords: 0,
      lastPublishAt: startedAt + records * recordEveryMs,
      messagesSent: base.messagesSent + records,
      bytesSent: base.bytesSent + records * recordBytes,
    };
  }
  // Unreachable since 3 h 20 min before the page opened: everything since waits in the queue.
  const offlineSince = startedAt - 12_000_000;
  const queueRecords = (mode === 'full' ? 64_000 : 6_000) + records;
  return {
    ...base,
    state: 'offline',
    detail: 'connect ETIMEDOUT 10.20.0.15:8883',
    retryAt: startedAt + (Math.floor((at - startedAt) / 30_000) + 1) * 30_000,
    queueRecords,
    queueBytes: queueRecords * recordBytes,
    backlogRecords: queueRecords,
    lastPublishAt: offlineSince,
  };
}
