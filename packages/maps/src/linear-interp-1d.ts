/**
 * One-dimensional kernels with NumPy/SciPy arithmetic: `searchsorted`, `linspace` and
 * linear `interp1d` with extrapolation. MapAxis converts between coordinates and pixels
 * with these, so that edges and centres agree with Gammapy to the last bits.
 */

/**
 * Index of the first element of the ascending array `x` that is >= `v` (NumPy
 * `searchsorted(x, v, side="left")`); NaN sorts after every number, giving `x.length`.
 *
 * @param x - ascending values
 * @param v - value to place
 * @returns insertion index in [0, x.length]
 * @example
 * ```ts
 * searchSortedLeft(new Float64Array([0, 1, 2]), 1); // 1
 * ```
 */
export function searchSortedLeft(x: ArrayLike<number>, v: number): number {
  let lo = 0;
  let hi = x.length;
  if (Number.isNaN(v)) return hi;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (x[mid]! < v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * `n` evenly spaced numbers from `start` to `stop` inclusive, computed like NumPy's
 * `linspace` (i·step + start, last element set to `stop`).
 *
 * @param start - first value
 * @param stop - last value
 * @param n - number of values (>= 1)
 * @returns the values
 * @example
 * ```ts
 * linspace(0, 1, 5); // [0, 0.25, 0.5, 0.75, 1]
 * ```
 */
export function linspace(start: number, stop: number, n: number): Float64Array {
  const out = new Float64Array(n);
  const div = n - 1;
  const delta = stop - start;
  const step = div > 0 ? delta / div : NaN;
  for (let i = 0; i < n; i++) {
    // NumPy divides first when the step underflows to zero.
    out[i] = (step === 0 ? (i / div) * delta : i * step) + start;
  }
  if (n > 1) out[n - 1] = stop;
  else if (n === 1) out[0] = start;
  return out;
}

/**
 * Linear interpolation of (x, y) at `xNew` with linear extrapolation beyond the ends,
 * with SciPy `interp1d(kind="linear", fill_value="extrapolate")` arithmetic:
 * slope·(xNew − xLo) + yLo on the bracketing (or nearest end) interval.
 * With a single point the result is that point's y (zero-order).
 *
 * Kernel: `x` ascending, no validation, no allocation.
 *
 * @param x - ascending abscissae
 * @param y - ordinates, same length as `x`
 * @param xNew - where to evaluate; NaN gives NaN
 * @returns the interpolated value
 * @example
 * ```ts
 * interp1dLinear(new Float64Array([0, 1]), new Float64Array([0, 10]), 1.5); // 15
 * ```
 */
export function interp1dLinear(x: ArrayLike<number>, y: ArrayLike<number>, xNew: number): number {
  const n = x.length;
  if (n === 1) return Number.isNaN(xNew) ? NaN : y[0]!;
  let hi = searchSortedLeft(x, xNew);
  if (hi < 1) hi = 1;
  else if (hi > n - 1) hi = n - 1;
  const lo = hi - 1;
  const xLo = x[lo]!;
  const yLo = y[lo]!;
  const slope = (y[hi]! - yLo) / (x[hi]! - xLo);
  return slope * (xNew - xLo) + yLo;
}
