/**
 * GTI tables in dataset files, as Gammapy writes them: START, STOP [s] with MJDREFI,
 * MJDREFF and TIMESYS of the reference.
 */
import { timeRefFromHeader, timeRefToHeader } from "@gammats/core";
import { binTableHdu } from "@gammats/fits";
import type { BinTableHduSpec, Hdu } from "@gammats/fits";
import { createGti } from "./gti.js";
import type { Gti } from "./gti.js";

/**
 * Describes the GTI HDU of a dataset file.
 *
 * @param gti - the intervals
 * @returns the HDU description (EXTNAME "GTI")
 * @example
 * ```ts
 * writeFitsSync(path, [imageHdu(), gtiHdu(gti)]);
 * ```
 */
export function gtiHdu(gti: Gti): BinTableHduSpec {
  const ref = timeRefToHeader(gti.timeRef);
  return binTableHdu({
    name: "GTI",
    columns: [
      { name: "START", data: gti.start, unit: "s" },
      { name: "STOP", data: gti.stop, unit: "s" },
    ],
    // Gammapy reads the scale from TIMESYS in lower case ("tt").
    header: [
      ["MJDREFI", ref.MJDREFI],
      ["MJDREFF", ref.MJDREFF],
      ["TIMESYS", ref.TIMESYS.toLowerCase()],
      ["TIMEUNIT", "s"],
      ["TIMEREF", ref.TIMEREF],
    ],
  });
}

/**
 * Reads a GTI table (START, STOP; times in TIMEUNIT, seconds by default).
 *
 * @param hdu - the GTI HDU
 * @param file - path, for messages
 * @returns the intervals in seconds after the reference
 * @throws FitsError for missing columns; DataError for a bad reference
 */
export function gtiFromHdu(hdu: Hdu, file?: string): Gti {
  const timeRef = timeRefFromHeader(hdu.header, { source: `GTI HDU${file ? ` of ${file}` : ""}` });
  return createGti(hdu.readFloat64("START").data, hdu.readFloat64("STOP").data, timeRef);
}
