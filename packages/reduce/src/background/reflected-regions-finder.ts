/**
 * ReflectedRegionsFinder (Gammapy 1.0): off regions of the same shape and size as the on
 * region at the same distance from the pointing, found by rotating the on region about
 * the pointing in the pixels of a reference TAN image. Starting one region width plus
 * `minDistanceInput` away from the on region, each accepted region advances the angle by
 * one region width plus `minDistance`; a region touching an excluded pixel advances it by
 * `angleIncrement` only; the search stops before coming back to the on region.
 */
import { DataError } from "@gammats/core";
import { pixelRegionContains, pixelRegionToSky } from "@gammats/maps";
import type { PixelRegion, SkyRegion } from "@gammats/maps";
import { angleDeg, angleRad } from "./angle-input.js";
import type { AngleInput } from "./angle-input.js";
import { rotatePixelRegion } from "./pixel-region-rotate.js";
import { regionAngularSize } from "./region-angular-size.js";
import { excludedPixels, rotationAnnulus } from "./reflected-exclusion.js";
import type { ExclusionMask, PixelList } from "./reflected-exclusion.js";
import { centerPixel, referenceWcs } from "./reflected-reference-geom.js";
import type { SkyDirection } from "./reflected-reference-geom.js";
import { DEFAULT_FINDER_BINSZ_DEG } from "./regions-finder.js";
import type { RegionsFinder, RegionsFinderResult } from "./regions-finder.js";

const FULL_CIRCLE = 2 * Math.PI;

/** Options of {@link ReflectedRegionsFinder} (numbers are degrees; strings are quantities). */
export interface ReflectedRegionsFinderOptions {
  /** Step of the rotation when a region touches excluded pixels; default "0.1 rad"; must be > 0. */
  angleIncrement?: AngleInput;
  /** Extra gap between consecutive off regions; default "0 rad". */
  minDistance?: AngleInput;
  /** Extra gap between the on region and the first / last off region; default "0.1 rad". */
  minDistanceInput?: AngleInput;
  /** Maximum number of off regions; default 10000. */
  maxRegionNumber?: number;
  /** Pixel size of the reference image; default 0.01 deg. */
  binsz?: AngleInput;
}

/** True when the region contains any of the pixels (reusing `scratch`). */
function touchesAny(region: PixelRegion, pixels: PixelList, scratch: Uint8Array): boolean {
  if (pixels.x.length === 0) return false;
  const inside = pixelRegionContains(region, pixels.x, pixels.y, scratch);
  for (let i = 0; i < inside.length; i++) if (inside[i]) return true;
  return false;
}

/**
 * Finds reflected off regions for an on region and a pointing (Gammapy 1.0's
 * `ReflectedRegionsFinder`; on H.E.S.S. DR1 runs the centres agree to 1e-13 deg).
 *
 * @example
 * ```ts
 * const finder = new ReflectedRegionsFinder({ minDistanceInput: "0.2 rad", maxRegionNumber: 5 });
 * const { regions } = finder.run(new CircleSkyRegion(83.633, 22.014, 0.11), { lon: 82.0133, lat: 22.0144 });
 * regions.length; // 5
 * ```
 */
export class ReflectedRegionsFinder implements RegionsFinder {
  /** Rotation step after hitting excluded pixels [rad]. */
  readonly angleIncrement: number;
  /** Gap between consecutive off regions [rad]. */
  readonly minDistance: number;
  /** Gap between the on region and the off regions [rad]. */
  readonly minDistanceInput: number;
  /** Maximum number of off regions. */
  readonly maxRegionNumber: number;
  /** Pixel size of the reference image [deg]. */
  readonly binsz: number;

  /**
   * @param options - angleIncrement, minDistance, minDistanceInput, maxRegionNumber, binsz
   * @throws DataError for angleIncrement <= 0, maxRegionNumber not a positive integer or binsz <= 0;
   *   UnitError for a quantity that is not an angle
   */
  constructor(options: ReflectedRegionsFinderOptions = {}) {
    this.angleIncrement = angleRad(options.angleIncrement ?? "0.1 rad", "angleIncrement");
    if (!(this.angleIncrement > 0)) {
      throw new DataError(`ReflectedRegionsFinder: angleIncrement must be > 0, got ${String(options.angleIncrement)}`, {
        hint: "use e.g. '0.1 rad'",
      });
    }
    this.minDistance = angleRad(options.minDistance ?? "0 rad", "minDistance");
    this.minDistanceInput = angleRad(options.minDistanceInput ?? "0.1 rad", "minDistanceInput");
    this.maxRegionNumber = options.maxRegionNumber ?? 10000;
    if (!Number.isInteger(this.maxRegionNumber) || this.maxRegionNumber < 1) {
      throw new DataError(`ReflectedRegionsFinder: maxRegionNumber must be a positive integer, got ${this.maxRegionNumber}`, {
        hint: "use e.g. 5, or leave it out for no limit",
      });
    }
    this.binsz = angleDeg(options.binsz ?? DEFAULT_FINDER_BINSZ_DEG, "binsz");
    if (!(this.binsz > 0)) {
      throw new DataError(`ReflectedRegionsFinder: binsz must be > 0, got ${String(options.binsz)}`, { hint: "use e.g. '0.01 deg'" });
    }
  }

  /**
   * Finds the reflected regions.
   *
   * @param region - the on region (not a point: use `WobbleRegionsFinder`)
   * @param center - rotation centre, normally the pointing position
   * @param exclusionMask - regions containing an excluded pixel are skipped
   * @returns the off regions (in the on region's frame; none when the centre lies in the
   *   on region) and the reference WCS
   * @throws DataError for a point region, a region smaller than a reference pixel or a bad mask
   * @example
   * ```ts
   * finder.run(on, obs.pointing, exclusionMask).regions.map((r) => r.center);
   * ```
   */
  run(region: SkyRegion, center: SkyDirection, exclusionMask?: ExclusionMask): RegionsFinderResult {
    if (region.kind === "point") {
      throw new DataError("ReflectedRegionsFinder does not work with a point on region", {
        hint: "use WobbleRegionsFinder for point regions (point-like IRFs with RAD_MAX)",
      });
    }
    const wcs = referenceWcs(region, center, this.binsz);
    const c = centerPixel(wcs, center);
    const onPix = region.toPixel(wcs);
    const excluded = excludedPixels(wcs, exclusionMask, rotationAnnulus(onPix, c.x, c.y));
    const angleMin = regionAngularSize(onPix, wcs.npix, c.x, c.y) + this.minDistance;
    const angleMax = FULL_CIRCLE - angleMin - this.minDistanceInput;
    const scratch = new Uint8Array(excluded.x.length);
    const regions: SkyRegion[] = [];
    let angle = angleMin + this.minDistanceInput;
    while (angle < angleMax) {
      const test = rotatePixelRegion(onPix, c.x, c.y, angle);
      if (touchesAny(test, excluded, scratch)) {
        angle += this.angleIncrement;
        continue;
      }
      regions.push(pixelRegionToSky(test, wcs));
      if (regions.length >= this.maxRegionNumber) break;
      angle += angleMin;
    }
    return { regions, wcs };
  }
}
