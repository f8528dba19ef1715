/**
 * Counts statistic of a Poisson measurement with a known background (Cash statistic).
 */
import { cashBin } from "./cash.js";
import { broadcastInputs, CountsStatistic, signOf, sumOf } from "./counts-statistic.js";
import type { NumberOrArray } from "./counts-statistic.js";

/**
 * Significance, errors and upper limits of n_on counts over a known background μ_bkg,
 * element-wise (Gammapy's `CashCountsStatistic`). The likelihood is Poisson in n_on with
 * expectation μ_bkg + signal.
 *
 * @example
 * ```ts
 * const stat = new CashCountsStatistic([10, 0], [2, 2]);
 * stat.nSig;   // Float64Array [8, -2]
 * stat.sqrtTs; // Float64Array [4.0235255993..., -2]
 * ```
 */
export class CashCountsStatistic extends CountsStatistic {
  /** Measured counts. */
  readonly nOn: Float64Array;
  /** Known background counts. */
  readonly muBkg: Float64Array;

  /**
   * @param nOn - measured counts
   * @param muBkg - known background counts (a number applies to every element)
   * @throws DataError when array lengths differ
   */
  constructor(nOn: NumberOrArray, muBkg: NumberOrArray) {
    super();
    [this.nOn, this.muBkg] = broadcastInputs(["n_on", "mu_bkg"], [nOn, muBkg]);
  }

  /** Expected background counts (= muBkg). */
  get nBkg(): Float64Array {
    return this.muBkg.slice();
  }

  /** Excess n_on − μ_bkg. */
  get nSig(): Float64Array {
    return this.nOn.map((n, i) => n - this.muBkg[i]);
  }

  /** Approximate error on the excess, √n_on. */
  get error(): Float64Array {
    return this.nOn.map((n) => Math.sqrt(n));
  }

  /** Cash statistic with no signal, cash(n_on, μ_bkg). */
  get statNull(): Float64Array {
    return this.nOn.map((n, i) => cashBin(n, this.muBkg[i]));
  }

  /** Cash statistic at the best fit (expectation = n_on), cash(n_on, n_on). */
  get statMax(): Float64Array {
    return this.nOn.map((n) => cashBin(n, n));
  }

  /**
   * The summed measurement: total counts over total background.
   *
   * @returns a one-element statistic
   * @example
   * ```ts
   * new CashCountsStatistic([3, 4], [1, 2]).sum().nSig; // Float64Array [4]
   * ```
   */
  sum(): CashCountsStatistic {
    return new CashCountsStatistic([sumOf(this.nOn)], [sumOf(this.muBkg)]);
  }

  protected statFcn(i: number, mu: number, delta: number): number {
    return cashBin(this.nOn[i], this.muBkg[i] + mu) - delta;
  }

  protected nSigMatchingSignificanceFcn(i: number, nSig: number, significance: number): number {
    const bkg = this.muBkg[i];
    const ts0 = cashBin(nSig + bkg, bkg);
    const ts1 = cashBin(nSig + bkg, bkg + nSig);
    const d = ts0 - ts1;
    return signOf(nSig) * Math.sqrt(d < 0 ? 0 : d) - significance;
  }
}
