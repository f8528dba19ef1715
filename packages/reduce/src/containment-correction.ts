/**
 * Containment correction of a 1D exposure (Gammapy's `SpectrumDatasetMaker` with
 * `containment_correction`): the fraction of a point source's PSF inside the circular on
 * region, per true energy, at the offset of the region centre.
 */
import { DataError } from "@gammats/core";
import type { Irf } from "@gammats/irf";
import type { RegionGeom } from "@gammats/maps";
import type { Observation } from "@gammats/data-store";
import { requireIrf } from "./irf-access.js";
import { energyAxisOf, regionOffset } from "./region-center.js";

/** A PSF that can say how much of it lies within a radius (every PSF class of the irf package). */
interface ContainmentPsf extends Irf {
  containment(rad: ArrayLike<number>, energyTrue: ArrayLike<number>, offset: ArrayLike<number>, out?: Float64Array): Float64Array;
}

const hasContainment = (irf: Irf): irf is ContainmentPsf => typeof (irf as unknown as Partial<ContainmentPsf>).containment === "function";

/**
 * PSF containment fraction within the on-region radius, per true-energy bin centre.
 *
 * @param geom - region geometry of one circle, with an "energy_true" axis
 * @param observation - the observation (its PSF and pointing)
 * @param isPointlike - whether the exposure comes from point-like IRFs (then it is an error)
 * @returns fractions in [0, 1], one per true-energy bin
 * @throws DataError for point-like IRFs, a region that is not one circle, or no PSF
 * @example
 * ```ts
 * containmentCorrection(exposureGeom, observation, false); // ≈ 0.6 … 0.9 for r = 0.1°
 * ```
 */
export function containmentCorrection(geom: RegionGeom, observation: Observation, isPointlike: boolean): Float64Array {
  if (isPointlike) {
    throw new DataError(`containment correction: observation ${observation.obsId} has point-like IRFs, already cut to RAD_MAX`, {
      hint: "set containment_correction: false for point-like IRFs",
    });
  }
  const region = geom.region;
  if (region === undefined || region.kind !== "circle") {
    throw new DataError(`containment correction needs one circular on region, got ${region === undefined ? `${geom.regions.length} regions` : `a ${region.kind}`}`, {
      hint: "use a circle on region, or set containment_correction: false",
    });
  }
  const axis = energyAxisOf(geom, "energy_true", "containment correction");
  const psf = requireIrf(observation, "psf", hasContainment, "containment correction");
  const offset = regionOffset(geom, observation.pointing, "containment correction");
  return psf.containment([region.radius], axis.centersIn("TeV"), [offset]);
}
