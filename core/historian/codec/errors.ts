import { LinesideError } from '../../model/errors.js';

/**
 * Why a block could not be written or read. Codes:
 * - `historian-block-invalid-series`: the series given to `encodeBlock` breaks its contract
 *   (lengths differ, a timestamp is not a whole number or goes backwards, an f32 value that
 *   float32 cannot hold, a string sample that is not a string).
 * - `historian-block-corrupt`: the bytes are not a whole, intact block.
 * - `historian-block-unsupported-version`: a block written by a format this build cannot read.
 */
export type BlockErrorCode = 'historian-block-invalid-series' | 'historian-block-corrupt' | 'historian-block-unsupported-version';

export class BlockCodecError extends LinesideError {
  constructor(code: BlockErrorCode, message: string) {
    super(code, message);
    this.name = 'BlockCodecError';
  }
}

export function corrupt(what: string): BlockCodecError {
  return new BlockCodecError('historian-block-corrupt', `historian block is corrupt: ${what}`);
}

export function invalidSeries(what: string): BlockCodecError {
  return new BlockCodecError('historian-block-invalid-series', `cannot encode historian block: ${what}`);
}
