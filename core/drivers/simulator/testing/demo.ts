/**
 * Test helpers: the demo plant's simulator settings and tags, read from
 * assets/demo/plant.yaml (the reference config), without going through core/config.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import type { TagDataType } from '../../../contract/index.js';
import type { Tag } from '../../../model/plant.js';
import { simulatorSettingsSchema, type SimulatorSettings } from '../settings.js';

const demoFile = fileURLToPath(new URL('../../../../assets/demo/plant.yaml', import.meta.url));

interface DemoTag {
  name: string;
  address: string;
  type: TagDataType;
  unit?: string;
  description?: string;
  sampleRateMs: number;
  rateReason?: string;
  writable?: boolean;
  range?: { min: number; max: number };
  role?: string;
  decimals?: number;
}

interface DemoPlant {
  devices: { id: string; driver: string; settings: unknown }[];
  lines: { id: string; assets: { id: string; device: string; tags: DemoTag[] }[] }[];
}

function demoPlant(): DemoPlant {
  return parse(readFileSync(demoFile, 'utf8')) as DemoPlant;
}

/** The raw `devices[0].settings` block of the demo, as written in the YAML. */
export function demoRawSettings(): Record<string, unknown> {
  return structuredClone(demoPlant().devices[0]!.settings) as Record<string, unknown>;
}

/** The demo's settings, validated, with `overrides` merged in at the top level. */
export function demoSettings(overrides: Record<string, unknown> = {}): SimulatorSettings {
  return simulatorSettingsSchema.parse({ ...demoRawSettings(), ...overrides });
}

/** The demo's tags, as the plant model would build them. */
export function demoTags(): Tag[] {
  const plant = demoPlant();
  return plant.lines.flatMap((line) =>
    line.assets.flatMap((asset) =>
      asset.tags.map(
        (t): Tag => ({
          path: `${line.id}/${asset.id}/${t.name}`,
          name: t.name,
          assetPath: `${line.id}/${asset.id}`,
          deviceId: asset.device,
          address: t.address,
          dataType: t.type,
          unit: t.unit ?? '',
          description: t.description ?? '',
          sampleRateMs: t.sampleRateMs,
          rateReason: t.rateReason ?? '',
          writable: t.writable ?? false,
          ...(t.range ? { range: t.range } : {}),
          ...(t.role ? { role: t.role } : {}),
          ...(t.decimals !== undefined ? { decimals: t.decimals } : {}),
        }),
      ),
    ),
  );
}
