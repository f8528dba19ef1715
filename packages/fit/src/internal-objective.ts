/**
 * The objective as the minimisers see it: a function of internal (unbounded) values that
 * maps them to external ones, counts evaluations and remembers whether it saw NaN.
 */
import { type BoundsTransform, externalVector } from "./bounds-transform.js";
import type { Objective } from "./minimize-options.js";

/**
 * Wraps an external objective for work in internal coordinates. One scratch vector is
 * reused for every call, so evaluation allocates nothing.
 *
 * @example
 * ```ts
 * const t = makeBoundsTransform(1, [0], [NaN]);
 * const fi = new InternalObjective((x) => (x[0]! - 2) ** 2, t);
 * fi.evaluate(Float64Array.of(0));   // objective at x = 0 + tiny (the lower bound)
 * fi.nfev;                           // 1
 * ```
 */
export class InternalObjective {
  /** Number of objective evaluations so far. */
  nfev = 0;
  /** Number of evaluations that returned NaN (or ±Infinity). */
  nonFinite = 0;
  private readonly external: Float64Array;

  /**
   * @param f - objective of the external values
   * @param transform - bounds transform
   */
  constructor(
    readonly f: Objective,
    readonly transform: BoundsTransform,
  ) {
    this.external = new Float64Array(transform.n);
  }

  /** Objective at internal point `x` (x itself is not modified). */
  evaluate(x: Float64Array): number {
    this.nfev++;
    const v = this.f(externalVector(this.transform, x, this.external));
    if (!Number.isFinite(v)) this.nonFinite++;
    return v;
  }
}
