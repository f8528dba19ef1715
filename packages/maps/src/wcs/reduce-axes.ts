/**
 * Sums of map data over non-spatial axes (Gammapy's `sum_over_axes`), NaN values
 * skipped: image plane p adds into the output plane with the reduced axes' indices removed.
 */

/**
 * Adds every image plane of `data` into its reduced plane of `out`.
 *
 * @param data - input, planes of `imageSize` values; plane index with axis 0 fastest
 * @param nbins - bins per non-spatial axis (axis order)
 * @param reduce - true for the axes summed over
 * @param imageSize - nx ny
 * @param out - output planes over the kept axes (zero-filled)
 * @returns out
 * @example
 * ```ts
 * sumOverAxesKernel(data, [3], [true], nx * ny, new Float64Array(nx * ny));
 * ```
 */
export function sumOverAxesKernel(
  data: ArrayLike<number>,
  nbins: readonly number[],
  reduce: readonly boolean[],
  imageSize: number,
  out: Float64Array,
): Float64Array {
  const planes = nbins.reduce((a, b) => a * b, 1);
  for (let p = 0; p < planes; p++) {
    let rest = p;
    let q = 0;
    let stride = 1;
    for (let a = 0; a < nbins.length; a++) {
      const i = rest % nbins[a]!;
      rest = Math.floor(rest / nbins[a]!);
      if (!reduce[a]) {
        q += i * stride;
        stride *= nbins[a]!;
      }
    }
    const so = p * imageSize;
    const oo = q * imageSize;
    for (let k = 0; k < imageSize; k++) {
      const v = data[so + k]!;
      if (!Number.isNaN(v)) out[oo + k] += v;
    }
  }
  return out;
}
