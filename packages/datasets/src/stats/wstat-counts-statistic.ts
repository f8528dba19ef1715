/**
 * Counts statistic of an on/off measurement: Poisson on counts with a background measured
 * by Poisson off counts (WStat).
 */
import { broadcastInputs, CountsStatistic, signOf, sumOf } from "./counts-statistic.js";
import type { NumberOrArray } from "./counts-statistic.js";
import { wstatBin } from "./wstat.js";

/**
 * Significance, errors and upper limits of n_on on counts with n_off off counts and
 * on/off exposure ratio α, optionally with a known signal μ_sig, element-wise (Gammapy's
 * `WStatCountsStatistic`). The background is profiled out (`wstatMuBkgBin`).
 *
 * With μ_sig = 0, `sqrtTs` is the Li & Ma (1983) eq. 17 significance.
 *
 * @example
 * ```ts
 * const stat = new WStatCountsStatistic(10, 2, 0.1);
 * stat.nSig;   // Float64Array [9.8]
 * stat.sqrtTs; // Float64Array [6.1258205297...]
 * ```
 */
export class WStatCountsStatistic extends CountsStatistic {
  /** Counts in the on region. */
  readonly nOn: Float64Array;
  /** Counts in the off region. */
  readonly nOff: Float64Array;
  /** On/off exposure (acceptance) ratio. */
  readonly alpha: Float64Array;
  /** Known expected signal counts in the on region (0 when not given). */
  readonly muSig: Float64Array;

  /**
   * @param nOn - on counts
   * @param nOff - off counts
   * @param alpha - on/off exposure ratio (α = 0 is degenerate: WStat is NaN, and so are
   *   most results, as in Gammapy)
   * @param muSig - known signal counts in the on region. Default 0.
   * @throws DataError when array lengths differ
   */
  constructor(nOn: NumberOrArray, nOff: NumberOrArray, alpha: NumberOrArray, muSig: NumberOrArray = 0) {
    super();
    [this.nOn, this.nOff, this.alpha, this.muSig] = broadcastInputs(
      ["n_on", "n_off", "alpha", "mu_sig"],
      [nOn, nOff, alpha, muSig],
    );
  }

  /** Background counts in the on region, α · n_off. */
  get nBkg(): Float64Array {
    return this.nOff.map((n, i) => this.alpha[i] * n);
  }

  /** Excess n_on − α n_off − μ_sig. */
  get nSig(): Float64Array {
    return this.nOn.map((n, i) => n - this.alpha[i] * this.nOff[i] - this.muSig[i]);
  }

  /** Approximate error on the excess, √(n_on + α² n_off). */
  get error(): Float64Array {
    return this.nOn.map((n, i) => Math.sqrt(n + this.alpha[i] ** 2 * this.nOff[i]));
  }

  /** WStat for the known signal only (no excess). */
  get statNull(): Float64Array {
    return this.nOn.map((n, i) => wstatBin(n, this.nOff[i], this.alpha[i], this.muSig[i]));
  }

  /** WStat at the best fit, signal = n_on − α n_off. */
  get statMax(): Float64Array {
    const nSig = this.nSig;
    return this.nOn.map((n, i) => wstatBin(n, this.nOff[i], this.alpha[i], nSig[i] + this.muSig[i]));
  }

  /**
   * The summed measurement: total on and off counts, α = Σ α n_off / Σ n_off, and total
   * known signal. (Gammapy 1.0 drops μ_sig here; summing it keeps the excess additive and
   * agrees with Gammapy whenever μ_sig = 0.)
   *
   * @returns a one-element statistic
   * @example
   * ```ts
   * new WStatCountsStatistic([5, 6], [10, 30], [0.2, 0.1]).sum().alpha; // Float64Array [0.125]
   * ```
   */
  sum(): WStatCountsStatistic {
    const nOff = sumOf(this.nOff);
    return new WStatCountsStatistic([sumOf(this.nOn)], [nOff], [sumOf(this.nBkg) / nOff], [sumOf(this.muSig)]);
  }

  protected statFcn(i: number, mu: number, delta: number): number {
    return wstatBin(this.nOn[i], this.nOff[i], this.alpha[i], mu + this.muSig[i]) - delta;
  }

  protected nSigMatchingSignificanceFcn(i: number, nSig: number, significance: number): number {
    const nOn = nSig + this.alpha[i] * this.nOff[i];
    const stat0 = wstatBin(nOn, this.nOff[i], this.alpha[i], 0);
    const stat1 = wstatBin(nOn, this.nOff[i], this.alpha[i], nSig);
    const d = stat0 - stat1;
    return signOf(nSig) * Math.sqrt(d < 0 ? 0 : d) - significance;
  }
}
