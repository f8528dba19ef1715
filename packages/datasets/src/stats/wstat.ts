/**
 * WStat: the Poisson likelihood of on counts with a Poisson-measured background (off
 * counts), the background profiled out bin by bin.
 *
 * XSPEC manual, appendix B "Poisson data with Poisson background" (cstat with background),
 * with t_s·m = μ_sig, t_b·b = μ_bkg, t_s/t_b = α; de Naurois (2012), habilitation, p. 141.
 * Bins: n_on observed on counts, n_off off counts, α on/off exposure ratio, μ_sig
 * expected signal counts in the on region.
 */

/**
 * Background counts in the off region that maximise the likelihood for a given signal
 * (XSPEC appendix B; Gammapy's `get_wstat_mu_bkg`): μ_bkg = (C + D) / (2α(α+1)) with
 * C = α(n_on + n_off) − (1+α)μ_sig, D = √(C² + 4α(α+1) n_off μ_sig).
 *
 * @param nOn - on counts
 * @param nOff - off counts
 * @param alpha - on/off exposure ratio; 0 gives NaN or ∞ (as Gammapy)
 * @param muSig - expected signal counts in the on region
 * @returns μ_bkg in off-region counts
 * @example
 * ```ts
 * wstatMuBkgBin(10, 20, 0.5, 0); // 20 (= (n_on + n_off)/(1+α), no signal)
 * ```
 */
export function wstatMuBkgBin(nOn: number, nOff: number, alpha: number, muSig: number): number {
  const c = alpha * (nOn + nOff) - (1 + alpha) * muSig;
  const d = Math.sqrt(c * c + 4 * alpha * (alpha + 1) * nOff * muSig);
  return (c + d) / (2 * alpha * (alpha + 1));
}

/**
 * The model-independent terms that turn WStat into a goodness-of-fit statistic
 * (Gammapy's `get_wstat_gof_terms`): 2 [−n_on (1 − ln n_on) − n_off (1 − ln n_off)],
 * each term 0 where its counts are 0.
 *
 * @param nOn - on counts
 * @param nOff - off counts
 * @returns the terms to add to the bare WStat
 * @example
 * ```ts
 * wstatGofTermsBin(1, 0); // -2
 * ```
 */
export function wstatGofTermsBin(nOn: number, nOff: number): number {
  let term = 0;
  if (nOn !== 0) term += -nOn * (1 - Math.log(nOn));
  if (nOff !== 0) term += -nOff * (1 - Math.log(nOff));
  return 2 * term;
}

/**
 * WStat of one bin, as Gammapy's `wstat`: 2 [μ_sig + (1+α)μ_bkg − n_on ln(μ_sig + αμ_bkg)
 * − n_off ln μ_bkg], each log term 0 where its counts are 0, plus the goodness-of-fit
 * terms when `extraTerms` (then WStat is 0 where the model equals the data).
 *
 * @param nOn - on counts
 * @param nOff - off counts
 * @param alpha - on/off exposure ratio
 * @param muSig - expected signal counts in the on region
 * @param muBkg - background counts in the off region; omitted or undefined: the
 *   profile value {@link wstatMuBkgBin}
 * @param extraTerms - add {@link wstatGofTermsBin}. Default true.
 * @returns the statistic; NaN where Gammapy's is NaN (α = 0, NaN inputs)
 * @example
 * ```ts
 * wstatBin(10, 20, 0.5, 0); // 0 (no signal expected, none seen: data = model)
 * wstatBin(10, 20, 0.5, 5); // 1.47164254800904
 * ```
 */
export function wstatBin(
  nOn: number,
  nOff: number,
  alpha: number,
  muSig: number,
  muBkg?: number,
  extraTerms = true,
): number {
  const bkg = muBkg ?? wstatMuBkgBin(nOn, nOff, alpha, muSig);
  const term1 = muSig + (1 + alpha) * bkg;
  const term2 = nOn === 0 ? 0 : -nOn * Math.log(muSig + alpha * bkg);
  const term3 = nOff === 0 ? 0 : -nOff * Math.log(bkg);
  const stat = 2 * (term1 + term2 + term3);
  return extraTerms ? stat + wstatGofTermsBin(nOn, nOff) : stat;
}

