/** Why a waveform file could not be read: where in the file (line, byte, chunk) and what was expected there. */
import { LinesideError } from '../model/errors.js';

export class WaveformFileError extends LinesideError {
  constructor(message: string) {
    super('waveform-file-invalid', message);
    this.name = 'WaveformFileError';
  }
}

/** A capture that cannot be written or opened: the message names the file and what was wrong. */
export class CaptureError extends LinesideError {
  constructor(message: string) {
    super('capture-invalid', message);
    this.name = 'CaptureError';
  }
}
