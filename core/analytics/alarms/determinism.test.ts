/** Replay is exact: the same generated samples, ticks and actions give the identical event sequence. */
import { describe, expect, it } from 'vitest';
import type { AlarmEvent } from '../../contract/index.js';
import type { AlarmDefinition } from '../../model/alarm.js';
import type { Sample } from '../../model/sample.js';
import { createAlarmEngine } from './engine.js';
import { generatePlant, generateSamples } from './testing/generated.js';

/** Feeds the stream in batches of 250 with a tick after each, and acts as an operator would, deterministically. */
function run(definitions: readonly AlarmDefinition[], samples: readonly Sample[]): AlarmEvent[] {
  const engine = createAlarmEngine(definitions, { start: samples[0]!.sourceTs });
  const events: AlarmEvent[] = [];
  for (let i = 0, batch = 0; i < samples.length; i += 250, batch++) {
    const chunk = samples.slice(i, i + 250);
    const now = chunk[chunk.length - 1]!.sourceTs;
    events.push(...engine.onSamples(chunk), ...engine.tick(now));
    const user = `op${batch % 3}`;
    if (batch % 20 === 0) {
      const unacked = engine.active().filter((s) => s.state === 'unacknowledged' || s.state === 'rtn-unacknowledged');
      if (unacked.length > 0) events.push(...engine.act({ kind: 'acknowledge', ids: unacked.map((s) => s.id), user, at: now }));
      const latched = engine.active().filter((s) => s.state === 'latched' && !s.active);
      if (latched.length > 0) events.push(...engine.act({ kind: 'reset', ids: latched.map((s) => s.id), user, at: now }));
    }
    if (batch % 50 === 7) {
      const target = engine.all()[batch % definitions.length]!;
      if (target.state !== 'shelved' && target.state !== 'out-of-service') {
        events.push(...engine.act({ kind: 'shelve', id: target.id, user, at: now, reason: 'chattering', durationMs: 60_000 }));
      }
      events.push(...engine.act({ kind: 'comment', id: target.id, user, at: now, text: `batch ${batch}` }));
    }
  }
  return events;
}

describe('determinism', () => {
  const plant = generatePlant(42, 20, 50);
  const samples = generateSamples(4242, plant, 100_000);

  it('two engines given the same 100,000 samples over 50 alarms emit identical events', () => {
    const first = run(plant.definitions, samples);
    const second = run(plant.definitions, generateSamples(4242, generatePlant(42, 20, 50), 100_000));
    expect(second).toEqual(first);
    // The stream exercises the machine: every kind activates, operators act, shelves run out.
    const kinds = new Set(first.filter((e) => e.kind === 'activated').map((e) => e.alarmId.slice(e.alarmId.indexOf(':') + 1).replace(/-\d+$/, '')));
    expect([...kinds].sort()).toEqual(['H', 'HH', 'L', 'LL', 'bad-quality', 'deviation', 'discrete', 'rate'].sort());
    const eventKinds = new Set(first.map((e) => e.kind));
    for (const kind of ['activated', 'returned', 'acknowledged', 'shelved', 'unshelved', 'suppressed', 'unsuppressed', 'comment'] as const) expect(eventKinds).toContain(kind);
    expect(first.length).toBeGreaterThan(300);
  });

  it('events of every call come in time order', () => {
    const engine = createAlarmEngine(plant.definitions);
    for (let i = 0; i < 20_000; i += 1000) {
      const events = engine.onSamples(samples.slice(i, i + 1000));
      for (let k = 1; k < events.length; k++) expect(events[k]!.at).toBeGreaterThanOrEqual(events[k - 1]!.at);
    }
  });
});
