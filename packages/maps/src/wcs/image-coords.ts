/**
 * Small kernels over image pixel grids: the grid of pixel centres or corners, angular
 * separations from one direction, and rounding of pixel coordinates to indices.
 */
import { rintHalfEven } from "./cutout.js";

const D2R = Math.PI / 180;
const R2D = 180 / Math.PI;

/**
 * Pixel coordinates of an nx x ny grid starting at pixel (x0, y0), row-major (x fastest),
 * shifted by `offset` (0 for pixel centres, -0.5 for the corners of an (nx - 1) x (ny - 1) image).
 *
 * @param nx - columns
 * @param ny - rows
 * @param offset - added to every coordinate
 * @param x0 - first column (default 0)
 * @param y0 - first row (default 0)
 * @returns x and y arrays of nx ny values
 * @example
 * ```ts
 * pixelGrid(2, 1, 0); // { x: [0, 1], y: [0, 0] }
 * ```
 */
export function pixelGrid(nx: number, ny: number, offset: number, x0 = 0, y0 = 0): { x: Float64Array; y: Float64Array } {
  const x = new Float64Array(nx * ny);
  const y = new Float64Array(nx * ny);
  for (let j = 0; j < ny; j++) {
    const yj = y0 + j + offset;
    for (let i = 0; i < nx; i++) {
      x[j * nx + i] = x0 + i + offset;
      y[j * nx + i] = yj;
    }
  }
  return { x, y };
}

/**
 * Angular separations [deg] of directions from one direction, Vincenty's formula (as
 * astropy's `separation`).
 *
 * @param lon0 - longitude of the centre [deg]
 * @param lat0 - latitude of the centre [deg]
 * @param lon - longitudes [deg]
 * @param lat - latitudes [deg]
 * @param out - output (may alias lon or lat)
 * @returns out
 * @example
 * ```ts
 * separationFrom(0, 0, Float64Array.of(0), Float64Array.of(1), new Float64Array(1)); // [1]
 * ```
 */
export function separationFrom(lon0: number, lat0: number, lon: Float64Array, lat: Float64Array, out: Float64Array): Float64Array {
  const l0 = lon0 * D2R;
  const b0 = lat0 * D2R;
  const sb0 = Math.sin(b0);
  const cb0 = Math.cos(b0);
  for (let i = 0; i < out.length; i++) {
    const dl = lon[i] * D2R - l0;
    const b = lat[i] * D2R;
    const sb = Math.sin(b);
    const cb = Math.cos(b);
    const cdl = Math.cos(dl);
    const n1 = cb * Math.sin(dl);
    const n2 = cb0 * sb - sb0 * cb * cdl;
    out[i] = Math.atan2(Math.sqrt(n1 * n1 + n2 * n2), sb0 * sb + cb0 * cb * cdl) * R2D;
  }
  return out;
}

/**
 * Pixel indices of pixel coordinates: NumPy's rint (halves to even, as Gammapy), -1 for
 * NaN and outside [0, n) unless `clip`.
 *
 * @param pix - pixel coordinates
 * @param n - number of pixels along the axis
 * @param clip - clip finite values into [0, n - 1] instead of -1
 * @returns indices
 * @example
 * ```ts
 * pixToIndex(Float64Array.of(-0.5, 0.5, 1.5, 2.6), 3, false); // [0, 0, 2, -1]
 * ```
 */
export function pixToIndex(pix: ArrayLike<number>, n: number, clip: boolean): Int32Array {
  const out = new Int32Array(pix.length);
  for (let i = 0; i < pix.length; i++) {
    const v = pix[i]!;
    if (Number.isNaN(v)) out[i] = -1;
    else {
      const idx = rintHalfEven(v);
      out[i] = idx >= 0 && idx < n ? idx : clip ? Math.min(Math.max(idx, 0), n - 1) : -1;
    }
  }
  return out;
}
