/**
 * The Engineering screen (`#/engineering`, engineers and admins): the running plant config
 * as YAML in an editor checked as it is typed, the alarm limits as a table that edits the
 * text, the review of a change (diff, effects, what waits for a restart) and its apply with
 * a comment, the applied versions (compare, roll back), YAML export and import, and the
 * Modbus register map import. The head says which version runs, by whom, when and why, and
 * whether an applied change is saved to the config file.
 *
 * Decisions:
 * - The text being edited lives in the store (engineering-slice), so leaving the screen to
 *   look at the alarms keeps it; the running config and the versions are loaded on entry.
 * - The text is checked by the core 300 ms after the last keystroke (the config file's own
 *   schemas, nothing duplicated here); an answer for an older text is dropped.
 * - "Review changes" is offered only for a text that differs from the running one and that the
 *   last check found valid; the core checks again on apply anyway.
 * - Nothing is asked of the core before the gate allows it (every refusal is audited).
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ChangeEvent } from 'react';
import { MAX_CONFIG_BYTES } from '../../core/contract/index.js';
import type { ConfigCheck, ConfigDocument, ConfigPreview, ConfigVersionInfo } from '../../core/contract/index.js';
import { useAppState, useServices } from '../app-context.js';
import { useGate } from '../accounts/gate.js';
import { GateNotice } from '../accounts/users-screen.js';
import { downloadBlob } from '../trends/chart-export.js';
import { ConfigEditor, ProblemList } from './config-editor.js';
import type { EditorHandle } from './config-editor.js';
import { LimitsTable } from './limits-table.js';
import { ModbusPanel } from './modbus-panel.js';
import { ReviewDialog } from './review-dialog.js';
import { SealDialog } from './seal-dialog.js';
import type { ReviewSubject } from './review-dialog.js';
import { exportFileName, runningLine, savedLine } from './review-model.js';
import { VersionsPanel } from './versions-panel.js';
import './engineering.css';

type Tab = 'limits' | 'versions' | 'modbus';
const tabWords: Record<Tab, string> = { limits: 'Alarm limits', versions: 'Versions', modbus: 'Modbus map' };

/** Debounce of the check as the text is typed. */
const checkDelayMs = 300;

interface Checked {
  text: string;
  check: ConfigCheck | null;
  error: string | null;
}

