/**
 * What Cash and WStat counts statistics share: test statistic, significance, p-value,
 * likelihood-profile errors and upper limits, and the excess matching a significance —
 * element-wise over flat arrays of measurements, with Gammapy 1.0's conventions.
 */
import { DataError, brentq, erfc, secant } from "@gammats/core";

/** A number (the same for every element) or one value per element. */
export type NumberOrArray = number | ArrayLike<number>;

/**
 * Copies inputs into Float64Arrays of one common length; numbers and length-1 arrays are
 * repeated (numpy broadcasting in one dimension).
 *
 * @param names - input names, for the error message
 * @param values - the inputs, in the order of `names`
 * @throws DataError when two arrays have different lengths (neither 1)
 * @example
 * ```ts
 * broadcastInputs(["n_on", "mu_bkg"], [[1, 2], 0.5]); // [Float64Array[1, 2], Float64Array[0.5, 0.5]]
 * ```
 */
export function broadcastInputs(names: readonly string[], values: readonly NumberOrArray[]): Float64Array[] {
  let length = 1;
  let from = "";
  for (let k = 0; k < values.length; k++) {
    const v = values[k];
    if (typeof v === "number" || v.length === 1) continue;
    if (length !== 1 && v.length !== length) {
      throw new DataError(`${names[k]} has ${v.length} elements but ${from} has ${length}`, {
        hint: "pass arrays of one length, or a single number to use for every element",
      });
    }
    length = v.length;
    from = names[k];
  }
  return values.map((v) => {
    if (typeof v === "number") return new Float64Array(length).fill(v);
    if (v.length === 1 && length !== 1) return new Float64Array(length).fill(v[0]);
    return Float64Array.from(v);
  });
}

/** numpy's sign: −1, 0 or 1, NaN for NaN (so 0 · √TS stays 0, never −0). */
export function signOf(x: number): number {
  return x > 0 ? 1 : x < 0 ? -1 : x === 0 ? 0 : NaN;
}

/** Sum of all elements (in order). */
export function sumOf(a: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i];
  return s;
}

/**
 * Base class of `CashCountsStatistic` and `WStatCountsStatistic`: all quantities
 * are Float64Arrays with one element per measurement, computed on access.
 */
export abstract class CountsStatistic {
  /** Measured counts (in the on region). */
  abstract readonly nOn: Float64Array;
  /** Number of measurements. */
  get length(): number {
    return this.nOn.length;
  }
  /** Expected background counts in the on region. */
  abstract get nBkg(): Float64Array;
  /** Excess: measured counts minus the expected background (and known signal). */
  abstract get nSig(): Float64Array;
  /** Approximate (Gaussian) error on the excess, from the curvature of the likelihood. */
  abstract get error(): Float64Array;
  /** Statistic of the null hypothesis (no excess). */
  abstract get statNull(): Float64Array;
  /** Statistic at the best-fit excess. */
  abstract get statMax(): Float64Array;

  /** Statistic of element `i` for the signal `mu` (added to any known signal), minus `delta`. */
  protected abstract statFcn(i: number, mu: number, delta: number): number;
  /** Signed √TS of element `i` if the measured excess were `nSig`, minus `significance`. */
  protected abstract nSigMatchingSignificanceFcn(i: number, nSig: number, significance: number): number;

  /**
   * Test statistic of the measured excess against no excess: statNull − statMax, negative
   * rounding clipped to 0.
   */
  get ts(): Float64Array {
    const ts = this.statNull;
    const max = this.statMax;
    for (let i = 0; i < ts.length; i++) {
      const d = ts[i] - max[i];
      ts[i] = d < 0 ? 0 : d;
    }
    return ts;
  }

  /** Significance: √TS signed by the excess (0 where the excess is 0) [σ]. */
  get sqrtTs(): Float64Array {
    const ts = this.ts;
    const nSig = this.nSig;
    for (let i = 0; i < ts.length; i++) ts[i] = signOf(nSig[i]) * Math.sqrt(ts[i]);
    return ts;
  }

  /**
   * One-sided p-value of the TS, ½ · P(χ²₁ > TS) = ½ erfc(√(TS/2)); 0.5 for TS = 0, also
   * for negative excesses (as Gammapy).
   */
  get pValue(): Float64Array {
    const ts = this.ts;
    for (let i = 0; i < ts.length; i++) ts[i] = 0.5 * erfc(Math.sqrt(ts[i] / 2));
    return ts;
  }

