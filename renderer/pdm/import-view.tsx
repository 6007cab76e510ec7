/**
 * Waveform file import (`#/maintenance/import`): a vibration record brought in by hand (a
 * one-column CSV or TXT, or a WAV) analysed by the core as a snapshot would be; nothing is
 * stored. The file is chosen or dropped, read with a FileReader and sent as base64 with the
 * sample rate (needed for a CSV; a WAV's header has it), the shaft speed, the bearing, the
 * ISO machine group and foundation and the unit. The result is shown with the same panels
 * as an asset's page, and the waveform under them; problems and refusals in words by the button.
 */
import { useState } from 'react';
import type { DragEvent } from 'react';
import type { Foundation, MachineGroup } from '../../core/contract/index.js';
import { useAppState, useServices } from '../app-context.js';
import { DiagnosisPanel, FeaturesPanel, IsoPanel, PeaksPanel, RecordPanel, SpectraPanel } from './analysis-panels.js';
import { base64FromDataUrl, checkImport, emptyImportForm, fileKind, formatBytes, importErrorText, suggestedBearing, unitChoices } from './import-model.js';
import type { ImportForm } from './import-model.js';
import { Panel } from './pdm-parts.js';
import { WaveformCharts } from './waveform-charts.js';

function readAsBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onerror = () => reject(reader.error ?? new Error('the file could not be read'));
    reader.onload = () => {
      try {
        resolve(base64FromDataUrl(String(reader.result)));
      } catch (error) {
        reject(error instanceof Error ? error : new Error(String(error)));
      }
    };
    reader.readAsDataURL(file);
  });
}

function Segmented<T extends string | number>({ label, value, choices, onChange, testId }: { label: string; value: T; choices: readonly { value: T; label: string }[]; onChange(value: T): void; testId: string }) {
  return (
    <div className="oe-field">
      <span className="field-label">{label}</span>
      <div className="oe-segmented" role="group" aria-label={label}>
        {choices.map((c) => (
          <button key={String(c.value)} type="button" className="oe-seg" data-testid={testId} data-value={String(c.value)} aria-pressed={c.value === value} onClick={() => onChange(c.value)}>
            {c.label}
          </button>
        ))}
      </div>
    </div>
  );
}

const groups: readonly { value: MachineGroup; label: string }[] = [
  { value: 1, label: '1: over 300 kW' },
  { value: 2, label: '2: 15–300 kW' },
];
const foundations: readonly { value: Foundation; label: string }[] = [
  { value: 'rigid', label: 'Rigid' },
  { value: 'flexible', label: 'Flexible' },
];

