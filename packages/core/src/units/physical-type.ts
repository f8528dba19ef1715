/**
 * Physical types (what a unit measures) and the internal unit gammats stores each in.
 *
 * | type | example units | internal unit |
 * | --- | --- | --- |
 * | dimensionless | "", ct | "" |
 * | energy | eV..PeV, erg, J | TeV |
 * | angle | deg, rad, arcmin, arcsec, mas | deg |
 * | solid_angle | sr, deg2 | sr |
 * | time | s, min, h, d, yr | s |
 * | length | mm, cm, m, km, pc | cm |
 * | area | cm2, m2 | cm2 |
 * | frequency | Hz, s-1 | Hz |
 * | inverse_solid_angle | sr-1, deg-2 (PSF) | sr-1 |
 * | flux | cm-2 s-1 (integral flux) | cm-2 s-1 |
 * | differential_flux | cm-2 s-1 TeV-1 (dN/dE) | cm-2 s-1 TeV-1 |
 * | energy_flux | erg cm-2 s-1 (E2 dN/dE, energy flux) | TeV cm-2 s-1 |
 * | flux_per_solid_angle | cm-2 s-1 sr-1 | cm-2 s-1 sr-1 |
 * | differential_flux_per_solid_angle | cm-2 s-1 TeV-1 sr-1 | cm-2 s-1 TeV-1 sr-1 |
 * | energy_flux_per_solid_angle | erg cm-2 s-1 sr-1 | TeV cm-2 s-1 sr-1 |
 * | background_rate | s-1 MeV-1 sr-1 (background IRF) | s-1 TeV-1 sr-1 |
 */
import { dimensionsEqual, type Dimensions } from "./dimensions.js";
import { parseUnit } from "./parse-unit.js";
import type { Unit } from "./unit.js";

/** What a unit measures; see {@link INTERNAL_UNITS} for the unit each is stored in. */
export type PhysicalType =
  | "dimensionless"
  | "energy"
  | "angle"
  | "solid_angle"
  | "time"
  | "length"
  | "area"
  | "frequency"
  | "inverse_solid_angle"
  | "flux"
  | "differential_flux"
  | "energy_flux"
  | "flux_per_solid_angle"
  | "differential_flux_per_solid_angle"
  | "energy_flux_per_solid_angle"
  | "background_rate";

/**
 * The unit gammats keeps values of each physical type in (TeV, deg, cm2, s, sr, ...),
 * chosen so that products stay coherent (flux in cm-2 s-1 times area in cm2 times time
 * in s is a number of counts). Convert at the edges with {@link toInternal}.
 *
 * @example
 * ```ts
 * INTERNAL_UNITS.energy;             // "TeV"
 * INTERNAL_UNITS.differential_flux;  // "cm-2 s-1 TeV-1"
 * ```
 */
export const INTERNAL_UNITS: Readonly<Record<PhysicalType, string>> = Object.freeze({
  dimensionless: "",
  energy: "TeV",
  angle: "deg",
  solid_angle: "sr",
  time: "s",
  length: "cm",
  area: "cm2",
  frequency: "Hz",
  inverse_solid_angle: "sr-1",
  flux: "cm-2 s-1",
  differential_flux: "cm-2 s-1 TeV-1",
  energy_flux: "TeV cm-2 s-1",
  flux_per_solid_angle: "cm-2 s-1 sr-1",
  differential_flux_per_solid_angle: "cm-2 s-1 TeV-1 sr-1",
  energy_flux_per_solid_angle: "TeV cm-2 s-1 sr-1",
  background_rate: "s-1 TeV-1 sr-1",
});

/** Every physical type, in the order {@link physicalType} tries them. */
export const PHYSICAL_TYPES: readonly PhysicalType[] = Object.freeze(
  Object.keys(INTERNAL_UNITS) as PhysicalType[],
);

/** An example unit for each type, used in "write e.g. '3 TeV'" hints. */
export const EXAMPLE_UNITS: Readonly<Record<PhysicalType, string>> = Object.freeze({
  ...INTERNAL_UNITS,
  energy_flux: "erg cm-2 s-1",
  energy_flux_per_solid_angle: "erg cm-2 s-1 sr-1",
  background_rate: "s-1 MeV-1 sr-1",
});

let dimsByType: Map<PhysicalType, Dimensions> | undefined;

// Built lazily: parseUnit lives in another module and must be initialised first.
function typeDimensions(): Map<PhysicalType, Dimensions> {
  if (dimsByType === undefined) {
    dimsByType = new Map(PHYSICAL_TYPES.map((t) => [t, parseUnit(INTERNAL_UNITS[t]).dims]));
  }
  return dimsByType;
}

/**
 * True when `name` is one of the {@link PhysicalType} names.
 *
 * @param name - candidate name, e.g. "energy"
 */
export function isPhysicalType(name: string): name is PhysicalType {
  return Object.prototype.hasOwnProperty.call(INTERNAL_UNITS, name);
}

/**
 * The physical type of a unit, from its dimension vector.
 *
 * @param unit - a unit or unit string
 * @returns the type, or undefined when the unit is none of the listed types (e.g. "kg", "m s")
 * @throws UnitError when `unit` is a string that does not parse
 * @example
 * ```ts
 * physicalType(parseUnit("erg"));             // "energy"
 * physicalType("deg2");                       // "solid_angle"
 * physicalType("1 / (cm2 s TeV)");            // "differential_flux"
 * physicalType("m2 s");                       // undefined
 * ```
 */
export function physicalType(unit: Unit | string): PhysicalType | undefined {
  const dims = (typeof unit === "string" ? parseUnit(unit) : unit).dims;
  for (const [type, d] of typeDimensions()) if (dimensionsEqual(d, dims)) return type;
  return undefined;
}

/**
 * The dimension vector of a physical type.
 *
 * @param type - physical type name
 */
export function physicalTypeDimensions(type: PhysicalType): Dimensions {
  return typeDimensions().get(type)!;
}
