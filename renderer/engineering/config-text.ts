/**
 * What the Engineering screen reads from, and writes into, the config text in its editor:
 * the alarms that have a limit (the "Alarm limits" table), one value of one alarm changed in
 * place, the plant's outline (Modbus devices, lines and their assets) for the register-map
 * import, and where a line of the text starts (to put the cursor on a problem). Pure.
 *
 * Decisions:
 * - The text is read with `yaml`'s document model, which knows where every node sits in the
 *   source. A value is changed by replacing exactly the characters of its scalar, found
 *   through the model, so that nothing else of the file moves: yaml's `toString` re-lays out
 *   flow maps and comment spacing, and an engineer's diff must show only the one value.
 * - A key the alarm does not have yet (a deadband left at its default) is added at the end of
 *   its map: `, key: value` inside a flow map, a new line at the map's indent in a block map.
 * - Every edit is checked by reading the text again: if the value read back is not the one
 *   written, the edit is refused with why, and the text stays as it was.
 * - The alarm id is the core's: `line/asset/tag:name`, the name defaulting to the kind.
 */
import { isMap, isScalar, isSeq, LineCounter, parseDocument } from 'yaml';
import type { Document, Node, YAMLMap } from 'yaml';
import { alarmPriorities } from '../../core/contract/index.js';

export { alarmPriorities };

/** The alarm kinds that have a limit (the config schema's list). */
export const limitAlarmKinds = ['HH', 'H', 'L', 'LL', 'deviation', 'rate'] as const;

/** The fields of an alarm the limits table edits. */
export type LimitField = 'limit' | 'deadband' | 'onDelayMs' | 'priority';

export interface LimitRow {
  /** The core's alarm id, e.g. "line1/capper/head_temp:H". */
  id: string;
  /** The tag's path, e.g. "line1/capper/head_temp". */
  tag: string;
  kind: string;
  unit: string;
  message: string;
  /** Null when the text has no number there (the check names the problem). */
  limit: number | null;
  /** The config's defaults when absent: 0. */
  deadband: number;
  onDelayMs: number;
  priority: string;
  /** Where the alarm is in the document: lines[i].assets[j].tags[k].alarms[m]. */
  path: (string | number)[];
  /** Its 1-based line in the text. */
  line: number;
}

export type LimitsResult = { ok: true; rows: LimitRow[] } | { ok: false; reason: string };
export type EditResult = { ok: true; text: string } | { ok: false; reason: string };

interface Parsed {
  doc: Document.Parsed;
  lines: LineCounter;
}

function parse(text: string): Parsed | { reason: string } {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false });
  const error = doc.errors[0];
  if (error !== undefined) {
    const at = lines.linePos(error.pos[0]).line;
    return { reason: `the text is not valid YAML at line ${at}: ${error.message.split('\n')[0]}` };
  }
  return { doc, lines };
}

/** The items of a sequence node (or nothing when it is not one). */
function itemsOf(node: unknown): unknown[] {
  return isSeq(node) ? node.items : [];
}

function scalarOf(map: YAMLMap, key: string): unknown {
  const value = map.get(key, true);
  return isScalar(value) ? value.value : undefined;
}

const asText = (value: unknown): string => (typeof value === 'string' || typeof value === 'number' ? String(value) : '');
const asNumber = (value: unknown, fallback: number | null): number | null => (value === undefined ? fallback : typeof value === 'number' && Number.isFinite(value) ? value : null);

/** Every alarm with a limit, in the order of the file; or why the text cannot be read. */
export function alarmLimits(text: string): LimitsResult {
  const parsed = parse(text);
  if ('reason' in parsed) return { ok: false, reason: parsed.reason };
  const { doc, lines } = parsed;
  const rows: LimitRow[] = [];
  itemsOf(doc.get('lines', true)).forEach((line, i) => {
    if (!isMap(line)) return;
    const lineId = asText(scalarOf(line, 'id'));
    itemsOf(line.get('assets', true)).forEach((asset, j) => {
      if (!isMap(asset)) return;
      const assetId = asText(scalarOf(asset, 'id'));
      itemsOf(asset.get('tags', true)).forEach((tag, k) => {
        if (!isMap(tag)) return;
        const tagPath = `${lineId}/${assetId}/${asText(scalarOf(tag, 'name'))}`;
        itemsOf(tag.get('alarms', true)).forEach((alarm, m) => {
          if (!isMap(alarm)) return;
          const kind = asText(scalarOf(alarm, 'kind'));
          if (!(limitAlarmKinds as readonly string[]).includes(kind)) return;
          const name = asText(scalarOf(alarm, 'name')) || kind;
          rows.push({
            id: `${tagPath}:${name}`,
            tag: tagPath,
            kind,
            unit: asText(scalarOf(tag, 'unit')),
            message: asText(scalarOf(alarm, 'message')),
            limit: asNumber(scalarOf(alarm, 'limit'), null),
            deadband: asNumber(scalarOf(alarm, 'deadband'), 0) ?? 0,
            onDelayMs: asNumber(scalarOf(alarm, 'onDelayMs'), 0) ?? 0,
            priority: asText(scalarOf(alarm, 'priority')),
            path: ['lines', i, 'assets', j, 'tags', k, 'alarms', m],
            line: alarm.range ? lines.linePos(alarm.range[0]).line : 0,
          });
        });
      });
    });
  });
  return { ok: true, rows };
}

