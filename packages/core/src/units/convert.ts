/**
 * Conversions between compatible units: one scale factor, applied to a number or to a
 * whole Float64Array without allocating per element.
 */
import { UnitError } from "../errors.js";
import { formatDimensions } from "./dimensions.js";
import { formatUnit } from "./format.js";
import { parseUnit } from "./parse-unit.js";
import { physicalType } from "./physical-type.js";
import { sameDimensions as compatibleUnits, type Unit } from "./unit.js";

/** A unit, or a unit string that {@link parseUnit} reads. */
export type UnitLike = Unit | string;

/**
 * Resolves a unit-or-string argument.
 *
 * @param u - a unit or unit string
 * @throws UnitError when the string does not parse
 */
export function toUnit(u: UnitLike): Unit {
  return typeof u === "string" ? parseUnit(u) : u;
}

/**
 * Describes a unit for messages: "'deg' (angle)", or with its SI dimensions when it has
 * no listed physical type: "'m2 s' (m2 s)".
 *
 * @param u - unit
 */
export function describeUnit(u: Unit): string {
  const type = physicalType(u);
  const text = formatUnit(u);
  return `'${text}' (${type ?? (formatDimensions(u.dims) || "dimensionless")})`;
}

/**
 * The factor that turns a value in `from` into a value in `to`.
 *
 * @param from - unit of the input values
 * @param to - wanted unit
 * @returns factor f with value_to = f * value_from
 * @throws UnitError when the dimensions differ, naming both units and their types
 * @example
 * ```ts
 * conversionFactor("TeV", "erg");   // 1.602176634
 * conversionFactor("deg2", "sr");   // 0.00030461741978670857
 * ```
 */
export function conversionFactor(from: UnitLike, to: UnitLike): number {
  const a = toUnit(from);
  const b = toUnit(to);
  if (!compatibleUnits(a, b)) {
    throw new UnitError(`cannot convert ${describeUnit(a)} to ${describeUnit(b)}: the dimensions differ`, {
      hint: `give a value in a unit compatible with '${formatUnit(b)}'`,
    });
  }
  return a.scale / b.scale;
}

/**
 * Converts one value between compatible units.
 *
 * @param value - value in `from`
 * @param from - its unit
 * @param to - wanted unit
 * @returns the value in `to`
 * @throws UnitError when the dimensions differ
 * @example
 * ```ts
 * convert(300, "GeV", "TeV");   // 0.3
 * convert(1, "yr", "d");        // 365.25
 * ```
 */
export function convert(value: number, from: UnitLike, to: UnitLike): number {
  return value * conversionFactor(from, to);
}

/**
 * Converts an array of values between compatible units with one factor (no allocation
 * besides `out` when it is not given). `out` may be `values` itself (in place).
 *
 * @param values - values in `from`
 * @param from - their unit
 * @param to - wanted unit
 * @param out - output array of the same length (default: a new Float64Array)
 * @returns `out`, holding the values in `to`
 * @throws UnitError when the dimensions differ or `out` has the wrong length
 * @example
 * ```ts
 * convertArray(new Float64Array([100, 1000]), "GeV", "TeV");  // Float64Array [0.1, 1]
 * ```
 */
export function convertArray(
  values: Float64Array,
  from: UnitLike,
  to: UnitLike,
  out?: Float64Array,
): Float64Array {
  const f = conversionFactor(from, to);
  const n = values.length;
  const result = out ?? new Float64Array(n);
  if (result.length !== n) {
    throw new UnitError(`convertArray: output length ${result.length} differs from input length ${n}`, {
      hint: "pass an output array of the same length, or none",
    });
  }
  for (let i = 0; i < n; i++) result[i] = values[i]! * f;
  return result;
}

/**
 * True when two units are the same unit (dimensions and scale), whatever the spelling.
 *
 * @param a - first unit or unit string
 * @param b - second unit or unit string
 * @throws UnitError when a string does not parse
 * @example
 * ```ts
 * unitsEqual("MeV-1 s-1 sr-1", "1 / (MeV s sr)");  // true
 * unitsEqual("deg2", "sr");                        // false (compatible, other scale)
 * ```
 */
export function unitsEqual(a: UnitLike, b: UnitLike): boolean {
  const ua = toUnit(a);
  const ub = toUnit(b);
  return compatibleUnits(ua, ub) && Math.abs(ua.scale - ub.scale) <= 1e-12 * Math.max(ua.scale, ub.scale);
}

/**
 * True when values in `a` convert to `b` (same dimension vector).
 *
 * @param a - first unit or unit string
 * @param b - second unit or unit string
 * @throws UnitError when a string does not parse
 * @example
 * ```ts
 * isCompatible("TeV", "erg");  // true
 * isCompatible("deg", "");     // false
 * ```
 */
export function isCompatible(a: UnitLike, b: UnitLike): boolean {
  return compatibleUnits(toUnit(a), toUnit(b));
}
