/**
 * Exposure map of one observation (Gammapy 1.0's `make_map_exposure_true_energy`): the
 * effective area at every pixel centre's offset from the pointing and every true-energy
 * bin centre, times the live time. No energy dispersion is applied.
 */
import { DataError } from "@gammats/core";
import { WcsNDMap } from "@gammats/maps";
import type { WcsGeom } from "@gammats/maps";
import type { EffectiveAreaTable2D } from "../effective-area.js";
import { EXPOSURE_UNIT } from "./irf-map.js";

/**
 * Index of every plane of a geometry along one of its axes (the plane index runs over
 * the axes with the first fastest).
 *
 * @param geom - the geometry
 * @param name - axis name
 * @param what - caller, for messages
 * @returns the bin of that axis for each plane
 * @throws DataError when the axis is missing
 */
export function planeBins(geom: WcsGeom, name: string, what: string): Int32Array {
  const k = geom.axes.findIndex((a) => a.name === name);
  if (k < 0) {
    throw new DataError(`${what}: the geometry has no '${name}' axis (axes: ${geom.axes.map((a) => a.name).join(", ") || "none"})`, {
      hint: `add a MapAxis named '${name}' to the geometry`,
    });
  }
  const stride = geom.axes.slice(0, k).reduce((a, x) => a * x.nbin, 1);
  const n = geom.axes[k]!.nbin;
  return Int32Array.from({ length: geom.planeCount }, (_, p) => Math.floor(p / stride) % n);
}

/**
 * Exposure map [cm2 s] on a geometry with an "energy_true" axis.
 *
 * @param pointing - pointing direction, ICRS [deg]
 * @param livetime - live time [s]
 * @param aeff - effective area
 * @param geom - map geometry (other axes than energy_true repeat the values)
 * @returns exposure map, meta { livetime [s], is_pointlike }
 * @throws DataError without an energy_true axis
 * @example
 * ```ts
 * const exposure = makeMapExposureTrueEnergy({ ra: 83.633, dec: 21.514 }, 1581.74, aeff, geom.toImage().toCube([etrue]));
 * ```
 */
export function makeMapExposureTrueEnergy(
  pointing: { ra: number; dec: number },
  livetime: number,
  aeff: EffectiveAreaTable2D,
  geom: WcsGeom,
): WcsNDMap {
  const bins = planeBins(geom, "energy_true", "makeMapExposureTrueEnergy");
  const axis = geom.axes.find((a) => a.name === "energy_true")!;
  const offset = geom.separation(pointing.ra, pointing.dec, "icrs");
  const img = offset.length;
  const data = new Float64Array(geom.size);
  // Effective area [cm2] on (energy bin, pixel), C order — straight into the map when its
  // planes are the energy bins (the usual geometry), else repeated over the other axes.
  const direct = bins.every((b, p) => b === p) && bins.length === axis.nbin;
  const values = aeff.evaluateGrid([axis.centersIn("TeV"), offset], {}, direct ? data : undefined);
  for (let p = 0; p < bins.length; p++) {
    const src = bins[p]! * img;
    for (let i = 0; i < img; i++) data[p * img + i] = values[src + i]! * livetime;
  }
  return new WcsNDMap(geom, data, EXPOSURE_UNIT, { livetime, is_pointlike: aeff.isPointlike });
}
