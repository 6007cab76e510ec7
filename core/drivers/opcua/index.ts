/**
 * The OPC UA client driver: subscriptions (not polling) grouped by sampling interval within
 * the server's limits, secure by default ('auto' = the most secure endpoint offered), a
 * trust list for server certificates in the driver state folder that nothing enters
 * silently, and a full rebuild of the session after any failure. Plus the tools the UI
 * needs around it (certificates, discovery, browsing).
 *
 * node-opcua is loaded when the first OPC UA device starts or a tool is first used, not
 * when this file is imported (it takes a second and generates a test RSA key on load).
 * This folder is the only place that imports node-opcua.
 */
import type { ScalarValue } from '../../contract/index.js';
import type { Tag } from '../../model/plant.js';
import type { Driver, DriverContext, DriverFactory, DriverState } from '../driver.js';
import { parseOpcuaAddress } from './address.js';
import { opcuaSettingsSchema, type OpcuaSettings } from './settings.js';

/** Loads the driver on start; until then it is 'starting'. */
class LazyOpcuaDevice implements Driver {
  private device: Driver | undefined;

  constructor(private readonly context: DriverContext<OpcuaSettings>) {}

  async start(): Promise<void> {
    const { OpcuaDevice } = await import('./driver.js');
    this.device ??= new OpcuaDevice(this.context);
    await this.device.start();
  }

  async stop(): Promise<void> {
    await this.device?.stop();
  }

  async write(tag: Tag, value: ScalarValue): Promise<void> {
    if (!this.device) throw new Error(`OPC UA device ${this.context.deviceId} has not started`);
    await this.device.write(tag, value);
  }

  status(): { state: DriverState; detail: string } {
    return this.device?.status() ?? { state: 'starting', detail: `${this.context.settings.endpointUrl}, loading the OPC UA stack` };
  }
}

export const opcuaDriver: DriverFactory<OpcuaSettings> = {
  kind: 'opcua',
  description: 'OPC UA client: subscriptions by sampling interval, secure by default, server certificates trusted only by the user',
  configSchema: opcuaSettingsSchema,
  checkAddress(address) {
    const parsed = parseOpcuaAddress(address);
    return typeof parsed === 'string' ? parsed : undefined;
  },
  create: (context: DriverContext<OpcuaSettings>) => new LazyOpcuaDevice(context),
};

export { opcuaSettingsSchema, type OpcuaSettings } from './settings.js';
export { parseOpcuaAddress, type OpcuaAddress } from './address.js';
export { createOpcuaTools } from './tools.js';
export { OpcuaCertificateUntrustedError, type OpcuaBrowser, type OpcuaCertificate, type OpcuaEndpoint, type OpcuaNode, type OpcuaTools, type OpcuaVariable } from './types.js';
