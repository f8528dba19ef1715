/**
 * `Fit`: Gammapy's Fit over gammats Parameters and a statistic callback: optimise
 * (variable metric or Nelder–Mead), covariance (HESSE-like), confidence intervals, upper
 * limits, likelihood profiles and surfaces.
 */
import { type Logger, silentLogger } from "@gammats/core";
import { type ParameterKey, type Parameters, covarianceFromFactors } from "@gammats/modeling";
import { confidenceInterval } from "./confidence.js";
import { hesse } from "./covariance.js";
import { FitInputError } from "./fit-input-error.js";
import {
  type CovarianceResult,
  type FitBackend,
  type FitConfidenceResult,
  type FitResult,
  type FitUpperLimitResult,
  type OptimizeResult,
  type StatProfileResult,
  type StatSurfaceResult,
  snapshotParameters,
} from "./fit-result.js";
import { minimize } from "./minimize.js";
import type { Strategy } from "./minimize-options.js";
import { factorProblem, problemIndex, saveStatus } from "./parameter-vector.js";
import { likelihoodProfile, likelihoodSurface } from "./profile.js";

/** Options of {@link Fit}. */
export interface FitOptions {
  /**
   * "variable-metric" (default; MIGRAD-like) or "nelder-mead". Gammapy's names are
   * accepted too: "minuit" = variable-metric, "scipy" = nelder-mead.
   */
  backend?: FitBackend | "minuit" | "scipy";
  /** Convergence tolerance: EDM < 0.002·tol·up. Default 0.1 (Gammapy's). */
  tol?: number;
  /** 0, 1 (default) or 2, as Minuit's strategy. */
  strategy?: Strategy;
  /** Statistic change of 1σ (Minuit's errordef). Default 1: Gammapy's statistics are −2 ln L. */
  up?: number;
  /** Evaluation limit of one optimisation. Default: Minuit's 200 + 100 n + 5 n² (×4 for Nelder–Mead). */
  maxfev?: number;
  /** Where to log (default: nowhere). */
  logger?: Logger;
}

/**
 * Fits parameters to a statistic, as Gammapy's `Fit`. The statistic is a callback that
 * reads the current parameter values (e.g. `() => datasets.statSum()`); the fit sets
 * factors on the parameters and calls it. After `run`, the parameters hold the best-fit
 * values, their errors and the covariance matrix.
 *
 * @example
 * ```ts
 * const fit = new Fit();
 * const result = fit.run(model.parameters, () => cash(counts, npred(model)));
 * result.success;                                  // true
 * model.parameters.get("index").error;             // 1σ error from the covariance
 * fit.confidence(model.parameters, stat, "amplitude", 1);   // { errn, errp, ... }
 * ```
 */
export class Fit {
  /** Optimisation backend. */
  readonly backend: FitBackend;
  /** Tolerance, strategy, up and call limit of the optimiser core. */
  readonly tol: number;
  readonly strategy: Strategy;
  readonly up: number;
  readonly maxfev: number | undefined;
  private readonly logger: Logger;

  /**
   * @param options - backend, tol, strategy, up, maxfev, logger
   * @throws FitInputError on an unknown backend
   */
  constructor(options: FitOptions = {}) {
    const b = options.backend ?? "variable-metric";
    if (b === "variable-metric" || b === "minuit") this.backend = "variable-metric";
    else if (b === "nelder-mead" || b === "scipy") this.backend = "nelder-mead";
    else {
      throw new FitInputError(`unknown fit backend '${String(b)}'`, {
        hint: "use 'variable-metric' (alias 'minuit') or 'nelder-mead' (alias 'scipy')",
      });
    }
    this.tol = options.tol ?? 0.1;
    this.strategy = options.strategy ?? 1;
    this.up = options.up ?? 1;
    this.maxfev = options.maxfev;
    this.logger = options.logger ?? silentLogger;
  }

