/**
 * Log-log trapezoidal integration (Gammapy's `trapz_loglog`): between two nodes the
 * integrand is taken as the power law through both, integrated analytically.
 */

// float32's smallest normal number: Gammapy's log scale clips ratios to it.
const TINY = 1.1754943508222875e-38;

// NumPy's power for the cases JavaScript differs on (1 ** ±Infinity is NaN in JS, 1 in NumPy).
function npPow(a: number, b: number): number {
  return a === 1 ? 1 : Math.pow(a, b);
}

/**
 * ∫ y dx over [x0, x1] with y a power law through (x0, y0), (x1, y1).
 *
 * The index is −ln(y0/y1) / ln(x0/x1), with ratios clipped at 2^−126 before the log and
 * NaN indices (0/0) set to +∞ (integral 0); an index within 1e-8 of 1 gives
 * y0·x0·ln(x1/x0) — all as Gammapy's `trapz_loglog`.
 *
 * @param x0 - lower bound (> 0)
 * @param x1 - upper bound (> 0)
 * @param y0 - integrand at x0 (>= 0)
 * @param y1 - integrand at x1 (>= 0)
 * @returns the integral [unit of y × unit of x]
 * @example
 * ```ts
 * powerLawSegmentIntegral(1, 10, 1, 0.01); // 0.9 (y = x^-2)
 * ```
 */
export function powerLawSegmentIntegral(x0: number, x1: number, y0: number, y1: number): number {
  const ry = y0 / y1;
  const rx = x0 / x1;
  let index = -Math.log(ry < TINY ? TINY : ry) / Math.log(rx < TINY ? TINY : rx);
  if (Number.isNaN(index)) index = Infinity;
  const val = 1 - index;
  if (Math.abs(val) <= 1e-8) return y0 * x0 * Math.log(x1 / x0);
  const prefactor = (y0 * x0) / val;
  return prefactor * (npPow(x1 / x0, val) - npPow(1, val));
}

/**
 * Log-log trapezoidal integration of columns: `y` holds n rows (one per x node) of m
 * values; the result holds n − 1 rows, row i the integral over [x_i, x_{i+1}].
 *
 * Kernel: no validation, no allocation.
 *
 * @param y - integrand, C order [node][column]
 * @param x - nodes (> 0), n values
 * @param m - number of columns
 * @param out - output, C order [interval][column], (n − 1)·m values
 * @returns `out`
 * @example
 * ```ts
 * trapzLogLog(new Float64Array([1, 0.01]), new Float64Array([1, 10]), 1, new Float64Array(1)); // [0.9]
 * ```
 */
export function trapzLogLog(y: ArrayLike<number>, x: ArrayLike<number>, m: number, out: Float64Array): Float64Array {
  const n = x.length;
  for (let i = 0; i + 1 < n; i++) {
    const x0 = x[i]!;
    const x1 = x[i + 1]!;
    // powerLawSegmentIntegral with its x-only terms computed once per row (same values).
    const rx = x0 / x1;
    const logRx = Math.log(rx < TINY ? TINY : rx);
    const ratio = x1 / x0;
    trapzRow(y, i * m, (i + 1) * m, m, x0, logRx, ratio, out, i * m);
  }
  return out;
}

/**
 * One interval of {@link trapzLogLog}: the arithmetic of {@link powerLawSegmentIntegral}.
 * Its two powers inlined, per row: npPow(1, val) is 1 for every val (NaN included), and
 * npPow(ratio, val) is Math.pow unless the interval is empty (ratio 1), then 1.
 */
function trapzRow(y: ArrayLike<number>, o0: number, o1: number, m: number, x0: number, logRx: number, ratio: number, out: Float64Array, o: number): void {
  const logRatio = Math.log(ratio);
  const empty = ratio === 1;
  for (let j = 0; j < m; j++) {
    const y0 = y[o0 + j]!;
    const y1 = y[o1 + j]!;
    const ry = y0 / y1;
    let index = -Math.log(ry < TINY ? TINY : ry) / logRx;
    if (index !== index) index = Infinity;
    const val = 1 - index;
    if (Math.abs(val) <= 1e-8) out[o + j] = y0 * x0 * logRatio;
    else out[o + j] = ((y0 * x0) / val) * ((empty ? 1 : Math.pow(ratio, val)) - 1);
  }
}
