/**
 * The preload: the only file that touches ipcRenderer. It exposes exactly the contract's
 * calls and the sample event as `window.lineside` (a LinesideBridge), nothing else.
 * Runs sandboxed: bundled to CommonJS with only `electron` left external.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { callChannel, eventChannel, hmiMethods, type LinesideBridge, type SampleBatch } from '../core/contract/index.js';

const calls = Object.fromEntries(hmiMethods.map((method) => [method, (req: unknown) => ipcRenderer.invoke(callChannel(method), req)]));

const bridge = {
  ...calls,
  onSamples(listener: (batch: SampleBatch) => void) {
    const handler = (_event: IpcRendererEvent, batch: SampleBatch) => listener(batch);
    ipcRenderer.on(eventChannel('samples'), handler);
    return () => void ipcRenderer.removeListener(eventChannel('samples'), handler);
  },
} as LinesideBridge;

contextBridge.exposeInMainWorld('lineside', bridge);
