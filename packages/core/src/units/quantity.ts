/**
 * Quantities from strings ("3 deg", "1e-12 cm-2 s-1 TeV-1", "300 GeV", "1 h") as Gammapy
 * configs and model files write them, with a check of the expected physical type, and
 * conversion to gammats' internal units.
 */
import { UnitError } from "../errors.js";
import { dimensionsEqual, isDimensionless, type Dimensions } from "./dimensions.js";
import { toUnit, type UnitLike } from "./convert.js";
import { formatNumber, formatUnit } from "./format.js";
import { parseUnit, parseUnitIn } from "./parse-unit.js";
import {
  EXAMPLE_UNITS,
  INTERNAL_UNITS,
  isPhysicalType,
  physicalType,
  physicalTypeDimensions,
  type PhysicalType,
} from "./physical-type.js";
import type { Quantity } from "./quantity-type.js";
import { DIMENSIONLESS_UNIT } from "./unit.js";

// A leading number as Python's float() and astropy's Quantity() read it, incl. nan/inf.
const NUMBER_RE = /^[+-]?(?:(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?|(?:nan|inf(?:inity)?)(?![a-z]))/i;
// A number glued to more number-like characters ("3..2", "1.2.3", "3,5", "3-2") is malformed.
const MALFORMED_TAIL_RE = /^[.,+\-\d]/;

/** What the caller expects: a physical type or a unit (by its dimensions), with a label. */
interface Expectation {
  dims: Dimensions;
  label: string;
  example: string;
}

function expectation(expected: PhysicalType | string): Expectation {
  if (isPhysicalType(expected)) {
    return { dims: physicalTypeDimensions(expected), label: expected, example: EXAMPLE_UNITS[expected] };
  }
  const u = parseUnit(expected);
  const type = physicalType(u);
  return {
    dims: u.dims,
    label: `a unit compatible with '${expected}'${type ? ` (${type})` : ""}`,
    example: expected,
  };
}

function typeError(exp: Expectation, got: string, value: number): UnitError {
  const example = exp.example === "" ? formatNumber(value) : `${formatNumber(value)} ${exp.example}`;
  return new UnitError(`${exp.label} expected, got ${got}`, { hint: `write e.g. '${example}'` });
}

/**
 * Makes a quantity from a value and a unit.
 *
 * @param value - numerical value [unit]
 * @param unit - unit or unit string
 * @throws UnitError when the unit string does not parse
 * @example
 * ```ts
 * quantity(3, "deg");   // { value: 3, unit: <deg> }
 * ```
 */
export function quantity(value: number, unit: UnitLike = DIMENSIONLESS_UNIT): Quantity {
  return { value, unit: toUnit(unit) };
}

/**
 * Parses a quantity string "<number> <unit>" (or takes a bare number) and, when
 * `expected` is given, checks that its unit has the expected dimensions.
 *
 * Numbers follow Python: "-1.5", ".5", "1e-12", "inf", "nan". The number is required
 * ("TeV" alone is an error, as in astropy). A missing unit means dimensionless, which is
 * an error when a dimensional type is expected. A numeric factor in the unit is kept in
 * the unit, as astropy does ("3 2 TeV" is 3 times the unit "2 TeV").
 *
 * @param text - e.g. "3 deg", "1e-12 cm-2 s-1 TeV-1", "300 GeV", "1 h", or a number
 * @param expected - a {@link PhysicalType} name ("energy") or a unit string ("TeV") whose
 *   dimensions the quantity must have
 * @returns the value and unit as written (not converted; see {@link toInternal})
 * @throws UnitError for an empty string, a missing or malformed number ("TeV", "3..2 TeV"), an unknown or
 *   malformed unit ("3 parsec"), or a wrong type ("energy expected, got 3 deg";
 *   "energy expected, got 3 (no unit)", hint "write e.g. '3 TeV'")
 * @example
 * ```ts
 * parseQuantity("300 GeV", "energy");   // { value: 300, unit: <GeV> }
 * parseQuantity(".5 TeV").value;        // 0.5
 * parseQuantity("3 deg", "energy");     // throws UnitError "energy expected, got 3 deg"
 * ```
 */
export function parseQuantity(text: string | number, expected?: PhysicalType | string): Quantity {
  const exp = expected === undefined ? undefined : expectation(expected);
  if (typeof text === "number") {
    if (exp !== undefined && !isDimensionless(exp.dims)) throw typeError(exp, `${formatNumber(text)} (no unit)`, text);
    return { value: text, unit: DIMENSIONLESS_UNIT };
  }
  if (typeof text !== "string") {
    throw new UnitError(`quantity must be a string or a number, got ${typeof text} ${JSON.stringify(text)}`, {
      hint: "write e.g. '3 TeV'",
    });
  }
  const trimmed = text.trim();
  if (trimmed === "") {
    throw new UnitError("empty quantity string", {
      hint: `write a number and a unit, e.g. '${exp ? `1 ${exp.example}`.trim() : "1 TeV"}'`,
    });
  }
  const { value, rest, restOffset } = splitNumber(text);
  const unit = parseUnitIn(rest, { text, label: "quantity", offset: restOffset });
  if (exp !== undefined && !dimensionsEqual(unit.dims, exp.dims)) {
    throw typeError(exp, rest.trim() === "" ? `${trimmed} (no unit)` : trimmed, value);
  }
  return { value, unit };
}

/**
 * Splits "<number><unit>" into the value and the unit text, with the unit's column.
 *
 * @throws UnitError for a missing or malformed number
 */
function splitNumber(text: string): { value: number; rest: string; restOffset: number } {
  const trimmed = text.trimStart();
  const lead = text.length - trimmed.length;
  const m = NUMBER_RE.exec(trimmed);
  const firstWord = /^\S*/.exec(trimmed)![0];
  if (m === null || MALFORMED_TAIL_RE.test(trimmed.slice(m[0].length))) {
    if (m !== null || /^[+\-.\d]/.test(trimmed)) {
      throw new UnitError(`malformed number '${firstWord}' in quantity '${text}'`, {
        hint: "write one number then the unit, e.g. '3.2 TeV' or '1e-12 cm-2 s-1 TeV-1'",
      });
    }
    // astropy refuses "TeV" as a quantity too; a forgotten number is likelier than "1".
    throw new UnitError(`no number in quantity '${text}'`, {
      hint: `write the value before the unit, e.g. '1 ${text.trim()}'`,
    });
  }
  return { value: parseNumber(m[0]), rest: trimmed.slice(m[0].length), restOffset: lead + m[0].length };
}

function parseNumber(s: string): number {
  const lower = s.toLowerCase();
  const sign = lower.startsWith("-") ? -1 : 1;
  const body = lower.replace(/^[+-]/, "");
  if (body === "nan") return NaN;
  if (body.startsWith("inf")) return sign * Infinity;
  return Number(s);
}

/**
 * Converts a quantity to the internal unit of its physical type ({@link INTERNAL_UNITS}:
 * TeV, deg, cm2, s, sr, ...), checking the type.
 *
 * @param q - a quantity, or a string or bare number for {@link parseQuantity} (a bare
 *   number is only accepted for "dimensionless")
 * @param type - the physical type the value must have
 * @returns the value in `INTERNAL_UNITS[type]`
 * @throws UnitError when the string does not parse or the type differs
 *   ("energy expected, got 3 deg")
 * @example
 * ```ts
 * toInternal("300 GeV", "energy");                              // 0.3 (TeV)
 * toInternal("1 h", "time");                                    // 3600 (s)
 * toInternal("1e-12 erg-1 m-2 s-1", "differential_flux");       // 1.602176634e-11 (cm-2 s-1 TeV-1)
 * ```
 */
export function toInternal(q: Quantity | string | number, type: PhysicalType): number {
  if (!isPhysicalType(type)) {
    throw new UnitError(`unknown physical type '${String(type)}'`, {
      hint: `use one of ${Object.keys(INTERNAL_UNITS).join(", ")}`,
    });
  }
  const parsed = typeof q === "string" || typeof q === "number" ? parseQuantity(q, type) : q;
  if (typeof q === "object" && !dimensionsEqual(parsed.unit.dims, physicalTypeDimensions(type))) {
    const unitText = formatUnit(parsed.unit);
    const unitType = unitText === "" ? "no unit" : physicalType(parsed.unit);
    const got = `${formatNumber(parsed.value)} ${unitText}`.trim();
    throw new UnitError(`${type} expected, got ${got}${unitType ? ` (${unitType})` : ""}`, {
      hint: `write e.g. '${formatNumber(parsed.value)} ${EXAMPLE_UNITS[type]}'`,
    });
  }
  return (parsed.value * parsed.unit.scale) / parseUnit(INTERNAL_UNITS[type]).scale;
}
