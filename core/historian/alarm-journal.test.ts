import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AlarmEvent } from '../contract/index.js';
import { silentLogger } from '../runtime/logger.js';
import { appendAlarmEvents, queryAlarmJournal } from './alarm-journal.js';
import { Historian } from './historian.js';

const base = { priority: 'high', asset: 'line1/filler', tag: 'line1/filler/state', message: 'Filler down' } as const;
const events: AlarmEvent[] = [
  { ...base, at: 1000, alarmId: 'line1/filler/state:discrete', kind: 'activated', from: 'normal', to: 'unacknowledged', cause: 'state down', value: 4 },
  { ...base, at: 2000, alarmId: 'line1/filler/state:discrete', kind: 'acknowledged', from: 'unacknowledged', to: 'acknowledged', cause: 'operator', user: 'Ana' },
  { priority: 'medium', asset: 'line1/labeler', tag: 'line1/labeler/glue_temp', message: 'Glue sensor failed', at: 3000, alarmId: 'line1/labeler/glue_temp:bad-quality', kind: 'shelved', from: 'unacknowledged', to: 'shelved', cause: 'operator', user: 'Ben', text: "Sensor on order, it's known", until: 1_803_000 },
];

describe('alarm journal', () => {
  const historian = new Historian({ file: join(mkdtempSync(join(tmpdir(), 'lineside-alarmj-')), 'j.db'), tags: [], log: silentLogger() });
  appendAlarmEvents(historian, events);
  const q = (extra: Partial<Parameters<typeof queryAlarmJournal>[1]>) => queryAlarmJournal(historian, { from: 0, to: 10_000, limit: 100, ...extra });

  it('stores every field and gives the events back oldest first', () => {
    const all = q({});
    expect(all.map(({ id: _id, ...e }) => e)).toEqual(events);
    expect(all.map((e) => e.id)).toEqual([1, 2, 3]);
  });

  it('filters by time, asset (and below), priority, state, kind and text', () => {
    expect(q({ from: 1500 }).map((e) => e.at)).toEqual([2000, 3000]);
    expect(q({ asset: 'line1' })).toHaveLength(3);
    expect(q({ asset: 'line1/labeler' }).map((e) => e.kind)).toEqual(['shelved']);
    expect(q({ priorities: ['high'] })).toHaveLength(2);
    expect(q({ states: ['acknowledged', 'shelved'] }).map((e) => e.user)).toEqual(['Ana', 'Ben']);
    expect(q({ kinds: ['activated'] })[0]!.value).toBe(4);
    expect(q({ text: "IT'S KNOWN" }).map((e) => e.alarmId)).toEqual(['line1/labeler/glue_temp:bad-quality']);
    expect(q({ text: 'ana' })).toHaveLength(1);
    expect(q({ limit: 1 })).toHaveLength(1);
  });
});
