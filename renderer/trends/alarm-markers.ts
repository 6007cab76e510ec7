/**
 * Alarm markers on the trend: for the alarms on the pens' tags, a small flag at the top of
 * the plot at each activation (filled, in the priority's colour, with its shape) and a hollow
 * one at each return to normal; the title says what, when, and who acknowledged it. The
 * journal is asked again only when the pens or the view change or, while live, when the alarm
 * picture moves; every frame only moves the flags (DOM elements over uPlot's plot area).
 */
import type uPlot from 'uplot';
import type { AlarmJournalEntry, AlarmPriority, TagInfo } from '../../core/contract/index.js';
import type { AppServices } from '../app-context.js';
import { priorityWords } from '../alarms/alarm-model.js';
import { formatTimestamp } from '../live/format.js';
import type { TimeRange } from './time-range.js';

export interface AlarmMarker {
  at: number;
  kind: 'activated' | 'returned';
  priority: AlarmPriority;
  alarmId: string;
  title: string;
}

/** At most this many flags on a chart (the newest): a chattering alarm must not cost a frame. */
export const maxMarkers = 300;

/** Flags from journal entries (activations, returns, acknowledgements) of the alarms on these tags. */
export function markersFrom(entries: readonly AlarmJournalEntry[], tags: ReadonlySet<string>, now: number): AlarmMarker[] {
  const sorted = entries.filter((e) => tags.has(e.tag)).sort((a, b) => a.at - b.at);
  const markers: AlarmMarker[] = [];
  sorted.forEach((e, i) => {
    if (e.kind !== 'activated' && e.kind !== 'returned') return;
    const value = e.value === undefined ? '' : ` · value ${String(e.value)}`;
    let title = `${formatTimestamp(e.at, now)} ${e.message} — ${e.kind === 'activated' ? `activated (${priorityWords[e.priority]})` : 'returned to normal'}${value}`;
    if (e.kind === 'activated') {
      const next = sorted.slice(i + 1).find((later) => later.alarmId === e.alarmId && (later.kind === 'acknowledged' || later.kind === 'activated'));
      if (next?.kind === 'acknowledged') title += `\nAcknowledged ${formatTimestamp(next.at, now)}${next.user !== undefined ? ` by ${next.user}` : ''}`;
    }
    markers.push({ at: e.at, kind: e.kind, priority: e.priority, alarmId: e.alarmId, title });
  });
  return markers.slice(-maxMarkers);
}

export class AlarmMarkers {
  private readonly layer = document.createElement('div');
  private markers: AlarmMarker[] = [];
  private elements: HTMLElement[] = [];
  private tags: TagInfo[] = [];
  private live = false;
  /** What was last asked, so that an unchanged view asks nothing. */
  private askedKey = '';
  private request = 0;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private readonly off: () => void;

  constructor(
    private readonly services: AppServices,
    private readonly plot: () => uPlot | null,
    /** The chart's range now (live, it moves every frame). */
    private readonly range: () => TimeRange,
  ) {
    this.layer.className = 'alarm-markers';
    this.layer.dataset.testid = 'alarm-markers';
    this.off = services.store.subscribe((s, prev) => {
      if (this.live && s.alarmSnapshot?.revision !== prev.alarmSnapshot?.revision) this.schedule(true);
    });
  }

  /** The pens' tags and the view (live or not; the range is read now): asks the journal when they changed (debounced). */
  update(tags: readonly (TagInfo | undefined)[], live: boolean): void {
    this.tags = tags.filter((t): t is TagInfo => t !== undefined);
    this.live = live;
    this.schedule(false);
  }

  /** Moves the flags to the plot's x scale (uPlot's draw hook). */
  position(u: uPlot): void {
    if (this.layer.parentElement !== u.over) u.over.appendChild(this.layer);
    const min = u.scales.x.min ?? 0;
    const max = u.scales.x.max ?? 0;
    this.markers.forEach((marker, i) => {
      const el = this.elements[i]!;
      const inside = marker.at >= min && marker.at <= max;
      if (el.hidden === inside) el.hidden = !inside;
      if (inside) {
        const left = `${Math.round(u.valToPos(marker.at, 'x'))}px`;
        if (el.style.left !== left) el.style.left = left;
      }
    });
  }

  destroy(): void {
    this.off();
    if (this.timer !== null) clearTimeout(this.timer);
    this.request++;
    this.layer.remove();
  }

  private schedule(force: boolean): void {
    const tagKey = this.tags.map((t) => t.path).join(',');
    const range = this.range();
    // Live, the range moves every frame: the span and the pens decide; new events come through the alarm picture.
    const key = this.live ? `live|${range.to - range.from}|${tagKey}` : `${range.from}|${range.to}|${tagKey}`;
    if (!force && key === this.askedKey) return;
    this.askedKey = key;
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.load();
    }, force ? 1_000 : 300);
  }

  private async load(): Promise<void> {
    const id = ++this.request;
    const tags = this.tags;
    if (tags.length === 0) return this.show([]);
    const range = this.range();
    const span = range.to - range.from;
    // Live: a little before the window (it moves on) up to a minute past now.
    const from = Math.max(0, Math.round(range.from - (this.live ? span * 0.1 : 0)));
    const to = Math.round(range.to + (this.live ? 60_000 : 1));
    const assets = [...new Set(tags.map((t) => t.assetPath))];
    const results = await Promise.all(
      assets.map((asset) => this.services.client.queryAlarmJournal({ from, to, asset, kinds: ['activated', 'returned', 'acknowledged'], limit: 2_000 })),
    );
    if (id !== this.request) return;
    const entries = results.flatMap((r) => (r.ok ? r.value : []));
    this.show(markersFrom(entries, new Set(tags.map((t) => t.path)), Date.now()));
  }

  private show(markers: AlarmMarker[]): void {
    this.markers = markers;
    this.elements = markers.map((marker) => {
      const el = document.createElement('div');
      el.className = 'alarm-marker';
      el.dataset.testid = 'alarm-marker';
      el.dataset.kind = marker.kind;
      el.dataset.priority = marker.priority;
      el.dataset.alarmId = marker.alarmId;
      el.title = marker.title;
      el.hidden = true;
      el.appendChild(document.createElement('span')).className = 'prio-shape';
      return el;
    });
    this.layer.replaceChildren(...this.elements);
    this.layer.dataset.count = String(markers.length);
    const plot = this.plot();
    if (plot !== null) this.position(plot);
  }
}
