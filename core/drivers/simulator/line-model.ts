/**
 * The line itself: packaging machines in series (in settings order) with accumulation
 * buffers between them, driven by the conveyor motor(s). Each tick decides every
 * machine's PLC state word (1 running, 2 idle, 3 starved, 4 blocked, 5 down, 6 planned
 * stop, 7 changeover), moves product, counts units and rejects, and runs the random and
 * injected faults. Machines around the constraint run faster (V-curve) and slow down to
 * line speed when their infeed runs low, so that they go starved or blocked only when a
 * neighbour stops long enough to empty or fill a buffer.
 */
import { LineCalendar, type PlanState } from './calendar.js';
import { GlueTank } from './glue-tank.js';
import { Wander, type Random } from './random.js';
import { isPackaging, type FaultSettings, type MotorSettings, type PackagingSettings, type SimulatorSettings } from './settings.js';

export const STATE = { running: 1, idle: 2, starved: 3, blocked: 4, down: 5, planned: 6, changeover: 7 } as const;
export type StateCode = (typeof STATE)[keyof typeof STATE];

/** Seconds to ramp from standstill to rated speed, per kind. */
const ACCEL_S: Record<string, number> = { filler: 12, capper: 8, labeler: 8, 'case-packer': 5 };
/** Start-up sequence after a stop of the whole line: motor first, then downstream to upstream. */
const MOTOR_START_DELAY_MS = 2_000;
const FIRST_MACHINE_DELAY_MS = 4_000;
const MACHINE_STAGGER_MS = 3_000;
/** The conveyor is at speed this long after its motor starts. */
const CONVEYOR_UP_MS = 1_000;

/** A machine's random faults (exponential running time between failures) and its active stop. */
class FaultBook {
  active: { code: string; endsAt: number } | undefined;
  private readonly clocks: { spec: FaultSettings; untilS: number }[];

  constructor(
    specs: readonly FaultSettings[],
    private readonly rng: Random,
  ) {
    this.clocks = specs.map((spec) => ({ spec, untilS: rng.exponential(spec.mtbfMin * 60) }));
  }

  /** Ends a stop whose repair is done. */
  update(t: number): void {
    if (this.active && t >= this.active.endsAt) this.active = undefined;
  }

  /** Running time passes; returns true when a random fault starts now. */
  run(t: number, dtS: number): boolean {
    let started = false;
    for (const clock of this.clocks) {
      clock.untilS -= dtS;
      if (clock.untilS <= 0 && !this.active) {
        const [lo, hi] = clock.spec.mttrMin;
        this.active = { code: clock.spec.code, endsAt: t + Math.round(this.rng.logNormalBetween(lo, hi) * 60_000) };
        clock.untilS = this.rng.exponential(clock.spec.mtbfMin * 60);
        started = true;
      }
    }
    return started;
  }

  inject(code: string, endsAt: number): void {
    this.active = { code, endsAt: Math.max(endsAt, this.active?.endsAt ?? endsAt) };
  }
}

/** Accumulation between two machines, counted in bottles. */
export interface Buffer {
  capacity: number;
  content: number;
}

export class PackagingMachine {
  state: StateCode = STATE.idle;
  faultCode = '';
  /** Actual output rate, own units per minute. */
  speed = 0;
  accelerating = false;
  countTotal = 0;
  countReject = 0;
  lastCycleS: number;
  starved = false;
  blocked = false;
  readyAt: number;
  readonly unitsPerCase: number;
  readonly faults: FaultBook;
  readonly glue: GlueTank | undefined;
  private progress = 0;
  private readonly perf: Wander;

  constructor(
    readonly settings: PackagingSettings,
    /** Rate the machine falls back to when its infeed runs low, own units per minute. */
    readonly lowSpeed: number,
    readyAt: number,
    ambient: number,
    private readonly rng: Random,
  ) {
    this.unitsPerCase = settings.unitsPerCase;
    this.readyAt = readyAt;
    this.lastCycleS = 60 / settings.ratedPerMin;
    this.faults = new FaultBook(settings.faults, rng.fork('faults'));
    this.perf = new Wander(rng.fork('performance'), 0.008, 900);
    this.glue = settings.kind === 'labeler' ? new GlueTank(settings.glueSetpointC, ambient, rng.fork('glue')) : undefined;
  }

  get rated(): number {
    return this.settings.ratedPerMin;
  }

  /** Speed the line control asks for while running, given the infeed buffer's fill (undefined: unlimited supply). */
  private targetSpeed(inFill: number | undefined, dtS: number): number {
    const perf = Math.min(1, Math.max(0.93, 0.978 + this.perf.step(dtS)));
    if (inFill === undefined) return this.rated * perf;
    const f = Math.max(0, Math.min(1, (inFill - 0.2) / 0.4));
    return (this.lowSpeed + f * (this.rated - this.lowSpeed)) * perf;
  }

