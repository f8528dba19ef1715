/**
 * Confidence bounds of the norm as Gammapy's flux estimators get them (the "scipy"
 * confidence backend they are configured with): Brent's method on
 * stat(norm) − stat(best) − σ² between the best fit and a fixed search edge, one side
 * at a time. No crossing before the edge gives NaN, as in Gammapy.
 */
import { brentq } from "@gammats/core";
import { type Fit, saveStatus } from "@gammats/fit";
import type { Parameter, Parameters } from "@gammats/modeling";

/** The fit problem of one flux point: all parameters, the norm among them, the statistic. */
export interface NormFitProblem {
  /** All parameters of the fit (other models' ones included), each object once. */
  readonly parameters: Parameters;
  /** The norm that scales the source. */
  readonly norm: Parameter;
  /** Total statistic (−2 ln L) of the current parameter values. */
  stat(): number;
  /** Whether any bin is used (Gammapy's `contributes_to_stat`); if not, nothing is fitted. */
  readonly contributes: boolean;
  /** Predicted counts summed over the used bins, one entry per dataset, current values. */
  npred(): Float64Array;
}

/** Result of one side of {@link normConfidence}. */
export interface NormConfidenceSide {
  /** Distance from the best fit to where the statistic has risen by σ² [norm]; NaN if not found. */
  error: number;
  /** False when the statistic did not cross σ² before the search edge. */
  success: boolean;
  /** Statistic evaluations. */
  nfev: number;
}

/**
 * One side of the confidence interval of the norm. Starts from the current (best-fit)
 * values; the norm is held fixed while the other free parameters are re-optimised at each
 * trial value when `reoptimize` is set and there are any. Values and frozen flags are
 * restored afterwards.
 *
 * @param problem - the fit problem (parameters at the best fit)
 * @param fit - optimiser for the re-optimisation
 * @param sigma - number of σ: the statistic rises by sigma²
 * @param upper - search above (true) or below (false) the best fit
 * @param edge - end of the search [norm]: its max (upper) or min (lower) when set, else the scan range
 * @param reoptimize - re-optimise the other free parameters
 * @returns the distance and whether it was found
 */
export function normConfidenceSide(
  problem: NormFitProblem,
  fit: Fit,
  sigma: number,
  upper: boolean,
  edge: number,
  reoptimize: boolean,
): NormConfidenceSide {
  const { parameters, norm } = problem;
  // Gammapy skips the re-optimisation when the norm is the only free parameter.
  const free = parameters.unique().list.filter((p) => !p.frozen).length;
  const reopt = reoptimize && free > 1;
  const restore = saveStatus(parameters);
  try {
    const statNull = problem.stat();
    norm.frozen = true;
    // The search runs on the norm's factor (value / scale) as Gammapy's does; the
    // re-optimisation may rescale the norm, so values are set through the saved scale.
    const scale = norm.scale;
    const x0 = norm.factor;
    const delta = sigma * sigma;
    const f = (x: number): number => {
      norm.value = x * scale;
      if (reopt) fit.optimize(parameters, () => problem.stat());
      return problem.stat() - statNull - delta;
    };
    const r = brentq(f, x0, edge / scale);
    const root = r.converged ? r.root : NaN;
    return { error: Math.abs(root - x0) * scale, success: r.converged, nfev: r.functionCalls + 1 };
  } finally {
    restore();
  }
}

/**
 * Search edges of the norm's confidence interval: its bounds when it has them, else the
 * scan range (Gammapy's `conf_min` / `conf_max`).
 *
 * @param norm - the norm parameter
 * @param scanMin - lower end of the scan [norm]
 * @param scanMax - upper end of the scan [norm]
 * @returns [lower edge, upper edge]
 */
export function confidenceEdges(norm: Parameter, scanMin: number, scanMax: number): [number, number] {
  return [Number.isNaN(norm.min) ? scanMin : norm.min, Number.isNaN(norm.max) ? scanMax : norm.max];
}
