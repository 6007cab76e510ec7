/**
 * What this station remembers about alarms between page loads (localStorage): the operator
 * name that actions are journaled under (until user accounts exist) and whether new critical
 * and high alarms sound. Storage may be missing (tests, private mode): then nothing is kept.
 */

export interface AlarmPrefs {
  operatorName: string;
  sound: boolean;
}

const operatorKey = 'lineside.alarms.operator';
const soundKey = 'lineside.alarms.sound';

type PrefStorage = Pick<Storage, 'getItem' | 'setItem'>;

function storage(): PrefStorage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}

export function loadAlarmPrefs(store: PrefStorage | null = storage()): AlarmPrefs {
  try {
    return { operatorName: store?.getItem(operatorKey) ?? '', sound: store?.getItem(soundKey) === 'on' };
  } catch {
    return { operatorName: '', sound: false };
  }
}

export function saveAlarmPrefs(prefs: AlarmPrefs, store: PrefStorage | null = storage()): void {
  try {
    store?.setItem(operatorKey, prefs.operatorName);
    store?.setItem(soundKey, prefs.sound ? 'on' : 'off');
  } catch {
    // A full or blocked storage: the choice lasts for this page load only.
  }
}
