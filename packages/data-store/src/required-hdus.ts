/**
 * Which HDUs an observation must have to be used (`required_irf`), with Gammapy's
 * shortcut names.
 */
import { DataError } from "@gammats/core";
import { HDU_TYPES } from "./hdu-index.js";
import type { HduType } from "./hdu-index.js";

/** Gammapy's shortcut names for sets of required IRFs. */
export const REQUIRED_IRF_SHORTCUTS: Readonly<Record<string, readonly HduType[]>> = {
  "full-enclosure": ["aeff", "edisp", "psf", "bkg"],
  "point-like": ["aeff", "edisp"],
  "all-optional": [],
};

/** A `required_irf` value: a shortcut name or a list of HDU types. */
export type RequiredIrf = string | readonly string[];

/**
 * The HDU types an observation must have: events and GTI always, plus the requested ones.
 *
 * Gammapy 1.0 means the same but, through two slips, never requires the events HDU and
 * rejects "events"/"gti" in the list (so a config listing them selects nothing there);
 * here they are accepted and required.
 *
 * @param requiredIrf - "full-enclosure", "point-like", "all-optional", or a list of
 *   "events", "gti", "aeff", "edisp", "psf", "bkg", "rad_max"
 * @returns the required HDU types, in GADF order
 * @throws DataError naming the unknown value and listing the valid ones
 * @example
 * ```ts
 * requiredHdus("point-like");        // ["events", "gti", "aeff", "edisp"]
 * requiredHdus(["psf", "bkg"]);       // ["events", "gti", "psf", "bkg"]
 * ```
 */
export function requiredHdus(requiredIrf: RequiredIrf): HduType[] {
  let list: readonly string[];
  if (typeof requiredIrf === "string") {
    const shortcut = REQUIRED_IRF_SHORTCUTS[requiredIrf];
    if (shortcut === undefined) {
      throw new DataError(`unknown required_irf shortcut '${requiredIrf}'`, {
        hint: `use one of ${Object.keys(REQUIRED_IRF_SHORTCUTS).join(", ")}, or a list of ${HDU_TYPES.join(", ")}`,
      });
    }
    list = shortcut;
  } else {
    list = requiredIrf;
  }
  const bad = list.filter((t) => !(HDU_TYPES as readonly string[]).includes(t));
  if (bad.length > 0) {
    throw new DataError(`unknown required_irf value${bad.length > 1 ? "s" : ""} ${bad.map((b) => `'${b}'`).join(", ")}`, {
      hint: `valid values are ${HDU_TYPES.join(", ")}`,
    });
  }
  const wanted = new Set<string>(["events", "gti", ...list]);
  return HDU_TYPES.filter((t) => wanted.has(t));
}
