// The Modbus benchmark: 1,000 float32 tags on one device, over real TCP on 127.0.0.1
// against the driver's own test device (which answers at once, so the figures are the
// client's and the protocol's cost, not a device's). The planned scan runs through the real
// driver (modbusDriver, one poll group, a scan triggered by hand and timed until all 1,000
// samples are published); the baseline, measured in the same run, reads one request per tag
// with a modbus-serial client and decodes with the same decodeRegisters.
import ModbusRTU from 'modbus-serial';
import type { BenchSuite } from '../run.js';
import type { Clock } from '../../core/runtime/clock.js';
import { silentLogger } from '../../core/runtime/logger.js';
import { parseModbusAddress } from '../../core/drivers/modbus/address.js';
import { modbusDriver } from '../../core/drivers/modbus/index.js';
import { planBlocks } from '../../core/drivers/modbus/planner.js';
import type { ModbusPoint } from '../../core/drivers/modbus/point.js';
import { modbusSettingsSchema } from '../../core/drivers/modbus/settings.js';
import { createUnit, startModbusTcpServer } from '../../core/drivers/modbus/tcp-server.js';
import { decodeRegisters } from '../../core/drivers/modbus/values.js';
import type { Tag } from '../../core/model/plant.js';
import type { Sample } from '../../core/model/sample.js';
import { formatNumber, median } from '../stats.js';

const TAGS = 1000;
const WARMUP_SCANS = 20;
/** Timed rounds; each is one per-tag scan, then SCANS_PER_ROUND planned scans through the driver and as many with the bare client. */
const ROUNDS = 12;
const SCANS_PER_ROUND = 10;
const log = silentLogger();


/** The value the device holds for tag i (exact in float32). */
const valueOf = (i: number) => i * 0.25 - 100;

/** A clock whose poll timers fire only when the benchmark says so. */
function handClock(): Clock & { fire(): void } {
  const timers = new Set<() => void>();
  return {
    now: () => Date.now(),
    every(_intervalMs, fn) {
      timers.add(fn);
      return () => timers.delete(fn);
    },
    fire() {
      for (const fn of timers) fn();
    },
  };
}

