/**
 * @gammats/fit — minimisation (own MIGRAD-like variable metric; Nelder–Mead via fmin),
 * covariance from a numerical Hessian, likelihood profiles, MINOS-like confidence
 * intervals and upper limits; `Fit` runs them on @gammats/modeling Parameters as
 * Gammapy's Fit does.
 *
 * @packageDocumentation
 */

// Fit facade over Parameters
export { Fit } from "./fit.js";
export type { FitOptions } from "./fit.js";
export { snapshotParameters } from "./fit-result.js";
export type {
  FitBackend,
  FitResult,
  OptimizeResult,
  CovarianceResult,
  ParameterSnapshot,
  FitConfidenceResult,
  FitUpperLimitResult,
  StatProfileResult,
  StatSurfaceResult,
} from "./fit-result.js";
export { factorProblem, fitParameters, saveStatus } from "./parameter-vector.js";
export type { FactorProblem } from "./parameter-vector.js";
export { FitInputError } from "./fit-input-error.js";

// optimiser core on plain objectives f(x: Float64Array)
export { minimize } from "./minimize.js";
export type { MinimizeWithMethodOptions } from "./minimize.js";
export { migrad, migrad as minimizeVariableMetric } from "./migrad.js";
export { minimizeNelderMead } from "./nelder-mead.js";
export { STRATEGY_SETTINGS, defaultMaxfev, resolveMinimizeOptions } from "./minimize-options.js";
export type { MinimizeOptions, Objective, Strategy, StrategySettings, ResolvedOptions } from "./minimize-options.js";
export { parametersAtBound } from "./minimize-result.js";
export type { MinimizeResult, MinimizeStatus, MinimizeMethod } from "./minimize-result.js";
export { hesse } from "./covariance.js";
export type { HesseResult, HesseStatus } from "./covariance.js";
export { likelihoodProfile, likelihoodSurface, scanFixed } from "./profile.js";
export type { ProfileOptions, ScanResult } from "./profile.js";
export { confidenceInterval, upperLimit } from "./confidence.js";
export type { ConfidenceOptions, ConfidenceResult, UpperLimitOptions, UpperLimitResult } from "./confidence.js";

// building blocks
export {
  UNBOUNDED,
  LOWER_BOUND,
  UPPER_BOUND,
  BOTH_BOUNDS,
  makeBoundsTransform,
  toInternal,
  toExternal,
  startInternal,
  externalDerivative,
} from "./bounds-transform.js";
export type { BoundsTransform } from "./bounds-transform.js";
export { MN_EPS, MN_EPS2, initialGradient, numericalGradient } from "./migrad-gradient.js";
export type { Gradient } from "./migrad-gradient.js";
export { mnHesse, mnPosDef, estimateEdm } from "./migrad-hesse.js";
export type { ErrorMatrix, ErrorMatrixStatus, HesseState } from "./migrad-hesse.js";
export { mnLineSearch } from "./migrad-line-search.js";
export type { LineSearchPoint } from "./migrad-line-search.js";
