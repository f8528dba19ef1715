/**
 * Event binning into map data (Gammapy's `fill_by_coord`): each point's pixel is its
 * pixel coordinate rounded half-to-even; points outside the map are skipped. One pass in
 * chunks with scratch arrays reused between chunks — nothing is allocated per event.
 */
import { rintHalfEven } from "./cutout.js";
import type { ResolvedCoords } from "./map-coord.js";
import type { WcsGeom } from "./wcs-geom.js";

const CHUNK = 65536;

/**
 * Adds a weight per point to the data value of the pixel containing it.
 *
 * @param geom - the map geometry
 * @param data - map data in the geometry's data shape (modified)
 * @param c - coordinates resolved for the geometry (see `resolveCoords`)
 * @param weights - one weight per point, a single weight, or undefined for 1
 * @returns the number of points that fell into the map
 * @example
 * ```ts
 * fillEvents(geom, counts, resolveCoords(events, geom.frame, geom.axes, "fill"), undefined); // 1234
 * ```
 */
export function fillEvents(
  geom: WcsGeom,
  data: Float64Array | Float32Array,
  c: ResolvedCoords,
  weights: ArrayLike<number> | undefined,
): number {
  const [nx, ny] = geom.npix;
  const axes = geom.axes;
  const nAxes = axes.length;
  const nbins = axes.map((a) => a.nbin);
  const chunk = Math.min(c.n, CHUNK);
  const x = new Float64Array(chunk);
  const y = new Float64Array(chunk);
  const ap = axes.map(() => new Float64Array(chunk));
  let inside = 0;
  for (let start = 0; start < c.n; start += chunk) {
    const m = Math.min(chunk, c.n - start);
    x.set(c.lon.subarray(start, start + m));
    y.set(c.lat.subarray(start, start + m));
    geom.wcs.skyToPixKernel(m, x, y, x, y);
    for (let a = 0; a < nAxes; a++) axes[a]!.coordToPix(c.axes[a]!.subarray(start, start + m), ap[a]!.subarray(0, m));
    for (let i = 0; i < m; i++) {
      const ix = rintHalfEven(x[i]);
      const iy = rintHalfEven(y[i]);
      if (!(ix >= 0 && ix < nx && iy >= 0 && iy < ny)) continue;
      let plane = 0;
      let stride = 1;
      let ok = true;
      for (let a = 0; a < nAxes; a++) {
        const ia = rintHalfEven(ap[a]![i]);
        if (!(ia >= 0 && ia < nbins[a]!)) {
          ok = false;
          break;
        }
        plane += ia * stride;
        stride *= nbins[a]!;
      }
      if (!ok) continue;
      data[(plane * ny + iy) * nx + ix] += weights === undefined ? 1 : weights.length === 1 ? weights[0]! : weights[start + i]!;
      inside++;
    }
  }
  return inside;
}
