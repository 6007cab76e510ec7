/**
 * Alarm slice: the live alarm picture (the last AlarmSnapshot from the watch loop or from an
 * action), the sound choice (remembered in localStorage), whether the horn is sounding, and the last refusal of an action for the operator to read.
 */
import type { StateCreator } from 'zustand';
import type { AlarmSnapshot } from '../../core/contract/index.js';
import { loadAlarmPrefs, saveAlarmPrefs } from '../alarms/alarm-prefs.js';
import type { AppState } from './app-store.js';

export interface AlarmSlice {
  alarmSnapshot: AlarmSnapshot | null;
  /** Why the alarms cannot be watched now (not a connection loss: the connection banner says that). */
  alarmError: string | null;
  /** New critical and high alarms sound (off by default). */
  alarmSound: boolean;
  /** The horn sounds for a new critical or high alarm until silenced. */
  alarmSounding: boolean;
  /** A refused or failed action, for the operator to read; null when none. */
  alarmMessage: string | null;
  /**
   * Takes a snapshot unless it is older than the one held (an action's answer and the watch
   * can cross); `restart` takes it regardless (a new connection, perhaps to a restarted core).
   */
  setAlarmSnapshot(snapshot: AlarmSnapshot, restart?: boolean): void;
  setAlarmError(message: string | null): void;
  setAlarmSound(on: boolean): void;
  setAlarmSounding(sounding: boolean): void;
  setAlarmMessage(message: string | null): void;
}

export const createAlarmSlice: StateCreator<AppState, [], [], AlarmSlice> = (set, get) => {
  const prefs = loadAlarmPrefs();
  return {
    alarmSnapshot: null,
    alarmError: null,
    alarmSound: prefs.sound,
    alarmSounding: false,
    alarmMessage: null,
    setAlarmSnapshot(snapshot, restart = false) {
      const held = get().alarmSnapshot;
      if (!restart && held !== null && snapshot.revision < held.revision) return;
      set({ alarmSnapshot: snapshot, alarmError: null });
    },
    setAlarmError: (alarmError) => set({ alarmError }),
    setAlarmSound(alarmSound) {
      set(alarmSound ? { alarmSound } : { alarmSound, alarmSounding: false });
      saveAlarmPrefs({ sound: alarmSound });
    },
    setAlarmSounding: (alarmSounding) => set({ alarmSounding }),
    setAlarmMessage: (alarmMessage) => set({ alarmMessage }),
  };
};
