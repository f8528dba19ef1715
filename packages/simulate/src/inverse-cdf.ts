/**
 * Inverse-CDF sampling of piecewise-linear densities tabulated on a grid: the kernels
 * every sampler here builds on. Several tables may share one Float64Array (row offsets).
 */

/**
 * Cumulative integral of a piecewise-linear density (trapezoid rule), not normalised.
 *
 * @param n - number of nodes (>= 2)
 * @param x - node coordinates, increasing
 * @param pdf - density at the nodes, read from `pdf[pOff + i]`; >= 0
 * @param pOff - offset of the density row
 * @param cdf - output, `cdf[cOff + i]` = integral from x[0] to x[i]
 * @param cOff - offset of the output row
 * @returns the total integral
 * @example
 * ```ts
 * const cdf = new Float64Array(3);
 * trapezoidCdf(3, Float64Array.of(0, 1, 2), Float64Array.of(1, 1, 1), 0, cdf, 0);   // 2
 * ```
 */
export function trapezoidCdf(
  n: number,
  x: Float64Array,
  pdf: Float64Array,
  pOff: number,
  cdf: Float64Array,
  cOff: number,
): number {
  let acc = 0;
  cdf[cOff] = 0;
  for (let i = 1; i < n; i++) {
    acc += 0.5 * (pdf[pOff + i - 1]! + pdf[pOff + i]!) * (x[i]! - x[i - 1]!);
    cdf[cOff + i] = acc;
  }
  return acc;
}

/**
 * Index of the interval [i, i+1] whose cumulative range holds `target`: the first i with
 * cdf[i+1] > target (so zero-mass intervals are never chosen).
 *
 * @param n - number of nodes
 * @param cdf - cumulative integral, `cdf[cOff + i]`
 * @param cOff - row offset
 * @param target - value in [0, cdf[n-1])
 * @returns interval index in [0, n-2]
 */
export function findInterval(n: number, cdf: Float64Array, cOff: number, target: number): number {
  let lo = 0;
  let hi = n - 2;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (cdf[cOff + mid + 1]! > target) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/**
 * Draws from a piecewise-linear density by inverting its exact (quadratic) CDF.
 *
 * @param n - number of nodes
 * @param x - node coordinates, increasing
 * @param pdf - density row (`pdf[pOff + i]`)
 * @param pOff - density row offset
 * @param cdf - cumulative row from {@link trapezoidCdf} (`cdf[cOff + i]`)
 * @param cOff - cumulative row offset
 * @param u - uniform deviate in [0, 1)
 * @returns a coordinate in [x[0], x[n-1]]
 * @example
 * ```ts
 * // density 2x on [0, 1]: the median is sqrt(1/2)
 * sampleLinearPdf(2, Float64Array.of(0, 1), Float64Array.of(0, 2), 0, Float64Array.of(0, 1), 0, 0.5);   // 0.7071
 * ```
 */
export function sampleLinearPdf(
  n: number,
  x: Float64Array,
  pdf: Float64Array,
  pOff: number,
  cdf: Float64Array,
  cOff: number,
  u: number,
): number {
  const total = cdf[cOff + n - 1]!;
  const target = u * total;
  const i = findInterval(n, cdf, cOff, target);
  const x0 = x[i]!;
  const h = x[i + 1]! - x0;
  const p0 = pdf[pOff + i]!;
  const p1 = pdf[pOff + i + 1]!;
  const m = target - cdf[cOff + i]!;
  // Solve p0 t + s t^2 / 2 = m for t in [0, h], s the slope; the form 2m / (p0 + sqrt(...))
  // has no cancellation for either sign of s.
  const s = (p1 - p0) / h;
  const disc = Math.max(p0 * p0 + 2 * s * m, 0);
  const den = p0 + Math.sqrt(disc);
  const t = den > 0 ? (2 * m) / den : 0.5 * h;
  return x0 + Math.min(Math.max(t, 0), h);
}

/**
 * Picks one of two neighbouring grid nodes with probabilities (1 - w, w): drawing from the
 * chosen node's table then samples the linear interpolation (in the grid coordinate) of
 * the two nodes' densities.
 *
 * @param grid - node coordinates, increasing
 * @param value - coordinate to interpolate at (clipped to the grid)
 * @param u - uniform deviate in [0, 1)
 * @returns the chosen node index
 */
export function pickNode(grid: Float64Array, value: number, u: number): number {
  const n = grid.length;
  if (n === 1 || value <= grid[0]!) return 0;
  if (value >= grid[n - 1]!) return n - 1;
  let lo = 0;
  let hi = n - 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >>> 1;
    if (grid[mid]! <= value) lo = mid;
    else hi = mid;
  }
  const w = (value - grid[lo]!) / (grid[hi]! - grid[lo]!);
  return u < w ? hi : lo;
}

/**
 * Evenly spaced values, endpoints included.
 *
 * @param start - first value
 * @param stop - last value
 * @param n - number of values (>= 2, or 1 for just `start`)
 * @returns the grid
 */
export function linearGrid(start: number, stop: number, n: number): Float64Array {
  const out = new Float64Array(n);
  if (n === 1) {
    out[0] = start;
    return out;
  }
  for (let i = 0; i < n; i++) out[i] = start + ((stop - start) * i) / (n - 1);
  out[n - 1] = stop;
  return out;
}

/**
 * Log-spaced values, endpoints included, about `perDecade` per decade (at least 2).
 *
 * @param start - first value (> 0)
 * @param stop - last value (> start)
 * @param perDecade - density of the grid
 * @returns the grid
 */
export function logGrid(start: number, stop: number, perDecade: number): Float64Array {
  const n = Math.max(2, Math.ceil(Math.log10(stop / start) * perDecade) + 1);
  const a = Math.log(start);
  const b = Math.log(stop);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = Math.exp(a + ((b - a) * i) / (n - 1));
  out[0] = start;
  out[n - 1] = stop;
  return out;
}
