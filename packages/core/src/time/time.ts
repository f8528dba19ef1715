/**
 * `Time`: an immutable instant in a given time scale, held as a two-part MJD (integer day +
 * fraction of day) so that nanoseconds survive at MJD 60000.
 */
import { DataError, UnitError } from "../errors.js";
import { addSecondsTwoPart, convertTwoPart, setTwoPart } from "./convert.js";
import { byearToTwoPart, jyearToTwoPart, twoPartToByear, twoPartToJyear } from "./epochs.js";
import { readTimeInput, requireFinite } from "./input.js";
import { isoToTwoPart, twoPartToIso } from "./iso.js";
import type { TimeRef } from "./met.js";
import { MJD_TO_JD, SECONDS_PER_DAY, parseTimeFormat, parseTimeScale } from "./scales.js";
import type { TimeFormat, TimeScale } from "./scales.js";

/** Options of {@link Time.parse}. */
export interface TimeParseOptions {
  /** Scale of the value; default TT for Julian/Besselian epochs, UTC otherwise (as astropy). */
  scale?: TimeScale | string;
  /** Format of the value; default `mjd` for numbers, `jyear_str`/`byear_str` for "J2000"/"B1950", else `isot`. */
  format?: TimeFormat | string;
  /** UT1 - UTC [s] carried by the time for UT1 conversions; default 0. */
  dut1?: number;
}

const p = new Float64Array(2);

/**
 * An instant of time in one scale (UTC, TAI, TT, TDB or UT1), immutable.
 *
 * The value is `day + frac` MJD, `day` an integer and `frac` in [0, 1). For UTC, `frac` is
 * the fraction of that UTC day's length (86401 s on a leap-second day), as in erfa and
 * astropy, so that `mjd` values agree with astropy's. UT1 is UTC + `dut1` (default 0 s:
 * no IERS tables are available here; give dUT1 when it matters).
 *
 * For Earth rotation: `t.tt().mjd` is the TT MJD and `t.ut1().mjd` (or `t.ut1(dut1).mjd`)
 * the UT1 MJD.
 *
 * @example
 * ```ts
 * const t = Time.parse("2004-12-04T22:04:48");   // UTC
 * t.mjd;            // 53343.92
 * t.tt().isot;      // "2004-12-04T22:05:52.184"
 * t.tt().mjd;       // 53343.920742870374
 * t.jyear;          // 2004.9265434633812
 * ```
 */
export class Time {
  /** Time scale of `day` and `frac`. */
  readonly scale: TimeScale;
  /** Integer part of the MJD in `scale` [d]. */
  readonly day: number;
  /** Fraction of the day in [0, 1) (for UTC: of that day's UTC length). */
  readonly frac: number;
  /** UT1 - UTC [s] used when converting to or from UT1. */
  readonly dut1: number;

  private constructor(day: number, frac: number, scale: TimeScale, dut1: number) {
    this.day = day;
    this.frac = frac;
    this.scale = scale;
    this.dut1 = dut1;
    Object.freeze(this);
  }

  /** Wrap the shared scratch pair, turning NaN (UTC before 1960) into an error. */
  private static of(q: Float64Array, scale: TimeScale, dut1: number, source?: Time): Time {
    if (Number.isNaN(q[0]!) || Number.isNaN(q[1]!)) {
      const what = source ? `${source.toIso(3)} ${source.scale.toUpperCase()}` : "the time";
      throw new DataError(`cannot convert ${what} to ${scale.toUpperCase()}: UTC is not defined before 1960-01-01`, {
        hint: "use scale 'tt' or 'tai' for earlier times",
      });
    }
    return new Time(q[0]!, q[1]!, scale, dut1);
  }

  /**
   * A time from an MJD, optionally in two parts (mjd + mjd2) for full precision.
   *
   * @param mjd - Modified Julian Date [d] (for UTC: erfa's quasi-MJD on leap-second days)
   * @param scale - time scale, default "utc" (as astropy for format mjd)
   * @param mjd2 - second part added to `mjd` [d], default 0
   * @returns the time
   * @throws UnitError for a non-finite value or an unknown scale
   * @example
   * ```ts
   * Time.fromMjd(51910, "tt", 0.000742870370370241).isot; // "2001-01-01T00:01:04.184"
   * ```
   */
  static fromMjd(mjd: number, scale: TimeScale | string = "utc", mjd2 = 0): Time {
    requireFinite(mjd, "MJD");
    requireFinite(mjd2, "MJD second part");
    return Time.of(setTwoPart(mjd, mjd2, p), parseTimeScale(scale), 0);
  }

