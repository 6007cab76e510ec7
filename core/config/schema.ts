/**
 * The zod schema of the plant config file. Every field says, in its own error message,
 * what is expected there ("a positive whole number of milliseconds"); the loader prints
 * `<path> is <value found>; expected <that text>.`, so a message here must read well after
 * the word "expected". The schema is built per load because a device's `driver` and
 * `settings` are checked against the drivers that are installed.
 */
import { z } from 'zod';
import { alarmKinds, alarmPriorities, tagDataTypes } from '../contract/index.js';
import type { DriverFactory } from '../drivers/driver.js';
import { expectedFromIssue } from './expected.js';

export const configVersion = 1;

/** Ids of lines, assets, devices, tag names and state set names. No "/": they form paths. */
export const idPattern = /^[A-Za-z0-9_-]+$/;

/** Scalar tags slower than this are almost certainly a typo; waveform snapshots may be slow. */
export const maxScalarSampleRateMs = 3_600_000;
export const maxWaveformSampleRateMs = 86_400_000;

export const stateSeverities = ['normal', 'attention', 'abnormal', 'planned'] as const;

/** A zod error param holding the description of what is expected. */
function expect(expected: string): { error: string } {
  return { error: expected };
}

function nonEmptyText(expected: string) {
  return z.string(expect(expected)).trim().min(1, expect(expected));
}

function identifier(what: string) {
  const expected = `${what} (letters, digits, _ and - only)`;
  return z.string(expect(expected)).regex(idPattern, expect(expected));
}

function wholeNumber(expected: string) {
  return z.int(expect(expected));
}

function finiteNumber(expected: string) {
  return z.number(expect(expected));
}

function isOptional(schema: z.ZodType): boolean {
  return schema.safeParse(undefined).success;
}

/**
 * A mapping with a fixed set of keys: an unknown key (a typo such as `unti:`) is an error
 * whose expected text lists the known keys, optional ones marked with "?". The loader
 * relies on the known keys following the last ": " of that text to suggest a correction.
 */
function mapping<Shape extends z.core.$ZodLooseShape>(what: string, shape: Shape) {
  const keys = Object.entries(shape)
    .map(([key, schema]) => (isOptional(schema as z.ZodType) ? `${key}?` : key))
    .join(', ');
  return z.strictObject(shape, {
    error: (issue) =>
      issue.code === 'unrecognized_keys' ? `one of the keys of ${what}: ${keys}` : `${what}, a mapping with the keys: ${keys}`,
  });
}

const stateSchema = mapping('a state', {
  value: wholeNumber('a whole number, the value of the state word'),
  label: nonEmptyText('the label shown for this state, a non-empty string'),
  severity: z.enum(stateSeverities, expect(`one of: ${stateSeverities.join(', ')}`)),
});

const stateListText = 'a list of states, each { value, label, severity }';

const rangeText = 'a display range { min, max } with min below max';
const rangeSchema = mapping('a display range', {
  min: finiteNumber('a number, the bottom of the display range'),
  max: finiteNumber('a number, the top of the display range'),
}).refine((range) => range.min < range.max, expect(rangeText));

const sampleRateText = 'a positive whole number of milliseconds';

const positiveText = (what: string) => `a positive number, ${what}`;
const storageSchema = mapping("a tag's storage settings", {
  compression: z.enum(['lossless', 'deadband', 'swinging-door'], expect('one of: lossless, deadband, swinging-door')).default('lossless'),
  deadband: finiteNumber(positiveText('the change (in the tag unit) below which a value is not stored')).positive(expect(positiveText('the deadband in the tag unit'))).optional(),
  deadbandPercent: finiteNumber(positiveText('the deadband in percent of the display range')).positive(expect(positiveText('the deadband in percent of the display range'))).optional(),
  deviation: finiteNumber(positiveText('the swinging-door deviation in the tag unit')).positive(expect(positiveText('the swinging-door deviation in the tag unit'))).optional(),
  maxIntervalMs: wholeNumber('a positive whole number of milliseconds: a value is stored at least this often').positive(expect('a positive whole number of milliseconds: a value is stored at least this often')).optional(),
}).superRefine((storage, ctx) => {
  const need = (ok: boolean, path: string, message: string) => {
    if (!ok) ctx.addIssue({ code: 'custom', path: [path], input: undefined, message });
  };
  if (storage.compression === 'deadband') need(storage.deadband !== undefined || storage.deadbandPercent !== undefined, 'deadband', 'a deadband (or deadbandPercent) for deadband compression');
  if (storage.compression === 'swinging-door') need(storage.deviation !== undefined, 'deviation', 'a deviation for swinging-door compression');
});

