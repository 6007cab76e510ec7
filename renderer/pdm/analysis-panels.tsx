/**
 * One snapshot's analysis as panels, shared by the asset health page and the file import:
 * the ISO zone with its scale bar, the diagnosis in words with its evidence, the spectra
 * (envelope with the defect-frequency markers and a legend that hides or shows each family;
 * acceleration with the envelope band shaded), the envelope peaks with what each one is,
 * the waveform features, and the record's facts (sample rate, speed, bearing, defect
 * frequencies).
 */
import { useState } from 'react';
import type { IsoZoneResult, SnapshotAnalysis, ZoneBoundaries } from '../../core/contract/index.js';
import { useAppState } from '../app-context.js';
import { diagnosedFamily, diagnosisView, featureRows, peakRows, zoneScale } from './asset-model.js';
import { formatVelocity, zoneLevels, zoneMeanings } from './fleet-model.js';
import { LevelChip, Panel } from './pdm-parts.js';
import { SpectrumChart } from './spectrum-chart.js';
import { defectMarkers, familyWords, formatHz, markerFamilies } from './spectrum-model.js';
import type { MarkerFamily } from './spectrum-model.js';

/** The zones A–D as a bar with the boundaries under it and the velocity marked on it. */
export function ZoneScaleBar({ boundaries, velocity }: { boundaries: ZoneBoundaries; velocity: number | null }) {
  const scale = zoneScale(boundaries, velocity);
  return (
    <div className="pd-scale" data-testid="zone-scale">
      <div className="pd-scale-bar">
        {scale.segments.map((s) => (
          <div key={s.zone} className="pd-scale-seg" data-zone={s.zone} data-level={s.level} style={{ left: `${s.from}%`, width: `${s.to - s.from}%` }} title={`Zone ${s.zone}: ${s.meaning}`}>
            {s.zone}
          </div>
        ))}
        {scale.velocity !== null ? (
          <div className="pd-scale-needle" style={{ left: `${scale.velocity.at}%` }} data-testid="zone-needle">
            <span className="pd-scale-value">
              {formatVelocity(velocity)}
              {scale.velocity.beyond ? ' ▶' : ''}
            </span>
          </div>
        ) : null}
      </div>
      <div className="pd-scale-marks" aria-hidden="true">
        {scale.marks.map((m) => (
          <span key={m.label} className="pd-scale-mark" style={{ left: `${m.at}%` }}>
            {m.label}
          </span>
        ))}
      </div>
    </div>
  );
}

/** The ISO 10816-3 zone of a snapshot's velocity, in a letter, words and on the scale. */
export function IsoPanel({ iso, title = 'ISO 10816-3 severity' }: { iso: IsoZoneResult; title?: string }) {
  return (
    <Panel title={title} testId="iso-panel" className="pd-iso">
      <div className="pd-zone-row">
        <div className="pd-zone-letter" data-level={zoneLevels[iso.zone]} data-testid="iso-zone">
          {iso.zone}
        </div>
        <div className="pd-zone-words">
          <div className="pd-big-value">{formatVelocity(iso.velocityRmsMmS)}</div>
          <div className="pd-zone-meaning">
            Zone {iso.zone}: {zoneMeanings[iso.zone]}
          </div>
        </div>
      </div>
      <ZoneScaleBar boundaries={iso.boundaries} velocity={iso.velocityRmsMmS} />
      <p className="oe-why">
        RMS velocity {iso.bandHz[0]}–{iso.bandHz[1]} Hz; group {iso.group}, {iso.foundation} foundation{iso.assumed ? ' (assumed: not given)' : ''}. {iso.standard}.
      </p>
    </Panel>
  );
}

