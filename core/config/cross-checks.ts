/**
 * Checks that need more than one place of the config: unique ids and tag paths, an
 * asset's device, a tag's state set, each tag address as its device's driver sees it, and
 * alarms (unique ids, the tags and assets they name, their states, H below HH and L above
 * LL), and OEE (shifts, breaks, reasons and their fault codes, each asset's tags and
 * states, the line's constraint). Run on a config that passed the schema.
 */
import type { ScalarValue } from '../contract/index.js';
import type { DriverFactory } from '../drivers/driver.js';
import { bearingCatalogue } from '../analytics/pdm/bearing.js';
import { catalogueName } from './bearing-name.js';
import { problem, type ConfigProblem } from './config-error.js';
import { numericDataTypes, type PlantConfig, type TagConfig } from './schema.js';
import { describeValue, formatPath, type ConfigPath, type SourceMap } from './source-map.js';

interface CheckContext {
  file: string;
  source: SourceMap;
  drivers: readonly DriverFactory[];
}

function listOf(names: readonly string[], none: string): string {
  if (names.length === 0) return none;
  const shown = names.slice(0, 10).join(', ');
  return names.length > 10 ? `${shown}, … (${names.length} in all)` : shown;
}

/** "Planned stop", "planned-stop" and "planned_stop" name the same state. */
function slug(label: string): string {
  return label.trim().toLowerCase().replace(/[\s_]+/g, '-');
}

/**
 * An alarm's `states` (discrete) or `suppressWhen.states` → the tag's values: for a tag
 * with a state set, each entry is a state's value or its label; otherwise a value of the
 * tag's type. The first entry that does not fit is returned with what was expected.
 */
export function resolveAlarmStates(
  entries: readonly ScalarValue[],
  tag: TagConfig,
  stateSets: PlantConfig['stateSets'],
): { values: ScalarValue[] } | { index: number; expected: string } {
  const set = tag.states === undefined ? undefined : stateSets[tag.states];
  // An unknown state set is reported by itself; its labels cannot be checked.
  if (tag.states !== undefined && !set) return { values: [...entries] };
  const values: ScalarValue[] = [];
  for (const [index, entry] of entries.entries()) {
    if (set) {
      const state = typeof entry === 'number' ? set.find((s) => s.value === entry) : typeof entry === 'string' ? set.find((s) => slug(s.label) === slug(entry)) : undefined;
      if (!state) return { index, expected: `a value or label of state set ${tag.states}: ${set.map((s) => `${s.value} ${s.label}`).join(', ')}` };
      values.push(state.value);
      continue;
    }
    const fits = tag.type === 'bool' ? typeof entry === 'boolean' : tag.type === 'string' ? typeof entry === 'string' : numericDataTypes.includes(tag.type) && typeof entry === 'number';
    if (!fits) {
      const wanted = tag.type === 'bool' ? 'true or false' : tag.type === 'string' ? 'a text' : tag.type === 'waveform' ? 'nothing: a waveform has no states' : 'a number';
      return { index, expected: `${wanted}, a value of the ${tag.type} tag ${tag.name} (it has no state set, so labels cannot be used)` };
    }
    values.push(entry);
  }
  return { values };
}