/** Alarm kinds that compare a number with a limit; they need one, and a numeric tag. */
export const limitAlarmKinds: readonly string[] = ['HH', 'H', 'L', 'LL', 'deviation', 'rate'];
export const numericDataTypes: readonly string[] = ['int16', 'uint16', 'int32', 'uint32', 'float32', 'float64'];

const alarmStatesText = 'a list of values or state labels, e.g. [5] or [down]';
const alarmStates = z.array(z.union([z.number(), z.boolean(), z.string()], expect('a value (a number, true or false, a text) or a state label')), expect(alarmStatesText)).min(1, expect(alarmStatesText));
const delayText = (what: string) => `a whole number of milliseconds, 0 or more: how long the condition must ${what}`;
const alarmSchema = mapping('an alarm', {
  kind: z.enum(alarmKinds, expect(`one of: ${alarmKinds.join(', ')}`)),
  /** The id is "<tag path>:<name>", or "<tag path>:<kind>" without a name. */
  name: identifier('an alarm name').optional(),
  limit: finiteNumber('a number, the alarm limit in the tag unit').optional(),
  priority: z.enum(alarmPriorities, expect(`one of: ${alarmPriorities.join(', ')}`)),
  deadband: finiteNumber('a number, 0 or more, in the tag unit').min(0, expect('a number, 0 or more, in the tag unit')).default(0),
  onDelayMs: wholeNumber(delayText('hold before the alarm activates')).min(0, expect(delayText('hold before the alarm activates'))).default(0),
  offDelayMs: wholeNumber(delayText('be gone before the alarm returns')).min(0, expect(delayText('be gone before the alarm returns'))).default(0),
  message: nonEmptyText('the text the operator reads, a non-empty string'),
  latching: z.boolean(expect('true or false')).default(false),
  setpointTag: nonEmptyText('the path of the setpoint tag, line/asset/tag').optional(),
  states: alarmStates.optional(),
  suppressWhen: mapping('a suppression condition', {
    tag: nonEmptyText('the path of the tag whose value suppresses the alarm, line/asset/tag'),
    states: alarmStates,
  }).optional(),
  asset: nonEmptyText('the path of the asset the alarm belongs to, line/asset').optional(),
}).superRefine((alarm, ctx) => {
  const need = (ok: boolean, path: string, input: unknown, message: string) => {
    if (!ok) ctx.addIssue({ code: 'custom', path: [path], input, message });
  };
  const limited = limitAlarmKinds.includes(alarm.kind);
  need(!limited || alarm.limit !== undefined, 'limit', alarm.limit, `a limit for a ${alarm.kind} alarm (in the tag unit)`);
  need(limited || alarm.limit === undefined, 'limit', alarm.limit, `no limit for a ${alarm.kind} alarm (only ${limitAlarmKinds.join(', ')} alarms have one)`);
  if ((alarm.kind === 'deviation' || alarm.kind === 'rate') && alarm.limit !== undefined) {
    need(alarm.limit > 0, 'limit', alarm.limit, `a number above 0 for a ${alarm.kind} alarm (${alarm.kind === 'rate' ? 'the allowed change per second' : 'the allowed difference from the setpoint'})`);
  }
  need(alarm.kind !== 'deviation' || alarm.setpointTag !== undefined, 'setpointTag', alarm.setpointTag, 'the path of the setpoint tag for a deviation alarm');
  need(alarm.kind === 'deviation' || alarm.setpointTag === undefined, 'setpointTag', alarm.setpointTag, `no setpointTag for a ${alarm.kind} alarm (only deviation alarms have one)`);
  need(alarm.kind !== 'discrete' || alarm.states !== undefined, 'states', alarm.states, `the states that raise a discrete alarm, ${alarmStatesText}`);
  need(alarm.kind === 'discrete' || alarm.states === undefined, 'states', alarm.states, `no states for a ${alarm.kind} alarm (only discrete alarms have them)`);
});

