// The shared driver contract, run against the Modbus driver and its test device over real
// TCP on 127.0.0.1. The failure is the device going away; the recovery is its return on
// the same port.
import { describeDriverContract } from '../testing/driver-contract.js';
import { modbusDriver } from './index.js';
import { createUnit, startModbusTcpServer, type ModbusTcpServer } from './tcp-server.js';
import { contractPlant } from './testing/contract-plant.js';

describeDriverContract('modbus over TCP', async () => {
  const unit = createUnit();
  unit.holding.set([0x42f6, 0xe979], 100); // 123.456 as float32
  let server: ModbusTcpServer = await startModbusTcpServer({ units: new Map([[1, unit]]) });
  const port = server.port;
  return {
    plant: contractPlant(port, 300),
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
