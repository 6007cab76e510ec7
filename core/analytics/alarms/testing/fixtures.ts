/**
 * Small builders for alarm engine tests: a definition with defaults, samples, and a
 * one-line view of events ("activated normal→unacknowledged @2000") that reads well in a
 * table-driven expectation.
 */
import type { AlarmEvent, Quality, TagValueData } from '../../../contract/index.js';
import type { AlarmDefinition } from '../../../model/alarm.js';
import type { Sample } from '../../../model/sample.js';

export const TAG = 'line1/labeler/glue_temp';

export function alarm(overrides: Partial<AlarmDefinition> & Pick<AlarmDefinition, 'kind'>): AlarmDefinition {
  const tag = overrides.tag ?? TAG;
  return {
    id: `${tag}:${overrides.kind}`,
    tag,
    asset: tag.slice(0, tag.lastIndexOf('/')),
    priority: 'high',
    deadband: 0,
    onDelayMs: 0,
    offDelayMs: 0,
    message: 'Glue tank temperature',
    latching: false,
    ...overrides,
  };
}

export function sample(value: TagValueData, at: number, path = TAG, quality: Quality = { status: 'good' }): Sample {
  return { path, value, quality, sourceTs: at };
}

/** Samples of one tag: [time, value] pairs. */
export function series(points: readonly (readonly [number, TagValueData])[], path = TAG): Sample[] {
  return points.map(([at, value]) => sample(value, at, path));
}

/** "activated normal→unacknowledged @2000" */
export function brief(events: readonly AlarmEvent[]): string[] {
  return events.map((e) => `${e.kind} ${e.from}→${e.to} @${e.at}`);
}
