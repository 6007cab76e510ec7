import { describe, expect, it } from 'vitest';
import type { TagInfo } from '../../core/contract/index.js';
import { LiveStore, staleAfterMs } from './live-store.js';
import { makeBatch } from '../testing/make-batch.js';

function tag(path: string, sampleRateMs: number, dataType: TagInfo['dataType'] = 'float32'): TagInfo {
  return {
    path,
    name: path.split('/').pop()!,
    assetPath: path.split('/').slice(0, -1).join('/'),
    dataType,
    unit: '',
    description: '',
    sampleRateMs,
    rateReason: '',
    writable: false,
  };
}

const tags = ['line1/filler/speed', 'line1/filler/fault_code', 'line1/filler/product_temp'];

function setup() {
  let now = 1_000_000;
  const live = new LiveStore({ historyCapacity: 4, now: () => now });
  live.setTags([tag(tags[0]!, 1000), tag(tags[1]!, 250, 'string'), tag(tags[2]!, 2000)]);
  live.drainDirty();
  return { live, advance: (ms: number) => (now += ms), now: () => now };
}

describe('LiveStore.applyBatch', () => {
  it('keeps the latest value, quality, reason and source timestamp of each tag', () => {
    const { live } = setup();
    live.applyBatch(
      makeBatch(1, [
        { tag: 0, ts: 100, value: 195 },
        { tag: 0, ts: 200, value: 196 },
        { tag: 1, ts: 200, value: 'F204' },
        { tag: 2, ts: 150, value: 9.8, quality: 'uncertain', reason: 'sensor calibration overdue' },
      ]),
      tags,
    );
    expect(live.get(tags[0]!)).toMatchObject({ value: 196, quality: 'good', sourceTs: 200, stale: false });
    expect(live.get(tags[1]!)).toMatchObject({ value: 'F204', quality: 'good' });
    expect(live.get(tags[2]!)).toMatchObject({ value: 9.8, quality: 'uncertain', reason: 'sensor calibration overdue' });
  });

  it('appends numeric values to the history, not bad ones and not text', () => {
    const { live } = setup();
    live.applyBatch(
      makeBatch(1, [
        { tag: 0, ts: 100, value: 1 },
        { tag: 0, ts: 200, value: 2, quality: 'bad', reason: 'device not responding' },
        { tag: 0, ts: 300, value: 3, quality: 'uncertain' },
        { tag: 1, ts: 300, value: 'F101' },
      ]),
      tags,
    );
    const [t, v] = live.get(tags[0]!)!.history!.columns();
    expect([...t]).toEqual([100, 300]);
    expect([...v]).toEqual([1, 3]);
    expect(live.get(tags[1]!)!.history).toBeNull();
  });

  it('forgets the histories on clearHistory (a replay jumped), keeping the latest values', () => {
    const { live } = setup();
    live.applyBatch(makeBatch(1, [{ tag: 0, ts: 100, value: 1 }, { tag: 0, ts: 200, value: 2 }]), tags);
    live.drainDirty();
    live.clearHistory();
    expect(live.get(tags[0]!)!.history!.columns()[0]).toHaveLength(0);
    expect(live.get(tags[0]!)!.value).toBe(2);
    expect(live.drainDirty().has(tags[0]!)).toBe(true);
  });

  it('takes a NaN without text as no value (e.g. a waveform row), keeping its timestamp', () => {
    const { live } = setup();
    live.applyBatch(makeBatch(1, [{ tag: 0, ts: 100, value: null }]), tags);
    expect(live.get(tags[0]!)).toMatchObject({ value: null, sourceTs: 100 });
  });

  it('ignores rows whose index is outside the subscription', () => {
    const { live } = setup();
    live.applyBatch(makeBatch(1, [{ tag: 7, ts: 100, value: 1 }]), tags);
    expect(live.drainDirty().size).toBe(0);
  });

  it('marks changed tags dirty and asks for a frame once per drain', () => {
    const { live } = setup();
    let asks = 0;
    live.onDirty = () => (asks += 1);
    live.applyBatch(makeBatch(1, [{ tag: 0, ts: 1, value: 1 }]), tags);
    live.applyBatch(makeBatch(1, [{ tag: 0, ts: 2, value: 2 }, { tag: 2, ts: 2, value: 2 }]), tags);
    expect(asks).toBe(1);
    expect([...live.drainDirty()].sort()).toEqual([tags[0], tags[2]].sort());
    expect(live.drainDirty().size).toBe(0);
    live.applyBatch(makeBatch(1, [{ tag: 0, ts: 3, value: 3 }]), tags);
    expect(asks).toBe(2);
  });
});

