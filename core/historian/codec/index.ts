/**
 * The historian's block codec: one lossless, self-checking block per stretch of a tag's
 * samples (Gorilla-style timestamps and floats, a decimal fast path, run-length quality,
 * string dictionaries). Pure: no I/O, no dependencies. Format: ../FORMAT.md.
 */
export { encodeBlock, decodeBlock, readBlockHeader } from './block.js';
export { BLOCK_FORMAT_VERSION, type BlockHeader } from './header.js';
export { BlockCodecError, type BlockErrorCode } from './errors.js';
