/**
 * Generated alarm workloads for tests and the benchmark, from a seed (no Math.random): a
 * plant of analogue, state and setpoint tags with a mix of every alarm kind on them, and a
 * sample stream, each tag in time order: analogue values that wander around mid-range
 * (mean-reverting noise, σ ≈ 12 % of range) so that the limits are crossed now and then,
 * with an occasional upset (a step of 10–25 % that rate alarms see), starting anywhere in
 * the range (some beyond a limit from the first sample); state words that change
 * every ~200 samples; setpoints that step every ~500; 0.05 % bad and 0.1 % uncertain samples.
 */
import type { AlarmKind, AlarmPriority, Quality } from '../../../contract/index.js';
import type { AlarmDefinition } from '../../../model/alarm.js';
import type { Sample } from '../../../model/sample.js';
import { prng } from '../../../runtime/testing/prng.js';

export type GeneratedTagRole = 'analog' | 'state' | 'setpoint';

export interface GeneratedPlant {
  tags: { path: string; role: GeneratedTagRole }[];
  definitions: AlarmDefinition[];
}

/** Every tenth tag is a state word (1…7), every tenth+1 a setpoint; the rest are analogue values in 0…100. */
function roleOf(i: number): GeneratedTagRole {
  return i % 10 === 9 ? 'state' : i % 10 === 8 ? 'setpoint' : 'analog';
}

const priorities: AlarmPriority[] = ['critical', 'high', 'medium', 'low', 'diagnostic'];
const analogKinds: AlarmKind[] = ['H', 'HH', 'L', 'LL', 'deviation', 'rate', 'bad-quality'];

export function generatePlant(seed: number, tagCount: number, definitionCount: number): GeneratedPlant {
  if (tagCount < 10) throw new Error('generatePlant needs at least 10 tags (one state word and one setpoint among them)');
  const rnd = prng(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rnd() * items.length)]!;
  const tags = Array.from({ length: tagCount }, (_, i) => ({ path: `gen/a${Math.floor(i / 10)}/t${i}`, role: roleOf(i) }));
  const stateTags = tags.filter((t) => t.role === 'state');
  const setpointTags = tags.filter((t) => t.role === 'setpoint');
  const watched = tags.filter((t) => t.role !== 'setpoint');
  const used = new Map<string, number>();
  const definitions: AlarmDefinition[] = [];
  // Kinds go round, so that even a small plant has every kind.
  let analogs = 0;
  let states = 0;
  for (let j = 0; j < definitionCount; j++) {
    const tag = watched[j % watched.length]!;
    const kind: AlarmKind = tag.role === 'state' ? (states++ % 4 === 3 ? 'bad-quality' : 'discrete') : analogKinds[analogs++ % analogKinds.length]!;
    const n = (used.get(`${tag.path}:${kind}`) ?? 0) + 1;
    used.set(`${tag.path}:${kind}`, n);
    const def: AlarmDefinition = {
      id: `${tag.path}:${kind}${n > 1 ? `-${n}` : ''}`,
      tag: tag.path,
      asset: tag.path.slice(0, tag.path.lastIndexOf('/')),
      kind,
      priority: pick(priorities),
      deadband: pick([0, 0, 0.5, 2]),
      onDelayMs: pick([0, 0, 0, 1000, 5000]),
      offDelayMs: pick([0, 0, 0, 2000]),
      message: `${kind} on ${tag.path}`,
      latching: rnd() < 0.1,
    };
    if (kind === 'H') def.limit = 75 + rnd() * 10;
    if (kind === 'HH') def.limit = 88 + rnd() * 8;
    if (kind === 'L') def.limit = 15 + rnd() * 10;
    if (kind === 'LL') def.limit = 4 + rnd() * 8;
    if (kind === 'rate') def.limit = 3 + rnd() * 2;
    if (kind === 'deviation') {
      def.limit = 25 + rnd() * 10;
      def.setpointTag = pick(setpointTags).path;
    }
    if (kind === 'discrete') def.states = rnd() < 0.5 ? [5] : [3, 4];
    if (stateTags.length > 0 && rnd() < 0.15) def.suppressWhen = { tag: pick(stateTags).path, values: [6, 7] };
    definitions.push(def);
  }
  return { tags, definitions };
}

const GOOD: Quality = { status: 'good' };
const BAD: Quality = { status: 'bad', reason: 'device not responding' };
const UNCERTAIN: Quality = { status: 'uncertain', reason: 'sensor out of calibration' };

/**
 * `count` samples in rounds over all tags (round r at start + r s, tag i `i mod 1000` ms into
 * the round), so each tag is in time order and the rounds interleave the tags.
 */
export function generateSamples(seed: number, plant: GeneratedPlant, count: number, start = 1_700_000_000_000): Sample[] {
  const rnd = prng(seed ^ 0x5eed);
  const n = plant.tags.length;
  // The plant starts in all sorts of states: some values already beyond a limit, machines in any state.
  const values = plant.tags.map((t) => (t.role === 'state' ? 1 + Math.floor(rnd() * 7) : t.role === 'setpoint' ? 50 : rnd() * 100));
  const samples: Sample[] = new Array(count);
  for (let k = 0; k < count; k++) {
    const i = k % n;
    const tag = plant.tags[i]!;
    let v = values[i]!;
    if (tag.role === 'analog') {
      v += 0.0046 * (50 - v) + (rnd() - 0.5) * 4;
      if (rnd() < 0.001) v += (rnd() < 0.5 ? -1 : 1) * (10 + rnd() * 15);
      if (v < 0) v = -v;
      if (v > 100) v = 200 - v;
    } else if (tag.role === 'state') {
      if (rnd() < 0.005) v = 1 + Math.floor(rnd() * 7);
    } else if (rnd() < 0.002) v = 40 + Math.round(rnd() * 20);
    values[i] = v;
    const q = rnd();
    const quality = q < 0.0005 ? BAD : q < 0.0015 ? UNCERTAIN : GOOD;
    samples[k] = { path: tag.path, value: Math.round(v * 100) / 100, quality, sourceTs: start + Math.floor(k / n) * 1000 + (i % 1000) };
  }
  return samples;
}
