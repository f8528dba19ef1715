/**
 * Option parsing shared by the map estimators: optional steps and angles.
 */
import { ConfigError, toInternal } from "@gammats/core";

/** Optional steps of the map estimators (Gammapy's `selection_optional`). */
export type MapOptionalStep = "errn-errp" | "ul";

/** The optional steps of the map estimators, in Gammapy's order. */
export const MAP_OPTIONAL_STEPS: readonly MapOptionalStep[] = ["errn-errp", "ul"];

/**
 * The optional steps selected: "all" means both, undefined none.
 *
 * @param selection - "all", a list of steps, or undefined
 * @returns the steps
 * @throws ConfigError for an unknown step
 * @example
 * ```ts
 * resolveMapSelection("all");   // ["errn-errp", "ul"]
 * resolveMapSelection(["ul"]);  // ["ul"]
 * ```
 */
export function resolveMapSelection(selection: "all" | readonly string[] | undefined): MapOptionalStep[] {
  if (selection === undefined) return [];
  const list: readonly string[] = typeof selection === "string" ? [selection] : selection;
  if (list.includes("all")) return [...MAP_OPTIONAL_STEPS];
  for (const s of list) {
    if (!MAP_OPTIONAL_STEPS.includes(s as MapOptionalStep)) {
      throw new ConfigError(`'${s}' is not an optional step of the map estimators`, "selectionOptional", {
        hint: `use "all" or some of ${MAP_OPTIONAL_STEPS.join(", ")}`,
      });
    }
  }
  return MAP_OPTIONAL_STEPS.filter((s) => list.includes(s));
}

/**
 * An angle option in degrees.
 *
 * @param value - degrees, or a quantity string such as "0.1 deg"
 * @param key - option name for the error
 * @returns the angle [deg]
 * @throws ConfigError when not a positive finite angle
 */
export function angleOption(value: number | string, key: string): number {
  const deg = typeof value === "number" ? value : toInternal(value, "angle");
  if (!(deg > 0) || !Number.isFinite(deg)) {
    throw new ConfigError(`${key} must be a positive angle, got ${String(value)}`, key, { hint: "give degrees or e.g. '0.1 deg'" });
  }
  return deg;
}
