/**
 * Why an operator action on an alarm was not carried out: the alarm is unknown, or the
 * action does not apply in its state ("cannot reset line1/x:H: it is still active").
 */
import { LinesideError } from '../../model/errors.js';

export type AlarmActionErrorCode = 'alarm-action-refused' | 'unknown-alarm';

export class AlarmActionError extends LinesideError {
  constructor(
    override readonly code: AlarmActionErrorCode,
    message: string,
  ) {
    super(code, message);
    this.name = 'AlarmActionError';
  }
}
