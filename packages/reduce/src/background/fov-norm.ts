/**
 * The numbers behind FoVBackgroundMaker, as Gammapy 1.0 computes them: sums of counts,
 * predicted counts and predicted background over the usable bins, the "scale" ratio
 * (counts − non-background npred) / background with its Poisson error, and the "fit" of
 * the background norm model's free parameters by the Cash statistic.
 */
import { cashSum } from "@gammats/datasets";
import type { FoVBackgroundModel } from "@gammats/modeling";
import { newtonMinimize } from "./small-newton.js";
import type { SmallFitResult } from "./small-newton.js";

/** Sums over the usable bins (Gammapy's `_make_masked_summed_counts`). */
export interface FovSums {
  /** Σ counts. */
  counts: number;
  /** Σ npred (signal + background). */
  npred: number;
  /** Σ predicted background. */
  background: number;
}

/**
 * Sums of counts, npred and predicted background over the bins where `mask` is 1 and
 * npred is not NaN.
 *
 * @param counts - counts per bin
 * @param npred - predicted counts per bin
 * @param background - predicted background per bin
 * @param mask - 1 for usable bins
 * @returns the sums
 * @example
 * ```ts
 * fovSums(Float64Array.of(3, 5), Float64Array.of(2, NaN), Float64Array.of(2, 4), Uint8Array.of(1, 1)); // { counts: 3, npred: 2, background: 2 }
 * ```
 */
export function fovSums(counts: ArrayLike<number>, npred: ArrayLike<number>, background: ArrayLike<number>, mask: Uint8Array): FovSums {
  let c = 0;
  let n = 0;
  let b = 0;
  for (let i = 0; i < mask.length; i++) {
    if (mask[i] === 0 || Number.isNaN(npred[i]!)) continue;
    c += counts[i]!;
    n += npred[i]!;
    b += background[i]!;
  }
  return { counts: c, npred: n, background: b };
}

/** Inputs of {@link fovSumsBackgroundOnly}: arrays over the counts cube, planes of `planeSize` bins. */
export interface FovBackgroundOnlyData {
  /** Observed counts. */
  counts: ArrayLike<number>;
  /** Background map (before the norm model). */
  background: ArrayLike<number>;
  /** The FoV background model's factor per reco-energy plane. */
  factors: ArrayLike<number>;
  /** Bins per energy plane (ny · nx). */
  planeSize: number;
  /** Safe mask (1 = usable), or null. */
  maskSafe: ArrayLike<number> | null;
  /** Fit mask (1 = usable), or null. */
  maskFit: ArrayLike<number> | null;
}

/**
 * {@link fovSums} of a dataset whose only model is its FoV background model, in one pass
 * over the cube: npred is then max(0, 0 + background · factor) — the same numbers, summed
 * in the same order, as the dataset's npred, predicted background and mask (safe ∧ fit)
 * give through the general path, without building those maps.
 *
 * @param data - counts, background, factors per plane, masks
 * @returns the sums
 * @example
 * ```ts
 * fovSumsBackgroundOnly({ counts: [3, 5], background: [2, 4], factors: [1], planeSize: 2, maskSafe: [1, 0], maskFit: null });
 * // { counts: 3, npred: 2, background: 2 }
 * ```
 */
export function fovSumsBackgroundOnly(data: FovBackgroundOnlyData): FovSums {
  // Running sums [counts, npred, background], carried from plane to plane.
  const acc = new Float64Array(3);
  const n = data.factors.length;
  const { counts, background, maskSafe: safe, maskFit: fit, planeSize } = data;
  for (let p = 0; p < n; p++) {
    const f = data.factors[p]!;
    // Both masks (the analysis' case, with an exclusion mask): a lean loop without the
    // per-bin tests of which masks exist (it runs interpreted until optimised).
    if (safe !== null && fit !== null) sumPlaneBothMasks(counts, background, safe, fit, p * planeSize, (p + 1) * planeSize, f, acc);
    else sumPlane(data, p * planeSize, (p + 1) * planeSize, f, acc);
  }
  return { counts: acc[0]!, npred: acc[1]!, background: acc[2]! };
}

/**
 * One plane of {@link fovSumsBackgroundOnly}, added into `acc`. The sums live in `acc`
 * inside the loop: code after a loop that has never run has no type feedback, and the
 * loop's on-stack-replaced code was thrown away there, plane after plane.
 */
function sumPlane(data: FovBackgroundOnlyData, i0: number, i1: number, f: number, acc: Float64Array): void {
  const { counts, background, maskSafe: safe, maskFit: fit } = data;
  for (let i = i0; i < i1; i++) {
    const m = safe === null ? (fit === null ? 1 : fit[i]!) : fit === null ? safe[i]! : safe[i]! & fit[i]!;
    if (m === 0) continue;
    const bkg = background[i]! * f;
    const v = 0 + bkg;
    const npred = v < 0 ? 0 : v;
    if (Number.isNaN(npred)) continue;
    acc[0] = acc[0]! + counts[i]!;
    acc[1] = acc[1]! + npred;
    acc[2] = acc[2]! + bkg;
  }
}

