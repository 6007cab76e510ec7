/**
 * From a config path (`['lines', 0, 'assets', 2]`) to what a person needs to find it: the
 * printed path (`lines[0].assets[2]`), the line in the YAML file, and the value found there.
 */
import { isAlias, isMap, isScalar, isSeq, type Document, type LineCounter, type Node } from 'yaml';

export type ConfigPath = readonly PropertyKey[];

const plainKey = /^[A-Za-z_$][A-Za-z0-9_$-]*$/;

/** `lines[0].assets[2].tags[4].unit`; keys that are not plain words are quoted. */
export function formatPath(path: ConfigPath): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else {
      const key = String(segment);
      if (plainKey.test(key)) out += out === '' ? key : `.${key}`;
      else out += `[${JSON.stringify(key)}]`;
    }
  }
  return out;
}

/** The value at a path in the plain data, or undefined when a step is missing. */
export function valueAt(data: unknown, path: ConfigPath): unknown {
  let value = data;
  for (const segment of path) {
    if (Array.isArray(value) && typeof segment === 'number') value = value[segment];
    else if (value !== null && typeof value === 'object' && !Array.isArray(value) && typeof segment !== 'symbol') {
      const record = value as Record<string, unknown>;
      value = Object.hasOwn(record, String(segment)) ? record[String(segment)] : undefined;
    } else return undefined;
  }
  return value;
}

export class SourceMap {
  constructor(
    private readonly doc: Document,
    private readonly lines: LineCounter,
  ) {}

  /**
   * The 1-based line of a path: for a key, the line of the key; for a list item, the line
   * where the item starts. When the path goes further than the file does (a missing key),
   * the line of the deepest mapping or list that exists — the parent of the missing key.
   */
  lineOf(path: ConfigPath): number | undefined {
    let node: unknown = this.doc.contents;
    let at: Node | null = node as Node | null;
    for (const segment of path) {
      if (isAlias(node)) node = node.resolve(this.doc);
      if (isMap(node)) {
        const pair = node.items.find((item) => isScalar(item.key) && String(item.key.value) === String(segment));
        if (!pair) break;
        at = isScalar(pair.key) ? pair.key : at;
        node = pair.value;
      } else if (isSeq(node) && typeof segment === 'number') {
        const item = node.items[segment];
        if (item === undefined || item === null) break;
        at = item as Node;
        node = item;
      } else break;
    }
    const offset = at?.range?.[0];
    return offset === undefined ? undefined : this.lines.linePos(offset).line;
  }
}

const maxString = 40;
const maxInline = 60;

function jsonish(value: unknown, depth: number): string {
  if (typeof value === 'string') {
    return value.length > maxString ? `${JSON.stringify(value.slice(0, maxString - 1)).slice(0, -1)}…"` : JSON.stringify(value);
  }
  if (value === null || typeof value !== 'object') return String(value);
  if (depth > 1) return Array.isArray(value) ? '[…]' : '{…}';
  const inner = Array.isArray(value)
    ? value.map((item) => jsonish(item, depth + 1))
    : Object.entries(value).map(([k, v]) => `${plainKey.test(k) ? k : JSON.stringify(k)}: ${jsonish(v, depth + 1)}`);
  const text = Array.isArray(value) ? `[${inner.join(', ')}]` : inner.length === 0 ? '{}' : `{ ${inner.join(', ')} }`;
  if (text.length <= maxInline) return text;
  const n = inner.length;
  return Array.isArray(value) ? `a list of ${n} item${n === 1 ? '' : 's'}` : `a mapping with ${n} key${n === 1 ? '' : 's'}`;
}

function kindOf(value: unknown): string {
  if (value === null) return 'an empty value';
  if (Array.isArray(value)) return 'a list';
  switch (typeof value) {
    case 'string':
      return 'a string';
    case 'number':
      return Number.isInteger(value) ? 'a whole number' : 'a number';
    case 'boolean':
      return 'a boolean';
    case 'object':
      return 'a mapping';
    default:
      return typeof value;
  }
}

/** A short, JSON-ish rendering of a found value; with its kind when the kind is the problem. */
export function describeValue(value: unknown, withKind: boolean): string {
  const shown = jsonish(value, 0);
  if (!withKind || shown.startsWith('a list') || shown.startsWith('a mapping')) return shown;
  return `${shown} (${kindOf(value)})`;
}
