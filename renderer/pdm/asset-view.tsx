/**
 * An asset's health page (`#/maintenance/asset/<line>/<asset>`): at the top what the
 * technician needs from two metres (health with its condition, the ISO zone of the newest
 * snapshot on its scale, the remaining life, the diagnosis), then why (each feature's share
 * of the health lost, the baseline, the open anomalies), this asset's work requests, the
 * spectra with the defect-frequency markers and the envelope peaks, the waveform features
 * and the record, and the feature trends. Asked for at once and every 10 s while shown.
 */
import { healthStatusFrom, type AssetHealth } from '../../core/contract/index.js';
import { useAppState } from '../app-context.js';
import { DiagnosisPanel, FeaturesPanel, IsoPanel, PeaksPanel, RecordPanel, SpectraPanel, ZoneScaleBar } from './analysis-panels.js';
import { anomalyRows, baselineText, rulView } from './asset-model.js';
import { conditionLevels, conditionWords, formatHealth, formatWhen, localTimeZone } from './fleet-model.js';
import { BackButton, LevelChip, Panel, useRuntimeNow } from './pdm-parts.js';
import { TrendCharts } from './trend-charts.js';
import { usePolled } from './use-polled.js';
import { WorkRequestList } from './work-requests.js';

/** Trend points asked for: about one per pixel column of a small chart. */
const trendPoints = 600;

function HealthPanel({ health }: { health: AssetHealth }) {
  const h = health.health;
  const level = conditionLevels[health.condition];
  return (
    <Panel title="Health" testId="health-panel" className="pd-health" note="0–100">
      <div className="pd-health-row" data-level={level}>
        <span className="pd-health-big" data-testid="asset-health">
          {formatHealth(h?.health)}
        </span>
        <LevelChip level={level} text={conditionWords[health.condition]} testId="asset-condition" />
      </div>
      <p className="pd-text">{h === null ? 'No health yet: it is judged against the healthy baseline once that is learned.' : h.text}</p>
      <p className="pd-note pd-thresholds">Good from {healthStatusFrom.good} · Watch from {healthStatusFrom.watch} · Alert below {healthStatusFrom.watch}</p>
    </Panel>
  );
}

function LifePanel({ health }: { health: AssetHealth }) {
  const view = rulView(health.remainingLife);
  return (
    <Panel title="Remaining life" testId="life-panel" className="pd-life" note="until ISO zone D">
      <div className="pd-headline" data-level={view.level}>
        <span className="pd-life-headline" data-testid="life-headline" data-verdict={view.verdict}>
          {view.headline}
        </span>
      </div>
      <p className="pd-text" data-testid="life-text">
        {view.detail}
      </p>
    </Panel>
  );
}

function WhyPanel({ health, timeZone }: { health: AssetHealth; timeZone: string }) {
  const contributions = health.health?.contributions ?? [];
  return (
    <Panel title="What the health rests on" testId="why-panel" className="pd-why">
      <p className="pd-text" data-testid="baseline-text" data-status={health.baseline.status}>
        {baselineText(health.baseline, timeZone)}
      </p>
      {contributions.length > 0 ? (
        <ul className="pd-contributions" data-testid="contributions">
          {contributions.map((c) => (
            <li key={c.feature} data-points={c.points > 0 ? 'lost' : 'none'}>
              <span className="pd-points">{c.points >= 0.5 ? `−${c.points.toFixed(0)}` : '0'}</span>
              <span>{c.text}</span>
            </li>
          ))}
        </ul>
      ) : null}
      {health.baseline.status === 'learning' ? (
        <div className="pd-learning">
          <div className="pd-learning-bar" aria-hidden="true">
            <div className="pd-learning-fill" style={{ width: `${Math.min(100, (health.baseline.points / Math.max(1, health.baseline.needed)) * 100)}%` }} />
          </div>
        </div>
      ) : null}
    </Panel>
  );
}

