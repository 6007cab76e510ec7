// The Modbus driver against an implementation that is not ours: Debian's pymodbus, as a
// TCP device on 127.0.0.1 (scripts/ensure-test-deps.mjs installs it). The shared driver
// contract runs against it, the device stopped and restarted on the same port.
import { describeDriverContract } from '../testing/driver-contract.js';
import { modbusDriver } from './index.js';
import { contractPlant, contractTag } from './testing/contract-plant.js';
import { freePort, startPymodbus, stopProcess } from './testing/pymodbus.js';

describeDriverContract('modbus against pymodbus', async () => {
  const port = await freePort();
  let device = await startPymodbus('tcp', port);
  const plant = contractPlant(port, 500, [contractTag('temp', 'hr102:int16:scale=0.1')]);
  return {
    plant,
    driver: modbusDriver,
    goodTag: 'line1/plc/flow',
    writableTag: { path: 'line1/plc/setpoint', value: 456 },
    readOnlyTag: 'line1/plc/temp',
    breakDevice: () => stopProcess(device),
    restoreDevice: async () => {
      device = await startPymodbus('tcp', port);
    },
    close: () => stopProcess(device),
  };
});
