/**
 * Scale conversion kernels on a two-part MJD held in a Float64Array: `p[0]` the integer
 * day, `p[1]` the fraction of that day in [0, 1). They change `p` in place and allocate
 * nothing, so the vectorised MET conversion can call them per event.
 *
 * For UTC the fraction is erfa's: seconds since 0h divided by the length of that UTC day
 * (86401 s on a leap-second day), so 23:59:60.5 is representable.
 */
import { taiMinusUtc, utcDayInfo } from "./leap-seconds.js";
import { SECONDS_PER_DAY, TT_MINUS_TAI } from "./scales.js";
import type { TimeScale } from "./scales.js";
import { tdbMinusTt } from "./tdb.js";

const D = SECONDS_PER_DAY;
const info = new Float64Array(3);

/**
 * Store a + b [d] as integer day + fraction in [0, 1) without losing the low bits.
 *
 * @param a - first part [d]
 * @param b - second part [d]
 * @param p - receives [day, fraction]
 * @returns `p`
 * @example
 * ```ts
 * setTwoPart(2451544.5, 0.25 - 2400000.5, new Float64Array(2)); // [51544, 0.25]
 * ```
 */
export function setTwoPart(a: number, b: number, p: Float64Array): Float64Array {
  // Knuth's two-sum: s + e == a + b exactly.
  const s = a + b;
  const bb = s - a;
  const e = a - (s - bb) + (b - bb);
  let day = Math.floor(s);
  let f = s - day + e; // s - floor(s) is exact
  if (f >= 1) {
    f -= 1;
    day += 1;
  } else if (f < 0) {
    f += 1;
    day -= 1;
    if (f >= 1) {
      f = 0;
      day += 1;
    }
  }
  p[0] = day;
  p[1] = f;
  return p;
}

/**
 * Add seconds of a uniform scale to a two-part MJD, in place.
 *
 * @param p - [day, fraction]
 * @param seconds - seconds to add [s]
 * @returns `p`
 * @example
 * ```ts
 * addSecondsTwoPart(new Float64Array([51544, 0.5]), 43200); // [51545, 0]
 * ```
 */
export function addSecondsTwoPart(p: Float64Array, seconds: number): Float64Array {
  // Whole days first so that the fraction only receives the remainder's rounding.
  const q = Math.floor(seconds / D);
  const r = seconds - q * D;
  return setTwoPart(p[0]! + q, p[1]! + r / D, p);
}

/**
 * UTC -> TAI in place (erfa's convention for the UTC fraction).
 *
 * @param p - [day, fraction] in UTC; NaN afterwards when the date is before 1960
 * @returns `p`
 * @example
 * ```ts
 * utcToTai(new Float64Array([57754, 0])); // [57754, 37/86400]
 * ```
 */
export function utcToTai(p: Float64Array): Float64Array {
  const day = p[0]!;
  utcDayInfo(day, info);
  const dat0 = info[0]!;
  const dlod = info[1]!;
  const dleap = info[2]!;
  // Undo the stretch of a leap-second day, then scale pre-1972 UTC seconds to SI seconds.
  const seconds = p[1]! * (D + dleap) * ((D + dlod) / D) + dat0;
  return setTwoPart(day, seconds / D, p);
}

/**
 * TAI -> UTC in place, choosing the UTC day that contains the instant (no iteration).
 *
 * @param p - [day, fraction] in TAI; NaN afterwards when the result is before 1960
 * @returns `p`
 * @example
 * ```ts
 * taiToUtc(new Float64Array([57754, 36.5 / 86400])); // [57753, 86400.5/86401]: 23:59:60.5
 * ```
 */