  /**
   * A time from a Julian Date, optionally in two parts (jd1 + jd2).
   *
   * @param jd1 - Julian Date [d] (or its first part)
   * @param scale - time scale, default "utc"
   * @param jd2 - second part [d], default 0
   * @returns the time
   * @throws UnitError for a non-finite value or an unknown scale
   * @example
   * ```ts
   * Time.fromJd(2451545.0, "tt").mjd; // 51544.5
   * ```
   */
  static fromJd(jd1: number, scale: TimeScale | string = "utc", jd2 = 0): Time {
    requireFinite(jd1, "JD");
    requireFinite(jd2, "JD second part");
    // jd1 - 2400000.5 is exact for any jd1 near 2.4e6 (Sterbenz), so nothing is lost.
    return Time.of(setTwoPart(jd1 - MJD_TO_JD, jd2, p), parseTimeScale(scale), 0);
  }

  /**
   * A time from an ISO 8601 string ("2004-12-04T22:04:48", "2004-12-04 22:04:48.123",
   * "2004-12-04", optional trailing "Z" for UTC).
   *
   * @param text - the string
   * @param scale - time scale, default "utc"
   * @returns the time
   * @throws UnitError when the string is malformed or a field is out of range
   * @example
   * ```ts
   * Time.fromIso("2016-12-31T23:59:60.5").mjd; // 57753.99999421303
   * ```
   */
  static fromIso(text: string, scale: TimeScale | string = "utc"): Time {
    const s = parseTimeScale(scale);
    return Time.of(isoToTwoPart(text, s, p), s, 0);
  }

  /**
   * A time from a Julian epoch.
   *
   * @param jyear - Julian epoch [yr], e.g. 2000.0
   * @param scale - time scale, default "tt" (as astropy)
   * @returns the time
   * @throws UnitError for a non-finite value or an unknown scale
   * @example
   * ```ts
   * Time.fromJyear(2000).mjd; // 51544.5 (TT)
   * ```
   */
  static fromJyear(jyear: number, scale: TimeScale | string = "tt"): Time {
    requireFinite(jyear, "Julian epoch");
    return Time.of(jyearToTwoPart(jyear, p), parseTimeScale(scale), 0);
  }

  /**
   * A time from a Besselian epoch.
   *
   * @param byear - Besselian epoch [yr], e.g. 1950.0
   * @param scale - time scale, default "tt" (as astropy)
   * @returns the time
   * @throws UnitError for a non-finite value or an unknown scale
   * @example
   * ```ts
   * Time.fromByear(1950).jd; // 2433282.4234591...
   * ```
   */
  static fromByear(byear: number, scale: TimeScale | string = "tt"): Time {
    requireFinite(byear, "Besselian epoch");
    return Time.of(byearToTwoPart(byear, p), parseTimeScale(scale), 0);
  }

  /**
   * Read a time as configs and users write it, like astropy's `Time(value, format=, scale=)`:
   * numbers are MJD unless `format` says otherwise; strings are ISO 8601 or epochs
   * ("J2000", "J2000.0", "B1950"); scale defaults to UTC, or TT for epochs.
   *
   * @param value - MJD number, string, `Date` (UTC, ms precision) or an existing `Time`
   * @param options - `scale`, `format` and `dut1` [s]
   * @returns the time (an existing `Time` is converted to `scale` when one is given)
   * @throws UnitError for a malformed value, an unknown scale or format, or a value that
   *   does not fit the format
   * @example
   * ```ts
   * Time.parse("2004-12-04T22:04:48Z").mjd;              // 53343.92 (UTC)
   * Time.parse(53343.92, { scale: "tt" }).scale;         // "tt"
   * Time.parse("J2000").isot;                            // "2000-01-01T12:00:00.000" (TT)
   * Time.parse(2015.5, { format: "jyear" }).mjd;         // 57205.875
   * ```
   */
  static parse(value: string | number | Time | Date, options: TimeParseOptions = {}): Time {
    const dut1 = requireFinite(options.dut1 ?? 0, "dut1");
    if (value instanceof Time) {
      const t = options.dut1 === undefined ? value : value.withDut1(dut1);
      return options.scale === undefined ? t : t.toScale(options.scale);
    }
    const scale = readTimeInput(value, options.format, options.scale, p);
    return Time.of(p, scale, dut1);
  }

