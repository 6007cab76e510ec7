import { describe, expect, it } from 'vitest';
import type { AlarmJournalEntry } from '../../core/contract/index.js';
import { markersFrom, maxMarkers } from './alarm-markers.js';

function entry(id: number, at: number, partial: Partial<AlarmJournalEntry>): AlarmJournalEntry {
  return { id, at, alarmId: 'line1/filler/state:down', kind: 'activated', from: 'normal', to: 'unacknowledged', priority: 'high', asset: 'line1/filler', tag: 'line1/filler/state', message: 'Filler down', cause: '', ...partial };
}

describe('alarm markers', () => {
  it('flags activations and returns of the pens\u2019 alarms, with who acknowledged in the title', () => {
    const t = new Date(2026, 10, 21, 10, 0, 0).getTime();
    const markers = markersFrom(
      [
        entry(3, t + 60_000, { kind: 'returned', from: 'acknowledged', to: 'normal' }),
        entry(1, t, { value: 5 }),
        entry(2, t + 20_000, { kind: 'acknowledged', from: 'unacknowledged', to: 'acknowledged', user: 'M. Weber' }),
        entry(4, t, { tag: 'line1/capper/state', alarmId: 'line1/capper/state:down' }),
      ],
      new Set(['line1/filler/state']),
      t,
    );
    expect(markers.map((m) => [m.kind, m.at])).toEqual([
      ['activated', t],
      ['returned', t + 60_000],
    ]);
    expect(markers[0]!.title).toMatch(/^10:00:00 Filler down — activated \(High\) · value 5\nAcknowledged 10:00:20 by M\. Weber$/);
    expect(markers[1]!.title).toMatch(/returned to normal/);
  });

  it('keeps the newest flags only', () => {
    const many = Array.from({ length: maxMarkers + 50 }, (_, i) => entry(i, i * 1000, {}));
    const markers = markersFrom(many, new Set(['line1/filler/state']), 0);
    expect(markers).toHaveLength(maxMarkers);
    expect(markers[markers.length - 1]!.at).toBe((maxMarkers + 49) * 1000);
  });
});
