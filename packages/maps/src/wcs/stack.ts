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
  for (let p = 0; p < nPlanes; p++) {
    const wo = wPlanes > 1 ? p * img : 0;
    for (let y = win.y0; y < win.y1; y++) {
      const srow = (p * sny + y) * snx;
      const drow = (p * dny + y + y0) * dnx + x0;
      for (let x = win.x0; x < win.x1; x++) {
        let v = src[srow + x]! * scale;
        if (nanToNum && !Number.isFinite(v)) v = 0;
        if (weights !== undefined) v *= weights[wo + y * snx + x]!;
        dst[drow + x] += v;
      }
    }
  }
}
