/**
 * The C statistic: the Cash statistic plus the model-independent terms that make it a
 * goodness-of-fit measure, per bin and summed.
 *
 * Cash (1979), ApJ 228, 939: C = 2 (μ − n + n (ln n − ln μ)), which is 0 where μ = n.
 */
import { TRUNCATION_VALUE } from "./cash.js";

/**
 * C statistic of one bin, as Gammapy's `cstat`: n and μ at or below 1e-25 are raised to
 * 1e-25; a NaN μ gives 0 (Gammapy keeps the statistic only where μ > 0).
 *
 * @param nOn - observed counts
 * @param muOn - expected counts
 * @returns 2 (μ − n + n ln(n/μ))
 * @example
 * ```ts
 * cstatBin(2, 3); // 0.3781395675673429
 * cstatBin(3, 3); // 0
 * ```
 */
export function cstatBin(nOn: number, muOn: number): number {
  const n = nOn <= TRUNCATION_VALUE ? TRUNCATION_VALUE : nOn;
  const mu = muOn <= TRUNCATION_VALUE ? TRUNCATION_VALUE : muOn;
  if (!(mu > 0)) return 0;
  return 2 * (mu - n + n * (Math.log(n) - Math.log(mu)));
}

/**
 * C statistic per bin over `length` bins starting at `offset` of every array.
 *
 * @param length - number of bins
 * @param nOn - observed counts
 * @param muOn - expected counts
 * @param out - receives the statistic at the same positions
 * @param offset - first bin in every array. Default 0.
 * @returns `out`
 * @example
 * ```ts
 * cstat(2, Float64Array.of(3, 0), Float64Array.of(3, 1), new Float64Array(2)); // [0, 2]
 * ```
 */
export function cstat(length: number, nOn: Float64Array, muOn: Float64Array, out: Float64Array, offset = 0): Float64Array {
  for (let i = offset; i < offset + length; i++) out[i] = cstatBin(nOn[i], muOn[i]);
  return out;
}

/**
 * Summed C statistic over the bins with `mask[i] !== 0` (all bins without a mask).
 *
 * @param length - number of bins
 * @param nOn - observed counts
 * @param muOn - expected counts
 * @param mask - optional selection (1 = use the bin)
 * @param offset - first bin in every array. Default 0.
 * @returns Σ cstatBin over the selected bins
 * @example
 * ```ts
 * cstatSum(2, Float64Array.of(3, 0), Float64Array.of(3, 1)); // 2
 * ```
 */
export function cstatSum(length: number, nOn: Float64Array, muOn: Float64Array, mask?: Uint8Array | null, offset = 0): number {
  let sum = 0;
  for (let i = offset; i < offset + length; i++) {
    if (mask && mask[i] === 0) continue;
    sum += cstatBin(nOn[i], muOn[i]);
  }
  return sum;
}
