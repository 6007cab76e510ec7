/** Why an SPC calculation was refused: a baseline too small, subgroups of mixed or unsupported size. */
import { LinesideError } from '../../model/errors.js';

export class SpcInputError extends LinesideError {
  constructor(message: string) {
    super('spc-input-invalid', message);
    this.name = 'SpcInputError';
  }
}
