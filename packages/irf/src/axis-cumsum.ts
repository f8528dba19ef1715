/**
 * Kernels for running sums along one axis of a C-order N-d array (Gammapy's
 * `IRF.cumsum` and `IRF.normalize`).
 */

/**
 * Running sum of data × weight along axis k: out[..., i, ...] = Σ_{j<=i} data[..., j, ...]·w[j].
 *
 * Kernel: no validation, no allocation; `out` may not alias `data`.
 *
 * @param data - values, C order over `shape`
 * @param shape - array shape
 * @param k - axis to sum along
 * @param weights - one weight per bin of axis k (bin widths, × 2πr for radial profiles)
 * @param out - output, same size as `data`
 * @returns `out`
 * @example
 * ```ts
 * cumsumAlongAxis([1, 2, 3, 4], [2, 2], 1, [1, 0.5], new Float64Array(4)); // [1, 2, 3, 5]
 * ```
 */
export function cumsumAlongAxis(
  data: ArrayLike<number>,
  shape: readonly number[],
  k: number,
  weights: ArrayLike<number>,
  out: Float64Array,
): Float64Array {
  const n = shape[k]!;
  let inner = 1;
  for (let d = k + 1; d < shape.length; d++) inner *= shape[d]!;
  const outer = data.length / (n * inner);
  // Row after row (contiguous) instead of column by column (strided): the same running
  // sums, each started from 0 and added to in the same order.
  for (let o = 0; o < outer; o++) {
    for (let i = 0; i < n; i++) cumsumRow(data, out, (o * n + i) * inner, i === 0 ? -1 : (o * n + i - 1) * inner, weights[i]!, inner);
  }
  return out;
}

/** out[row + j] = (previous row's sum, or 0) + data[row + j] · w. */
function cumsumRow(data: ArrayLike<number>, out: Float64Array, row: number, prev: number, w: number, inner: number): void {
  if (prev < 0) for (let j = 0; j < inner; j++) out[row + j] = 0 + data[row + j]! * w;
  else for (let j = 0; j < inner; j++) out[row + j] = out[prev + j]! + data[row + j]! * w;
}

/**
 * {@link cumsumAlongAxis} along axis 1 of [outer][n][ny][nx] data, for the image window
 * of rows [y0, y0 + wy) and columns [x0, x0 + wx) only: out is C order [outer][n][wy][wx]
 * and holds the same numbers as the whole array's running sums there (each pixel's sums
 * are independent, and made with the same operations in the same order).
 *
 * Kernel: no validation, no allocation; `out` may not alias `data`.
 *
 * @param data - values, C order [outer][n][ny][nx]
 * @param outer - size of axis 0
 * @param n - size of axis 1 (summed along)
 * @param ny - image height
 * @param nx - image width
 * @param y0 - first row of the window
 * @param wy - rows of the window
 * @param x0 - first column of the window
 * @param wx - columns of the window
 * @param weights - one weight per bin of axis 1
 * @param out - output, length outer · n · wy · wx
 * @returns `out`
 * @example
 * ```ts
 * // 1 × 2 × (1 × 3) data, window column 1..2
 * cumsumImageWindow([1, 2, 3, 4, 5, 6], 1, 2, 1, 3, 0, 1, 1, 2, [1, 1], new Float64Array(4)); // [2, 3, 7, 9]
 * ```
 */
export function cumsumImageWindow(
  data: ArrayLike<number>,
  outer: number,
  n: number,
  ny: number,
  nx: number,
  y0: number,
  wy: number,
  x0: number,
  wx: number,
  weights: ArrayLike<number>,
  out: Float64Array,
): Float64Array {
  const img = ny * nx;
  const wimg = wy * wx;
  for (let p = 0; p < outer * n; p++) {
    const i = p % n;
    cumsumWindowPlane(data, out, p * img + y0 * nx + x0, nx, p * wimg, i === 0 ? -1 : (p - 1) * wimg, weights[i]!, wy, wx);
  }
  return out;
}

/**
 * One plane of the window: out[dst + j·wx + i] = (out[prev + j·wx + i], or 0) +
 * data[src + j·nx + i] · w, as {@link cumsumRow} does per element.
 */
function cumsumWindowPlane(data: ArrayLike<number>, out: Float64Array, src: number, nx: number, dst: number, prev: number, w: number, wy: number, wx: number): void {
  for (let j = 0; j < wy; j++) {
    const s = src + j * nx;
    const d = dst + j * wx;
    if (prev < 0) for (let i = 0; i < wx; i++) out[d + i] = 0 + data[s + i]! * w;
    else for (let i = 0; i < wx; i++) out[d + i] = out[prev + j * wx + i]! + data[s + i]! * w;
  }
}

