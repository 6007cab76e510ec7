/**
 * What the app runs for alarms while it is open: the watch loop that keeps the alarm picture
 * current, and the annunciator with its WebAudio tone (unlocked by the first tap, as browsers
 * require). Returns the function that stops both.
 */
import type { HmiClient } from '../../core/contract/index.js';
import { startAlarmWatch } from '../session/alarm-watch.js';
import type { AppStore } from '../stores/app-store.js';
import { AlarmAnnunciator, createWebAudioTone } from './annunciator.js';

export function startAlarms({ client, store }: { client: HmiClient; store: AppStore }, win: Window = window): () => void {
  const stopWatch = startAlarmWatch({ client, store });
  const tone = createWebAudioTone();
  const annunciator = new AlarmAnnunciator(store, tone);
  const unlock = () => {
    if (store.getState().alarmSound) tone.unlock();
  };
  win.addEventListener('pointerdown', unlock);
  return () => {
    win.removeEventListener('pointerdown', unlock);
    annunciator.stop();
    stopWatch();
    tone.close();
  };
}
