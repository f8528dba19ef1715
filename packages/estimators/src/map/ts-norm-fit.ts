/**
 * The one-parameter fit behind each TS-map pixel (Gammapy's `SimpleMapDataset` and
 * `BrentqFluxEstimator`): the amplitude x of a kernel-shaped source on a fixed background,
 * npred = b + x·m over the kernel's cut-out, found as the root of the Cash derivative
 * (Stewart 2009, appendix A) with Brent's method between analytic bounds.
 */
import { brentq } from "@gammats/core";
import { TRUNCATION_VALUE } from "@gammats/datasets";

// Gammapy's compiled cash sum takes the log of the truncation value in single precision.
const LOG_TRUNCATION = Math.log(Math.fround(TRUNCATION_VALUE));

/** Cut-out arrays of one pixel (length n each): counts, background, model counts at x = 1. */
export interface TsPixelData {
  /** Number of cut-out pixels used. */
  n: number;
  /** Counts. */
  counts: Float64Array;
  /** Background (the dataset's npred). */
  background: Float64Array;
  /** Source counts at norm 1 (kernel × exposure). */
  model: Float64Array;
}

/**
 * Cash statistic 2 Σ (μ − c ln μ) of npred μ = b + x·m, μ ≤ 1e-25 raised to 1e-25
 * (Gammapy's `cash_sum_cython`).
 *
 * @param d - cut-out arrays
 * @param x - norm
 * @returns the statistic
 */
export function tsCashSum(d: TsPixelData, x: number): number {
  const { n, counts, background, model } = d;
  let sum = 0;
  for (let i = 0; i < n; i++) {
    let mu = background[i]! + x * model[i]!;
    let logMu: number;
    if (mu > TRUNCATION_VALUE) logMu = Math.log(mu);
    else {
      mu = TRUNCATION_VALUE;
      logMu = LOG_TRUNCATION;
    }
    sum += mu;
    if (counts[i]! > 0) sum -= counts[i]! * logMu;
  }
  return 2 * sum;
}

/**
 * Derivative of the Cash statistic with respect to the norm, over pixels with m > 0
 * (Gammapy's `f_cash_root_cython`).
 *
 * @param d - cut-out arrays
 * @param x - norm
 * @returns 2 Σ m (1 − c / (x m + b))
 */
export function tsCashDerivative(d: TsPixelData, x: number): number {
  const { n, counts, background, model } = d;
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const m = model[i]!;
    if (m > 0) sum += counts[i]! > 0 ? m * (1 - counts[i]! / (x * m + background[i]!)) : m;
  }
  return 2 * sum;
}

/** 2 Σ m (1 + c / (x m + b)) over pixels with m > 0: the size of the terms of the derivative. */
function derivativeScale(d: TsPixelData, x: number): number {
  const { n, counts, background, model } = d;
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const m = model[i]!;
    if (m > 0) sum += m * (1 + Math.abs(counts[i]! / (x * m + background[i]!)));
  }
  return 2 * sum;
}

/**
 * Bracket of the norm and its physical minimum (Gammapy's `norm_bounds_cython`):
 * [c_min / Σm − (b/m)_min, Σc / Σm − (b/m)_min] with (b/m)_min over pixels with counts
 * (c_min its counts), and −min b/m over all pixels with m > 0 (npred ≥ 0).
 *
 * @param d - cut-out arrays
 * @returns [lower, upper, minimum norm]
 */
export function tsNormBounds(d: TsPixelData): [number, number, number] {
  const { n, counts, background, model } = d;
  let sModel = 0;
  let sCounts = 0;
  let snMin = 1e14;
  let cMin = 1;
  let snMinTotal = 1e14;
  for (let i = 0; i < n; i++) {
    const m = model[i]!;
    if (counts[i]! > 0) {
      sCounts += counts[i]!;
      if (m > 0) {
        const sn = background[i]! / m;
        if (sn < snMin) {
          snMin = sn;
          cMin = counts[i]!;
        }
      }
    }
    if (m > 0) {
      sModel += m;
      const sn = background[i]! / m;
      if (sn < snMinTotal) snMinTotal = sn;
    }
  }
  return [cMin / sModel - snMin, sCounts / sModel - snMin, -snMinTotal];
}

/** Σ m² c / (b + x m)² over pixels with a non-zero denominator (half the Cash curvature). */
function curvature(d: TsPixelData, x: number): number {
  const { n, counts, background, model } = d;
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const m = model[i]!;
    const mu = background[i]! + x * m;
    const bottom = mu * mu;
    if (bottom !== 0) sum += (m * m * counts[i]!) / bottom;
  }
  return sum;
}