const tagSchema = mapping('a tag', {
  name: identifier('a tag name'),
  address: nonEmptyText("the value's address in the device, a non-empty string"),
  type: z.enum(tagDataTypes, expect(`one of: ${tagDataTypes.join(', ')}`)),
  unit: z.string(expect(`a string with the tag's engineering unit (use "" for a dimensionless value)`)),
  description: nonEmptyText('a non-empty description of the value'),
  sampleRateMs: wholeNumber(sampleRateText).positive(expect(sampleRateText)),
  rateReason: nonEmptyText('a non-empty reason why the tag is sampled at this rate'),
  writable: z.boolean(expect('true or false')).default(false),
  /** The device that serves this tag when it is not the asset's (a PLC tag on an asset fed by a gateway). */
  device: identifier('the id of a device under devices').optional(),
  role: nonEmptyText('a non-empty role name such as state, rate or temperature').optional(),
  states: identifier('the name of a state set under stateSets').optional(),
  range: rangeSchema.optional(),
  decimals: wholeNumber('a whole number of decimals from 0 to 6')
    .min(0, expect('a whole number of decimals from 0 to 6'))
    .max(6, expect('a whole number of decimals from 0 to 6'))
    .optional(),
  /** How the historian stores the tag: lossless (the default), deadband or swinging door. */
  storage: storageSchema.optional(),
  /** Alarms on this tag (ISA-18.2): limits, deviation, rate, discrete states, bad quality. */
  alarms: z.array(alarmSchema, expect('a list of alarms, each { kind, priority, message, … }')).default([]),
}).superRefine((tag, ctx) => {
  tag.alarms.forEach((alarm, i) => {
    const numeric = numericDataTypes.includes(tag.type);
    if (limitAlarmKinds.includes(alarm.kind) && !numeric) {
      ctx.addIssue({ code: 'custom', path: ['alarms', i, 'kind'], input: alarm.kind, message: `discrete or bad-quality for a ${tag.type} tag (${limitAlarmKinds.join(', ')} alarms need a numeric tag)` });
    } else if (alarm.kind === 'discrete' && tag.type === 'waveform') {
      ctx.addIssue({ code: 'custom', path: ['alarms', i, 'kind'], input: alarm.kind, message: 'bad-quality for a waveform tag (the only alarm a waveform can raise)' });
    }
  });
  if (tag.storage && tag.storage.compression !== 'lossless' && (tag.type === 'string' || tag.type === 'waveform' || tag.type === 'bool')) {
    ctx.addIssue({ code: 'custom', path: ['storage', 'compression'], input: tag.storage.compression, message: `lossless for a ${tag.type} tag (only numeric tags can be compressed)` });
  }
  if (tag.storage?.deadbandPercent !== undefined && !tag.range) {
    ctx.addIssue({ code: 'custom', path: ['storage', 'deadbandPercent'], input: tag.storage.deadbandPercent, message: 'a tag with a display range (deadbandPercent is a percent of it); or use deadband in the tag unit' });
  }
  if (tag.type === 'waveform' && tag.writable) {
    ctx.addIssue({
      code: 'custom',
      path: ['writable'],
      input: tag.writable,
      message: 'false for a waveform tag (only scalar tags can be written)',
    });
  }
  const max = tag.type === 'waveform' ? maxWaveformSampleRateMs : maxScalarSampleRateMs;
  if (tag.sampleRateMs > max) {
    ctx.addIssue({
      code: 'custom',
      path: ['sampleRateMs'],
      input: tag.sampleRateMs,
      message:
        tag.type === 'waveform'
          ? `at most ${max} ms (one day) for a waveform tag`
          : `at most ${max} ms (one hour) for a ${tag.type} tag; only waveform snapshots may be slower`,
    });
  }
});

