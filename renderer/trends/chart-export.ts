/**
 * Exports from the trend: the chart as a PNG (uPlot's canvas on the screen's grey, with a
 * heading and the pens' colours above it, so the picture explains itself in a report) and
 * file downloads through a Blob link. Browser-only.
 */
import type uPlot from 'uplot';
import { penPalette } from './pens.js';

export interface PngLegendEntry {
  label: string;
  colour: number;
}

const font = "'Segoe UI', 'Inter', 'Roboto', 'Noto Sans', 'Liberation Sans', Arial, sans-serif";

export function chartPng(plot: uPlot, heading: string, pens: readonly PngLegendEntry[]): Promise<Blob | null> {
  const source = plot.ctx.canvas;
  const ratio = source.width / Math.max(1, plot.width);
  const rowHeight = Math.round(30 * ratio);
  const head = rowHeight * (1 + Math.ceil(pens.length / 4)) + Math.round(12 * ratio);
  const out = document.createElement('canvas');
  out.width = source.width;
  out.height = source.height + head;
  const ctx = out.getContext('2d');
  if (ctx === null) return Promise.resolve(null);
  ctx.fillStyle = '#e5e5e5';
  ctx.fillRect(0, 0, out.width, out.height);
  ctx.fillStyle = '#1c1e20';
  ctx.textBaseline = 'middle';
  ctx.font = `600 ${Math.round(18 * ratio)}px ${font}`;
  ctx.fillText(heading, Math.round(12 * ratio), rowHeight / 2 + 4 * ratio);
  ctx.font = `${Math.round(16 * ratio)}px ${font}`;
  const column = out.width / 4;
  pens.forEach((pen, i) => {
    const style = penPalette[pen.colour % penPalette.length]!;
    const x = (i % 4) * column + 12 * ratio;
    const y = rowHeight * (1 + Math.floor(i / 4)) + rowHeight / 2 + 4 * ratio;
    ctx.strokeStyle = style.colour;
    ctx.lineWidth = 3 * ratio;
    ctx.setLineDash(style.dash === null ? [] : style.dash.map((d) => d * ratio));
    ctx.beginPath();
    ctx.moveTo(x, y);
    ctx.lineTo(x + 36 * ratio, y);
    ctx.stroke();
    ctx.fillStyle = '#1c1e20';
    ctx.fillText(pen.label, x + 46 * ratio, y, column - 64 * ratio);
  });
  ctx.drawImage(source, 0, head);
  return new Promise((resolve) => out.toBlob(resolve, 'image/png'));
}

/** Offers a Blob as a file download. */
export function downloadBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.style.display = 'none';
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
