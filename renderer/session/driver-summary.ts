/** One line about the health of the device drivers, for the status bar. Pure. */
import type { DriverStatus } from '../../core/contract/index.js';

export interface DriverSummary {
  /** ok: all running; degraded: some degraded or starting; failed: any failed or stopped; none: no drivers. */
  state: 'ok' | 'degraded' | 'failed' | 'none';
  text: string;
  /** One line per driver, for a tooltip. */
  detail: string;
}

export function driverSummary(drivers: readonly DriverStatus[]): DriverSummary {
  const detail = drivers.map((d) => `${d.deviceId} (${d.driver}): ${d.state}${d.detail ? ` – ${d.detail}` : ''}`).join('\n');
  if (drivers.length === 0) return { state: 'none', text: 'No drivers', detail };
  const failed = drivers.filter((d) => d.state === 'failed' || d.state === 'stopped').length;
  const degraded = drivers.filter((d) => d.state === 'degraded' || d.state === 'starting').length;
  const total = drivers.length;
  const noun = total === 1 ? 'driver' : 'drivers';
  if (failed > 0) return { state: 'failed', text: `${failed} of ${total} ${noun} failed`, detail };
  if (degraded > 0) return { state: 'degraded', text: `${degraded} of ${total} ${noun} degraded`, detail };
  return { state: 'ok', text: total === 1 ? 'Driver OK' : `${total} drivers OK`, detail };
}
