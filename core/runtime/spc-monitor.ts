/**
 * Raises SPC events on the running plant: once a minute of plant time it charts every
 * characteristic over the last eight hours (the OEE host's spcChart: the pure functions of
 * core/analytics/spc) and journals each run-rule hit it has not journaled yet as an event
 * of kind "spc-rule" (source: the characteristic's tag), with a warning in the log. After a
 * restart it carries on from the newest event in the journal, so nothing is raised twice.
 *
 * With a baseline period in the config the limits stay put; with trial limits they are the
 * first subgroups of the eight hours, so they move with the window, and so may the hits.
 */
import { appendEvent, queryEvents } from '../historian/journal.js';
import type { RunningHistorian } from '../historian/index.js';
import type { Logger } from './logger.js';
import type { OeeHost } from './oee-host.js';
import type { Runtime } from './runtime.js';

export const SPC_EVENT_KIND = 'spc-rule';
const CHECK_MS = 60_000;
const WINDOW_MS = 8 * 3_600_000;

export function startSpcMonitor(options: { runtime: Runtime; historian: RunningHistorian; oee: OeeHost; log: Logger }): () => void {
  const { runtime, historian, oee, log } = options;
  /** Per tag: the time of the newest hit journaled. */
  const journaledUntil = new Map<string, number>();

  const check = () => {
    const store = historian.historian();
    if (!store) return;
    const now = runtime.clock.now();
    for (const characteristic of runtime.plant.lines.flatMap((l) => l.assets.flatMap((a) => a.spc ?? []))) {
      const tag = characteristic.tag;
      try {
        if (!journaledUntil.has(tag)) {
          const newest = queryEvents(store, { from: now - WINDOW_MS, to: now + 1, source: tag, kind: SPC_EVENT_KIND }).at(-1);
          journaledUntil.set(tag, newest?.ts ?? -Infinity);
        }
        const chart = oee.spcChart(tag, now - WINDOW_MS, now);
        const since = journaledUntil.get(tag)!;
        const fresh = chart.rules.filter((hit) => hit.at > since);
        if (fresh.length === 0) continue;
        store.db.transaction(() => {
          for (const hit of fresh) {
            appendEvent(store, { ts: hit.at, kind: SPC_EVENT_KIND, source: tag, data: { rule: hit.rule, nelson: hit.nelson, name: hit.name, chart: hit.chart, side: hit.side, limitsFrom: chart.limitsFrom } });
          }
        })();
        for (const hit of fresh) log.warn({ tag, rule: hit.rule, nelson: hit.nelson, chart: hit.chart, at: hit.at }, `SPC: ${chart.characteristic.name}: rule ${hit.rule} (${hit.name}) on the ${hit.chart === 'location' ? 'X̄/X' : 'R/MR'} chart`);
        journaledUntil.set(tag, Math.max(...fresh.map((hit) => hit.at)));
      } catch (error) {
        log.warn({ err: error, tag }, 'SPC check failed; it runs again in a minute');
      }
    }
  };
  return runtime.clock.every(CHECK_MS, check);
}
