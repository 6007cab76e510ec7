/** Finding things in the plant model: assets by path, tags by role. Pure functions. */
import type { AssetInfo, LineInfo, PlantModel, TagInfo } from '../../core/contract/index.js';

export function allTags(plant: PlantModel): TagInfo[] {
  return plant.lines.flatMap((line) => line.assets.flatMap((asset) => asset.tags));
}

export function findAsset(plant: PlantModel, path: string): { line: LineInfo; asset: AssetInfo } | undefined {
  for (const line of plant.lines) {
    const asset = line.assets.find((a) => a.path === path);
    if (asset !== undefined) return { line, asset };
  }
  return undefined;
}

export function tagWithRole(asset: AssetInfo, role: string): TagInfo | undefined {
  return asset.tags.find((tag) => tag.role === role);
}

export function tagsWithRole(asset: AssetInfo, role: string): TagInfo[] {
  return asset.tags.filter((tag) => tag.role === role);
}

/** What an overview tile shows of an asset, each slot undefined when the asset has no such tag. */
export interface TileTags {
  state: TagInfo | undefined;
  fault: TagInfo | undefined;
  rate: TagInfo | undefined;
  /** Counters: total, rejects, energy (in that order, those that exist). */
  counters: { label: string; tag: TagInfo }[];
  /** Process values: temperatures, currents, vibrations (in that order). */
  keys: { label: string; tag: TagInfo }[];
  /** No tag of the asset has a role: the keys are its first tags by name, shown label above value. */
  bare: boolean;
}

const counterRoles: [role: string, label: string][] = [
  ['total-count', 'Total'],
  ['reject-count', 'Rejects'],
  ['energy', 'Energy'],
];
const keyRoles: [role: string, label: string][] = [
  ['temperature', 'Temperature'],
  ['current', 'Current'],
  ['vibration', 'Vibration'],
];

/** An asset without any role (variables added from an OPC UA server) shows its first tags by name. */
const maxUnlabelledKeys = 6;

export function tileTags(asset: AssetInfo): TileTags {
  const labelled = (roles: [string, string][]) =>
    roles.flatMap(([role, label]) => tagsWithRole(asset, role).map((tag) => ({ label, tag })));
  const keys = labelled(keyRoles);
  const hasRoles = asset.tags.some((tag) => tag.role !== undefined);
  if (!hasRoles) {
    for (const tag of asset.tags.filter((t) => t.dataType !== 'waveform').slice(0, maxUnlabelledKeys)) keys.push({ label: tag.name.replace(/_/g, ' '), tag });
  }
  return {
    state: tagWithRole(asset, 'state'),
    fault: tagWithRole(asset, 'fault'),
    rate: tagWithRole(asset, 'rate'),
    counters: labelled(counterRoles),
    keys,
    bare: !hasRoles,
  };
}

/** "Bottling line 1", or "2 lines" when the plant has several. */
export function linesTitle(plant: PlantModel): string {
  if (plant.lines.length === 1) return plant.lines[0]!.name;
  return `${plant.lines.length} lines`;
}