export const modbusSuite: BenchSuite = {
  name: 'modbus',
  description: `${formatNumber(TAGS, 0)} float32 tags on one device over TCP on 127.0.0.1: the planned scan vs one request per tag`,
  async run(print) {
    // The device: float32 ABCD at holding registers 0, 2, 4, … 1998.
    const unit = createUnit();
    const view = new DataView(new ArrayBuffer(4));
    for (let i = 0; i < TAGS; i++) {
      view.setFloat32(0, valueOf(i), false);
      unit.holding[2 * i] = view.getUint16(0, false);
      unit.holding[2 * i + 1] = view.getUint16(2, false);
    }
    const server = await startModbusTcpServer({ units: new Map([[1, unit]]) });

    const tags: Tag[] = Array.from({ length: TAGS }, (_, i) => ({
      path: `bench/plc/t${i}`,
      name: `t${i}`,
      assetPath: 'bench/plc',
      deviceId: 'plc',
      address: `hr${2 * i}:float32`,
      dataType: 'float32',
      unit: '',
      description: '',
      sampleRateMs: 1000,
      rateReason: 'bench',
      writable: false,
    }));
    const settings = modbusSettingsSchema.parse({ host: '127.0.0.1', port: server.port, timeoutMs: 5000 });
    const points: ModbusPoint[] = tags.map((t) => {
      const point = parseModbusAddress(t.address, { unit: settings.unit, order: settings.byteOrder });
      if (typeof point === 'string') throw new Error(point);
      return point;
    });
    const plan = planBlocks(
      tags.map((t, i) => ({ key: t.path, point: points[i]! })),
      { maxGap: settings.maxGap },
    );

    // 1. Planned: the real driver, one scan at a time, timed until every tag is published.
    const clock = handClock();
    let received = 0;
    let wrong = 0;
    let verify = true; // values are checked in the warm-up scans, not in the timed ones
    let scanDone: (() => void) | undefined;
    const index = new Map(tags.map((t, i) => [t.path, i]));
    const publish = (samples: readonly Sample[]) => {
      if (verify) {
        for (const s of samples) if (s.quality.status !== 'good' || s.value !== valueOf(index.get(s.path)!)) wrong++;
      }
      received += samples.length;
      if (received >= TAGS) scanDone?.();
    };
    const driver = modbusDriver.create({ deviceId: 'plc', settings, tags, clock, publish, log, stateDir: '/tmp' });
    await driver.start();
    const driverScan = async (): Promise<number> => {
      received = 0;
      const done = new Promise<void>((resolve) => (scanDone = resolve));
      const t0 = performance.now();
      clock.fire();
      await done;
      return performance.now() - t0;
    };
    // 2. Baseline: one readHoldingRegisters(address, 2) per tag, decoded the same way, on a
    // second connection. The same client also reads the planned blocks, to show the driver's
    // own overhead. The three kinds of scan are interleaved round by round, so a noisy
    // moment of this shared machine falls on all of them alike.
    const client = new ModbusRTU();
    await client.connectTCP('127.0.0.1', { port: server.port });
    client.setID(settings.unit);
    client.setTimeout(5000);
    const values = new Array<number | string>(TAGS);
    const checkValues = () => {
      values.forEach((value, i) => {
        if (value !== valueOf(i)) throw new Error(`tag ${i} decoded ${value}, expected ${valueOf(i)}`);
      });
      values.fill(Number.NaN);
    };
    const blockItems = plan.map((block) => block.items.map((item) => ({ i: index.get(item.key)!, offset: item.offset })));
    const perTagScan = async (): Promise<number> => {
      const t0 = performance.now();
      for (let i = 0; i < TAGS; i++) {
        const point = points[i]!;
        const result = await client.readHoldingRegisters(point.address, 2);
        values[i] = decodeRegisters(point, result.data, 0);
      }
      return performance.now() - t0;
    };
    const blockScan = async (): Promise<number> => {
      const t0 = performance.now();
      for (let b = 0; b < plan.length; b++) {
        const result = await client.readHoldingRegisters(plan[b]!.start, plan[b]!.count);
        for (const { i, offset } of blockItems[b]!) values[i] = decodeRegisters(points[i]!, result.data, offset);
      }
      return performance.now() - t0;
    };

    // Warm-up: values are checked here, not in the timed scans.
    for (let k = 0; k < WARMUP_SCANS; k++) await driverScan();
    verify = false;
    await perTagScan();
    checkValues();
    for (let k = 0; k < WARMUP_SCANS; k++) {
      await blockScan();
      checkValues();
    }

    const plannedTimes: number[] = [];
    const baselineTimes: number[] = [];
    const clientTimes: number[] = [];
    let plannedRequests = 0;
    let baselineRequests = 0;
    for (let round = 0; round < ROUNDS; round++) {
      let before = server.requests;
      baselineTimes.push(await perTagScan());
      baselineRequests += server.requests - before;
      before = server.requests;
      for (let k = 0; k < SCANS_PER_ROUND; k++) plannedTimes.push(await driverScan());
      plannedRequests += server.requests - before;
      for (let k = 0; k < SCANS_PER_ROUND; k++) clientTimes.push(await blockScan());
    }
    const requestsPerScan = plannedRequests / (ROUNDS * SCANS_PER_ROUND);
    const baselineRequestsPerScan = baselineRequests / ROUNDS;
    await driver.stop();
    if (wrong > 0) throw new Error(`the driver published ${wrong} wrong or bad samples`);

    await new Promise<void>((resolve) => client.close(() => resolve()));
    await server.close();

    const scanMs = median(plannedTimes);
    const baselineScanMs = median(baselineTimes);
    const clientScanMs = median(clientTimes);
    const speedup = baselineScanMs / scanMs;
    print(`requests per scan: ${formatNumber(requestsPerScan, 0)} planned (${plan.length} blocks), ${formatNumber(baselineRequestsPerScan, 0)} per-tag   (goal ≤ 17)`);
    print(`scan time: ${formatNumber(scanMs, 2)} ms planned (driver), ${formatNumber(baselineScanMs, 1)} ms per-tag → ${formatNumber(speedup, 1)}×   (goal ≥ 20×)`);
    print(`  the same blocks with the bare client, no driver: ${formatNumber(clientScanMs, 2)} ms → ${formatNumber(baselineScanMs / clientScanMs, 1)}× (medians of ${ROUNDS * SCANS_PER_ROUND} planned and ${ROUNDS} per-tag scans, interleaved)`);

    return {
      requests_per_scan: requestsPerScan,
      baseline_requests_per_scan: baselineRequestsPerScan,
      scan_ms: scanMs,
      baseline_scan_ms: baselineScanMs,
      scan_speedup_ratio: speedup,
      client_block_scan_ms: clientScanMs,
    };
  },
};
