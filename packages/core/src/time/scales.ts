/**
 * Time scale names, time format names and the constants shared by the time modules.
 */
import { UnitError } from "../errors.js";

/**
 * A time scale.
 *
 * - `utc`: Coordinated Universal Time, with leap seconds (defined from 1960 on).
 * - `tai`: International Atomic Time.
 * - `tt`: Terrestrial Time, TT = TAI + 32.184 s; the usual TIMESYS of DL3 files.
 * - `tdb`: Barycentric Dynamical Time, approximated from TT to ~10 µs (USNO Circular 179).
 * - `ut1`: UT1 = UTC + dUT1, with dUT1 given by the caller (default 0, no IERS tables here).
 */
export type TimeScale = "utc" | "tai" | "tt" | "tdb" | "ut1";

/** Every supported time scale, in the order errors list them. */
export const TIME_SCALES: readonly TimeScale[] = ["utc", "tai", "tt", "tdb", "ut1"];

/**
 * A time format, named as in astropy.time.
 *
 * - `mjd`, `jd`: Modified / Julian Date [d] (numbers).
 * - `isot`, `iso`: ISO 8601 strings with `T` or a space between date and time.
 * - `jyear`, `jyear_str`: Julian epoch as a number (2000.0) or a string ("J2000").
 * - `byear`, `byear_str`: Besselian epoch as a number (1950.0) or a string ("B1950").
 */
export type TimeFormat = "mjd" | "jd" | "isot" | "iso" | "jyear" | "jyear_str" | "byear" | "byear_str";

/** Every supported time format. */
export const TIME_FORMATS: readonly TimeFormat[] = [
  "mjd",
  "jd",
  "isot",
  "iso",
  "jyear",
  "jyear_str",
  "byear",
  "byear_str",
];

/** Seconds in a day of a uniform scale [s]. */
export const SECONDS_PER_DAY = 86400;

/** TT - TAI [s] (IAU 1991 definition of TT). */
export const TT_MINUS_TAI = 32.184;

/** JD - MJD [d]. */
export const MJD_TO_JD = 2400000.5;

/**
 * Parse a time scale name, case-insensitively ("TT", "utc").
 *
 * @param name - the scale name as a user or a file wrote it
 * @param where - what the name belongs to, for the error message (e.g. "obs_time.start")
 * @returns the scale in lower case
 * @throws UnitError when the name is not one of {@link TIME_SCALES}
 * @example
 * ```ts
 * parseTimeScale("TT"); // "tt"
 * ```
 */
export function parseTimeScale(name: string, where = "time scale"): TimeScale {
  const s = String(name).trim().toLowerCase();
  if ((TIME_SCALES as readonly string[]).includes(s)) return s as TimeScale;
  throw new UnitError(`unknown ${where} '${name}'`, {
    hint: `use one of ${TIME_SCALES.join(", ")}`,
  });
}

/**
 * Parse a time format name, case-insensitively ("mjd", "ISOT").
 *
 * @param name - the format name
 * @returns the format
 * @throws UnitError when the name is not one of {@link TIME_FORMATS}
 * @example
 * ```ts
 * parseTimeFormat("jyear"); // "jyear"
 * ```
 */
export function parseTimeFormat(name: string): TimeFormat {
  const s = String(name).trim().toLowerCase();
  if ((TIME_FORMATS as readonly string[]).includes(s)) return s as TimeFormat;
  throw new UnitError(`unknown time format '${name}'`, {
    hint: `use one of ${TIME_FORMATS.join(", ")}`,
  });
}

/**
 * The scale astropy assumes when none is given: TT for Julian and Besselian epochs,
 * UTC for everything else (ISO strings, MJD and JD numbers).
 *
 * @param format - the time format
 * @returns the default scale of that format
 * @example
 * ```ts
 * defaultScaleOf("jyear_str"); // "tt"
 * ```
 */
export function defaultScaleOf(format: TimeFormat): TimeScale {
  return format.startsWith("jyear") || format.startsWith("byear") ? "tt" : "utc";
}
