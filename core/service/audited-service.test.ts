// The audit wrapper: each call that changes something is recorded once, after it ran, with
// who, where, what, the particulars, and whether it went through, was refused or failed.
import { describe, expect, it } from 'vitest';
import { fail, ok } from '../contract/index.js';
import type { AuditEntry } from '../security/audit-chain.js';
import type { HmiService, HmiSession } from './hmi-service.js';
import { auditedService } from './audited-service.js';

function fakeService(): HmiService {
  const session = {
    writeTag: async ({ path, value }: { path: string; value: number }) => (path.endsWith('locked') ? fail('write-disabled', 'not writable') : ok({ path, value, writtenAt: 5 })),
    alarmAction: async () => fail('action-refused', 'the alarm is still active'),
    assignDowntimeReason: async () => ok({}),
    acknowledgeWorkRequest: async () => fail('internal', 'database locked'),
    exportCapture: async () => ok({ id: 1, file: '/data/captures/x.lsc', state: 'running', progress: 0, detail: '', samples: 0, bytes: 0 }),
    getPlantModel: async () => ok({}),
    close: () => {},
  } as unknown as HmiSession;
  return { openSession: () => session };
}

describe('the audited service', () => {
  it('records writes with old and new value, alarm actions, reasons, acknowledgements and exports, with their outcome', async () => {
    const records: AuditEntry[] = [];
    const service = auditedService(fakeService(), { sink: { record: (e) => records.push(e) }, station: 'line1-pc (desktop)', now: () => 42, currentValue: () => 170 });
    const session = service.openSession(() => {});
    await session.writeTag({ path: 'line1/glue/setpoint', value: 172 });
    await session.writeTag({ path: 'line1/glue/locked', value: 1 });
    await session.alarmAction({ kind: 'reset', ids: ['line1/filler/state:down'], user: 'Anna' });
    await session.assignDowntimeReason({ stop: 'line1/filler@1000', reason: 'MECH-JAM', user: 'Ben', supervisor: false });
    await session.acknowledgeWorkRequest({ id: 'line1/motor@5', user: 'Carl' });
    await session.exportCapture({ from: 1, to: 2 });
    await session.getPlantModel({});
    expect(records).toEqual([
      { ts: 42, user: 'someone at line1-pc (desktop)', station: 'line1-pc (desktop)', action: 'write', target: 'line1/glue/setpoint', detail: { from: 170, to: 172 }, outcome: 'ok' },
      { ts: 42, user: 'someone at line1-pc (desktop)', station: 'line1-pc (desktop)', action: 'write', target: 'line1/glue/locked', detail: { from: 170, to: 1, error: 'write-disabled: not writable' }, outcome: 'refused' },
      { ts: 42, user: 'Anna', station: 'line1-pc (desktop)', action: 'alarm-reset', target: 'line1/filler/state:down', detail: { error: 'action-refused: the alarm is still active' }, outcome: 'refused' },
      { ts: 42, user: 'Ben', station: 'line1-pc (desktop)', action: 'downtime-reason', target: 'line1/filler@1000', detail: { reason: 'MECH-JAM', supervisor: false }, outcome: 'ok' },
      { ts: 42, user: 'Carl', station: 'line1-pc (desktop)', action: 'work-request-acknowledge', target: 'line1/motor@5', detail: { error: 'internal: database locked' }, outcome: 'failed' },
      { ts: 42, user: 'someone at line1-pc (desktop)', station: 'line1-pc (desktop)', action: 'capture-export', target: '/data/captures/x.lsc', detail: { from: 1, to: 2, assets: 'all' }, outcome: 'ok' },
    ]);
  });
});
