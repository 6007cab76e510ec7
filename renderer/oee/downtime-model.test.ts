import { describe, expect, it } from 'vitest';
import type { ReasonChoiceInfo } from '../../core/contract/index.js';
import { makeReport, makeStop, shiftFrom } from '../testing/oee-fixtures.js';
import { reasonPanel, reasonText, refusalText, stopRows } from './downtime-model.js';

const minute = 60_000;

function choice(code: string, texts: string[], suggested = false): ReasonChoiceInfo {
  return { code, text: texts[texts.length - 1]!, path: texts.map((_, i) => `${code}-${i}`), texts, suggested };
}

describe('downtime list', () => {
  it('lists stops newest first in plant time, with the reason or none', () => {
    const report = makeReport();
    const older = makeStop({ from: shiftFrom + 10 * minute, ongoing: false });
    const ongoing = makeStop({ from: shiftFrom + 300 * minute, durationMs: 95_000, ongoing: true, state: 'blocked', faultCode: undefined, assetName: 'Labeler' });
    const rows = stopRows([older, ...report.stops, ongoing], 'UTC', shiftFrom);
    expect(rows.map((r) => r.startText)).toEqual(['11:00', '09:20', '07:00', '06:10']);
    expect(rows[0]).toMatchObject({ assetName: 'Labeler', durationText: '1 min 35 s', ongoing: true, stateText: 'Blocked', faultCode: '', reasonText: null, givenBy: null });
    expect(rows[2]).toMatchObject({ reasonText: 'Mechanical › Fill valve defect', givenBy: 'Anna Schmidt, 07:20', comment: 'valve 17', faultCode: 'F204', stateText: 'Down' });
    expect(rows[2]!.replacedText).toBeNull();
    expect(stopRows([older], 'Europe/Berlin', shiftFrom)[0]!.startText).toBe('07:10');
    const edited = makeStop({ reason: { code: 'ORG-MAINT', texts: ['Organisation', 'Waiting for maintenance'], user: 'Sue Supervisor', at: shiftFrom, replaced: { code: 'MECH-JAM', texts: ['Mechanical', 'Bottle jam at infeed'], user: 'Ben Operator', at: shiftFrom - 1 } } });
    expect(stopRows([edited], 'UTC', shiftFrom)[0]!.replacedText).toBe('replaces "Bottle jam at infeed" by Ben Operator');
  });

  it('says a reason from its group down', () => {
    expect(reasonText({ code: 'MECH-JAM', texts: ['Mechanical', 'Bottle jam at infeed'] })).toBe('Mechanical › Bottle jam at infeed');
    expect(reasonText({ code: 'X', texts: [] })).toBe('X');
  });

  it('offers up to six suggested reasons as big buttons and every reason under its group', () => {
    const choices = [
      ...['A', 'B', 'C', 'D', 'E', 'F', 'G'].map((c) => choice(`S-${c}`, ['Mechanical', `Suggested ${c}`], true)),
      choice('MAT-CAPS', ['Materials', 'Caps not supplied']),
      choice('MECH-X', ['Mechanical', 'Something else']),
      choice('LONE', ['Lone reason']),
    ];
    const panel = reasonPanel(choices);
    expect(panel.suggested.map((c) => c.code)).toEqual(['S-A', 'S-B', 'S-C', 'S-D', 'S-E', 'S-F']);
    expect(panel.groups.map((g) => [g.text, g.choices.length])).toEqual([
      ['Mechanical', 8],
      ['Materials', 1],
      ['Other', 1],
    ]);
    expect(reasonPanel([choice('MAT-CAPS', ['Materials', 'Caps not supplied'])]).suggested).toEqual([]);
  });

  it('says why a call was refused', () => {
    expect(refusalText({ ok: false, error: { code: 'action-refused', message: 'changing a reason is a supervisor edit' } }, 'assign')).toBe('Reason not saved: changing a reason is a supervisor edit');
    expect(refusalText({ ok: false, error: { code: 'disconnected', message: 'x' } }, 'load')).toBe('Reasons could not be loaded: there is no connection to the runtime.');
  });
});
