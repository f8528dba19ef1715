/**
 * Decoding of image data (primary HDU or IMAGE extension) into a C-order typed array.
 */
import { FitsError } from "@gammats/core";
import { readBigEndian } from "./byte-order.js";
import type { FitsHeader } from "./header.js";
import type { HduLayout } from "./hdu-layout.js";
import { decodeNumbers } from "./numeric-decode.js";
import type { StorageType } from "./numeric-decode.js";
import type { FitsWhere, NumericArray } from "./types.js";

/** A decoded image. */
export interface ImageData {
  /**
   * Pixel values in C order (last axis = NAXIS1 fastest). Float64Array when BSCALE/BZERO
   * scale the data or BLANK is set (blank pixels NaN); Uint16Array/Uint32Array/
   * BigUint64Array/Int8Array for the unsigned (signed-byte) conventions; else the BITPIX type.
   */
  data: NumericArray;
  /** Shape [NAXISn, ..., NAXIS1]; [] when the HDU has no data. */
  shape: number[];
  /** BITPIX of the stored data. */
  bitpix: number;
  /** 1 where the stored value equals BLANK (only when BLANK is set and used). */
  nulls?: Uint8Array;
}

/** Options of image reading. */
export interface ReadImageOptions {
  /** Return stored values, ignoring BSCALE, BZERO and BLANK (default false). */
  raw?: boolean;
}

/** Storage type of a BITPIX value. */
export function bitpixType(bitpix: number): StorageType {
  switch (bitpix) {
    case 8:
      return "uint8";
    case 16:
      return "int16";
    case 32:
      return "int32";
    case 64:
      return "int64";
    case -32:
      return "float32";
    default:
      return "float64";
  }
}

/**
 * Decodes the data of an image HDU.
 *
 * @param bytes - the whole file
 * @param dataOffset - byte offset of the data
 * @param layout - the HDU's structural keywords
 * @param header - the header (BSCALE, BZERO, BLANK)
 * @param where - file and HDU for error messages
 * @param options - see {@link ReadImageOptions}
 * @throws FitsError for random-groups data, or non-numeric BSCALE/BZERO
 * @example
 * ```ts
 * const img = readImageData(bytes, 2880, layout, header, where);
 * img.shape;   // [NAXIS2, NAXIS1]
 * ```
 */
export function readImageData(
  bytes: Uint8Array,
  dataOffset: number,
  layout: HduLayout,
  header: FitsHeader,
  where: FitsWhere,
  options: ReadImageOptions = {},
): ImageData {
  if (layout.groups) {
    throw new FitsError("random-groups data are not supported", { ...where, key: "GROUPS" }, {
      hint: "convert the file to an image or a binary table",
    });
  }
  const type = bitpixType(layout.bitpix);
  const shape = layout.axes.slice().reverse();
  const count = layout.axes.length === 0 ? 0 : layout.axes.reduce((a, b) => a * b, 1);
  const size = Math.abs(layout.bitpix) / 8;
  const buf = readBigEndian(bytes, dataOffset, count * size, 1, count, size);
  if (options.raw) return { ...decodeNumbers(buf, type, 1, 0), shape, bitpix: layout.bitpix };
  const scale = header.getNumber("BSCALE", 1);
  const zeroValue = header.get("BZERO");
  const zero = typeof zeroValue === "bigint" ? zeroValue : header.getNumber("BZERO", 0);
  const blankValue = layout.bitpix > 0 ? header.get("BLANK") : undefined;
  const blank = typeof blankValue === "number" || typeof blankValue === "bigint" ? blankValue : undefined;
  const decoded = decodeNumbers(buf, type, scale, zero, blank, blank !== undefined);
  return { ...decoded, shape, bitpix: layout.bitpix };
}
