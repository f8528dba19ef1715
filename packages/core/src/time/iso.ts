/**
 * ISO 8601 date-time strings <-> two-part MJD, as astropy's `isot` and `iso` formats
 * write them ("2004-12-04T22:04:48.000"), including leap seconds ("…T23:59:60.500").
 */
import { UnitError } from "../errors.js";
import { civilToMjd, daysInMonth, mjdToCivil } from "./calendar.js";
import { utcDayLength } from "./leap-seconds.js";
import { SECONDS_PER_DAY } from "./scales.js";
import type { TimeScale } from "./scales.js";

// Date, optional time (hh:mm or hh:mm:ss[.fff]) after 'T' or one space, optional 'Z'.
const ISO_RE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d*)?)?)?(Z?)$/;

const FIX = "write e.g. '2004-12-04T22:04:48', '2004-12-04 22:04:48.123' or '2004-12-04'";

/**
 * Whether a string looks like an ISO date-time this module reads (it may still be invalid,
 * e.g. month 13).
 *
 * @param text - candidate string
 * @returns true when the shape matches
 * @example
 * ```ts
 * looksLikeIso("2004-12-04T22:04:48Z"); // true
 * ```
 */
export function looksLikeIso(text: string): boolean {
  return ISO_RE.test(text.trim());
}

/**
 * Parse an ISO 8601 date-time into a two-part MJD in the given scale.
 *
 * A trailing "Z" is accepted for UTC only (as astropy does). Seconds may be 60 (up to
 * 60.999…) only in the last minute of a UTC day that ends with a leap second.
 *
 * @param text - e.g. "2004-12-04T22:04:48", "2004-12-04 22:04:48.123", "2004-12-04"
 * @param scale - scale the string is written in
 * @param p - receives [integer MJD, fraction of day]
 * @returns `p`
 * @throws UnitError when the string is malformed, a field is out of range, or "Z" is
 *   used with another scale than UTC
 * @example
 * ```ts
 * isoToTwoPart("2004-12-04T22:04:48", "utc", new Float64Array(2)); // [53343, 0.92]
 * ```
 */
export function isoToTwoPart(text: string, scale: TimeScale, p: Float64Array): Float64Array {
  const m = ISO_RE.exec(text.trim());
  if (!m) {
    const zone = /[T ]\d{2}:\d{2}(:\d{2}(\.\d*)?)?[+-]\d{2}(:?\d{2})?$/.test(text.trim());
    throw new UnitError(`malformed ISO 8601 time '${text}'`, {
      hint: zone ? "time-zone offsets are not supported: convert to UTC and end with 'Z' or nothing" : FIX,
    });
  }
  const year = Number(m[1]);
  const month = Number(m[2]);
  const dom = Number(m[3]);
  const hour = m[4] === undefined ? 0 : Number(m[4]);
  const minute = m[5] === undefined ? 0 : Number(m[5]);
  const isec = m[6] === undefined ? 0 : Number(m[6]);
  const fsec = m[7] === undefined || m[7] === "." ? 0 : Number(`0${m[7]}`);
  if (m[8] === "Z" && scale !== "utc") {
    throw new UnitError(`time '${text}' ends in 'Z' (UTC) but scale '${scale}' was requested`, {
      hint: "drop the 'Z' or use scale 'utc'",
    });
  }
  const bad = (what: string, fix: string): UnitError =>
    new UnitError(`invalid ${what} in ISO time '${text}'`, { hint: fix });
  if (month < 1 || month > 12) throw bad(`month ${month}`, "months run from 01 to 12");
  if (dom < 1 || dom > daysInMonth(year, month)) {
    throw bad(`day ${dom}`, `${year}-${m[2]} has ${daysInMonth(year, month)} days`);
  }
  if (hour > 23) throw bad(`hour ${hour}`, "hours run from 00 to 23 (24:00 is 00:00 of the next day)");
  if (minute > 59) throw bad(`minute ${minute}`, "minutes run from 00 to 59");
  const day = civilToMjd(year, month, dom);
  const dayLength = scale === "utc" ? utcDayLength(day) : SECONDS_PER_DAY;
  const secondsOfDay = hour * 3600 + minute * 60 + isec + fsec;
  // Seconds may reach 60 only in the final minute of a day longer than 86400 s.
  const secLimit = hour === 23 && minute === 59 ? 60 + (dayLength - SECONDS_PER_DAY) : 60;
  if (isec + fsec >= secLimit) {
    throw bad(
      `second ${m[6]}${m[7] ?? ""}`,
      isec >= 60 && scale === "utc"
        ? `${m[1]}-${m[2]}-${m[3]} UTC has no leap second; seconds run from 00 to 59`
        : "seconds run from 00 to 59 (60 only inside a UTC leap second)",
    );
  }
  p[0] = day;
  p[1] = secondsOfDay / dayLength;
  return p;
}

const ymd = new Int32Array(3);
const pad = (n: number, w: number): string => String(n).padStart(w, "0");

/**
 * Format a two-part MJD as an ISO 8601 string, rounding to `precision` decimals of the
 * second (carrying into the next day when needed), with "23:59:60.x" inside leap seconds.
 *
 * @param day - integer MJD [d]
 * @param frac - fraction of the day (of the UTC day length for UTC)
 * @param scale - scale of the value (decides the day length)
 * @param precision - decimals of the seconds [0-9]
 * @param separator - "T" (isot) or " " (iso)
 * @returns e.g. "2004-12-04T22:04:48.000"
 * @example
 * ```ts
 * twoPartToIso(53343, 0.92, "utc", 3, "T"); // "2004-12-04T22:04:48.000"
 * ```
 */
export function twoPartToIso(day: number, frac: number, scale: TimeScale, precision: number, separator: string): string {
  const dayLength = scale === "utc" ? utcDayLength(day) : SECONDS_PER_DAY;
  const unitsPerSecond = 10 ** precision;
  // Integer count of output units since 0h: exact splitting, no 59.9995 -> "60.000" slips.
  let units = Math.round(frac * dayLength * unitsPerSecond);
  let d = day;
  const dayUnits = Math.round(dayLength * unitsPerSecond);
  if (units >= dayUnits) {
    units -= dayUnits;
    d += 1;
  }
  const whole = Math.floor(units / unitsPerSecond);
  const sub = units - whole * unitsPerSecond;
  const hour = Math.min(23, Math.floor(whole / 3600));
  const minute = Math.min(59, Math.floor((whole - hour * 3600) / 60));
  const second = whole - hour * 3600 - minute * 60;
  mjdToCivil(d, ymd);
  const year = ymd[0]! < 0 ? `-${pad(-ymd[0]!, 4)}` : pad(ymd[0]!, 4);
  const date = `${year}-${pad(ymd[1]!, 2)}-${pad(ymd[2]!, 2)}`;
  const time = `${pad(hour, 2)}:${pad(minute, 2)}:${pad(second, 2)}`;
  return precision > 0 ? `${date}${separator}${time}.${pad(sub, precision)}` : `${date}${separator}${time}`;
}