/**
 * WStat per bin over `length` bins starting at `offset` of every array (Gammapy's
 * `wstat` with the profiled background; NaN stays NaN).
 *
 * @param length - number of bins
 * @param nOn - on counts
 * @param nOff - off counts
 * @param alpha - on/off exposure ratio per bin
 * @param muSig - expected signal counts in the on region
 * @param out - receives the statistic at the same positions
 * @param offset - first bin in every array. Default 0.
 * @param extraTerms - add the goodness-of-fit terms. Default true.
 * @returns `out`
 * @example
 * ```ts
 * wstat(1, Float64Array.of(10), Float64Array.of(20), Float64Array.of(0.5), Float64Array.of(5), new Float64Array(1));
 * // [1.47164254800904]
 * ```
 */
export function wstat(
  length: number,
  nOn: Float64Array,
  nOff: Float64Array,
  alpha: Float64Array,
  muSig: Float64Array,
  out: Float64Array,
  offset = 0,
  extraTerms = true,
): Float64Array {
  for (let i = offset; i < offset + length; i++) {
    out[i] = wstatBin(nOn[i], nOff[i], alpha[i], muSig[i], undefined, extraTerms);
  }
  return out;
}

/**
 * Profile background per bin ({@link wstatMuBkgBin}) over `length` bins from `offset`.
 *
 * @param length - number of bins
 * @param nOn - on counts
 * @param nOff - off counts
 * @param alpha - on/off exposure ratio per bin
 * @param muSig - expected signal counts in the on region
 * @param out - receives μ_bkg (off-region counts)
 * @param offset - first bin in every array. Default 0.
 * @returns `out`
 * @example
 * ```ts
 * wstatMuBkg(1, Float64Array.of(10), Float64Array.of(20), Float64Array.of(0.5), Float64Array.of(0), new Float64Array(1)); // [20]
 * ```
 */
export function wstatMuBkg(
  length: number,
  nOn: Float64Array,
  nOff: Float64Array,
  alpha: Float64Array,
  muSig: Float64Array,
  out: Float64Array,
  offset = 0,
): Float64Array {
  for (let i = offset; i < offset + length; i++) out[i] = wstatMuBkgBin(nOn[i], nOff[i], alpha[i], muSig[i]);
  return out;
}

/**
 * Summed WStat (with the goodness-of-fit terms) as Gammapy's `MapDatasetOnOff.stat_sum`:
 * each bin passes numpy's `nan_to_num` first (NaN → 0, ±∞ → ±Number.MAX_VALUE), so a bin
 * with α = 0 (no off exposure) does not poison the fit; bins with
 * `mask[i] === 0` are skipped.
 *
 * @param length - number of bins
 * @param nOn - on counts
 * @param nOff - off counts
 * @param alpha - on/off exposure ratio per bin
 * @param muSig - expected signal counts in the on region
 * @param mask - optional selection (1 = use the bin)
 * @param offset - first bin in every array. Default 0.
 * @returns Σ WStat over the selected bins
 * @example
 * ```ts
 * wstatSum(2, Float64Array.of(10, 3), Float64Array.of(20, 0), Float64Array.of(0.5, 0), Float64Array.of(5, 1));
 * // 1.47164254800904 (the α = 0 bin is NaN and counts 0)
 * ```
 */
export function wstatSum(
  length: number,
  nOn: Float64Array,
  nOff: Float64Array,
  alpha: Float64Array,
  muSig: Float64Array,
  mask?: Uint8Array | null,
  offset = 0,
): number {
  let sum = 0;
  for (let i = offset; i < offset + length; i++) {
    if (mask && mask[i] === 0) continue;
    const s = wstatBin(nOn[i], nOff[i], alpha[i], muSig[i]);
    if (s === s) sum += s === Infinity ? Number.MAX_VALUE : s === -Infinity ? -Number.MAX_VALUE : s;
  }
  return sum;
}
