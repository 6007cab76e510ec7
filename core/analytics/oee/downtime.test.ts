/** Stops for reason assignment: which intervals are stops, whole when they overlap the range, stable ids. */
import { describe, expect, it } from 'vitest';
import { downtimeEvents } from './downtime.js';
import { code, MIN, MON_0600, timeline } from './testing/fixtures.js';

const { running, down, starved, planned, changeover } = code;
const intervals = timeline(
  MON_0600,
  [[running, 600], [down, 20, 'F101'], [running, 600], [down, 900, 'F204'], [starved, 120], [planned, 1800], [changeover, 1500], ['bad', 60], [down, 300, 'C110']],
  30_000,
);

describe('downtimeEvents', () => {
  it('lists down, starved and changeover stops (micro-stops flagged), not planned stops or unknown time', () => {
    const events = downtimeEvents('line1/filler', intervals, { from: MON_0600, to: MON_0600 + 3 * 60 * MIN });
    expect(events.map((e) => [e.state, e.faultCode, e.durationMs / 1000, e.microStop, e.ongoing])).toEqual([
      ['down', 'F101', 20, true, false],
      ['down', 'F204', 900, false, false],
      ['starved', undefined, 120, false, false],
      ['changeover', undefined, 1500, false, false],
      ['down', 'C110', 300, false, true],
    ]);
    expect(events[1]).toMatchObject({ id: `line1/filler@${MON_0600 + 1_220_000}`, asset: 'line1/filler', from: MON_0600 + 1_220_000, to: MON_0600 + 2_120_000 });
  });

  it('a stop overlapping the range is listed whole; options leave out micro-stops or pick states', () => {
    const from = MON_0600 + 1_500_000; // inside the F204 stop
    const events = downtimeEvents('a', intervals, { from, to: from + MIN, includeMicroStops: false });
    expect(events.map((e) => [e.faultCode, e.from])).toEqual([['F204', MON_0600 + 1_220_000]]);
    expect(downtimeEvents('a', intervals, { from: MON_0600, to: MON_0600 + 3 * 60 * MIN, states: ['changeover'] })).toHaveLength(1);
  });
});
