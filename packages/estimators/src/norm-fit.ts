/**
 * The per-bin core of the flux estimators (Gammapy's ParameterEstimator with the norm as
 * the parameter): best fit and covariance error, TS against norm = 0, and optionally
 * asymmetric errors, an upper limit and a likelihood scan — in Gammapy's order, so that
 * each step starts from the state the previous one left.
 */
import { type Fit, saveStatus } from "@gammats/fit";
import { type NormFitProblem, confidenceEdges, normConfidenceSide } from "./norm-confidence.js";

/** Optional steps of the estimators ("all" in options selects the three). */
export type OptionalStep = "errn-errp" | "ul" | "scan";

/** The optional steps, in Gammapy's order. */
export const OPTIONAL_STEPS: readonly OptionalStep[] = ["errn-errp", "ul", "scan"];

/** Settings of {@link fitNorm}. */
export interface NormFitOptions {
  /** Optimiser (backend, tol, strategy). */
  fit: Fit;
  /**
   * "scipy" (default): Brent's method from the best fit to the search edge
   * ({@link normConfidenceSide}); "minuit": the MINOS-like profile crossing of
   * `fit.confidence`, bounded only by the norm's bounds.
   */
  confidenceBackend?: "scipy" | "minuit";
  /** σ of the symmetric and asymmetric errors (norm_err is the covariance error × nSigma). */
  nSigma: number;
  /** σ of the upper limit. */
  nSigmaUl: number;
  /** Optional steps to run. */
  selection: readonly OptionalStep[];
  /** Re-optimise the other free parameters (else they are frozen at their values). */
  reoptimize: boolean;
  /** Norm of the null hypothesis for the TS (0 for fluxes). */
  nullValue: number;
  /** Norm values of the likelihood scan [norm]. */
  scanValues: Float64Array;
  /** Scan range, also the confidence search range when the norm has no bounds [norm]. */
  scanMin: number;
  scanMax: number;
}

/** What {@link fitNorm} estimates for one bin (NaN where a step could not run). */
export interface NormFitResult {
  /** Best-fit norm (NaN when no bin contributes). */
  norm: number;
  /** Covariance error × nSigma. */
  normErr: number;
  /** Statistic at the best fit (0 when no bin contributes, as Gammapy). */
  stat: number;
  /** Fit and covariance both succeeded. */
  success: boolean;
  /** Optimiser message. */
  message: string;
  /** stat(null) − stat(best fit). */
  ts: number;
  /** Predicted counts at the best fit, one per dataset. */
  npred: Float64Array;
  /** Negative and positive nSigma errors (with "errn-errp"). */
  normErrn?: number;
  normErrp?: number;
  /** nSigmaUl upper limit (with "ul"). */
  normUl?: number;
  /** Statistic at each scan value (with "scan"). */
  statScan?: Float64Array;
}

/**
 * Fits the norm of one flux point and derives TS, errors, limit and scan. Values and
 * frozen flags of all parameters are restored at the end; the result carries the numbers.
 * A failed fit is reported in `success`, not thrown.
 *
 * @param problem - parameters (norm included), statistic, contributing flag, npred
 * @param options - optimiser, σ levels, optional steps, scan values
 * @returns the estimates
 * @throws FitInputError only for unusable parameter settings (e.g. min > max)
 * @example
 * ```ts
 * const r = fitNorm(problem, { fit: new Fit(), nSigma: 1, nSigmaUl: 2, selection: ["ul"],
 *   reoptimize: false, nullValue: 0, scanValues, scanMin: 0.2, scanMax: 5 });
 * [r.norm, r.normErr, r.ts, r.normUl];
 * ```
 */
