/**
 * The Modbus register map import: a device of the plant (its Modbus devices, from the config
 * text, else from the drivers in the system status), a line, an asset (new or existing), a
 * sample rate and a CSV file (address, type, name, unit, scale, description) → the core reads
 * it → the rows that import and the refused rows with their line in the file and why → "Put
 * into the editor" loads the config with the tags added, for review and apply as any edit.
 *
 * Decisions:
 * - The core adds the tags to the running config, not to the editor's text; putting it into the
 *   editor therefore replaces unapplied edits, and the panel says so before.
 * - A whole-file problem (no header, not CSV) is the core's refusal, shown as it is.
 */
import { useMemo, useState } from 'react';
import type { ModbusMapPreview } from '../../core/contract/index.js';
import { useAppState, useServices } from '../app-context.js';
import { plantOutline } from './config-text.js';

export function ModbusPanel({ text, edited, onPut }: { text: string; edited: boolean; onPut(yaml: string): void }) {
  const { client } = useServices();
  const drivers = useAppState((s) => s.status?.drivers);
  const outline = useMemo(() => plantOutline(text), [text]);
  const devices = outline !== null && outline.modbusDevices.length > 0 ? outline.modbusDevices : (drivers ?? []).filter((driver) => driver.driver === 'modbus').map((driver) => driver.deviceId);
  const lines = outline?.lines ?? [];
  const [device, setDevice] = useState('');
  const [line, setLine] = useState('');
  const [asset, setAsset] = useState('');
  const [rateMs, setRateMs] = useState('1000');
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [preview, setPreview] = useState<ModbusMapPreview | null>(null);

  const chosenDevice = device || devices[0] || '';
  const chosenLine = line || lines[0]?.id || '';
  const assets = lines.find((l) => l.id === chosenLine)?.assets ?? [];
  const rate = Number(rateMs);
  const rateOk = Number.isInteger(rate) && rate >= 10 && rate <= 3_600_000;
  const idOk = /^[A-Za-z0-9_-]{1,64}$/.test(asset);
  const ready = chosenDevice !== '' && chosenLine !== '' && idOk && rateOk && file !== null && !busy;

  const read = () => {
    if (!ready || file === null) return;
    setBusy(true);
    setError(null);
    setPreview(null);
    void file.text().then(async (csv) => {
      const result = await client.modbusMapImport({ csv, device: chosenDevice, line: chosenLine, asset, sampleRateMs: rate });
      setBusy(false);
      if (!result.ok) return setError(result.error.message);
      setPreview(result.value);
    });
  };

  if (devices.length === 0) {
    return (
      <p className="eng-note" data-testid="modbus-no-device">
        The config has no Modbus device. Add one under <code>devices:</code> in the editor first (<code>driver: modbus</code> with its host, port and unit), apply it, then import its register map here.
      </p>
    );
  }
  return (
    <div className="eng-modbus" data-testid="modbus-panel">
      <p className="eng-help">A register map as CSV with a header line: address, type, name, unit, scale, description (unit, scale and description may be left out).</p>
      <div className="eng-form">
        <label className="al-field">
          <span className="field-label">Device</span>
          <select className="al-select" data-testid="modbus-device" value={chosenDevice} onChange={(event) => setDevice(event.target.value)}>
            {devices.map((id) => (
              <option key={id} value={id}>
                {id}
              </option>
            ))}
          </select>
        </label>
        <label className="al-field">
          <span className="field-label">Line</span>
          <select className="al-select" data-testid="modbus-line" value={chosenLine} onChange={(event) => setLine(event.target.value)}>
            {lines.map((l) => (
              <option key={l.id} value={l.id}>
                {l.id}
              </option>
            ))}
          </select>
        </label>
        <label className="al-field">
          <span className="field-label">Asset id (new or existing)</span>
          <input className="al-input" data-testid="modbus-asset" list="eng-assets" value={asset} maxLength={64} autoComplete="off" spellCheck={false} onChange={(event) => setAsset(event.target.value.trim())} />
          <datalist id="eng-assets">
            {assets.map((id) => (
              <option key={id} value={id} />
            ))}
          </datalist>
        </label>
        <label className="al-field">
          <span className="field-label">Sample every (ms)</span>
          <input className="al-input eng-number" data-testid="modbus-rate" type="number" min={10} step={10} value={rateMs} onChange={(event) => setRateMs(event.target.value)} />
        </label>
        <label className="al-field eng-file">
          <span className="field-label">Register map (CSV)</span>
          <input className="al-input" data-testid="modbus-file" type="file" accept=".csv,text/csv,text/plain" onChange={(event) => (setFile(event.target.files?.[0] ?? null), setPreview(null))} />
        </label>
      </div>
      {asset !== '' && !idOk ? <p className="si-problem">The asset id takes letters, digits, "_" and "-" (at most 64).</p> : null}
      {!rateOk ? <p className="si-problem">The sample interval is 10 ms to 1 hour, in whole milliseconds.</p> : null}
      <div className="eng-row">
        <button type="button" className="al-button al-primary" data-testid="modbus-read" disabled={!ready} onClick={read}>
          {busy ? 'Reading…' : 'Read the map'}
        </button>
        {assets.includes(asset) ? <span className="eng-note">Adds the tags to the existing asset {asset}.</span> : asset !== '' && idOk ? <span className="eng-note">Makes a new asset {asset}.</span> : null}
      </div>
      {error !== null ? (
        <p className="acc-error" role="alert" data-testid="modbus-error">
          {error}
        </p>
      ) : null}
      {preview !== null ? <ModbusPreview preview={preview} edited={edited} onPut={onPut} /> : null}
    </div>
  );
}

function ModbusPreview({ preview, edited, onPut }: { preview: ModbusMapPreview; edited: boolean; onPut(yaml: string): void }) {
  const yaml = preview.yaml;
  // A refused row may have several reasons: count the rows, list every reason.
  const refused = new Set(preview.errors.map((row) => row.line)).size;
  return (
    <>
      <h3 className="eng-subhead" data-testid="modbus-summary">
        {preview.tags.length} row{preview.tags.length === 1 ? '' : 's'} import{preview.tags.length === 1 ? 's' : ''}, {refused} row{refused === 1 ? ' is' : 's are'} refused
      </h3>
      {preview.errors.length > 0 ? (
        <ul className="eng-refused" data-testid="modbus-refused">
          {preview.errors.map((row, i) => (
            <li key={i} data-testid="modbus-refused-row">
              ✕ Line {row.line}: {row.message}
            </li>
          ))}
        </ul>
      ) : null}
      {preview.tags.length > 0 ? (
        <table className="acc-table" data-testid="modbus-rows">
          <thead>
            <tr>
              <th scope="col">Line</th>
              <th scope="col">Name</th>
              <th scope="col">Address</th>
              <th scope="col">Type</th>
              <th scope="col">Unit</th>
              <th scope="col">Scale</th>
            </tr>
          </thead>
          <tbody>
            {preview.tags.map((tag) => (
              <tr key={tag.name} data-testid="modbus-row">
                <td>{tag.line}</td>
                <td>{tag.name}</td>
                <td className="eng-mono">{tag.address}</td>
                <td>{tag.type}</td>
                <td>{tag.unit}</td>
                <td>{tag.scale}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {yaml !== undefined ? (
        <div className="eng-row">
          <button type="button" className="al-button al-primary" data-testid="modbus-put" onClick={() => onPut(yaml)}>
            Put into the editor
          </button>
          <span className="eng-note">{edited ? 'Replaces the edits in the editor that are not applied. ' : ''}Then review and apply.</span>
        </div>
      ) : null}
    </>
  );
}