export function crossCheck(config: PlantConfig, context: CheckContext): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const { file, source } = context;
  const report = (path: ConfigPath, found: unknown, expected: string) =>
    problems.push(problem(file, source.lineOf(path), formatPath(path), `${formatPath(path)} is ${describeValue(found, false)}; expected ${expected}.`));
  const place = (path: ConfigPath) => {
    const line = source.lineOf(path);
    return line === undefined ? formatPath(path) : `${formatPath(path)} (line ${line})`;
  };

  /** Reports the second and later uses of a key; `describe` words the clash. */
  function unique<T>(
    items: readonly T[],
    keyOf: (item: T) => string | number,
    pathOf: (index: number) => ConfigPath,
    field: string,
    describe: (key: string | number, first: ConfigPath) => string,
  ) {
    const seen = new Map<string | number, number>();
    items.forEach((item, index) => {
      const key = keyOf(item);
      const first = seen.get(key);
      if (first === undefined) seen.set(key, index);
      else report([...pathOf(index), field], key, describe(key, pathOf(first)));
    });
  }

  unique(config.devices, (d) => d.id, (i) => ['devices', i], 'id', (id, first) =>
    `a device id unique in the plant, but device ${id} duplicates the device at ${place(first)}`);
  unique(config.lines, (l) => l.id, (i) => ['lines', i], 'id', (id, first) =>
    `a line id unique in the plant, but line ${id} duplicates the line at ${place(first)}`);

  const devices = new Map(config.devices.map((device) => [device.id, device]));
  const drivers = new Map(context.drivers.map((driver) => [driver.kind, driver]));
  const stateSetNames = Object.keys(config.stateSets);

  config.lines.forEach((line, li) => {
    unique(line.assets, (a) => a.id, (ai) => ['lines', li, 'assets', ai], 'id', (id, first) =>
      `an asset id unique in line ${line.id}, but asset path ${line.id}/${id} duplicates the asset at ${place(first)}`);

    line.assets.forEach((asset, ai) => {
      const assetPath: ConfigPath = ['lines', li, 'assets', ai];
      unique(asset.tags, (t) => t.name, (ti) => [...assetPath, 'tags', ti], 'name', (name, first) =>
        `a tag name unique in asset ${line.id}/${asset.id}, but tag path ${line.id}/${asset.id}/${name} duplicates the tag at ${place(first)}`);

      const assetDevice = devices.get(asset.device);
      if (!assetDevice) {
        report([...assetPath, 'device'], asset.device, `the id of a device under devices: ${listOf([...devices.keys()], '(no devices are listed)')}`);
      }
      const assetDriver = assetDevice ? drivers.get(assetDevice.driver) : undefined;

      asset.tags.forEach((tag, ti) => {
        const tagPath: ConfigPath = [...assetPath, 'tags', ti];
        let device = assetDevice;
        let driver = assetDriver;
        if (tag.device !== undefined) {
          device = devices.get(tag.device);
          driver = device ? drivers.get(device.driver) : undefined;
          if (!device) report([...tagPath, 'device'], tag.device, `the id of a device under devices: ${listOf([...devices.keys()], '(no devices are listed)')}`);
        }
        if (tag.states !== undefined && !Object.hasOwn(config.stateSets, tag.states)) {
          report([...tagPath, 'states'], tag.states, `the name of a state set under stateSets: ${listOf(stateSetNames, '(no state sets are defined)')}`);
        }
        if (device && driver) {
          let complaint: string | undefined;
          try {
            complaint = driver.checkAddress(tag.address, device.settings);
          } catch (error) {
            complaint = `the check failed: ${error instanceof Error ? error.message : String(error)}`;
          }
          if (complaint !== undefined) {
            const reason = complaint.trim().replace(/\.+$/, '');
            report([...tagPath, 'address'], tag.address, `an address that the ${driver.kind} driver of device ${device.id} accepts: ${reason}`);
          }
        }
      });
    });
  });

  checkAlarms(config, report, place);
  checkOee(config, report, place);

  for (const [name, states] of Object.entries(config.stateSets)) {
    unique(states, (s) => s.value, (i) => ['stateSets', name, i], 'value', (value, first) =>
      `a state value used once in state set ${name}, but ${value} duplicates the state at ${place(first)}`);
  }
  return problems;
}