describe('sample listeners', () => {
  it('hear every sample of their tag in order, bad ones as null, until stopped', () => {
    const { live } = setup();
    const heard: [number, number | null, string][] = [];
    const stop = live.listen(tags[0]!, (ts, value, quality) => heard.push([ts, value, quality]));
    live.applyBatch(
      makeBatch(1, [
        { tag: 0, ts: 1, value: 10 },
        { tag: 2, ts: 1, value: 99 },
        { tag: 0, ts: 2, value: 11, quality: 'uncertain' },
        { tag: 0, ts: 3, value: null, quality: 'bad', reason: 'open circuit' },
      ]),
      tags,
    );
    expect(heard).toEqual([
      [1, 10, 'good'],
      [2, 11, 'uncertain'],
      [3, null, 'bad'],
    ]);
    stop();
    live.applyBatch(makeBatch(1, [{ tag: 0, ts: 4, value: 12 }]), tags);
    expect(heard).toHaveLength(3);
  });

  it('gives text samples as null and keeps applying the batch when a listener throws', async () => {
    const { live } = setup();
    const heard: (number | null)[] = [];
    live.listen(tags[1]!, (_ts, value) => heard.push(value));
    live.listen(tags[0]!, () => {
      throw new Error('broken chart');
    });
    const errors: unknown[] = [];
    const onError = (error: unknown) => errors.push(error);
    process.on('uncaughtException', onError);
    try {
      live.applyBatch(makeBatch(1, [{ tag: 0, ts: 1, value: 1 }, { tag: 1, ts: 1, value: 'F204' }]), tags);
      await new Promise((resolve) => setTimeout(resolve, 0));
    } finally {
      process.off('uncaughtException', onError);
    }
    expect(heard).toEqual([null]);
    expect(live.get(tags[1]!)!.value).toBe('F204');
    expect(errors).toHaveLength(1);
  });
});

describe('staleness', () => {
  it('is 3× the sample rate, at least 5 s', () => {
    expect(staleAfterMs(tag('a/b', 250))).toBe(5_000);
    expect(staleAfterMs(tag('a/b', 2_000))).toBe(6_000);
    expect(staleAfterMs(tag('a/b', 300_000))).toBe(900_000);
    expect(staleAfterMs(undefined)).toBe(5_000);
  });

  it('marks a tag stale when nothing arrived for that long, and fresh again on the next sample', () => {
    const { live, advance } = setup();
    live.applyBatch(makeBatch(1, [{ tag: 0, ts: 1, value: 1 }, { tag: 2, ts: 1, value: 9 }]), tags);
    live.drainDirty();
    advance(5_001);
    live.refreshStale();
    expect(live.get(tags[0]!)!.stale).toBe(true); // 1 s rate: stale after 5 s
    expect(live.get(tags[2]!)!.stale).toBe(false); // 2 s rate: stale after 6 s
    expect([...live.drainDirty()]).toEqual([tags[0]]);
    advance(1_000);
    live.refreshStale();
    expect(live.get(tags[2]!)!.stale).toBe(true);
    live.applyBatch(makeBatch(1, [{ tag: 0, ts: 2, value: 2 }]), tags);
    expect(live.get(tags[0]!)!.stale).toBe(false);
  });

  it('never calls a tag without any value stale', () => {
    const { live, advance } = setup();
    advance(60_000);
    live.refreshStale();
    expect(live.get(tags[0]!)!.stale).toBe(false);
  });

  it('judges on the replay clock against source times in replay: a paused replay stays fresh, a silent tag in the capture goes stale', () => {
    const { live, advance } = setup();
    let replayAt = 50_000;
    live.applyBatch(makeBatch(1, [{ tag: 0, ts: 49_000, value: 1 }, { tag: 2, ts: 49_000, value: 9 }]), tags);
    live.setStaleClock(() => replayAt);
    advance(60_000); // paused: an hour on the wall clock changes nothing
    live.refreshStale();
    expect(live.get(tags[0]!)!.stale).toBe(false);
    replayAt = 54_500; // 5.5 s of replay time since the 1 s tag's sample: stale; the 2 s tag's 6 s not yet
    live.refreshStale();
    expect(live.get(tags[0]!)!.stale).toBe(true);
    expect(live.get(tags[2]!)!.stale).toBe(false);
    live.setStaleClock(null);
    expect(live.get(tags[2]!)!.stale).toBe(true);
  });

  it('makes every value stale while the link is down, whatever its age', () => {
    const { live } = setup();
    live.applyBatch(makeBatch(1, [{ tag: 0, ts: 1, value: 1 }]), tags);
    live.setLinkUp(false);
    expect(live.get(tags[0]!)!.stale).toBe(true);
    live.setLinkUp(true);
    expect(live.get(tags[0]!)!.stale).toBe(false);
  });
});
