import { describe, expect, it } from 'vitest';
import type { AlarmSnapshot, AlarmStatus } from '../../core/contract/index.js';
import { createFakePlant } from '../testing/fake-plant.js';
import { alarmTag, assetName, bannerAlarm, filterAlarms, formatAlarmValue, nextSort, quietSummary, sortAlarms, stateWords, unacknowledgedByPriority } from './alarm-model.js';

function status(id: string, partial: Partial<AlarmStatus>): AlarmStatus {
  return { id, tag: id.split(':')[0]!, asset: id.split('/').slice(0, 2).join('/'), kind: 'H', priority: 'medium', message: id, state: 'unacknowledged', active: true, acknowledged: false, since: 0, ...partial };
}

function snapshot(alarms: AlarmStatus[], counts: Partial<AlarmSnapshot['counts']> = {}): AlarmSnapshot {
  return { revision: 1, alarms, counts: { unacknowledged: 0, active: 0, shelved: 0, suppressed: 0, outOfService: 0, byPriority: { critical: 0, high: 0, medium: 0, low: 0, diagnostic: 0 }, ...counts } };
}

describe('alarm model', () => {
  it('puts the newest of the highest-priority unacknowledged alarms in the banner', () => {
    const alarms = [
      status('l/a/x:H', { priority: 'medium', activatedAt: 900 }),
      status('l/a/y:H', { priority: 'high', activatedAt: 100 }),
      status('l/a/z:H', { priority: 'high', activatedAt: 200, state: 'rtn-unacknowledged', active: false }),
      status('l/a/w:H', { priority: 'critical', activatedAt: 999, state: 'acknowledged', acknowledged: true }),
      status('l/a/v:H', { priority: 'critical', activatedAt: 999, state: 'shelved' }),
    ];
    expect(bannerAlarm(snapshot(alarms))?.id).toBe('l/a/z:H');
    expect(unacknowledgedByPriority(snapshot(alarms))).toEqual([
      { priority: 'high', count: 2 },
      { priority: 'medium', count: 1 },
    ]);
    expect(bannerAlarm(snapshot([]))).toBeUndefined();
  });

  it('summarises a quiet picture in one line', () => {
    const alarms = [status('l/a/x:H', { state: 'acknowledged' }), status('l/a/y:H', { state: 'acknowledged' }), status('l/a/z:H', { state: 'shelved' })];
    expect(quietSummary(snapshot(alarms, { shelved: 1 }))).toBe('No unacknowledged alarms · 2 active acknowledged · 1 shelved');
    expect(quietSummary(snapshot([]))).toBe('No alarms');
  });

  it('words states as the operator reads them', () => {
    expect(stateWords({ state: 'rtn-unacknowledged' })).toBe('Returned – unacknowledged');
    expect(stateWords({ state: 'out-of-service' })).toBe('Out of service');
    expect(stateWords({ state: 'shelved', shelvedUntil: new Date(2026, 10, 21, 14, 30).getTime() })).toBe('Shelved until 14:30');
  });

  it('sorts by priority, time, asset and state, and flips on a second click', () => {
    const alarms = [
      status('l/b/x:H', { priority: 'low', activatedAt: 300, state: 'acknowledged' }),
      status('l/a/y:H', { priority: 'high', activatedAt: 100 }),
      status('l/c/z:H', { priority: 'high', activatedAt: 200, state: 'latched' }),
    ];
    expect(sortAlarms(alarms, { key: 'priority', descending: false }).map((a) => a.id)).toEqual(['l/a/y:H', 'l/c/z:H', 'l/b/x:H']);
    expect(sortAlarms(alarms, { key: 'time', descending: false }).map((a) => a.id)).toEqual(['l/b/x:H', 'l/c/z:H', 'l/a/y:H']);
    expect(sortAlarms(alarms, { key: 'asset', descending: false }).map((a) => a.asset)).toEqual(['l/a', 'l/b', 'l/c']);
    expect(sortAlarms(alarms, { key: 'state', descending: false }).map((a) => a.state)).toEqual(['unacknowledged', 'acknowledged', 'latched']);
    expect(nextSort({ key: 'time', descending: false }, 'time')).toEqual({ key: 'time', descending: true });
    expect(nextSort({ key: 'time', descending: true }, 'asset')).toEqual({ key: 'asset', descending: false });
    expect(filterAlarms(alarms, { asset: 'l/c', priority: '' }).map((a) => a.id)).toEqual(['l/c/z:H']);
    expect(filterAlarms(alarms, { asset: '', priority: 'high' })).toHaveLength(2);
  });

  it('shows values with the tag: state words, units, decimals', () => {
    const plant = createFakePlant();
    expect(assetName(plant, 'line1/filler')).toBe('Filler');
    expect(assetName(plant, 'line9/x')).toBe('line9/x');
    const state = alarmTag(plant, { asset: 'line1/filler', tag: 'line1/filler/state' });
    expect(formatAlarmValue(5, state)).toBe('Down');
    const glue = alarmTag(plant, { asset: 'line1/labeler', tag: 'line1/labeler/glue_temp' });
    expect(formatAlarmValue(191.24, glue)).toMatch(/^191.2 °C$/);
    expect(formatAlarmValue(undefined, glue)).toBe('');
  });
});
