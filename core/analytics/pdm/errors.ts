/** Why a vibration analysis was refused: too few samples, a bad sample rate or speed, an unknown bearing, a band outside the record. */
import { LinesideError } from '../../model/errors.js';

export class PdmInputError extends LinesideError {
  constructor(message: string) {
    super('pdm-input-invalid', message);
    this.name = 'PdmInputError';
  }
}
