/**
 * Small parts the banner and the alarm screen share: the priority chip (a shape and a word,
 * never colour alone), the modal dialogs (shelve, a reason or a comment), and the hook that
 * runs actions under the signed-in account (the core journals that name).
 */
import { useEffect, useRef, useState } from 'react';
import type { AlarmPriority } from '../../core/contract/index.js';
import { useServices } from '../app-context.js';
import { Modal } from '../components/modal.js';
import { performAlarmActions, shelveDurations } from './alarm-actions.js';
import type { AlarmActionRequest } from './alarm-actions.js';
import { priorityWords } from './alarm-model.js';

export function PriorityChip({ priority }: { priority: AlarmPriority }) {
  return (
    <span className="prio" data-priority={priority}>
      <span className="prio-shape" aria-hidden="true" />
      <span className="prio-word">{priorityWords[priority]}</span>
    </span>
  );
}

function Buttons({ confirm, disabled, onConfirm, onCancel }: { confirm: string; disabled: boolean; onConfirm(): void; onCancel(): void }) {
  return (
    <div className="al-modal-actions">
      <button type="button" className="al-button" data-testid="dialog-cancel" onClick={onCancel}>
        Cancel
      </button>
      <button type="button" className="al-button al-primary" data-testid="dialog-confirm" disabled={disabled} onClick={onConfirm}>
        {confirm}
      </button>
    </div>
  );
}

/** What the dialogs are about: "Glue tank temperature low", or "3 alarms". */
function subjectText(subjects: readonly string[]): string {
  return subjects.length === 1 ? subjects[0]! : `${subjects.length} alarms`;
}

export function ShelveDialog({ subjects, onConfirm, onCancel }: { subjects: readonly string[]; onConfirm(reason: string, durationMs: number): void; onCancel(): void }) {
  const [reason, setReason] = useState('');
  const [duration, setDuration] = useState<number | null>(null);
  const input = useRef<HTMLTextAreaElement>(null);
  useEffect(() => input.current?.focus(), []);
  const valid = reason.trim().length >= 3 && duration !== null;
  return (
    <Modal title={`Shelve ${subjectText(subjects)}`} testId="shelve-dialog" onCancel={onCancel}>
      <p className="al-modal-text">A shelved alarm is hidden from the banner and comes back by itself when the time runs out.</p>
      <label className="al-field">
        <span className="field-label">Reason (required)</span>
        <textarea ref={input} className="al-input al-textarea" data-testid="shelve-reason" value={reason} maxLength={500} onChange={(event) => setReason(event.target.value)} />
      </label>
      <div className="al-field">
        <span className="field-label">For</span>
        <div className="al-segmented" role="group" aria-label="Shelve for">
          {shelveDurations.map((choice) => (
            <button key={choice.ms} type="button" className="al-seg" data-testid="shelve-duration" data-duration={choice.label} aria-pressed={duration === choice.ms} onClick={() => setDuration(choice.ms)}>
              {choice.label}
            </button>
          ))}
        </div>
      </div>
      <Buttons confirm="Shelve" disabled={!valid} onConfirm={() => valid && onConfirm(reason.trim(), duration)} onCancel={onCancel} />
    </Modal>
  );
}

/** A dialog for one text: the reason to take alarms out of service, or a comment. */
export function TextDialog(props: { title: string; label: string; confirm: string; minLength: number; subjects: readonly string[]; onConfirm(text: string): void; onCancel(): void }) {
  const [text, setText] = useState('');
  const input = useRef<HTMLTextAreaElement>(null);
  useEffect(() => input.current?.focus(), []);
  const valid = text.trim().length >= props.minLength;
  return (
    <Modal title={`${props.title}: ${subjectText(props.subjects)}`} testId="text-dialog" onCancel={props.onCancel}>
      <label className="al-field">
        <span className="field-label">{props.label}</span>
        <textarea ref={input} className="al-input al-textarea" data-testid="dialog-text" value={text} maxLength={2000} onChange={(event) => setText(event.target.value)} />
      </label>
      <Buttons confirm={props.confirm} disabled={!valid} onConfirm={() => valid && props.onConfirm(text.trim())} onCancel={props.onCancel} />
    </Modal>
  );
}

/** Runs alarm actions under the signed-in account; `busy` while they are under way. */
export function useAlarmActions(): { act(actions: AlarmActionRequest[]): void; busy: boolean } {
  const { client, store } = useServices();
  const [busy, setBusy] = useState(false);
  const act = (actions: AlarmActionRequest[]) => {
    if (actions.length === 0) return;
    setBusy(true);
    void performAlarmActions(client, store, actions).finally(() => setBusy(false));
  };
  return { act, busy };
}
