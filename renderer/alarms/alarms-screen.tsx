/**
 * The Alarms screen (`#/alarms`, `#/alarms/journal`, `#/alarms/health`): the active list,
 * the journal and the alarm-system health, under one header that says who acts (the signed-in
 * account, whose name the journal records; signed out, a button to sign in) and holds the
 * sound switch for new critical and high alarms.
 */
import { useAppState } from '../app-context.js';
import { roleWords } from '../accounts/gate.js';
import type { AlarmView } from '../stores/navigation-slice.js';
import { ActiveList } from './active-list.js';
import { HealthView } from './health-view.js';
import { JournalView } from './journal-view.js';
import './alarms.css';

const views: { view: AlarmView; label: string }[] = [
  { view: 'active', label: 'Active alarms' },
  { view: 'journal', label: 'Journal' },
  { view: 'health', label: 'Alarm health' },
];

/** Who the actions are journaled under: the signed-in account, or a way to sign in. */
function ActingAs() {
  const session = useAppState((s) => s.session);
  const openSignIn = useAppState((s) => s.openSignIn);
  if (session === null || !session.accounts) return null;
  const user = session.user;
  return (
    <div className="al-operator" data-testid="acting-as">
      <span className="field-label">Acting as</span>
      {user === null ? (
        <button type="button" className="al-button" data-testid="acting-sign-in" onClick={() => openSignIn('Sign in to respond to alarms: the journal records your name')}>
          Nobody (viewer) — sign in
        </button>
      ) : (
        <span className="al-operator-name" data-testid="acting-user">
          {user.name} <span className="al-operator-note">({roleWords[user.role]}: actions are journaled under this name)</span>
        </span>
      )}
    </div>
  );
}

function SoundSwitch() {
  const sound = useAppState((s) => s.alarmSound);
  const setAlarmSound = useAppState((s) => s.setAlarmSound);
  return (
    <button
      type="button"
      className="al-sound"
      data-testid="alarm-sound"
      aria-pressed={sound}
      title="A short tone for each new critical or high alarm, until Silence is tapped"
      onClick={() => setAlarmSound(!sound)}
    >
      <span className="al-sound-box" aria-hidden="true" />
      Sound {sound ? 'on' : 'off'}
    </button>
  );
}

export function AlarmsScreen({ view }: { view: AlarmView }) {
  const showAlarms = useAppState((s) => s.showAlarms);
  const count = useAppState((s) => s.alarmSnapshot?.alarms.length);
  return (
    <main className="alarms" data-testid="alarms" data-view={view}>
      <header className="al-head">
        <nav className="al-tabs" aria-label="Alarm views">
          {views.map((v) => (
            <button key={v.view} type="button" className="al-tab" data-testid={`alarm-view-${v.view}`} aria-current={view === v.view ? 'page' : undefined} onClick={() => showAlarms(v.view)}>
              {v.label}
              {v.view === 'active' && count !== undefined ? <span className="al-tab-count">{count}</span> : null}
            </button>
          ))}
        </nav>
        <div className="al-spacer" />
        <ActingAs />
        <SoundSwitch />
      </header>
      {view === 'active' ? <ActiveList /> : view === 'journal' ? <JournalView /> : <HealthView />}
    </main>
  );
}
