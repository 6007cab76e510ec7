// `lineside audit verify` on a real file: intact, then broken at the record that was edited.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { appendAudit } from '../historian/audit-store.js';
import { Historian } from '../historian/historian.js';
import { silentLogger } from '../runtime/logger.js';
import { verifyAuditFile } from './audit.js';

it('says the trail is intact, then names the first bad record and exits 1', () => {
  const dir = mkdtempSync(join(tmpdir(), 'lineside-audit-cli-'));
  const file = join(dir, 'plant.db');
  try {
    const historian = new Historian({ file, tags: [], log: silentLogger() });
    for (let i = 0; i < 5; i++) appendAudit(historian, { ts: 1_000 * i, user: 'anna', station: 'pc', action: 'write', target: 'line1/x', detail: { to: i }, outcome: 'ok' });
    const lines: string[] = [];
    expect(verifyAuditFile(file, (line) => lines.push(line))).toBe(0);
    expect(lines[0]).toMatch(/the audit trail is intact \(5 records\)/);
    historian.db.prepare("UPDATE audit SET outcome = 'refused' WHERE seq = 2").run();
    historian.close();
    lines.length = 0;
    expect(verifyAuditFile(file, (line) => lines.push(line))).toBe(1);
    expect(lines[0]).toMatch(/BROKEN at record 2: record 2 does not match its hash/);
    expect(verifyAuditFile(join(dir, 'none.db'), (line) => lines.push(line))).toBe(2);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
