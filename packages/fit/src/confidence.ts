/**
 * MINOS-like asymmetric confidence intervals and upper limits: the values where the
 * profile likelihood rises by sigma²·up above its minimum, found by bracketing and
 * Brent's root finder on the profile (James 1994, "MINOS errors").
 */
import { brentq } from "@gammats/core";
import { hesse } from "./covariance.js";
import { FixedParameters } from "./fixed-parameters.js";
import { minimize } from "./minimize.js";
import { type Objective, resolveMinimizeOptions } from "./minimize-options.js";
import type { ProfileOptions } from "./profile.js";

/** Options of {@link confidenceInterval}. */
export interface ConfidenceOptions extends ProfileOptions {
  /** Number of standard deviations: the interval is where Δstat ≤ sigma²·up. Default 1. */
  sigma?: number;
  /** f at `x` (the minimum); evaluated when not given. */
  fmin?: number;
  /** Parabolic 1σ error of the parameter, for the first guesses; from {@link hesse} when not given. */
  error?: number;
  /** Which ends to find: "both" (default), "lower" or "upper". */
  side?: "both" | "lower" | "upper";
}

/** Result of {@link confidenceInterval}. */
export interface ConfidenceResult {
  /** Distance from the best fit down to the lower end (≥ 0; NaN when not searched or failed). */
  errn: number;
  /** Distance from the best fit up to the upper end (≥ 0; NaN when not searched or failed). */
  errp: number;
  /** Lower end of the interval. */
  lower: number;
  /** Upper end of the interval. */
  upper: number;
  /** True when every requested end was found. */
  success: boolean;
  /** Whether the lower end was found. */
  successLower: boolean;
  /** Whether the upper end was found. */
  successUpper: boolean;
  /** True when the profile stayed below the threshold up to the lower bound (errn = distance to it). */
  lowerAtBound: boolean;
  /** True when the profile stayed below the threshold up to the upper bound (errp = distance to it). */
  upperAtBound: boolean;
  /** Human-readable summary. */
  message: string;
  /** Objective evaluations. */
  nfev: number;
}

interface Side {
  err: number;
  success: boolean;
  atBound: boolean;
  message: string;
}

const MAX_BRACKET_STEPS = 30;
const MAX_ROOT_STEPS = 60;

/**
 * Asymmetric confidence interval of parameter `index` around the minimum `x`: the values
 * where the profile (other parameters re-optimised, unless `reoptimize` is false) rises
 * by sigma²·up. For −2 ln L statistics (up = 1), sigma = 1 gives the 68.3 % interval.
 *
 * @param f - objective of all parameters
 * @param x - the minimum [x units]
 * @param index - parameter of interest
 * @param options - sigma, side, bounds/steps/tol/strategy/up of all parameters, fmin, error
 * @throws FitInputError on bad input
 * @example
 * ```ts
 * const f = (x: Float64Array) => ((x[0]! - 1) / 2) ** 2;   // −2 ln L, μ = 1, σ = 2
 * const ci = confidenceInterval(f, [1], 0, { sigma: 2 });
 * [ci.errn, ci.errp];   // ≈ [4, 4]
 * ```
 */
