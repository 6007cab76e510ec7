/** Why OEE input was refused: samples fed to the streaming builder out of time order, or after it finished. */
import { LinesideError } from '../../model/errors.js';

export class OeeInputError extends LinesideError {
  constructor(message: string) {
    super('oee-input-invalid', message);
    this.name = 'OeeInputError';
  }
}
