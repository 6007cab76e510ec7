/**
 * The one place that calls the FFT library. fft.js (indutny/fft.js, MIT, no dependencies)
 * is a radix-4 FFT for power-of-two sizes that works on plain or typed arrays and is among
 * the fastest in JavaScript; its types are loose (`any`), so this file gives the two
 * transforms we need typed signatures and caches one instance (its twiddle table) per size.
 *
 * Layout: a spectrum is interleaved complex, re at 2k, im at 2k + 1. The forward transform
 * is X[k] = Σ x[n]·e^(−j2πkn/N), unscaled; the inverse divides by its own size.
 */
import FFT from 'fft.js';
import { PdmInputError } from './errors.js';

const instances = new Map<number, FFT>();

function instance(size: number): FFT {
  let fft = instances.get(size);
  if (!fft) {
    if (!isPowerOfTwo(size) || size < 4) throw new PdmInputError(`FFT size ${size}: expected a power of two of at least 4`);
    fft = new FFT(size);
    instances.set(size, fft);
  }
  return fft;
}

export function isPowerOfTwo(n: number): boolean {
  return Number.isInteger(n) && n > 0 && (n & (n - 1)) === 0;
}

/** The smallest power of two ≥ n (and ≥ 4). */
export function nextPowerOfTwo(n: number): number {
  let p = 4;
  while (p < n) p *= 2;
  return p;
}

/**
 * The half spectrum (bins 0 … size/2) of a real signal, zero-padded to `size` (a power of
 * two ≥ input length). Returns interleaved complex of length size + 2.
 */
export function realFft(input: ArrayLike<number>, size: number): Float64Array {
  if (input.length > size) throw new PdmInputError(`FFT of ${input.length} samples into ${size} points: the size must not be smaller than the input`);
  const data = input instanceof Float64Array && input.length === size ? input : padded(input, size);
  const out = new Float64Array(2 * size);
  instance(size).realTransform(out, data);
  return out.subarray(0, size + 2);
}

/** The forward FFT of interleaved complex `input` (2·size values) into `output` (2·size values, not `input`). */
export function complexFft(input: Float64Array, output: Float64Array, size: number): void {
  if (input.length < 2 * size || output.length < 2 * size) throw new PdmInputError(`complex FFT of size ${size}: the buffers hold ${input.length / 2} and ${output.length / 2} points`);
  instance(size).transform(output, input);
}

function padded(input: ArrayLike<number>, size: number): Float64Array {
  const data = new Float64Array(size);
  for (let i = 0; i < input.length; i++) data[i] = input[i]!;
  return data;
}