export function fitNorm(problem: NormFitProblem, options: NormFitOptions): NormFitResult {
  const { parameters, norm } = problem;
  const restore = saveStatus(parameters);
  try {
    if (!options.reoptimize) {
      parameters.freezeAll();
      norm.frozen = false;
    }
    const result = bestFit(problem, options);
    Object.assign(result, testStatistic(problem, options));
    const selection = new Set(options.selection);
    const [confMin, confMax] = confidenceEdges(norm, options.scanMin, options.scanMax);
    const minos = options.confidenceBackend === "minuit";
    const parabolic = result.normErr / options.nSigma;
    const stat = (): number => problem.stat();
    if (selection.has("errn-errp")) {
      let errn = NaN;
      let errp = NaN;
      if (problem.contributes) {
        options.fit.optimize(parameters, stat);
        if (minos) {
          // Gammapy's MINOS backend always re-optimises the other free parameters; they
          // are frozen here unless `reoptimize`. Where MINOS finds no crossing, Minuit2
          // reports the parabolic error instead.
          const r = options.fit.confidence(parameters, stat, norm, options.nSigma, true);
          [errn, errp] = [orParabolic(r.errn, parabolic), orParabolic(r.errp, parabolic)];
        } else {
          errn = normConfidenceSide(problem, options.fit, options.nSigma, false, confMin, options.reoptimize).error;
          errp = normConfidenceSide(problem, options.fit, options.nSigma, true, confMax, options.reoptimize).error;
        }
      }
      result.normErrn = errn;
      result.normErrp = errp;
    }
    if (selection.has("ul")) {
      let ul = NaN;
      if (problem.contributes) {
        options.fit.optimize(parameters, stat);
        const errp = minos
          ? orParabolic(options.fit.upperLimit(parameters, stat, norm, options.nSigmaUl).errp, parabolic)
          : normConfidenceSide(problem, options.fit, options.nSigmaUl, true, confMax, options.reoptimize).error;
        ul = errp + norm.value;
      }
      result.normUl = ul;
    }
    if (selection.has("scan")) result.statScan = statScan(problem, options);
    return result;
  } finally {
    restore();
  }
}

// Minuit2's MinosError falls back to the (1σ) parabolic error of a side it could not find.
function orParabolic(err: number, parabolic: number): number {
  return Number.isFinite(err) ? err : parabolic;
}

type BaseResult = Omit<NormFitResult, "ts" | "npred"> & Partial<Pick<NormFitResult, "ts" | "npred">>;

function bestFit(problem: NormFitProblem, options: NormFitOptions): NormFitResult {
  const out: BaseResult = { norm: NaN, normErr: NaN, stat: 0, success: false, message: "No bin contributes to the statistic." };
  if (problem.contributes) {
    const r = options.fit.run(problem.parameters, () => problem.stat());
    out.norm = problem.norm.value;
    out.normErr = problem.norm.error * options.nSigma;
    out.stat = r.optimizeResult.totalStat;
    out.success = r.success;
    out.message = r.message;
  }
  return out as NormFitResult;
}

function testStatistic(problem: NormFitProblem, options: NormFitOptions): { ts: number; npred: Float64Array } {
  const npred = problem.npred();
  let stat = NaN;
  if (problem.contributes) stat = problem.stat();
  else npred.fill(NaN);
  const restore = saveStatus(problem.parameters);
  try {
    problem.norm.value = options.nullValue;
    if (options.reoptimize) {
      problem.norm.frozen = true;
      optimizeOthers(problem, options.fit);
    }
    return { ts: problem.stat() - stat, npred };
  } finally {
    restore();
  }
}

function statScan(problem: NormFitProblem, options: NormFitOptions): Float64Array {
  const values = options.scanValues;
  const out = new Float64Array(values.length);
  if (!problem.contributes) return out.fill(NaN);
  options.fit.optimize(problem.parameters, () => problem.stat());
  const restore = saveStatus(problem.parameters);
  try {
    values.forEach((v, i) => {
      problem.norm.value = v;
      if (options.reoptimize) {
        problem.norm.frozen = true;
        optimizeOthers(problem, options.fit);
      }
      out[i] = problem.stat();
    });
  } finally {
    restore();
  }
  return out;
}

// Gammapy would stop with "No free parameters" here; with nothing else to fit, the
// statistic at the fixed norm is the answer.
function optimizeOthers(problem: NormFitProblem, fit: Fit): void {
  if (problem.parameters.list.some((p) => !p.frozen)) fit.optimize(problem.parameters, () => problem.stat());
}
