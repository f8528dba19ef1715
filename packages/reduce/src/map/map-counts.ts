/**
 * Counts of a 3D dataset: the events of an observation binned into a sky map with a reco
 * energy axis (Gammapy's `MapDatasetMaker.make_counts` → `Map.fill_events`).
 */
import { DataError } from "@gammats/core";
import { WcsNDMap } from "@gammats/maps";
import type { WcsGeom } from "@gammats/maps";
import type { EventList } from "@gammats/data-store";

/**
 * Bins events by RA/Dec and reco energy: each event goes to the pixel containing it
 * (pixel coordinates rounded half-to-even, as Gammapy); events outside the map or the
 * energy range are dropped.
 *
 * @param geom - the counts geometry: sky pixels and one axis, "energy"
 * @param events - the observation's events
 * @returns the counts map on `geom` (float64, unit "")
 * @throws DataError when the geometry's axes are not just "energy"
 * @example
 * ```ts
 * makeMapCounts(dataset.counts.geom, observation.events).data; // counts per [energy, y, x]
 * ```
 */
export function makeMapCounts(geom: WcsGeom, events: EventList): WcsNDMap {
  if (geom.axes.length !== 1 || geom.axes[0]!.name !== "energy") {
    throw new DataError(`counts: the geometry must have one axis, 'energy', it has [${geom.axes.map((a) => a.name).join(", ")}]`, {
      hint: "make the counts geometry with WcsGeom.create({ ..., axes: [energyAxis] })",
    });
  }
  const counts = WcsNDMap.fromGeom(geom);
  counts.fillByCoord({ lon: events.ra, lat: events.dec, frame: "icrs", energy: events.energy });
  return counts;
}
