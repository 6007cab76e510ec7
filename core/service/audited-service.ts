/**
 * The audit trail of what people do through the contract: each call that changes something
 * (a tag write, an alarm action, a downtime reason, a work request's acknowledgement, a
 * capture export) is recorded after it ran, with who, where, what, the particulars and
 * whether it went through or was refused and why. Wraps the service, so no call site can
 * forget it. Until accounts exist (issue 11) "who" is the name the operator typed, and
 * "someone at <station>" for a write, which names no one.
 */
import type { HmiRequest, Result, ScalarValue } from '../contract/index.js';
import type { AuditEntry } from '../security/audit-chain.js';
import type { HmiService, HmiSession } from './hmi-service.js';

export interface AuditSink {
  record(entry: AuditEntry): void;
}

function outcomeOf(result: Result<unknown>): { outcome: AuditEntry['outcome']; error?: string } {
  if (result.ok) return { outcome: 'ok' };
  const refused = ['write-disabled', 'action-refused', 'invalid-request', 'unauthorized', 'not-found', 'unknown-tag'].includes(result.error.code);
  return { outcome: refused ? 'refused' : 'failed', error: `${result.error.code}: ${result.error.message}` };
}

export function auditedService(service: HmiService, options: { sink: AuditSink; station: string; now?: () => number; currentValue(path: string): ScalarValue | undefined }): HmiService {
  const now = options.now ?? Date.now;
  const record = (user: string, action: string, target: string, detail: Record<string, unknown>, result: Result<unknown>) => {
    const { outcome, error } = outcomeOf(result);
    options.sink.record({ ts: now(), user, station: options.station, action, target, detail: error ? { ...detail, error } : detail, outcome });
  };
  return {
    openSession(sendBatch) {
      const session = service.openSession(sendBatch);
      const audited: HmiSession = {
        ...session,
        async writeTag(req: HmiRequest<'writeTag'>) {
          const before = options.currentValue(req.path);
          const result = await session.writeTag(req);
          record(`someone at ${options.station}`, 'write', req.path, { from: before ?? null, to: req.value }, result);
          return result;
        },
        async alarmAction(req) {
          const result = await session.alarmAction(req);
          const { kind, user, ...rest } = req;
          const target = 'ids' in rest ? rest.ids.join(', ') : rest.id;
          const { ids: _ids, id: _id, ...detail } = rest as Record<string, unknown>;
          record(user, `alarm-${kind}`, target, detail, result);
          return result;
        },
        async assignDowntimeReason(req) {
          const result = await session.assignDowntimeReason(req);
          const { stop, user, ...detail } = req;
          record(user, 'downtime-reason', stop, detail, result);
          return result;
        },
        async acknowledgeWorkRequest(req) {
          const result = await session.acknowledgeWorkRequest(req);
          const { id, user, ...detail } = req;
          record(user, 'work-request-acknowledge', id, detail, result);
          return result;
        },
        async exportCapture(req) {
          const result = await session.exportCapture(req);
          record(`someone at ${options.station}`, 'capture-export', result.ok ? result.value.file : 'capture', { from: req.from, to: req.to, assets: req.assets ?? 'all' }, result);
          return result;
        },
      };
      return audited;
    },
  };
}
