/**
 * Audible annunciation (off unless the station turns it on): each new activation of a
 * critical or high alarm starts a short tone, repeated every few seconds until someone taps
 * "Silence" or every alarm that started it is acknowledged. Alarms already there when the
 * page opens do not sound: they are not new. The tone is made with WebAudio, no audio files.
 * Plain TypeScript, no React; the store says whether sound is on and whether it is sounding.
 */
import type { AlarmSnapshot } from '../../core/contract/index.js';
import type { AppStore } from '../stores/app-store.js';
import { isLoud, isUnacknowledged } from './alarm-model.js';

/** Alarms whose activation was not seen before and that should sound; `seen` is updated. */
export function freshLoudActivations(seen: Map<string, number>, snapshot: AlarmSnapshot): string[] {
  const fresh: string[] = [];
  for (const alarm of snapshot.alarms) {
    const at = alarm.activatedAt;
    if (at === undefined) continue;
    if (seen.get(alarm.id) !== at && isLoud(alarm.priority) && isUnacknowledged(alarm)) fresh.push(alarm.id);
    seen.set(alarm.id, at);
  }
  return fresh;
}

export interface Tone {
  play(): void;
  /** Browsers start audio only after a user gesture: called on the first tap. */
  unlock(): void;
  close(): void;
}

export class AlarmAnnunciator {
  private readonly seen = new Map<string, number>();
  private seeded = false;
  /** The alarms the horn sounds for now. */
  private sounding = new Set<string>();
  private timer: ReturnType<typeof setInterval> | null = null;
  private readonly off: () => void;

  constructor(
    private readonly store: AppStore,
    private readonly tone: Tone,
    private readonly repeatMs = 4_000,
  ) {
    this.onSnapshot(store.getState().alarmSnapshot);
    this.off = store.subscribe((state, prev) => {
      if (state.alarmSnapshot !== prev.alarmSnapshot) this.onSnapshot(state.alarmSnapshot);
      if (!state.alarmSounding && prev.alarmSounding) this.quiet();
    });
  }

  stop(): void {
    this.off();
    this.quiet();
  }

  private onSnapshot(snapshot: AlarmSnapshot | null): void {
    if (snapshot === null) return;
    const fresh = freshLoudActivations(this.seen, snapshot);
    if (!this.seeded) {
      this.seeded = true;
      return;
    }
    const state = this.store.getState();
    if (fresh.length > 0 && state.alarmSound) {
      for (const id of fresh) this.sounding.add(id);
      this.tone.play();
      if (this.timer === null) this.timer = setInterval(() => this.tone.play(), this.repeatMs);
      if (!state.alarmSounding) state.setAlarmSounding(true);
      return;
    }
    // Everything that sounded has been acknowledged (here or at another station): the horn stops.
    if (this.sounding.size > 0 && !snapshot.alarms.some((a) => this.sounding.has(a.id) && isUnacknowledged(a))) state.setAlarmSounding(false);
  }

  private quiet(): void {
    if (this.timer !== null) clearInterval(this.timer);
    this.timer = null;
    this.sounding = new Set();
  }
}

/** A short two-note tone through WebAudio; silent where the browser has none. */
export function createWebAudioTone(): Tone {
  let context: AudioContext | null = null;
  const open = (): AudioContext | null => {
    if (context === null && typeof AudioContext !== 'undefined') context = new AudioContext();
    return context;
  };
  return {
    play() {
      const ctx = open();
      if (ctx === null || ctx.state === 'closed') return;
      if (ctx.state === 'suspended') void ctx.resume();
      const start = ctx.currentTime + 0.02;
      [880, 660].forEach((frequency, i) => {
        const at = start + i * 0.22;
        const oscillator = ctx.createOscillator();
        const gain = ctx.createGain();
        oscillator.type = 'square';
        oscillator.frequency.value = frequency;
        gain.gain.setValueAtTime(0, at);
        gain.gain.linearRampToValueAtTime(0.18, at + 0.01);
        gain.gain.setValueAtTime(0.18, at + 0.17);
        gain.gain.linearRampToValueAtTime(0, at + 0.2);
        oscillator.connect(gain).connect(ctx.destination);
        oscillator.start(at);
        oscillator.stop(at + 0.21);
      });
    },
    unlock() {
      const ctx = open();
      if (ctx !== null && ctx.state === 'suspended') void ctx.resume();
    },
    close() {
      void context?.close();
      context = null;
    },
  };
}