  /** One tick: decide the state, ramp the speed, move product between the buffers. */
  step(t: number, dtS: number, plan: PlanState, conveyorOk: boolean, isFirst: boolean, inBuf: Buffer | undefined, outBuf: Buffer | undefined, ambient: number): void {
    this.faults.update(t);
    const upc = this.unitsPerCase;
    if (inBuf) {
      if (inBuf.content < upc) this.starved = true;
      else if (this.starved && inBuf.content >= Math.max(2 * upc, Math.min(30, 0.05 * inBuf.capacity))) this.starved = false;
    }
    if (outBuf) {
      if (outBuf.content > outBuf.capacity - 1) this.blocked = true;
      else if (this.blocked && outBuf.content <= outBuf.capacity - Math.max(2, Math.min(30, 0.05 * outBuf.capacity))) this.blocked = false;
    }
    let state: StateCode;
    if (this.faults.active) state = STATE.down;
    else if (plan === 'planned') state = STATE.planned;
    else if (plan === 'changeover') state = STATE.changeover;
    else if (t < this.readyAt || (this.glue && !this.glue.ready)) state = STATE.idle;
    else if (!conveyorOk) state = isFirst ? STATE.blocked : STATE.starved;
    else if (this.starved) state = STATE.starved;
    else if (this.blocked) state = STATE.blocked;
    else state = STATE.running;
    if (state === STATE.running && this.faults.run(t, dtS)) state = STATE.down;
    this.state = state;
    this.faultCode = state === STATE.down ? (this.faults.active?.code ?? '') : '';

    // Speed: ramp up at the kind's acceleration; stop faster on a fault than at a planned stop.
    const target = state === STATE.running ? this.targetSpeed(inBuf ? inBuf.content / inBuf.capacity : undefined, dtS) : 0;
    const accel = this.rated / (ACCEL_S[this.settings.kind] ?? 8);
    const decel = this.rated / (state === STATE.down ? 0.8 : state === STATE.starved || state === STATE.blocked ? 1.5 : 3);
    this.accelerating = target > this.speed + 0.01 * this.rated;
    this.speed = target > this.speed ? Math.min(target, this.speed + accel * dtS) : Math.max(target, this.speed - decel * dtS);

    // Production, limited by what the buffers and the conveyor allow.
    this.progress += (this.speed / 60) * dtS;
    let units = Math.floor(this.progress);
    this.progress -= units;
    if (units > 0) {
      const canTake = inBuf ? (conveyorOk ? Math.floor(inBuf.content / upc) : 0) : conveyorOk || !outBuf ? Infinity : 0;
      const canPut = outBuf ? (conveyorOk ? Math.floor(outBuf.capacity - outBuf.content) : 0) : Infinity;
      const limit = Math.min(canTake, canPut);
      if (units > limit) {
        units = limit;
        this.progress = 0;
        if (limit === 0) this.speed = 0;
      }
    }
    if (units > 0) {
      let rejects = 0;
      for (let i = 0; i < units; i++) if (this.rng.chance(this.settings.rejectRate)) rejects++;
      this.countTotal = (this.countTotal + units) % 4294967296;
      this.countReject = (this.countReject + rejects) % 4294967296;
      if (inBuf) inBuf.content -= units * upc;
      if (outBuf) outBuf.content += units - rejects;
      this.lastCycleS = (60 / Math.max(this.speed, 0.05 * this.rated)) * (1 + this.rng.normal(0, 0.008));
    }
    if (this.glue) {
      const heaterFailed = this.faultCode !== '' && this.settings.kind === 'labeler' && this.faultCode === this.settings.glueHeaterFaultCode;
      this.glue.step(dtS, ambient, state === STATE.running ? this.speed : 0, heaterFailed ? 0.3 : 1);
    }
  }
}

export class ConveyorMotor {
  state: StateCode = STATE.idle;
  faultCode = '';
  /** When the motor last started (ms), how many starts so far, and the shape of that start's inrush. */
  startedAt = -Infinity;
  starts = 0;
  inrushFactor = 6;
  inrushS = 0.5;
  readyAt: number;
  readonly faults: FaultBook;

  constructor(
    readonly settings: MotorSettings,
    readyAt: number,
    private readonly rng: Random,
  ) {
    this.readyAt = readyAt;
    this.faults = new FaultBook(settings.faults, rng.fork('faults'));
  }