/** The diagnosis in plain words, with the components that stand out as evidence. */
export function DiagnosisPanel({ diagnosis, title = 'Bearing diagnosis' }: { diagnosis: SnapshotAnalysis['diagnosis']; title?: string }) {
  const view = diagnosisView(diagnosis);
  return (
    <Panel title={title} testId="diagnosis-panel" className="pd-diagnosis">
      <div className="pd-headline" data-level={view.level}>
        <LevelChip level={view.level} text={view.headline} />
      </div>
      <p className="pd-text" data-testid="diagnosis">
        {view.text}
      </p>
      {view.evidence.length > 0 ? (
        <ul className="pd-evidence" data-testid="diagnosis-evidence">
          {view.evidence.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
      ) : null}
    </Panel>
  );
}

/** The envelope spectrum with the defect markers (and the legend that shows or hides each family), and the acceleration spectrum. */
export function SpectraPanel({ analysis }: { analysis: SnapshotAnalysis }) {
  const scale = useAppState((s) => s.pdmAmplitude);
  const setScale = useAppState((s) => s.setPdmAmplitude);
  const [hidden, setHidden] = useState<ReadonlySet<MarkerFamily>>(new Set());
  const strong = diagnosedFamily(analysis.diagnosis);
  const envelope = analysis.envelope;
  const shown = new Set(markerFamilies.filter((f) => !hidden.has(f)));
  const markers = defectMarkers(analysis.defectFrequencies, { maxHz: envelope.maxHz }, { strong, families: shown });
  const band = envelope.band;
  const toggle = (family: MarkerFamily) => {
    const next = new Set(hidden);
    if (next.has(family)) next.delete(family);
    else next.add(family);
    setHidden(next);
  };
  return (
    <Panel
      title="Spectra"
      testId="spectra-panel"
      className="pd-spectra"
      note={`${analysis.record.sampleRateHz.toLocaleString('en-GB')} Hz · ${analysis.record.shaftRpm.toFixed(0)} rpm (shaft ${formatHz(analysis.record.shaftHz)})`}
    >
      <div className="pd-spectra-bar">
        <div className="oe-segmented" role="group" aria-label="Amplitude scale">
          <button type="button" className="oe-seg" data-testid="amplitude-linear" aria-pressed={scale === 'linear'} onClick={() => setScale('linear')}>
            Linear
          </button>
          <button type="button" className="oe-seg" data-testid="amplitude-log" aria-pressed={scale === 'log'} onClick={() => setScale('log')}>
            Log
          </button>
        </div>
        {analysis.defectFrequencies !== null ? (
          <div className="pd-legend" role="group" aria-label="Defect-frequency markers">
            {markerFamilies.map((family) => (
              <button key={family} type="button" className="pd-legend-item" data-family={family} data-strong={family === strong ? 'true' : 'false'} aria-pressed={!hidden.has(family)} data-testid="marker-toggle" onClick={() => toggle(family)}>
                <span className="pd-legend-swatch" aria-hidden="true" />
                <span className="pd-legend-name">{family === 'shaft' ? '1×shaft' : family}</span>
                <span className="pd-legend-words">{familyWords[family]}</span>
              </button>
            ))}
          </div>
        ) : (
          <p className="oe-why">No bearing given: no defect-frequency markers.</p>
        )}
      </div>
      <SpectrumChart
        title={`Envelope spectrum (demodulated ${formatHz(band.loHz)} – ${formatHz(band.hiHz)}, band chosen by ${band.chosenBy === 'spectral-kurtosis' ? `spectral kurtosis ${band.spectralKurtosis.toFixed(1)}` : 'setting'})`}
        unitLabel="g peak"
        spectrum={envelope.spectrum}
        maxHz={envelope.maxHz}
        scale={scale}
        height={400}
        testId="envelope-spectrum"
        markers={markers}
      />
      <SpectrumChart
        title="Acceleration spectrum"
        unitLabel="g peak"
        spectrum={analysis.spectrum}
        maxHz={analysis.record.sampleRateHz / 2}
        scale={scale}
        height={300}
        testId="spectrum"
        band={{ loHz: band.loHz, hiHz: band.hiHz, label: 'envelope band' }}
      />
    </Panel>
  );
}

/** The envelope peaks that stand highest over their floor, with what each one is. */
export function PeaksPanel({ analysis }: { analysis: SnapshotAnalysis }) {
  const rows = peakRows(analysis.peaks, diagnosedFamily(analysis.diagnosis));
  return (
    <Panel title="Envelope peaks" note="highest over the noise floor first" testId="peaks-panel" className="pd-peaks">
      {rows.length === 0 ? (
        <p className="oe-empty">No line stands out of the envelope spectrum.</p>
      ) : (
        <table className="pd-table" data-testid="peaks">
          <thead>
            <tr>
              <th className="num">Frequency</th>
              <th className="num">Over floor</th>
              <th className="num">Amplitude</th>
              <th>What it is</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.key} data-testid="peak-row" data-family={r.family ?? 'none'} data-strong={r.strong ? 'true' : 'false'}>
                <td className="num">{r.frequencyText}</td>
                <td className="num">{r.ratioText}</td>
                <td className="num">{r.amplitudeText}</td>
                <td className="pd-match">{r.matchText}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Panel>
  );
}

/** RMS, peak, peak-to-peak, crest factor, kurtosis and skewness of the acceleration. */
export function FeaturesPanel({ analysis }: { analysis: SnapshotAnalysis }) {
  return (
    <Panel title="Waveform features" note="acceleration, about its mean" testId="features-panel" className="pd-features">
      <table className="pd-table" data-testid="features">
        <tbody>
          {featureRows(analysis.features).map((r) => (
            <tr key={r.key} data-feature={r.key}>
              <th scope="row">{r.label}</th>
              <td className="num pd-strong">{r.text}</td>
              <td className="pd-note">{r.note}</td>
            </tr>
          ))}
          <tr data-feature="velocity">
            <th scope="row">Velocity RMS</th>
            <td className="num pd-strong">{formatVelocity(analysis.velocity.rmsMmS)}</td>
            <td className="pd-note">
              {analysis.velocity.bandHz[0]}–{analysis.velocity.bandHz[1]} Hz, ISO zone {analysis.iso.zone}
            </td>
          </tr>
        </tbody>
      </table>
    </Panel>
  );
}

/** The record and the bearing: what the analysis rests on. */
export function RecordPanel({ analysis, extra }: { analysis: SnapshotAnalysis; extra?: { label: string; text: string }[] }) {
  const r = analysis.record;
  const f = analysis.defectFrequencies;
  const b = analysis.bearing;
  const rows: { label: string; text: string }[] = [
    ...(extra ?? []),
    { label: 'Record', text: `${r.samples.toLocaleString('en-GB')} samples, ${r.durationS.toFixed(2)} s at ${r.sampleRateHz.toLocaleString('en-GB')} Hz, ${r.unit}` },
    { label: 'Shaft speed', text: `${r.shaftRpm.toFixed(0)} rpm (${formatHz(r.shaftHz)})` },
    { label: 'Bearing', text: b === null ? 'None given' : `${b.model ?? 'Custom'}: ${b.balls} balls, ${b.ballDiameterMm} mm on ${b.pitchDiameterMm} mm pitch` },
  ];
  return (
    <Panel title="Record and bearing" testId="record-panel" className="pd-record">
      <dl className="pd-facts">
        {rows.map((row) => (
          <div key={row.label} className="pd-fact">
            <dt className="field-label">{row.label}</dt>
            <dd>{row.text}</dd>
          </div>
        ))}
      </dl>
      {f !== null ? (
        <table className="pd-table pd-freqs" data-testid="defect-frequencies">
          <thead>
            <tr>
              <th>Defect frequency</th>
              <th className="num">Hz</th>
              <th className="num">× shaft</th>
            </tr>
          </thead>
          <tbody>
            {(
              [
                ['BPFO', 'outer race', f.bpfo],
                ['BPFI', 'inner race', f.bpfi],
                ['BSF', 'ball spin', f.bsf],
                ['FTF', 'cage', f.ftf],
              ] as const
            ).map(([name, words, hz]) => (
              <tr key={name}>
                <th scope="row">
                  {name} <span className="pd-note">{words}</span>
                </th>
                <td className="num">{hz.toFixed(1)}</td>
                <td className="num">{(hz / f.shaftHz).toFixed(3)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </Panel>
  );
}
