/**
 * Decoding an observation's IRF HDU with the class its HDUCLAS* keywords name, via
 * `@gammats/irf`'s `readIrfHdu`, with errors that name the observation and the index row.
 */
import { DataError, GammatsError } from "@gammats/core";
import type { Logger } from "@gammats/core";
import type { Hdu } from "@gammats/fits";
import { readIrfHdu } from "@gammats/irf";
import type { Irf } from "@gammats/irf";
import type { HduLocation } from "./hdu-index.js";

export type { Irf };

/** IRFs decoded so far, by HDU (entries go with their file). */
const decoded = new WeakMap<Hdu, Irf>();

/**
 * Reads one IRF HDU of an observation (once per HDU object).
 *
 * @param hdu - the HDU the index points to
 * @param location - its index row (for messages)
 * @param obsId - observation id (for messages)
 * @param logger - receives the reader's warnings
 * @returns the IRF object (`EffectiveAreaTable2D`, `Background3D`, ...)
 * @throws DataError naming the observation, HDU type, HDU_CLASS and file when it cannot be read
 */
export function loadIrf(hdu: Hdu, location: HduLocation, obsId: number, logger?: Logger): Irf {
  // One IRF object per decoded HDU: observations that share an IRF file (CTA 1DC's
  // irf_file.fits, through the data store's file cache) share the IRF and its
  // interpolators, instead of decoding the same table once per run. IRFs are values:
  // nothing modifies one after construction.
  const cached = decoded.get(hdu);
  if (cached !== undefined) return cached;
  try {
    const irf = readIrfHdu(hdu, logger ? { file: location.path, logger } : { file: location.path });
    decoded.set(hdu, irf);
    return irf;
  } catch (e) {
    if (!(e instanceof GammatsError)) throw e;
    throw new DataError(
      `observation ${obsId}: cannot read the ${location.hduType} IRF (HDU_CLASS ${location.hduClass}, HDU '${location.hduName}'): ${e.message}`,
      { hint: "check the IRF HDU against the GADF format, or leave this IRF out with required_irf", cause: e },
    );
  }
}