  step(t: number, dtS: number, plan: PlanState): void {
    this.faults.update(t);
    let state: StateCode;
    if (this.faults.active) state = STATE.down;
    else if (plan !== 'production' || t < this.readyAt) state = STATE.idle;
    else state = STATE.running;
    if (state === STATE.running && this.faults.run(t, dtS)) state = STATE.down;
    if (state === STATE.running && this.state !== STATE.running) {
      this.startedAt = t;
      this.starts++;
      this.inrushFactor = this.rng.uniform(5, 7);
      this.inrushS = this.rng.uniform(0.35, 0.7);
    }
    this.state = state;
    this.faultCode = state === STATE.down ? (this.faults.active?.code ?? '') : '';
  }
}

interface InjectedStop {
  target: { faults: FaultBook };
  code: string;
  at: number;
  endsAt: number;
  fired: boolean;
}

export class LineModel {
  t: number;
  plan: PlanState = 'production';
  ambient: number;
  readonly machines: PackagingMachine[] = [];
  readonly motors: ConveyorMotor[] = [];
  /** buffers[i] sits between machines[i] and machines[i + 1]. */
  readonly buffers: Buffer[] = [];
  private readonly calendar: LineCalendar;
  private readonly ambientWander: Wander;
  private readonly stops: InjectedStop[] = [];

  constructor(
    private readonly settings: SimulatorSettings,
    readonly start: number,
    rng: Random,
  ) {
    this.t = start;
    this.ambientWander = new Wander(rng.fork('ambient'), 1, 7200);
    this.ambient = settings.ambientC + this.ambientWander.value;
    this.calendar = new LineCalendar(settings.calendar, rng.fork('calendar'));
    const packaging = settings.machines.filter(isPackaging);
    const lineRate = Math.min(...packaging.map((m) => m.ratedPerMin * m.unitsPerCase));
    packaging.forEach((m, i) => {
      const low = Math.min(m.ratedPerMin, (0.9 * lineRate) / m.unitsPerCase);
      const readyAt = start + FIRST_MACHINE_DELAY_MS + MACHINE_STAGGER_MS * (packaging.length - 1 - i);
      this.machines.push(new PackagingMachine(m, low, readyAt, this.ambient, rng.fork(`machine:${m.id}`)));
      if (i < packaging.length - 1) this.buffers.push({ capacity: Math.round(settings.bufferMinutes * lineRate), content: 0 });
    });
    for (const m of settings.machines) if (m.kind === 'conveyor-motor') this.motors.push(new ConveyorMotor(m, start + MOTOR_START_DELAY_MS, rng.fork(`machine:${m.id}`)));
    for (const fault of settings.injectedFaults) {
      if (fault.kind !== 'stop') continue;
      const target = this.machine(fault.machine);
      if (!target) continue;
      const at = start + Math.round(fault.atS * 1000);
      this.stops.push({ target, code: fault.code, at, endsAt: at + Math.round(fault.durationS * 1000), fired: false });
    }
  }

  machine(id: string): PackagingMachine | ConveyorMotor | undefined {
    return this.machines.find((m) => m.settings.id === id) ?? this.motors.find((m) => m.settings.id === id);
  }

  /** The conveyor moves product when every conveyor motor has been running for a moment. */
  get conveyorOk(): boolean {
    return this.motors.every((m) => m.state === STATE.running && this.t - m.startedAt >= CONVEYOR_UP_MS);
  }

  step(dtMs: number): void {
    const dtS = dtMs / 1000;
    const t = (this.t += dtMs);
    this.ambient = this.settings.ambientC + this.ambientWander.step(dtS);
    const plan = this.calendar.step(t, dtS);
    if (plan === 'production' && this.plan !== 'production') this.restartSequence(t);
    this.plan = plan;
    for (const stop of this.stops) {
      if (!stop.fired && t >= stop.at) {
        stop.fired = true;
        if (t < stop.endsAt) stop.target.faults.inject(stop.code, stop.endsAt);
      }
    }
    for (const motor of this.motors) motor.step(t, dtS, plan);
    const conveyorOk = this.conveyorOk;
    for (let i = this.machines.length - 1; i >= 0; i--) {
      this.machines[i]!.step(t, dtS, plan, conveyorOk, i === 0, this.buffers[i - 1], this.buffers[i], this.ambient);
    }
  }

  /** After a planned stop or changeover the line starts again in sequence. */
  private restartSequence(t: number): void {
    for (const motor of this.motors) motor.readyAt = t + MOTOR_START_DELAY_MS;
    const n = this.machines.length;
    this.machines.forEach((m, i) => (m.readyAt = t + FIRST_MACHINE_DELAY_MS + MACHINE_STAGGER_MS * (n - 1 - i)));
  }

  /** Jumps over a gap in time without simulating it (state is kept as it was). */
  skip(ms: number): void {
    this.t += ms;
    this.calendar.skip(ms);
  }
}
