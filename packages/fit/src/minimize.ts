/**
 * One entry point for both minimisers.
 */
import type { MinimizeOptions, Objective } from "./minimize-options.js";
import type { MinimizeMethod, MinimizeResult } from "./minimize-result.js";
import { minimizeNelderMead } from "./nelder-mead.js";
import { migrad } from "./migrad.js";

/** {@link MinimizeOptions} plus the choice of backend. */
export interface MinimizeWithMethodOptions extends MinimizeOptions {
  /** "variable-metric" (default, MIGRAD-like) or "nelder-mead". */
  method?: MinimizeMethod;
}

/**
 * Minimises `f` from `x0` with the chosen backend.
 *
 * @param f - objective; its argument is a reused buffer (copy it to keep it)
 * @param x0 - start values [x units]
 * @param options - method, bounds, steps, tol, strategy, up, maxfev
 * @throws FitInputError on bad input
 * @example
 * ```ts
 * const r = minimize((x) => (x[0]! - 3) ** 2, [0], { lower: [0], upper: [2] });
 * [r.x[0], r.atBound[0]];   // [≈ 2, true]
 * ```
 */
export function minimize(f: Objective, x0: ArrayLike<number>, options: MinimizeWithMethodOptions = {}): MinimizeResult {
  return options.method === "nelder-mead" ? minimizeNelderMead(f, x0, options) : migrad(f, x0, options);
}
