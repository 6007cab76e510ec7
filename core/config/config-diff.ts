/**
 * The diff an engineer reads before applying a config change: the running config against
 * the edit, line by line (the `diff` package's Myers diff), cut to hunks with three lines of
 * context on each side; the unchanged stretches between hunks become one 'skipped' line
 * saying how many lines were left out. Line numbers are 1-based, on each side.
 */
import { diffLines } from 'diff';
import type { DiffLine } from '../contract/index.js';

const CONTEXT = 3;

function linesOf(text: string): string[] {
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  return lines;
}

/** Every line of both texts, marked same, added or removed. */
function fullDiff(before: string, after: string): DiffLine[] {
  const out: DiffLine[] = [];
  let oldLine = 1;
  let newLine = 1;
  for (const part of diffLines(before, after)) {
    for (const text of linesOf(part.value)) {
      if (part.added) out.push({ kind: 'added', text, newLine: newLine++ });
      else if (part.removed) out.push({ kind: 'removed', text, oldLine: oldLine++ });
      else out.push({ kind: 'same', text, oldLine: oldLine++, newLine: newLine++ });
    }
  }
  return out;
}

/** The hunks of the diff of `before` → `after`; empty when they are the same. */
export function configDiff(before: string, after: string): DiffLine[] {
  const all = fullDiff(before, after);
  const keep = all.map(() => false);
  all.forEach((line, i) => {
    if (line.kind === 'same') return;
    for (let k = Math.max(0, i - CONTEXT); k <= Math.min(all.length - 1, i + CONTEXT); k++) keep[k] = true;
  });
  const out: DiffLine[] = [];
  let skipped = 0;
  all.forEach((line, i) => {
    if (keep[i]) {
      if (skipped > 0) out.push({ kind: 'skipped', text: `… ${skipped} unchanged line${skipped === 1 ? '' : 's'} …` });
      skipped = 0;
      out.push(line);
    } else skipped++;
  });
  if (skipped > 0 && out.length > 0) out.push({ kind: 'skipped', text: `… ${skipped} unchanged line${skipped === 1 ? '' : 's'} …` });
  return out;
}
