/**
 * Results of the `Fit` steps, shaped as Gammapy's OptimizeResult, CovarianceResult and
 * FitResult, with values in parameter units.
 */
import type { Parameters } from "@gammats/modeling";
import type { HesseStatus } from "./covariance.js";
import type { MinimizeResult } from "./minimize-result.js";

/** Name of an optimisation backend. */
export type FitBackend = "variable-metric" | "nelder-mead";

/** Names, values, errors and units of all parameters of a fit, copied at one moment. */
export interface ParameterSnapshot {
  names: string[];
  /** Values [each parameter's unit]. */
  values: Float64Array;
  /** 1σ errors [each parameter's unit]. */
  errors: Float64Array;
  units: string[];
}

/** Result of `Fit.optimize`. */
export interface OptimizeResult {
  /** Backend that ran. */
  backend: FitBackend;
  /** "migrad" for the variable metric (Gammapy's name for the method), "nelder-mead" otherwise. */
  method: "migrad" | "nelder-mead";
  /** True when the minimiser converged. */
  success: boolean;
  /** Gammapy-style message, with notes on parameters at a bound. */
  message: string;
  /** Objective evaluations. */
  nfev: number;
  /** Statistic at the best fit. */
  totalStat: number;
  /** Parameters after the optimisation. */
  parameters: ParameterSnapshot;
  /** Names of parameters on or within half an error of a bound. */
  atBound: string[];
  /** The optimiser core's result (factor space). */
  minimizeResult: MinimizeResult;
}

/** Result of `Fit.covariance`. */
export interface CovarianceResult {
  backend: FitBackend;
  method: "hesse";
  /** True when a covariance matrix was obtained. */
  success: boolean;
  /** "ok", "made-positive-definite" or "failed". */
  status: HesseStatus;
  message: string;
  /** Row-major n×n over all parameters of the list [parameter units]; zero rows for frozen ones. */
  matrix: Float64Array;
  /** True when the Hessian had to be made positive definite (errors approximate). */
  madePositiveDefinite: boolean;
  /** Objective evaluations. */
  nfev: number;
}

/** Result of `Fit.run`: optimisation followed by covariance. */
export interface FitResult {
  /** Both steps succeeded (as Gammapy: optimize.success && covariance.success). */
  success: boolean;
  /** The optimisation message (and the covariance message when that step failed or was fixed up). */
  message: string;
  /** Objective evaluations of the optimisation. */
  nfev: number;
  /** Statistic at the best fit. */
  totalStat: number;
  /** Best-fit values and errors. */
  parameters: ParameterSnapshot;
  /** Covariance matrix over all parameters [parameter units]. */
  covariance: Float64Array;
  optimizeResult: OptimizeResult;
  covarianceResult: CovarianceResult;
}

/**
 * Copies names, values, errors and units of all parameters.
 *
 * @param parameters - the list
 */
export function snapshotParameters(parameters: Parameters): ParameterSnapshot {
  return {
    names: parameters.names,
    values: parameters.values,
    errors: parameters.errors,
    units: parameters.list.map((p) => p.unit),
  };
}

/** Result of `Fit.confidence` [parameter unit]. */
export interface FitConfidenceResult {
  /** Distance from the best fit up to the upper end of the interval. */
  errp: number;
  /** Distance from the best fit down to the lower end (positive, as Gammapy). */
  errn: number;
  success: boolean;
  message: string;
  nfev: number;
}

/** Result of `Fit.upperLimit` [parameter unit]. */
export interface FitUpperLimitResult {
  /** The upper limit: best fit + errp. */
  value: number;
  /** Distance from the best fit to the limit. */
  errp: number;
  success: boolean;
  /** True when the profile stayed below the threshold up to the parameter's max. */
  atBound: boolean;
  message: string;
  nfev: number;
}

/** Result of `Fit.statProfile`. */
export interface StatProfileResult {
  /** Scanned values [parameter unit]. */
  values: Float64Array;
  /** Statistic at each value. */
  stat: Float64Array;
  /** Whether each re-optimisation converged (true for slices). */
  success: boolean[];
  nfev: number;
}

/** Result of `Fit.statSurface`. */
export interface StatSurfaceResult {
  xValues: Float64Array;
  yValues: Float64Array;
  /** Statistic, row-major xValues.length × yValues.length. */
  stat: Float64Array;
  success: boolean[];
  nfev: number;
}
