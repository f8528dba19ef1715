/**
 * What a minimiser returns, and the bound check and messages both backends share.
 */

/** Why a minimiser stopped. */
export type MinimizeStatus =
  | "converged"
  | "call-limit"
  | "nan-objective"
  | "line-search-failed"
  | "no-descent"
  | "inaccurate-covariance";

/** Minimiser name. */
export type MinimizeMethod = "variable-metric" | "nelder-mead";

/** Result of {@link minimize} (of either backend). */
export interface MinimizeResult {
  /** Best point found [x units]. */
  x: Float64Array;
  /** Objective at `x`. */
  fval: number;
  /** True when the minimiser converged (status "converged"); a bound hit does not change it. */
  success: boolean;
  /** Why it stopped. */
  status: MinimizeStatus;
  /** Human-readable summary (Gammapy's wording where it has one). */
  message: string;
  /** Objective evaluations. */
  nfev: number;
  /** Iterations (variable metric) or restarts (Nelder–Mead). */
  niter: number;
  /** Estimated distance to minimum ½·gᵀ·H⁻¹·g (NaN for Nelder–Mead). */
  edm: number;
  /** Convergence threshold on the EDM: 0.002 · tol · up. */
  edmMax: number;
  /** Approximate 1σ errors from the final metric [x units] (NaN for Nelder–Mead). */
  errors: Float64Array;
  /** Per parameter: true when the result lies on or within half an error of a bound. */
  atBound: boolean[];
  /** Which backend ran. */
  method: MinimizeMethod;
  /**
   * Variable metric: the last gradient's step and second derivative per parameter, in
   * the internal (bound-transformed) coordinates — what Minuit's HESSE after MIGRAD starts
   * from (pass them to `hesse` as `seed`).
   */
  derivatives?: DerivativeSeed;
  /**
   * Variable metric: covariance of x from the final metric, 2·up·J·V·J (row-major n×n,
   * x units²) — what iminuit reports after MIGRAD and Gammapy's `Fit.run` uses.
   */
  covariance?: Float64Array;
  /** How that metric came about: "accurate" (from HESSE), "approximate" (updates only), "made-pos-def", ... */
  covarianceStatus?: string;
}

/** Derivative steps and second derivatives per parameter, internal coordinates. */
export interface DerivativeSeed {
  /** Difference step per parameter (> 0). */
  step: Float64Array;
  /** Second derivative per parameter. */
  g2: Float64Array;
}

/**
 * Flags parameters that lie on or within half an error of a bound.
 *
 * @param x - values
 * @param errors - 1σ errors (NaN allowed: then only "on the bound" counts)
 * @param lower - lower bounds (NaN = none)
 * @param upper - upper bounds (NaN = none)
 * @example
 * ```ts
 * parametersAtBound(Float64Array.of(0.01, 3), Float64Array.of(0.1, 1), Float64Array.of(0, NaN), Float64Array.of(NaN, NaN));
 * // [true, false]
 * ```
 */
export function parametersAtBound(
  x: Float64Array,
  errors: Float64Array,
  lower: Float64Array,
  upper: Float64Array,
): boolean[] {
  const out: boolean[] = [];
  for (let i = 0; i < x.length; i++) {
    const e = Number.isFinite(errors[i]!) ? 0.5 * errors[i]! : 0;
    const near = (bound: number): boolean =>
      !Number.isNaN(bound) && Math.abs(x[i]! - bound) <= Math.max(e, 1e-8 * (1 + Math.abs(bound)));
    out.push(near(lower[i]!) || near(upper[i]!));
  }
  return out;
}

/**
 * The result message: Gammapy's "Optimization terminated successfully." or
 * "Optimization failed." with the reason, plus a note on parameters at a bound.
 */
export function minimizeMessage(status: MinimizeStatus, detail: string, atBound: boolean[]): string {
  let m = status === "converged" ? "Optimization terminated successfully." : "Optimization failed.";
  if (status === "call-limit") m += " Call limit was reached.";
  if (detail) m += ` ${detail}`;
  const idx = atBound.flatMap((b, i) => (b ? [i] : []));
  if (idx.length > 0) m += ` Parameter${idx.length > 1 ? "s" : ""} ${idx.map((i) => `x[${i}]`).join(", ")} at or near a bound.`;
  return m;
}
