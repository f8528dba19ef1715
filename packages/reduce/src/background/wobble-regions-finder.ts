/**
 * WobbleRegionsFinder (Gammapy 1.0): `nOffRegions` copies of the on region at equal angles
 * 2π / (nOffRegions + 1) around the pointing. Copies touching excluded pixels are dropped
 * (a point copy when an excluded pixel centre is less than one pixel away). If extended
 * copies overlap each other, no region is returned (with a warning); point copies are
 * checked for overlap later, against RAD_MAX, by the background maker.
 */
import { DataError, silentLogger } from "@gammats/core";
import type { Logger } from "@gammats/core";
import { pixelRegionBbox, pixelRegionContains, pixelRegionToSky } from "@gammats/maps";
import type { PixelRegion } from "@gammats/maps";
import { angleDeg } from "./angle-input.js";
import type { AngleInput } from "./angle-input.js";
import { rotatePixelRegion } from "./pixel-region-rotate.js";
import { excludedPixels, rotationAnnulus } from "./reflected-exclusion.js";
import type { ExclusionMask, PixelList } from "./reflected-exclusion.js";
import { centerPixel, referenceWcs } from "./reflected-reference-geom.js";
import type { SkyDirection } from "./reflected-reference-geom.js";
import { DEFAULT_FINDER_BINSZ_DEG } from "./regions-finder.js";
import type { RegionsFinder, RegionsFinderResult } from "./regions-finder.js";
import type { SkyRegion } from "@gammats/maps";

const FULL_CIRCLE = 2 * Math.PI;

/** Options of {@link WobbleRegionsFinder}. */
export interface WobbleRegionsFinderOptions {
  /** Number of off positions (some may be dropped by the exclusion mask); integer >= 1. */
  nOffRegions: number;
  /** Pixel size of the reference image; default 0.01 deg. */
  binsz?: AngleInput;
  /** Receives the warning about overlapping regions. */
  logger?: Logger;
}

function isExcluded(region: PixelRegion, excluded: PixelList): boolean {
  const n = excluded.x.length;
  if (region.kind === "point") {
    for (let i = 0; i < n; i++) if (Math.hypot(excluded.x[i] - region.x, excluded.y[i] - region.y) < 1) return true;
    return false;
  }
  const inside = pixelRegionContains(region, excluded.x, excluded.y);
  for (let i = 0; i < n; i++) if (inside[i]) return true;
  return false;
}

/**
 * Whether two of the regions share a reference pixel (pixel centres inside each region,
 * on the image, as Gammapy's `to_mask().to_image()` comparison).
 */
function regionsOverlap(regions: readonly PixelRegion[], npix: readonly [number, number]): boolean {
  const [nx, ny] = npix;
  const hits = new Uint8Array(nx * ny);
  for (const region of regions) {
    const b = pixelRegionBbox(region);
    const x0 = Math.max(b.ixmin, 0);
    const x1 = Math.min(b.ixmax, nx);
    const y0 = Math.max(b.iymin, 0);
    const y1 = Math.min(b.iymax, ny);
    if (x1 <= x0 || y1 <= y0) continue;
    const w = x1 - x0;
    const px = new Float64Array(w * (y1 - y0));
    const py = new Float64Array(px.length);
    for (let k = 0; k < px.length; k++) {
      px[k] = x0 + (k % w);
      py[k] = y0 + Math.floor(k / w);
    }
    const inside = pixelRegionContains(region, px, py);
    for (let k = 0; k < px.length; k++) {
      if (!inside[k]) continue;
      const idx = py[k] * nx + px[k];
      if (hits[idx]) return true;
      hits[idx] = 1;
    }
  }
  return false;
}

/**
 * Places off regions symmetrically around the pointing (Gammapy 1.0's `WobbleRegionsFinder`);
 * works for point on regions too (point-like IRFs with an energy-dependent RAD_MAX).
 *
 * @example
 * ```ts
 * const finder = new WobbleRegionsFinder({ nOffRegions: 3 });
 * finder.run(new PointSkyRegion(83.633, 22.014), { lon: 83.633, lat: 21.514 }).regions.length; // 3
 * ```
 */
export class WobbleRegionsFinder implements RegionsFinder {
  /** Number of off positions. */
  readonly nOffRegions: number;
  /** Pixel size of the reference image [deg]. */
  readonly binsz: number;
  private readonly logger: Logger;

  /**
   * @param options - nOffRegions, binsz, logger
   * @throws DataError for nOffRegions not a positive integer or binsz <= 0
   */
  constructor(options: WobbleRegionsFinderOptions) {
    this.nOffRegions = options.nOffRegions;
    if (!Number.isInteger(this.nOffRegions) || this.nOffRegions < 1) {
      throw new DataError(`WobbleRegionsFinder: nOffRegions must be a positive integer, got ${String(options.nOffRegions)}`, {
        hint: "use e.g. 3",
      });
    }
    this.binsz = angleDeg(options.binsz ?? DEFAULT_FINDER_BINSZ_DEG, "binsz");
    if (!(this.binsz > 0)) {
      throw new DataError(`WobbleRegionsFinder: binsz must be > 0, got ${String(options.binsz)}`, { hint: "use e.g. '0.01 deg'" });
    }
    this.logger = options.logger ?? silentLogger;
  }

  /**
   * Finds the off regions.
   *
   * @param region - the on region (any shape, including a point)
   * @param center - rotation centre, normally the pointing position
   * @param exclusionMask - positions touching excluded pixels are skipped
   * @returns the off regions (none if extended ones overlap) and the reference WCS
   * @throws DataError for a bad mask or centre
   * @example
   * ```ts
   * new WobbleRegionsFinder({ nOffRegions: 1 }).run(on, pointing).regions[0].center; // mirrored position
   * ```
   */
  run(region: SkyRegion, center: SkyDirection, exclusionMask?: ExclusionMask): RegionsFinderResult {
    const wcs = referenceWcs(region, center, this.binsz);
    const c = centerPixel(wcs, center);
    const onPix = region.toPixel(wcs);
    const excluded = excludedPixels(wcs, exclusionMask, rotationAnnulus(onPix, c.x, c.y));
    const nPositions = this.nOffRegions + 1;
    const increment = FULL_CIRCLE / nPositions;
    const kept: PixelRegion[] = [];
    for (let i = 1; i < nPositions; i++) {
      const test = rotatePixelRegion(onPix, c.x, c.y, i * increment);
      if (exclusionMask === undefined || !isExcluded(test, excluded)) kept.push(test);
    }
    if (region.kind !== "point" && regionsOverlap(kept, wcs.npix)) {
      this.logger.warning("WobbleRegionsFinder: found overlapping off regions, returning no regions; use fewer or smaller regions");
      return { regions: [], wcs };
    }
    return { regions: kept.map((p) => pixelRegionToSky(p, wcs)), wcs };
  }
}
