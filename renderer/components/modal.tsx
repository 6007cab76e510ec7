/**
 * A modal dialog for touch screens: a dimmed backdrop, a titled panel, Escape cancels. Shared
 * by the alarm dialogs, the sign-in and first-run dialogs, the write confirmation and the
 * account dialogs, the engineering review (the `al-` classes in alarms/alarms.css, loaded with the banner
 * on every screen; `className` adds a screen's own size).
 */
import { useEffect } from 'react';
import type { ReactNode } from 'react';

export function Modal({ title, testId, children, onCancel, wide, className }: { title: string; testId: string; children: ReactNode; onCancel(): void; wide?: boolean; className?: string }) {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') onCancel();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onCancel]);
  return (
    <div className="modal-backdrop">
      <div className={`${wide ? 'al-modal al-modal-wide' : 'al-modal'}${className === undefined ? '' : ` ${className}`}`} role="dialog" aria-modal="true" aria-label={title} data-testid={testId}>
        <h2 className="al-modal-title">{title}</h2>
        {children}
      </div>
    </div>
  );
}