function Engineering() {
  const { client, store } = useServices();
  const draft = useAppState((s) => s.configDraft);
  const setConfigText = useAppState((s) => s.setConfigText);
  const [running, setRunning] = useState<ConfigDocument | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [versions, setVersions] = useState<ConfigVersionInfo[] | null>(null);
  const [versionsError, setVersionsError] = useState<string | null>(null);
  const [sealing, setSealing] = useState(false);
  const [checked, setChecked] = useState<Checked | null>(null);
  const [tab, setTab] = useState<Tab>('limits');
  const [review, setReview] = useState<{ subject: ReviewSubject; preview: ConfigPreview } | null>(null);
  const [reviewBusy, setReviewBusy] = useState(false);
  const [notice, setNotice] = useState<{ text: string; error: boolean } | null>(null);
  const editor = useRef<EditorHandle | null>(null);
  const importInput = useRef<HTMLInputElement>(null);
  const checkSeq = useRef(0);

  /** The running config and the versions; the draft starts from the running text when there is none (or `reset`). */
  const load = useCallback(
    async (reset: boolean) => {
      const [current, list] = await Promise.all([client.configCurrent({}), client.configVersions({})]);
      if (!current.ok) {
        setLoadError(current.error.message);
        return;
      }
      setLoadError(null);
      setRunning(current.value);
      if (reset || store.getState().configDraft === null) setConfigText(current.value.yaml, current.value.version);
      if (list.ok) {
        setVersions(list.value);
        setVersionsError(null);
      } else setVersionsError(list.error.message);
    },
    [client, store, setConfigText],
  );
  useEffect(() => {
    void load(false);
  }, [load]);

  const text = draft?.text ?? '';
  useEffect(() => {
    if (draft === null) return;
    const yaml = draft.text;
    const timer = setTimeout(() => {
      const seq = ++checkSeq.current;
      void client.configCheck({ yaml }).then((result) => {
        if (seq !== checkSeq.current) return;
        setChecked({ text: yaml, check: result.ok ? result.value : null, error: result.ok ? null : result.error.message });
      });
    }, checkDelayMs);
    return () => clearTimeout(timer);
  }, [client, draft]);

  if (loadError !== null) {
    return (
      <p className="acc-error" role="alert" data-testid="engineering-error">
        {loadError}
      </p>
    );
  }
  if (running === null || draft === null) return <p className="eng-note">Loading the running config…</p>;

  const edited = text !== running.yaml;
  const current = checked !== null && checked.text === text ? checked : null;
  const problems = current?.check?.problems ?? [];
  const valid = current?.check?.valid === true;
  const reviewHint = !edited ? 'No change to review' : current === null ? 'Checking…' : !valid ? 'Fix the problems first' : null;
  const stale = edited && draft.base !== running.version;

  const openReview = async (subject: ReviewSubject, yaml: Promise<string | { error: string }>) => {
    setReviewBusy(true);
    setNotice(null);
    const source = await yaml;
    const preview = typeof source === 'string' ? await client.configPreview({ yaml: source }) : null;
    setReviewBusy(false);
    if (typeof source !== 'string') return setNotice({ text: source.error, error: true });
    if (preview === null || !preview.ok) return setNotice({ text: preview?.error.message ?? 'no preview', error: true });
    setReview({ subject, preview: preview.value });
  };
  const versionText = async (version: number): Promise<string | { error: string }> => {
    const result = await client.configVersion({ version });
    return result.ok ? result.value.yaml : { error: result.error.message };
  };

  const importFile = (file: File) => {
    if (file.size > MAX_CONFIG_BYTES) return setNotice({ text: `${file.name} is larger than ${MAX_CONFIG_BYTES / 1024 / 1024} MiB: not a plant config`, error: true });
    void file.text().then((yaml) => {
      setConfigText(yaml);
      setNotice({ text: `${file.name} is in the editor: review the changes, then apply.`, error: false });
    });
  };
  const onImport = (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (file !== undefined) importFile(file);
  };

  return (
    <>
      <div className="acc-head eng-head">
        <h1 className="acc-title">Engineering</h1>
        <div className="eng-running-info">
          <div className="eng-running-line" data-testid="config-running" data-version={running.version ?? ''}>
            {runningLine(running, versions ?? [], Date.now())}
          </div>
          <div className="eng-saved" data-testid="config-saved" data-saved={running.notSaved === undefined ? 'true' : 'false'}>
            {running.notSaved === undefined ? '' : '⚠ '}
            {savedLine(running)}
          </div>
        </div>
        <div className="acc-spacer" />
        <input ref={importInput} type="file" accept=".yaml,.yml,text/yaml,text/plain" hidden data-testid="config-import-file" onChange={onImport} />
        <button type="button" className="al-button" data-testid="config-import" onClick={() => importInput.current?.click()}>
          Import YAML…
        </button>
        <button type="button" className="al-button" data-testid="config-seal" onClick={() => setSealing(true)}>
          Seal a password…
        </button>
        <button type="button" className="al-button" data-testid="config-export" onClick={() => downloadBlob(new Blob([running.yaml], { type: 'text/yaml;charset=utf-8' }), exportFileName(running.version))}>
          Export YAML
        </button>
      </div>
      {notice !== null ? (
        <p className={notice.error ? 'acc-error' : 'eng-notice'} role={notice.error ? 'alert' : 'status'} data-testid="engineering-notice">
          {notice.text}
        </p>
      ) : null}
      {stale ? (
        <p className="eng-notice" data-testid="config-stale">
          ⚠ Version {running.version} was applied after this text was loaded from version {draft.base ?? 'none'}: the review compares the text with version {running.version}.
        </p>
      ) : null}
      <div className="eng-body">
        <section className="eng-editor-pane" aria-label="Config editor">
          <div className="eng-editor-bar">
            <h2 className="eng-pane-title">Plant config (YAML)</h2>
            <span className="eng-state" data-testid="config-state" data-state={!edited ? 'unchanged' : current === null ? 'checking' : valid ? 'valid' : 'invalid'}>
              {!edited ? 'Same as running' : current === null ? 'Checking…' : valid ? '✓ Edited, valid' : `✕ ${problems.length || 1} problem${problems.length > 1 ? 's' : ''}`}
            </span>
            <div className="acc-spacer" />
            <button type="button" className="al-button" data-testid="config-discard" disabled={!edited && !stale} onClick={() => (setConfigText(running.yaml, running.version), setNotice(null))}>
              Discard edits
            </button>
            <button type="button" className="al-button al-primary" data-testid="config-review-open" disabled={reviewHint !== null || reviewBusy} title={reviewHint ?? undefined} onClick={() => void openReview({ kind: 'apply', yaml: text }, Promise.resolve(text))}>
              {reviewBusy ? 'Comparing…' : 'Review changes'}
            </button>
          </div>
          <ConfigEditor text={text} onChange={(next) => setConfigText(next)} problems={problems} onDropFile={importFile} editorRef={editor} />
          {current?.error ? (
            <p className="acc-error" role="alert">
              {current.error}
            </p>
          ) : null}
          <ProblemList problems={problems} onGoTo={(line) => editor.current?.goToLine(line)} />
        </section>
        <section className="eng-side" aria-label="Quick edits and versions">
          <div className="eng-tabs" role="tablist">
            {(Object.keys(tabWords) as Tab[]).map((key) => (
              <button key={key} type="button" role="tab" className="al-seg eng-tab" data-testid={`eng-tab-${key}`} aria-selected={tab === key} onClick={() => setTab(key)}>
                {tabWords[key]}
              </button>
            ))}
          </div>
          <div className="eng-side-body">
            {tab === 'limits' ? (
              <>
                <p className="eng-help">The most common change, without finding it in the YAML: each value changes in the text on the left. Devices, tags, OEE, PdM and the uplink are edited in the YAML itself.</p>
                <LimitsTable text={text} running={running.yaml} onChange={(next) => setConfigText(next)} onGoTo={(line) => editor.current?.goToLine(line)} />
              </>
            ) : null}
            {tab === 'versions' ? (
              <VersionsPanel
                versions={versions}
                error={versionsError}
                busy={reviewBusy}
                onCompare={(version) => void openReview({ kind: 'compare', version }, versionText(version))}
                onRollback={(version) => void openReview({ kind: 'rollback', version }, versionText(version))}
              />
            ) : null}
            {tab === 'modbus' ? <ModbusPanel text={text} edited={edited} onPut={(yaml) => (setConfigText(yaml), setNotice({ text: 'The register map is in the editor: review the changes, then apply.', error: false }))} /> : null}
          </div>
        </section>
      </div>
      {review !== null ? (
        <ReviewDialog
          subject={review.subject}
          preview={review.preview}
          discardsEdits={review.subject.kind === 'rollback' && edited}
          onClose={() => setReview(null)}
          onApplied={() => void load(true)}
        />
      ) : null}
      {sealing ? <SealDialog onClose={() => setSealing(false)} /> : null}
    </>
  );
}

export function EngineeringScreen() {
  const gate = useGate('change-config', 'change the plant config');
  return (
    <main className="acc-screen eng-screen" data-testid="engineering-screen">
      {gate.allowed ? <Engineering /> : <GateNotice testId="engineering-gate" hint={gate.hint ?? ''} canSignIn={gate.canSignIn} onSignIn={gate.ask} />}
    </main>
  );
}