/** How a value is written into the text: numbers as JavaScript prints them, priorities as plain words. */
function valueText(field: LimitField, value: number | string): string | null {
  if (field === 'priority') return typeof value === 'string' && (alarmPriorities as readonly string[]).includes(value) ? value : null;
  return typeof value === 'number' && Number.isFinite(value) ? String(value) : null;
}

/** The column of `offset` in its line (the indent of a block map's keys). */
function columnOf(text: string, offset: number): number {
  return offset - (text.lastIndexOf('\n', offset - 1) + 1);
}

/** The offset of the end of the line that `offset` is on. */
function lineEndAt(text: string, offset: number): number {
  const end = text.indexOf('\n', offset);
  return end === -1 ? text.length : end;
}

/** Where a new key goes in `map`, and the text to insert there; null when the map has no pair to follow. */
function insertion(text: string, map: YAMLMap, key: string, value: string): { at: number; insert: string } | null {
  const first = map.items[0];
  const last = map.items.at(-1);
  const lastNode = (last?.value ?? last?.key) as Node | null | undefined;
  const firstKey = first?.key as Node | null | undefined;
  if (!lastNode?.range || !firstKey?.range) return null;
  if (map.flow) return { at: lastNode.range[1], insert: `, ${key}: ${value}` };
  return { at: lineEndAt(text, lastNode.range[1]), insert: `\n${' '.repeat(columnOf(text, firstKey.range[0]))}${key}: ${value}` };
}

/**
 * The text with one field of the alarm at `path` set to `value`: the scalar's characters
 * replaced, or the key added to the alarm's map; everything else of the text as it was.
 */
export function setAlarmField(text: string, path: readonly (string | number)[], field: LimitField, value: number | string): EditResult {
  const written = valueText(field, value);
  if (written === null) return { ok: false, reason: field === 'priority' ? `a priority is one of ${alarmPriorities.join(', ')}` : `${field} must be a number` };
  const parsed = parse(text);
  if ('reason' in parsed) return { ok: false, reason: parsed.reason };
  const alarm = parsed.doc.getIn(path, true);
  if (!isMap(alarm)) return { ok: false, reason: 'the alarm is no longer where it was in the text' };
  const node = alarm.get(field, true);
  let next: string;
  if (isScalar(node) && node.range) {
    next = text.slice(0, node.range[0]) + written + text.slice(node.range[1]);
  } else if (node === undefined) {
    const place = insertion(text, alarm, field, written);
    if (place === null) return { ok: false, reason: `${field} cannot be added to this alarm here; edit it in the text` };
    next = text.slice(0, place.at) + place.insert + text.slice(place.at);
  } else {
    return { ok: false, reason: `${field} of this alarm is not a single value; edit it in the text` };
  }
  const check = parse(next);
  if ('reason' in check || check.doc.getIn([...path, field]) !== value) return { ok: false, reason: `${field} could not be set to ${written} in place; edit it in the text` };
  return { ok: true, text: next };
}

export interface PlantOutline {
  /** The ids of the devices with `driver: modbus`. */
  modbusDevices: string[];
  lines: { id: string; assets: string[] }[];
}

/** The Modbus devices and the lines with their assets, from the text; null when it does not parse. */
export function plantOutline(text: string): PlantOutline | null {
  const parsed = parse(text);
  if ('reason' in parsed) return null;
  const { doc } = parsed;
  const modbusDevices = itemsOf(doc.get('devices', true))
    .filter((device): device is YAMLMap => isMap(device) && scalarOf(device, 'driver') === 'modbus')
    .map((device) => asText(scalarOf(device, 'id')))
    .filter((id) => id !== '');
  const lines = itemsOf(doc.get('lines', true))
    .filter((line): line is YAMLMap => isMap(line))
    .map((line) => ({
      id: asText(scalarOf(line, 'id')),
      assets: itemsOf(line.get('assets', true))
        .filter((asset): asset is YAMLMap => isMap(asset))
        .map((asset) => asText(scalarOf(asset, 'id')))
        .filter((id) => id !== ''),
    }))
    .filter((line) => line.id !== '');
  return { modbusDevices, lines };
}

/** The character range of 1-based line `line` (clamped to the text's lines). */
export function lineRange(text: string, line: number): { start: number; end: number } {
  let start = 0;
  for (let n = 1; n < line; n++) {
    const next = text.indexOf('\n', start);
    if (next === -1) break;
    start = next + 1;
  }
  return { start, end: lineEndAt(text, start) };
}

/** How many lines the text has (a trailing newline does not start one). */
export function lineCount(text: string): number {
  let count = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < text.length - 1; i = text.indexOf('\n', i + 1)) count++;
  return count;
}
