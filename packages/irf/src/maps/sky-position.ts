/**
 * Sky positions and telescope pointings as the IRF-map functions take them: a position
 * is [lon, lat] in a geometry's frame or { lon, lat, frame }; a pointing is an ICRS
 * direction, plus its AltAz direction, site and time when the FoV frame is ALTAZ-aligned
 * (Gammapy's `FixedPointingInfo`).
 */
import { parseFrame, transformFrame } from "@gammats/core";
import type { EarthLocation, FrameName, ObservingTime } from "@gammats/core";
import type { SkyDirInput } from "@gammats/maps";

/** A sky direction resolved into a frame [deg]. */
export interface LonLatIn {
  /** Longitude [deg]. */
  lon: number;
  /** Latitude [deg]. */
  lat: number;
  /** Frame of lon/lat. */
  frame: FrameName;
}

/**
 * A fixed pointing of an observation (Gammapy's `FixedPointingInfo`).
 *
 * @example
 * ```ts
 * const pointing: FixedPointing = { ra: 83.633, dec: 21.514 };
 * // ALTAZ-aligned backgrounds also need where and when:
 * const p = { ...pointing, altaz: { ...observation.pointingAltAz(), location: observation.location!, time: { mjdTt, mjdUt1 } } };
 * ```
 */
export interface FixedPointing {
  /** Right ascension, ICRS [deg]. */
  ra: number;
  /** Declination, ICRS [deg]. */
  dec: number;
  /**
   * AltAz pointing at the middle of the observation with the observer and that time
   * (Gammapy's `pointing.altaz` and `pointing.altaz_frame`); needed only for
   * ALTAZ-aligned background IRFs.
   */
  altaz?: {
    /** Azimuth, north through east [deg]. */
    az: number;
    /** Altitude [deg]. */
    alt: number;
    /** Observatory location. */
    location: EarthLocation;
    /** The time of the AltAz frame (TT and UT1 MJD). */
    time: ObservingTime;
  };
}

/**
 * A sky direction in a given frame.
 *
 * @param position - [lon, lat] in `frame`, or { lon, lat, frame? } (frame default `frame`)
 * @param frame - target frame
 * @returns lon/lat in `frame` [deg]
 * @throws DataError for an unknown frame
 * @example
 * ```ts
 * resolveSkyPosition({ lon: 184.56, lat: -5.78, frame: "galactic" }, "icrs"); // ≈ { lon: 83.63, lat: 22.01 }
 * ```
 */
export function resolveSkyPosition(position: SkyDirInput, frame: FrameName): LonLatIn {
  if (Array.isArray(position)) return { lon: position[0], lat: position[1], frame };
  const p = position as { lon: number; lat: number; frame?: FrameName | string };
  const from = p.frame === undefined ? frame : parseFrame(p.frame, "sky position");
  if (from === frame) return { lon: p.lon, lat: p.lat, frame };
  const t = transformFrame(p.lon, p.lat, from, frame);
  return { lon: t.lon, lat: t.lat, frame };
}
