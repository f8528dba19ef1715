/**
 * Correlation of map cubes with the excess-map disk: Gammapy's `ExcessMapEstimator` sums
 * each quantity over a disk of the correlation radius around every pixel, with astropy's
 * `Tophat2DKernel` normalised to a peak of 1 and scipy's "same" convolution (zeros
 * outside the map).
 */
import { convolveSame, tophatKernel } from "@gammats/maps";
import type { WcsGeom } from "@gammats/maps";

/** A square convolution kernel. */
export interface SquareKernel {
  /** Values, size × size row-major. */
  readonly data: Float64Array;
  /** Side [pixels], odd. */
  readonly size: number;
}

/**
 * The correlation disk: 1 on pixels whose centre lies within `radius` of the central
 * pixel's centre, 0 elsewhere (`Tophat2DKernel(radius).normalize("peak")`); the side is
 * the odd integer at or above 2 radius.
 *
 * @param radius - disk radius [pixels]
 * @returns the kernel
 * @example
 * ```ts
 * correlationKernel(1).data; // [0, 1, 0, 1, 1, 1, 0, 1, 0]
 * ```
 */
export function correlationKernel(radius: number): SquareKernel {
  const k = tophatKernel(radius);
  const data = k.data.map((v) => (v > 0 ? 1 : 0));
  return { data, size: k.size };
}

/**
 * The correlation radius in pixels as Gammapy converts it: the angle divided by the mean
 * of |CDELT1| and |CDELT2|.
 *
 * @param geom - the map geometry
 * @param radiusDeg - correlation radius [deg]
 * @returns radius [pixels]
 */
export function radiusInPixels(geom: WcsGeom, radiusDeg: number): number {
  const [c1, c2] = geom.wcs.cdelt;
  return radiusDeg / ((Math.abs(c1) + Math.abs(c2)) / 2);
}

/**
 * Convolves every image plane of a cube with a square kernel ("same" window, zeros
 * outside), optionally multiplying the input by a 0/1 mask of the same layout first.
 *
 * @param cube - input, planes × ny × nx
 * @param planes - number of planes
 * @param ny - rows
 * @param nx - columns
 * @param kernel - the kernel
 * @param mask - 0/1 weights applied before convolving (Gammapy's `map * mask`)
 * @returns the convolved cube
 * @example
 * ```ts
 * correlateCube(Float64Array.of(0, 0, 0, 0, 1, 0, 0, 0, 0), 1, 3, 3, correlationKernel(1)); // [0, 1, 0, 1, 1, 1, 0, 1, 0]
 * ```
 */
export function correlateCube(
  cube: ArrayLike<number>,
  planes: number,
  ny: number,
  nx: number,
  kernel: SquareKernel,
  mask?: ArrayLike<number>,
): Float64Array {
  const plane = ny * nx;
  const out = new Float64Array(planes * plane);
  const src = new Float64Array(plane);
  for (let k = 0; k < planes; k++) {
    const o = k * plane;
    for (let i = 0; i < plane; i++) src[i] = mask === undefined || mask[o + i] ? cube[o + i]! : 0;
    convolveSame(src, ny, nx, kernel.data, kernel.size, kernel.size, out.subarray(o, o + plane));
  }
  return out;
}
