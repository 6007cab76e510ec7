/**
 * What changes between two plants, as applying the second live would do it: which devices
 * keep their driver and connection untouched, which restart (their settings or tags changed),
 * start or stop; which tags and alarms come, go or change; which other parts change live;
 * and which parts change only at the next start, with why. Pure; the runtime's reconfigure
 * uses the same `sameDevice` rule, so the preview says what applying will do.
 *
 * What does not apply live (decided from how each part is started):
 * - site and area name the historian's file: a change would start a new file;
 * - historian retention is read when the historian starts;
 * - the uplink's settings, and the metric catalogue it declares in its birth certificates,
 *   are fixed while it is connected (new tags reach it after a restart).
 */
import type { ConfigEffects } from '../contract/index.js';
import { allTags, type Device, type Plant, type Tag } from '../model/plant.js';

/** Same driver, settings and tags (every field of every tag): the running driver can stay. */
export function sameDevice(a: Device, aTags: readonly Tag[], b: Device, bTags: readonly Tag[]): boolean {
  return a.driver === b.driver && JSON.stringify(a.settings) === JSON.stringify(b.settings) && JSON.stringify(aTags) === JSON.stringify(bTags);
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** Keys present on both sides whose values differ, and keys on one side only. */
function keyedChanges<T>(before: readonly T[], after: readonly T[], key: (item: T) => string) {
  const old = new Map(before.map((item) => [key(item), item]));
  const next = new Map(after.map((item) => [key(item), item]));
  return {
    added: [...next.keys()].filter((k) => !old.has(k)),
    removed: [...old.keys()].filter((k) => !next.has(k)),
    changed: [...next.keys()].filter((k) => old.has(k) && !same(old.get(k), next.get(k))),
  };
}

export function plantChanges(before: Plant, after: Plant): ConfigEffects {
  const beforeTags = allTags(before);
  const afterTags = allTags(after);
  const effects: ConfigEffects = {
    devicesRestarted: [],
    devicesStarted: [],
    devicesStopped: [],
    devicesUntouched: [],
    tagsAdded: [],
    tagsRemoved: [],
    tagsChanged: [],
    alarmsAdded: [],
    alarmsRemoved: [],
    alarmsChanged: [],
    otherChanges: [],
    notLive: [],
  };

  for (const device of after.devices) {
    const old = before.devices.find((d) => d.id === device.id);
    if (!old) effects.devicesStarted.push(device.id);
    else if (sameDevice(old, beforeTags.filter((t) => t.deviceId === old.id), device, afterTags.filter((t) => t.deviceId === device.id))) effects.devicesUntouched.push(device.id);
    else effects.devicesRestarted.push(device.id);
  }
  effects.devicesStopped = before.devices.filter((d) => !after.devices.some((n) => n.id === d.id)).map((d) => d.id);

  const tags = keyedChanges(beforeTags, afterTags, (tag) => tag.path);
  effects.tagsAdded = tags.added;
  effects.tagsRemoved = tags.removed;
  effects.tagsChanged = tags.changed;
  const alarms = keyedChanges(before.alarms, after.alarms, (alarm) => alarm.id);
  effects.alarmsAdded = alarms.added;
  effects.alarmsRemoved = alarms.removed;
  effects.alarmsChanged = alarms.changed;

  const beforeAssets = before.lines.flatMap((line) => line.assets);
  const afterAssets = after.lines.flatMap((line) => line.assets);
  if (!same(before.oee, after.oee) || !same(beforeAssets.map((a) => a.oee), afterAssets.map((a) => a.oee)) || !same(before.lines.map((l) => l.constraint), after.lines.map((l) => l.constraint))) {
    effects.otherChanges.push('OEE settings (calendar, reasons, ideal cycle times)');
  }
  for (const asset of afterAssets) {
    const old = beforeAssets.find((a) => a.path === asset.path);
    if (!same(old?.pdm, asset.pdm)) effects.otherChanges.push(`vibration monitoring of ${asset.path}`);
    if (!same(old?.spc, asset.spc)) effects.otherChanges.push(`SPC characteristics of ${asset.path}`);
  }
  if (!same(before.faultTexts, after.faultTexts)) effects.otherChanges.push('fault texts');
  const names = (plant: Plant) => plant.lines.map((line) => [line.path, line.name, line.assets.map((a) => [a.path, a.name, a.kind, a.description])]);
  if (!same(names(before), names(after))) effects.otherChanges.push('line and asset names');

  if (before.site !== after.site || before.area !== after.area) {
    effects.notLive.push(`site and area (${before.site} / ${before.area} → ${after.site} / ${after.area}) name the history file: a restart starts a new one`);
  }
  if (!same(before.retention, after.retention)) effects.notLive.push('historian retention: read when the historian starts');
  if (!same(before.uplink, after.uplink)) effects.notLive.push('uplink settings: the connection keeps the ones it started with until the next start');
  else if (after.uplink && (tags.added.length > 0 || tags.removed.length > 0)) {
    effects.notLive.push("uplink: added or removed tags reach the uplink's metric catalogue at the next start");
  }
  return effects;
}

/** Whether a change does anything at all. */
export function changesNothing(effects: ConfigEffects): boolean {
  return (
    effects.devicesRestarted.length + effects.devicesStarted.length + effects.devicesStopped.length === 0 &&
    effects.tagsAdded.length + effects.tagsRemoved.length + effects.tagsChanged.length === 0 &&
    effects.alarmsAdded.length + effects.alarmsRemoved.length + effects.alarmsChanged.length === 0 &&
    effects.otherChanges.length + effects.notLive.length === 0
  );
}
