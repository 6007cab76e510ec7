// The shared driver contract, run against the Modbus driver and its test device over real
// TCP on 127.0.0.1. The failure is the device going away; the recovery is its return on
// the same port.
import type { Plant, Tag } from '../../model/plant.js';
import { describeDriverContract } from '../testing/driver-contract.js';
import { modbusDriver } from './index.js';
import { modbusSettingsSchema } from './settings.js';
import { createUnit, startModbusTcpServer, type ModbusTcpServer } from './tcp-server.js';

describeDriverContract('modbus over TCP', async () => {
  const unit = createUnit();
  unit.holding.set([0x42f6, 0xe979], 100); // 123.456 as float32
  let server: ModbusTcpServer = await startModbusTcpServer({ units: new Map([[1, unit]]) });
  const port = server.port;
  const tag = (name: string, address: string, extra: Partial<Tag> = {}): Tag => ({
    path: `line1/plc/${name}`,
    name,
    assetPath: 'line1/plc',
    deviceId: 'plc',
    address,
    dataType: 'float32',
    unit: '',
    description: '',
    sampleRateMs: 100,
    rateReason: 'test',
    writable: false,
    ...extra,
  });
  const settings = modbusSettingsSchema.parse({ host: '127.0.0.1', port, timeoutMs: 300, reconnectMinMs: 100, reconnectMaxMs: 1000 });
  const plant: Plant = {
    site: 's',
    area: 'a',
    faultTexts: {},
    retention: [],
    source: 'contract test',
    devices: [{ id: 'plc', driver: 'modbus', settings }],
    lines: [
      {
        path: 'line1',
        id: 'line1',
        name: 'Line 1',
        assets: [
          {
            path: 'line1/plc',
            id: 'plc',
            name: 'PLC',
            kind: 'plc',
            description: '',
            tags: [tag('flow', 'hr100:float32'), tag('setpoint', 'hr200:uint16', { dataType: 'uint16', writable: true, range: { min: 0, max: 1000 } })],
          },
        ],
      },
    ],
  };
  return {
    plant,
    driver: modbusDriver,
    goodTag: 'line1/plc/flow',
    writableTag: { path: 'line1/plc/setpoint', value: 321 },
    readOnlyTag: 'line1/plc/flow',
    breakDevice: () => server.close(),
    restoreDevice: async () => {
      server = await startModbusTcpServer({ port, units: new Map([[1, unit]]) });
    },
    close: () => server.close(),
  };
});
