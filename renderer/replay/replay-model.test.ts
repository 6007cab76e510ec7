import { describe, expect, it } from 'vitest';
import { replaySpeeds } from '../../core/contract/index.js';
import type { ReplayStatus } from '../../core/contract/index.js';
import { formatClockTime } from '../live/format.js';
import { canStep, captureKey, formatCaptureRange, formatReplayTime, replayClockAt, replayJumped, replayStateText, speedChoices, speedLabel, toggleAction } from './replay-model.js';

const from = Date.UTC(2025, 9, 14, 6, 0, 0);
const to = from + 2 * 3_600_000;

function status(over: Partial<ReplayStatus> = {}): ReplayStatus {
  return {
    file: 'line1.lsc',
    site: 'Plant',
    area: 'Hall',
    from,
    to,
    at: from + 60_000,
    speed: 10,
    state: 'playing',
    samplesReplayed: 0,
    config: 'capture',
    createdAt: to + 1,
    createdBy: 'test',
    ...over,
  };
}

describe('the replay clock between polls', () => {
  it('moves on at the speed while playing', () => {
    expect(replayClockAt(status(), 1_000, 1_500)).toBe(from + 60_000 + 500 * 10);
  });

  it('stops at the capture end', () => {
    expect(replayClockAt(status({ speed: 1000 }), 0, 3_600_000)).toBe(to);
  });

  it('stands still when paused, seeking or ended', () => {
    for (const state of ['paused', 'seeking', 'ended'] as const) expect(replayClockAt(status({ state }), 0, 10_000)).toBe(from + 60_000);
  });

  it('never runs backwards when the local clock is before the answer', () => {
    expect(replayClockAt(status(), 2_000, 1_000)).toBe(from + 60_000);
  });
});

describe('the banner words', () => {
  it('names the state, with the seek progress in percent', () => {
    expect(replayStateText({ state: 'playing' })).toBe('Playing');
    expect(replayStateText({ state: 'paused' })).toBe('Paused');
    expect(replayStateText({ state: 'ended' })).toBe('Ended');
    expect(replayStateText({ state: 'seeking', seekProgress: 0.424 })).toBe('Seeking 42 %');
    expect(replayStateText({ state: 'seeking', seekProgress: 1.3 })).toBe('Seeking 100 %');
    expect(replayStateText({ state: 'seeking' })).toBe('Seeking…');
  });

  it('writes the time of day with seconds', () => {
    const at = from + 3_723_000;
    expect(formatReplayTime(at)).toBe(formatClockTime(at));
    expect(formatReplayTime(at)).toMatch(/\d{2}\D\d{2}\D\d{2}/);
    expect(formatReplayTime(Number.NaN)).toBe('—');
  });

  it('writes the range with its length, with the end date only when it is another day', () => {
    const sameDay = new Date(2025, 9, 14, 6, 0, 0).getTime();
    const text = formatCaptureRange(sameDay, sameDay + 2 * 3_600_000);
    expect(text).toContain(formatClockTime(sameDay));
    expect(text).toContain(formatClockTime(sameDay + 2 * 3_600_000));
    expect(text).toMatch(/\(2 h\)$/);
    const overnight = formatCaptureRange(new Date(2025, 9, 14, 22, 0, 0).getTime(), new Date(2025, 9, 15, 6, 0, 0).getTime());
    expect(overnight).toMatch(/\(8 h\)$/);
    expect(overnight.split('2025').length - 1).toBe(2);
    expect(formatCaptureRange(sameDay, sameDay + 2 * 3_600_000 - 1)).toMatch(/\(2 h\)$/);
    expect(formatCaptureRange(sameDay, sameDay + 90 * 60_000 - 20_000)).toMatch(/\(1 h 30 min\)$/);
  });
});

describe('speeds', () => {
  it('offers the contract speeds, slowest first', () => {
    expect(speedChoices().map((c) => c.value)).toEqual([...replaySpeeds]);
    expect(speedChoices().map((c) => c.label)).toEqual(['0.5×', '1×', '2×', '5×', '10×', '20×', '50×', '100×', '200×', '500×', '1000×']);
  });

  it('adds a current speed that is not in the list, in its place', () => {
    const values = speedChoices(3).map((c) => c.value);
    expect(values.slice(0, 5)).toEqual([0.5, 1, 2, 3, 5]);
    expect(speedChoices(10)).toHaveLength(replaySpeeds.length);
    expect(speedLabel(0.25)).toBe('0.25×');
  });
});

describe('the controls', () => {
  it('toggles play and pause, and starts an ended replay again', () => {
    expect(toggleAction('playing')).toBe('pause');
    expect(toggleAction('seeking')).toBe('pause');
    expect(toggleAction('paused')).toBe('play');
    expect(toggleAction('ended')).toBe('restart');
  });

  it('steps a paused replay only', () => {
    expect(canStep('paused')).toBe(true);
    expect(canStep('playing')).toBe(false);
    expect(canStep('ended')).toBe(false);
  });

  it('tells captures apart', () => {
    expect(captureKey(status())).toBe(captureKey(status({ at: to })));
    expect(captureKey(status())).not.toBe(captureKey(status({ file: 'other.lsc' })));
  });
});

describe('jumps of the replay clock', () => {
  it('is no jump to play on at the speed', () => {
    expect(replayJumped(status(), status({ at: from + 65_000 }), 500)).toBe(false);
    expect(replayJumped(null, status(), 500)).toBe(false);
  });

  it('is a jump to go back, to finish a seek or to move on while paused', () => {
    expect(replayJumped(status(), status({ at: from }), 500)).toBe(true);
    expect(replayJumped(status({ state: 'seeking' }), status({ state: 'paused' }), 500)).toBe(true);
    expect(replayJumped(status({ state: 'paused' }), status({ state: 'paused', at: from + 120_000 }), 500)).toBe(true);
    expect(replayJumped(status({ state: 'paused' }), status({ state: 'paused', at: from + 61_000 }), 500)).toBe(false);
  });
});
