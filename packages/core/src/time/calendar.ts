/**
 * Proleptic Gregorian calendar <-> Modified Julian Date, with integers only.
 *
 * Algorithm: H. Hinnant, "chrono-Compatible Low-Level Date Algorithms" (days_from_civil,
 * civil_from_days), shifted from the Unix epoch to MJD 0 = 1858-11-17.
 */

/** MJD of 1970-01-01. */
const MJD_UNIX_EPOCH = 40587;

/**
 * MJD of 0h on a calendar date (proleptic Gregorian, as erfa and astropy use).
 *
 * @param year - year (astronomical numbering, 0 = 1 BC)
 * @param month - month [1-12]
 * @param day - day of month [1-31]; not range checked
 * @returns the integer MJD
 * @example
 * ```ts
 * civilToMjd(2000, 1, 1); // 51544
 * ```
 */
export function civilToMjd(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468 + MJD_UNIX_EPOCH;
}

/**
 * Calendar date of an integer MJD.
 *
 * @param mjd - integer MJD [d]
 * @param out - receives [year, month, day]
 * @returns `out`
 * @example
 * ```ts
 * mjdToCivil(51544, new Int32Array(3)); // Int32Array [2000, 1, 1]
 * ```
 */
export function mjdToCivil(mjd: number, out: Int32Array): Int32Array {
  const z = mjd - MJD_UNIX_EPOCH + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  out[0] = yoe + era * 400 + (m <= 2 ? 1 : 0);
  out[1] = m;
  out[2] = d;
  return out;
}

/**
 * Number of days in a month of the Gregorian calendar.
 *
 * @param year - year
 * @param month - month [1-12]
 * @returns 28 to 31
 * @example
 * ```ts
 * daysInMonth(2016, 2); // 29
 * ```
 */
export function daysInMonth(year: number, month: number): number {
  return civilToMjd(month === 12 ? year + 1 : year, month === 12 ? 1 : month + 1, 1) - civilToMjd(year, month, 1);
}
