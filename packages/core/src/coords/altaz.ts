/**
 * Horizontal coordinates: ICRS <-> AltAz for an observer on the Earth, without refraction
 * (astropy's AltAz frame with pressure = 0). Times are plain numbers (TT and UT1 as MJD) so
 * this module does not depend on a time library. Agrees with astropy 5.2 to ~0.05"
 * (IAU 2000B instead of 2000A nutation, compact ephemeris for aberration) when given
 * astropy's polar motion, to ~0.3" with the default mean polar motion.
 */
import { DataError } from "../errors.js";
import { allScalar, broadcastLength, checkLatitudes, outputArray, strided } from "./broadcast.js";
import type { NumberOrArray } from "./broadcast.js";
import { checkEarthLocation } from "./earth-location.js";
import type { EarthLocation } from "./earth-location.js";
import type { LonLat, LonLatArrays } from "./lonlat.js";
import { ObservedFrame } from "./observed-frame.js";

/** When an observation happens: TT and UT1 as Modified Julian Dates, plus optional polar motion. */
export interface ObservingTime {
  /** Terrestrial Time, MJD [d]: one number for all elements, or one per element. */
  mjdTt: NumberOrArray;
  /** Universal Time UT1, MJD [d]: like `mjdTt`; UT1 = UTC + DUT1 (|DUT1| < 0.9 s). */
  mjdUt1: NumberOrArray;
  /**
   * Polar motion x_p [arcsec] (IERS bulletin value). Default 0.035, the 50-year mean astropy
   * falls back to outside its IERS tables; the default costs at most ~0.3" in AltAz.
   */
  polarMotionX?: number;
  /** Polar motion y_p [arcsec]; default 0.29 (50-year mean, as astropy). */
  polarMotionY?: number;
}

/** One horizontal direction. */
export interface AltAz {
  /** Azimuth, from north through east, in [0, 360) [deg]. */
  az: number;
  /** Altitude above the horizon [deg]. */
  alt: number;
}

/** Many horizontal directions as parallel arrays. */
export interface AltAzArrays {
  /** Azimuths, from north through east, in [0, 360) [deg]. */
  az: Float64Array;
  /** Altitudes [deg]. */
  alt: Float64Array;
}

// 50-year mean polar motion [arcsec], astropy's fallback outside its IERS tables.
const DEFAULT_XP = 0.035;
const DEFAULT_YP = 0.29;
const D2R = Math.PI / 180;
const R2D = 180 / Math.PI;

function checkTime(fn: string, time: ObservingTime): void {
  const bad = (v: unknown) => v === undefined || (typeof v !== "number" && !(v instanceof Float64Array));
  if (time === undefined || bad(time.mjdTt) || bad(time.mjdUt1)) {
    throw new DataError(`${fn}: time needs mjdTt and mjdUt1 (numbers or Float64Arrays, MJD in days)`, {
      hint: "convert the event/observation times to TT and UT1 MJD first",
    });
  }
  for (const [k, v] of [["polarMotionX", time.polarMotionX], ["polarMotionY", time.polarMotionY]] as const) {
    if (v !== undefined && (!Number.isFinite(v) || Math.abs(v) > 2)) {
      throw new DataError(`${fn}: time.${k} = ${v} arcsec is not a polar motion (expected |value| <= 2 arcsec)`, {
        hint: "polar motion is given in arcseconds, as IERS bulletins list it",
      });
    }
  }
}

/**
 * Transforms ICRS directions to horizontal coordinates (scalar form).
 *
 * @param ra - right ascension, ICRS [deg]
 * @param dec - declination, ICRS [deg]
 * @param location - observer (WGS84), e.g. `getObservatoryLocation("hess")`
 * @param time - TT and UT1 MJDs (and optional polar motion [arcsec])
 * @returns azimuth (north through east) and altitude [deg]
 * @throws DataError for a bad latitude, location or time
 * @example
 * ```ts
 * icrsToAltAz(83.63308, 22.0145, getObservatoryLocation("hess"), { mjdTt: 58849.5008, mjdUt1: 58849.5 });
 * ```
 */
export function icrsToAltAz(ra: number, dec: number, location: EarthLocation, time: ObservingTime): AltAz;
/**
 * Transforms ICRS directions to horizontal coordinates (array form; numbers broadcast,
 * including per-element times, e.g. one time per event).
 *
 * @param ra - right ascensions, ICRS [deg]
 * @param dec - declinations, ICRS [deg]
 * @param location - observer (WGS84)
 * @param time - TT and UT1 MJDs, numbers or one per element
 * @param out - output arrays of the common length; allocated when omitted
 * @returns azimuths and altitudes [deg]
 * @throws DataError for arrays of different lengths, a bad latitude, location or time
 * @example
 * ```ts
 * const { az, alt } = icrsToAltAz(events.ra, events.dec, site, { mjdTt: events.mjdTt, mjdUt1: events.mjdUt1 });
 * ```
 */