  /**
   * Optimises, then computes the covariance and stores values, errors and covariance on
   * the parameters (Gammapy's `Fit.run`).
   *
   * @param parameters - all parameters of the fit (frozen ones stay fixed)
   * @param stat - statistic of the current parameter values
   * @throws FitInputError when no parameter is free or a start value / bound is invalid
   */
  run(parameters: Parameters, stat: () => number): FitResult {
    const optimizeResult = this.optimize(parameters, stat);
    // As Gammapy's Fit.run with iminuit: the covariance is MIGRAD's final one (from the
    // HESSE it ran to verify the minimum, or its metric when it trusted it); Nelder–Mead
    // has none, so HESSE runs afresh.
    const r = optimizeResult.minimizeResult;
    const covarianceResult =
      r.covariance !== undefined && r.covariance.every(Number.isFinite)
        ? this.storeCovariance(parameters, stat, r.covariance, r.covarianceStatus === "made-pos-def")
        : this.covariance(parameters, stat);
    const success = optimizeResult.success && covarianceResult.success;
    let message = optimizeResult.message;
    if (covarianceResult.status !== "ok") message += ` ${covarianceResult.message}`;
    return {
      success,
      message,
      nfev: optimizeResult.nfev,
      totalStat: optimizeResult.totalStat,
      parameters: snapshotParameters(parameters),
      covariance: Float64Array.from(covarianceResult.matrix),
      optimizeResult,
      covarianceResult,
    };
  }

