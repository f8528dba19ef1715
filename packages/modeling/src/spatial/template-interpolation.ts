/**
 * Linear interpolation of a map at fractional pixel coordinates the way Gammapy's
 * `WcsNDMap.interp_by_coord(..., fill_value=0)` does it: multilinear between pixel
 * centres, linearly extrapolated within the outer half pixel, 0 for points whose nearest
 * pixel index (floor(p + 0.5)) lies outside the map or whose coordinates are NaN; axes of
 * length 1 take no part. Non-finite map values count as 0.
 */

/** Cell index and weight of the upper node along one axis of `n` nodes (extrapolating). */
function cell(p: number, n: number): number {
  // scipy's RegularGridInterpolator: the cell is clipped to [0, n - 2], the weight is not.
  return Math.min(Math.max(Math.floor(p), 0), n - 2);
}

function inside(p: number, n: number): boolean {
  const idx = Math.floor(p + 0.5);
  return idx >= 0 && idx < n;
}

function finite(v: number): number {
  return Number.isFinite(v) ? v : 0;
}

/**
 * Bilinear interpolation of image plane `plane` of `data` (shape [..., ny, nx]).
 *
 * @param data - map values, row-major
 * @param nx - image width [pixels]
 * @param ny - image height [pixels]
 * @param offset - index of the plane's first value
 * @param x - pixel x
 * @param y - pixel y
 * @returns the interpolated value (0 outside)
 */
export function interpolateImage(data: ArrayLike<number>, nx: number, ny: number, offset: number, x: number, y: number): number {
  if (!inside(x, nx) || !inside(y, ny)) return 0;
  let i0 = 0;
  let tx = 0;
  if (nx > 1) {
    i0 = cell(x, nx);
    tx = x - i0;
  }
  let j0 = 0;
  let ty = 0;
  if (ny > 1) {
    j0 = cell(y, ny);
    ty = y - j0;
  }
  const i1 = nx > 1 ? i0 + 1 : i0;
  const j1 = ny > 1 ? j0 + 1 : j0;
  const r0 = offset + j0 * nx;
  const r1 = offset + j1 * nx;
  const v00 = finite(data[r0 + i0]!);
  const v01 = finite(data[r0 + i1]!);
  const v10 = finite(data[r1 + i0]!);
  const v11 = finite(data[r1 + i1]!);
  return (1 - ty) * ((1 - tx) * v00 + tx * v01) + ty * ((1 - tx) * v10 + tx * v11);
}

/**
 * Interpolates a map at matching pixel coordinates: image (`pe` undefined) or cube
 * (linear in the energy pixel as well).
 *
 * @param data - map values, row-major [ne,] ny, nx
 * @param nx - image width
 * @param ny - image height
 * @param ne - number of image planes (1 for an image)
 * @param px - pixel x per point
 * @param py - pixel y per point
 * @param pe - energy pixel per point (cubes; ignored when ne = 1)
 * @param out - output
 * @returns out, negative results clipped to 0 (as Gammapy's template model)
 * @example
 * ```ts
 * interpolateMap(Float64Array.of(0, 1, 2, 3), 2, 2, 1, Float64Array.of(0.5), Float64Array.of(0.5), undefined, new Float64Array(1)); // [1.5]
 * ```
 */
export function interpolateMap(
  data: ArrayLike<number>,
  nx: number,
  ny: number,
  ne: number,
  px: Float64Array,
  py: Float64Array,
  pe: Float64Array | undefined,
  out: Float64Array,
): Float64Array {
  const planeSize = nx * ny;
  for (let i = 0; i < px.length; i++) {
    let v: number;
    if (pe === undefined || ne === 1) {
      v = interpolateImage(data, nx, ny, 0, px[i]!, py[i]!);
    } else {
      const e = pe[i]!;
      if (!inside(e, ne)) {
        v = 0;
      } else {
        const k0 = cell(e, ne);
        const te = e - k0;
        const a = interpolateImage(data, nx, ny, k0 * planeSize, px[i]!, py[i]!);
        const b = interpolateImage(data, nx, ny, (k0 + 1) * planeSize, px[i]!, py[i]!);
        v = (1 - te) * a + te * b;
      }
    }
    out[i] = v > 0 ? v : 0;
  }
  return out;
}
