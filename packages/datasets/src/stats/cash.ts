/**
 * The Cash statistic for Poisson counts with a known expectation, per bin and summed.
 *
 * Cash (1979), ApJ 228, 939: C = 2 (μ − n ln μ), i.e. −2 ln L up to a model-independent
 * term. Expected counts at or below {@link TRUNCATION_VALUE} are raised to it, so empty
 * or negative predictions give a large but finite penalty when counts are observed.
 */

/** Smallest expected count used in the logarithm (Gammapy's `TRUNCATION_VALUE`, 1e-25). */
export const TRUNCATION_VALUE = 1e-25;

// Gammapy's compiled sum takes the log of the truncation value in single precision
// (ln(float32(1e-25)) differs from ln(1e-25) by 2e-8); cashSum reproduces that sum.
const LOG_TRUNCATION_SUM = Math.log(Math.fround(TRUNCATION_VALUE));

/**
 * Cash statistic of one bin, as Gammapy's `cash`: μ ≤ 1e-25 is replaced by 1e-25.
 *
 * @param nOn - observed counts
 * @param muOn - expected counts
 * @returns 2 (μ − n ln μ); NaN if either input is NaN
 * @example
 * ```ts
 * cashBin(2, 3); // 1.6055508453275618
 * cashBin(0, 0); // 2e-25
 * ```
 */
export function cashBin(nOn: number, muOn: number): number {
  const mu = muOn <= TRUNCATION_VALUE ? TRUNCATION_VALUE : muOn;
  return 2 * (mu - nOn * Math.log(mu));
}

/**
 * Cash statistic per bin over `length` bins starting at `offset` of every array
 * (Gammapy's `cash`, used by `MapDataset.stat_array`).
 *
 * @param length - number of bins
 * @param nOn - observed counts
 * @param muOn - expected counts
 * @param out - receives the statistic at the same positions
 * @param offset - first bin in every array. Default 0.
 * @returns `out`
 * @example
 * ```ts
 * cash(2, Float64Array.of(0, 2), Float64Array.of(1, 3), new Float64Array(2)); // [2, 1.6055508453275618]
 * ```
 */
export function cash(length: number, nOn: Float64Array, muOn: Float64Array, out: Float64Array, offset = 0): Float64Array {
  for (let i = offset; i < offset + length; i++) out[i] = cashBin(nOn[i], muOn[i]);
  return out;
}

/**
 * Summed Cash statistic, as Gammapy's compiled `cash_sum_cython` used by
 * `MapDataset.stat_sum`: bins with μ ≤ 1e-25 (or NaN) count as μ = 1e-25, bins with
 * n ≤ 0 (or NaN) add only μ. Bins with `mask[i] === 0` are skipped.
 *
 * @param length - number of bins
 * @param nOn - observed counts
 * @param muOn - expected counts
 * @param mask - optional selection (1 = use the bin); null or omitted uses all
 * @param offset - first bin in every array. Default 0.
 * @returns Σ 2 (μ − n ln μ) over the selected bins
 * @example
 * ```ts
 * cashSum(2, Float64Array.of(0, 2), Float64Array.of(1, 3)); // 3.6055508453275618
 * ```
 */
export function cashSum(
  length: number,
  nOn: Float64Array,
  muOn: Float64Array,
  mask?: Uint8Array | null,
  offset = 0,
): number {
  let sum = 0;
  for (let i = offset; i < offset + length; i++) {
    if (mask && mask[i] === 0) continue;
    let mu = muOn[i]!;
    if (!(mu > TRUNCATION_VALUE)) mu = TRUNCATION_VALUE;
    sum += mu;
    const n = nOn[i]!;
    // The logarithm only where it is used: most bins of a sky map hold no counts.
    if (n > 0) sum -= n * (mu === TRUNCATION_VALUE ? LOG_TRUNCATION_SUM : Math.log(mu));
  }
  return 2 * sum;
}

/**
 * {@link cashSum} over a list of bins, in the order given: the same sum, bit for bit, as
 * {@link cashSum} with a mask selecting exactly those bins, without visiting the others.
 *
 * @param bins - bin indices, ascending for the same result as {@link cashSum}
 * @param count - number of entries of `bins` to use
 * @param nOn - observed counts
 * @param muOn - expected counts
 * @returns Σ 2 (μ − n ln μ) over the listed bins
 * @example
 * ```ts
 * cashSumAt(Uint32Array.of(1), 1, Float64Array.of(0, 2), Float64Array.of(1, 3)); // 1.6055508453275618
 * ```
 */
export function cashSumAt(bins: Uint32Array, count: number, nOn: Float64Array, muOn: Float64Array): number {
  let sum = 0;
  for (let j = 0; j < count; j++) {
    const i = bins[j]!;
    let mu = muOn[i]!;
    if (!(mu > TRUNCATION_VALUE)) mu = TRUNCATION_VALUE;
    sum += mu;
    const n = nOn[i]!;
    if (n > 0) sum -= n * (mu === TRUNCATION_VALUE ? LOG_TRUNCATION_SUM : Math.log(mu));
  }
  return 2 * sum;
}

