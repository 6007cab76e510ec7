/**
 * Alarm-system health over the last 24 h or 7 days (EEMUA 191 / ISA-18.2): the average and
 * peak alarm rates, time in flood, chattering and stale alarms, shelved / out of service /
 * suppressed counts, the priority split against ISA-18.2's guide and the top 10 bad actors,
 * each figure beside its reference value and a verdict in words. Colour only where a verdict
 * is bad.
 */
import { useEffect, useState } from 'react';
import type { ReactNode } from 'react';
import type { AlarmKpis } from '../../core/contract/index.js';
import { useAppState, useServices } from '../app-context.js';
import { formatTimestamp } from '../live/format.js';
import { priorityWords, runtimeClock } from './alarm-model.js';
import { PriorityChip } from './alarm-dialogs.js';
import { averageRateVerdict, countVerdict, floodTimeVerdict, formatPercent, formatRate, peakRateVerdict, priorityGuide, priorityShares, topTenShare } from './health-model.js';
import type { Verdict } from './health-model.js';

const spans = [
  { id: '24h', label: 'Last 24 h', ms: 24 * 3_600_000 },
  { id: '7d', label: 'Last 7 days', ms: 7 * 24 * 3_600_000 },
] as const;
type SpanId = (typeof spans)[number]['id'];

function Figure({ label, value, unit, reference, verdict, testId, children }: { label: string; value: string; unit?: string; reference: string; verdict?: Verdict; testId: string; children?: ReactNode }) {
  return (
    <div className="hl-figure" data-testid={testId} data-level={verdict?.level ?? 'ok'}>
      <div className="field-label">{label}</div>
      <div className="hl-value">
        {value}
        {unit !== undefined ? <span className="hl-unit"> {unit}</span> : null}
      </div>
      {verdict !== undefined ? <div className="hl-verdict">{verdict.words}</div> : null}
      <div className="hl-reference">{reference}</div>
      {children}
    </div>
  );
}

function PriorityBars({ kpis }: { kpis: AlarmKpis }) {
  const shares = priorityShares(kpis.priorityDistribution);
  const bar = (parts: { priority: string; percent: number; label: string }[]) => (
    <div className="hl-bar">
      {parts
        .filter((p) => p.percent > 0)
        .map((p) => (
          <div key={p.priority} className="hl-bar-part" data-priority={p.priority} style={{ flexGrow: p.percent }} title={p.label}>
            {p.percent >= 6 ? p.label : ''}
          </div>
        ))}
    </div>
  );
  return (
    <section className="hl-panel hl-priorities" data-testid="health-priorities">
      <h2 className="hl-title">Priority split of the activations</h2>
      <div className="hl-bar-row">
        <span className="hl-bar-label">This period</span>
        {kpis.activations === 0 ? <div className="hl-bar hl-bar-empty">No activations</div> : bar(shares.map((s) => ({ ...s, label: `${priorityWords[s.priority]} ${Math.round(s.percent)} %` })))}
      </div>
      <div className="hl-bar-row">
        <span className="hl-bar-label">ISA-18.2 guide</span>
        {bar(Object.entries(priorityGuide).map(([priority, percent]) => ({ priority, percent: percent!, label: `${priorityWords[priority as keyof typeof priorityWords]} ~${percent} %` })))}
      </div>
      <ul className="hl-legend">
        {shares.map((s) => (
          <li key={s.priority}>
            <PriorityChip priority={s.priority} /> {s.count}
          </li>
        ))}
      </ul>
    </section>
  );
}

