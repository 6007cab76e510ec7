/**
 * Small parts the maintenance screens share: the level chip (a shape and a word, never
 * colour alone), a panel with its title, and a back button.
 */
import type { ReactNode } from 'react';
import { useAppState, useServices } from '../app-context.js';
import { runtimeClockNow } from '../stores/runtime-clock.js';
import type { Level } from './fleet-model.js';

const levelShapes: Record<Level, string> = { abnormal: '▲', attention: '■', normal: '●', pending: '◌' };

export function LevelChip({ level, text, testId }: { level: Level; text: string; testId?: string }) {
  return (
    <span className="pd-chip" data-level={level} data-testid={testId}>
      <span className="pd-chip-shape" aria-hidden="true">
        {levelShapes[level]}
      </span>
      {text}
    </span>
  );
}

export function Panel({ title, note, testId, className, children }: { title: string; note?: ReactNode; testId?: string; className?: string; children: ReactNode }) {
  return (
    <section className={`oe-panel pd-panel${className === undefined ? '' : ` ${className}`}`} data-testid={testId}>
      <h2 className="oe-title">
        {title}
        {note !== undefined ? <span className="oe-title-note">{note}</span> : null}
      </h2>
      {children}
    </section>
  );
}

export function BackButton({ label, testId, onClick }: { label: string; testId: string; onClick(): void }) {
  return (
    <button type="button" className="back" data-testid={testId} onClick={onClick}>
      <span aria-hidden="true">‹</span> {label}
    </button>
  );
}

/** The runtime's clock now (the replay's time in replay), read at render: the screens re-render with each poll. */
export function useRuntimeNow(): number {
  const { store } = useServices();
  // Subscribed to the status (re-rendered with each poll, as before); the replay clock is read as it is now.
  useAppState((s) => s.status);
  return runtimeClockNow(store.getState());
}