/**
 * {@link cashSumAt} of μ = signal + background (Gammapy's npred, where negative sums are
 * set to 0 — which the truncation at 1e-25 covers): the same sum, bit for bit, without
 * writing μ out first.
 *
 * @param bins - bin indices, ascending
 * @param count - number of entries of `bins` to use
 * @param nOn - observed counts
 * @param signal - predicted signal counts
 * @param background - predicted background counts, or null for none
 * @returns Σ 2 (μ − n ln μ) over the listed bins
 * @example
 * ```ts
 * cashSumOfSumAt(Uint32Array.of(1), 1, Float64Array.of(0, 2), Float64Array.of(0, 1), Float64Array.of(0, 2)); // 1.6055508453275618
 * ```
 */
export function cashSumOfSumAt(
  bins: Uint32Array,
  count: number,
  nOn: Float64Array,
  signal: Float64Array,
  background: Float64Array | null,
): number {
  if (background === null) return cashSumAt(bins, count, nOn, signal);
  let sum = 0;
  for (let j = 0; j < count; j++) {
    const i = bins[j]!;
    let mu = signal[i]! + background[i]!;
    if (!(mu > TRUNCATION_VALUE)) mu = TRUNCATION_VALUE;
    sum += mu;
    const n = nOn[i]!;
    if (n > 0) sum -= n * (mu === TRUNCATION_VALUE ? LOG_TRUNCATION_SUM : Math.log(mu));
  }
  return 2 * sum;
}

/**
 * Summed Cash statistic of μ = fixed + scale · varying over compact arrays (bins already
 * selected), as {@link cashSum} sums it: for a fit of one norm, where the predicted counts
 * of the other models and the background stay fixed.
 *
 * @param count - number of bins
 * @param nOn - observed counts
 * @param fixed - expected counts that do not scale
 * @param varying - expected counts at scale 1
 * @param scale - the norm
 * @returns Σ 2 (μ − n ln μ)
 * @example
 * ```ts
 * cashSumLinear(1, Float64Array.of(2), Float64Array.of(1), Float64Array.of(1), 2); // 1.6055508453275618
 * ```
 */
export function cashSumLinear(count: number, nOn: Float64Array, fixed: Float64Array, varying: Float64Array, scale: number): number {
  let sum = 0;
  for (let j = 0; j < count; j++) {
    let mu = fixed[j]! + scale * varying[j]!;
    if (!(mu > TRUNCATION_VALUE)) mu = TRUNCATION_VALUE;
    sum += mu;
    const n = nOn[j]!;
    if (n > 0) sum -= n * (mu === TRUNCATION_VALUE ? LOG_TRUNCATION_SUM : Math.log(mu));
  }
  return 2 * sum;
}

/**
 * Summed Cash statistic of bins whose expected counts are b_i · f, all above the
 * truncation, from their aggregates: Σ (μ − n ln μ) = f Σb − (Σn · ln f + Σ n ln b), sums
 * of n over bins with counts only (as {@link cashSum} takes the log only there).
 *
 * @param f - the common factor (b_i · f > 1e-25 for every bin)
 * @param sumB - Σ b_i
 * @param sumN - Σ n_i over bins with n_i > 0
 * @param sumNLogB - Σ n_i ln b_i over bins with n_i > 0
 * @returns 2 (f Σb − Σn ln f − Σ n ln b)
 * @example
 * ```ts
 * cashSumScaled(1.5, 2, 2, 2 * Math.log(2)); // 1.6055508453275618, as cashSum(1, [2], [3])
 * ```
 */
export function cashSumScaled(f: number, sumB: number, sumN: number, sumNLogB: number): number {
  return 2 * (f * sumB - (sumN * Math.log(f) + sumNLogB));
}

/**
 * {@link cashSumOfSumAt} of μ = signal + f · background over bins[start .. end): one plane
 * of a cube whose background is scaled by a common factor, without the scaled cube. The
 * signal of bin bins[j] is signal[signalAt[j]] (non-finite values count 0, as when models
 * are stacked), or 0 where signalAt[j] < 0 — so it can be read off a model's cut-out.
 *
 * @param bins - bin indices, ascending
 * @param signalAt - index into `signal` per entry of `bins`, −1 for none
 * @param start - first entry of `bins` to use
 * @param end - end of the entries to use
 * @param nOn - observed counts
 * @param signal - predicted signal counts
 * @param background - background counts before scaling
 * @param f - the factor
 * @returns Σ 2 (μ − n ln μ) over the listed bins
 * @example
 * ```ts
 * cashSumOfScaledSumAt(Uint32Array.of(0), Int32Array.of(0), 0, 1, Float64Array.of(2), Float64Array.of(1), Float64Array.of(1), 2); // 1.6055508453275618
 * ```
 */
export function cashSumOfScaledSumAt(
  bins: Uint32Array,
  signalAt: Int32Array,
  start: number,
  end: number,
  nOn: Float64Array,
  signal: Float64Array,
  background: Float64Array,
  f: number,
): number {
  let sum = 0;
  for (let j = start; j < end; j++) {
    const i = bins[j]!;
    const k = signalAt[j]!;
    let s = k < 0 ? 0 : signal[k]!;
    if (s - s !== 0) s = 0; // NaN or ±Infinity
    let mu = s + background[i]! * f;
    if (!(mu > TRUNCATION_VALUE)) mu = TRUNCATION_VALUE;
    sum += mu;
    const n = nOn[i]!;
    if (n > 0) sum -= n * (mu === TRUNCATION_VALUE ? LOG_TRUNCATION_SUM : Math.log(mu));
  }
  return 2 * sum;
}
