/**
 * What this station remembers about alarms between page loads (localStorage): whether new
 * critical and high alarms sound. (Who acts is the signed-in account, not a remembered name.)
 * Storage may be missing (tests, private mode): then nothing is kept.
 */

export interface AlarmPrefs {
  sound: boolean;
}

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
    return { sound: store?.getItem(soundKey) === 'on' };
  } catch {
    return { sound: false };
  }
}

export function saveAlarmPrefs(prefs: AlarmPrefs, store: PrefStorage | null = storage()): void {
  try {
    store?.setItem(soundKey, prefs.sound ? 'on' : 'off');
  } catch {
    // A full or blocked storage: the choice lasts for this page load only.
  }
}
