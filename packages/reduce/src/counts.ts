/**
 * Counts of a 1D dataset: the events of an observation inside the on region, binned in
 * reco energy (Gammapy's `MapDatasetMaker.make_counts` for a RegionGeom), or — for a
 * point on region — within the energy- and offset-dependent RAD_MAX cut around its centre
 * (Gammapy's `make_counts_rad_max`).
 */
import { DataError, angularSeparation } from "@gammats/core";
import { RegionNDMap } from "@gammats/maps";
import type { RegionGeom } from "@gammats/maps";
import type { EventList } from "@gammats/data-store";
import type { RadMax2D } from "@gammats/irf";
import { energyAxisOf, regionCenterIcrs } from "./region-center.js";

/** Adds each selected event's energy bin (rounded pixel, as Gammapy's fill) to `out`. */
function fillEnergy(geom: RegionGeom, energy: Float64Array, selected: Uint8Array, out: Float64Array): void {
  const axis = energyAxisOf(geom, "energy", "counts");
  const idx = axis.pixToIdx(axis.coordToPix(energy));
  for (let i = 0; i < idx.length; i++) if (selected[i] === 1 && idx[i]! >= 0) out[idx[i]!] += 1;
}

function checkGeom(geom: RegionGeom): void {
  if (geom.axes.length !== 1) {
    throw new DataError(`counts: the geometry must have just the reco energy axis, it has [${geom.axes.map((a) => a.name).join(", ")}]`, {
      hint: "make 1D counts on RegionGeom.create(region, { axes: [energyAxis] })",
    });
  }
}

/**
 * Counts in the on region per reco-energy bin (events in the region's interior, as its
 * `contains`; energy bins half-open by rounded pixel coordinate as Gammapy's `fill_events`).
 *
 * @param geom - region geometry with one axis, "energy"
 * @param events - the observation's events
 * @returns counts map on `geom`
 * @throws DataError for a geometry without region or with other axes
 * @example
 * ```ts
 * makeCounts(geom, observation.events).data; // Float64Array, one value per energy bin
 * ```
 */
export function makeCounts(geom: RegionGeom, events: EventList): RegionNDMap {
  checkGeom(geom);
  regionCenterIcrs(geom, "counts");
  const inside = geom.contains(events.ra, events.dec, "icrs");
  const data = new Float64Array(geom.size);
  fillEnergy(geom, events.energy, inside, data);
  return new RegionNDMap(geom, data);
}

/**
 * Counts around a point on region within RAD_MAX: an event counts when its distance to
 * the region centre is at most RAD_MAX at the event's reco energy and at the offset of the
 * region centre from the pointing (nearest-node lookup, as Gammapy).
 *
 * @param geom - region geometry of one point region, axis "energy"
 * @param radMax - the observation's RAD_MAX table
 * @param events - the observation's events (their header gives the pointing)
 * @returns counts map on `geom`
 * @throws DataError when the geometry is not one point
 * @example
 * ```ts
 * makeCountsRadMax(pointGeom, observation.radMax as RadMax2D, observation.events);
 * ```
 */
export function makeCountsRadMax(geom: RegionGeom, radMax: RadMax2D, events: EventList): RegionNDMap {
  checkGeom(geom);
  if (geom.regions.length !== 1 || !geom.isAllPointSkyRegions) {
    throw new DataError("counts with RAD_MAX: the on region must be one point", {
      hint: "use a point on region (radius 0) for energy-dependent RAD_MAX cuts, a circle otherwise",
    });
  }
  const c = regionCenterIcrs(geom, "counts with RAD_MAX");
  const pnt = events.pointing;
  const offset = angularSeparation(c.lon, c.lat, pnt.ra, pnt.dec);
  const energy = events.energy;
  const cut = radMax.evaluate(energy, [offset], undefined, { method: "nearest" });
  const sep = angularSeparation(events.ra, events.dec, c.lon, c.lat);
  const selected = new Uint8Array(energy.length);
  for (let i = 0; i < selected.length; i++) selected[i] = sep[i]! <= cut[i]! ? 1 : 0;
  const data = new Float64Array(geom.size);
  fillEnergy(geom, energy, selected, data);
  return new RegionNDMap(geom, data);
}
