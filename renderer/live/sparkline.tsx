/**
 * A sparkline of one tag's recent values: uPlot fed from the live store's ring buffer,
 * `setData` at most once per animation frame (the frame loop calls it only for tags that
 * changed). No axes, legend or cursor. Sizes itself to its box.
 */
import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import { useServices } from '../app-context.js';

export interface SparklineProps {
  path: string;
  /** Time shown, ms (the ring buffer may hold less). */
  windowMs?: number;
  className?: string;
}

const emptyData: uPlot.AlignedData = [new Float64Array(0), new Float64Array(0)];

function options(width: number, height: number, windowMs: number): uPlot.Options {
  return {
    width,
    height,
    pxAlign: 0,
    cursor: { show: false },
    select: { show: false, left: 0, top: 0, width: 0, height: 0 },
    legend: { show: false },
    padding: [4, 2, 4, 2],
    scales: {
      x: { time: false, range: (_u, min, max) => [Math.max(min, max - windowMs), max] },
      y: {
        range: (_u, min, max) => {
          const span = max - min;
          const pad = span > 0 ? span * 0.15 : Math.max(Math.abs(max) * 0.05, 0.5);
          return [min - pad, max + pad];
        },
      },
    },
    axes: [{ show: false }, { show: false }],
    series: [{}, { stroke: '#4a4f55', width: 1.75, points: { show: false } }],
  };
}

export function Sparkline({ path, windowMs = 5 * 60_000, className }: SparklineProps) {
  const { frames } = useServices();
  const host = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const el = host.current!;
    const box = el.getBoundingClientRect();
    const plot = new uPlot(options(Math.max(40, Math.floor(box.width)), Math.max(20, Math.floor(box.height)), windowMs), emptyData, el);
    let lastLength = -1;
    let lastTime = Number.NaN;
    const stop = frames.watch(path, (entry) => {
      const history = entry.history;
      el.dataset.stale = entry.stale ? 'true' : 'false';
      if (history === null || (history.length === lastLength && history.lastTime === lastTime)) return;
      lastLength = history.length;
      lastTime = history.lastTime;
      plot.setData(history.columns());
    });
    const resize = new ResizeObserver(([observed]) => {
      if (observed === undefined) return;
      const width = Math.max(40, Math.floor(observed.contentRect.width));
      const height = Math.max(20, Math.floor(observed.contentRect.height));
      if (width !== plot.width || height !== plot.height) plot.setSize({ width, height });
    });
    resize.observe(el);
    return () => {
      resize.disconnect();
      stop();
      plot.destroy();
    };
  }, [frames, path, windowMs]);

  return <div ref={host} className={className === undefined ? 'sparkline' : `sparkline ${className}`} data-testid="sparkline" data-tag={path} />;
}
