/**
 * The PIN pad: the digits as big on-screen buttons (a line PC may have no keyboard), the PIN
 * shown as dots, clear and back; typed digits, Backspace and Enter work as well.
 */
import { useEffect } from 'react';

const maxPin = 8;

export function PinPad({ pin, onChange, onEnter }: { pin: string; onChange(pin: string): void; onEnter(): void }) {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.target instanceof HTMLInputElement) return;
      if (/^\d$/.test(event.key) && pin.length < maxPin) onChange(pin + event.key);
      else if (event.key === 'Backspace') onChange(pin.slice(0, -1));
      else if (event.key === 'Enter') onEnter();
      else return;
      event.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [pin, onChange, onEnter]);

  const digit = (d: string) => (
    <button key={d} type="button" className="pin-key" data-testid={`pin-key-${d}`} disabled={pin.length >= maxPin} onClick={() => onChange(pin + d)}>
      {d}
    </button>
  );
  return (
    <div className="pin-pad">
      <div className="pin-shown" data-testid="pin-shown" data-length={pin.length} aria-label={`${pin.length} digits typed`}>
        {pin.length === 0 ? <span className="pin-empty">Type your PIN</span> : '●'.repeat(pin.length)}
      </div>
      <div className="pin-keys">
        {['1', '2', '3', '4', '5', '6', '7', '8', '9'].map(digit)}
        <button type="button" className="pin-key pin-key-small" data-testid="pin-clear" onClick={() => onChange('')}>
          Clear
        </button>
        {digit('0')}
        <button type="button" className="pin-key pin-key-small" data-testid="pin-back" aria-label="Delete the last digit" onClick={() => onChange(pin.slice(0, -1))}>
          ⌫
        </button>
      </div>
    </div>
  );
}
