/**
 * The picked variables and where they go: a line, an existing asset or a new one, a name
 * and sample rate per tag (type, unit and range come from the server). "Add to plant" adds
 * them live and says where the config was saved, or why it was not.
 */
import { useEffect, useMemo, useState } from 'react';
import type { AddVariablesOutcome, OpcuaVariableInfo } from '../../core/contract/index.js';
import { useAppState, useServices } from '../app-context.js';
import { nameProblem } from './names.js';

export interface PickedVariable {
  nodeId: string;
  displayName: string;
  /** The tag name it will get. */
  name: string;
  sampleRateMs: number;
}

const NEW_ASSET = '(new)';

export function AddPanel({ browserId, picked, onPicked }: { browserId: number; picked: PickedVariable[]; onPicked(next: PickedVariable[]): void }) {
  const { client, store } = useServices();
  const plant = useAppState((s) => s.plant);
  const [details, setDetails] = useState<Map<string, OpcuaVariableInfo>>(new Map());
  const [lineId, setLineId] = useState('');
  const [assetId, setAssetId] = useState(NEW_ASSET);
  const [newAssetId, setNewAssetId] = useState('opcua_server');
  const [newAssetName, setNewAssetName] = useState('OPC UA server');
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<{ ok: true; value: AddVariablesOutcome } | { ok: false; message: string } | null>(null);

  const line = plant?.lines.find((l) => l.id === lineId) ?? plant?.lines[0];
  const assetTaken = useMemo(() => new Set(line?.assets.map((a) => a.id) ?? []), [line]);

  // Type, unit and range of each newly picked variable, from the server.
  useEffect(() => {
    const missing = picked.map((p) => p.nodeId).filter((id) => !details.has(id));
    if (missing.length === 0) return;
    let cancelled = false;
    void client.opcuaDescribe({ browserId, nodeIds: missing }).then((result) => {
      if (cancelled || !result.ok) return;
      setDetails((d) => {
        const next = new Map(d);
        for (const info of result.value) next.set(info.nodeId, info);
        return next;
      });
    });
    return () => {
      cancelled = true;
    };
  }, [client, browserId, picked, details]);

  if (picked.length === 0) {
    return (
      <section className="add-panel add-empty" data-testid="add-panel">
        Tick variables in the tree to add them to the plant.
        {outcome?.ok ? <AddOutcome outcome={outcome.value} onShow={() => store.getState().showOverview()} /> : null}
      </section>
    );
  }

  const asset = assetId === NEW_ASSET ? newAssetId : assetId;
  const problems = [
    ...picked.map((p) => nameProblem(p.name) && `${p.displayName}: ${nameProblem(p.name)}`),
    ...picked.map((p) => details.get(p.nodeId) && !details.get(p.nodeId)!.dataType && `${p.displayName}: OPC UA type ${details.get(p.nodeId)!.dataTypeName} cannot be held as a tag`),
    assetId === NEW_ASSET && nameProblem(newAssetId) ? `asset id: ${nameProblem(newAssetId)}` : undefined,
    assetId === NEW_ASSET && assetTaken.has(newAssetId) ? `asset id: ${newAssetId} is taken on this line; pick it from the list instead` : undefined,
  ].filter((p): p is string => typeof p === 'string');

  const update = (nodeId: string, change: Partial<PickedVariable>) => onPicked(picked.map((p) => (p.nodeId === nodeId ? { ...p, ...change } : p)));

  const add = async () => {
    if (!line) return;
    setBusy(true);
    setOutcome(null);
    const result = await client.opcuaAddVariables({
      browserId,
      line: line.id,
      asset,
      ...(assetId === NEW_ASSET ? { assetName: newAssetName } : {}),
      variables: picked.map((p) => ({ nodeId: p.nodeId, name: p.name, sampleRateMs: p.sampleRateMs })),
    });
    setBusy(false);
    if (!result.ok) return setOutcome({ ok: false, message: result.error.message });
    setOutcome(result);
    onPicked([]);
    store.getState().requestPlantReload();
  };

  return (
    <section className="add-panel" data-testid="add-panel" aria-label="Add to the plant">
      <div className="add-where">
        <label className="conn-field">
          <span className="field-label">Line</span>
          <select className="conn-input" value={line?.id ?? ''} onChange={(e) => setLineId(e.target.value)}>
            {plant?.lines.map((l) => (
              <option key={l.id} value={l.id}>
                {l.name}
              </option>
            ))}
          </select>
        </label>
        <label className="conn-field">
          <span className="field-label">Asset</span>
          <select className="conn-input" data-testid="add-asset" value={assetId} onChange={(e) => setAssetId(e.target.value)}>
            <option value={NEW_ASSET}>New asset…</option>
            {line?.assets.map((a) => (
              <option key={a.id} value={a.id}>
                {a.name}
              </option>
            ))}
          </select>
        </label>
        {assetId === NEW_ASSET ? (
          <>
            <label className="conn-field">
              <span className="field-label">Asset id</span>
              <input className="conn-input" data-testid="new-asset-id" value={newAssetId} onChange={(e) => setNewAssetId(e.target.value)} />
            </label>
            <label className="conn-field">
              <span className="field-label">Asset name</span>
              <input className="conn-input" data-testid="new-asset-name" value={newAssetName} onChange={(e) => setNewAssetName(e.target.value)} />
            </label>
          </>
        ) : null}
      </div>
      <table className="add-table">
        <thead>
          <tr>
            <th>Variable</th>
            <th>Tag name</th>
            <th>Type</th>
            <th>Unit</th>
            <th>Range</th>
            <th>Sample every</th>
            <th aria-label="Remove" />
          </tr>
        </thead>
        <tbody>
          {picked.map((p) => {
            const info = details.get(p.nodeId);
            return (
              <tr key={p.nodeId} data-testid="picked-row">
                <td className="add-var" title={p.nodeId}>
                  {p.displayName}
                </td>
                <td>
                  <input className="conn-input add-name" aria-label={`Tag name for ${p.displayName}`} value={p.name} onChange={(e) => update(p.nodeId, { name: e.target.value })} />
                </td>
                <td>{info ? (info.dataType ?? `${info.dataTypeName} (unsupported)`) : '…'}</td>
                <td>{info ? info.unit || '—' : '…'}</td>
                <td>{info?.range ? `${info.range.min} … ${info.range.max}` : '—'}</td>
                <td>
                  <select className="conn-input" value={p.sampleRateMs} aria-label={`Sample rate for ${p.displayName}`} onChange={(e) => update(p.nodeId, { sampleRateMs: Number(e.target.value) })}>
                    {[100, 250, 500, 1000, 2000, 5000, 10000, 60000].map((ms) => (
                      <option key={ms} value={ms}>
                        {ms < 1000 ? `${ms} ms` : `${ms / 1000} s`}
                      </option>
                    ))}
                  </select>
                </td>
                <td>
                  <button type="button" className="conn-button conn-small" aria-label={`Remove ${p.displayName}`} onClick={() => onPicked(picked.filter((q) => q.nodeId !== p.nodeId))}>
                    ✕
                  </button>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {problems.length > 0 ? (
        <ul className="conn-error" role="alert">
          {problems.map((problem) => (
            <li key={problem}>{problem}</li>
          ))}
        </ul>
      ) : null}
      <div className="add-actions">
        <span className="conn-muted">Added tags are read-only; an engineer enables writes in the config.</span>
        <button type="button" className="conn-button conn-primary" data-testid="add-to-plant" disabled={busy || problems.length > 0 || !line} onClick={() => void add()}>
          {busy ? 'Adding…' : `Add ${picked.length} to ${assetId === NEW_ASSET ? newAssetName || newAssetId : (line?.assets.find((a) => a.id === assetId)?.name ?? assetId)}`}
        </button>
      </div>
      {outcome && !outcome.ok ? (
        <p className="conn-error" role="alert" data-testid="add-error">
          {outcome.message}
        </p>
      ) : null}
    </section>
  );
}

function AddOutcome({ outcome, onShow }: { outcome: AddVariablesOutcome; onShow(): void }) {
  return (
    <div className="add-outcome" role="status" data-testid="add-outcome">
      <p>
        Added {outcome.tags.length} tag{outcome.tags.length === 1 ? '' : 's'} to {outcome.assetPath}, read through device {outcome.deviceId}.{' '}
        {outcome.savedTo ? `Saved to ${outcome.savedTo}.` : `Applied live, not saved: ${outcome.notSaved}.`}
      </p>
      <button type="button" className="conn-button" data-testid="show-overview" onClick={onShow}>
        Show on the overview
      </button>
    </div>
  );
}
