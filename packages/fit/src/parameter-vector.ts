/**
 * The bridge between `Parameters` of @gammats/modeling and the optimiser core: the free
 * parameters' factors as a vector, their bounds and steps in factor space, an objective
 * that writes factors into the parameters and calls the statistic, and status restore.
 */
import type { Logger } from "@gammats/core";
import type { Parameter, ParameterKey, Parameters } from "@gammats/modeling";
import { FitInputError } from "./fit-input-error.js";
import type { Objective } from "./minimize-options.js";

/** A fit problem in factor space. */
export interface FactorProblem {
  /** The parameters the vector holds (unique, free, in list order; plus an included one). */
  parameters: Parameter[];
  /** Current factors. */
  x0: Float64Array;
  /** Lower factor bounds (NaN = none). */
  lower: Float64Array;
  /** Upper factor bounds (NaN = none). */
  upper: Float64Array;
  /** Initial steps: error / scale, or 1 without an error (as Gammapy gives Minuit). */
  step: Float64Array;
  /** Sets the factors and returns the statistic. */
  objective: Objective;
  /** Writes a factor vector into the parameters. */
  setFactors(x: ArrayLike<number>): void;
}

/**
 * The unique free parameters in list order (linked parameters once), plus those of
 * `include` at their place even when frozen.
 *
 * @throws FitInputError when there is none
 */
export function fitParameters(parameters: Parameters, include: readonly Parameter[] = []): Parameter[] {
  const out = parameters.unique().list.filter((p) => !p.frozen || include.includes(p));
  if (out.length === 0) {
    throw new FitInputError("No free parameters for fitting", {
      hint: `all of ${parameters.names.join(", ") || "(none)"} are frozen; unfreeze at least one`,
    });
  }
  return out;
}

/**
 * Builds the factor-space problem of the unique free parameters (and `include`).
 *
 * @param parameters - all parameters of the fit
 * @param stat - statistic of the current parameter values (e.g. total cash)
 * @param options - `include`: parameters to put in the vector even if frozen; `logger`
 * @throws FitInputError when no parameter is free, a value is not finite, or min > max
 * @example
 * ```ts
 * const p = factorProblem(model.parameters, () => datasets.statSum());
 * minimize(p.objective, p.x0, { lower: p.lower, upper: p.upper, step: p.step });
 * ```
 */
export function factorProblem(
  parameters: Parameters,
  stat: () => number,
  options: { include?: readonly Parameter[]; logger?: Logger } = {},
): FactorProblem {
  const list = fitParameters(parameters, options.include);
  const n = list.length;
  const x0 = new Float64Array(n);
  const lower = new Float64Array(n);
  const upper = new Float64Array(n);
  const step = new Float64Array(n);
  list.forEach((p, i) => {
    if (!Number.isFinite(p.value) || !Number.isFinite(p.scale) || p.scale === 0) {
      throw new FitInputError(`parameter '${p.name}' has value ${p.value} (scale ${p.scale})`, {
        hint: "give it a finite start value",
      });
    }
    if (p.min > p.max) {
      throw new FitInputError(`parameter '${p.name}': min ${p.min} > max ${p.max}`, { hint: "swap or fix the bounds" });
    }
    if ((!Number.isNaN(p.min) && p.value < p.min) || (!Number.isNaN(p.max) && p.value > p.max)) {
      options.logger?.warning(`Value ${p.value} is outside bounds [${p.min}, ${p.max}] for parameter '${p.name}'`);
    }
    x0[i] = p.factor;
    // A negative scale ("factor1" on a negative value) flips the factor bounds.
    const a = p.factorMin;
    const b = p.factorMax;
    lower[i] = p.scale > 0 ? a : b;
    upper[i] = p.scale > 0 ? b : a;
    const e = Math.abs(p.error / p.scale);
    step[i] = e > 0 && Number.isFinite(e) ? e : 1;
  });
  const setFactors = (x: ArrayLike<number>): void => {
    for (let i = 0; i < n; i++) list[i]!.factor = x[i]!;
  };
  const objective = (x: Float64Array): number => {
    setFactors(x);
    return stat();
  };
  return { parameters: list, x0, lower, upper, step, objective, setFactors };
}

/**
 * Index of a parameter (object, name or index in `parameters`) in a factor problem.
 *
 * @throws FitInputError (via Parameters.get: ConfigError) when unknown or not in the vector
 */
export function problemIndex(parameters: Parameters, problem: FactorProblem, key: ParameterKey): number {
  const p = parameters.get(key);
  const i = problem.parameters.indexOf(p);
  if (i < 0) throw new FitInputError(`parameter '${p.name}' is frozen`, { hint: "unfreeze it to compute its confidence interval" });
  return i;
}

/**
 * Remembers values and frozen flags and returns a function that puts them back
 * (Gammapy's `restore_status`).
 */
export function saveStatus(parameters: Parameters): () => void {
  const list = [...parameters.list];
  const values = list.map((p) => p.value);
  const frozen = list.map((p) => p.frozen);
  return () => {
    list.forEach((p, i) => {
      p.value = values[i]!;
      p.frozen = frozen[i]!;
    });
  };
}
