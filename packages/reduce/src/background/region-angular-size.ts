/**
 * The angle a pixel region subtends seen from the rotation centre, measured as Gammapy
 * 1.0's `ReflectedRegionsFinder._region_angular_size`: over the centres of the reference
 * image pixels inside the region, max − min of atan2(Δx, Δy); when that exceeds π the
 * region straddles the ±π cut and the angles are wrapped to [−2π, 0) first.
 */
import { DataError } from "@gammats/core";
import { pixelRegionBbox, pixelRegionContains } from "@gammats/maps";
import type { PixelRegion } from "@gammats/maps";

const TWO_PI = 2 * Math.PI;

/**
 * Angular size of a pixel region seen from a point [rad].
 *
 * @param region - the region in reference pixels
 * @param npix - reference image size [nx, ny] (pixels off the image do not count)
 * @param cx - centre x [pixel]
 * @param cy - centre y [pixel]
 * @returns the angular size [rad] (near 2π, i.e. no room for off regions, when the centre
 *   lies inside the region)
 * @throws DataError when no reference pixel centre lies in the region (region smaller than a pixel)
 * @example
 * ```ts
 * regionAngularSize({ kind: "circle", x: 165, y: 115, radius: 11 }, [230, 230], 115, 115); // ≈ 0.44
 * ```
 */
export function regionAngularSize(region: PixelRegion, npix: readonly [number, number], cx: number, cy: number): number {
  const b = pixelRegionBbox(region);
  const x0 = Math.max(b.ixmin, 0);
  const x1 = Math.min(b.ixmax, npix[0]);
  const y0 = Math.max(b.iymin, 0);
  const y1 = Math.min(b.iymax, npix[1]);
  const n = Math.max(x1 - x0, 0) * Math.max(y1 - y0, 0);
  const px = new Float64Array(n);
  const py = new Float64Array(n);
  let k = 0;
  for (let j = y0; j < y1; j++) {
    for (let i = x0; i < x1; i++, k++) {
      px[k] = i;
      py[k] = j;
    }
  }
  const inside = pixelRegionContains(region, px, py);
  const angles: number[] = [];
  for (let i = 0; i < n; i++) if (inside[i]) angles.push(Math.atan2(cx - px[i], cy - py[i]));
  if (angles.length === 0) {
    throw new DataError("ReflectedRegionsFinder: the on region contains no pixel of the reference image", {
      hint: "use a smaller binsz than the region size (default 0.01 deg)",
    });
  }
  let size = spread(angles);
  if (size > Math.PI) {
    // astropy's wrap_at(0 rad): angles into [-2π, 0).
    for (let i = 0; i < angles.length; i++) if (angles[i] >= 0) angles[i] -= TWO_PI;
    size = spread(angles);
  }
  return size;
}

function spread(values: readonly number[]): number {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values) {
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return hi - lo;
}