export function taiToUtc(p: Float64Array): Float64Array {
  const taiDay = p[0]!;
  const taiSec = p[1]! * D;
  // TAI - UTC is positive (0.9 s to 37 s), so the UTC day is the TAI day or the one before.
  let day = taiDay;
  utcDayInfo(day, info);
  let len = ((D + info[2]!) * (D + info[1]!)) / D;
  let delta = (taiDay - day) * D + taiSec - info[0]!;
  if (delta < 0) {
    day -= 1;
    utcDayInfo(day, info);
    len = ((D + info[2]!) * (D + info[1]!)) / D;
    delta = (taiDay - day) * D + taiSec - info[0]!;
    // Pre-1972 day lengths leave sub-ns gaps between days; clamp into this day.
    if (delta >= len) delta = len * (1 - Number.EPSILON);
  } else if (delta >= len) {
    day += 1;
    utcDayInfo(day, info);
    len = ((D + info[2]!) * (D + info[1]!)) / D;
    delta = Math.max(0, (taiDay - day) * D + taiSec - info[0]!);
  }
  if (Number.isNaN(delta)) {
    p[0] = Number.NaN;
    p[1] = Number.NaN;
    return p;
  }
  p[0] = day;
  p[1] = delta / len;
  return p;
}

/**
 * UTC -> UT1 in place: UT1 = TAI - (TAI-UTC at 0h of the UTC date) + dUT1, as erfa does.
 *
 * @param p - [day, fraction] in UTC
 * @param dut1 - UT1 - UTC [s]
 * @returns `p`
 * @example
 * ```ts
 * utcToUt1(new Float64Array([60000, 0.5]), 0.1); // 0.1 s later than the UTC instant
 * ```
 */
export function utcToUt1(p: Float64Array, dut1: number): Float64Array {
  const dat0 = taiMinusUtc(p[0]!, 0);
  utcToTai(p);
  return addSecondsTwoPart(p, dut1 - dat0);
}

/**
 * UT1 -> UTC in place, the inverse of {@link utcToUt1}.
 *
 * @param p - [day, fraction] in UT1
 * @param dut1 - UT1 - UTC [s]
 * @returns `p`
 * @example
 * ```ts
 * ut1ToUtc(new Float64Array([60000, 0.5]), 0); // [60000, 0.5]
 * ```
 */
export function ut1ToUtc(p: Float64Array, dut1: number): Float64Array {
  const ut1Day = p[0]!;
  const ut1Frac = p[1]!;
  // Guess the UTC date, convert, and redo once if the guess picked the wrong date's offset.
  let guessDay = Math.floor(ut1Day + (ut1Frac - dut1 / D));
  for (let k = 0; k < 2; k++) {
    const dat0 = taiMinusUtc(guessDay, 0);
    p[0] = ut1Day;
    p[1] = ut1Frac;
    addSecondsTwoPart(p, dat0 - dut1);
    taiToUtc(p);
    if (p[0] === guessDay || Number.isNaN(p[0]!)) break;
    guessDay = p[0]!;
  }
  return p;
}

/**
 * Convert a two-part MJD between any two scales in place, through TAI.
 *
 * @param p - [day, fraction] in scale `from`
 * @param from - scale of the input
 * @param to - wanted scale
 * @param dut1 - UT1 - UTC [s], used only when one side is `ut1`
 * @returns `p`; NaN when UTC is involved before 1960
 * @example
 * ```ts
 * convertTwoPart(new Float64Array([51544, 0.5]), "tt", "tai", 0); // [51544, 0.5 - 32.184/86400]
 * ```
 */
export function convertTwoPart(p: Float64Array, from: TimeScale, to: TimeScale, dut1: number): Float64Array {
  if (from === to) return p;
  // To TAI.
  switch (from) {
    case "utc":
      utcToTai(p);
      break;
    case "tt":
      addSecondsTwoPart(p, -TT_MINUS_TAI);
      break;
    case "tdb":
      addSecondsTwoPart(p, -tdbMinusTt(p[0]!, p[1]!));
      addSecondsTwoPart(p, -TT_MINUS_TAI);
      break;
    case "ut1":
      ut1ToUtc(p, dut1);
      if (to === "utc") return p;
      utcToTai(p);
      break;
    case "tai":
      break;
  }
  // From TAI.
  switch (to) {
    case "utc":
      return taiToUtc(p);
    case "tt":
      return addSecondsTwoPart(p, TT_MINUS_TAI);
    case "tdb":
      addSecondsTwoPart(p, TT_MINUS_TAI);
      return addSecondsTwoPart(p, tdbMinusTt(p[0]!, p[1]!));
    case "ut1":
      taiToUtc(p);
      return utcToUt1(p, dut1);
    case "tai":
      return p;
  }
}
