import { describe, expect, it } from 'vitest';
import type { HistorianStatus } from '../../core/contract/index.js';
import { formatBytes, historianSummary } from './historian-summary.js';

const base: HistorianStatus = { file: '/var/lib/lineside/history.db', bytes: 1_395_864_371, state: 'ok', detail: '', samplesStored: 1234 };

describe('historian summary', () => {
  it('says sizes the way disks are filled', () => {
    expect(formatBytes(980)).toBe('980 B');
    expect(formatBytes(512 * 1024 * 1024)).toBe('512 MB');
    expect(formatBytes(1_395_864_371)).toBe('1.3 GB');
    expect(formatBytes(1536)).toBe('1.5 KB');
    expect(formatBytes(Number.NaN)).toBe('—');
  });

  it('shows the size while storing, and the reason as an alarm when stopped', () => {
    expect(historianSummary(base)).toMatchObject({ state: 'ok', text: 'Historian 1.3 GB', alarm: null });
    expect(historianSummary(base).detail).toContain('/var/lib/lineside/history.db');
    const stopped = historianSummary({ ...base, state: 'stopped', detail: 'disk full (SQLITE_FULL)' });
    expect(stopped).toMatchObject({ state: 'stopped', text: 'Historian stopped' });
    expect(stopped.alarm).toMatch(/^Historian stopped — disk full \(SQLITE_FULL\)\. New samples are not being stored/);
    expect(historianSummary({ ...base, state: 'stopped', detail: ' ' }).alarm).toMatch(/^Historian stopped — not storing samples\./);
  });
});