  /**
   * The same instant with another UT1 - UTC.
   *
   * @param dut1 - UT1 - UTC [s]
   * @returns a time with the same scale and value (for a UT1 time: the same UT1 reading)
   * @example
   * ```ts
   * Time.parse("2020-01-01").withDut1(-0.177).ut1().isot; // "2019-12-31T23:59:59.823"
   * ```
   */
  withDut1(dut1: number): Time {
    requireFinite(dut1, "dut1");
    return dut1 === this.dut1 ? this : new Time(this.day, this.frac, this.scale, dut1);
  }

  /**
   * The same instant in another scale.
   *
   * @param scale - wanted scale
   * @returns the converted time (this one when the scale is the same)
   * @throws UnitError for an unknown scale; DataError when UTC is needed before 1960
   * @example
   * ```ts
   * Time.parse("2017-01-01T00:00:00").toScale("tai").isot; // "2017-01-01T00:00:37.000"
   * ```
   */
  toScale(scale: TimeScale | string): Time {
    const s = parseTimeScale(scale);
    if (s === this.scale) return this;
    p[0] = this.day;
    p[1] = this.frac;
    return Time.of(convertTwoPart(p, this.scale, s, this.dut1), s, this.dut1, this);
  }

  /** This instant in UTC. @throws DataError before 1960. @example `Time.parse(51544.5, {scale: "tt"}).utc().isot // "2000-01-01T11:58:55.816"` */
  utc(): Time {
    return this.toScale("utc");
  }

  /** This instant in TAI. @throws DataError for UTC before 1960. @example `Time.parse("2017-01-01").tai().isot // "2017-01-01T00:00:37.000"` */
  tai(): Time {
    return this.toScale("tai");
  }

  /** This instant in TT (TAI + 32.184 s). @throws DataError for UTC before 1960. @example `Time.parse("2017-01-01").tt().isot // "2017-01-01T00:01:09.184"` */
  tt(): Time {
    return this.toScale("tt");
  }

  /** This instant in TDB (geocentric; within 10 µs of astropy, see `tdbMinusTt`). @throws DataError for UTC before 1960. @example `Time.parse("J2000").tdb().mjd // 51544.4999999989` */
  tdb(): Time {
    return this.toScale("tdb");
  }

  /**
   * This instant in UT1 = UTC + dUT1.
   *
   * @param dut1 - UT1 - UTC [s]; default the time's own `dut1` (0 unless given)
   * @returns the UT1 time; `.mjd` of it is what Earth-rotation formulas take
   * @throws DataError for UTC before 1960
   * @example
   * ```ts
   * Time.parse("2020-01-01T00:00:00").ut1(-0.177).isot; // "2019-12-31T23:59:59.823"
   * ```
   */
  ut1(dut1: number = this.dut1): Time {
    if (this.scale === "ut1" && dut1 === this.dut1) return this;
    const base = this.scale === "ut1" ? this.utc() : this;
    return base.withDut1(dut1).toScale("ut1");
  }

  /** MJD as one number [d] (about 0.6 µs resolution at MJD 60000; use `day`/`frac` for more). */
  get mjd(): number {
    return this.day + this.frac;
  }

  /** Julian Date as one number [d] (about 40 µs resolution; use `jd1` + `jd2` for more). */
  get jd(): number {
    return this.day + MJD_TO_JD + this.frac;
  }

  /** First part of the Julian Date: an integer [d]. */
  get jd1(): number {
    return this.day + 2400001;
  }

  /** Second part of the Julian Date, in [-0.5, 0.5) [d]. */
  get jd2(): number {
    return this.frac - 0.5;
  }

  /** ISO 8601 with "T" and milliseconds, e.g. "2004-12-04T22:04:48.000" (astropy's `isot`). */
  get isot(): string {
    return twoPartToIso(this.day, this.frac, this.scale, 3, "T");
  }

  /** ISO 8601 with a space and milliseconds, e.g. "2004-12-04 22:04:48.000" (astropy's `iso`). */
  get iso(): string {
    return twoPartToIso(this.day, this.frac, this.scale, 3, " ");
  }

  /** Julian epoch in this scale [yr], e.g. 2000.0. */
  get jyear(): number {
    return twoPartToJyear(this.day, this.frac);
  }

  /** Julian epoch string with 3 decimals, e.g. "J2000.000" (astropy's `jyear_str`). */
  get jyearStr(): string {
    return `J${this.jyear.toFixed(3)}`;
  }

  /** Besselian epoch in this scale [yr], e.g. 1950.0. */
  get byear(): number {
    return twoPartToByear(this.day, this.frac);
  }

