import { describe, expect, it } from 'vitest';
import type { DriverStatus } from '../../core/contract/index.js';
import { driverSummary } from './driver-summary.js';

const driver = (state: DriverStatus['state'], id = 'd'): DriverStatus => ({ deviceId: id, driver: 'modbus', state, detail: '', tagCount: 1 });

describe('driverSummary', () => {
  it('summarises the worst state', () => {
    expect(driverSummary([])).toMatchObject({ state: 'none' });
    expect(driverSummary([driver('running')])).toMatchObject({ state: 'ok', text: 'Driver OK' });
    expect(driverSummary([driver('running'), driver('running')])).toMatchObject({ state: 'ok', text: '2 drivers OK' });
    expect(driverSummary([driver('running'), driver('degraded')])).toMatchObject({ state: 'degraded', text: '1 of 2 drivers degraded' });
    expect(driverSummary([driver('degraded'), driver('failed', 'plc1')])).toMatchObject({ state: 'failed', text: '1 of 2 drivers failed' });
    expect(driverSummary([driver('failed', 'plc1')]).detail).toContain('plc1 (modbus): failed');
  });
});
