/**
 * A cheap, conservative prefilter for region containment: a longitude/latitude box (in
 * the WCS frame) outside which no direction can fall inside any of the regions. Testing
 * the box costs two comparisons per direction instead of the four sines and cosines of
 * the TAN projection, and in a reflected-regions analysis it rejects most events.
 */
import { angularSeparation, transformFrame } from "@gammats/core";
import type { RegionWcs } from "./region-wcs.js";
import type { SkyRegion } from "./sky-region.js";

/** Longitude/latitude box in the WCS frame [deg]; `dlonMax` >= 180 means no longitude bound. */
export interface SkyBox {
  latMin: number;
  latMax: number;
  /** Centre longitude of the box [deg]. */
  lon0: number;
  /** Largest |longitude - lon0| (wrapped to [-180, 180)) inside the box [deg]. */
  dlonMax: number;
}

// Regions are compared in the pixels of a TAN projection whose scale is taken at each
// region centre. Within 20 deg of the tangent point the projection stretches by < 13 %,
// so a 1.5 x enclosing radius (+ 0.01 deg) bounds every direction a pixel shape accepts.
const MAX_CENTRE_OFFSET_DEG = 20;
const MAX_RADIUS_DEG = 10;
const SAFETY = 1.5;
const PAD_DEG = 0.01;

/** Angular radius around the centre that encloses the region [deg], or undefined (no bound). */
function enclosingRadius(region: SkyRegion): number | undefined {
  switch (region.kind) {
    case "circle":
      return region.radius;
    case "point":
      return 0;
    case "ellipse":
      return Math.max(region.width, region.height) / 2;
    case "rectangle":
      return Math.hypot(region.width, region.height) / 2;
    default:
      return undefined;
  }
}

/**
 * The box enclosing all regions with a safety margin, or null when no safe box is known
 * (polygons, large regions, regions far from the tangent point, boxes reaching a pole).
 *
 * @param regions - the regions of a RegionGeom
 * @param wcs - the projection they are evaluated in
 * @returns the box, or null
 * @example
 * ```ts
 * regionSkyBox([new CircleSkyRegion(83.633, 22.014, 0.1)], wcs); // { latMin: 21.854, latMax: 22.174, lon0: 83.633, dlonMax: 0.18278 }
 * ```
 */
export function regionSkyBox(regions: readonly SkyRegion[], wcs: RegionWcs): SkyBox | null {
  if (regions.length === 0) return null;
  let latMin = Infinity;
  let latMax = -Infinity;
  let reach = 0; // largest (distance to lonC's centre + radius), for the longitude bound
  const centres: { lon: number; lat: number; d: number }[] = [];
  for (const region of regions) {
    const r = enclosingRadius(region);
    if (r === undefined || !(r <= MAX_RADIUS_DEG)) return null;
    const c = transformFrame(region.center.lon, region.center.lat, region.frame, wcs.frame);
    if (!(angularSeparation(c.lon, c.lat, wcs.crval[0], wcs.crval[1]) <= MAX_CENTRE_OFFSET_DEG)) return null;
    const d = SAFETY * r + PAD_DEG;
    latMin = Math.min(latMin, c.lat - d);
    latMax = Math.max(latMax, c.lat + d);
    centres.push({ lon: c.lon, lat: c.lat, d });
  }
  if (latMin <= -89 || latMax >= 89) return null;
  const lonC = wcs.crval[0];
  // A direction within d of a centre at longitude offset δ from lonC satisfies
  // sin(|Δλ|/2) <= sin(d/2) / cos(lat)  (haversine with cos of the box's largest |lat|),
  // so |lon - lonC| <= |δ| + that bound.
  const cosMin = Math.cos(Math.max(Math.abs(latMin), Math.abs(latMax)) * (Math.PI / 180));
  for (const c of centres) {
    const s = Math.sin((c.d / 2) * (Math.PI / 180)) / cosMin;
    if (s >= 1) return null;
    const dl = 2 * Math.asin(s) * (180 / Math.PI);
    reach = Math.max(reach, Math.abs(wrap180(c.lon - lonC)) + dl);
  }
  return { latMin, latMax, lon0: lonC, dlonMax: reach + PAD_DEG };
}

/** Longitude difference wrapped to [-180, 180) [deg]. */
export function wrap180(dlon: number): number {
  return dlon - 360 * Math.floor((dlon + 180) / 360);
}
