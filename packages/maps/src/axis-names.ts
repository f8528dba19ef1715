/**
 * The axis names gammats and Gammapy agree on, and the GADF DL3 column prefixes that
 * store them in IRF files.
 */
import type { InterpScale } from "./interpolation-scale.js";

/**
 * Standard axis names: reconstructed and true energy, energy migration, field-of-view
 * offset, offset from the source (PSF), field-of-view longitude/latitude, and time.
 */
export type StandardAxisName =
  | "energy"
  | "energy_true"
  | "migra"
  | "offset"
  | "rad"
  | "fov_lon"
  | "fov_lat"
  | "time";

/** Every standard axis name, in the order of {@link StandardAxisName}. */
export const STANDARD_AXIS_NAMES: readonly StandardAxisName[] = Object.freeze([
  "energy",
  "energy_true",
  "migra",
  "offset",
  "rad",
  "fov_lon",
  "fov_lat",
  "time",
]);

/**
 * True when `name` is one of {@link STANDARD_AXIS_NAMES}.
 *
 * @param name - axis name
 * @example
 * ```ts
 * isStandardAxisName("energy_true"); // true
 * isStandardAxisName("Energy");      // false (names are lower case)
 * ```
 */
export function isStandardAxisName(name: string): name is StandardAxisName {
  return (STANDARD_AXIS_NAMES as readonly string[]).includes(name);
}

/** Axis name and interpolation scale that a GADF DL3 column prefix stands for. */
export interface Dl3AxisSpec {
  /** Axis name. */
  readonly name: StandardAxisName;
  /** Interpolation scale of the axis. */
  readonly interp: InterpScale;
}

/**
 * GADF DL3 IRF column prefixes (`<PREFIX>_LO`, `<PREFIX>_HI`) and the axes they hold.
 * "ENERG" is true energy except in background and RAD_MAX tables (see
 * {@link dl3AxisSpec}).
 *
 * @example
 * ```ts
 * DL3_AXIS_COLUMNS.THETA; // { name: "offset", interp: "lin" }
 * ```
 */
export const DL3_AXIS_COLUMNS: Readonly<Record<string, Dl3AxisSpec>> = Object.freeze({
  THETA: { name: "offset", interp: "lin" },
  ENERG: { name: "energy_true", interp: "log" },
  ETRUE: { name: "energy_true", interp: "log" },
  RAD: { name: "rad", interp: "lin" },
  DETX: { name: "fov_lon", interp: "lin" },
  DETY: { name: "fov_lat", interp: "lin" },
  MIGRA: { name: "migra", interp: "lin" },
});

/**
 * Axis name and scale of a DL3 column prefix in an HDU of the given HDUCLAS2.
 * Background ("BKG") and "RAD_MAX" tables bin ENERG in reconstructed energy.
 *
 * @param prefix - column prefix, e.g. "ENERG", "THETA"
 * @param hduClass2 - the table's HDUCLAS2 keyword, e.g. "EFF_AREA", "BKG"
 * @returns the axis spec, or undefined for an unknown prefix
 * @example
 * ```ts
 * dl3AxisSpec("ENERG", "BKG"); // { name: "energy", interp: "log" }
 * ```
 */
export function dl3AxisSpec(prefix: string, hduClass2?: string): Dl3AxisSpec | undefined {
  const spec = DL3_AXIS_COLUMNS[prefix];
  if (spec === undefined) return undefined;
  if (prefix === "ENERG" && (hduClass2 === "BKG" || hduClass2 === "RAD_MAX")) {
    return { name: "energy", interp: spec.interp };
  }
  return spec;
}

/**
 * The DL3 column prefix that stores an axis of the given name ("energy" and
 * "energy_true" both use "ENERG").
 *
 * @param name - axis name
 * @returns the prefix, or undefined when GADF DL3 has no column for it
 * @example
 * ```ts
 * dl3ColumnPrefix("fov_lat"); // "DETY"
 * ```
 */
export function dl3ColumnPrefix(name: string): string | undefined {
  if (name === "energy" || name === "energy_true") return "ENERG";
  for (const [prefix, spec] of Object.entries(DL3_AXIS_COLUMNS)) {
    if (spec.name === name) return prefix;
  }
  return undefined;
}
