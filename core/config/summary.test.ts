import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { describeConfigSummary, parsePlantConfig } from './index.js';
import { fakeSimulatorDriver } from './testing/fake-driver.js';

describe('describeConfigSummary', () => {
  it('counts lines, assets, tags and devices with their drivers', () => {
    const text = readFileSync(new URL('../../assets/demo/plant.yaml', import.meta.url), 'utf8');
    const plant = parsePlantConfig(text, 'plant.yaml', [fakeSimulatorDriver]);
    expect(describeConfigSummary(plant)).toBe(
      [
        'Site North Brewery, area Packaging',
        '1 line (line1), 5 assets, 47 tags (1 writable, 1 waveform), 9 fault texts',
        '1 device: line1-sim (simulator, 47 tags)',
      ].join('\n'),
    );
  });
});
