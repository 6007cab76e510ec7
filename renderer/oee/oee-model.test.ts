import { describe, expect, it } from 'vitest';
import { makeReport, makeResult } from '../testing/oee-fixtures.js';
import {
  constraintSentence,
  formatCount,
  formatDuration,
  formatPercent,
  formatTarget,
  unknownTimeRow,
  formatStopTime,
  formatZoneTime,
  kpiFigures,
  quantityRows,
  reliabilityRows,
  sixBigLosses,
  unassignedSummary,
  zoneOffsetMs,
  zoneText,
} from './oee-model.js';

describe('OEE figures', () => {
  it('formats percentages, durations and counts as operators read them', () => {
    expect(formatPercent(0.8432)).toBe('84.3 %');
    expect(formatPercent(0.65, 0)).toBe('65 %');
    expect(formatPercent(null)).toBe('—');
    expect(formatDuration(45_000)).toBe('45 s');
    expect(formatDuration(250_000)).toBe('4 min 10 s');
    expect(formatDuration(240_000)).toBe('4 min');
    expect(formatDuration(34 * 60_000)).toBe('34 min');
    expect(formatDuration(125 * 60_000)).toBe('2 h 05 min');
    expect(formatDuration(-3 * 60_000)).toBe('−3 min');
    expect(formatDuration(null)).toBe('—');
    expect(formatCount(12_480)).toBe('12,480');
    expect(formatCount(null)).toBe('—');
  });

  it('sets A, P, Q and OEE against their targets; below target is marked, a null figure says why', () => {
    const result = makeResult({ performance: null, oee: null, why: { performance: 'No ideal cycle time configured', oee: 'Performance is unknown' } });
    const figures = kpiFigures(result, { oee: 0.65, availability: 0.85, performance: 0.9, quality: 0.99 });
    expect(figures.map((f) => f.key)).toEqual(['availability', 'performance', 'quality', 'oee']);
    const [a, p, q, oee] = figures;
    expect(a).toMatchObject({ text: '90.0 %', targetText: '85 %', below: false, barPercent: 90 });
    expect(p).toMatchObject({ text: '—', below: false, barPercent: 0, why: 'No ideal cycle time configured' });
    // Exactly at target is not below it.
    expect(q).toMatchObject({ text: '99.0 %', below: false });
    expect(oee!.why).toBe('Performance is unknown');
    expect(kpiFigures(makeResult({ availability: 0.7 }), makeReport().targets)[0]!.below).toBe(true);
    const none = kpiFigures(null, makeReport().targets, 'No constraint configured');
    expect(none.every((f) => f.text === '—' && f.why === 'No constraint configured')).toBe(true);
  });

  it('names the constraint, or says why the line has no figures', () => {
    expect(constraintSentence(makeReport())).toBe('Line OEE follows the Filler, its constraint.');
    expect(constraintSentence(makeReport({ constraint: null, why: 'No constraint asset configured for Bottling line 1' }))).toBe('No constraint asset configured for Bottling line 1');
  });

  it('counts the stops without a reason', () => {
    expect(unassignedSummary({ stops: 3, ms: 12 * 60_000 })).toBe('3 stops without a reason, 12 min');
    expect(unassignedSummary({ stops: 1, ms: 90_000 })).toBe('1 stop without a reason, 1 min 30 s');
    expect(unassignedSummary({ stops: 0, ms: 0 })).toBe('Every stop has a reason');
    expect(unassignedSummary({ stops: 1, ms: 0 })).toBe('1 stop without a reason');
  });

  it('lists the six big losses against the largest, and the reliability and quantity figures', () => {
    const losses = sixBigLosses(makeResult());
    expect(losses.map((l) => l.label)).toEqual(['Breakdowns', 'Setup and adjustment', 'Small stops', 'Reduced speed', 'Startup rejects', 'Production rejects']);
    expect(losses.find((l) => l.key === 'reduced-speed')!.barPercent).toBe(100);
    expect(losses[0]!.barPercent).toBe(75);
    const nulls = sixBigLosses(makeResult({ losses: { breakdownsMs: 0, setupMs: 0, smallStopsMs: 0, reducedSpeedMs: null, startupRejectsMs: null, productionRejectsMs: null } }));
    expect(nulls.every((l) => l.barPercent === 0)).toBe(true);
    expect(nulls[3]!.text).toBe('—');
    expect(reliabilityRows(makeResult()).map((r) => `${r.label} ${r.text}`)).toEqual(['MTBF 2 h 15 min', 'MTTR 10 min', 'Failures 3', 'Micro-stops 14']);
    const noFailures = makeResult({ reliability: { failures: 0, microStops: 0, stops: 0, mtbfMs: null, mttrMs: null }, why: { mtbfMs: 'No failure in this period' } });
    expect(reliabilityRows(noFailures)[0]).toEqual({ label: 'MTBF', text: '—', why: 'No failure in this period' });
    const quantities = quantityRows(makeResult());
    expect(quantities.map((r) => r.label)).toEqual(['Produced', 'Good', 'Rejects', 'First-pass yield', 'Scrap rate', 'Energy per good unit']);
    expect(quantities[5]!.text).toBe('0.00212 kWh');
    expect(quantityRows(makeResult({ energyPerGoodUnit: null })).length).toBe(5);
  });
});

