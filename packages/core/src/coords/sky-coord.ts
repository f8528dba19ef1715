/**
 * A small SkyCoord-like record `{ lon, lat, frame }` and helpers that work across frames.
 */
import { DataError } from "../errors.js";
import { checkLatitudes } from "./broadcast.js";
import { parseFrame, transformFrame } from "./frames.js";
import type { FrameName } from "./frames.js";
import { angularSeparation, offsetBy, positionAngle } from "./separation.js";
import { wrapTo360 } from "./angles.js";

/** One direction in a named celestial frame. */
export interface SkyCoord {
  /** Longitude (ra or glon) in [0, 360) [deg]. */
  readonly lon: number;
  /** Latitude (dec or glat) in [-90, 90] [deg]. */
  readonly lat: number;
  /** Frame of `lon`/`lat`. */
  readonly frame: FrameName;
}

/** Many directions in one celestial frame (parallel arrays, no per-element objects). */
export interface SkyCoords {
  /** Longitudes [deg]. */
  readonly lon: Float64Array;
  /** Latitudes [deg]. */
  readonly lat: Float64Array;
  /** Frame of all elements. */
  readonly frame: FrameName;
}

/**
 * Makes a {@link SkyCoord}, validating the latitude and wrapping the longitude into [0, 360).
 *
 * @param lon - longitude [deg]
 * @param lat - latitude [deg]
 * @param frame - frame name, case-insensitive (default "icrs")
 * @returns the record
 * @throws DataError for a non-finite value, a latitude outside [-90, 90] or an unknown frame
 * @example
 * ```ts
 * const crab = skyCoord(83.63308, 22.0145, "ICRS");   // { lon: 83.63308, lat: 22.0145, frame: "icrs" }
 * ```
 */
export function skyCoord(lon: number, lat: number, frame: string = "icrs"): SkyCoord {
  if (!Number.isFinite(lon) || !Number.isFinite(lat)) {
    throw new DataError(`skyCoord: lon and lat must be finite numbers, got (${lon}, ${lat})`);
  }
  checkLatitudes("skyCoord", "lat", lat);
  return { lon: wrapTo360(lon), lat, frame: parseFrame(frame) };
}

/**
 * Expresses a coordinate in another frame.
 *
 * @param coord - the coordinate
 * @param frame - target frame name, case-insensitive
 * @returns a new record in `frame` (the same values when the frame is unchanged)
 * @throws DataError for an unknown frame
 * @example
 * ```ts
 * toFrame(skyCoord(83.63308, 22.0145), "galactic");   // { lon: 184.5575..., lat: -5.7843..., frame: "galactic" }
 * ```
 */
export function toFrame(coord: SkyCoord, frame: string): SkyCoord {
  const to = parseFrame(frame);
  if (to === coord.frame) return { lon: coord.lon, lat: coord.lat, frame: to };
  const r = transformFrame(coord.lon, coord.lat, coord.frame, to);
  return { lon: r.lon, lat: r.lat, frame: to };
}

/**
 * Expresses many coordinates in another frame.
 *
 * @param coords - the coordinates
 * @param frame - target frame name, case-insensitive
 * @returns new arrays in `frame` (copies when the frame is unchanged)
 * @throws DataError for an unknown frame or arrays of different lengths
 * @example
 * ```ts
 * const gal = coordsToFrame({ lon: ra, lat: dec, frame: "icrs" }, "galactic");
 * ```
 */
export function coordsToFrame(coords: SkyCoords, frame: string): SkyCoords {
  const to = parseFrame(frame);
  if (to === coords.frame) return { lon: coords.lon.slice(), lat: coords.lat.slice(), frame: to };
  const r = transformFrame(coords.lon, coords.lat, coords.frame, to);
  return { lon: r.lon, lat: r.lat, frame: to };
}

/**
 * Angular separation of two coordinates; `b` is first expressed in the frame of `a`.
 *
 * @param a - first coordinate
 * @param b - second coordinate (any frame)
 * @returns separation in [0, 180] [deg]
 * @example
 * ```ts
 * coordSeparation(skyCoord(83.63308, 22.0145), skyCoord(184.5575, -5.7843, "galactic"));   // ≈ 0
 * ```
 */
export function coordSeparation(a: SkyCoord, b: SkyCoord): number {
  const c = toFrame(b, a.frame);
  return angularSeparation(a.lon, a.lat, c.lon, c.lat);
}

/**
 * Position angle of `b` seen from `a`, east of north in the frame of `a`.
 *
 * @param a - reference coordinate
 * @param b - target coordinate (any frame)
 * @returns position angle in [0, 360) [deg]
 * @example
 * ```ts
 * coordPositionAngle(skyCoord(10, 0), skyCoord(10, 1));   // 0 (north)
 * ```
 */
export function coordPositionAngle(a: SkyCoord, b: SkyCoord): number {
  const c = toFrame(b, a.frame);
  return positionAngle(a.lon, a.lat, c.lon, c.lat);
}

/**
 * Moves a coordinate by a separation along a position angle in its own frame.
 *
 * @param coord - start coordinate
 * @param posAngle - position angle east of north [deg]
 * @param separation - distance to move [deg]
 * @returns the end coordinate, in the frame of `coord`
 * @example
 * ```ts
 * coordOffsetBy(skyCoord(83.63308, 22.0145), 90, 0.5);   // 0.5 deg east of the Crab
 * ```
 */
export function coordOffsetBy(coord: SkyCoord, posAngle: number, separation: number): SkyCoord {
  const r = offsetBy(coord.lon, coord.lat, posAngle, separation);
  return { lon: r.lon, lat: r.lat, frame: coord.frame };
}