export function HealthView() {
  const { client, store } = useServices();
  const connection = useAppState((s) => s.connection);
  const [span, setSpan] = useState<SpanId>('24h');
  const [kpis, setKpis] = useState<AlarmKpis | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [refresh, setRefresh] = useState(0);

  useEffect(() => {
    let current = true;
    const to = Math.round(runtimeClock(store.getState()));
    const from = to - spans.find((s) => s.id === span)!.ms;
    void client.alarmKpis({ from, to, operatorPositions: 1 }).then((result) => {
      if (!current) return;
      if (result.ok) {
        setKpis(result.value);
        setError(null);
      } else setError(result.error.code === 'disconnected' ? 'No connection to the runtime.' : `Alarm health could not be computed: ${result.error.message}`);
    });
    return () => {
      current = false;
    };
  }, [client, store, span, refresh, connection]);

  const now = runtimeClock(store.getState());
  return (
    <section className="al-health" aria-label="Alarm system health" data-testid="alarm-health">
      <div className="al-toolbar">
        <div className="al-segmented" role="group" aria-label="Period">
          {spans.map((s) => (
            <button key={s.id} type="button" className="al-seg" data-testid="health-span" data-span={s.id} aria-pressed={span === s.id} onClick={() => setSpan(s.id)}>
              {s.label}
            </button>
          ))}
        </div>
        <button type="button" className="al-button" onClick={() => setRefresh(refresh + 1)}>
          Refresh
        </button>
        <div className="al-spacer" />
        <span className="hl-note">Reference values: EEMUA 191 and ISA-18.2, for one operator position.</span>
      </div>
      {error !== null ? (
        <p className="al-journal-status" role="alert">
          {error}
        </p>
      ) : null}
      {kpis === null ? (
        error === null ? <p className="al-journal-status">Computing…</p> : null
      ) : (
        <div className="hl-body">
          <div className="hl-figures">
            <Figure testId="health-average" label="Average alarm rate" value={formatRate(kpis.averagePer10MinPerOperator)} unit="per 10 min" verdict={averageRateVerdict(kpis.averagePer10MinPerOperator)} reference="EEMUA 191: ≤ 1 very likely acceptable · ≤ 2 manageable · > 10 is a flood" />
            <Figure
              testId="health-peak"
              label="Peak 10-minute rate"
              value={String(kpis.peak10MinRate)}
              unit="alarms"
              verdict={peakRateVerdict(kpis.peak10MinRate)}
              reference={`More than 10 in 10 min is a flood${kpis.peak10MinAt !== undefined ? ` · peak at ${formatTimestamp(kpis.peak10MinAt, now)}` : ''}`}
            />
            <Figure testId="health-flood" label="Time in flood" value={formatPercent(kpis.timeInFloodFraction)} verdict={floodTimeVerdict(kpis.timeInFloodFraction)} reference={`ISA-18.2: below ~1 % · ${kpis.floodPeriods.length} flood period${kpis.floodPeriods.length === 1 ? '' : 's'}`} />
            <Figure testId="health-activations" label="Activations" value={kpis.activations.toLocaleString()} reference={`Top 10 alarms: ${Math.round(topTenShare(kpis))} % of them (ISA-18.2: ~1–5 %)`} />
            <Figure testId="health-chattering" label="Chattering alarms" value={String(kpis.chattering.length)} verdict={countVerdict(kpis.chattering.length, 0)} reference="ISA-18.2: none (3 or more activations in a minute)">
              <ul className="hl-list">
                {kpis.chattering.slice(0, 3).map((c) => (
                  <li key={c.alarmId}>
                    {c.message} ({c.activations}×)
                  </li>
                ))}
              </ul>
            </Figure>
            <Figure testId="health-stale" label="Stale alarms" value={String(kpis.stale.length)} verdict={countVerdict(kpis.stale.length, 4)} reference="Active more than 24 h · ISA-18.2: fewer than 5">
              <ul className="hl-list">
                {kpis.stale.slice(0, 3).map((s) => (
                  <li key={s.alarmId}>
                    {s.message} (since {formatTimestamp(s.since, now)})
                  </li>
                ))}
              </ul>
            </Figure>
            <Figure testId="health-hidden" label="Shelved · out of service · suppressed" value={`${kpis.shelvedCount} · ${kpis.outOfServiceCount} · ${kpis.suppressedCount}`} reference="Now. Each one is an alarm the operator does not see: review them every shift." />
          </div>
          <div className="hl-lower">
            <PriorityBars kpis={kpis} />
            <section className="hl-panel hl-top" data-testid="health-top10">
              <h2 className="hl-title">Top 10 bad actors</h2>
              {kpis.top10.length === 0 ? (
                <p className="hl-reference">No activations in this period.</p>
              ) : (
                <table className="al-table hl-top-table">
                  <thead>
                    <tr>
                      <th>Alarm</th>
                      <th>Priority</th>
                      <th className="al-num">Activations</th>
                      <th className="al-num">Share</th>
                    </tr>
                  </thead>
                  <tbody>
                    {kpis.top10.map((t) => (
                      <tr key={t.alarmId}>
                        <td>
                          <div className="al-j-message">{t.message}</div>
                          <div className="al-j-asset">{t.alarmId}</div>
                        </td>
                        <td>
                          <PriorityChip priority={t.priority} />
                        </td>
                        <td className="al-num">{t.activations}</td>
                        <td className="al-num">{kpis.activations === 0 ? '—' : `${Math.round((100 * t.activations) / kpis.activations)} %`}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              )}
            </section>
          </div>
        </div>
      )}
    </section>
  );
}