/** {@link sumPlane} with both masks given: the bins where safe & fit is not 0. */
function sumPlaneBothMasks(
  counts: ArrayLike<number>,
  background: ArrayLike<number>,
  safe: ArrayLike<number>,
  fit: ArrayLike<number>,
  i0: number,
  i1: number,
  f: number,
  acc: Float64Array,
): void {
  for (let i = i0; i < i1; i++) {
    if ((safe[i]! & fit[i]!) === 0) continue;
    const bkg = background[i]! * f;
    const v = 0 + bkg;
    const npred = v < 0 ? 0 : v;
    if (npred !== npred) continue;
    acc[0] = acc[0]! + counts[i]!;
    acc[1] = acc[1]! + npred;
    acc[2] = acc[2]! + bkg;
  }
}

/**
 * Why the background cannot be normalised (Gammapy's `_verify_requirements`), or null.
 *
 * @param sums - the sums
 * @param minCounts - counts must exceed this
 * @param minNpredBackground - the predicted background must exceed this
 * @returns the reason (a sentence fragment for the warning), or null when usable
 */
export function fovFailure(sums: FovSums, minCounts: number, minNpredBackground: number): string | null {
  const excess = sums.counts - (sums.npred - sums.background);
  if (!Number.isFinite(excess / sums.background)) return "Non-finite normalisation value";
  if (sums.background <= minNpredBackground) return `Only ${Math.trunc(sums.background)} background counts outside exclusion mask`;
  if (sums.counts <= minCounts) return `Only ${Math.trunc(sums.counts)} counts outside exclusion mask`;
  if (excess <= 0) return "Negative residuals counts";
  return null;
}

/**
 * The "scale" normalisation and its error (Gammapy's `make_background_scale`).
 *
 * @param sums - the sums
 * @returns norm = (counts − (npred − background)) / background, error = √(numerator) / background
 * @example
 * ```ts
 * fovScale({ counts: 110, npred: 100, background: 100 }); // { norm: 1.1, error: 0.10488 }
 * ```
 */
export function fovScale(sums: FovSums): { norm: number; error: number } {
  const excess = sums.counts - (sums.npred - sums.background);
  return { norm: excess / sums.background, error: Math.sqrt(excess) / sums.background };
}

/** Inputs of {@link fitFovModel}: arrays over the counts cube, planes of `planeSize` bins. */
export interface FovFitData {
  /** Observed counts. */
  counts: Float64Array;
  /** Background map (before the norm model). */
  background: ArrayLike<number>;
  /** Predicted signal of the (frozen) sky models, or null. */
  signal: ArrayLike<number> | null;
  /** 1 for the bins the statistic is summed over. */
  mask: Uint8Array;
  /** Reco-energy bin centres [TeV], one per plane. */
  energy: Float64Array;
  /** Bins per energy plane (ny · nx). */
  planeSize: number;
}

/**
 * Fits the free parameters of a FoV background model by the Cash statistic of
 * npred = max(0, signal + background · model(E)) over the masked bins (Gammapy's
 * `make_background_fit`, sky models frozen). The model's parameters are set to the best
 * fit, their errors and covariance from the Hessian; bounds (min/max) are respected.
 *
 * @param model - the FoV background model (changed in place)
 * @param data - counts, background, signal, mask, energies
 * @returns the minimiser's result (`success`, `message`, `stat`)
 * @example
 * ```ts
 * const r = fitFovModel(model, { counts, background, signal: null, mask, energy, planeSize: nx * ny });
 * model.parameters.get("norm").value; // best-fit norm
 * ```
 */
export function fitFovModel(model: FoVBackgroundModel, data: FovFitData): SmallFitResult {
  const params = model.parameters.list;
  const free = params.filter((p) => !p.frozen);
  const n = data.counts.length;
  const mu = new Float64Array(n);
  const nPlanes = data.energy.length;
  const factors = new Float64Array(nPlanes);
  const stat = (x: Float64Array): number => {
    for (let k = 0; k < free.length; k++) {
      const p = free[k]!;
      if (x[k]! < p.min || x[k]! > p.max) return Infinity;
      p.value = x[k]!;
    }
    model.evaluate(data.energy, factors);
    const { background: b, signal: s } = data;
    for (let pl = 0; pl < nPlanes; pl++) {
      const f = factors[pl]!;
      const o = pl * data.planeSize;
      for (let i = o; i < o + data.planeSize; i++) {
        const v = (s === null ? 0 : s[i]!) + b[i]! * f;
        mu[i] = v < 0 ? 0 : v;
      }
    }
    return cashSum(n, data.counts, mu, data.mask);
  };
  const x0 = Float64Array.from(free, (p) => p.value);
  const scale = Float64Array.from(free, (p) => (p.value !== 0 ? Math.abs(p.value) : 1));
  const result = free.length === 0 ? { x: x0, stat: stat(x0), covariance: new Float64Array(0), success: true, message: "no free parameter", nfev: 1 } : newtonMinimize(stat, x0, scale);
  stat(result.x);
  // Errors and covariance of all parameters (frozen ones 0), as a fit leaves them.
  const all = params.length;
  const cov = new Float64Array(all * all);
  const idx = free.map((p) => params.indexOf(p));
  for (let a = 0; a < free.length; a++) for (let b = 0; b < free.length; b++) cov[idx[a]! * all + idx[b]!] = result.covariance[a * free.length + b]!;
  model.covariance = cov;
  return result;
}
