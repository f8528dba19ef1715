/**
 * Likelihood profiles and surfaces on a plain objective: the statistic as a function of
 * one (or two) parameters, with the others re-optimised at every point or held at
 * their best-fit values.
 */
import { FixedParameters } from "./fixed-parameters.js";
import { type MinimizeWithMethodOptions, minimize } from "./minimize.js";
import { type Objective, resolveMinimizeOptions } from "./minimize-options.js";

/** Options of {@link likelihoodProfile} and {@link likelihoodSurface}. */
export interface ProfileOptions extends MinimizeWithMethodOptions {
  /** Re-optimise the other parameters at every point (default true); false = a slice through `x`. */
  reoptimize?: boolean;
}

/** Result of a scan over fixed values of some parameters. */
export interface ScanResult {
  /** Statistic at each point (row-major nx×ny for surfaces). */
  stat: Float64Array;
  /** Per point: whether the re-optimisation converged (always true for slices). */
  success: boolean[];
  /** Per point: all parameter values (scanned and re-optimised) [x units]. */
  x: Float64Array[];
  /** Objective evaluations in total. */
  nfev: number;
}

/**
 * Statistic at fixed values of the parameters `indices`, one point per row of `points`.
 * Re-optimisations start from the previous point's solution (scan in order for speed).
 *
 * @param f - objective of all parameters
 * @param x - start (usually best-fit) values of all parameters
 * @param indices - parameters held fixed
 * @param points - the fixed values, one array per point (length = indices.length)
 * @param options - minimiser options for all parameters, and `reoptimize`
 * @throws FitInputError on bad input
 */
export function scanFixed(
  f: Objective,
  x: ArrayLike<number>,
  indices: readonly number[],
  points: readonly ArrayLike<number>[],
  options: ProfileOptions = {},
): ScanResult {
  const opts = resolveMinimizeOptions(x, options);
  const reduced = new FixedParameters(f, opts.n, indices);
  const reoptimize = (options.reoptimize ?? true) && reduced.free.length > 0;
  const subOptions = reduced.options({ ...options, lower: opts.lower, upper: opts.upper, step: opts.step });
  let start = reduced.pick(x);
  const stat = new Float64Array(points.length);
  const success: boolean[] = [];
  const xs: Float64Array[] = [];
  let nfev = 0;
  points.forEach((point, k) => {
    reduced.fixedValues.set(Array.from(point));
    if (reoptimize) {
      const r = minimize(reduced.objective, start, subOptions);
      nfev += r.nfev;
      stat[k] = r.fval;
      success.push(r.success);
      xs.push(reduced.embed(r.x));
      if (r.success || Number.isFinite(r.fval)) start = r.x;
    } else {
      const y = reduced.pick(x);
      stat[k] = reduced.objective(y);
      nfev++;
      success.push(true);
      xs.push(reduced.embed(y));
    }
  });
  return { stat, success, x: xs, nfev };
}

/**
 * Likelihood profile of parameter `index`: for each value, the minimum of f over the
 * other parameters (Gammapy's `stat_profile` with `reoptimize`).
 *
 * @param f - objective of all parameters
 * @param x - best-fit values (start of the re-optimisations)
 * @param index - profiled parameter
 * @param values - values of that parameter [its units]
 * @param options - minimiser options (bounds etc. for all parameters), `reoptimize`
 * @throws FitInputError on bad input
 * @example
 * ```ts
 * const f = (x: Float64Array) => (x[0]! ** 2 - 0.5 * x[0]! * x[1]! + x[1]! ** 2 / 4) / 0.75;
 * likelihoodProfile(f, [0, 0], 0, [-1, 0, 1]).stat;   // ≈ [1, 0, 1] (Δχ² = (x/σ₀)²)
 * ```
 */
export function likelihoodProfile(
  f: Objective,
  x: ArrayLike<number>,
  index: number,
  values: ArrayLike<number>,
  options: ProfileOptions = {},
): ScanResult {
  return scanFixed(f, x, [index], Array.from(values, (v) => [v]), options);
}

/**
 * Likelihood surface of parameters `ix`, `iy` on the grid xValues × yValues (row-major,
 * y fastest), as Gammapy's `stat_surface`.
 *
 * @param f - objective of all parameters
 * @param x - best-fit values
 * @param ix - first parameter
 * @param iy - second parameter
 * @param xValues - values of the first [its units]
 * @param yValues - values of the second [its units]
 * @param options - minimiser options, `reoptimize`
 * @throws FitInputError on bad input
 * @example
 * ```ts
 * const f = (x: Float64Array) => x[0]! ** 2 + x[1]! ** 2 + x[2]! ** 2;
 * likelihoodSurface(f, [0, 0, 0], 0, 1, [0, 1], [0, 2]).stat;   // ≈ [0, 4, 1, 5]
 * ```
 */
export function likelihoodSurface(
  f: Objective,
  x: ArrayLike<number>,
  ix: number,
  iy: number,
  xValues: ArrayLike<number>,
  yValues: ArrayLike<number>,
  options: ProfileOptions = {},
): ScanResult {
  const points: number[][] = [];
  for (let i = 0; i < xValues.length; i++) for (let j = 0; j < yValues.length; j++) points.push([xValues[i]!, yValues[j]!]);
  return scanFixed(f, x, [ix, iy], points, options);
}
