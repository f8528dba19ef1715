/**
 * The reference image the region finders work in, as Gammapy 1.0's
 * `RegionsFinder._create_reference_geometry`: a TAN projection centred on the rotation
 * point (the pointing), in the frame of the on region, with square pixels of `binsz` and a
 * full width of 4 × (distance of the region from the centre) + 0.3 deg, so that every
 * rotated copy of the region lies on the image.
 */
import { DataError, angularSeparation, parseFrame, transformFrame } from "@gammats/core";
import type { FrameName } from "@gammats/core";
import { RegionWcs } from "@gammats/maps";
import type { SkyRegion } from "@gammats/maps";
import { rintHalfEven } from "./rint-half-even.js";

/** A sky direction with its frame (default "icrs"), e.g. a pointing position [deg]. */
export interface SkyDirection {
  /** Longitude (RA for icrs) [deg]. */
  lon: number;
  /** Latitude (Dec for icrs) [deg]. */
  lat: number;
  /** Frame of lon/lat; default "icrs". */
  frame?: FrameName | string;
}

/** Margin added to the reference image width [deg] (covers regions near the centre). */
export const REFERENCE_WIDTH_MARGIN_DEG = 0.3;

/**
 * The direction in the frame of a region.
 *
 * @param center - the direction
 * @param frame - target frame
 * @returns lon, lat [deg] in `frame`
 * @throws DataError for an unknown frame or a latitude outside [-90, 90]
 */
export function directionIn(center: SkyDirection, frame: FrameName): { lon: number; lat: number } {
  if (!Number.isFinite(center.lon) || !Number.isFinite(center.lat) || Math.abs(center.lat) > 90) {
    throw new DataError(`rotation centre (${center.lon}, ${center.lat}) deg is not a valid sky direction`, {
      hint: "give the pointing position as finite degrees with |lat| <= 90",
    });
  }
  const from = parseFrame(center.frame ?? "icrs", "rotation centre frame");
  return from === frame ? { lon: center.lon, lat: center.lat } : transformFrame(center.lon, center.lat, from, frame);
}

/**
 * The reference WCS (TAN at the centre, region frame) and image size of the finders.
 *
 * @param region - the on region
 * @param center - rotation centre (pointing)
 * @param binsz - pixel size [deg]
 * @returns the projection (its `npix` is the image size)
 * @throws DataError for a non-positive bin size or a bad centre
 * @example
 * ```ts
 * const wcs = referenceWcs(new CircleSkyRegion(83.633, 22.014, 0.11), { lon: 83.633, lat: 21.514 }, 0.01);
 * wcs.npix;  // [230, 230]
 * wcs.crpix; // [115.5, 115.5]
 * ```
 */
export function referenceWcs(region: SkyRegion, center: SkyDirection, binsz: number): RegionWcs {
  if (!(binsz > 0) || !Number.isFinite(binsz)) {
    throw new DataError(`region finder: binsz must be a positive angle, got ${binsz} deg`, { hint: "use e.g. 0.01 (deg)" });
  }
  const c = directionIn(center, region.frame);
  const width = 4 * angularSeparation(region.center.lon, region.center.lat, c.lon, c.lat) + REFERENCE_WIDTH_MARGIN_DEG;
  const n = rintHalfEven(width / binsz);
  if (n < 1) {
    throw new DataError(`region finder: the reference image (${width.toFixed(4)} deg wide) is smaller than one ${binsz} deg pixel`, {
      hint: "use a smaller binsz",
    });
  }
  return new RegionWcs({
    frame: region.frame,
    crval: [c.lon, c.lat],
    crpix: [(n + 1) / 2, (n + 1) / 2],
    cdelt: [-binsz, binsz],
    npix: [n, n],
  });
}

/**
 * 0-based pixel position of the rotation centre in the reference WCS.
 *
 * @param wcs - the reference WCS
 * @param center - the centre
 * @returns x, y [pixel]
 */
export function centerPixel(wcs: RegionWcs, center: SkyDirection): { x: number; y: number } {
  const frame = parseFrame(center.frame ?? "icrs", "rotation centre frame");
  const p = wcs.worldToPixel(Float64Array.of(center.lon), Float64Array.of(center.lat), frame);
  return { x: p.x[0]!, y: p.y[0]! };
}
