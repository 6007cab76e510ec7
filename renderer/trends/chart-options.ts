/**
 * uPlot options for the trend chart: a time axis in local 24-hour time, one y-axis per unit
 * (left, right, left, …; coloured like its pen when it carries only one; state words on a
 * state axis labelled with their states), calm pen lines
 * with gaps kept as breaks, a vertical cursor line and no built-in legend or drag zoom
 * (the gestures and the pen list do that). The x range always comes from the caller.
 */
import uPlot from 'uplot';
import type { TagInfo } from '../../core/contract/index.js';
import { isStepped, penPalette, unitAxes } from './pens.js';
import type { TrendPen } from './pens.js';
import type { TimeRange } from './time-range.js';
import { chooseStep, tickLabels, ticksFor } from './time-ticks.js';
import type { TickStep } from './time-ticks.js';

const font = "'Segoe UI', 'Inter', 'Roboto', 'Noto Sans', 'Liberation Sans', Arial, sans-serif";
const textColour = '#1c1e20';
const gridColour = 'rgba(28, 30, 32, 0.13)';
const tickColour = 'rgba(28, 30, 32, 0.35)';

function axisWidth(values: readonly string[] | null, withLabel: boolean): number {
  const longest = (values ?? []).reduce((n, v) => Math.max(n, String(v).length), 3);
  return Math.ceil(longest * 9.5 + 18 + (withLabel ? 28 : 0));
}

/**
 * A y range with some air above and below (a flat line gets a band around it), never
 * crossing zero when the data does not: a speed of 0 sits on the axis floor, not above -100.
 */
export function paddedRange(min: number | null, max: number | null): [number, number] {
  if (min === null || max === null || !Number.isFinite(min) || !Number.isFinite(max)) return [0, 1];
  const span = max - min;
  const pad = span > 0 ? span * 0.08 : Math.max(Math.abs(max) * 0.05, 0.5);
  let low = min - pad;
  let high = max + pad;
  if (min >= 0 && low < 0) low = 0;
  if (max <= 0 && high > 0) high = 0;
  if (low === high) high = low + 1;
  return [low, high];
}

export interface ChartOptionsInput {
  pens: readonly TrendPen[];
  lookup: (path: string) => TagInfo | undefined;
  width: number;
  height: number;
  /** The x range to show, read whenever uPlot re-ranges. */
  range: () => TimeRange;
  hooks: uPlot.Hooks.Arrays;
}

export function chartOptions(input: ChartOptionsInput): uPlot.Options {
  const { pens, lookup } = input;
  const axes = unitAxes(pens, lookup);
  const scales: uPlot.Scales = {
    x: { time: true, auto: false, range: () => [input.range().from, input.range().to] },
  };
  for (const axis of axes) {
    const states = axis.states;
    scales[axis.scale] =
      states !== null && states.length > 0
        ? { auto: false, range: () => [states[0]!.value - 0.5, states[states.length - 1]!.value + 0.5] }
        : { auto: true, range: (_u, min, max) => paddedRange(min, max) };
  }
  if (axes.length === 0) scales.y = { auto: false, range: () => [0, 100] };

  const stepped = uPlot.paths.stepped?.({ align: 1 });
  const series: uPlot.Series[] = [
    {},
    ...pens.map((pen, index): uPlot.Series => {
      const tag = lookup(pen.path);
      const style = penPalette[pen.colour % penPalette.length]!;
      return {
        label: tag?.name ?? pen.path,
        scale: axes.find((a) => a.pens.includes(index))?.scale ?? 'y',
        stroke: style.colour,
        width: 2.5,
        dash: style.dash ?? undefined,
        spanGaps: false,
        paths: isStepped(tag) ? stepped : undefined,
        points: { size: 6, width: 2, fill: style.colour, stroke: style.colour },
      };
    }),
  ];

  const tickFont = `16px ${font}`;
  const xSpace = 96;
  let step: TickStep = { kind: 'clock', ms: 60_000 };
  const xAxis: uPlot.Axis = {
    stroke: textColour,
    font: tickFont,
    size: 58,
    space: xSpace,
    gap: 6,
    grid: { stroke: gridColour, width: 1 },
    ticks: { stroke: tickColour, width: 1, size: 6 },
    splits: (u, _axisIdx, min, max) => {
      step = chooseStep(min, max, u.bbox.width / uPlot.pxRatio, xSpace);
      return ticksFor(min, max, step);
    },
    values: (_u, splits) => tickLabels(splits, step),
  };
  const yAxes: uPlot.Axis[] =
    axes.length === 0
      ? [{ show: false }]
      : axes.map((axis, i): uPlot.Axis => {
          const single = axis.pens.length === 1 ? penPalette[pens[axis.pens[0]!]!.colour % penPalette.length]!.colour : null;
          const states = axis.states;
          return {
            scale: axis.scale,
            side: axis.side === 'left' ? 3 : 1,
            stroke: single ?? textColour,
            font: tickFont,
            label: states !== null ? 'State' : axis.unit === '' ? '(no unit)' : axis.unit,
            ...(states !== null
              ? {
                  splits: () => states.map((state) => state.value),
                  values: (_u: uPlot, splits: number[]) => splits.map((v) => states.find((state) => state.value === v)?.label ?? String(v)),
                }
              : {}),
            labelFont: `600 16px ${font}`,
            labelSize: 24,
            labelGap: 2,
            gap: 6,
            size: (_u, values) => axisWidth(values, true),
            grid: { show: i === 0, stroke: gridColour, width: 1 },
            ticks: { stroke: tickColour, width: 1, size: 6 },
          };
        });

  return {
    width: input.width,
    height: input.height,
    ms: 1,
    pxAlign: 0,
    legend: { show: false },
    padding: [14, axes.length >= 2 ? 8 : 24, 0, axes.length === 0 ? 24 : 8],
    scales,
    series,
    axes: [xAxis, ...yAxes],
    cursor: {
      x: true,
      y: false,
      drag: { x: false, y: false, setScale: false },
      points: { size: 11, width: 2 },
      focus: { prox: -1 },
      // Double-click would reset the zoom to the data; the view belongs to the trend, not to uPlot.
      bind: { dblclick: () => null },
    },
    select: { show: true, left: 0, top: 0, width: 0, height: 0 },
    hooks: input.hooks,
  };
}
