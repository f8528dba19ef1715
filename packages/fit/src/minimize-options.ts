/**
 * Options shared by the minimisers, the Hessian and the profile functions, their
 * defaults, and the validation that turns bad input into {@link FitInputError}s.
 */
import { FitInputError } from "./fit-input-error.js";

/** Minuit-like effort level: 0 = fast, 1 = default, 2 = careful (more derivative cycles, Hessian checks). */
export type Strategy = 0 | 1 | 2;

/** An objective: the statistic at parameter vector `x` (e.g. cash = −2 ln L + const). */
export type Objective = (x: Float64Array) => number;

/** Options of {@link minimize} and the functions built on it. */
export interface MinimizeOptions {
  /** Lower bound per parameter; NaN (or a missing array) = unbounded. */
  lower?: ArrayLike<number>;
  /** Upper bound per parameter; NaN (or a missing array) = unbounded. */
  upper?: ArrayLike<number>;
  /**
   * Initial step per parameter [x units], ideally about the expected 1σ error; it sets
   * the first derivative steps and the starting metric. Default 1 (what Gammapy gives
   * Minuit for a parameter without an error).
   */
  step?: ArrayLike<number>;
  /** Convergence tolerance: stop when EDM < 0.002 · tol · up (Minuit's rule). Default 0.1 (Gammapy's). */
  tol?: number;
  /** Effort level, as Minuit's strategy. Default 1. */
  strategy?: Strategy;
  /**
   * Change of the objective that corresponds to 1σ (Minuit's errordef). Default 1, right
   * for −2 ln L statistics (cash, wstat, χ²); use 0.5 for −ln L.
   */
  up?: number;
  /** Maximum number of objective evaluations. Default 200 + 100 n + 5 n² (Minuit's), ×4 for Nelder–Mead. */
  maxfev?: number;
}

/** {@link MinimizeOptions} with every field present and checked. */
export interface ResolvedOptions {
  n: number;
  lower: Float64Array;
  upper: Float64Array;
  step: Float64Array;
  tol: number;
  strategy: Strategy;
  up: number;
  maxfev: number;
}

/** Per-strategy tuning: Minuit2's MnStrategy table. */
export interface StrategySettings {
  /** Maximum refinement cycles of each gradient component. */
  gradientCycles: number;
  /** Relative change of a derivative step below which it is accepted. */
  gradientStepTolerance: number;
  /** Relative change of a gradient component below which cycling stops. */
  gradientTolerance: number;
  /** Maximum refinement cycles of each Hessian diagonal element. */
  hessianCycles: number;
  /** Relative change of a Hessian step below which cycling stops. */
  hessianStepTolerance: number;
  /** Relative change of a second derivative below which cycling stops. */
  hessianTolerance: number;
  /** Cycles of HESSE's first-derivative refinement. */
  hessianGradientCycles: number;
}

/** Tuning per strategy 0, 1, 2 (Minuit2's low, medium and high strategies). */
export const STRATEGY_SETTINGS: readonly StrategySettings[] = [
  {
    gradientCycles: 2,
    gradientStepTolerance: 0.5,
    gradientTolerance: 0.1,
    hessianCycles: 3,
    hessianStepTolerance: 0.5,
    hessianTolerance: 0.1,
    hessianGradientCycles: 1,
  },
  {
    gradientCycles: 3,
    gradientStepTolerance: 0.3,
    gradientTolerance: 0.05,
    hessianCycles: 5,
    hessianStepTolerance: 0.3,
    hessianTolerance: 0.05,
    hessianGradientCycles: 2,
  },
  {
    gradientCycles: 5,
    gradientStepTolerance: 0.1,
    gradientTolerance: 0.02,
    hessianCycles: 7,
    hessianStepTolerance: 0.1,
    hessianTolerance: 0.02,
    hessianGradientCycles: 6,
  },
];

/** Minuit's default call limit for n parameters. */
export function defaultMaxfev(n: number): number {
  return 200 + 100 * n + 5 * n * n;
}

/**
 * Checks the start vector and options and fills in the defaults.
 *
 * @param x0 - start values
 * @param options - user options
 * @param maxfevFactor - multiplier of the default call limit
 * @throws FitInputError on an empty or NaN start vector, wrong lengths, lower > upper,
 *   a non-positive tol, up or step, or an unknown strategy
 */
export function resolveMinimizeOptions(x0: ArrayLike<number>, options: MinimizeOptions = {}, maxfevFactor = 1): ResolvedOptions {
  const n = x0.length;
  if (n === 0) throw new FitInputError("no free parameters to fit", { hint: "unfreeze at least one parameter" });
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(x0[i]!)) {
      throw new FitInputError(`start value x[${i}] is ${x0[i]}`, { hint: "give every free parameter a finite value" });
    }
  }
  const lower = vector(options.lower, n, NaN, "lower");
  const upper = vector(options.upper, n, NaN, "upper");
  for (let i = 0; i < n; i++) {
    if (lower[i]! > upper[i]!) {
      throw new FitInputError(`bounds of x[${i}]: lower ${lower[i]} > upper ${upper[i]}`, { hint: "swap or fix min and max" });
    }
    if (lower[i] === upper[i]) {
      throw new FitInputError(`bounds of x[${i}]: lower = upper = ${lower[i]}`, { hint: "freeze the parameter instead" });
    }
  }
  const step = vector(options.step, n, 1, "step");
  for (let i = 0; i < n; i++) {
    const s = Math.abs(step[i]!);
    step[i] = s > 0 && Number.isFinite(s) ? s : 1;
  }
  const tol = options.tol ?? 0.1;
  const up = options.up ?? 1;
  const strategy = options.strategy ?? 1;
  if (!(tol > 0)) throw new FitInputError(`tol must be > 0, got ${tol}`);
  if (!(up > 0)) throw new FitInputError(`up (errordef) must be > 0, got ${up}`, { hint: "1 for -2 ln L statistics" });
  if (strategy !== 0 && strategy !== 1 && strategy !== 2) {
    throw new FitInputError(`strategy must be 0, 1 or 2, got ${String(strategy)}`);
  }
  const maxfev = options.maxfev ?? defaultMaxfev(n) * maxfevFactor;
  if (!(maxfev > 0)) throw new FitInputError(`maxfev must be > 0, got ${maxfev}`);
  return { n, lower, upper, step, tol, strategy, up, maxfev };
}

function vector(values: ArrayLike<number> | undefined, n: number, fill: number, what: string): Float64Array {
  if (values === undefined) return new Float64Array(n).fill(fill);
  if (values.length !== n) throw new FitInputError(`${what} has ${values.length} entries, expected ${n} (one per parameter)`);
  return Float64Array.from(values, (v) => (Number.isNaN(v) ? NaN : v));
}
