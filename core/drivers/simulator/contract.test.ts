// The shared driver contract, run against the simulator. Its failure is an injected
// open-circuit sensor that breaks two seconds after start and mends itself after three.
import type { Plant, Tag } from '../../model/plant.js';
import { describeDriverContract } from '../testing/driver-contract.js';
import { simulatorDriver } from './index.js';
import { demoSettings, demoTags } from './testing/demo.js';

describeDriverContract('simulator', async () => {
  const tags: Tag[] = demoTags().filter((tag) => tag.assetPath === 'line1/labeler');
  const settings = demoSettings({ warmUpMin: 0, injectedFaults: [{ kind: 'sensor', address: 'labeler.glue_temp', failure: 'open-circuit', atS: 2, durationS: 3 }] });
  const plant: Plant = {
    site: 's',
    area: 'a',
    faultTexts: {},
    retention: [],
    alarms: [],
    source: 'contract test',
    devices: [{ id: 'line1-sim', driver: 'simulator', settings }],
    lines: [{ path: 'line1', id: 'line1', name: 'Line 1', assets: [{ path: 'line1/labeler', id: 'labeler', name: 'Labeler', kind: 'labeler', description: '', tags }] }],
  };
  return {
    plant,
    driver: simulatorDriver,
    goodTag: 'line1/labeler/glue_temp',
    writableTag: { path: 'line1/labeler/glue_setpoint', value: 165 },
    readOnlyTag: 'line1/labeler/speed',
    breakDevice: async () => {}, // the sensor breaks by itself at 2 s
    restoreDevice: async () => {}, // … and mends at 5 s
    close: async () => {},
  };
});
