/**
 * Exclusion masks for the region finders. Gammapy 1.0 looks the mask up at the centres of
 * the reference image pixels (nearest mask pixel, `interp_to_geom` of a boolean map;
 * outside the mask counts as allowed) and keeps the coordinates of the excluded reference
 * pixels; a candidate region is rejected when it contains one of them.
 */
import { DataError } from "@gammats/core";
import type { FrameName } from "@gammats/core";
import { pixelRegionBbox } from "@gammats/maps";
import type { PixelRegion, RegionWcs } from "@gammats/maps";
import { rintHalfEven } from "./rint-half-even.js";

/**
 * What the finders need of an exclusion mask — `WcsNDMap` of `@gammats/maps` fits it:
 * an image whose pixels are 1 (true) where off regions may lie and 0 where they may not
 * (Gammapy's convention: `mask = ~geom.region_mask(excluded_regions)`).
 */
export interface ExclusionMask {
  /** Geometry of the mask image. */
  readonly geom: {
    /** Image size [nx, ny]. */
    readonly npix: readonly [number, number];
    /** Fractional 0-based pixel coordinates of sky directions given in `frame`. */
    skyToPix(lon: Float64Array, lat: Float64Array, frame?: FrameName | string): { x: Float64Array; y: Float64Array };
  };
  /** ny × nx values, row-major (x fastest); 0 = excluded. */
  readonly data: ArrayLike<number>;
  /** False for a non-boolean map (refused, as Gammapy refuses it). */
  readonly isMask?: boolean;
}

/** A ring of pixel distances [rMin, rMax] around a pixel position (x, y). */
export interface PixelAnnulus {
  x: number;
  y: number;
  rMin: number;
  rMax: number;
}

/** Pixel coordinates of excluded reference pixels. */
export interface PixelList {
  x: Float64Array;
  y: Float64Array;
}

/**
 * Checks an exclusion mask's shape and type.
 *
 * @param mask - the mask
 * @param where - who asks, for the message
 * @throws DataError for a non-boolean map or data that is not one nx × ny image
 */
export function checkExclusionMask(mask: ExclusionMask, where: string): void {
  if (mask.isMask === false) {
    throw new DataError(`${where}: the exclusion mask must hold boolean values`, {
      hint: "build it as a boolean map, e.g. the inverted region mask of the excluded regions",
    });
  }
  const [nx, ny] = mask.geom.npix;
  if (mask.data.length !== nx * ny) {
    throw new DataError(`${where}: the exclusion mask has ${mask.data.length} values for a ${nx} x ${ny} image`, {
      hint: "give a 2D image mask (no energy axis)",
    });
  }
}

/**
 * The ring about the rotation centre that every rotated copy of a pixel region stays in
 * (from the region's bounding box, widened by 2 pixels: a point copy is excluded by pixels
 * up to 1 pixel away). Excluded pixels outside it can never touch a copy.
 *
 * @param region - the on region in reference pixels
 * @param cx - rotation centre x [pixel]
 * @param cy - rotation centre y [pixel]
 * @returns the ring
 * @example
 * ```ts
 * rotationAnnulus({ kind: "circle", x: 165, y: 115, radius: 11 }, 115, 115); // { x: 115, y: 115, rMin: 36.5, rMax: 64.57 }
 * ```
 */
export function rotationAnnulus(region: PixelRegion, cx: number, cy: number): PixelAnnulus {
  const b = pixelRegionBbox(region);
  // The region lies in [ixmin - 0.5, ixmax - 0.5] x [iymin - 0.5, iymax - 0.5].
  const [x0, x1, y0, y1] = [b.ixmin - 0.5, b.ixmax - 0.5, b.iymin - 0.5, b.iymax - 0.5];
  const dx = Math.max(x0 - cx, 0, cx - x1);
  const dy = Math.max(y0 - cy, 0, cy - y1);
  const far = Math.hypot(Math.max(Math.abs(x0 - cx), Math.abs(x1 - cx)), Math.max(Math.abs(y0 - cy), Math.abs(y1 - cy)));
  return { x: cx, y: cy, rMin: Math.max(Math.hypot(dx, dy) - 2, 0), rMax: far + 2 };
}

/**
 * The reference pixels an exclusion mask excludes: every reference pixel centre is
 * looked up in the mask (nearest pixel, halves to even); pixels off the mask are allowed.
 *
 * @param wcs - the reference WCS (its `npix` is the image size)
 * @param mask - the exclusion mask, or undefined (nothing excluded)
 * @param annulus - only pixels in this ring are looked up (a speed-up: the finders pass
 *   {@link rotationAnnulus}, outside which no excluded pixel can matter); default all
 * @returns the excluded reference pixels (0-based x, y)
 * @throws DataError for a bad mask (see {@link checkExclusionMask})
 * @example
 * ```ts
 * const excluded = excludedPixels(referenceWcs(on, pointing, 0.01), exclusionMask);
 * excluded.x.length; // number of excluded reference pixels
 * ```
 */
export function excludedPixels(wcs: RegionWcs, mask: ExclusionMask | undefined, annulus?: PixelAnnulus): PixelList {
  if (mask === undefined) return { x: new Float64Array(0), y: new Float64Array(0) };
  checkExclusionMask(mask, "region finder");
  const [nx, ny] = wcs.npix;
  const [mx, my] = mask.geom.npix;
  const a = annulus ?? { x: 0, y: 0, rMin: 0, rMax: Infinity };
  let n = 0;
  for (let j = 0; j < ny; j++) {
    for (let i = 0; i < nx; i++) {
      const r = Math.hypot(i - a.x, j - a.y);
      if (r >= a.rMin && r <= a.rMax) n++;
    }
  }
  const px = new Float64Array(n);
  const py = new Float64Array(n);
  for (let j = 0, k = 0; j < ny; j++) {
    for (let i = 0; i < nx; i++) {
      const r = Math.hypot(i - a.x, j - a.y);
      if (r >= a.rMin && r <= a.rMax) {
        px[k] = i;
        py[k++] = j;
      }
    }
  }
  const sky = wcs.pixelToWorld(px, py);
  const m = mask.geom.skyToPix(sky.lon, sky.lat, wcs.frame);
  const xs: number[] = [];
  const ys: number[] = [];
  for (let k = 0; k < px.length; k++) {
    const ix = rintHalfEven(m.x[k]);
    const iy = rintHalfEven(m.y[k]);
    // Off the mask (or outside its projection: NaN) is allowed, as Gammapy's fill value True.
    if (!(ix >= 0 && ix < mx && iy >= 0 && iy < my)) continue;
    if (!mask.data[iy * mx + ix]) {
      xs.push(px[k]);
      ys.push(py[k]);
    }
  }
  return { x: Float64Array.from(xs), y: Float64Array.from(ys) };
}
