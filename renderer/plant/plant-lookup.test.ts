import { describe, expect, it } from 'vitest';
import { createFakePlant } from '../testing/fake-plant.js';
import { allTags, findAsset, linesTitle, tileTags } from './plant-lookup.js';

describe('plant lookup', () => {
  const plant = createFakePlant();

  it('finds assets and all tags', () => {
    expect(findAsset(plant, 'line1/motor')?.asset.name).toBe('Conveyor drive M1');
    expect(findAsset(plant, 'line1/nope')).toBeUndefined();
    expect(allTags(plant).length).toBeGreaterThan(40);
    expect(linesTitle(plant)).toBe('Bottling line 1');
  });

  it('picks the tile tags by role', () => {
    const filler = tileTags(findAsset(plant, 'line1/filler')!.asset);
    expect(filler.state?.name).toBe('state');
    expect(filler.fault?.name).toBe('fault_code');
    expect(filler.rate?.name).toBe('speed');
    expect(filler.counters.map((c) => c.label)).toEqual(['Total', 'Rejects']);
    expect(filler.keys.map((k) => k.label)).toEqual(['Temperature', 'Current', 'Vibration']);
    const motor = tileTags(findAsset(plant, 'line1/motor')!.asset);
    expect(motor.counters.map((c) => c.label)).toEqual(['Energy']);
  });

  it('shows the first tags by name on an asset without roles (variables added from an OPC UA server)', () => {
    const filler = findAsset(plant, 'line1/filler')!.asset;
    const bare = { ...filler, tags: filler.tags.slice(0, 8).map(({ role: _role, ...tag }) => tag) };
    const tile = tileTags(bare);
    expect(tile.state).toBeUndefined();
    expect(tile.keys).toHaveLength(6);
    expect(tile.keys[0]!.label).toBe(bare.tags[0]!.name.replace(/_/g, ' '));
    expect(tile.bare).toBe(true);
    expect(tileTags(filler).bare).toBe(false);
  });
});
