/**
 * Covariance at a minimum as Minuit's HESSE gives it (see migrad-hesse.ts): numerical
 * Hessian H of f in internal coordinates, made positive definite when needed,
 * cov = 2·up·H⁻¹ carried to external values by the Jacobian of the bounds transform.
 */
import { externalDerivative, makeBoundsTransform, startInternal } from "./bounds-transform.js";
import { InternalObjective } from "./internal-objective.js";
import { initialGradient, numericalGradient } from "./migrad-gradient.js";
import { mnHesse } from "./migrad-hesse.js";
import { type MinimizeOptions, type Objective, STRATEGY_SETTINGS, resolveMinimizeOptions } from "./minimize-options.js";

/** Outcome of the covariance step. */
export type HesseStatus = "ok" | "made-positive-definite" | "failed";

/** Result of {@link hesse}. */
export interface HesseResult {
  /** True when a covariance matrix was obtained (possibly after a positive-definite fix-up). */
  success: boolean;
  /** "ok", "made-positive-definite" (see `message`) or "failed". */
  status: HesseStatus;
  /** Human-readable summary. */
  message: string;
  /** Row-major n×n covariance of x [x units²]; NaN-filled when failed. */
  covariance: Float64Array;
  /** sqrt of the covariance diagonal [x units]. */
  errors: Float64Array;
  /** Row-major n×n Hessian of f in internal coordinates (= external for unbounded parameters). */
  hessian: Float64Array;
  /** True when the Hessian was not positive definite and had to be shifted. */
  madePositiveDefinite: boolean;
  /** Objective evaluations used. */
  nfev: number;
}

/**
 * Covariance of the minimum of `f` at `x` from a numerical Hessian, as Minuit's HESSE on
 * a fresh state (iminuit's `hesse()` without a preceding MIGRAD): the step search starts
 * from the parameter errors (`step`), cov = 2·up·H⁻¹ (a Gaussian −2 ln L with up = 1
 * gives back its covariance matrix). Bounded parameters are differentiated in internal
 * coordinates and their covariance carried back with the Jacobian.
 *
 * @param f - objective; `x` passed to it is a reused buffer (copy it to keep it)
 * @param x - the minimum [x units]
 * @param options - bounds, step (expected errors), strategy, up
 * @returns covariance, errors and status; numerical trouble goes into `success`/`message`
 * @throws FitInputError on bad input (see {@link resolveMinimizeOptions})
 * @example
 * ```ts
 * // −2 ln L of a Gaussian with σ = (1, 2), correlation 0.5
 * const f = (x: Float64Array) => (x[0]! ** 2 - 0.5 * x[0]! * x[1]! + x[1]! ** 2 / 4) / 0.75;
 * hesse(f, [0, 0]).covariance;   // ≈ [1, 1, 1, 4]
 * ```
 */
export function hesse(f: Objective, x: ArrayLike<number>, options: MinimizeOptions = {}): HesseResult {
  const opts = resolveMinimizeOptions(x, options);
  const n = opts.n;
  const t = makeBoundsTransform(n, opts.lower, opts.upper);
  const fi = new InternalObjective(f, t);
  const xi = new Float64Array(n);
  for (let i = 0; i < n; i++) xi[i] = startInternal(t, i, x[i]!, opts.step[i]!);
  const evaluate = (v: Float64Array): number => fi.evaluate(v);
  const nan = (message: string, hessian?: Float64Array): HesseResult => ({
    success: false,
    status: "failed",
    message,
    covariance: new Float64Array(n * n).fill(NaN),
    errors: new Float64Array(n).fill(NaN),
    hessian: hessian ?? new Float64Array(n * n).fill(NaN),
    madePositiveDefinite: false,
    nfev: fi.nfev,
  });
  const f0 = evaluate(xi);
  if (!Number.isFinite(f0)) return nan(`Hesse failed: objective is ${f0} at the minimum`);
  const settings = STRATEGY_SETTINGS[opts.strategy]!;
  const grad = initialGradient(t, xi, opts.step, opts.up);
  numericalGradient(evaluate, t, xi, f0, grad, settings, opts.up);
  const h = mnHesse(evaluate, () => fi.nfev, t, xi, grad, settings, opts.strategy, opts.up, 0);
  const status = h.error.status;
  if (status !== "accurate" && status !== "made-pos-def") return nan(`Hesse failed: ${h.message}`, h.hessian);
  const covariance = new Float64Array(n * n);
  const jac = new Float64Array(n);
  for (let i = 0; i < n; i++) jac[i] = externalDerivative(t, i, xi[i]!);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) covariance[i * n + j] = 2 * opts.up * h.error.v[i * n + j]! * jac[i]! * jac[j]!;
  }
  const errors = new Float64Array(n);
  for (let i = 0; i < n; i++) errors[i] = Math.sqrt(covariance[i * n + i]!);
  const made = status === "made-pos-def";
  return {
    success: true,
    status: made ? "made-positive-definite" : "ok",
    message: made ? `Hesse: ${h.message}; errors are approximate` : "Hesse terminated successfully.",
    covariance,
    errors,
    hessian: h.hessian,
    madePositiveDefinite: made,
    nfev: fi.nfev,
  };
}