/** Alarm ids, the tags and assets alarms name, their states, and H below HH / L above LL on each tag. */
function checkAlarms(
  config: PlantConfig,
  report: (path: ConfigPath, found: unknown, expected: string) => void,
  place: (path: ConfigPath) => string,
) {
  const tags = new Map<string, TagConfig>();
  const assets = new Set<string>();
  for (const line of config.lines) {
    for (const asset of line.assets) {
      assets.add(`${line.id}/${asset.id}`);
      for (const tag of asset.tags) tags.set(`${line.id}/${asset.id}/${tag.name}`, tag);
    }
  }
  const ids = new Map<string, ConfigPath>();
  const tagPathText = (asset: string) => {
    const near = [...tags.keys()].filter((path) => path.startsWith(`${asset}/`));
    return `the path of a tag in the plant, line/asset/tag, such as ${listOf(near, '(none)')}`;
  };
  const checkStates = (entries: readonly ScalarValue[], tag: TagConfig, path: ConfigPath) => {
    const resolved = resolveAlarmStates(entries, tag, config.stateSets);
    if ('expected' in resolved) report([...path, resolved.index], entries[resolved.index], resolved.expected);
  };

  const visited = new Set<string>();
  config.lines.forEach((line, li) =>
    line.assets.forEach((asset, ai) =>
      asset.tags.forEach((tag, ti) => {
        const tagPath = `${line.id}/${asset.id}/${tag.name}`;
        // A tag path used twice is reported as such; its alarms' ids clash as a consequence.
        const duplicateTag = visited.has(tagPath);
        visited.add(tagPath);
        const at = (i: number): ConfigPath => ['lines', li, 'assets', ai, 'tags', ti, 'alarms', i];
        tag.alarms.forEach((alarm, i) => {
          const id = `${tagPath}:${alarm.name ?? alarm.kind}`;
          const first = ids.get(id);
          if (first && !duplicateTag) {
            const field = alarm.name === undefined ? 'kind' : 'name';
            report([...at(i), field], alarm.name ?? alarm.kind, `an alarm id unique in the plant, but alarm ${id} duplicates the alarm at ${place(first)} (give one of them a name)`);
          } else if (!first) ids.set(id, at(i));
          if (alarm.states) checkStates(alarm.states, tag, [...at(i), 'states']);
          if (alarm.setpointTag !== undefined) {
            const setpoint = tags.get(alarm.setpointTag);
            if (!setpoint) report([...at(i), 'setpointTag'], alarm.setpointTag, tagPathText(`${line.id}/${asset.id}`));
            else if (!numericDataTypes.includes(setpoint.type)) report([...at(i), 'setpointTag'], alarm.setpointTag, `a numeric tag (${alarm.setpointTag} is ${setpoint.type})`);
          }
          if (alarm.suppressWhen) {
            const by = tags.get(alarm.suppressWhen.tag);
            if (!by) report([...at(i), 'suppressWhen', 'tag'], alarm.suppressWhen.tag, tagPathText(`${line.id}/${asset.id}`));
            else checkStates(alarm.suppressWhen.states, by, [...at(i), 'suppressWhen', 'states']);
          }
          if (alarm.asset !== undefined && !assets.has(alarm.asset)) {
            report([...at(i), 'asset'], alarm.asset, `the path of an asset, line/asset: ${listOf([...assets], '(no assets)')}`);
          }
        });
        // H below HH and L above LL on the same tag; the problem names both limits.
        const limits = (kind: string) => tag.alarms.flatMap((alarm, i) => (alarm.kind === kind && alarm.limit !== undefined ? [{ limit: alarm.limit, i }] : []));
        for (const h of limits('H')) {
          for (const hh of limits('HH')) {
            if (h.limit >= hh.limit) report([...at(h.i), 'limit'], h.limit, `an H limit below the HH limit ${hh.limit} of the same tag (${place([...at(hh.i), 'limit'])})`);
          }
        }
        for (const l of limits('L')) {
          for (const ll of limits('LL')) {
            if (l.limit <= ll.limit) report([...at(l.i), 'limit'], l.limit, `an L limit above the LL limit ${ll.limit} of the same tag (${place([...at(ll.i), 'limit'])})`);
          }
        }
      }),
    ),
  );
}

