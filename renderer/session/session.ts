/**
 * The session: what the app does with a client. On every 'connected' it loads the plant
 * model and the system status, then subscribes to every line (the server sends current
 * values first); while connected it polls the system status every 5 s, and loads the model
 * again when the status says the running plant changed (tags added live). On a connection
 * loss the old subscriptions are forgotten (they belonged to the socket) and the values go
 * stale; the next 'connected' starts over, which re-subscribes. Plain TypeScript, no React.
 */
import type { HmiClient, SampleBatch } from '../../core/contract/index.js';
import type { LiveStore } from '../live/live-store.js';
import { allTags } from '../plant/plant-lookup.js';
import type { AppStore } from '../stores/app-store.js';

export interface SessionOptions {
  client: HmiClient;
  store: AppStore;
  live: LiveStore;
  statusPollMs?: number;
  /** Wait before retrying a failed load while still connected. */
  retryMs?: number;
  /** Monotonic clock for the runtime clock display. */
  monotonicNow?: () => number;
}

/** Batches that arrive before their subscription's result are kept until it does (bounded). */
const maxEarlyBatches = 64;

/** Starts the session; returns the function that stops it. */
export function startSession(options: SessionOptions): () => void {
  const { client, store, live } = options;
  const statusPollMs = options.statusPollMs ?? 5_000;
  const retryMs = options.retryMs ?? 5_000;
  const monotonicNow = options.monotonicNow ?? (() => performance.now());

  /** Bumped on every connection change: work started for an older generation is dropped. */
  let generation = 0;
  const subscriptions = new Map<number, readonly string[]>();
  let early: SampleBatch[] = [];
  let pollTimer: ReturnType<typeof setInterval> | null = null;
  let retryTimer: ReturnType<typeof setTimeout> | null = null;
  /** The plant revision of the loaded model; the status tells when the running plant moved on. */
  let loadedRevision: number | undefined;
  let reloading = false;

  function stopTimers(): void {
    if (pollTimer !== null) clearInterval(pollTimer);
    if (retryTimer !== null) clearTimeout(retryTimer);
    pollTimer = null;
    retryTimer = null;
  }

  function retry(gen: number): void {
    if (retryTimer !== null) clearTimeout(retryTimer);
    retryTimer = setTimeout(() => {
      retryTimer = null;
      if (gen === generation) void load(gen);
    }, retryMs);
  }

  async function pollStatus(gen: number): Promise<void> {
    const result = await client.getSystemStatus({});
    if (gen !== generation) return;
    if (result.ok) {
      store.getState().setStatus(result.value, monotonicNow());
      if (loadedRevision === undefined) loadedRevision = result.value.plantRevision;
      else if (result.value.plantRevision !== loadedRevision && !reloading) await reload(gen);
    } else if (result.error.code !== 'disconnected') store.getState().setStatusError(result.error.message);
  }

  /** The running plant changed: drop the old subscriptions and load model and values again. */
  async function reload(gen: number): Promise<void> {
    reloading = true;
    try {
      for (const id of subscriptions.keys()) void client.unsubscribe({ subscriptionId: id });
      subscriptions.clear();
      loadedRevision = undefined;
      await load(gen);
    } finally {
      reloading = false;
    }
  }

  async function load(gen: number): Promise<void> {
    const model = await client.getPlantModel({});
    if (gen !== generation) return;
    if (!model.ok) {
      if (model.error.code !== 'disconnected') {
        store.getState().setPlantError(`The plant model could not be loaded: ${model.error.message}`);
        retry(gen);
      }
      return;
    }
    store.getState().setPlant(model.value);
    live.setTags(allTags(model.value));

    await pollStatus(gen);
    if (gen !== generation) return;
    if (pollTimer === null) pollTimer = setInterval(() => void pollStatus(gen), statusPollMs);

    const paths = model.value.lines.map((line) => line.path);
    if (paths.length === 0) return;
    const sub = await client.subscribe({ paths });
    if (gen !== generation) return;
    if (!sub.ok) {
      if (sub.error.code !== 'disconnected') {
        store.getState().setPlantError(`Live values could not be subscribed: ${sub.error.message}`);
        retry(gen);
      }
      return;
    }
    const { subscriptionId, tags } = sub.value;
    subscriptions.set(subscriptionId, tags);
    const waiting = early;
    early = [];
    for (const batch of waiting) {
      if (batch.subscriptionId === subscriptionId) live.applyBatch(batch, tags);
      else early.push(batch);
    }
  }

  const offSamples = client.onSamples((batch) => {
    const tags = subscriptions.get(batch.subscriptionId);
    if (tags !== undefined) {
      live.applyBatch(batch, tags);
      return;
    }
    early.push(batch);
    if (early.length > maxEarlyBatches) early.shift();
  });

  const offConnection = client.onConnection((state) => {
    generation += 1;
    stopTimers();
    subscriptions.clear();
    early = [];
    loadedRevision = undefined;
    store.getState().setConnection(state);
    live.setLinkUp(state === 'connected');
    if (state === 'connected') void load(generation);
  });

  // Someone on this screen changed the plant: reload now rather than at the next poll.
  const offReload = store.subscribe((state, prev) => {
    if (state.plantChangeRequest !== prev.plantChangeRequest) void pollStatus(generation);
  });

  return () => {
    offReload();
    generation += 1;
    stopTimers();
    offSamples();
    offConnection();
  };
}
