/**
 * The Li & Ma significance of an on/off counting measurement in closed form.
 *
 * Li & Ma (1983), ApJ 272, 317, eq. 17. It is the signed square root of the WStat TS for
 * a zero-signal null hypothesis, i.e. what Gammapy 1.0 reports as
 * `WStatCountsStatistic(n_on, n_off, alpha).sqrt_ts` (excess maps, spectrum info), without
 * evaluating the statistic twice.
 */

/**
 * Li & Ma (1983) eq. 17 significance of one bin, signed by the excess n_on − α n_off:
 * S = ±√(2 [n_on ln((1+α)/α · n_on/(n_on+n_off)) + n_off ln((1+α) n_off/(n_on+n_off))]).
 * A term with zero counts contributes 0 (its limit); rounding below zero gives 0.
 *
 * @param nOn - on counts
 * @param nOff - off counts
 * @param alpha - on/off exposure ratio (> 0)
 * @returns the significance [σ]; 0 when n_on = α n_off or n_on = n_off = 0
 * @example
 * ```ts
 * liMaSignificanceBin(10, 2, 0.1); // 6.12582052972444
 * liMaSignificanceBin(0, 2, 0.5);  // -1.27352284331011
 * ```
 */
export function liMaSignificanceBin(nOn: number, nOff: number, alpha: number): number {
  const total = nOn + nOff;
  const onTerm = nOn === 0 ? 0 : nOn * Math.log((((1 + alpha) / alpha) * nOn) / total);
  const offTerm = nOff === 0 ? 0 : nOff * Math.log(((1 + alpha) * nOff) / total);
  const ts = 2 * (onTerm + offTerm);
  const excess = nOn - alpha * nOff;
  const sign = excess > 0 ? 1 : excess < 0 ? -1 : excess === 0 ? 0 : NaN;
  return sign * Math.sqrt(ts > 0 ? ts : ts === ts ? 0 : NaN);
}

/**
 * Li & Ma (1983) eq. 17 significance per bin over `length` bins from `offset`.
 *
 * @param length - number of bins
 * @param nOn - on counts
 * @param nOff - off counts
 * @param alpha - on/off exposure ratio per bin
 * @param out - receives the significance [σ]
 * @param offset - first bin in every array. Default 0.
 * @returns `out`
 * @example
 * ```ts
 * liMaSignificance(1, Float64Array.of(10), Float64Array.of(2), Float64Array.of(0.1), new Float64Array(1)); // [6.1258…]
 * ```
 */
export function liMaSignificance(
  length: number,
  nOn: Float64Array,
  nOff: Float64Array,
  alpha: Float64Array,
  out: Float64Array,
  offset = 0,
): Float64Array {
  for (let i = offset; i < offset + length; i++) out[i] = liMaSignificanceBin(nOn[i], nOff[i], alpha[i]);
  return out;
}
