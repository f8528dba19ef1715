/**
 * Julian and Besselian epochs <-> two-part MJD, in whatever scale the value is in
 * (astropy assumes TT for epochs).
 */
import { UnitError } from "../errors.js";
import { setTwoPart } from "./convert.js";

/** Days per Julian year [d]. */
const JULIAN_YEAR = 365.25;
/** Days per tropical year in the Besselian epoch definition [d] (Lieske 1979). */
const BESSELIAN_YEAR = 365.242198781;
/** MJD of J2000.0 [d]. */
const MJD_J2000 = 51544.5;
/** MJD of B1900.0 [d]. */
const MJD_B1900 = 15019.81352;

const EPOCH_RE = /^([JB])([+-]?\d+(?:\.\d*)?)$/;

/**
 * Two-part MJD of a Julian epoch: MJD = 51544.5 + (epoch - 2000) * 365.25.
 *
 * @param jyear - Julian epoch [yr], e.g. 2000.0
 * @param p - receives [integer MJD, fraction]
 * @returns `p`
 * @example
 * ```ts
 * jyearToTwoPart(2000, new Float64Array(2)); // [51544, 0.5]
 * ```
 */
export function jyearToTwoPart(jyear: number, p: Float64Array): Float64Array {
  return setTwoPart(MJD_J2000, (jyear - 2000) * JULIAN_YEAR, p);
}

/**
 * Julian epoch of a two-part MJD.
 *
 * @param day - integer MJD [d]
 * @param frac - fraction of the day
 * @returns Julian epoch [yr]
 * @example
 * ```ts
 * twoPartToJyear(51544, 0.5); // 2000
 * ```
 */
export function twoPartToJyear(day: number, frac: number): number {
  return 2000 + (day - 51544 + (frac - 0.5)) / JULIAN_YEAR;
}

/**
 * Two-part MJD of a Besselian epoch: MJD = 15019.81352 + (epoch - 1900) * 365.242198781.
 *
 * @param byear - Besselian epoch [yr], e.g. 1950.0
 * @param p - receives [integer MJD, fraction]
 * @returns `p`
 * @example
 * ```ts
 * byearToTwoPart(1950, new Float64Array(2)); // [33281, 0.92345905]
 * ```
 */
export function byearToTwoPart(byear: number, p: Float64Array): Float64Array {
  return setTwoPart(MJD_B1900, (byear - 1900) * BESSELIAN_YEAR, p);
}

/**
 * Besselian epoch of a two-part MJD.
 *
 * @param day - integer MJD [d]
 * @param frac - fraction of the day
 * @returns Besselian epoch [yr]
 * @example
 * ```ts
 * twoPartToByear(33281, 0.923459); // 1950.0
 * ```
 */
export function twoPartToByear(day: number, frac: number): number {
  return 1900 + (day - 15019 + (frac - 0.81352)) / BESSELIAN_YEAR;
}

/**
 * Split an epoch string ("J2000", "J2000.0", "B1950") into its kind and year.
 *
 * @param text - the epoch string
 * @returns kind "J" or "B" and the epoch [yr], or undefined when it is not an epoch string
 * @example
 * ```ts
 * parseEpochString("J2015.5"); // { kind: "J", year: 2015.5 }
 * ```
 */
export function parseEpochString(text: string): { kind: "J" | "B"; year: number } | undefined {
  const m = EPOCH_RE.exec(text.trim());
  if (!m) return undefined;
  return { kind: m[1] as "J" | "B", year: Number(m[2]) };
}

/**
 * Like {@link parseEpochString} but demanding one kind.
 *
 * @param text - the epoch string
 * @param kind - "J" for Julian, "B" for Besselian
 * @returns the epoch [yr]
 * @throws UnitError when the string is not an epoch of that kind
 * @example
 * ```ts
 * requireEpochString("J2000", "J"); // 2000
 * ```
 */
export function requireEpochString(text: string, kind: "J" | "B"): number {
  const e = parseEpochString(text);
  if (!e || e.kind !== kind) {
    const name = kind === "J" ? "Julian" : "Besselian";
    throw new UnitError(`malformed ${name} epoch '${text}'`, { hint: `write e.g. '${kind}${kind === "J" ? "2000" : "1950"}.0'` });
  }
  return e.year;
}
