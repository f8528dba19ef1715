/**
 * The structural keywords of an HDU (SIMPLE/XTENSION, BITPIX, NAXISn, PCOUNT, GCOUNT),
 * validated, and the size of the data they declare.
 */
import { FitsError } from "@gammats/core";
import type { FitsHeader } from "./header.js";
import type { HduType, FitsWhere } from "./types.js";

/** What the mandatory keywords say about an HDU's data. */
export interface HduLayout {
  /** Kind of HDU. */
  type: HduType;
  /** XTENSION value ("" for the primary HDU). */
  xtension: string;
  /** BITPIX. */
  bitpix: number;
  /** NAXIS1..NAXISn in FITS order (NAXIS1 first, the fastest axis). */
  axes: number[];
  /** PCOUNT (heap size for binary tables) [bytes or elements]. */
  pcount: number;
  /** GCOUNT. */
  gcount: number;
  /** True for the random-groups primary format (GROUPS = T, NAXIS1 = 0). */
  groups: boolean;
  /** Data size without padding [bytes]. */
  dataSize: number;
}

const BITPIXES = new Set([8, 16, 32, 64, -32, -64]);

/** Reads a structural integer keyword, validating range. */
function structuralInt(header: FitsHeader, key: string, min: number, max: number, where: FitsWhere): number {
  const card = header.card(key);
  if (card === undefined) {
    throw new FitsError(`missing mandatory keyword ${key}`, { ...where, key }, {
      hint: "the header is incomplete or corrupted",
    });
  }
  const v = card.value;
  if (typeof v !== "number" || !Number.isInteger(v) || v < min || v > max) {
    const shown = typeof v === "string" ? `'${v}'` : String(v);
    throw new FitsError(`keyword ${key} must be an integer in [${min}, ${max}], found ${shown}`, { ...where, key });
  }
  return v;
}

/**
 * Validates the mandatory keywords of an HDU and computes its data size.
 *
 * @param header - the parsed header
 * @param primary - true for the first HDU of the file
 * @param where - file and HDU for error messages
 * @throws FitsError naming the keyword when a mandatory keyword is missing, out of range
 *   or the first card is neither SIMPLE (primary) nor XTENSION (extension)
 * @example
 * ```ts
 * hduLayout(header, true, { file });   // { type: "image", bitpix: 8, axes: [], dataSize: 0, ... }
 * ```
 */
export function hduLayout(header: FitsHeader, primary: boolean, where: FitsWhere): HduLayout {
  const first = header.cards[0];
  let xtension = "";
  if (primary) {
    if (first?.key !== "SIMPLE") {
      throw new FitsError("not a FITS file: the first card is not SIMPLE", { ...where, offset: 0 }, {
        hint: "FITS files start with 'SIMPLE  =                    T'",
      });
    }
  } else {
    if (first?.key !== "XTENSION" || typeof first.value !== "string") {
      throw new FitsError("extension header does not start with XTENSION", { ...where, key: "XTENSION" });
    }
    xtension = first.value.trim().toUpperCase();
  }
  const bitpix = structuralInt(header, "BITPIX", -64, 64, where);
  if (!BITPIXES.has(bitpix)) {
    throw new FitsError(`BITPIX must be one of 8, 16, 32, 64, -32, -64, found ${bitpix}`, { ...where, key: "BITPIX" });
  }
  const naxis = structuralInt(header, "NAXIS", 0, 999, where);
  const axes: number[] = [];
  for (let i = 1; i <= naxis; i++) axes.push(structuralInt(header, `NAXIS${i}`, 0, Number.MAX_SAFE_INTEGER, where));
  const groups = primary && naxis > 0 && axes[0] === 0 && header.get("GROUPS") === true;
  const pcount = header.has("PCOUNT") || !primary
    ? structuralInt(header, "PCOUNT", 0, Number.MAX_SAFE_INTEGER, where)
    : 0;
  const gcount = header.has("GCOUNT") || !primary
    ? structuralInt(header, "GCOUNT", 0, Number.MAX_SAFE_INTEGER, where)
    : 1;

  let type: HduType;
  if (primary || xtension === "IMAGE") type = "image";
  else if (xtension === "BINTABLE" || xtension === "A3DTABLE") type = "bintable";
  else if (xtension === "TABLE") type = "table";
  else type = "other";
  if ((type === "bintable" || type === "table") && (bitpix !== 8 || naxis !== 2)) {
    throw new FitsError(`a ${xtension} extension needs BITPIX = 8 and NAXIS = 2, found ${bitpix} and ${naxis}`, where);
  }

  let elements = 0;
  if (naxis > 0) {
    elements = 1;
    for (let i = groups ? 1 : 0; i < naxis; i++) elements *= axes[i];
  }
  const dataSize = (Math.abs(bitpix) / 8) * gcount * (pcount + elements);
  if (!Number.isSafeInteger(dataSize)) {
    throw new FitsError(`declared data size overflows (NAXISn = ${axes.join(" x ")})`, { ...where, key: "NAXIS" });
  }
  return { type, xtension, bitpix, axes, pcount, gcount, groups, dataSize };
}
