/**
 * Cut-out arithmetic as astropy's `Cutout2D` and `overlap_slices` do it (Gammapy's
 * `WcsGeom.cutout` uses them with mode "trim"): where a small array centred on a pixel
 * position lies in a large one, clipped to the large array.
 */
import { DataError } from "@gammats/core";

/** Half-open index ranges of a 2D overlap, [start, stop) per axis, in (y, x) order. */
export interface OverlapSlices {
  /** Rows [y0, y1) of the large array. */
  y0: number;
  y1: number;
  /** Columns [x0, x1) of the large array. */
  x0: number;
  x1: number;
}

/** NumPy's `round` / `rint`: halves go to the even neighbour. */
export function rintHalfEven(x: number): number {
  const r = Math.round(x);
  // A tie is exactly r − x = 0.5 (the difference is exact: |r − x| ≤ 0.5), tested
  // without the slow floating-point remainder of `x % 1`; Math.round sends ties up.
  return r - x === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

/** Gammapy's `round_up_to_odd`: floor(ceil(x) / 2) * 2 + 1. */
export function roundUpToOdd(x: number): number {
  return Math.floor(Math.ceil(x) / 2) * 2 + 1;
}

/**
 * Shape [ny, nx] of a cut-out as Gammapy's `WcsGeom.cutout` asks `Cutout2D` for it: the
 * width in pixels is clipped to at least 1; the (lat, lon) sizes are then divided by the
 * pixel scales of (x, y) in that order (Cutout2D's convention) and rounded half-to-even,
 * or, with `oddNpix`, the pixel counts are rounded up to odd integers.
 *
 * @param width - [lon, lat] width [deg]
 * @param scales - pixel scales [x, y] [deg]
 * @param oddNpix - force odd pixel counts
 * @returns [ny, nx]
 * @example
 * ```ts
 * cutoutShape([1, 0.5], [0.02, 0.02], false); // [25, 50]
 * ```
 */
export function cutoutShape(width: readonly [number, number], scales: readonly [number, number], oddNpix: boolean): [number, number] {
  const [sx, sy] = scales;
  const nLon = Math.max(width[0] / sx, 1);
  const nLat = Math.max(width[1] / sy, 1);
  if (oddNpix) return [roundUpToOdd(nLat), roundUpToOdd(nLon)];
  return [rintHalfEven((nLat * sy) / sx), rintHalfEven((nLon * sx) / sy)];
}

/**
 * The part of a large 2D array covered by a small one centred at a pixel position,
 * trimmed to the large array (astropy's `overlap_slices(..., mode="trim")`): the small
 * array spans [ceil(pos - n/2), ceil(pos + n/2)) on each axis.
 *
 * @param largeShape - [ny, nx] of the large array
 * @param smallShape - [ny, nx] of the small array
 * @param position - [y, x] centre of the small array in the large one (0-based pixels)
 * @returns the slices of the large array
 * @throws DataError when the arrays do not overlap or the position is not finite
 * @example
 * ```ts
 * overlapSlicesTrim([100, 100], [10, 10], [2.3, 50]); // { y0: 0, y1: 8, x0: 45, x1: 55 }
 * ```
 */
export function overlapSlicesTrim(
  largeShape: readonly [number, number],
  smallShape: readonly [number, number],
  position: readonly [number, number],
): OverlapSlices {
  if (!Number.isFinite(position[0]) || !Number.isFinite(position[1])) {
    throw new DataError(`cutout: the position (pixel ${position[1]}, ${position[0]}) is not finite`, {
      hint: "choose a position inside the map's projection",
    });
  }
  const lo = [0, 1].map((k) => Math.ceil(position[k]! - smallShape[k]! / 2));
  const hi = [0, 1].map((k) => Math.ceil(position[k]! + smallShape[k]! / 2));
  for (let k = 0; k < 2; k++) {
    if (hi[k]! < 0 || lo[k]! >= largeShape[k]!) {
      throw new DataError(`cutout: the cut-out around pixel (${position[1].toFixed(2)}, ${position[0].toFixed(2)}) does not overlap the map`, {
        hint: "choose a position inside the map or a larger width",
      });
    }
  }
  return {
    y0: Math.max(0, lo[0]!),
    y1: Math.min(largeShape[0], hi[0]!),
    x0: Math.max(0, lo[1]!),
    x1: Math.min(largeShape[1], hi[1]!),
  };
}

/**
 * Copies the overlap of one image plane stack into another: for every leading plane,
 * rows [y0, y1) and columns [x0, x1) of `src` go to `dst` at (dy0, dx0).
 *
 * @param nPlanes - number of image planes (product of the non-spatial axis sizes)
 * @param src - source data, planes of srcNy x srcNx
 * @param srcNy - source rows
 * @param srcNx - source columns
 * @param s - the source slices
 * @param dst - destination data, planes of dstNy x dstNx
 * @param dstNy - destination rows
 * @param dstNx - destination columns
 * @param dy0 - destination row of s.y0
 * @param dx0 - destination column of s.x0
 */
export function copyImageWindow(
  nPlanes: number,
  src: Float64Array | Float32Array | Uint8Array,
  srcNy: number,
  srcNx: number,
  s: OverlapSlices,
  dst: Float64Array | Float32Array | Uint8Array,
  dstNy: number,
  dstNx: number,
  dy0: number,
  dx0: number,
): void {
  const w = s.x1 - s.x0;
  const h = s.y1 - s.y0;
  if (w === srcNx && w === dstNx) {
    // Whole rows: each plane's window is one contiguous block in both (one copy per
    // plane, or one for all when the window is the whole image in both).
    if (h === srcNy && h === dstNy) {
      dst.set(src.subarray(0, nPlanes * h * w), 0);
      return;
    }
    for (let p = 0; p < nPlanes; p++) {
      const from = p * srcNy * srcNx + s.y0 * srcNx;
      dst.set(src.subarray(from, from + h * w), p * dstNy * dstNx + dy0 * dstNx);
    }
    return;
  }
  for (let p = 0; p < nPlanes; p++) {
    const so = p * srcNy * srcNx;
    const d = p * dstNy * dstNx;
    for (let y = s.y0; y < s.y1; y++) {
      const from = so + y * srcNx + s.x0;
      dst.set(src.subarray(from, from + w), d + (y - s.y0 + dy0) * dstNx + dx0);
    }
  }
}
