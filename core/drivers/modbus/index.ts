/**
 * The Modbus driver (TCP, RTU over TCP, RTU): tags are read in as few requests as the
 * protocol allows (planner.ts), one connection and queue per unit (unit-link.ts).
 * This folder is the only place that imports modbus-serial.
 */
import type { ScalarValue } from '../../contract/index.js';
import type { Tag } from '../../model/plant.js';
import type { Driver, DriverContext, DriverFactory, DriverState } from '../driver.js';
import { parseModbusAddress } from './address.js';
import type { ModbusPoint } from './point.js';
import { modbusSettingsSchema, type ModbusSettings } from './settings.js';
import { UnitLink } from './unit-link.js';

class ModbusDevice implements Driver {
  private readonly links = new Map<number, UnitLink>();
  private readonly unitOf = new Map<string, number>();
  /** Unit id → the key of the link that serves it (itself over TCP; the bus's link over RTU). */
  private readonly linkKeyOf = new Map<number, number>();
  private startedAt = 0;

  constructor(private readonly context: DriverContext<ModbusSettings>) {
    const byUnit = new Map<number, { tag: Tag; point: ModbusPoint }[]>();
    for (const tag of context.tags) {
      const point = parseModbusAddress(tag.address, { unit: context.settings.unit, order: context.settings.byteOrder });
      if (typeof point === 'string') continue; // refused when the config was loaded
      const list = byUnit.get(point.unit) ?? [];
      list.push({ tag, point });
      byUnit.set(point.unit, list);
      this.unitOf.set(tag.path, point.unit);
    }
    if (context.settings.transport !== 'tcp') {
      // One serial bus, one link: the units on the bus take turns in its queue. RTU over TCP
      // is a transparent serial server in front of one bus, and most accept one connection.
      const all = [...byUnit.values()].flat();
      const first = Math.min(...byUnit.keys());
      for (const unit of byUnit.keys()) this.linkKeyOf.set(unit, first);
      if (all.length > 0) this.links.set(first, new UnitLink(first, all, context.settings, context));
    } else {
      for (const [unit, points] of byUnit) {
        this.linkKeyOf.set(unit, unit);
        this.links.set(unit, new UnitLink(unit, points, context.settings, context));
      }
    }
  }

  async start(): Promise<void> {
    this.startedAt = performance.now();
    await Promise.all([...this.links.values()].map((link) => link.start()));
  }

  async stop(): Promise<void> {
    await Promise.all([...this.links.values()].map((link) => link.stop()));
  }

  async write(tag: Tag, value: ScalarValue): Promise<void> {
    const link = this.links.get(this.linkKeyOf.get(this.unitOf.get(tag.path) ?? -1) ?? -1);
    if (!link) throw new Error(`${tag.path} has no Modbus unit on device ${this.context.deviceId}`);
    await link.write(tag, value);
  }

  status(): { state: DriverState; detail: string } {
    const links = [...this.links.values()];
    const up = links.filter((link) => link.isConnected).length;
    const requests = links.reduce((n, l) => n + l.stats.requests, 0);
    const errors = links.reduce((n, l) => n + l.stats.errors, 0);
    const times = links.flatMap((l) => l.stats.times).sort((a, b) => a - b);
    const seconds = Math.max(1, (performance.now() - this.startedAt) / 1000);
    const mean = times.length ? times.reduce((a, b) => a + b, 0) / times.length : 0;
    const p99 = times.length ? times[Math.min(times.length - 1, Math.floor(times.length * 0.99))]! : 0;
    const where = this.context.settings.transport === 'rtu' ? this.context.settings.serialPath : `${this.context.settings.host}:${this.context.settings.port}`;
    const down = links.filter((link) => !link.isConnected).map((link) => `unit ${link.unit}: ${link.lastError || 'connecting'}`);
    const detail = `${where}, ${up}/${links.length} ${this.context.settings.transport === 'tcp' ? 'units' : 'serial links'} up; ${(requests / seconds).toFixed(1)} requests/s, ${errors} errors, response mean ${mean.toFixed(1)} ms, p99 ${p99.toFixed(1)} ms${down.length ? `; ${down.join('; ')}` : ''}`;
    return { state: up === links.length ? 'running' : up === 0 ? 'failed' : 'degraded', detail };
  }
}

export const modbusDriver: DriverFactory<ModbusSettings> = {
  kind: 'modbus',
  description: 'Modbus TCP, RTU over TCP and RTU: reads in as few requests as the protocol allows',
  configSchema: modbusSettingsSchema,
  checkAddress(address, settings) {
    const point = parseModbusAddress(address, { unit: settings.unit, order: settings.byteOrder });
    return typeof point === 'string' ? point : undefined;
  },
  create: (context: DriverContext<ModbusSettings>) => new ModbusDevice(context),
};

export type { ModbusSettings } from './settings.js';
/** `lineside sim --modbus`: the plant behind the real protocol (test device and demo). */
export { modbusPlantConfig, serveRuntimeOverModbus } from './serve-runtime.js';