/** Settings of {@link fitTsPixel}. */
export interface TsFitOptions {
  /** Relative tolerance of the norm (and of the error / UL roots). */
  rtol: number;
  /** Number of sigma of norm_err, norm_errn, norm_errp. */
  nSigma: number;
  /** Number of sigma of norm_ul. */
  nSigmaUl: number;
  /** Only fit when the TS of the starting guess exceeds this; undefined = always fit. */
  threshold: number | undefined;
  /** Compute norm_errn and norm_errp. */
  errnErrp: boolean;
  /** Compute norm_ul. */
  ul: boolean;
}

/** Iteration cap of the norm fit and of the confidence roots (Gammapy's `max_niter`). */
const MAX_NITER = 20;

/** Results of one pixel, Gammapy's quantity names. */
export interface TsPixelResult {
  norm: number;
  norm_err: number;
  niter: number;
  ts: number;
  stat: number;
  stat_null: number;
  success: boolean;
  npred: number;
  npred_excess: number;
  norm_errn?: number;
  norm_errp?: number;
  norm_ul?: number;
}

/**
 * Fits one pixel: the starting guess (kept when its TS is below `threshold`) or Brent's
 * root of the Cash derivative within {@link tsNormBounds} (at most 20 iterations; a failed
 * search gives the minimum norm with success false), clipped to the minimum norm; the
 * symmetric error from the curvature; errors and upper limit from the likelihood profile.
 *
 * @param d - cut-out arrays
 * @param normGuess - starting guess (used only with a threshold)
 * @param o - settings
 * @returns the results
 */
export function fitTsPixel(d: TsPixelData, normGuess: number, o: TsFitOptions): TsPixelResult {
  let result = o.threshold === undefined ? undefined : estimateAt(d, normGuess, 0, true, o.nSigma);
  if (result === undefined || result.ts > o.threshold!) result = bestFit(d, o);
  let npred = 0;
  let npredNull = 0;
  for (let i = 0; i < d.n; i++) {
    npred += d.background[i]! + result.norm * d.model[i]!;
    npredNull += d.background[i]!;
  }
  result.npred = npred;
  result.npred_excess = npred - npredNull;
  if (o.ul) result.norm_ul = result.norm + confidence(d, o.nSigmaUl, result, true, o.rtol);
  if (o.errnErrp) {
    result.norm_errn = confidence(d, o.nSigma, result, false, o.rtol);
    result.norm_errp = confidence(d, o.nSigma, result, true, o.rtol);
  }
  return result;
}

function estimateAt(d: TsPixelData, norm: number, niter: number, success: boolean, nSigma: number): TsPixelResult {
  const normErr = Math.sqrt(1 / curvature(d, norm)) * nSigma;
  const stat = tsCashSum(d, norm);
  const statNull = tsCashSum(d, 0);
  return { norm, norm_err: normErr, niter, ts: statNull - stat, stat, stat_null: statNull, success, npred: NaN, npred_excess: NaN };
}

function bestFit(d: TsPixelData, o: TsFitOptions): TsPixelResult {
  const [normMin, normMax, normMinTotal] = tsNormBounds(d);
  let counts = 0;
  for (let i = 0; i < d.n; i++) counts += d.counts[i]!;
  if (!(counts > 0)) return estimateAt(d, normMinTotal, 0, true, o.nSigma);
  // With one kernel pixel (a point source without PSF) the lower bound is the root itself;
  // f there is zero up to rounding, and whether Gammapy's f(a) comes out exactly 0 (found),
  // or of either sign (one more step, or a sign error and a failed fit) depends on the last
  // bit of its BLAS sums. Within rounding gammats takes f(a) = 0, the exact-arithmetic case.
  let fa = tsCashDerivative(d, normMin);
  if (Math.abs(fa) <= 64 * Number.EPSILON * derivativeScale(d, normMin)) fa = 0;
  const fb = tsCashDerivative(d, normMax);
  const r = brentq((x) => tsCashDerivative(d, x), normMin, normMax, { rtol: o.rtol, maxiter: MAX_NITER, fa, fb });
  // scipy raises on a sign error or when not converged; Gammapy then keeps the minimum norm.
  if (!r.converged) return estimateAt(d, normMinTotal, MAX_NITER, false, o.nSigma);
  return estimateAt(d, Math.max(r.root, normMinTotal), r.iterations, true, o.nSigma);
}

/** Distance from the norm to where the statistic rises by n², upwards or downwards; NaN if not found. */
function confidence(d: TsPixelData, nSigma: number, best: TsPixelResult, positive: boolean, rtol: number): number {
  const target = best.stat + nSigma * nSigma;
  const lo = positive ? best.norm : best.norm - 1e2 * best.norm_err;
  const hi = positive ? best.norm + 1e2 * best.norm_err : best.norm;
  const r = brentq((x) => target - tsCashSum(d, x), lo, hi, { rtol, maxiter: MAX_NITER });
  if (!r.converged) return NaN;
  return (r.root - best.norm) * (positive ? 1 : -1);
}
