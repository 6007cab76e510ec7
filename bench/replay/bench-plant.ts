// The replay benchmark's plant and its day of data: 5 lines of 10 machines, each with a
// machine state word, a total and a reject counter and 17 analogue values (1,000 tags), all
// at 1 Hz; a "down" alarm on every state word and a high alarm with deadband and on-delay on
// 5 analogues of each machine (300 alarms); OEE on every machine, each line's from its
// first machine. Values are seeded, so every run replays the same day.
import type { Series } from '../../core/historian/series.js';
import { prng } from '../../core/runtime/testing/prng.js';

export const LINES = 5;
export const MACHINES_PER_LINE = 10;
export const ANALOGUES = 17;
export const ALARMED_ANALOGUES = 5;
export const TAGS = LINES * MACHINES_PER_LINE * (3 + ANALOGUES);
const HIGH_LIMIT = 59;

export function machinePaths(): string[] {
  const out: string[] = [];
  for (let l = 1; l <= LINES; l++) for (let m = 1; m <= MACHINES_PER_LINE; m++) out.push(`line${l}/m${m}`);
  return out;
}

const analogue = (k: number) => `a${String(k).padStart(2, '0')}`;

export function benchConfigYaml(): string {
  const lines: string[] = [];
  for (let l = 1; l <= LINES; l++) {
    lines.push(`  - id: line${l}\n    name: Line ${l}\n    constraint: m1\n    assets:`);
    for (let m = 1; m <= MACHINES_PER_LINE; m++) {
      const tags = [
        `          - { name: state, address: s, type: int16, unit: "", description: State, sampleRateMs: 1000, rateReason: bench, role: state, states: machine, alarms: [{ kind: discrete, name: down, states: [down], priority: high, message: Machine down }] }`,
        `          - { name: total, address: t, type: uint32, unit: "", description: Total count, sampleRateMs: 1000, rateReason: bench }`,
        `          - { name: reject, address: r, type: uint32, unit: "", description: Reject count, sampleRateMs: 1000, rateReason: bench }`,
      ];
      for (let k = 1; k <= ANALOGUES; k++) {
        const alarm = k <= ALARMED_ANALOGUES ? `, alarms: [{ kind: H, limit: ${HIGH_LIMIT}, deadband: 0.5, onDelayMs: 10000, priority: low, message: Value ${k} high }]` : '';
        tags.push(`          - { name: ${analogue(k)}, address: v${k}, type: float64, unit: degC, description: Value ${k}, sampleRateMs: 1000, rateReason: bench${alarm} }`);
      }
      lines.push(`      - id: m${m}
        name: Machine ${l}.${m}
        kind: machine
        device: bench
        oee:
          stateTag: state
          states: { running: [Running], idle: [Idle], down: [Down], planned-stop: [Planned stop] }
          totalCounter: total
          rejectCounter: reject
          counterModulus: 4294967296
          idealCycleTimeS: 0.3
        tags:
${tags.join('\n')}`);
    }
  }
  return `version: 1
site: Bench
area: Replay
stateSets:
  machine:
    - { value: 1, label: Running, severity: normal }
    - { value: 2, label: Idle, severity: normal }
    - { value: 5, label: Down, severity: abnormal }
    - { value: 6, label: Planned stop, severity: planned }
devices:
  - { id: bench, driver: bench, settings: {} }
oee:
  timeZone: UTC
  shifts:
    - { name: Early, start: "06:00", end: "14:00", days: [mon, tue, wed, thu, fri, sat, sun] }
    - { name: Late, start: "14:00", end: "22:00", days: [mon, tue, wed, thu, fri, sat, sun] }
    - { name: Night, start: "22:00", end: "06:00", days: [mon, tue, wed, thu, fri, sat, sun] }
  microStopSeconds: 30
  startupSeconds: 120
  targets: { oee: 0.85, availability: 0.9, performance: 0.95, quality: 0.999 }
  reasons: []
lines:
${lines.join('\n')}
`;
}

/** One machine's day at 1 Hz from `from`: its 20 series by tag name. */
export function machineDay(machine: number, from: number, seconds: number): Map<string, Series> {
  const rnd = prng(1000 + machine);
  const ts = new Float64Array(seconds);
  for (let i = 0; i < seconds; i++) ts[i] = from + i * 1000;
  const quality = new Uint8Array(seconds);
  const state = new Float64Array(seconds);
  const total = new Float64Array(seconds);
  const reject = new Float64Array(seconds);
  // Stops of 20 s to 6 min about every 40 min; counters run while running.
  let down = 0;
  let count = 0;
  let rejects = 0;
  for (let i = 0; i < seconds; i++) {
    if (down > 0) down--;
    else if (rnd() < 1 / 2400) down = 20 + Math.floor(rnd() * 340);
    state[i] = down > 0 ? 5 : 1;
    if (down === 0) {
      count += 3 + (rnd() < 0.33 ? 1 : 0);
      if (rnd() < 0.01) rejects++;
    }
    total[i] = count;
    reject[i] = rejects;
  }
  const out = new Map<string, Series>([
    ['state', { ts, value: state, quality }],
    ['total', { ts, value: total, quality }],
    ['reject', { ts, value: reject, quality }],
  ]);
  for (let k = 1; k <= ANALOGUES; k++) {
    const value = new Float64Array(seconds);
    const period = 600 + k * 37 + machine;
    for (let i = 0; i < seconds; i++) value[i] = Math.round((50 + 8.5 * Math.sin((2 * Math.PI * i) / period) + (rnd() - 0.5) * 2) * 100) / 100;
    out.set(analogue(k), { ts, value, quality });
  }
  return out;
}
