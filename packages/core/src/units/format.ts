/**
 * Canonical strings for units and quantities, in the FITS/OGIP style that both gammats
 * and astropy parse: "cm-2 s-1 TeV-1", "deg2", "1e-12 cm-2", "3 TeV".
 */
import { formatPower } from "./dimensions.js";
import type { Quantity } from "./quantity-type.js";
import type { Unit } from "./unit.js";

/**
 * Writes a unit canonically: symbols separated by spaces, powers attached ("cm-2"),
 * repeated symbols merged, positive powers first, otherwise in written order; a numeric
 * multiplier leads ("1e-12 cm-2"); the dimensionless unit is "".
 *
 * @param u - unit
 * @returns a string that {@link parseUnit} and astropy's `Unit()` read back to the same unit
 * @example
 * ```ts
 * formatUnit(parseUnit("1 / (cm2 s TeV)"));  // "cm-2 s-1 TeV-1"
 * formatUnit(parseUnit("cm^-2 s^-1"));       // "cm-2 s-1"
 * formatUnit(parseUnit("count"));            // "ct"
 * ```
 */
export function formatUnit(u: Unit): string {
  const parts: string[] = [];
  if (u.factor !== 1) parts.push(formatNumber(u.factor));
  for (const t of u.terms) parts.push(t.power === 1 ? t.symbol : t.symbol + formatPower(t.power));
  return parts.join(" ");
}

/**
 * Writes a number so that it parses back exactly (shortest round-trip digits);
 * infinities and NaN as "inf", "-inf", "nan" (what astropy and Python read).
 *
 * @param v - value
 */
export function formatNumber(v: number): string {
  if (Number.isNaN(v)) return "nan";
  if (v === Infinity) return "inf";
  if (v === -Infinity) return "-inf";
  return String(v);
}

/**
 * Writes a quantity as "<value> <unit>", e.g. "3 TeV", "1e-12 cm-2 s-1 TeV-1", or just
 * the number when dimensionless.
 *
 * @param q - quantity
 * @returns a string that {@link parseQuantity} and astropy's `Quantity()` read back
 * @example
 * ```ts
 * formatQuantity(parseQuantity("0.1 TeV"));   // "0.1 TeV"
 * formatQuantity({ value: 3, unit: parseUnit("deg") });  // "3 deg"
 * ```
 */
export function formatQuantity(q: Quantity): string {
  const unit = formatUnit(q.unit);
  const value = formatNumber(q.value);
  return unit === "" ? value : `${value} ${unit}`;
}
