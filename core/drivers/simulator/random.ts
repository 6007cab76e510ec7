/**
 * Seeded randomness for the simulated line: a small fast PRNG (sfc32, seeded through
 * splitmix32), the draws the simulation needs (uniform, normal, exponential, log-normal)
 * and an Ornstein-Uhlenbeck process for slowly wandering quantities. Every part of the
 * simulation takes its own stream (`fork(label)`), so that adding a tag or a machine does
 * not shift the random numbers any other part sees. Nothing here reads Math.random.
 */

/** 32-bit FNV-1a hash of a label, mixed with a seed. */
function hash32(seed: number, label: string): number {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < label.length; i++) {
    h ^= label.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

function splitmix32(state: { s: number }): number {
  state.s = (state.s + 0x9e3779b9) >>> 0;
  let z = state.s;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
  return (z ^ (z >>> 16)) >>> 0;
}

export class Random {
  private a: number;
  private b: number;
  private c: number;
  private d: number;
  private spare: number | undefined;

  constructor(private readonly seed: number) {
    const state = { s: seed >>> 0 };
    this.a = splitmix32(state);
    this.b = splitmix32(state);
    this.c = splitmix32(state);
    this.d = splitmix32(state);
    for (let i = 0; i < 12; i++) this.nextUint32();
  }

  /** An independent stream derived from this stream's seed and a label; consumes nothing. */
  fork(label: string): Random {
    return new Random(hash32(this.seed, label));
  }

  nextUint32(): number {
    const t = (((this.a + this.b) >>> 0) + this.d) >>> 0;
    this.d = (this.d + 1) >>> 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) >>> 0;
    this.c = ((this.c << 21) | (this.c >>> 11)) >>> 0;
    this.c = (this.c + t) >>> 0;
    return t;
  }

  /** Uniform in (0, 1): never exactly 0, so that logarithms are safe. */
  next(): number {
    return (this.nextUint32() + 0.5) / 4294967296;
  }

  uniform(lo: number, hi: number): number {
    return lo + (hi - lo) * this.next();
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  /** Normal draw (Box-Muller, the second value kept for the next call). */
  normal(mean = 0, sd = 1): number {
    if (this.spare !== undefined) {
      const z = this.spare;
      this.spare = undefined;
      return mean + sd * z;
    }
    const r = Math.sqrt(-2 * Math.log(this.next()));
    const theta = 2 * Math.PI * this.next();
    this.spare = r * Math.sin(theta);
    return mean + sd * r * Math.cos(theta);
  }

  exponential(mean: number): number {
    return -mean * Math.log(this.next());
  }

  logNormal(mu: number, sigma: number): number {
    return Math.exp(this.normal(mu, sigma));
  }

  /**
   * A log-normal draw whose 5th and 95th percentiles are `lo` and `hi` (how a repair time
   * range "1–2 min" reads on a maintenance sheet: most repairs in the range, a few longer).
   */
  logNormalBetween(lo: number, hi: number): number {
    if (hi <= lo) return lo;
    const mu = (Math.log(lo) + Math.log(hi)) / 2;
    const sigma = (Math.log(hi) - Math.log(lo)) / (2 * 1.645);
    return this.logNormal(mu, sigma);
  }
}

/**
 * Ornstein-Uhlenbeck process: zero-mean noise that wanders with standard deviation `sigma`
 * and correlation time `tauS`: what slow drifts of real signals look like.
 */
export class Wander {
  value: number;

  constructor(
    private readonly rng: Random,
    readonly sigma: number,
    readonly tauS: number,
  ) {
    this.value = rng.normal(0, sigma);
  }

  step(dtS: number): number {
    const a = Math.exp(-dtS / this.tauS);
    this.value = this.value * a + this.sigma * Math.sqrt(1 - a * a) * this.rng.normal();
    return this.value;
  }
}
