/**
 * One line about the historian for the status bar: its size while it stores, or — as a
 * system alarm — that it stopped and why (a full disk, a read-only database). Pure.
 */
import type { HistorianStatus } from '../../core/contract/index.js';

export interface HistorianSummary {
  state: 'ok' | 'stopped';
  /** Short, for the status bar. */
  text: string;
  /** The system alarm when stopped (null when storing): what happened and what it means. */
  alarm: string | null;
  /** File, size and samples stored, for a tooltip. */
  detail: string;
}

const units = ['B', 'KB', 'MB', 'GB', 'TB'];

/** "1.3 GB", "512 MB", "980 B" (powers of 1024, as disks are filled). */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return '—';
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  const digits = unit === 0 || value >= 100 ? 0 : 1;
  return `${value.toFixed(digits)} ${units[unit]}`;
}

export function historianSummary(historian: HistorianStatus): HistorianSummary {
  const detail = `${historian.file} · ${formatBytes(historian.bytes)} · ${historian.samplesStored.toLocaleString()} samples stored`;
  if (historian.state === 'stopped') {
    const reason = historian.detail.trim() === '' ? 'not storing samples' : historian.detail.trim();
    return {
      state: 'stopped',
      text: 'Historian stopped',
      alarm: `Historian stopped — ${reason}. New samples are not being stored; storing resumes by itself once the cause is fixed.`,
      detail: `${detail}\nStopped: ${reason}`,
    };
  }
  return { state: 'ok', text: `Historian ${formatBytes(historian.bytes)}`, alarm: null, detail };
}