export function icrsToAltAz(
  ra: NumberOrArray, dec: NumberOrArray, location: EarthLocation, time: ObservingTime, out?: AltAzArrays,
): AltAzArrays;
export function icrsToAltAz(
  ra: NumberOrArray, dec: NumberOrArray, location: EarthLocation, time: ObservingTime, out?: AltAzArrays,
): AltAz | AltAzArrays {
  const fn = "icrsToAltAz";
  checkEarthLocation(location, fn);
  checkTime(fn, time);
  checkLatitudes(fn, "dec", dec);
  const args = [ra, dec, time.mjdTt, time.mjdUt1];
  const n = broadcastLength(fn, ["ra", "dec", "time.mjdTt", "time.mjdUt1"], args);
  const scalar = allScalar(args) && out === undefined;
  const oAz = scalar ? new Float64Array(1) : outputArray(fn, "out.az", out?.az, n);
  const oAlt = scalar ? new Float64Array(1) : outputArray(fn, "out.alt", out?.alt, n);
  const frame = new ObservedFrame(location, time.polarMotionX ?? DEFAULT_XP, time.polarMotionY ?? DEFAULT_YP);
  const [a, sa] = strided(ra);
  const [d, sd] = strided(dec);
  const [tt, stt] = strided(time.mjdTt);
  const [ut, sut] = strided(time.mjdUt1);
  const p = new Float64Array(3);
  const m = frame.m;
  for (let i = 0; i < n; i++) {
    frame.setTime(tt[i * stt], ut[i * sut]);
    const l = a[i * sa] * D2R;
    const b = d[i * sd] * D2R;
    const cb = Math.cos(b);
    p[0] = cb * Math.cos(l);
    p[1] = cb * Math.sin(l);
    p[2] = Math.sin(b);
    frame.apparent(p, 0, p);
    const north = m[0] * p[0] + m[1] * p[1] + m[2] * p[2];
    const east = m[3] * p[0] + m[4] * p[1] + m[5] * p[2];
    const up = m[6] * p[0] + m[7] * p[1] + m[8] * p[2];
    let az = Math.atan2(east, north) * R2D;
    if (az < 0) {
      az += 360;
      if (az >= 360) az = 0;
    }
    oAz[i] = az;
    oAlt[i] = Math.atan2(up, Math.sqrt(north * north + east * east)) * R2D;
  }
  return scalar ? { az: oAz[0], alt: oAlt[0] } : { az: oAz, alt: oAlt };
}

/**
 * Transforms horizontal coordinates to ICRS (scalar form); the inverse of {@link icrsToAltAz}.
 *
 * @param az - azimuth, north through east [deg]
 * @param alt - altitude [deg]
 * @param location - observer (WGS84)
 * @param time - TT and UT1 MJDs (and optional polar motion [arcsec])
 * @returns ICRS `lon` (ra) in [0, 360) and `lat` (dec) [deg]
 * @throws DataError for a bad altitude, location or time
 * @example
 * ```ts
 * altAzToIcrs(180, 70, getObservatoryLocation("hess"), { mjdTt: 58849.5008, mjdUt1: 58849.5 });
 * ```
 */
export function altAzToIcrs(az: number, alt: number, location: EarthLocation, time: ObservingTime): LonLat;
/**
 * Transforms horizontal coordinates to ICRS (array form; numbers broadcast).
 *
 * @param az - azimuths [deg]
 * @param alt - altitudes [deg]
 * @param location - observer (WGS84)
 * @param time - TT and UT1 MJDs, numbers or one per element
 * @param out - output arrays of the common length; allocated when omitted
 * @returns ICRS `lon` (ra) and `lat` (dec) [deg]
 * @throws DataError for arrays of different lengths, a bad altitude, location or time
 * @example
 * ```ts
 * const radec = altAzToIcrs(az, alt, site, { mjdTt: tt, mjdUt1: ut1 });
 * ```
 */
export function altAzToIcrs(
  az: NumberOrArray, alt: NumberOrArray, location: EarthLocation, time: ObservingTime, out?: LonLatArrays,
): LonLatArrays;
export function altAzToIcrs(
  az: NumberOrArray, alt: NumberOrArray, location: EarthLocation, time: ObservingTime, out?: LonLatArrays,
): LonLat | LonLatArrays {
  const fn = "altAzToIcrs";
  checkEarthLocation(location, fn);
  checkTime(fn, time);
  checkLatitudes(fn, "alt", alt);
  const args = [az, alt, time.mjdTt, time.mjdUt1];
  const n = broadcastLength(fn, ["az", "alt", "time.mjdTt", "time.mjdUt1"], args);
  const scalar = allScalar(args) && out === undefined;
  const oLon = scalar ? new Float64Array(1) : outputArray(fn, "out.lon", out?.lon, n);
  const oLat = scalar ? new Float64Array(1) : outputArray(fn, "out.lat", out?.lat, n);
  const frame = new ObservedFrame(location, time.polarMotionX ?? DEFAULT_XP, time.polarMotionY ?? DEFAULT_YP);
  const [a, sa] = strided(az);
  const [h, sh] = strided(alt);
  const [tt, stt] = strided(time.mjdTt);
  const [ut, sut] = strided(time.mjdUt1);
  const g = new Float64Array(3);
  const scratch = new Float64Array(3);
  const m = frame.m;
  for (let i = 0; i < n; i++) {
    frame.setTime(tt[i * stt], ut[i * sut]);
    const A = a[i * sa] * D2R;
    const E = h[i * sh] * D2R;
    const ce = Math.cos(E);
    const north = ce * Math.cos(A);
    const east = ce * Math.sin(A);
    const up = Math.sin(E);
    // Transpose of the GCRS -> horizon matrix.
    g[0] = m[0] * north + m[3] * east + m[6] * up;
    g[1] = m[1] * north + m[4] * east + m[7] * up;
    g[2] = m[2] * north + m[5] * east + m[8] * up;
    frame.catalogue(g, 0, g, scratch);
    let lon = Math.atan2(g[1], g[0]) * R2D;
    if (lon < 0) {
      lon += 360;
      if (lon >= 360) lon = 0;
    }
    oLon[i] = lon;
    oLat[i] = Math.atan2(g[2], Math.sqrt(g[0] * g[0] + g[1] * g[1])) * R2D;
  }
  return scalar ? { lon: oLon[0], lat: oLat[0] } : { lon: oLon, lat: oLat };
}