function AnomaliesPanel({ health, now, timeZone }: { health: AssetHealth; now: number; timeZone: string }) {
  const rows = anomalyRows(health.anomalies, now, timeZone);
  const open = rows.filter((r) => r.open).length;
  return (
    <Panel title="Anomalies" note={`${open} open`} testId="anomalies-panel" className="pd-anomalies">
      {rows.length === 0 ? (
        <p className="oe-empty">No feature has left its healthy band.</p>
      ) : (
        <ol className="pd-anomaly-list">
          {rows.map((r) => (
            <li key={r.key} className="pd-anomaly" data-testid="anomaly" data-open={r.open ? 'true' : 'false'}>
              <div className="pd-anomaly-head">
                <LevelChip level={r.open ? 'attention' : 'normal'} text={r.statusText} />
                <strong>
                  {r.label}: {r.directionText.toLowerCase()}
                </strong>
              </div>
              <div className="pd-request-meta">{r.whenText}</div>
              <p className="pd-note">{r.evidence}</p>
            </li>
          ))}
        </ol>
      )}
    </Panel>
  );
}

export function AssetView({ asset }: { asset: string }) {
  const showMaintenance = useAppState((s) => s.showMaintenance);
  const { value: health, error, reload } = usePolled((client) => client.pdmAsset({ asset, maxPoints: trendPoints }), 'The asset health could not be loaded', asset);
  const now = useRuntimeNow();
  const timeZone = localTimeZone();
  const shown = health !== null && health.asset === asset ? health : null;
  const latest = shown?.latest ?? null;

  return (
    <div className="pd-page" data-testid="asset-health-view" data-asset={asset}>
      <header className="pd-page-head">
        <BackButton label="Fleet" testId="pdm-back" onClick={() => showMaintenance({ page: 'fleet' })} />
        <div className="page-title">
          <h1>{shown?.name ?? asset}</h1>
          <p className="page-desc">
            {shown === null ? 'Vibration health' : `${shown.lineName} · vibration health · ${latest === null ? 'no snapshot yet' : `newest snapshot ${formatWhen(latest.at, now, timeZone)}`}`}
          </p>
        </div>
        <button type="button" className="oe-button" data-testid="open-waveform" disabled={latest === null} onClick={() => showMaintenance({ page: 'waveform', asset })}>
          Waveform
        </button>
      </header>
      {error !== null ? (
        <p className="oe-error" role="alert" data-testid="pdm-error">
          {error}
        </p>
      ) : null}
      {shown === null ? (
        error === null ? <p className="oe-loading">Loading the asset health…</p> : null
      ) : (
        <div className="pd-asset">
          <div className="pd-summary">
            <HealthPanel health={shown} />
            {latest !== null ? (
              <IsoPanel iso={latest.analysis.iso} title="ISO 10816-3 zone, newest snapshot" />
            ) : (
              <Panel title="ISO 10816-3 zone" className="pd-iso">
                <p className="oe-empty">No snapshot yet.</p>
                <ZoneScaleBar boundaries={shown.settings.boundaries} velocity={null} />
              </Panel>
            )}
            <LifePanel health={shown} />
            {latest !== null ? <DiagnosisPanel diagnosis={latest.analysis.diagnosis} /> : <Panel title="Bearing diagnosis"><p className="oe-empty">No snapshot yet.</p></Panel>}
          </div>
          <div className="pd-middle">
            <WhyPanel health={shown} timeZone={timeZone} />
            <AnomaliesPanel health={shown} now={now} timeZone={timeZone} />
            <Panel title="Work requests" note={`${shown.workRequests.filter((r) => r.status === 'open').length} open`} testId="asset-work-requests" className="pd-asset-requests">
              <WorkRequestList requests={shown.workRequests} now={now} timeZone={timeZone} reload={reload} />
            </Panel>
          </div>
          {latest !== null ? (
            <div className="pd-analysis">
              <SpectraPanel analysis={latest.analysis} />
              <div className="pd-analysis-side">
                <PeaksPanel analysis={latest.analysis} />
                <FeaturesPanel analysis={latest.analysis} />
                <RecordPanel analysis={latest.analysis} extra={[{ label: 'Waveform tag', text: shown.settings.waveformTag }]} />
              </div>
            </div>
          ) : null}
          <Panel title="Feature trends" note={`${shown.trend.length} snapshots · the healthy baseline shaded · ▼ where an anomaly started`} testId="trends-panel">
            <TrendCharts trend={shown.trend} boundaries={shown.settings.boundaries} baseline={{ from: shown.baseline.from, to: shown.baseline.to }} anomalies={shown.anomalies} timeZone={timeZone} />
          </Panel>
        </div>
      )}
    </div>
  );
}