const integerTypes: readonly string[] = ['int16', 'uint16', 'int32', 'uint32'];
const dayNames = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
const minutesOf = (time: string) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));
const clock = (minutes: number) => `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

/** Shifts (unique, not overlapping), breaks inside their shift, reason codes and fault codes, each asset's OEE tags and states, constraints. */
function checkOee(
  config: PlantConfig,
  report: (path: ConfigPath, found: unknown, expected: string) => void,
  place: (path: ConfigPath) => string,
) {
  const oee = config.oee;
  if (oee) {
    const shifts = new Map<string, { index: number; start: number; length: number }>();
    oee.shifts.forEach((shift, i) => {
      const first = shifts.get(shift.name);
      if (first) return report(['oee', 'shifts', i, 'name'], shift.name, `a shift name used once, but ${shift.name} duplicates the shift at ${place(['oee', 'shifts', first.index])}`);
      const start = minutesOf(shift.start);
      shifts.set(shift.name, { index: i, start, length: (minutesOf(shift.end) - start + 1440) % 1440 || 1440 });
    });
    // Overlaps on the weekly clock, once per pair of shifts.
    const owner = new Int16Array(7 * 1440).fill(-1);
    const reported = new Set<string>();
    oee.shifts.forEach((shift, i) => {
      const own = shifts.get(shift.name);
      if (own?.index !== i) return;
      for (const day of new Set(shift.days)) {
        const base = dayNames.indexOf(day) * 1440 + own.start;
        for (let m = 0; m < own.length; m++) {
          const slot = (base + m) % owner.length;
          const other = owner[slot]!;
          if (other >= 0 && other !== i && !reported.has(`${other}/${i}`)) {
            reported.add(`${other}/${i}`);
            report(['oee', 'shifts', i, 'start'], shift.start, `a shift that overlaps no other shift, but ${shift.name} overlaps ${oee.shifts[other]!.name} (${place(['oee', 'shifts', other])}) on ${dayNames[Math.floor(slot / 1440)]} at ${clock(slot % 1440)}`);
          }
          owner[slot] = i;
        }
      }
    });
    oee.breaks.forEach((b, i) => {
      const shift = shifts.get(b.shift);
      if (!shift) return report(['oee', 'breaks', i, 'shift'], b.shift, `the name of a shift under oee.shifts: ${listOf([...shifts.keys()], '(none)')}`);
      const offset = (minutesOf(b.start) - shift.start + 1440) % 1440;
      if (offset + b.minutes > shift.length) {
        const s = oee.shifts[shift.index]!;
        report(['oee', 'breaks', i, 'start'], b.start, `a break inside shift ${b.shift} (${s.start}–${s.end}), but ${b.minutes} min from ${b.start} ends after it`);
      }
    });
    const codes = new Map<string, ConfigPath>();
    const faultCodes = Object.keys(config.faults);
    const walk = (nodes: NonNullable<PlantConfig['oee']>['reasons'], path: ConfigPath) =>
      nodes.forEach((node, i) => {
        const at: ConfigPath = [...path, i];
        const first = codes.get(node.code);
        if (first) report([...at, 'code'], node.code, `a reason code used once in the reason tree, but ${node.code} duplicates the reason at ${place(first)}`);
        else codes.set(node.code, at);
        node.faults.forEach((code, k) => {
          if (!Object.hasOwn(config.faults, code)) report([...at, 'faults', k], code, `a fault code listed under faults: ${listOf(faultCodes, '(no faults are listed)')}`);
        });
        walk(node.children, [...at, 'children']);
      });
    walk(oee.reasons, ['oee', 'reasons']);
  }

  config.lines.forEach((line, li) => {
    line.assets.forEach((asset, ai) => {
      if (asset.oee) checkAssetOee(config, asset, `${line.id}/${asset.id}`, ['lines', li, 'assets', ai, 'oee'], report, place);
      if (asset.pdm) {
        const at: ConfigPath = ['lines', li, 'assets', ai, 'pdm'];
        const tag = asset.tags.find((t) => t.name === asset.pdm!.waveformTag);
        const waveforms = asset.tags.filter((t) => t.type === 'waveform').map((t) => t.name);
        if (!tag || tag.type !== 'waveform') report([...at, 'waveformTag'], asset.pdm.waveformTag, `the name of a waveform tag of asset ${line.id}/${asset.id}: ${listOf(waveforms, '(it has none)')}`);
        const bearing = asset.pdm.bearing;
        if (typeof bearing === 'string' && catalogueName(bearing) === undefined) {
          report([...at, 'bearing'], bearing, `a bearing of the catalogue (${listOf(bearingCatalogue.map((b) => b.model), '(none)')}), or its geometry { balls, ballDiameterMm, pitchDiameterMm, contactAngleDeg }`);
        }
      }
      asset.spc.forEach((spc, si) => {
        const tag = asset.tags.find((t) => t.name === spc.tag);
        const at: ConfigPath = ['lines', li, 'assets', ai, 'spc', si, 'tag'];
        if (!tag) report(at, spc.tag, `the name of a tag of asset ${line.id}/${asset.id}: ${listOf(asset.tags.map((t) => t.name), '(it has no tags)')}`);
        else if (!numericDataTypes.includes(tag.type)) report(at, spc.tag, `a numeric tag holding the measured value (${spc.tag} is ${tag.type})`);
      });
    });
    if (line.constraint !== undefined) {
      const asset = line.assets.find((a) => a.id === line.constraint);
      if (!asset) report(['lines', li, 'constraint'], line.constraint, `the id of an asset of line ${line.id}: ${listOf(line.assets.map((a) => a.id), '(none)')}`);
      else if (!asset.oee) report(['lines', li, 'constraint'], line.constraint, `an asset with oee settings; ${line.id}/${asset.id} has none`);
    }
  });
}

function checkAssetOee(
  config: PlantConfig,
  asset: PlantConfig['lines'][number]['assets'][number],
  assetPath: string,
  at: ConfigPath,
  report: (path: ConfigPath, found: unknown, expected: string) => void,
  place: (path: ConfigPath) => string,
) {
  const oee = asset.oee!;
  if (!config.oee) report(at, oee, "an oee block at the top level too (timeZone, shifts): an asset's OEE settings need the plant's shift calendar");
  const tags = new Map(asset.tags.map((tag) => [tag.name, tag]));
  const names = [...tags.keys()];
  const tagOf = (field: 'stateTag' | 'faultTag' | 'totalCounter' | 'rejectCounter' | 'energyCounter' | 'productTag', numeric: boolean) => {
    const name = oee[field];
    if (name === undefined) return undefined;
    const tag = tags.get(name);
    if (!tag) report([...at, field], name, `the name of a tag of asset ${assetPath}: ${listOf(names, '(it has no tags)')}`);
    else if (numeric && !numericDataTypes.includes(tag.type)) report([...at, field], name, `a numeric tag (${name} is ${tag.type})`);
    else if (tag.type === 'waveform') report([...at, field], name, `a scalar tag (${name} is a waveform)`);
    else return tag;
    return undefined;
  };
  const state = tagOf('stateTag', false);
  tagOf('faultTag', false);
  tagOf('totalCounter', true);
  tagOf('rejectCounter', true);
  tagOf('energyCounter', true);
  tagOf('productTag', false);
  if (!state) return;
  const seen = new Map<string, ConfigPath>();
  for (const [name, entries] of Object.entries(oee.states)) {
    if (!entries) continue;
    const path: ConfigPath = [...at, 'states', name];
    const scalarAt = entries.flatMap((entry, index) => (typeof entry === 'object' ? [] : [index]));
    const resolved = resolveAlarmStates(scalarAt.map((index) => entries[index] as ScalarValue), state, config.stateSets);
    if ('expected' in resolved) {
      const index = scalarAt[resolved.index]!;
      report([...path, index], entries[index], resolved.expected);
      continue;
    }
    let k = 0;
    entries.forEach((entry, index) => {
      if (typeof entry === 'object' && !integerTypes.includes(state.type)) {
        report([...path, index], entry, `a value of the state tag (a bit needs an integer tag; ${state.name} is ${state.type})`);
        return;
      }
      const key = typeof entry === 'object' ? `bit ${entry.bit}` : JSON.stringify(resolved.values[k++]);
      const first = seen.get(key);
      if (first) report([...path, index], entry, `a value in one state only, but ${key} is also at ${place(first)}`);
      else seen.set(key, [...path, index]);
    });
  }
}
