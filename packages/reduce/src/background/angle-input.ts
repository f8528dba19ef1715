/**
 * Angle options of the region finders: a number of degrees (gammats' internal unit) or a
 * quantity string ("0.1 rad", "5 deg"). The finders step in radians, as Gammapy's, so a
 * "0.1 rad" option is used as exactly 0.1 and not as a round trip through degrees.
 */
import { DEG_TO_RAD, DataError, convert, parseQuantity, toInternal } from "@gammats/core";

/** An angle: a number [deg] or a quantity string such as "0.1 rad". */
export type AngleInput = number | string;

function finite(value: number, what: string, input: AngleInput): number {
  if (!Number.isFinite(value)) {
    throw new DataError(`${what} must be a finite angle, got ${String(input)}`, { hint: "give degrees or a quantity such as '0.1 rad'" });
  }
  return value;
}

/**
 * Radians of an angle option.
 *
 * @param value - number [deg] or quantity string
 * @param what - option name, for the error message
 * @returns the angle [rad]
 * @throws UnitError for a quantity that is not an angle; DataError for a non-finite value
 * @example
 * ```ts
 * angleRad("0.1 rad", "angleIncrement"); // 0.1
 * angleRad(180, "minDistance");          // 3.141592653589793
 * ```
 */
export function angleRad(value: AngleInput, what: string): number {
  if (typeof value === "number") return finite(value * DEG_TO_RAD, what, value);
  const q = parseQuantity(value, "angle");
  return finite(convert(q.value, q.unit, "rad"), what, value);
}

/**
 * Degrees of an angle option.
 *
 * @param value - number [deg] or quantity string
 * @param what - option name, for the error message
 * @returns the angle [deg]
 * @throws UnitError for a quantity that is not an angle; DataError for a non-finite value
 * @example
 * ```ts
 * angleDeg("36 arcsec", "binsz"); // 0.01
 * ```
 */
export function angleDeg(value: AngleInput, what: string): number {
  return finite(typeof value === "number" ? value : toInternal(value, "angle"), what, value);
}
