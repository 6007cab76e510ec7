import { describe, expect, it } from 'vitest';
import type { ConfigEffects, DiffLine } from '../../core/contract/index.js';
import { diffRows, diffSummary, effectLines, exportFileName, runningLine, savedLine } from './review-model.js';

const none: ConfigEffects = {
  devicesRestarted: [],
  devicesStarted: [],
  devicesStopped: [],
  devicesUntouched: [],
  tagsAdded: [],
  tagsRemoved: [],
  tagsChanged: [],
  alarmsAdded: [],
  alarmsRemoved: [],
  alarmsChanged: [],
  otherChanges: [],
  notLive: [],
};

const diff: DiffLine[] = [
  { kind: 'skipped', text: '… 246 unchanged lines …' },
  { kind: 'same', text: '            alarms:', oldLine: 249, newLine: 249 },
  { kind: 'removed', text: '              - { kind: H, limit: 65 }', oldLine: 250 },
  { kind: 'added', text: '              - { kind: H, limit: 20 }', newLine: 250 },
  { kind: 'same', text: '          - name: motor_current', oldLine: 251, newLine: 251 },
];

describe('the review of a config change', () => {
  it('marks every changed line with a sign and its line numbers, not only a colour', () => {
    expect(diffRows(diff).map((row) => `${row.oldLine.padStart(3)} ${row.newLine.padStart(3)} ${row.sign || ' '} ${row.text.trim()}`)).toEqual([
      '          … 246 unchanged lines …',
      '249 249   alarms:',
      '250     − - { kind: H, limit: 65 }',
      '    250 + - { kind: H, limit: 20 }',
      '251 251   - name: motor_current',
    ]);
    expect(diffSummary(diff)).toBe('1 line added, 1 line removed');
    expect(diffSummary([])).toBe('No line differs');
  });

  it('says what applying does: no reconnect, or which devices restart, and what changes', () => {
    expect(effectLines({ ...none, devicesUntouched: ['line1-sim'], alarmsChanged: ['line1/capper/head_temp:H'] })).toEqual([
      'No device reconnects (line1-sim keeps running)',
      'Alarms changed: line1/capper/head_temp:H',
    ]);
    expect(effectLines({ ...none, devicesRestarted: ['aux'], devicesUntouched: ['line1-sim', 'x'], tagsAdded: ['line1/aux/a', 'line1/aux/b'], otherChanges: ['OEE settings'] })).toEqual([
      'Restarts: aux',
      'Untouched: line1-sim, x',
      'Tags added: line1/aux/a, line1/aux/b',
      'Also changes live: OEE settings',
    ]);
    expect(effectLines(none)).toEqual(['No device reconnects']);
  });

  it('says which version runs and where changes go', () => {
    const now = new Date(2026, 11, 7, 15).getTime();
    const ts = new Date(2026, 11, 7, 14, 2).getTime();
    const versions = [{ version: 3, ts, author: 'eric', comment: 'head limit', bytes: 10, current: true }];
    expect(runningLine({ version: 3, yaml: '', file: '/etc/plant.yaml' }, versions, now)).toMatch(/^Running version 3, by eric, 14:02(:00)?: head limit$/);
    expect(runningLine({ version: null, yaml: '', file: 'x' }, [], now)).toMatch(/^Running config \(no version stored/);
    expect(savedLine({ version: 3, yaml: '', file: '/etc/plant.yaml' })).toBe('Applied changes are saved to /etc/plant.yaml');
    expect(savedLine({ version: 3, yaml: '', file: 'demo', notSaved: 'the built-in demo' })).toBe('Applied changes run live only, not saved to a file: the built-in demo');
    expect(exportFileName(3)).toBe('plant-v3.yaml');
    expect(exportFileName(null)).toBe('plant.yaml');
  });
});
