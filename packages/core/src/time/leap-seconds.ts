/**
 * TAI - UTC: the leap-second table (IERS Bulletin C) and, for 1960-1971, the drifting
 * offsets of early UTC (USNO tai-utc.dat), the same facts erfa's built-in table holds.
 */
import { civilToMjd } from "./calendar.js";
import { SECONDS_PER_DAY } from "./scales.js";

// [year, month, TAI-UTC at the reference [s], drift reference MJD, drift rate [s/d]].
// From 1972 on the offset is a whole number of seconds and there is no drift.
const TABLE: readonly (readonly [number, number, number, number, number])[] = [
  [1960, 1, 1.417818, 37300, 0.001296],
  [1961, 1, 1.422818, 37300, 0.001296],
  [1961, 8, 1.372818, 37300, 0.001296],
  [1962, 1, 1.845858, 37665, 0.0011232],
  [1963, 11, 1.945858, 37665, 0.0011232],
  [1964, 1, 3.24013, 38761, 0.001296],
  [1964, 4, 3.34013, 38761, 0.001296],
  [1964, 9, 3.44013, 38761, 0.001296],
  [1965, 1, 3.54013, 38761, 0.001296],
  [1965, 3, 3.64013, 38761, 0.001296],
  [1965, 7, 3.74013, 38761, 0.001296],
  [1965, 9, 3.84013, 38761, 0.001296],
  [1966, 1, 4.31317, 39126, 0.002592],
  [1968, 2, 4.21317, 39126, 0.002592],
  [1972, 1, 10, 0, 0],
  [1972, 7, 11, 0, 0],
  [1973, 1, 12, 0, 0],
  [1974, 1, 13, 0, 0],
  [1975, 1, 14, 0, 0],
  [1976, 1, 15, 0, 0],
  [1977, 1, 16, 0, 0],
  [1978, 1, 17, 0, 0],
  [1979, 1, 18, 0, 0],
  [1980, 1, 19, 0, 0],
  [1981, 7, 20, 0, 0],
  [1982, 7, 21, 0, 0],
  [1983, 7, 22, 0, 0],
  [1985, 7, 23, 0, 0],
  [1988, 1, 24, 0, 0],
  [1990, 1, 25, 0, 0],
  [1991, 1, 26, 0, 0],
  [1992, 7, 27, 0, 0],
  [1993, 7, 28, 0, 0],
  [1994, 7, 29, 0, 0],
  [1996, 1, 30, 0, 0],
  [1997, 7, 31, 0, 0],
  [1999, 1, 32, 0, 0],
  [2006, 1, 33, 0, 0],
  [2009, 1, 34, 0, 0],
  [2012, 7, 35, 0, 0],
  [2015, 7, 36, 0, 0],
  [2017, 1, 37, 0, 0],
];

const N = TABLE.length;
const START = new Float64Array(N);
const OFFSET = new Float64Array(N);
const DRIFT_REF = new Float64Array(N);
const DRIFT_RATE = new Float64Array(N);
for (let i = 0; i < N; i++) {
  const [y, m, off, ref, rate] = TABLE[i]!;
  START[i] = civilToMjd(y, m, 1);
  OFFSET[i] = off;
  DRIFT_REF[i] = ref;
  DRIFT_RATE[i] = rate;
}

/** First UTC day (MJD 36934 = 1960-01-01) for which TAI - UTC is defined. */
export const UTC_FIRST_MJD = START[0]!;

/** Day (MJD 57754 = 2017-01-01) on which the newest leap second in the table took effect. */
export const LAST_LEAP_SECOND_MJD = START[N - 1]!;

/**
 * TAI - UTC at a UTC instant.
 *
 * @param mjdDay - integer UTC MJD of the date [d]
 * @param fracOfDay - fraction of that day (only matters before 1972, when UTC drifted)
 * @returns TAI - UTC [s], or NaN before 1960-01-01 (UTC undefined)
 * @example
 * ```ts
 * taiMinusUtc(57754, 0); // 37
 * ```
 */
export function taiMinusUtc(mjdDay: number, fracOfDay = 0): number {
  // Scan from the newest entry: event times are modern, so this ends after a step or two.
  for (let i = N - 1; i >= 0; i--) {
    if (mjdDay >= START[i]!) {
      return OFFSET[i]! + (mjdDay + fracOfDay - DRIFT_REF[i]!) * DRIFT_RATE[i]!;
    }
  }
  return Number.NaN;
}

/**
 * Describe one UTC day the way erfa does: offset at 0h, the drift over the day and the
 * jump (leap second) at its end; written into `out` to avoid allocation.
 *
 * @param mjdDay - integer UTC MJD [d]
 * @param out - receives [TAI-UTC at 0h [s], drift over the day [s], jump at the end [s]];
 *   all NaN before 1960
 * @returns `out`
 * @example
 * ```ts
 * utcDayInfo(57753, new Float64Array(3)); // [36, 0, 1]: 2016-12-31 ends with a leap second
 * ```
 */
export function utcDayInfo(mjdDay: number, out: Float64Array): Float64Array {
  const dat0 = taiMinusUtc(mjdDay, 0);
  const dat12 = taiMinusUtc(mjdDay, 0.5);
  const dat24 = taiMinusUtc(mjdDay + 1, 0);
  // Drift per day from the half-day slope; whatever is left at midnight is a jump.
  const dlod = 2 * (dat12 - dat0);
  out[0] = dat0;
  out[1] = dlod;
  out[2] = dat24 - (dat0 + dlod);
  return out;
}

const scratch = new Float64Array(3);

/**
 * Length of a UTC day in UTC seconds: 86401 on a day ending with a leap second, 86400
 * otherwise (also before 1960, where UTC is undefined and no table applies).
 *
 * @param mjdDay - integer UTC MJD [d]
 * @returns day length [s]
 * @example
 * ```ts
 * utcDayLength(57753); // 86401 (2016-12-31)
 * ```
 */
export function utcDayLength(mjdDay: number): number {
  if (mjdDay < UTC_FIRST_MJD) return SECONDS_PER_DAY;
  return SECONDS_PER_DAY + utcDayInfo(mjdDay, scratch)[2]!;
}
