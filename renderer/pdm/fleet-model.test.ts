import { describe, expect, it } from 'vitest';
import type { FleetEntry, WorkRequest } from '../../core/contract/index.js';
import { conditionWords, fleetRow, fleetSummary, formatAgo, formatHealth, formatVelocity, sortWorkRequests, workRequestRow } from './fleet-model.js';

const now = Date.UTC(2026, 11, 7, 12);

function entry(overrides: Partial<FleetEntry>): FleetEntry {
  return {
    asset: 'line1/motor',
    name: 'Conveyor drive M1',
    lineName: 'Bottling line 1',
    condition: 'alert',
    health: 44.6,
    zone: 'C',
    velocityRmsMmS: 2.953,
    defect: 'outer-race',
    summary: 'Outer-race defect: BPFO at 105.9 Hz stands 16 dB above the noise floor',
    remainingLife: 'Zone D in about 3.6 days',
    lastSnapshotAt: now - 12 * 60_000,
    openWorkRequests: 1,
    ...overrides,
  };
}

function request(overrides: Partial<WorkRequest>): WorkRequest {
  return {
    id: `line1/motor@${now}`,
    asset: 'line1/motor',
    assetName: 'Conveyor drive M1',
    raisedAt: now,
    status: 'open',
    priority: 'high',
    health: 57.8,
    zone: 'C',
    velocityRmsMmS: 2.83,
    defect: 'outer-race',
    title: 'Outer-race defect',
    diagnosis: 'BPFO stands out',
    evidence: ['BPFO at 105.9 Hz'],
    remainingLife: 'Zone D in about 4 days',
    ...overrides,
  };
}

describe('fleet model', () => {
  it('says every condition in words and marks it with a level', () => {
    expect(Object.values(conditionWords)).toEqual(['Good', 'Watch', 'Alert', 'Learning baseline', 'No data yet']);
    const row = fleetRow(entry({}), now, 'UTC');
    expect(row).toMatchObject({ conditionText: 'Alert', level: 'abnormal', healthText: '45', zoneText: 'C', zoneMeaning: 'Unsatisfactory: plan a repair', zoneLevel: 'attention', velocityText: '2.95 mm/s', workRequestsText: '1 open' });
    expect(row.lastSnapshotText).toBe('Mon 7 Dec, 11:48 (12 min ago)');
    expect(fleetRow(entry({ condition: 'watch' }), now, 'UTC').level).toBe('attention');
    expect(fleetRow(entry({ condition: 'good', zone: 'A' }), now, 'UTC')).toMatchObject({ level: 'normal', zoneMeaning: 'As new', zoneLevel: 'normal' });
  });

  it('shows an asset without data honestly', () => {
    const row = fleetRow(entry({ condition: 'no-data', health: null, zone: null, velocityRmsMmS: null, remainingLife: null, lastSnapshotAt: null, openWorkRequests: 0 }), now, 'UTC');
    expect(row).toMatchObject({ conditionText: 'No data yet', level: 'pending', healthText: '—', zoneText: '—', zoneMeaning: 'No velocity yet', zoneLevel: 'pending', velocityText: '—', workRequestsText: 'None open', lastSnapshotText: 'No snapshot yet' });
    expect(row.remainingLife).toMatch(/No estimate needed/);
    expect(fleetRow(entry({ condition: 'learning', health: null }), now, 'UTC')).toMatchObject({ conditionText: 'Learning baseline', level: 'pending', healthText: '—' });
  });

  it('formats health, velocity and time ago', () => {
    expect(formatHealth(96.4)).toBe('96');
    expect(formatHealth(null)).toBe('—');
    expect(formatVelocity(1.2)).toBe('1.20 mm/s');
    expect(formatAgo(now - 20_000, now)).toBe('just now');
    expect(formatAgo(now + 60_000, now)).toBe('just now');
    expect(formatAgo(now - 3 * 3_600_000, now)).toBe('3 h ago');
    expect(formatAgo(now - 3 * 86_400_000, now)).toBe('3 days ago');
  });

  it('sums the fleet up', () => {
    expect(fleetSummary([entry({}), entry({ condition: 'good' }), entry({ condition: 'learning' })])).toBe('3 assets: 1 in alert, 1 good, 1 learning the baseline');
    expect(fleetSummary([])).toBe('No asset is under vibration monitoring.');
  });

  it('orders work requests open first, high first, newest first', () => {
    const list = [
      request({ id: 'a@1', status: 'acknowledged', raisedAt: now + 10 }),
      request({ id: 'b@1', priority: 'medium', raisedAt: now + 5 }),
      request({ id: 'c@1', raisedAt: now - 5 }),
      request({ id: 'd@1', raisedAt: now + 1 }),
      request({ id: 'e@1', status: 'acknowledged', raisedAt: now - 10 }),
    ];
    expect(sortWorkRequests(list).map((r) => r.id)).toEqual(['d@1', 'c@1', 'b@1', 'a@1', 'e@1']);
  });

  it('shows a work request with its priority in words and who acknowledged it', () => {
    const open = workRequestRow(request({ raisedAt: now - 20 * 3_600_000 }), now, 'UTC');
    expect(open).toMatchObject({ open: true, priorityText: 'High priority', level: 'abnormal', raisedText: 'Raised Sun 6 Dec, 16:00 (20 h ago)', healthText: 'Health 58', zoneText: 'Zone C at 2.83 mm/s', acknowledgedText: null });
    expect(workRequestRow(request({ priority: 'medium' }), now, 'UTC').level).toBe('attention');
    const acked = workRequestRow(request({ status: 'acknowledged', acknowledged: { user: 'J. Brandt', at: now, comment: 'Bearing ordered' } }), now, 'UTC');
    expect(acked).toMatchObject({ open: false, statusText: 'Acknowledged', level: 'normal', acknowledgedText: 'Acknowledged by J. Brandt, Mon 7 Dec, 12:00: “Bearing ordered”' });
  });
});
