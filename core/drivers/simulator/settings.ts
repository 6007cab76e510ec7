/**
 * The simulator's device settings: the zod schema that `devices[].settings` of a plant
 * config must satisfy (the demo in assets/demo/plant.yaml is the reference), and the
 * types the rest of the simulator reads. Cross-field rules (unique machine ids, injected
 * faults naming existing machines and addresses) are checked here too, so that a bad
 * config fails at load time with a message naming the field.
 */
import { z } from 'zod';
import { addressProblem, signalKind } from './addresses.js';

const positive = z.number().finite().positive();

const faultSchema = z
  .strictObject({
    code: z.string().min(1).max(32),
    /** Mean running time between failures, minutes (times drawn from an exponential). */
    mtbfMin: positive,
    /** Repair time range, minutes: the 5th-95th percentile of a log-normal. */
    mttrMin: z.tuple([positive, positive]),
  })
  .refine((f) => f.mttrMin[0] <= f.mttrMin[1], { message: 'mttrMin must be [low, high] with low <= high', path: ['mttrMin'] });

const machineId = z
  .string()
  .regex(/^[A-Za-z][A-Za-z0-9_-]*$/, 'a machine id: a letter, then letters, digits, "_" or "-" (no dots)')
  .refine((id) => id !== 'load', { message: '"load" is reserved for the bench load tags' });

const packagingFields = {
  id: machineId,
  /** Rated speed in the machine's own units per minute (bottles, or cases for a case packer). */
  ratedPerMin: positive,
  /** Fraction of produced units rejected. */
  rejectRate: z.number().min(0).max(0.5).default(0),
  faults: z.array(faultSchema).default([]),
  /** Rated current of the main drive, A; a kind-dependent default when omitted. */
  driveCurrentA: positive.optional(),
};

const packagingKinds = ['filler', 'capper', 'labeler', 'case-packer'] as const;
export type PackagingKind = (typeof packagingKinds)[number];

const fillerSchema = z.strictObject({ ...packagingFields, kind: z.literal('filler'), unitsPerCase: z.literal(1).default(1) });
const capperSchema = z.strictObject({ ...packagingFields, kind: z.literal('capper'), unitsPerCase: z.literal(1).default(1) });
const labelerSchema = z.strictObject({
  ...packagingFields,
  kind: z.literal('labeler'),
  unitsPerCase: z.literal(1).default(1),
  /** Glue tank setpoint at start, °C (writable at runtime through `<id>.glue_setpoint`). */
  glueSetpointC: z.number().min(120).max(190).default(170),
  /** The fault code that means a failed glue heater element: while it is active the tank cools. */
  glueHeaterFaultCode: z.string().default('L210'),
});
const casePackerSchema = z.strictObject({
  ...packagingFields,
  kind: z.literal('case-packer'),
  /** Bottles per case; the case packer counts and rates in cases. */
  unitsPerCase: z.number().int().min(1).max(100).default(12),
});

const bearingSchema = z.strictObject({
  model: z.string().max(64).optional(),
  balls: z.number().int().min(3).max(60),
  ballDiameterMm: positive,
  pitchDiameterMm: positive,
  contactAngleDeg: z.number().min(0).max(60).default(0),
});

const conveyorMotorSchema = z.strictObject({
  id: machineId,
  kind: z.literal('conveyor-motor'),
  ratedKw: positive,
  ratedCurrentA: positive,
  ratedRpm: z.number().min(100).max(7200),
  bearing: bearingSchema.refine((b) => b.ballDiameterMm < b.pitchDiameterMm, {
    message: 'ballDiameterMm must be smaller than pitchDiameterMm',
  }),
  faults: z.array(faultSchema).default([]),
});

const machineSchema = z.discriminatedUnion('kind', [fillerSchema, capperSchema, labelerSchema, casePackerSchema, conveyorMotorSchema]);

const injectedFaultSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('bearing'),
    machine: z.string(),
    defect: z.enum(['outer-race', 'inner-race', 'ball']),
    /** Simulated hours after start when the defect is born. */
    startAfterH: z.number().min(0),
    /** Simulated days from birth to the end of life (zone D, hot bearing). */
    growthDays: positive,
  }),
  z.strictObject({
    kind: z.literal('stop'),
    machine: z.string(),
    code: z.string().min(1).max(32),
    atS: z.number().min(0),
    durationS: positive,
  }),
  z.strictObject({
    kind: z.literal('sensor'),
    address: z.string(),
    atS: z.number().min(0),
    /** Omitted: the sensor stays broken. */
    durationS: positive.optional(),
    failure: z.enum(['open-circuit', 'stuck', 'noisy']),
  }),
]);

