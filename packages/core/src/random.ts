/**
 * A small seeded random number generator: xoshiro128** (Blackman & Vigna 2018) seeded
 * through splitmix32, with uniform, normal, exponential and Poisson samplers.
 * Every stochastic piece of gammats (the simulator, tests) draws from it, so that a seed
 * reproduces a result exactly.
 */
import { DataError } from "./errors.js";

const TWO_POW_32 = 4294967296;
const TWO_POW_53 = 9007199254740992;

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

// splitmix32: spreads any seed over the 128-bit state so that close seeds give unrelated streams.
function splitmix32(state: Uint32Array): number {
  state[0] = (state[0]! + 0x9e3779b9) >>> 0;
  let z = state[0]!;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
  return (z ^ (z >>> 16)) >>> 0;
}

// log(k!) exactly summed for small k, Stirling's series beyond (error < 1e-12 for k >= 30).
const LOG_FACTORIAL_TABLE = (() => {
  const t = new Float64Array(30);
  for (let k = 2; k < 30; k++) t[k] = t[k - 1]! + Math.log(k);
  return t;
})();

/**
 * log(k!) for an integer k >= 0.
 *
 * @param k - non-negative integer
 * @returns ln(k!)
 * @example
 * ```ts
 * logFactorial(4);   // 3.178... (= ln 24)
 * ```
 */
export function logFactorial(k: number): number {
  if (k < 30) return LOG_FACTORIAL_TABLE[k]!;
  const x = k + 1;
  const ix2 = 1 / (x * x);
  return (x - 0.5) * Math.log(x) - x + 0.5 * Math.log(2 * Math.PI) + (1 / 12 - ix2 * (1 / 360 - ix2 / 1260)) / x;
}

/**
 * Seeded pseudo-random generator (xoshiro128**). The same seed gives the same stream on
 * every platform: all arithmetic is 32-bit integer or IEEE double.
 *
 * @example
 * ```ts
 * const rng = new Random(42);
 * rng.uniform();        // in [0, 1)
 * rng.poisson(3.5);     // e.g. 4
 * ```
 */
export class Random {
  private readonly s = new Uint32Array(4);

  /**
   * @param seed - any finite number; its integer part (up to 2^53) selects the stream
   * @throws DataError for a non-finite seed
   */
  constructor(seed: number) {
    if (!Number.isFinite(seed)) {
      throw new DataError(`random seed must be a finite number, got ${seed}`, { hint: "pass an integer such as 42" });
    }
    const x = Math.trunc(Math.abs(seed));
    const mix = new Uint32Array([(x % TWO_POW_32) ^ Math.imul(Math.floor(x / TWO_POW_32), 0x27d4eb2d) ^ (seed < 0 ? 0x5bd1e995 : 0)]);
    for (let i = 0; i < 4; i++) this.s[i] = splitmix32(mix);
    // xoshiro must not start from the all-zero state.
    if ((this.s[0]! | this.s[1]! | this.s[2]! | this.s[3]!) === 0) this.s[0] = 1;
  }

  /** Next 32-bit unsigned integer. */
  nextUint32(): number {
    const s = this.s;
    const result = Math.imul(rotl(Math.imul(s[1]!, 5), 7), 9) >>> 0;
    const t = s[1]! << 9;
    s[2] ^= s[0]!;
    s[3] ^= s[1]!;
    s[1] ^= s[2]!;
    s[0] ^= s[3]!;
    s[2] ^= t;
    s[3] = rotl(s[3]!, 11);
    return result;
  }

  /** Uniform double in [0, 1) with 53 random bits. */
  uniform(): number {
    const a = this.nextUint32() >>> 5;
    const b = this.nextUint32() >>> 6;
    return (a * 67108864 + b) / TWO_POW_53;
  }

  /** Uniform double in (0, 1]: safe to take the logarithm of. */
  uniformPositive(): number {
    return 1 - this.uniform();
  }

  /** Standard normal deviate (Box–Muller, one value per call so the stream stays simple). */
  normal(): number {
    const r = Math.sqrt(-2 * Math.log(this.uniformPositive()));
    return r * Math.cos(2 * Math.PI * this.uniform());
  }

  /** Exponential deviate with mean 1. */
  exponential(): number {
    return -Math.log(this.uniformPositive());
  }

  /**
   * Poisson deviate: multiplication method below mean 10, Hörmann's PTRS transformed
   * rejection above (Hörmann 1993, Insurance: Math. and Econ. 12, 39).
   *
   * @param mean - expectation, >= 0
   * @returns a non-negative integer
   * @throws DataError for a negative or non-finite mean
   */
  poisson(mean: number): number {
    if (!(mean >= 0) || !Number.isFinite(mean)) {
      throw new DataError(`Poisson mean must be finite and >= 0, got ${mean}`);
    }
    if (mean === 0) return 0;
    if (mean < 10) {
      const limit = Math.exp(-mean);
      let k = 0;
      let p = this.uniform();
      while (p > limit) {
        k++;
        p *= this.uniform();
      }
      return k;
    }
    const slam = Math.sqrt(mean);
    const loglam = Math.log(mean);
    const b = 0.931 + 2.53 * slam;
    const a = -0.059 + 0.02483 * b;
    const invAlpha = 1.1239 + 1.1328 / (b - 3.4);
    const vr = 0.9277 - 3.6224 / (b - 2);
    for (;;) {
      const u = this.uniform() - 0.5;
      const v = this.uniform();
      const us = 0.5 - Math.abs(u);
      const k = Math.floor(((2 * a) / us + b) * u + mean + 0.43);
      if (us >= 0.07 && v <= vr) return k;
      if (k < 0 || (us < 0.013 && v > us)) continue;
      if (Math.log(v) + Math.log(invAlpha) - Math.log(a / (us * us) + b) <= -mean + k * loglam - logFactorial(k)) return k;
    }
  }

  /**
   * Fills an array with uniform deviates in [0, 1).
   *
   * @param out - array to fill
   * @returns out
   */
  fillUniform(out: Float64Array): Float64Array {
    for (let i = 0; i < out.length; i++) out[i] = this.uniform();
    return out;
  }
}

/**
 * A seed for a sub-stream, derived from a base seed and a label, so that e.g. each run of
 * a data set gets its own stream and adding a run does not change the others.
 *
 * @param seed - base seed
 * @param label - sub-stream label (e.g. an observation id)
 * @returns a 32-bit seed
 * @example
 * ```ts
 * new Random(deriveSeed(2024, 1001));
 * ```
 */
export function deriveSeed(seed: number, label: number | string): number {
  // FNV-1a over the label's text, mixed with the base seed through splitmix32.
  let h = 0x811c9dc5;
  for (const ch of `${Math.trunc(seed)}:${label}`) h = Math.imul(h ^ ch.charCodeAt(0), 0x01000193) >>> 0;
  return splitmix32(new Uint32Array([h]));
}
