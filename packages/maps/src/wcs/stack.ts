/**
 * Stacking of a map into an aligned larger (or equal) one, as Gammapy's `WcsNDMap.stack`:
 * the overlapping window of the smaller map is added, non-finite values counted as 0,
 * optionally times weights, after converting to the larger map's unit.
 */
import type { OverlapSlices } from "./cutout.js";

/**
 * Adds `scale * src * weight` (non-finite src -> 0 when `nanToNum`) into a window of `dst`.
 *
 * @param nPlanes - number of image planes
 * @param src - small map data, planes of sny x snx
 * @param sny - small map rows
 * @param snx - small map columns
 * @param win - window of the small map that overlaps (its own pixel indices)
 * @param dst - large map data, planes of dny x dnx (modified)
 * @param dny - large map rows
 * @param dnx - large map columns
 * @param x0 - large-map column of small-map column 0
 * @param y0 - large-map row of small-map row 0
 * @param scale - unit conversion factor
 * @param weights - optional weights on the small map: one image (broadcast) or all planes
 * @param nanToNum - replace non-finite small-map values by 0
 */
export function stackWindow(
  nPlanes: number,
  src: ArrayLike<number>,
  sny: number,
  snx: number,
  win: OverlapSlices,
  dst: Float64Array | Float32Array,
  dny: number,
  dnx: number,
  x0: number,
  y0: number,
  scale: number,
  weights: ArrayLike<number> | undefined,
  nanToNum: boolean,
): void {
  const img = sny * snx;
  const wPlanes = weights === undefined ? 0 : weights.length / img;
  // One call per plane: a loop over planes around the row loops would be OSR-compiled
  // during the first plane and deoptimised when it first reaches the next one.
  for (let p = 0; p < nPlanes; p++) {
    stackWindowPlane(src, (p * sny + win.y0) * snx, win, dst, (p * dny + win.y0 + y0) * dnx + x0, snx, dnx, scale, weights, wPlanes > 1 ? p * img : 0, nanToNum);
  }
}

/** One image plane of {@link stackWindow}: rows from the window's first row (offsets sRow, dRow, wo). */
function stackWindowPlane(
  src: ArrayLike<number>,
  sRow: number,
  win: OverlapSlices,
  dst: Float64Array | Float32Array,
  dRow: number,
  snx: number,
  dnx: number,
  scale: number,
  weights: ArrayLike<number> | undefined,
  wo: number,
  nanToNum: boolean,
): void {
  const { x0, x1, y0, y1 } = win;
  const weighted = weights !== undefined;
  let srow = sRow;
  let drow = dRow;
  let wrow = wo + y0 * snx;
  for (let y = y0; y < y1; y++) {
    for (let x = x0; x < x1; x++) {
      let v = src[srow + x]! * scale;
      if (nanToNum && !Number.isFinite(v)) v = 0;
      if (weighted) v *= weights[wrow + x]!;
      dst[drow + x] += v;
    }
    srow += snx;
    drow += dnx;
    wrow += snx;
  }
}