export function confidenceInterval(
  f: Objective,
  x: ArrayLike<number>,
  index: number,
  options: ConfidenceOptions = {},
): ConfidenceResult {
  const opts = resolveMinimizeOptions(x, options);
  const sigma = options.sigma ?? 1;
  const side = options.side ?? "both";
  const delta = sigma * sigma * opts.up;
  const reduced = new FixedParameters(f, opts.n, [index]);
  const reoptimize = (options.reoptimize ?? true) && reduced.free.length > 0;
  const subOptions = reduced.options({
    ...options,
    lower: opts.lower,
    upper: opts.upper,
    step: opts.step,
    tol: opts.tol / 10,
  });
  let nfev = 0;
  const best = reduced.pick(x);
  let fmin = options.fmin;
  if (fmin === undefined) {
    fmin = f(Float64Array.from(x));
    nfev++;
  }
  let sigma0 = options.error ?? NaN;
  if (!(sigma0 > 0 && Number.isFinite(sigma0))) {
    const h = hesse(f, x, options);
    nfev += h.nfev;
    sigma0 = h.errors[index]!;
    if (!(sigma0 > 0 && Number.isFinite(sigma0))) sigma0 = opts.step[index]!;
  }
  // A vanishing error estimate (a minimum on a kink or plateau) would make the bracket
  // search crawl: start at least at 1e-3 of the parameter's step.
  sigma0 = Math.max(sigma0, 1e-3 * opts.step[index]!);
  const xhat = x[index]!;
  const fmin0 = fmin;
  let lowest = fmin0;

  const search = (dir: 1 | -1): Side => {
    let start = best;
    const excess = (v: number): number => {
      reduced.fixedValues[0] = v;
      let value: number;
      if (reoptimize) {
        const r = minimize(reduced.objective, start, subOptions);
        nfev += r.nfev;
        if (Number.isFinite(r.fval)) start = r.x;
        value = r.fval;
      } else {
        value = reduced.objective(best);
        nfev++;
      }
      if (value < lowest) lowest = value;
      return value - fmin0 - delta;
    };
    const bound = dir > 0 ? opts.upper[index]! : opts.lower[index]!;
    let a = xhat;
    let fa = -delta;
    let dist = sigma * sigma0;
    for (let k = 0; k < MAX_BRACKET_STEPS; k++) {
      let v = xhat + dir * dist;
      let atBound = false;
      if (!Number.isNaN(bound) && dir * (v - bound) >= 0) {
        v = bound;
        atBound = true;
      }
      const fv = excess(v);
      if (!Number.isFinite(fv)) {
        return { err: NaN, success: false, atBound: false, message: `the objective is ${fv} at ${v}` };
      }
      if (fv >= 0) {
        // Precision 1e-3 of the error, or 1e-6 of the distance when the error estimate was
        // far too small (a minimum on a kink, e.g. a norm fit to an empty bin).
        const xtol = 1e-3 * Math.max(sigma0, 1e-3 * Math.abs(v - xhat));
        const root = brentq(excess, a, v, { fa, fb: fv, xtol, rtol: 0, ftol: 1e-3 * opts.up, maxiter: MAX_ROOT_STEPS });
        return {
          err: Math.abs(root.root - xhat),
          success: root.converged,
          atBound: false,
          message: root.converged ? "" : "the root search did not converge",
        };
      }
      if (atBound) {
        return {
          err: Math.abs(bound - xhat),
          success: false,
          atBound: true,
          message: `the profile stays below Δstat = ${delta} up to the ${dir > 0 ? "upper" : "lower"} bound ${bound}`,
        };
      }
      // Next guess from the parabola through the minimum and this point, at least 1.2
      // and at most 4 times further out.
      const rise = fv + delta;
      const span = Math.abs(v - xhat);
      // Where the profile is still nearly flat the error estimate was far off (a minimum
      // on a kink or a plateau): grow tenfold per step instead.
      const guess = rise > 0 ? span * Math.sqrt(delta / rise) * 1.05 : 10 * span;
      dist = Math.min(Math.max(guess, 1.2 * span), rise < 1e-3 * delta ? 10 * span : 4 * span);
      a = v;
      fa = fv;
    }
    return { err: NaN, success: false, atBound: false, message: `no crossing of Δstat = ${delta} found` };
  };

  const none: Side = { err: NaN, success: true, atBound: false, message: "" };
  const lo = side === "upper" ? none : search(-1);
  const hi = side === "lower" ? none : search(1);
  const notes: string[] = [];
  if (lo.message) notes.push(`lower: ${lo.message}`);
  if (hi.message) notes.push(`upper: ${hi.message}`);
  // A profile point below the minimum means x was not the minimum (MINOS's "new minimum").
  const newMinimum = lowest < fmin0 - Math.max(1e-3 * opts.up, 1e-9 * Math.abs(fmin0));
  if (newMinimum) notes.push(`a lower minimum (${lowest}) than at the start (${fmin0}) was found: refit first`);
  const success = lo.success && hi.success && !newMinimum;
  return {
    errn: lo.err,
    errp: hi.err,
    lower: xhat - lo.err,
    upper: xhat + hi.err,
    success,
    successLower: lo.success && side !== "upper",
    successUpper: hi.success && side !== "lower",
    lowerAtBound: lo.atBound,
    upperAtBound: hi.atBound,
    message: success ? "Minos terminated successfully." : `Confidence interval incomplete: ${notes.join("; ")}.`,
    nfev,
  };
}

/** Options of {@link upperLimit}. */
export interface UpperLimitOptions extends Omit<ConfidenceOptions, "sigma" | "side"> {
  /** Number of σ: the limit is where the profile rises by nSigma²·up. Default 2 (Gammapy's n_sigma_ul). */
  nSigma?: number;
}

/** Result of {@link upperLimit}. */
export interface UpperLimitResult {
  /** The upper limit, best fit + errp [x units]. */
  value: number;
  /** Distance from the best fit to the limit. */
  errp: number;
  /** True when the crossing was found. */
  success: boolean;
  /** True when the profile stayed below the threshold up to the parameter's upper bound. */
  atBound: boolean;
  /** Human-readable summary. */
  message: string;
  /** Objective evaluations. */
  nfev: number;
}

/**
 * One-sided upper limit of parameter `index`: the value above the best fit where the
 * profile rises by nSigma²·up, as Gammapy's flux-point upper limits (best fit + errp of
 * `confidence` with sigma = n_sigma_ul).
 *
 * @param f - objective of all parameters
 * @param x - the minimum
 * @param index - parameter (e.g. a norm)
 * @param options - nSigma (default 2) and the {@link ConfidenceOptions}
 * @throws FitInputError on bad input
 * @example
 * ```ts
 * upperLimit((x) => ((x[0]! - 1) / 0.5) ** 2, [1], 0).value;   // ≈ 2 (1 + 2·0.5)
 * ```
 */
export function upperLimit(f: Objective, x: ArrayLike<number>, index: number, options: UpperLimitOptions = {}): UpperLimitResult {
  const r = confidenceInterval(f, x, index, { ...options, sigma: options.nSigma ?? 2, side: "upper" });
  return {
    value: r.upper,
    errp: r.errp,
    success: r.success,
    atBound: r.upperAtBound,
    message: r.success ? "Upper limit found." : r.message,
    nfev: r.nfev,
  };
}
