/**
 * Dimension vectors: the exponents of the base quantities a unit is made of.
 *
 * Four base quantities are enough for gamma-ray astronomy: length [m], mass [kg],
 * time [s] and plane angle [rad]. Angle is a base quantity (as in astropy) so that
 * "deg" and "" are not interchangeable while "deg2" and "sr" (= rad2) are.
 */

/** Number of base quantities (length, mass, time, angle). */
export const DIMENSION_COUNT = 4;

/** Names of the base quantities, in the order of a {@link Dimensions} vector. */
export const BASE_QUANTITIES = ["length", "mass", "time", "angle"] as const;

/** SI symbols of the base units, in the order of a {@link Dimensions} vector. */
export const BASE_SYMBOLS = ["m", "kg", "s", "rad"] as const;

/** Exponents of length, mass, time and angle, e.g. energy = [2, 1, -2, 0]. */
export type Dimensions = readonly [length: number, mass: number, time: number, angle: number];

/** The dimension vector of a pure number. */
export const DIMENSIONLESS: Dimensions = [0, 0, 0, 0];

// Powers come from parsed rationals such as (1/2); compare with a tolerance so that
// 1/3 + 2/3 equals 1.
const POWER_TOLERANCE = 1e-9;

/** Product of two dimension vectors (exponents add). */
export function multiplyDimensions(a: Dimensions, b: Dimensions): Dimensions {
  return [a[0] + b[0], a[1] + b[1], a[2] + b[2], a[3] + b[3]];
}

/** A dimension vector raised to a power (exponents scale). */
export function powerDimensions(a: Dimensions, p: number): Dimensions {
  // "+ 0" turns -0 into 0 so that vectors compare and print cleanly.
  return [a[0] * p + 0, a[1] * p + 0, a[2] * p + 0, a[3] * p + 0];
}

/** True when two dimension vectors are equal within rounding of rational powers. */
export function dimensionsEqual(a: Dimensions, b: Dimensions): boolean {
  for (let i = 0; i < DIMENSION_COUNT; i++) {
    if (Math.abs(a[i]! - b[i]!) > POWER_TOLERANCE) return false;
  }
  return true;
}

/** True when every exponent is zero. */
export function isDimensionless(a: Dimensions): boolean {
  return dimensionsEqual(a, DIMENSIONLESS);
}

/**
 * Writes a dimension vector in SI base units for messages, e.g. "kg m2 s-2".
 *
 * @param d - dimension vector
 * @returns the base-unit expression, "" for a pure number
 */
export function formatDimensions(d: Dimensions): string {
  // Mass first so that energy reads "kg m2 s-2" as in textbooks.
  const order = [1, 0, 2, 3];
  const parts: string[] = [];
  for (const i of order) {
    const p = d[i]!;
    if (Math.abs(p) <= POWER_TOLERANCE) continue;
    parts.push(p === 1 ? BASE_SYMBOLS[i]! : `${BASE_SYMBOLS[i]!}${formatPower(p)}`);
  }
  return parts.join(" ");
}

/**
 * Writes an exponent the way unit strings carry it: "2", "-1", "(1/2)".
 *
 * @param p - exponent
 */
export function formatPower(p: number): string {
  if (Number.isInteger(p)) return String(p);
  // Small-denominator rationals are written as fractions so that they parse back.
  for (let den = 2; den <= 12; den++) {
    const num = Math.round(p * den);
    if (Math.abs(num / den - p) < POWER_TOLERANCE) return `(${num}/${den})`;
  }
  return `(${p})`;
}
