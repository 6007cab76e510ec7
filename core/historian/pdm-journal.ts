/**
 * Predictive maintenance in the event journal:
 * - "pdm-point": one row per analysed vibration snapshot, ts = the snapshot's time, source =
 *   the asset, data = its feature point (core/analytics/pdm/feature-point.ts). The trend,
 *   the baseline and the anomaly state are all rebuilt from these rows after a restart.
 * - "work-request": one row per maintenance work request, ts = when it was raised;
 *   "work-request-ack": its acknowledgement, with the same ts (what the row is about, so
 *   that a request and its acknowledgement come from one indexed range query), who and when
 *   in the payload. Rows are never rewritten.
 */
import type { FeaturePoint, WorkRequest } from '../contract/index.js';
import type { Historian } from './historian.js';
import { appendEvent, queryEvents } from './journal.js';

export const PDM_POINT_KIND = 'pdm-point';
export const WORK_REQUEST_KIND = 'work-request';
export const WORK_REQUEST_ACK_KIND = 'work-request-ack';

/** A snapshot's features, and the health (0–100) they gave: a replay is checked against the health recorded live. */
export function appendFeaturePoint(historian: Historian, asset: string, point: FeaturePoint, health?: number): void {
  const { t, ...features } = point;
  appendEvent(historian, { ts: t, kind: PDM_POINT_KIND, source: asset, data: health === undefined ? features : { ...features, health } });
}

/** The asset's feature points in [from, to), oldest first. */
export function featurePoints(historian: Historian, asset: string, from: number, to: number, limit = 1_000_000): FeaturePoint[] {
  return historian
    .sql(`SELECT ts, data FROM events WHERE source = ? AND kind = '${PDM_POINT_KIND}' AND ts >= ? AND ts < ? ORDER BY ts, id LIMIT ?`)
    .all(asset, from, to, limit)
    .map((row) => {
      const { ts, data } = row as { ts: number; data: string };
      const { health: _health, ...features } = JSON.parse(data) as Omit<FeaturePoint, 't'> & { health?: number };
      return { t: ts, ...features };
    });
}

/** The health recorded with each of the asset's snapshots in [from, to), oldest first (rows from before it was recorded have none). */
export function recordedHealth(historian: Historian, asset: string, from: number, to: number): { t: number; health: number }[] {
  return historian
    .sql(`SELECT ts, json_extract(data, '$.health') AS health FROM events WHERE source = ? AND kind = '${PDM_POINT_KIND}' AND ts >= ? AND ts < ? ORDER BY ts, id`)
    .all(asset, from, to)
    .flatMap((row) => {
      const { ts, health } = row as { ts: number; health: number | null };
      return health === null ? [] : [{ t: ts, health }];
    });
}

/** The time of the asset's first feature point ever, or undefined. */
export function firstFeaturePointTime(historian: Historian, asset: string): number | undefined {
  const ts = historian.sql(`SELECT MIN(ts) FROM events WHERE source = ? AND kind = '${PDM_POINT_KIND}'`).pluck().get(asset) as number | null;
  return ts ?? undefined;
}

export function appendWorkRequest(historian: Historian, request: WorkRequest): void {
  const { raisedAt, asset, status: _status, acknowledged: _acknowledged, ...data } = request;
  appendEvent(historian, { ts: raisedAt, kind: WORK_REQUEST_KIND, source: asset, data });
}

export function appendWorkRequestAck(historian: Historian, request: WorkRequest, ack: NonNullable<WorkRequest['acknowledged']>): void {
  appendEvent(historian, { ts: request.raisedAt, kind: WORK_REQUEST_ACK_KIND, source: request.asset, data: { id: request.id, ...ack } });
}

/** Work requests raised in [from, to) at `source` (an asset, or a line and below), oldest first, with their acknowledgements. */
export function storedWorkRequests(historian: Historian, query: { from: number; to: number; source?: string }): WorkRequest[] {
  const byId = new Map<string, WorkRequest>();
  for (const row of queryEvents(historian, { ...query, kind: WORK_REQUEST_KIND, limit: 1_000_000 })) {
    const data = row.data as Omit<WorkRequest, 'raisedAt' | 'asset' | 'status'>;
    byId.set(data.id, { ...data, asset: row.source, raisedAt: row.ts, status: 'open' });
  }
  for (const row of queryEvents(historian, { ...query, kind: WORK_REQUEST_ACK_KIND, limit: 1_000_000 })) {
    const { id, ...ack } = row.data as { id: string } & NonNullable<WorkRequest['acknowledged']>;
    const request = byId.get(id);
    if (request && !request.acknowledged) Object.assign(request, { status: 'acknowledged', acknowledged: ack });
  }
  return [...byId.values()];
}