const calendarSchema = z.strictObject({
  /** Offset of plant local time from UTC, minutes (shift times are local). */
  utcOffsetMin: z.number().int().min(-840).max(840).default(0),
  /** Local hours at which shifts start. */
  shiftStartsH: z.array(z.number().min(0).max(24)).default([6, 14, 22]),
  /** Each shift's break starts this many hours into the shift; 0-length breaks disable it. */
  breakAfterH: z.number().min(0).max(24).default(4),
  breakMin: z.number().min(0).max(240).default(30),
  /** Weekly sanitation (planned stop); null disables it. */
  sanitation: z
    .strictObject({ dayOfWeek: z.number().int().min(0).max(6), startH: z.number().min(0).max(24), durationH: positive })
    .nullable()
    .default({ dayOfWeek: 0, startH: 6, durationH: 4 }),
  /** Mean running hours between product changeovers; 0 disables them. */
  changeoverEveryH: z.number().min(0).default(16),
  changeoverMin: z.tuple([positive, positive]).default([20, 40]),
});

const loadSchema = z.strictObject({
  tags: z.number().int().min(1).max(100_000),
  rateHz: z.number().positive().max(1000),
});

export const simulatorSettingsSchema = z
  .strictObject({
    seed: z.number().int().min(0).max(0xffffffff),
    machines: z.array(machineSchema).default([]),
    injectedFaults: z.array(injectedFaultSchema).default([]),
    /** Accumulation between neighbouring machines, in minutes of the line's rated output. */
    bufferMinutes: z.number().min(0.2).max(60).default(3),
    ambientC: z.number().min(-20).max(50).default(25),
    /** Shifts, breaks, sanitation and changeovers; `false` runs around the clock. */
    calendar: z.union([z.literal(false), calendarSchema]).default(() => calendarSchema.parse({})),
    /** Synthetic bench tags `load.0 … load.N-1`. */
    load: loadSchema.optional(),
    /**
     * Minutes the line runs before the device comes online, so that a demo opens on a line
     * in production (glue hot, buffers filled, counters running) with that time already in
     * its history, rather than on a cold start. Its samples are published as one batch
     * before the live ones. Injected fault times count from the moment the device comes
     * online. 0 starts cold.
     */
    warmUpMin: z.number().min(0).max(24 * 60).default(60),
  })
  .superRefine((settings, ctx) => {
    const ids = new Set<string>();
    settings.machines.forEach((machine, i) => {
      if (ids.has(machine.id)) ctx.addIssue({ code: 'custom', path: ['machines', i, 'id'], message: `duplicate machine id '${machine.id}'` });
      ids.add(machine.id);
    });
    settings.injectedFaults.forEach((fault, i) => {
      const path = ['injectedFaults', i];
      if (fault.kind === 'sensor') {
        const problem = addressProblem(fault.address, settings);
        if (problem) ctx.addIssue({ code: 'custom', path: [...path, 'address'], message: problem });
        else if (fault.address.startsWith('load.'))
          ctx.addIssue({ code: 'custom', path: [...path, 'address'], message: `sensor failures apply to machine signals; '${fault.address}' is a bench load tag` });
        else if (fault.failure === 'noisy' && signalKind(fault.address, settings) !== 'float')
          ctx.addIssue({ code: 'custom', path: [...path, 'failure'], message: `a 'noisy' failure needs an analogue signal; '${fault.address}' is not one` });
        return;
      }
      const machine = settings.machines.find((m) => m.id === fault.machine);
      if (!machine)
        ctx.addIssue({
          code: 'custom',
          path: [...path, 'machine'],
          message: `unknown machine '${fault.machine}'; expected one of ${settings.machines.map((m) => m.id).join(', ') || '(no machines)'}`,
        });
      else if (fault.kind === 'bearing' && machine.kind !== 'conveyor-motor')
        ctx.addIssue({
          code: 'custom',
          path: [...path, 'machine'],
          message: `machine '${fault.machine}' is a ${machine.kind}; bearing faults need a conveyor-motor (it has the bearing geometry)`,
        });
    });
  });

export type SimulatorSettings = z.output<typeof simulatorSettingsSchema>;
export type MachineSettings = SimulatorSettings['machines'][number];
export type PackagingSettings = Exclude<MachineSettings, { kind: 'conveyor-motor' }>;
export type MotorSettings = Extract<MachineSettings, { kind: 'conveyor-motor' }>;
export type FaultSettings = MachineSettings['faults'][number];
export type BearingGeometry = MotorSettings['bearing'];
export type InjectedFault = SimulatorSettings['injectedFaults'][number];
export type CalendarSettings = Exclude<SimulatorSettings['calendar'], false>;

export function isPackaging(machine: MachineSettings): machine is PackagingSettings {
  return (packagingKinds as readonly string[]).includes(machine.kind);
}