  /**
   * Downward error on the excess: the distance from the best fit down to where the
   * statistic rises by nSigma². Searched with {@link brentq} in [nSig − 2 nSigma (error+1),
   * nSig]; where no crossing is found (e.g. n_on = 0) the error is n_on, as Gammapy.
   *
   * @param nSigma - confidence level in σ. Default 1.
   * @returns the (positive) downward errors, counts
   * @example
   * ```ts
   * new CashCountsStatistic(5, 5).computeErrn(); // Float64Array [1.9159158410...]
   * ```
   */
  computeErrn(nSigma = 1): Float64Array {
    const nSig = this.nSig;
    const error = this.error;
    const statMax = this.statMax;
    const out = new Float64Array(this.length);
    for (let i = 0; i < out.length; i++) {
      const target = statMax[i] + nSigma ** 2;
      const lo = nSig[i] - 2 * nSigma * (error[i] + 1);
      const root = this.findRoot(i, target, lo, nSig[i]);
      out[i] = Number.isNaN(root) ? this.nOn[i] : nSig[i] - root;
    }
    return out;
  }

  /**
   * Upward error on the excess: the distance from the best fit up to where the statistic
   * rises by nSigma², searched in [nSig, nSig + 2 nSigma (error+1)]; NaN if not found.
   *
   * @param nSigma - confidence level in σ. Default 1.
   * @returns the upward errors, counts
   * @example
   * ```ts
   * new CashCountsStatistic(5, 5).computeErrp(); // Float64Array [2.5811058071...]
   * ```
   */
  computeErrp(nSigma = 1): Float64Array {
    const nSig = this.nSig;
    const error = this.error;
    const statMax = this.statMax;
    const out = new Float64Array(this.length);
    for (let i = 0; i < out.length; i++) {
      const target = statMax[i] + nSigma ** 2;
      const hi = nSig[i] + 2 * nSigma * (error[i] + 1);
      out[i] = this.findRoot(i, target, nSig[i], hi) - nSig[i];
    }
    return out;
  }

  /**
   * Upper limit on the signal: where the statistic exceeds its value at the measured
   * excess by nSigma², searched in [nSig, nSig + 2 nSigma (error+1)]; NaN if not found.
   * As in Gammapy 1.0 the reference is the measured excess even when it is negative.
   *
   * @param nSigma - confidence level in σ. Default 3.
   * @returns the upper limits, counts
   * @example
   * ```ts
   * new CashCountsStatistic(5, 5).computeUpperLimit(); // Float64Array [9.9895903581...]
   * ```
   */
  computeUpperLimit(nSigma = 3): Float64Array {
    const nSig = this.nSig;
    const error = this.error;
    const out = new Float64Array(this.length);
    for (let i = 0; i < out.length; i++) {
      const target = this.statFcn(i, nSig[i], 0) + nSigma ** 2;
      const hi = nSig[i] + 2 * nSigma * (error[i] + 1);
      out[i] = this.findRoot(i, target, nSig[i], hi);
    }
    return out;
  }

  /**
   * The excess that would have the given significance with this background — the inverse
   * of {@link CountsStatistic.sqrtTs}. Solved by the secant method from √nBkg · significance (as Gammapy:
   * NaN where it does not converge, e.g. a negative significance below what the
   * background allows).
   *
   * @param significance - the significance [σ]
   * @returns the excess per element, counts
   * @example
   * ```ts
   * new CashCountsStatistic(0, 2).nSigMatchingSignificance(5); // Float64Array [10.5505459902...]
   * ```
   */
  nSigMatchingSignificance(significance: number): Float64Array {
    const nBkg = this.nBkg;
    const out = new Float64Array(nBkg.length);
    for (let i = 0; i < out.length; i++) {
      const lower = Math.sqrt(nBkg[i]) * significance;
      // Second starting point a relative and absolute 1e-4 away (scipy's choice).
      let upper = lower * (1 + 1e-4);
      upper += upper >= 0 ? 1e-4 : -1e-4;
      const res = secant((n) => this.nSigMatchingSignificanceFcn(i, n, significance), lower, upper);
      out[i] = res.converged ? res.root : NaN;
    }
    return out;
  }

  // Root of statFcn(i, ·) − target in the bracket [a, b]; NaN when Brent refuses the
  // bracket (no sign change) or does not converge — Gammapy's find_roots with one bin.
  private findRoot(i: number, target: number, a: number, b: number): number {
    const res = brentq((mu) => this.statFcn(i, mu, target), a, b);
    return res.converged ? res.root : NaN;
  }
}
