/**
 * Zod issues → config problems. The schema's messages say what was expected; this adds
 * the file, the line, the path and the value that was found.
 */
import type { z } from 'zod';
import { problem, type ConfigProblem } from './config-error.js';
import { describeValue, formatPath, valueAt, type ConfigPath, type SourceMap } from './source-map.js';

export interface IssueContext {
  file: string;
  data: unknown;
  source: SourceMap;
}

type Issue = z.core.$ZodIssue;

function sentence(expected: string): string {
  return expected.trim().replace(/\.+$/, '');
}

/** A driver's settings issue travels inside a custom issue; unwrap it, keeping the full path. */
function unwrap(issue: Issue): Issue {
  if (issue.code !== 'custom') return issue;
  const inner = (issue.params as { driverIssue?: Issue } | undefined)?.driverIssue;
  if (!inner) return issue;
  return { ...inner, path: issue.path };
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0] as number;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j] as number;
      const cost = a[i - 1]?.toLowerCase() === b[j - 1]?.toLowerCase() ? 0 : 1;
      row[j] = Math.min(above + 1, (row[j - 1] as number) + 1, diagonal + cost);
      diagonal = above;
    }
  }
  return row[b.length] as number;
}

/** The known key nearest to a typo, from the list after the last ": " of the expected text. */
function suggestedKey(unknownKey: string, expected: string): string | undefined {
  const colon = expected.lastIndexOf(': ');
  if (colon < 0) return undefined;
  const known = expected
    .slice(colon + 2)
    .split(',')
    .map((key) => key.trim().replace(/\?$/, ''))
    .filter((key) => key !== '');
  let best: { key: string; distance: number } | undefined;
  for (const key of known) {
    const distance = editDistance(unknownKey, key);
    if (!best || distance < best.distance) best = { key, distance };
  }
  const limit = unknownKey.length <= 3 ? 1 : 2;
  return best && best.distance <= limit ? best.key : undefined;
}

/**
 * All issues of one parse → problems. A mistyped key shows up twice in zod (an unknown
 * key, and the key it was meant to be as missing); only the unknown key is reported, with
 * the suggestion.
 */
export function problemsFromIssues(issues: readonly Issue[], context: IssueContext): ConfigProblem[] {
  const meant = new Set<string>();
  for (const issue of issues.map(unwrap)) {
    if (issue.code !== 'unrecognized_keys') continue;
    for (const key of issue.keys) {
      const suggested = suggestedKey(key, issue.message);
      if (suggested !== undefined) meant.add(formatPath([...issue.path, suggested]));
    }
  }
  return issues.flatMap((raw) => {
    const issue = unwrap(raw);
    const missing = issue.code !== 'unrecognized_keys' && valueAt(context.data, issue.path) === undefined;
    return missing && meant.has(formatPath(issue.path)) ? [] : problemsFromIssue(issue, context);
  });
}

function problemsFromIssue(raw: Issue, context: IssueContext): ConfigProblem[] {
  const issue = unwrap(raw);
  const expected = sentence(issue.message);
  const at = (path: ConfigPath, text: string) => problem(context.file, context.source.lineOf(path), formatPath(path), text);

  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => {
      const path = [...issue.path, key];
      const suggested = suggestedKey(key, expected);
      const hint = suggested === undefined ? '' : ` (did you mean "${suggested}"?)`;
      return at(path, `${formatPath(path)} is an unknown key${hint}; expected ${expected}.`);
    });
  }
  if (issue.code === 'invalid_key') {
    const key = issue.path[issue.path.length - 1];
    const parent = formatPath(issue.path.slice(0, -1)) || 'the top level';
    const keyExpected = sentence(issue.issues[0]?.message ?? expected);
    return [at(issue.path, `${parent} has the key ${describeValue(String(key), false)}; expected ${keyExpected} as a key.`)];
  }
  const value = valueAt(context.data, issue.path);
  const path = formatPath(issue.path) || 'the config';
  const found = value === undefined ? 'is missing' : `is ${describeValue(value, issue.code === 'invalid_type')}`;
  return [at(issue.path, `${path} ${found}; expected ${expected}.`)];
}
