// The test broker itself: it starts, speaks TLS with the test CA, and comes back after a kill.
import mqtt from 'mqtt';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mosquittoAvailable, startMosquitto, type TestBroker } from './mosquitto.js';

describe.skipIf(!mosquittoAvailable)('the Mosquitto test broker', () => {
  let broker: TestBroker;
  beforeAll(async () => {
    broker = await startMosquitto({ tls: true });
  }, 60_000);
  afterAll(async () => broker?.dispose());

  it('takes a TLS client that verifies it with the test CA, and refuses one that trusts another CA', async () => {
    const pki = broker.pki!;
    const good = await mqtt.connectAsync(broker.tlsUrl!, { ca: readFileSync(pki.caFile), rejectUnauthorized: true, reconnectPeriod: 0, connectTimeout: 5000 });
    await good.endAsync();
    await expect(mqtt.connectAsync(broker.tlsUrl!, { ca: readFileSync(pki.otherCaFile), rejectUnauthorized: true, reconnectPeriod: 0, connectTimeout: 5000 })).rejects.toThrow(/certificate/i);
  });

  it('comes back on the same port after a kill', async () => {
    await broker.kill();
    expect(broker.running()).toBe(false);
    await broker.start();
    const client = await mqtt.connectAsync(broker.url, { reconnectPeriod: 0, connectTimeout: 5000 });
    await client.endAsync();
  });
});
