/**
 * What region finders share (Gammapy 1.0's `RegionsFinder`): they rotate the on region
 * about the pointing in the pixels of a reference TAN image ({@link referenceWcs}) and
 * return the rotated copies as sky regions, with that image's WCS, in which the regions
 * are later evaluated (counts in the off regions are counted in the same projection).
 */
import type { RegionWcs, SkyRegion } from "@gammats/maps";
import type { ExclusionMask } from "./reflected-exclusion.js";
import type { SkyDirection } from "./reflected-reference-geom.js";

/** Result of a region finder. */
export interface RegionsFinderResult {
  /** The off regions, in the frame of the on region (empty when none fits). */
  regions: SkyRegion[];
  /** The reference TAN projection the regions were found in (its `npix` is the image size). */
  wcs: RegionWcs;
}

/** A strategy placing off regions (reflected or wobble); the background maker takes any. */
export interface RegionsFinder {
  /** Pixel size of the reference image [deg]. */
  readonly binsz: number;
  /**
   * Finds off regions.
   *
   * @param region - the on region
   * @param center - rotation centre (the pointing)
   * @param exclusionMask - regions touching excluded pixels are skipped
   * @returns the regions and the reference WCS
   */
  run(region: SkyRegion, center: SkyDirection, exclusionMask?: ExclusionMask): RegionsFinderResult;
}

/** Default pixel size of the reference image [deg] (Gammapy's `binsz="0.01 deg"`). */
export const DEFAULT_FINDER_BINSZ_DEG = 0.01;
