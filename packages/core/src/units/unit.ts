/**
 * The Unit record: a dimension vector plus a scale to SI, and the symbols it was written
 * with (so that it can be written back as the user wrote it, e.g. "cm-2 s-1 TeV-1").
 */
import {
  DIMENSIONLESS,
  dimensionsEqual,
  multiplyDimensions,
  powerDimensions,
  type Dimensions,
} from "./dimensions.js";

/** One symbol raised to a power, e.g. `{ symbol: "cm", power: -2 }`. */
export interface UnitTerm {
  /** Canonical unit symbol ("ct" for "count"). */
  readonly symbol: string;
  /** Exponent (integer, or a rational such as 0.5). */
  readonly power: number;
}

/**
 * A physical unit: dimension vector + scale factor to SI base units (m, kg, s, rad).
 *
 * Two units are the same unit when `dims` and `scale` agree ({@link unitsEqual});
 * `terms` and `factor` only record how to write it.
 */
export interface Unit {
  /** Exponents of length, mass, time and angle. */
  readonly dims: Dimensions;
  /** Value of one of this unit in SI base units, e.g. 1.602176634e-7 for TeV. */
  readonly scale: number;
  /** Pure-number multiplier written in the unit string ("1e-12 cm-2" has 1e-12), usually 1. */
  readonly factor: number;
  /** Symbols and powers, merged, in written order (positive powers first). */
  readonly terms: readonly UnitTerm[];
}

/** The dimensionless unit with scale 1 (written ""). */
export const DIMENSIONLESS_UNIT: Unit = Object.freeze({
  dims: DIMENSIONLESS,
  scale: 1,
  factor: 1,
  terms: Object.freeze([]) as readonly UnitTerm[],
});

/**
 * Merges repeated symbols, drops zero powers and puts positive powers first (otherwise
 * keeping the written order), which makes the canonical spelling.
 *
 * @param terms - symbols and powers as written
 */
export function normalizeTerms(terms: readonly UnitTerm[]): UnitTerm[] {
  const order: string[] = [];
  const powers = new Map<string, number>();
  for (const t of terms) {
    if (!powers.has(t.symbol)) order.push(t.symbol);
    powers.set(t.symbol, (powers.get(t.symbol) ?? 0) + t.power);
  }
  const pos: UnitTerm[] = [];
  const neg: UnitTerm[] = [];
  for (const symbol of order) {
    // Snap rounding noise from rational powers (1/3 + 2/3) to integers.
    let power = powers.get(symbol)!;
    if (Math.abs(power - Math.round(power)) < 1e-9) power = Math.round(power);
    if (power > 0) pos.push({ symbol, power });
    else if (power < 0) neg.push({ symbol, power });
  }
  return [...pos, ...neg];
}

/**
 * Builds a unit from its parts (normalising the terms).
 *
 * @param dims - dimension vector
 * @param scale - SI value of one unit
 * @param factor - pure-number multiplier written in the string
 * @param terms - symbols and powers
 */
export function makeUnit(dims: Dimensions, scale: number, factor: number, terms: readonly UnitTerm[]): Unit {
  return Object.freeze({ dims, scale, factor, terms: Object.freeze(normalizeTerms(terms)) });
}

/**
 * Product of two units ("cm-2" times "s-1" is "cm-2 s-1").
 *
 * @param a - first unit
 * @param b - second unit
 */
export function multiplyUnits(a: Unit, b: Unit): Unit {
  return makeUnit(multiplyDimensions(a.dims, b.dims), a.scale * b.scale, a.factor * b.factor, [
    ...a.terms,
    ...b.terms,
  ]);
}

/**
 * A unit raised to a power ("cm" to the 2 is "cm2"; "TeV" to the -1 is "TeV-1").
 *
 * @param a - unit
 * @param p - exponent
 */
export function powerUnit(a: Unit, p: number): Unit {
  return makeUnit(
    powerDimensions(a.dims, p),
    a.scale ** p,
    a.factor ** p,
    a.terms.map((t) => ({ symbol: t.symbol, power: t.power * p })),
  );
}

/**
 * True when two parsed units have the same dimension vector (values convert).
 * (The public `isCompatible` also takes strings.)
 *
 * @param a - first unit
 * @param b - second unit
 */
export function sameDimensions(a: Unit, b: Unit): boolean {
  return dimensionsEqual(a.dims, b.dims);
}
