/**
 * Pens of a trend: which tags can be trended, how many at once, which colour each gets and
 * which y-axis (one per unit) it draws on. Pure functions, no DOM.
 */
import type { StateLabel, TagInfo } from '../../core/contract/index.js';

export const maxPens = 8;

/**
 * Eight calm, distinct line colours for the grey chart (ISA-101: muted, no alarm red or
 * attention amber). Dark enough to read on #e5e5e5 from two metres; the second four are
 * also dashed, so that pens stay apart for colour-blind readers.
 */
export const penPalette: readonly { colour: string; dash: number[] | null }[] = [
  { colour: '#2b5d8c', dash: null }, // steel blue
  { colour: '#8e5a26', dash: null }, // copper brown
  { colour: '#2f7a55', dash: null }, // pine green
  { colour: '#6a4c93', dash: null }, // muted violet
  { colour: '#1f7c86', dash: [12, 6] }, // teal
  { colour: '#8c3f66', dash: [12, 6] }, // plum
  { colour: '#6b6a1f', dash: [12, 6] }, // olive
  { colour: '#34383d', dash: [12, 6] }, // charcoal
];

export interface TrendPen {
  path: string;
  /** Index into penPalette; stays with the pen while it is on the chart. */
  colour: number;
}

/** Numeric tags only: text and waveform tags have no line to draw. */
export function isTrendable(tag: TagInfo): boolean {
  return tag.dataType !== 'string' && tag.dataType !== 'waveform';
}

/** State words and booleans hold their value until the next sample: drawn as steps. */
export function isStepped(tag: TagInfo | undefined): boolean {
  return tag !== undefined && (tag.dataType === 'bool' || (tag.states !== undefined && tag.states.length > 0));
}

/** The first palette colour no current pen uses (colours are never shuffled when a pen goes). */
export function nextColour(pens: readonly TrendPen[]): number {
  const used = new Set(pens.map((pen) => pen.colour));
  for (let i = 0; i < penPalette.length; i++) if (!used.has(i)) return i;
  return pens.length % penPalette.length;
}

export type AddPenOutcome = { ok: true; pens: TrendPen[] } | { ok: false; message: string };

/** Adds a tag as a pen; refused (with a message for the operator) when full, not numeric or already there. */
export function addPen(pens: readonly TrendPen[], tag: TagInfo): AddPenOutcome {
  if (pens.some((pen) => pen.path === tag.path)) return { ok: false, message: `${tag.path} is already on the chart.` };
  if (!isTrendable(tag)) return { ok: false, message: `${tag.path} is not a numeric tag and cannot be trended.` };
  if (pens.length >= maxPens) {
    return { ok: false, message: `A trend holds at most ${maxPens} pens. Remove one before adding ${tag.name}.` };
  }
  return { ok: true, pens: [...pens, { path: tag.path, colour: nextColour(pens) }] };
}

export function removePen(pens: readonly TrendPen[], path: string): TrendPen[] {
  return pens.filter((pen) => pen.path !== path);
}

/** Pens for a list of paths (a reopened trend set): numeric tags that exist, at most maxPens, fresh colours. */
export function pensFromPaths(paths: readonly string[], lookup: (path: string) => TagInfo | undefined): TrendPen[] {
  let pens: TrendPen[] = [];
  for (const path of paths) {
    const tag = lookup(path);
    if (tag === undefined) continue;
    const added = addPen(pens, tag);
    if (added.ok) pens = added.pens;
  }
  return pens;
}

export interface UnitAxis {
  /** uPlot scale key. */
  scale: string;
  /** The unit; '' for unitless pens. */
  unit: string;
  /** State words share one axis labelled with their states instead of numbers. */
  states: StateLabel[] | null;
  /** Indexes (into the pen list) of the pens drawn on this axis. */
  pens: number[];
  /** Left or right of the plot; axes alternate, the first on the left. */
  side: 'left' | 'right';
}

export function scaleKeyFor(unit: string): string {
  return `y:${unit}`;
}

const stateScale = 'y:#state';

/**
 * One y-axis per unit, in the order the units first appear among the pens; state words
 * (whatever their unit) share a "state" axis whose ticks are their state labels.
 */
export function unitAxes(pens: readonly TrendPen[], lookup: (path: string) => TagInfo | undefined): UnitAxis[] {
  const axes: UnitAxis[] = [];
  pens.forEach((pen, index) => {
    const tag = lookup(pen.path);
    const states = tag?.states !== undefined && tag.states.length > 0 ? tag.states : null;
    const unit = tag?.unit ?? '';
    const scale = states !== null ? stateScale : scaleKeyFor(unit);
    let axis = axes.find((a) => a.scale === scale);
    if (axis === undefined) {
      axis = { scale, unit: states !== null ? '' : unit, states: states === null ? null : [], pens: [], side: axes.length % 2 === 0 ? 'left' : 'right' };
      axes.push(axis);
    }
    if (states !== null && axis.states !== null) {
      for (const state of states) if (!axis.states.some((known) => known.value === state.value)) axis.states.push(state);
      axis.states.sort((a, b) => a.value - b.value);
    }
    axis.pens.push(index);
  });
  return axes;
}

/** Case-insensitive match of every word of `text` against the tag's path, name, description and asset name. */
export function matchesSearch(tag: TagInfo, text: string, assetName = ''): boolean {
  const words = text.toLowerCase().split(/\s+/).filter((word) => word !== '');
  if (words.length === 0) return true;
  const haystack = `${tag.path} ${tag.name.replace(/_/g, ' ')} ${tag.description} ${assetName} ${tag.unit}`.toLowerCase();
  return words.every((word) => haystack.includes(word));
}
