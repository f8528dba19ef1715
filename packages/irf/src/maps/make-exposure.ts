/**
 * Exposure map of one observation (Gammapy 1.0's `make_map_exposure_true_energy`): the
 * effective area at every pixel centre's offset from the pointing and every true-energy
 * bin centre, times the live time. No energy dispersion is applied.
 */
import { DataError } from "@gammats/core";
import { WcsNDMap } from "@gammats/maps";
import type { WcsGeom } from "@gammats/maps";
import type { EffectiveAreaTable2D } from "../effective-area.js";
import { ANY_AXIS_OUTSIDE } from "../irf-evaluator.js";
import { locateOffsets, offsetNodeTable } from "../offset-nodes.js";
import { offsetRows } from "../offset-rows.js";
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
  // Effective area × live time on (energy bin, pixel), C order — straight into the map
  // when its planes are the energy bins (the usual geometry), else repeated over the
  // other axes.
  const direct = bins.every((b, p) => b === p) && bins.length === axis.nbin;
  const values = direct ? data : new Float64Array(axis.nbin * img);
  const energies = axis.centersIn("TeV");
  // The area depends on a pixel only through its offset: evaluated once at the offset
  // nodes, each pixel interpolates between two of them (same values up to round-off).
  const table = offsetNodeTable(aeff, ANY_AXIS_OUTSIDE, [energies, null]);
  if (table !== null) offsetRows(table, locateOffsets(aeff.axis("offset"), offset), values, livetime);
  else {
    aeff.evaluateGrid([energies, offset], {}, values);
    scaleInPlace(values, livetime);
  }
  if (!direct) {
    for (let p = 0; p < bins.length; p++) data.set(values.subarray(bins[p]! * img, (bins[p]! + 1) * img), p * img);
  }
  return new WcsNDMap(geom, data, EXPOSURE_UNIT, { livetime, is_pointlike: aeff.isPointlike });
}

/** x ← x · f (kernel). */
function scaleInPlace(x: Float64Array, f: number): void {
  for (let i = 0; i < x.length; i++) x[i] = x[i]! * f;
}