describe('plant time', () => {
  const winter = Date.UTC(2026, 10, 22, 5, 30);
  const summer = Date.UTC(2026, 6, 1, 5, 30);

  it('formats in the plant zone, not the browser zone', () => {
    expect(formatZoneTime(winter, 'UTC')).toBe('05:30');
    expect(formatZoneTime(winter, 'Europe/Berlin')).toBe('06:30');
    expect(formatZoneTime(summer, 'Europe/Berlin')).toBe('07:30');
    expect(formatZoneTime(winter, 'America/Chicago')).toBe('23:30');
    // An unknown zone falls back to UTC rather than throwing.
    expect(formatZoneTime(winter, 'Mars/Olympus')).toBe('05:30');
  });

  it('knows the zone offset and says it', () => {
    expect(zoneOffsetMs(winter, 'Europe/Berlin')).toBe(3_600_000);
    expect(zoneOffsetMs(summer, 'Europe/Berlin')).toBe(7_200_000);
    expect(zoneOffsetMs(winter, 'Asia/Kolkata')).toBe(5.5 * 3_600_000);
    expect(zoneText('UTC', winter)).toBe('Plant time: UTC');
    expect(zoneText('Europe/Berlin', winter)).toBe('Plant time: Europe/Berlin (UTC+1)');
    expect(zoneText('Asia/Kolkata', winter)).toBe('Plant time: Asia/Kolkata (UTC+5:30)');
    expect(zoneText('America/Chicago', winter)).toBe('Plant time: America/Chicago (UTC−6)');
  });

  it('gives a stop its day only when it started on another day than the period', () => {
    const from = Date.UTC(2026, 10, 22, 6);
    expect(formatStopTime(Date.UTC(2026, 10, 22, 7, 5), 'UTC', from)).toBe('07:05');
    expect(formatStopTime(Date.UTC(2026, 10, 21, 23, 50), 'UTC', from)).toBe('Sat 21 Nov, 23:50');
  });
});

describe('targets', () => {
  it('show as configured, to the decimal', () => {
    expect(formatTarget(0.85)).toBe('85 %');
    expect(formatTarget(0.999)).toBe('99.9 %');
  });
});

describe('time with an unknown state', () => {
  it('is shown with why when there is some, and not otherwise', () => {
    const result = makeResult();
    expect(unknownTimeRow({ ...result, times: { ...result.times, unknownMs: 0, noDataMs: 0 } })).toBeNull();
    expect(unknownTimeRow({ ...result, times: { ...result.times, unknownMs: 2 * 3_600_000, noDataMs: 2 * 3_600_000 } })).toEqual({
      label: 'State unknown',
      value: '2 h 00 min',
      why: 'no data (the app was not running, or the device was lost): counted as lost, not as production',
    });
  });
});