  /**
   * Minimises the statistic over the free parameters (after autoscaling them, as Gammapy)
   * and leaves the best-fit values on them.
   *
   * @param parameters - all parameters of the fit
   * @param stat - statistic of the current parameter values
   * @throws FitInputError on bad input
   */
  optimize(parameters: Parameters, stat: () => number): OptimizeResult {
    parameters.autoscale();
    const problem = factorProblem(parameters, stat, { logger: this.logger });
    const r = minimize(problem.objective, problem.x0, this.minimizeOptions(problem));
    problem.setFactors(r.x);
    const totalStat = stat();
    const atBound = problem.parameters.filter((_, i) => r.atBound[i]).map((p) => p.name);
    let message = r.message.replace(/ Parameters? x\[.*$/, "");
    if (atBound.length > 0) message += ` Parameter${atBound.length > 1 ? "s" : ""} ${atBound.join(", ")} at or near a bound.`;
    this.logger.debug(`fit: ${message} (nfev ${r.nfev}, stat ${totalStat}, edm ${r.edm})`);
    if (!r.success) this.logger.warning(`fit: ${message}`);
    return {
      backend: this.backend,
      method: this.backend === "variable-metric" ? "migrad" : "nelder-mead",
      success: r.success && problem.parameters.every((p) => Number.isFinite(p.value)),
      message,
      nfev: r.nfev,
      totalStat,
      parameters: snapshotParameters(parameters),
      atBound,
      minimizeResult: r,
    };
  }

  /**
   * Covariance at the current (best-fit) values from a numerical Hessian of the
   * statistic in factor space: cov = 2·up·H⁻¹, scaled to parameter units. Sets the
   * covariance and the errors on the parameters; the values are left unchanged.
   *
   * @param parameters - all parameters of the fit
   * @param stat - statistic of the current parameter values
   * @throws FitInputError on bad input
   */
  covariance(parameters: Parameters, stat: () => number): CovarianceResult {
    const problem = factorProblem(parameters, stat, { logger: this.logger });
    const h = hesse(problem.objective, problem.x0, this.minimizeOptions(problem));
    problem.setFactors(problem.x0);
    this.setCovariance(parameters, problem.parameters, h.covariance);
    if (!h.success) this.logger.warning(`fit: ${h.message}`);
    return {
      backend: this.backend,
      method: "hesse",
      success: h.success,
      status: h.status,
      message: h.message,
      matrix: parameters.covariance,
      madePositiveDefinite: h.madePositiveDefinite,
      nfev: h.nfev,
    };
  }

  // The covariance MIGRAD ended with (factor space) onto the parameters.
  private storeCovariance(parameters: Parameters, stat: () => number, factors: Float64Array, madePositiveDefinite: boolean): CovarianceResult {
    const problem = factorProblem(parameters, stat, { logger: this.logger });
    this.setCovariance(parameters, problem.parameters, factors);
    const message = madePositiveDefinite ? "Hesse: the Hessian was made positive definite; errors are approximate" : "Hesse terminated successfully.";
    return {
      backend: this.backend,
      method: "hesse",
      success: true,
      status: madePositiveDefinite ? "made-positive-definite" : "ok",
      message,
      matrix: parameters.covariance,
      madePositiveDefinite,
      nfev: 0,
    };
  }

  private setCovariance(parameters: Parameters, free: readonly { error: number; scale: number }[], factors: Float64Array): void {
    const n = free.length;
    parameters.covariance = covarianceFromFactors(parameters, factors);
    // Linked parameters appear more than once in the list: give each its own error.
    free.forEach((p, i) => (p.error = Math.sqrt(factors[i * n + i]!) * Math.abs(p.scale)));
  }

  /**
   * Asymmetric confidence interval of one parameter from the profile likelihood
   * (MINOS-like): where the statistic, re-optimised over the other parameters, rises by
   * sigma²·up. Optimises first; restores values and frozen flags afterwards.
   *
   * @param parameters - all parameters of the fit
   * @param stat - statistic of the current parameter values
   * @param parameter - the parameter (object, name or index); must be free
   * @param sigma - number of σ (default 1)
   * @param reoptimize - re-optimise the other parameters (default true)
   * @throws FitInputError when the parameter is frozen or unknown, or on bad input
   */
  confidence(
    parameters: Parameters,
    stat: () => number,
    parameter: ParameterKey,
    sigma = 1,
    reoptimize = true,
  ): FitConfidenceResult {
    const restore = saveStatus(parameters);
    try {
      const { r, index, scale, problem } = this.bestFit(parameters, stat, parameter);
      const ci = confidenceInterval(problem.objective, r.x, index, {
        ...this.minimizeOptions(problem),
        sigma,
        reoptimize,
        fmin: r.fval,
        ...(r.success ? { error: r.errors[index]! } : {}),
      });
      // A negative scale turns the factor interval around.
      const [errn, errp] = scale > 0 ? [ci.errn, ci.errp] : [ci.errp, ci.errn];
      return {
        errp: errp * Math.abs(scale),
        errn: errn * Math.abs(scale),
        success: ci.success && r.success,
        message: r.success ? ci.message : `${r.message} ${ci.message}`,
        nfev: r.nfev + ci.nfev,
      };
    } finally {
      restore();
    }
  }

  /**
   * One-sided upper limit of a parameter: best fit + the distance at which the profile
   * rises by nSigma²·up (Gammapy's flux-point upper limits use nSigma = n_sigma_ul = 2).
   *
   * @param parameters - all parameters of the fit
   * @param stat - statistic of the current parameter values
   * @param parameter - the parameter (object, name or index); must be free
   * @param nSigma - number of σ (default 2)
   * @throws FitInputError when the parameter is frozen or unknown, or on bad input
   */
  upperLimit(parameters: Parameters, stat: () => number, parameter: ParameterKey, nSigma = 2): FitUpperLimitResult {
    const restore = saveStatus(parameters);
    try {
      const { r, index, scale, problem } = this.bestFit(parameters, stat, parameter);
      const ci = confidenceInterval(problem.objective, r.x, index, {
        ...this.minimizeOptions(problem),
        sigma: nSigma,
        side: scale > 0 ? "upper" : "lower",
        fmin: r.fval,
        // MIGRAD's error only where its minimum is valid (not on a kink or plateau)
        ...(r.success ? { error: r.errors[index]! } : {}),
      });
      const dist = scale > 0 ? ci.errp : ci.errn;
      return {
        value: (r.x[index]! + Math.sign(scale) * dist) * scale,
        errp: dist * Math.abs(scale),
        success: ci.success && r.success,
        atBound: scale > 0 ? ci.upperAtBound : ci.lowerAtBound,
        message: ci.success ? "Upper limit found." : ci.message,
        nfev: r.nfev + ci.nfev,
      };
    } finally {
      restore();
    }
  }

  /**
   * Statistic as a function of one parameter (Gammapy's `stat_profile`): at each value,
   * the other free parameters are re-optimised (`reoptimize`) or kept as they are.
   * Values and frozen flags are restored afterwards.
   *
   * @param parameters - all parameters of the fit
   * @param stat - statistic of the current parameter values
   * @param parameter - the scanned parameter (may be frozen)
   * @param values - values to scan [parameter unit]
   * @param reoptimize - re-optimise the others (default false, as Gammapy)
   * @throws FitInputError on bad input
   */
  statProfile(
    parameters: Parameters,
    stat: () => number,
    parameter: ParameterKey,
    values: ArrayLike<number>,
    reoptimize = false,
  ): StatProfileResult {
    const restore = saveStatus(parameters);
    try {
      parameters.autoscale();
      const p = parameters.get(parameter);
      const problem = factorProblem(parameters, stat, { include: [p], logger: this.logger });
      const index = problem.parameters.indexOf(p);
      const factors = Float64Array.from(values, (v) => v / p.scale);
      const r = likelihoodProfile(problem.objective, problem.x0, index, factors, {
        ...this.minimizeOptions(problem),
        reoptimize,
      });
      return { values: Float64Array.from(values), stat: r.stat, success: r.success, nfev: r.nfev };
    } finally {
      restore();
    }
  }

  /**
   * Statistic on a grid of two parameters (Gammapy's `stat_surface`), row-major with the
   * second parameter fastest. Values and frozen flags are restored afterwards.
   *
   * @param parameters - all parameters of the fit
   * @param stat - statistic of the current parameter values
   * @param x - first parameter (may be frozen)
   * @param y - second parameter (may be frozen)
   * @param xValues - values of x [its unit]
   * @param yValues - values of y [its unit]
   * @param reoptimize - re-optimise the others (default false, as Gammapy)
   * @throws FitInputError on bad input
   */
  statSurface(
    parameters: Parameters,
    stat: () => number,
    x: ParameterKey,
    y: ParameterKey,
    xValues: ArrayLike<number>,
    yValues: ArrayLike<number>,
    reoptimize = false,
  ): StatSurfaceResult {
    const restore = saveStatus(parameters);
    try {
      parameters.autoscale();
      const px = parameters.get(x);
      const py = parameters.get(y);
      const problem = factorProblem(parameters, stat, { include: [px, py], logger: this.logger });
      const ix = problem.parameters.indexOf(px);
      const iy = problem.parameters.indexOf(py);
      const r = likelihoodSurface(
        problem.objective,
        problem.x0,
        ix,
        iy,
        Float64Array.from(xValues, (v) => v / px.scale),
        Float64Array.from(yValues, (v) => v / py.scale),
        { ...this.minimizeOptions(problem), reoptimize },
      );
      return {
        xValues: Float64Array.from(xValues),
        yValues: Float64Array.from(yValues),
        stat: r.stat,
        success: r.success,
        nfev: r.nfev,
      };
    } finally {
      restore();
    }
  }

  private bestFit(parameters: Parameters, stat: () => number, parameter: ParameterKey) {
    parameters.autoscale();
    const problem = factorProblem(parameters, stat, { logger: this.logger });
    const index = problemIndex(parameters, problem, parameter);
    const r = minimize(problem.objective, problem.x0, this.minimizeOptions(problem));
    return { r, index, scale: problem.parameters[index]!.scale, problem };
  }

  private minimizeOptions(problem: { lower: Float64Array; upper: Float64Array; step: Float64Array }) {
    return {
      method: this.backend,
      lower: problem.lower,
      upper: problem.upper,
      step: problem.step,
      tol: this.tol,
      strategy: this.strategy,
      up: this.up,
      ...(this.maxfev === undefined ? {} : { maxfev: this.maxfev }),
    } as const;
  }
}
