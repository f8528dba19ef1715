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

/**
 * Reads one IRF HDU of an observation.
 *
 * @param hdu - the HDU the index points to
 * @param location - its index row (for messages)
 * @param obsId - observation id (for messages)
 * @param logger - receives the reader's warnings
 * @returns the IRF object (`EffectiveAreaTable2D`, `Background3D`, ...)
 * @throws DataError naming the observation, HDU type, HDU_CLASS and file when it cannot be read
 */
export function loadIrf(hdu: Hdu, location: HduLocation, obsId: number, logger?: Logger): Irf {
  try {
    return readIrfHdu(hdu, logger ? { file: location.path, logger } : { file: location.path });
  } catch (e) {
    if (!(e instanceof GammatsError)) throw e;
    throw new DataError(
      `observation ${obsId}: cannot read the ${location.hduType} IRF (HDU_CLASS ${location.hduClass}, HDU '${location.hduName}'): ${e.message}`,
      { hint: "check the IRF HDU against the GADF format, or leave this IRF out with required_irf", cause: e },
    );
  }
}
