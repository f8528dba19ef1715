/**
 * Spherical-trigonometry helpers for spatial models (angles in radians): separation by
 * Vincenty's formula (stable at all distances, as astropy's `angular_separation`) and
 * position angle east of north.
 */
import { vincentySeparation } from "@gammats/core";

/** Degrees to radians. */
export const DEG_TO_RAD = Math.PI / 180;

/**
 * Great-circle distance between two points (Vincenty's formula).
 *
 * @param lon1 - longitude of point 1 [rad]
 * @param lat1 - latitude of point 1 [rad]
 * @param lon2 - longitude of point 2 [rad]
 * @param lat2 - latitude of point 2 [rad]
 * @returns separation [rad], in [0, π]
 * @example
 * ```ts
 * angularSeparation(0, 0, Math.PI / 2, 0);   // π/2
 * ```
 */
export function angularSeparation(lon1: number, lat1: number, lon2: number, lat2: number): number {
  return vincentySeparation(lon2 - lon1, lat1, lat2);
}

/**
 * Position angle of point 2 seen from point 1, east of north.
 *
 * @param lon1 - longitude of the origin [rad]
 * @param lat1 - latitude of the origin [rad]
 * @param lon2 - longitude of the target [rad]
 * @param lat2 - latitude of the target [rad]
 * @returns angle [rad] in (-π, π] (only its sine and cosine are used by the models)
 * @example
 * ```ts
 * positionAngle(0, 0, 0, 0.1);   // 0 (due north)
 * ```
 */
export function positionAngle(lon1: number, lat1: number, lon2: number, lat2: number): number {
  const dlon = lon2 - lon1;
  const clat2 = Math.cos(lat2);
  const x = Math.sin(lat2) * Math.cos(lat1) - clat2 * Math.sin(lat1) * Math.cos(dlon);
  const y = Math.sin(dlon) * clat2;
  return Math.atan2(y, x);
}

/**
 * Effective radius of an ellipse with semi-major axis `major` and eccentricity `e`
 * in direction `phi - pa` from its major axis: a·b / sqrt((a sin Δ)² + (b cos Δ)²).
 *
 * @param major - semi-major axis [rad]
 * @param minor - semi-minor axis [rad]
 * @param deltaPhi - angle between the major axis and the direction [rad]
 * @returns radius [rad]
 */
export function ellipseRadius(major: number, minor: number, deltaPhi: number): number {
  const a = major * Math.sin(deltaPhi);
  const b = minor * Math.cos(deltaPhi);
  return (major * minor) / Math.sqrt(a * a + b * b);
}

/**
 * 1 - cos(x) without cancellation for small x (= 2 sin²(x/2)).
 *
 * @param x - angle [rad]
 */
export function oneMinusCos(x: number): number {
  const s = Math.sin(x / 2);
  return 2 * s * s;
}
