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
import { machineStates, weekdays } from '../model/plant.js';
import { expectedFromIssue } from './expected.js';
import { expect, finiteNumber, fraction, identifier, idPattern, isoInstant, mapping, nonEmptyText, positiveNumber, positiveText, wholeNumber } from './schema-parts.js';
import { uplinkSchema } from './uplink-schema.js';

export const configVersion = 1;

export { idPattern };

/** Scalar tags slower than this are almost certainly a typo; waveform snapshots may be slow. */
export const maxScalarSampleRateMs = 3_600_000;
export const maxWaveformSampleRateMs = 86_400_000;

export const stateSeverities = ['normal', 'attention', 'abnormal', 'planned'] as const;

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
  /** A write needs a second person's confirmation (another account that may write). */
  critical: z.boolean(expect('true or false')).optional(),
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
  if (tag.critical && !tag.writable) {
    ctx.addIssue({ code: 'custom', path: ['critical'], input: tag.critical, message: 'critical only on a tag with writable: true (it asks a second person to confirm writes)' });
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

// OEE (ISO 22400-2): the plant's shift calendar and reason tree, each asset's state mapping and counters.
const localTimeText = 'a local time "HH:MM" on the 24-hour clock, e.g. "06:00"';
const localTime = z.string(expect(localTimeText)).regex(/^([01]\d|2[0-3]):[0-5]\d$/, expect(localTimeText));
const dayListText = `a list of days of the week, from: ${weekdays.join(', ')}`;
const dayList = z.array(z.enum(weekdays, expect(`a day of the week: ${weekdays.join(', ')}`)), expect(dayListText)).min(1, expect(dayListText));
const minutesText = 'a positive number of minutes';

/** "YYYY-MM-DD" that is a real calendar date. */
function isDate(text: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === text;
}

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

const dateText = 'a date "YYYY-MM-DD"';
const plannedStopStartText = 'a local date and time "YYYY-MM-DDTHH:MM" (once), or a local time "HH:MM" with days (weekly)';
const plannedStopSchema = mapping('a planned stop', {
  name: nonEmptyText('the name of the planned stop shown on screens, e.g. Sanitation'),
  start: z.string(expect(plannedStopStartText)),
  minutes: positiveNumber('the length of the planned stop in minutes'),
  days: dayList.optional(),
}).superRefine((stop, ctx) => {
  const [date, time, more] = stop.start.split('T');
  const ok = stop.days ? localTime.safeParse(stop.start).success : more === undefined && isDate(date ?? '') && localTime.safeParse(time).success;
  const expected = stop.days ? `${localTimeText} (a planned stop with days repeats weekly)` : 'a local date and time "YYYY-MM-DDTHH:MM" (or a time "HH:MM" with days for a weekly stop)';
  if (!ok) ctx.addIssue({ code: 'custom', path: ['start'], input: stop.start, message: expected });
});

interface ReasonConfig {
  code: string;
  text: string;
  faults: string[];
  children: ReasonConfig[];
}
const reasonSchema: z.ZodType<ReasonConfig, unknown> = mapping('a downtime reason', {
  code: identifier('a reason code'),
  text: nonEmptyText('the reason text the operator reads, a non-empty string'),
  /** Fault codes that make this reason likely. */
  faults: z.array(nonEmptyText('a fault code'), expect('a list of fault codes under faults')).default([]),
  children: z.array(z.lazy(() => reasonSchema), expect('a list of reasons, each { code, text, faults?, children? }')).default([]),
});

const oeeSchema = mapping('the OEE settings', {
  timeZone: z.string(expect('an IANA time zone such as Europe/Berlin or UTC')).refine(isTimeZone, expect('an IANA time zone such as Europe/Berlin or UTC')),
  shifts: z
    .array(mapping('a shift', { name: nonEmptyText('the shift name shown on screens, e.g. Early'), start: localTime, end: localTime, days: dayList }), expect('a list of shifts, each { name, start, end, days }'))
    .min(1, expect('a list of at least one shift, each { name, start, end, days }')),
  breaks: z.array(mapping('a break', { shift: nonEmptyText('the name of a shift under oee.shifts'), start: localTime, minutes: positiveNumber('the length of the break in minutes').max(1440, expect(minutesText)) }), expect('a list of breaks, each { shift, start, minutes }')).default([]),
  plannedStops: z.array(plannedStopSchema, expect('a list of planned stops, each { name, start, minutes, days? }')).default([]),
  holidays: z.array(z.string(expect(dateText)).refine(isDate, expect(`${dateText} that exists`)), expect(`a list of dates, each ${dateText}`)).default([]),
  /** Stops shorter than this are micro-stops: a performance loss, not an availability loss. */
  microStopSeconds: finiteNumber('a number of seconds, 0 or more').min(0, expect('a number of seconds, 0 or more')).default(0),
  /** Rejects within this long after a restart are startup rejects. */
  startupSeconds: finiteNumber('a number of seconds, 0 or more').min(0, expect('a number of seconds, 0 or more')).default(0),
  reasons: z.array(reasonSchema, expect('a list of downtime reasons, each { code, text, faults?, children? }')).default([]),
  /** What the screens compare the figures with; default the usual world-class figures (Nakajima). */
  targets: mapping('the OEE targets', {
    oee: fraction('the OEE target'),
    availability: fraction('the availability target'),
    performance: fraction('the performance target'),
    quality: fraction('the quality target'),
  }).default({ oee: 0.85, availability: 0.9, performance: 0.95, quality: 0.999 }),
});

const stateMatchText = 'a value of the state tag, a state label, or { bit: n } (bit n of the state word is set)';
const stateMatchList = z
  .array(z.union([z.number(), z.boolean(), z.string(), mapping('a state word bit', { bit: wholeNumber('a bit number from 0 to 31').min(0, expect('a bit number from 0 to 31')).max(31, expect('a bit number from 0 to 31')) })], expect(stateMatchText)), expect(`a list, each ${stateMatchText}`))
  .min(1, expect(`a list of at least one entry, each ${stateMatchText}`));
const stateStatesHint = 'e.g. running: [1] or running: [Running]';
const tagNameText = (what: string) => `the name of a tag of this asset holding ${what}`;
const idealText = 'the ideal cycle time in seconds per unit (or idealRatePerMin)';
const rateText = 'the ideal rate in units per minute (or idealCycleTimeS)';
const idealFields = { idealCycleTimeS: positiveNumber(idealText).optional(), idealRatePerMin: positiveNumber(rateText).optional() };
const assetOeeSchema = mapping("an asset's OEE settings", {
  stateTag: identifier(tagNameText('the machine state')),
  states: mapping('a state mapping', Object.fromEntries(machineStates.map((state) => [state, stateMatchList.optional()])) as Record<(typeof machineStates)[number], z.ZodOptional<typeof stateMatchList>>),
  faultTag: identifier(tagNameText('the active fault code')).optional(),
  totalCounter: identifier(tagNameText('the count of all units made, rejects included')).optional(),
  rejectCounter: identifier(tagNameText('the count of rejected units')).optional(),
  energyCounter: identifier(tagNameText('the energy used, kWh')).optional(),
  productTag: identifier(tagNameText('the product or recipe that runs')).optional(),
  counterModulus: wholeNumber('a whole number above 1: the value at which the counters wrap to 0, e.g. 65536').min(2, expect('a whole number above 1: the value at which the counters wrap to 0, e.g. 65536')).optional(),
  ...idealFields,
  products: z.record(z.string(), mapping('an ideal cycle time of a product', idealFields), expect('a mapping from product tag value to { idealCycleTimeS } or { idealRatePerMin }')).optional(),
}).superRefine((oee, ctx) => {
  const issue = (path: PropertyKey[], input: unknown, message: string) => ctx.addIssue({ code: 'custom', path, input, message });
  const oneIdeal = (ideal: { idealCycleTimeS?: number | undefined; idealRatePerMin?: number | undefined }, path: PropertyKey[]) => {
    if (ideal.idealCycleTimeS !== undefined && ideal.idealRatePerMin !== undefined) issue([...path, 'idealRatePerMin'], ideal.idealRatePerMin, 'no idealRatePerMin beside idealCycleTimeS (give one of them)');
  };
  if (oee.states.running === undefined) issue(['states', 'running'], undefined, `the values that mean running, ${stateStatesHint}`);
  oneIdeal(oee, []);
  for (const [product, ideal] of Object.entries(oee.products ?? {})) {
    oneIdeal(ideal, ['products', product]);
    if (ideal.idealCycleTimeS === undefined && ideal.idealRatePerMin === undefined) issue(['products', product, 'idealCycleTimeS'], undefined, idealText);
  }
  const hasIdeal = oee.idealCycleTimeS !== undefined || oee.idealRatePerMin !== undefined;
  if (oee.totalCounter !== undefined && !hasIdeal && oee.products === undefined) issue(['idealCycleTimeS'], undefined, `${idealText}: an asset with a totalCounter needs it for performance`);
  if (oee.rejectCounter !== undefined && oee.totalCounter === undefined) issue(['totalCounter'], undefined, 'a totalCounter beside the rejectCounter (quality is good units over all units)');
  if (oee.products !== undefined && oee.productTag === undefined) issue(['productTag'], undefined, 'a productTag: the ideal cycle time by product needs the tag that says which product runs');
});
const baselinePeriod = mapping('a baseline period', { from: isoInstant('the start of the baseline, an ISO date-time such as 2026-11-02T06:00:00Z'), to: isoInstant('the end of the baseline, an ISO date-time') });
function checkPeriod(period: { from: string; to: string }, ctx: z.RefinementCtx): void {
  if (!(Date.parse(period.to) > Date.parse(period.from))) ctx.addIssue({ code: 'custom', path: ['baseline', 'to'], input: period.to, message: `a time after baseline.from (${period.from})` });
}

const spcSchema = mapping('an SPC characteristic', {
  tag: identifier('the name of a tag of this asset holding the measured value, e.g. fill_volume'),
  /** 1: individuals and moving range; 2–10: X-bar/R of consecutive measurements. */
  subgroupSize: wholeNumber('a subgroup size from 1 (individuals) to 10').min(1, expect('a subgroup size from 1 (individuals) to 10')).max(10, expect('a subgroup size from 1 (individuals) to 10')).default(5),
  /** One subgroup (or individual) is taken every this many minutes: the first measurements of each interval. */
  intervalMinutes: positiveNumber('the minutes between subgroups, e.g. 5').max(1440, expect('the minutes between subgroups, at most 1440')).default(5),
  lsl: finiteNumber('the lower specification limit, in the tag unit').optional(),
  usl: finiteNumber('the upper specification limit, in the tag unit').optional(),
  target: finiteNumber('the target value, in the tag unit').optional(),
  /** The period the control limits come from (Phase I); absent: trial limits from the first 25 subgroups shown. */
  baseline: baselinePeriod.optional(),
}).superRefine((spc, ctx) => {
  if (spc.lsl !== undefined && spc.usl !== undefined && !(spc.usl > spc.lsl)) ctx.addIssue({ code: 'custom', path: ['usl'], input: spc.usl, message: `a USL above the LSL (${spc.lsl})` });
  if (spc.baseline) checkPeriod(spc.baseline, ctx);
});

const bearingGeometrySchema = mapping('a bearing geometry', {
  model: nonEmptyText('the bearing designation, e.g. FAG 6306').optional(),
  balls: wholeNumber('the number of rolling elements, 3 or more').min(3, expect('the number of rolling elements, 3 or more')),
  ballDiameterMm: positiveNumber('the ball diameter in mm'),
  pitchDiameterMm: positiveNumber('the pitch diameter in mm'),
  contactAngleDeg: finiteNumber('the contact angle in degrees, 0 for a deep-groove ball bearing').min(0, expect('a contact angle from 0 to 45 degrees')).max(45, expect('a contact angle from 0 to 45 degrees')).default(0),
}).superRefine((b, ctx) => {
  if (!(b.pitchDiameterMm > b.ballDiameterMm)) ctx.addIssue({ code: 'custom', path: ['pitchDiameterMm'], input: b.pitchDiameterMm, message: `a pitch diameter above the ball diameter (${b.ballDiameterMm} mm)` });
});
const pdmSchema = mapping("an asset's predictive-maintenance settings", {
  /** The waveform tag whose snapshots are analysed. */
  waveformTag: identifier('the name of a waveform tag of this asset'),
  /** A catalogue bearing ("SKF 6205") or its geometry. */
  bearing: z.union([z.string(), bearingGeometrySchema], expect('a catalogue bearing such as "SKF 6205", or { balls, ballDiameterMm, pitchDiameterMm, contactAngleDeg }')).optional(),
  /** ISO 10816-3 machine group: 1 (300 kW – 50 MW) or 2 (15 – 300 kW, and smaller machines). */
  machineGroup: z.union([z.literal(1), z.literal(2)], expect('1 (300 kW – 50 MW) or 2 (15 – 300 kW, and smaller machines)')).optional(),
  foundation: z.enum(['rigid', 'flexible'], expect('rigid or flexible')).optional(),
  /** The healthy period the baseline is learned from; absent: the asset's first `baselineHours` of snapshots. */
  baseline: baselinePeriod.optional(),
  /** Without a baseline period: how many hours of snapshots from the first one are learned as healthy (at least 30 snapshots). */
  baselineHours: positiveNumber('the hours of snapshots learned as the healthy baseline, e.g. 24').max(24 * 90, expect('at most 2160 hours (90 days)')).default(24),
}).superRefine((pdm, ctx) => {
  if (pdm.baseline) checkPeriod(pdm.baseline, ctx);
});

const assetSchema = mapping('an asset', {
  id: identifier('an asset id'),
  name: nonEmptyText('the asset name shown on screens, a non-empty string'),
  kind: nonEmptyText('the asset kind, a non-empty string such as filler or conveyor-motor'),
  description: z.string(expect('a string describing the asset')).default(''),
  device: identifier('the id of a device under devices'),
  tags: z.array(tagSchema, expect('a list of tags')),
  /** How OEE reads the asset's state and counters. */
  oee: assetOeeSchema.optional(),
  /** Vibration analysis of the asset's waveform snapshots. */
  pdm: pdmSchema.optional(),
  /** Measured characteristics charted with SPC. */
  spc: z.array(spcSchema, expect('a list of SPC characteristics, each { tag, subgroupSize, intervalMinutes?, lsl?, usl?, target?, baseline? }')).default([]),
});

const lineSchema = mapping('a line', {
  id: identifier('a line id'),
  name: nonEmptyText('the line name shown on screens, a non-empty string'),
  assets: z.array(assetSchema, expect('a list of assets')),
  /** The bottleneck asset whose OEE is the line's. */
  constraint: identifier('the id of an asset of this line that has oee settings').optional(),
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
    /** Shift calendar, micro-stop threshold and downtime reasons (ISO 22400-2 OEE). */
    oee: oeeSchema.optional(),
    /** The outbound Sparkplug B conduit: summaries, not raw scans. */
    uplink: uplinkSchema.optional(),
  });
}

export type PlantConfig = z.output<ReturnType<typeof plantConfigSchema>>;
export type TagConfig = z.output<typeof tagSchema>;
export type AssetOeeConfig = z.output<typeof assetOeeSchema>;
export type OeeConfig = z.output<typeof oeeSchema>;
export type SpcConfig = z.output<typeof spcSchema>;
export type PdmConfig = z.output<typeof pdmSchema>;
export type { UplinkConfig } from './uplink-schema.js';