/**
 * Divides data by the maximum of their running sum along axis k (the total integral for
 * non-negative data); NaN → 0 and ±∞ → ±max double, as NumPy's `nan_to_num`.
 *
 * Kernel: no validation, no allocation.
 *
 * @param data - values, C order over `shape`
 * @param cumsum - running sums of `data` along axis k (see {@link cumsumAlongAxis})
 * @param shape - array shape
 * @param k - axis
 * @param out - output, same size as `data` (may alias `data`)
 * @returns `out`
 * @example
 * ```ts
 * normalizeAlongAxis([1, 3], [1, 4], [2], 0, new Float64Array(2)); // [0.25, 0.75]
 * ```
 */
export function normalizeAlongAxis(
  data: ArrayLike<number>,
  cumsum: ArrayLike<number>,
  shape: readonly number[],
  k: number,
  out: Float64Array,
): Float64Array {
  const n = shape[k]!;
  let inner = 1;
  for (let d = k + 1; d < shape.length; d++) inner *= shape[d]!;
  const outer = data.length / (n * inner);
  for (let o = 0; o < outer; o++) {
    for (let j = 0; j < inner; j++) {
      let max = -Infinity;
      for (let i = 0; i < n; i++) {
        const c = cumsum[(o * n + i) * inner + j]!;
        if (c > max || Number.isNaN(c)) max = c;
      }
      for (let i = 0; i < n; i++) {
        const idx = (o * n + i) * inner + j;
        out[idx] = nanToNum(data[idx]! / max);
      }
    }
  }
  return out;
}

/** A normalisation along one axis as {@link normalizeAlongAxisInPlace} does it. */
export interface AxisNormalization {
  /** One weight per bin of the axis (bin widths, × 2πr for radial profiles). */
  readonly weights: ArrayLike<number>;
  /** Multiplies every normalised value (e.g. deg² per sr). */
  readonly factor: number;
}

/**
 * {@link cumsumAlongAxis} then {@link normalizeAlongAxis} in place, without the array of
 * running sums: the running sums along axis k are kept for one slab at a time, the inner
 * positions side by side (memory order). Same arithmetic, same results.
 *
 * Kernel: no validation; `acc` and `max` are scratch arrays of at least the inner size
 * (the product of the axis sizes after k).
 *
 * @param data - values, C order over `shape` (changed)
 * @param shape - array shape
 * @param k - axis to normalise along
 * @param weights - one weight per bin of axis k (bin widths, × 2πr for radial profiles)
 * @param acc - scratch, ≥ inner size
 * @param max - scratch, ≥ inner size
 * @param factor - multiplies every normalised value (after nan_to_num; default 1)
 * @returns `data`
 * @example
 * ```ts
 * normalizeAlongAxisInPlace(new Float64Array([1, 3]), [2], 0, [1, 1], new Float64Array(1), new Float64Array(1)); // [0.25, 0.75]
 * ```
 */
export function normalizeAlongAxisInPlace(
  data: Float64Array,
  shape: readonly number[],
  k: number,
  weights: ArrayLike<number>,
  acc: Float64Array,
  max: Float64Array,
  factor = 1,
): Float64Array {
  const n = shape[k]!;
  let inner = 1;
  for (let d = k + 1; d < shape.length; d++) inner *= shape[d]!;
  const outer = data.length / (n * inner);
  // Row by row through small functions: V8 optimises them after a few rows, where one
  // loop nest ran interpreted through most of a run's only call.
  for (let o = 0; o < outer; o++) {
    acc.fill(0, 0, inner);
    max.fill(-Infinity, 0, inner);
    for (let i = 0; i < n; i++) accumulateRow(data, (o * n + i) * inner, weights[i]!, acc, max, inner);
    for (let i = 0; i < n; i++) divideRow(data, (o * n + i) * inner, max, inner, factor);
  }
  return data;
}

/** acc += row · w, and the running maximum of acc (NaN taken as the maximum). */
function accumulateRow(data: Float64Array, row: number, w: number, acc: Float64Array, max: Float64Array, inner: number): void {
  for (let j = 0; j < inner; j++) {
    const c = acc[j]! + data[row + j]! * w;
    acc[j] = c;
    if (c > max[j]! || Number.isNaN(c)) max[j] = c;
  }
}

/** row ← nan_to_num(row / max) (× factor unless 1). */
function divideRow(data: Float64Array, row: number, max: Float64Array, inner: number, factor: number): void {
  if (factor === 1) for (let j = 0; j < inner; j++) data[row + j] = nanToNum(data[row + j]! / max[j]!);
  else for (let j = 0; j < inner; j++) data[row + j] = nanToNum(data[row + j]! / max[j]!) * factor;
}

/** NumPy's nan_to_num for one value: NaN → 0, ±∞ → ±max double. */
export function nanToNum(v: number): number {
  if (Number.isNaN(v)) return 0;
  if (v === Infinity) return Number.MAX_VALUE;
  if (v === -Infinity) return -Number.MAX_VALUE;
  return v;
}
