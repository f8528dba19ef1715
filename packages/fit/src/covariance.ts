/**
 * HESSE-like covariance: numerical Hessian at the minimum, fixed up to be positive
 * definite when needed, cov = 2·up·H⁻¹ (for f = −2 ln L and up = 1 this is the inverse
 * Fisher information), carried from internal to external values by the Jacobian of the
 * bounds transform.
 */
import {
  externalDerivative,
  internalStep,
  makeBoundsTransform,
  maxInternalSteps,
  toInternal,
} from "./bounds-transform.js";
import { numericalHessian } from "./hessian.js";
import { InternalObjective } from "./internal-objective.js";
import {
  type MinimizeOptions,
  type Objective,
  STRATEGY_SETTINGS,
  type StrategySettings,
  resolveMinimizeOptions,
} from "./minimize-options.js";
import { type DerivativeState, seedDerivativeState } from "./numerical-derivatives.js";
import type { DerivativeSeed } from "./minimize-result.js";
import { makePositiveDefinite } from "./positive-definite.js";
import { invertPositiveDefinite } from "./symmetric-matrix.js";

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

/** Inverse Hessian in internal coordinates, or why there is none. */
export interface InternalInverse {
  ok: boolean;
  message: string;
  hessian: Float64Array;
  inverse: Float64Array | undefined;
  madePositiveDefinite: boolean;
}

/**
 * Hessian and its inverse at internal point x (shared by {@link hesse} and the strategy
 * checks of the variable-metric minimiser).
 *
 * @param f - internal objective
 * @param x - internal point (restored)
 * @param f0 - f(x)
 * @param state - derivative state (seed; updated)
 * @param settings - strategy settings
 * @param up - 1σ change of f
 * @param maxStep - largest internal step per parameter
 * @param seeded - `state` is the minimiser's last gradient (Minuit's HESSE after MIGRAD)
 */
export function internalHessianInverse(
  f: (x: Float64Array) => number,
  x: Float64Array,
  f0: number,
  state: DerivativeState,
  settings: StrategySettings,
  up: number,
  maxStep: Float64Array,
  seeded = false,
): InternalInverse {
  const n = x.length;
  const hessian = new Float64Array(n * n);
  const est = numericalHessian(f, x, f0, state, settings, up, maxStep, hessian, seeded);
  if (!est.ok) return { ok: false, message: est.message, hessian, inverse: undefined, madePositiveDefinite: false };
  let inverse = est.nonPositive.length === 0 ? invertPositiveDefinite(hessian, n) : undefined;
  let madePositiveDefinite = false;
  let message = "";
  if (inverse === undefined) {
    const fixed = Float64Array.from(hessian);
    makePositiveDefinite(fixed, n);
    inverse = invertPositiveDefinite(fixed, n);
    madePositiveDefinite = true;
    const where = est.nonPositive.length > 0 ? ` (no curvature upwards along parameter ${est.nonPositive.join(", ")})` : "";
    message = `Hessian was not positive definite${where} and was made so; errors are approximate`;
    if (inverse === undefined) return { ok: false, message: "Hessian is singular", hessian, inverse, madePositiveDefinite };
  }
  return { ok: true, message, hessian, inverse, madePositiveDefinite };
}

/**
 * Covariance of the minimum of `f` at `x` from a numerical Hessian, as Minuit's HESSE:
 * cov = 2·up·H⁻¹ (Gaussian −2 ln L with up = 1 gives back its covariance matrix).
 * Bounded parameters are differentiated in internal coordinates and their covariance
 * carried back with the Jacobian, so a parameter sitting on a bound gets a tiny error.
 *
 * @param f - objective; `x` passed to it is a reused buffer (copy it to keep it)
 * @param x - the minimum [x units]
 * @param options - bounds, step (expected errors, seeds the step search), strategy, up;
 *   `seed`: the minimiser's last derivative steps and curvatures at `x` (internal
 *   coordinates, `MinimizeResult.derivatives`), so that the step search starts where
 *   Minuit's HESSE after MIGRAD starts
 * @returns covariance, errors and status; numerical trouble goes into `success`/`message`
 * @throws FitInputError on bad input (see {@link resolveMinimizeOptions})
 * @example
 * ```ts
 * // −2 ln L of a Gaussian with σ = (1, 2), correlation 0.5
 * const f = (x: Float64Array) => (x[0]! ** 2 - 0.5 * x[0]! * x[1]! + x[1]! ** 2 / 4) / 0.75;
 * hesse(f, [0, 0]).covariance;   // ≈ [1, 1, 1, 4]
 * ```
 */
export function hesse(f: Objective, x: ArrayLike<number>, options: MinimizeOptions & { seed?: DerivativeSeed } = {}): HesseResult {
  const opts = resolveMinimizeOptions(x, options);
  const n = opts.n;
  const t = makeBoundsTransform(n, opts.lower, opts.upper);
  const fi = new InternalObjective(f, t);
  const xi = new Float64Array(n);
  const err = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    xi[i] = toInternal(t, i, x[i]!);
    err[i] = internalStep(t, i, x[i]!, opts.step[i]!);
  }
  const evaluate = (v: Float64Array): number => fi.evaluate(v);
  const f0 = evaluate(xi);
  const nan = (message: string): HesseResult => ({
    success: false,
    status: "failed",
    message,
    covariance: new Float64Array(n * n).fill(NaN),
    errors: new Float64Array(n).fill(NaN),
    hessian: new Float64Array(n * n).fill(NaN),
    madePositiveDefinite: false,
    nfev: fi.nfev,
  });
  if (!Number.isFinite(f0)) return nan(`Hesse failed: objective is ${f0} at the minimum`);
  const state = seedDerivativeState(err, opts.up);
  const seed = options.seed;
  const seeded = seed !== undefined && seed.step.length === n && seed.g2.length === n;
  if (seeded) {
    state.step.set(seed.step);
    state.g2.set(seed.g2);
  }
  const inv = internalHessianInverse(evaluate, xi, f0, state, STRATEGY_SETTINGS[opts.strategy]!, opts.up, maxInternalSteps(t), seeded);
  if (!inv.ok || inv.inverse === undefined) return { ...nan(`Hesse failed: ${inv.message}`), hessian: inv.hessian };
  const covariance = new Float64Array(n * n);
  const jac = new Float64Array(n);
  for (let i = 0; i < n; i++) jac[i] = externalDerivative(t, i, xi[i]!);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) covariance[i * n + j] = 2 * opts.up * inv.inverse[i * n + j]! * jac[i]! * jac[j]!;
  }
  const errors = new Float64Array(n);
  for (let i = 0; i < n; i++) errors[i] = Math.sqrt(covariance[i * n + i]!);
  return {
    success: true,
    status: inv.madePositiveDefinite ? "made-positive-definite" : "ok",
    message: inv.madePositiveDefinite ? `Hesse: ${inv.message}` : "Hesse terminated successfully.",
    covariance,
    errors,
    hessian: inv.hessian,
    madePositiveDefinite: inv.madePositiveDefinite,
    nfev: fi.nfev,
  };
}