export function ImportView() {
  const { client } = useServices();
  const result = useAppState((s) => s.pdmImport);
  const setResult = useAppState((s) => s.setPdmImport);
  const [file, setFile] = useState<File | null>(null);
  const [form, setForm] = useState<ImportForm>(emptyImportForm);
  const [problems, setProblems] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const [dragging, setDragging] = useState(false);
  const kind = file === null ? null : fileKind(file.name);
  const change = (patch: Partial<ImportForm>) => {
    setForm({ ...form, ...patch });
    setProblems([]);
  };
  const choose = (chosen: File | null | undefined) => {
    setFile(chosen ?? null);
    setProblems([]);
  };

  const analyze = () => {
    const checked = checkImport(file, form);
    if (!checked.ok) return setProblems(checked.problems);
    setBusy(true);
    setProblems([]);
    void readAsBase64(file!)
      .then((base64) => client.analyzeWaveformFile({ ...checked.request, base64 }))
      .then(
        (answer) => {
          setBusy(false);
          if (answer.ok) setResult(answer.value);
          else setProblems([importErrorText(answer.error)]);
        },
        (error: unknown) => {
          setBusy(false);
          setProblems([`The file could not be read: ${error instanceof Error ? error.message : String(error)}`]);
        },
      );
  };

  const onDrop = (event: DragEvent<HTMLElement>) => {
    event.preventDefault();
    setDragging(false);
    choose(event.dataTransfer.files[0]);
  };

  return (
    <div className="pd-page" data-testid="import-view">
      <Panel title="Analyse a waveform file" note="a one-column CSV or TXT (one sample a line), or a WAV; nothing is stored" className="pd-import-form">
        <div className="pd-import-grid">
          <label
            className="pd-drop"
            data-dragging={dragging ? 'true' : 'false'}
            data-has-file={file === null ? 'false' : 'true'}
            onDragOver={(event) => {
              event.preventDefault();
              setDragging(true);
            }}
            onDragLeave={() => setDragging(false)}
            onDrop={onDrop}
          >
            <input type="file" className="pd-file-input" data-testid="waveform-file" accept=".csv,.txt,.wav" onChange={(event) => choose(event.target.files?.[0])} />
            <span className="pd-drop-button">{file === null ? 'Choose a file…' : 'Choose another file…'}</span>
            <span className="pd-drop-text" data-testid="import-file-name">
              {file === null ? 'or drop it here' : `${file.name} · ${formatBytes(file.size)} · ${kind === 'wav' ? 'WAV' : kind === 'csv' ? 'CSV' : 'not a CSV, TXT or WAV file'}`}
            </span>
          </label>
          <label className="oe-field">
            <span className="field-label">Sample rate, Hz {kind === 'wav' ? '' : '(required)'}</span>
            <input
              className="oe-input"
              data-testid="import-fs"
              inputMode="decimal"
              autoComplete="off"
              disabled={kind === 'wav'}
              value={kind === 'wav' ? '' : form.sampleRateHz}
              placeholder={kind === 'wav' ? 'From the file' : 'e.g. 12000'}
              onChange={(event) => change({ sampleRateHz: event.target.value })}
            />
          </label>
          <label className="oe-field">
            <span className="field-label">Shaft speed, rpm (required)</span>
            <input className="oe-input" data-testid="import-rpm" inputMode="decimal" autoComplete="off" value={form.shaftRpm} placeholder="e.g. 1780" onChange={(event) => change({ shaftRpm: event.target.value })} />
          </label>
          <label className="oe-field">
            <span className="field-label">Bearing (optional)</span>
            <input className="oe-input" data-testid="import-bearing" list="pd-bearings" autoComplete="off" value={form.bearing} placeholder={`e.g. ${suggestedBearing}`} onChange={(event) => change({ bearing: event.target.value })} />
            <datalist id="pd-bearings">
              <option value="SKF 6205" />
              <option value="SKF 6203" />
            </datalist>
          </label>
          <Segmented label="ISO machine group" value={form.machineGroup} choices={groups} onChange={(machineGroup) => change({ machineGroup })} testId="import-group" />
          <Segmented label="Foundation" value={form.foundation} choices={foundations} onChange={(foundation) => change({ foundation })} testId="import-foundation" />
          <Segmented label="Unit of the samples" value={form.unit} choices={unitChoices} onChange={(unit) => change({ unit })} testId="import-unit" />
          <div className="pd-import-go">
            <button type="button" className="oe-button oe-primary pd-analyze" data-testid="import-analyze" disabled={busy} onClick={analyze}>
              {busy ? 'Analysing…' : 'Analyse'}
            </button>
            {problems.length > 0 ? (
              <ul className="pd-problems" role="alert" data-testid="import-error">
                {problems.map((p) => (
                  <li key={p}>{p}</li>
                ))}
              </ul>
            ) : null}
          </div>
        </div>
      </Panel>
      {result !== null ? (
        <div className="pd-asset" data-testid="import-result">
          <h2 className="pd-section-title">
            {result.fileName} <span className="oe-title-note">{result.description}; unit {result.unit} ({result.unitFrom === 'request' ? 'as chosen' : result.unitFrom === 'header' ? "from the file's header" : 'assumed'})</span>
          </h2>
          <div className="pd-summary pd-summary-import">
            <DiagnosisPanel diagnosis={result.analysis.diagnosis} />
            <IsoPanel iso={result.analysis.iso} />
            <FeaturesPanel analysis={result.analysis} />
          </div>
          <div className="pd-analysis">
            <SpectraPanel analysis={result.analysis} />
            <div className="pd-analysis-side">
              <PeaksPanel analysis={result.analysis} />
              <RecordPanel analysis={result.analysis} extra={[{ label: 'File', text: `${result.fileName}: ${result.description}` }]} />
            </div>
          </div>
          <Panel title="Waveform" note={result.waveform.unit}>
            <WaveformCharts view={result.waveform} detailFromS={result.waveform.detailFromS} detailS={result.waveform.detail.length / result.waveform.sampleRateHz} />
          </Panel>
        </div>
      ) : null}
    </div>
  );
}
