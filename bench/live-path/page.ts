// The benchmark's browser page: receives live samples over the real renderer code (the
// WebSocket client and the live store) or, for the baseline, as one JSON message per
// sample, and records the latency from each sample's source timestamp to the store.
import { LiveStore } from '../../renderer/live/live-store.js';
import { createWsClient } from '../../renderer/transport/ws-client.js';
import type { SampleBatch } from '../../core/contract/index.js';

interface Stats {
  recording: boolean;
  received: number;
  latencies: Float64Array;
  recorded: number;
  firstAt: number;
  lastAt: number;
}

const params = new URLSearchParams(location.search);
const mode = params.get('mode');
const store = new LiveStore({ historyCapacity: 64 });
const stats: Stats = { recording: false, received: 0, latencies: new Float64Array(4_000_000), recorded: 0, firstAt: 0, lastAt: 0 };
const nowMs = () => performance.timeOrigin + performance.now();

function record(sourceTs: number, now: number): void {
  if (stats.recording && stats.recorded < stats.latencies.length) stats.latencies[stats.recorded++] = now - sourceTs;
}

if (mode === 'batched') {
  const client = createWsClient(location.href, params.get('token') ?? '');
  let tags: readonly string[] = [];
  client.onSamples((batch: SampleBatch) => {
    store.applyBatch(batch, tags);
    const now = nowMs();
    if (stats.recording) {
      stats.received += batch.tag.length;
      for (let row = 0; row < batch.tag.length; row++) record(batch.sourceTs[row]!, now);
    }
    store.drainDirty();
  });
  client.onConnection(async (state) => {
    if (state !== 'connected') return;
    const result = await client.subscribe({ paths: ['bench'] });
    if (result.ok) tags = result.value.tags;
    (window as unknown as { benchReady: boolean }).benchReady = true;
  });
} else {
  // Baseline: one JSON text message per sample, each applied to the same store.
  const ws = new WebSocket(`ws://127.0.0.1:${params.get('port')}/`);
  const one: SampleBatch = { subscriptionId: 0, tag: new Uint32Array(1), sourceTs: new Float64Array(1), value: new Float64Array(1), quality: new Uint8Array(1), extras: [], sentAt: 0 };
  const tags = [''];
  ws.onmessage = (event) => {
    const sample = JSON.parse(event.data as string) as { path: string; value: number; quality: number; sourceTs: number };
    tags[0] = sample.path;
    one.sourceTs[0] = sample.sourceTs;
    one.value[0] = sample.value;
    one.quality[0] = sample.quality;
    store.applyBatch(one, tags);
    store.drainDirty();
    if (stats.recording) {
      stats.received += 1;
      record(sample.sourceTs, nowMs());
    }
  };
  ws.onopen = () => ((window as unknown as { benchReady: boolean }).benchReady = true);
}

// Driven by the harness through page.evaluate.
Object.assign(window, {
  benchStart() {
    stats.received = 0;
    stats.recorded = 0;
    stats.firstAt = nowMs();
    stats.recording = true;
  },
  benchStop() {
    stats.recording = false;
    stats.lastAt = nowMs();
    const latencies = stats.latencies.slice(0, stats.recorded).sort();
    const at = (q: number) => (latencies.length === 0 ? Number.NaN : latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))]!);
    return { received: stats.received, seconds: (stats.lastAt - stats.firstAt) / 1000, p50: at(0.5), p99: at(0.99), max: at(1) };
  },
});
