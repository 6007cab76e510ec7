/**
 * The Alarms screen (`#/alarms`, `#/alarms/journal`, `#/alarms/health`): the active list,
 * the journal and the alarm-system health, under one header that holds the station's
 * operator name (until user accounts exist, actions are journaled under it) and the sound
 * switch for new critical and high alarms.
 */
import { useAppState } from '../app-context.js';
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

function OperatorField() {
  const operatorName = useAppState((s) => s.operatorName);
  const setOperatorName = useAppState((s) => s.setOperatorName);
  return (
    <label className="al-operator">
      <span className="field-label">Operator</span>
      <input
        className="al-input al-operator-input"
        data-testid="operator-name"
        value={operatorName}
        maxLength={100}
        autoComplete="off"
        spellCheck={false}
        placeholder="Your name"
        onChange={(event) => setOperatorName(event.target.value)}
      />
      <span className="al-operator-note">Actions are journaled under this name.</span>
    </label>
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
        <OperatorField />
        <SoundSwitch />
      </header>
      {view === 'active' ? <ActiveList /> : view === 'journal' ? <JournalView /> : <HealthView />}
    </main>
  );
}
