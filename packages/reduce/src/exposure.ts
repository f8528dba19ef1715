/**
 * Exposure of a 1D dataset (Gammapy's `make_map_exposure_true_energy` with
 * `use_region_center`): effective area at the offset of the on-region centre, at the
 * true-energy bin centres, times the observation's live time.
 */
import { EffectiveAreaTable2D } from "@gammats/irf";
import type { Irf } from "@gammats/irf";
import { RegionNDMap } from "@gammats/maps";
import type { RegionGeom } from "@gammats/maps";
import type { Observation } from "@gammats/data-store";
import { requireIrf } from "./irf-access.js";
import { energyAxisOf, regionOffset } from "./region-center.js";

const isAeff = (irf: Irf): irf is EffectiveAreaTable2D => irf instanceof EffectiveAreaTable2D;

/**
 * Effective area × live time per true-energy bin, at the on-region centre.
 *
 * The live time is `observationLiveTimeDuration` (GTI sum × DEADC, as Gammapy), kept in
 * the map's meta as `livetime` [s]; `is_pointlike` records the IRF kind.
 *
 * @param geom - region geometry with an "energy_true" axis (other axes are not allowed)
 * @param observation - the observation
 * @returns exposure map on `geom` [cm2 s]
 * @throws DataError without effective area, region or true-energy axis
 * @example
 * ```ts
 * makeExposure(geom.toImage().toCube([energyTrue]), observation).data; // cm2 s
 * ```
 */
export function makeExposure(geom: RegionGeom, observation: Observation): RegionNDMap {
  const axis = energyAxisOf(geom, "energy_true", "exposure");
  const aeff = requireIrf(observation, "aeff", isAeff, "exposure");
  const offset = regionOffset(geom, observation.pointing, "exposure");
  const livetime = observation.observationLiveTimeDuration;
  const data = aeff.evaluate(axis.centersIn("TeV"), [offset]);
  for (let i = 0; i < data.length; i++) data[i] = data[i]! * livetime;
  return new RegionNDMap(geom, data, "cm2 s", { livetime, is_pointlike: aeff.isPointlike });
}
