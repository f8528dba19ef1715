/**
 * Small helpers every 1D maker needs: the on-region centre in ICRS, its offset from the
 * pointing, and the energy axes of a region geometry, with errors that say what is wrong.
 */
import { DataError, angularSeparation, transformFrame } from "@gammats/core";
import type { LonLat } from "@gammats/core";
import { MapAxis } from "@gammats/maps";
import type { RegionGeom } from "@gammats/maps";

/**
 * Centre of a region geometry in ICRS (Gammapy's `center_skydir`, transformed).
 *
 * @param geom - the geometry
 * @param what - who asks (for the message)
 * @returns RA, Dec [deg]
 * @throws DataError when the geometry has no region
 */
export function regionCenterIcrs(geom: RegionGeom, what: string): LonLat {
  if (geom.regions.length === 0) {
    throw new DataError(`${what}: the dataset geometry has no on region`, {
      hint: "create the dataset on a RegionGeom with a region, e.g. RegionGeom.create('icrs;circle(83.633,22.014,0.1)', ...)",
    });
  }
  const c = geom.centerSkydir;
  return geom.frame === "icrs" ? c : transformFrame(c.lon, c.lat, geom.frame, "icrs");
}

/**
 * Offset of the on-region centre from a pointing position.
 *
 * @param geom - the geometry
 * @param pointing - pointing RA, Dec [deg]
 * @param what - who asks (for the message)
 * @returns the offset [deg]
 */
export function regionOffset(geom: RegionGeom, pointing: { ra: number; dec: number }, what: string): number {
  const c = regionCenterIcrs(geom, what);
  return angularSeparation(c.lon, c.lat, pointing.ra, pointing.dec);
}

/**
 * A named energy axis of a geometry, as a MapAxis.
 *
 * @param geom - the geometry
 * @param name - "energy" or "energy_true"
 * @param what - who asks (for the message)
 * @returns the axis
 * @throws DataError naming the axes the geometry has
 */
export function energyAxisOf(geom: RegionGeom, name: "energy" | "energy_true", what: string): MapAxis {
  const axis = geom.axes.find((a) => a.name === name);
  if (!(axis instanceof MapAxis)) {
    throw new DataError(`${what}: the geometry has no '${name}' axis (axes: ${geom.axes.map((a) => a.name).join(", ") || "none"})`, {
      hint: name === "energy" ? "give a RegionGeom with a reco energy axis named 'energy'" : "give a true energy axis named 'energy_true'",
    });
  }
  return axis;
}