const assetSchema = mapping('an asset', {
  id: identifier('an asset id'),
  name: nonEmptyText('the asset name shown on screens, a non-empty string'),
  kind: nonEmptyText('the asset kind, a non-empty string such as filler or conveyor-motor'),
  description: z.string(expect('a string describing the asset')).default(''),
  device: identifier('the id of a device under devices'),
  tags: z.array(tagSchema, expect('a list of tags')),
});

const lineSchema = mapping('a line', {
  id: identifier('a line id'),
  name: nonEmptyText('the line name shown on screens, a non-empty string'),
  assets: z.array(assetSchema, expect('a list of assets')),
});

function deviceSchema(drivers: readonly DriverFactory[]) {
  const byKind = new Map(drivers.map((driver) => [driver.kind, driver]));
  const driverText =
    byKind.size > 0 ? `one of: ${[...byKind.keys()].join(', ')}` : 'the kind of an installed driver (none is installed)';
  return mapping('a device', {
    id: identifier('a device id'),
    driver: z.string(expect(driverText)).refine((kind) => byKind.has(kind), expect(driverText)),
    settings: z.unknown().optional(),
  }).transform((device, ctx) => {
    // The refine above guarantees the driver exists when the transform runs.
    const factory = byKind.get(device.driver) as DriverFactory;
    const result = factory.configSchema.safeParse(device.settings ?? {}, { error: expectedFromIssue });
    if (!result.success) {
      for (const issue of result.error.issues) {
        // Carried whole so that the loader can report it like any other issue.
        ctx.addIssue({ code: 'custom', path: ['settings', ...issue.path], message: issue.message, params: { driverIssue: issue } });
      }
      return z.NEVER;
    }
    return { id: device.id, driver: device.driver, settings: result.data };
  });
}

const daysText = (what: string) => `a positive number of days to keep ${what}`;
const retentionRuleSchema = mapping('a retention rule', {
  prefix: z.string(expect('a hierarchy path prefix such as "line1/motor", or "" for every tag')),
  rawDays: finiteNumber(daysText('raw samples')).positive(expect(daysText('raw samples'))),
  rollupDays: finiteNumber(daysText('1-minute and 1-hour rollups')).positive(expect(daysText('1-minute and 1-hour rollups'))),
});
const historianSchema = mapping('the historian settings', {
  /** First matching rule wins; a tag no rule matches keeps the defaults (raw 90 days, rollups 5 years). */
  retention: z.array(retentionRuleSchema, expect('a list of retention rules, each { prefix, rawDays, rollupDays }')).default([]),
});

/** The schema of a whole plant config, for the given installed drivers. */
export function plantConfigSchema(drivers: readonly DriverFactory[]) {
  return mapping('a plant config', {
    version: z.literal(configVersion, expect(`${configVersion}, the config format version this Lineside reads`)),
    site: nonEmptyText('the site name, a non-empty string'),
    area: nonEmptyText('the area name, a non-empty string'),
    stateSets: z
      .record(
        identifier('a state set name'),
        z.array(stateSchema, expect(stateListText)).min(1, expect(stateListText)),
        expect('a mapping from state set name to its list of states'),
      )
      .default({}),
    faults: z
      .record(
        nonEmptyText('a fault code, a non-empty string'),
        nonEmptyText('the fault text, a non-empty string'),
        expect('a mapping from fault code to fault text'),
      )
      .default({}),
    devices: z.array(deviceSchema(drivers), expect('a list of devices, each { id, driver, settings }')),
    lines: z
      .array(lineSchema, expect('a list of production lines, each { id, name, assets }'))
      .min(1, expect('a list of at least one production line')),
    historian: historianSchema.optional(),
  });
}

export type PlantConfig = z.output<ReturnType<typeof plantConfigSchema>>;
export type TagConfig = z.output<typeof tagSchema>;
