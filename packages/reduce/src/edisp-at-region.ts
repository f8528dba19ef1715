/**
 * Energy dispersion of a 1D dataset (Gammapy's `make_edisp_kernel_map` on a RegionGeom
 * with `use_region_center`): the migration pdf at the offset of the on-region centre,
 * integrated into reco-energy bins, plus the exposure that weights it when stacking.
 */
import { EnergyDispersion2D } from "@gammats/irf";
import type { EDispKernel } from "@gammats/irf";
import type { Irf } from "@gammats/irf";
import type { RegionGeom } from "@gammats/maps";
import type { Observation } from "@gammats/data-store";
import { requireIrf } from "./irf-access.js";
import { makeExposure } from "./exposure.js";
import { energyAxisOf, regionOffset } from "./region-center.js";

const isEdisp = (irf: Irf): irf is EnergyDispersion2D => irf instanceof EnergyDispersion2D;

/** The energy dispersion of one observation at the on region. */
export interface EdispAtRegion {
  /** Probabilities [true bin][reco bin]. */
  kernel: EDispKernel;
  /** Effective area × live time per true-energy bin at the region centre [cm2 s] (no containment). */
  exposure: Float64Array;
}

/**
 * Energy dispersion kernel at the on-region centre.
 *
 * @param geom - region geometry with "energy" and "energy_true" axes
 * @param observation - the observation (EDISP_2D and effective area)
 * @returns kernel and its exposure weights
 * @throws DataError without energy dispersion, region or energy axes
 * @example
 * ```ts
 * makeEdispAtRegion(geom, observation).kernel.pdfMatrix; // nTrue × nReco
 * ```
 */
export function makeEdispAtRegion(geom: RegionGeom, observation: Observation): EdispAtRegion {
  const energy = energyAxisOf(geom, "energy", "edisp");
  const energyTrue = energyAxisOf(geom, "energy_true", "edisp");
  const edisp = requireIrf(observation, "edisp", isEdisp, "edisp");
  const offset = regionOffset(geom, observation.pointing, "edisp");
  const exposure = makeExposure(geom.toImage().toCube([energyTrue]), observation).data;
  return { kernel: edisp.toEdispKernel(offset, energyTrue, energy), exposure };
}
