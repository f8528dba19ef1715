/**
 * An objective with some parameters held fixed: the minimisers see only the others.
 * Used by likelihood profiles, surfaces and confidence intervals.
 */
import type { MinimizeOptions, Objective } from "./minimize-options.js";

/**
 * Splits an n-parameter objective into fixed and free parts.
 *
 * @example
 * ```ts
 * const r = new FixedParameters((x) => x[0]! ** 2 + (x[1]! - x[0]!) ** 2, 2, [0]);
 * r.fixedValues[0] = 3;
 * r.objective(Float64Array.of(1));   // f(3, 1) = 13
 * ```
 */
export class FixedParameters {
  /** Indices of the free parameters, in order. */
  readonly free: number[];
  /** Values of the fixed parameters, in the order of `fixed`; set before evaluating. */
  readonly fixedValues: Float64Array;
  /** The reduced objective of the free parameters (reuses one full-size buffer). */
  readonly objective: Objective;
  private readonly full: Float64Array;

  /**
   * @param f - objective of all n parameters
   * @param n - number of parameters
   * @param fixed - indices held fixed
   */
  constructor(
    f: Objective,
    n: number,
    readonly fixed: readonly number[],
  ) {
    const isFixed = new Uint8Array(n);
    for (const k of fixed) isFixed[k] = 1;
    this.free = [];
    for (let i = 0; i < n; i++) if (!isFixed[i]) this.free.push(i);
    this.fixedValues = new Float64Array(fixed.length);
    this.full = new Float64Array(n);
    const free = this.free;
    const full = this.full;
    const values = this.fixedValues;
    this.objective = (y: Float64Array): number => {
      for (let k = 0; k < free.length; k++) full[free[k]!] = y[k]!;
      for (let k = 0; k < fixed.length; k++) full[fixed[k]!] = values[k]!;
      return f(full);
    };
  }

  /** The free entries of a full vector. */
  pick(x: ArrayLike<number>): Float64Array {
    return Float64Array.from(this.free, (i) => x[i]!);
  }

  /** A full vector from the free entries and the current fixed values. */
  embed(y: ArrayLike<number>): Float64Array {
    const out = new Float64Array(this.full.length);
    this.free.forEach((i, k) => (out[i] = y[k]!));
    this.fixed.forEach((i, k) => (out[i] = this.fixedValues[k]!));
    return out;
  }

  /** Bounds and steps of the free parameters, taken from options for all parameters. */
  options<T extends MinimizeOptions>(options: T): T {
    const sub = (v: ArrayLike<number> | undefined): Float64Array | undefined =>
      v === undefined ? undefined : Float64Array.from(this.free, (i) => v[i]!);
    const out: T = { ...options };
    const lower = sub(options.lower);
    const upper = sub(options.upper);
    const step = sub(options.step);
    if (lower) out.lower = lower;
    if (upper) out.upper = upper;
    if (step) out.step = step;
    return out;
  }
}