  /** Besselian epoch string with 3 decimals, e.g. "B1950.000" (astropy's `byear_str`). */
  get byearStr(): string {
    return `B${this.byear.toFixed(3)}`;
  }

  /**
   * ISO 8601 string with a chosen number of decimals.
   *
   * @param precision - decimals of the seconds [0-9], default 3
   * @param separator - "T" (default) or " "
   * @returns e.g. "2016-12-31T23:59:60.500000"
   * @throws UnitError for a precision outside 0-9
   * @example
   * ```ts
   * Time.parse("2004-12-04T22:04:48.123456").toIso(6); // "2004-12-04T22:04:48.123456"
   * ```
   */
  toIso(precision = 3, separator: "T" | " " = "T"): string {
    if (!Number.isInteger(precision) || precision < 0 || precision > 9) {
      throw new UnitError(`ISO precision must be an integer from 0 to 9, got ${precision}`, { hint: "use e.g. 3 for milliseconds" });
    }
    return twoPartToIso(this.day, this.frac, this.scale, precision, separator);
  }

  /**
   * The value in a named format (astropy's `t.to_value(format)`).
   *
   * @param format - one of the {@link TimeFormat} names
   * @returns a number (mjd, jd, jyear, byear) or a string (isot, iso, jyear_str, byear_str)
   * @throws UnitError for an unknown format
   * @example
   * ```ts
   * Time.parse("J2000").toFormat("mjd"); // 51544.5
   * ```
   */
  toFormat(format: TimeFormat | string): number | string {
    switch (parseTimeFormat(format)) {
      case "mjd":
        return this.mjd;
      case "jd":
        return this.jd;
      case "isot":
        return this.isot;
      case "iso":
        return this.iso;
      case "jyear":
        return this.jyear;
      case "jyear_str":
        return this.jyearStr;
      case "byear":
        return this.byear;
      case "byear_str":
        return this.byearStr;
    }
  }

  /**
   * Elapsed seconds `this - other`, counted in a uniform scale: TAI when this time is UTC
   * (so leap seconds count), else this time's scale.
   *
   * @param other - the earlier (or later) time, any scale
   * @returns seconds [s], negative when `other` is later
   * @throws DataError when UTC is needed before 1960
   * @example
   * ```ts
   * Time.parse("2017-01-01T00:00:00").diffSeconds(Time.parse("2016-12-31T23:59:59")); // 2
   * ```
   */
  diffSeconds(other: Time): number {
    const work = this.scale === "utc" ? "tai" : this.scale;
    const a = this.toScale(work);
    const b = (other.dut1 === this.dut1 ? other : other.withDut1(this.dut1)).toScale(work);
    return (a.day - b.day) * SECONDS_PER_DAY + (a.frac - b.frac) * SECONDS_PER_DAY;
  }

  /**
   * This time plus some seconds, added in a uniform scale (TAI for UTC times, so adding
   * 1 s to 23:59:59 UTC before a leap second gives 23:59:60).
   *
   * @param seconds - seconds to add [s]
   * @returns a new time in this time's scale
   * @throws UnitError for a non-finite value; DataError when UTC is needed before 1960
   * @example
   * ```ts
   * Time.parse("2016-12-31T23:59:59").addSeconds(1).isot; // "2016-12-31T23:59:60.000"
   * ```
   */
  addSeconds(seconds: number): Time {
    requireFinite(seconds, "seconds to add");
    if (this.scale === "utc") return this.tai().addSeconds(seconds).utc();
    p[0] = this.day;
    p[1] = this.frac;
    return Time.of(addSecondsTwoPart(p, seconds), this.scale, this.dut1);
  }

  /**
   * Mission elapsed time of this instant relative to a reference.
   *
   * @param ref - the reference, e.g. from `timeRefFromHeader`
   * @returns elapsed time in the reference's unit (seconds for DL3) 
   * @throws DataError when UTC is needed before 1960
   * @example
   * ```ts
   * Time.parse("2004-12-04T22:08:10.184", { scale: "tt" }).toMet(ref); // 123890826 (H.E.S.S. DR1)
   * ```
   */
  toMet(ref: TimeRef): number {
    return this.diffSeconds(ref.epoch) / ref.unitSeconds;
  }

  /** The `isot` string, e.g. "2004-12-04T22:04:48.000". @example `String(Time.parse("2004-12-04")) // "2004-12-04T00:00:00.000"` */
  toString(): string {
    return this.isot;
  }
}

