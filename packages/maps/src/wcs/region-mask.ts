/**
 * Region masks of WCS images as Gammapy's `WcsGeom.region_mask`: every sky region is
 * converted to pixels of the map's own WCS (sizes and angles at the region centre, as
 * astropy regions' `to_pixel`), and a pixel is in the mask when its centre lies in the
 * union of the regions.
 */
import { pixelRegionContains } from "../region/pixel-region.js";
import type { RegionWcs } from "../region/region-wcs.js";
import { parseDs9Regions } from "../region/region-parse.js";
import type { SkyRegion } from "../region/sky-region.js";
import type { Wcs } from "./wcs.js";

/** Regions for a mask: one region, a list (union), or DS9 text. */
export type RegionsInput = SkyRegion | readonly SkyRegion[] | string;

/**
 * Normalises a regions argument to a list.
 *
 * @param regions - one region, a list or DS9 region text
 * @returns the list
 * @throws DataError for unparsable DS9 text
 */
export function regionList(regions: RegionsInput): SkyRegion[] {
  if (typeof regions === "string") return parseDs9Regions(regions);
  return Array.isArray(regions) ? [...(regions as readonly SkyRegion[])] : [regions as SkyRegion];
}

/**
 * Image mask (1 inside) of the union of sky regions.
 *
 * @param wcs - the image WCS
 * @param nx - image width [pixels]
 * @param ny - image height [pixels]
 * @param regions - the regions
 * @returns ny x nx bytes, row-major. A list of only point regions gives all ones, as
 *   Gammapy (whose RegionGeom of points "contains" everything); an empty list all zeros.
 * @example
 * ```ts
 * regionMaskImage(geom.wcs, 100, 100, new CircleSkyRegion(83.63, 22.01, 0.5)); // Uint8Array(10000)
 * ```
 */
export function regionMaskImage(wcs: Wcs, nx: number, ny: number, regions: RegionsInput): Uint8Array {
  const list = regionList(regions);
  const mask = new Uint8Array(nx * ny);
  if (list.length > 0 && list.every((r) => r.kind === "point")) return mask.fill(1);
  const x = new Float64Array(nx * ny);
  const y = new Float64Array(nx * ny);
  for (let j = 0; j < ny; j++) {
    for (let i = 0; i < nx; i++) {
      x[j * nx + i] = i;
      y[j * nx + i] = j;
    }
  }
  const one = new Uint8Array(nx * ny);
  // The region classes are typed against their TAN RegionWcs; Wcs provides the same two
  // methods they call (worldToPixel, pixelScaleAngle), for any projection.
  const asRegionWcs = wcs as unknown as RegionWcs;
  for (const region of list) {
    pixelRegionContains(region.toPixel(asRegionWcs), x, y, one);
    for (let k = 0; k < mask.length; k++) mask[k] |= one[k];
  }
  return mask;
}
