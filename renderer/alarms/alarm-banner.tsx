/**
 * The alarm banner under the status bar, on every screen: the newest of the highest-priority
 * unacknowledged alarms (priority as a shape and a word, asset, message, value, time) with
 * the unacknowledged counts; one tap opens the alarm list, "Acknowledge" acknowledges that
 * alarm (signed out: "Sign in to acknowledge" opens the sign-in dialog), "Silence" stops the horn until the next new alarm. With nothing to acknowledge it
 * is one quiet grey line. Below it, a refused action's message for the operator to read.
 */
import { useEffect } from 'react';
import { useAppState, useFaultTexts } from '../app-context.js';
import { formatTimestamp } from '../live/format.js';
import { alarmTag, alarmTime, assetName, bannerAlarm, formatAlarmValue, priorityWords, quietSummary, unacknowledgedByPriority } from './alarm-model.js';
import { PriorityChip, useAlarmActions } from './alarm-dialogs.js';
import { readOnlyHint, useReadOnly } from '../replay/read-only.js';
import { useGate } from '../accounts/gate.js';
import './alarms.css';

export function AlarmBanner() {
  const snapshot = useAppState((s) => s.alarmSnapshot);
  const alarmError = useAppState((s) => s.alarmError);
  const plant = useAppState((s) => s.plant);
  const connection = useAppState((s) => s.connection);
  const sounding = useAppState((s) => s.alarmSounding);
  const setAlarmSounding = useAppState((s) => s.setAlarmSounding);
  const showAlarms = useAppState((s) => s.showAlarms);
  const clockNow = useAppState((s) => s.status?.clockNow);
  const faultTexts = useFaultTexts();
  const { act, busy } = useAlarmActions();
  const readOnly = useReadOnly();
  const respond = useGate('alarm-respond', 'acknowledge alarms');
  // Last known while the link is down or the watch fails: faded, and no acknowledging from it.
  const stale = connection !== 'connected' || alarmError !== null;

  if (snapshot === null) {
    return (
      <div className="alarm-banner ab-quiet" data-testid="alarm-banner" data-state={alarmError === null ? 'loading' : 'error'}>
        <span className="ab-summary">{alarmError ?? 'Alarms: waiting for the runtime…'}</span>
      </div>
    );
  }

  const alarm = bannerAlarm(snapshot);
  if (alarm === undefined) {
    return (
      <div className="alarm-banner ab-quiet" data-testid="alarm-banner" data-state="quiet" data-stale={stale ? 'true' : 'false'}>
        <button type="button" className="ab-open" onClick={() => showAlarms()} title="Open the alarm list">
          <span className="ab-summary" data-testid="alarm-banner-message">
            {quietSummary(snapshot)}
          </span>
          {alarmError !== null ? <span className="ab-error">{alarmError}</span> : null}
        </button>
      </div>
    );
  }

  const at = alarmTime(alarm);
  const value = formatAlarmValue(alarm.value, alarmTag(plant, alarm), faultTexts);
  const perPriority = unacknowledgedByPriority(snapshot);
  return (
    <div
      className="alarm-banner"
      data-testid="alarm-banner"
      data-state="alarm"
      data-alarm-id={alarm.id}
      data-priority={alarm.priority}
      data-activated-at={String(at)}
      data-stale={stale ? 'true' : 'false'}
      role="alert"
    >
      <button type="button" className="ab-open" onClick={() => showAlarms()} title={alarmError ?? 'Open the alarm list'}>
        <PriorityChip priority={alarm.priority} />
        <span className="ab-asset">{assetName(plant, alarm.asset)}</span>
        <span className="ab-message" data-testid="alarm-banner-message">
          {alarm.message}
          {alarm.state === 'rtn-unacknowledged' ? <span className="ab-returned"> (returned to normal)</span> : null}
        </span>
        {value !== '' ? <span className="ab-value">{value}</span> : null}
        <span className="ab-time">{formatTimestamp(at, clockNow ?? at)}</span>
        <span className="ab-counts" data-testid="alarm-banner-counts" title={perPriority.map((p) => `${p.count} ${priorityWords[p.priority]}`).join(', ')}>
          <span className="ab-count-total">{snapshot.counts.unacknowledged} unacknowledged</span>
          {perPriority.map((p) => (
            <span key={p.priority} className="ab-count" data-priority={p.priority}>
              <span className="prio-shape" aria-hidden="true" />
              {p.count} {priorityWords[p.priority]}
            </span>
          ))}
        </span>
      </button>
      {sounding ? (
        <button type="button" className="ab-button" data-testid="alarm-silence" onClick={() => setAlarmSounding(false)}>
          Silence
        </button>
      ) : null}
      {/* Signed out (or a viewer): the button says so and opens the sign-in dialog. */}
      <button
        type="button"
        className="ab-button"
        data-testid="alarm-banner-ack"
        data-allowed={respond.allowed ? 'true' : 'false'}
        disabled={busy || stale || readOnly || (!respond.allowed && !respond.canSignIn)}
        title={readOnly ? readOnlyHint : (respond.hint ?? undefined)}
        onClick={() => (respond.allowed ? act([{ kind: 'acknowledge', ids: [alarm.id] }]) : respond.ask())}
      >
        {respond.allowed || readOnly ? 'Acknowledge' : 'Sign in to acknowledge'}
      </button>
    </div>
  );
}

/** A refused or failed alarm action, until dismissed or for 12 s. */
export function AlarmMessage() {
  const message = useAppState((s) => s.alarmMessage);
  const setAlarmMessage = useAppState((s) => s.setAlarmMessage);
  useEffect(() => {
    if (message === null) return;
    const timer = setTimeout(() => setAlarmMessage(null), 12_000);
    return () => clearTimeout(timer);
  }, [message, setAlarmMessage]);
  if (message === null) return null;
  return (
    <div className="banner banner-attention al-message" data-testid="alarm-message" role="alert">
      <span>{message}</span>
      <button type="button" className="al-message-close" aria-label="Dismiss" onClick={() => setAlarmMessage(null)}>
        ×
      </button>
    </div>
  );
}
