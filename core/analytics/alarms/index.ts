/**
 * Alarms, pure (DESIGN.md "Analytics are pure"): the ISA-18.2 state machine that turns
 * samples, operator actions and the plant clock into journal events, and the EEMUA 191
 * alarm-system KPIs computed from those events.
 */
export { createAlarmEngine, type AlarmEngine, type AlarmEngineOptions, type RestoredState } from './engine.js';
export { AlarmActionError, type AlarmActionErrorCode } from './errors.js';
export { alarmKpis, type AlarmKpiFigures, type AlarmKpiOptions } from './kpis.js';
