/**
 * Variable-length array columns (TFORM rPt / rQt): per-row (count, offset) descriptors
 * pointing into the heap that follows the rows.
 */
import { FitsError } from "@gammats/core";
import { readBigEndian } from "./byte-order.js";
import type { ColumnInfo } from "./column-info.js";
import type { ReadColumnOptions, TableLayout } from "./column-read.js";
import { codeStorage } from "./column-read.js";
import { bufferView, decodeBits, decodeLogicals, decodeString } from "./column-text.js";
import { decodeNumbers } from "./numeric-decode.js";
import { STORAGE_BYTES } from "./numeric-decode.js";
import type { StorageType } from "./numeric-decode.js";
import { TFORM_BYTES } from "./tform.js";
import type { FitsWhere, NumericArray } from "./types.js";

/**
 * Decodes every row of a P or Q column.
 *
 * @param bytes - the whole file
 * @param table - row and heap layout
 * @param info - the column descriptor (code P or Q, `varCode` the element type)
 * @param where - file and HDU for error messages
 * @param options - see {@link ReadColumnOptions}
 * @returns one typed array per row (a string per row for PA)
 * @throws FitsError when a descriptor is negative or points outside the heap
 * @example
 * ```ts
 * readVarLenColumn(bytes, layout, info, where)[0];   // Float32Array of row 0 for 1PE(..)
 * ```
 */
export function readVarLenColumn(
  bytes: Uint8Array,
  table: TableLayout,
  info: ColumnInfo,
  where: FitsWhere,
  options: ReadColumnOptions = {},
): Array<NumericArray | string> {
  const { rowBytes, nrows, heapOffset, heapSize } = table;
  const code = info.varCode ?? "B";
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const buf = bufferView(bytes);
  const out = new Array<NumericArray | string>(nrows);
  const type = codeStorage(code) as StorageType | undefined;
  const elementBytes = TFORM_BYTES[code];
  for (let r = 0; r < nrows; r++) {
    const p = table.dataOffset + r * rowBytes + info.offset;
    if (info.repeat === 0) {
      out[r] = code === "A" ? "" : new Uint8Array(0);
      continue;
    }
    let count: number;
    let offset: number;
    if (info.code === "P") {
      count = dv.getInt32(p);
      offset = dv.getInt32(p + 4);
    } else {
      count = Number(dv.getBigInt64(p));
      offset = Number(dv.getBigInt64(p + 8));
    }
    const size = code === "X" ? Math.ceil(count / 8) : count * elementBytes;
    if (count < 0 || offset < 0 || offset + size > heapSize) {
      throw new FitsError(
        `variable-length descriptor of column ${info.name} row ${r} (count ${count}, heap offset ${offset}) ` +
          `points outside the heap of ${heapSize} bytes`,
        { ...where, key: info.name, offset: p },
        { hint: "the file is corrupted (PCOUNT or THEAP wrong, or a bad descriptor)" },
      );
    }
    const at = heapOffset + offset;
    switch (code) {
      case "A":
        out[r] = decodeString(buf, at, count);
        break;
      case "L":
        out[r] = decodeLogicals(bytes, at, count, 1, count).data;
        break;
      case "X":
        out[r] = decodeBits(bytes, at, size, 1, count);
        break;
      default: {
        const t = type as StorageType;
        const raw = readBigEndian(bytes, at, size, 1, size / STORAGE_BYTES[t], STORAGE_BYTES[t]);
        const complex = code === "C" || code === "M";
        out[r] =
          options.raw || complex
            ? decodeNumbers(raw, t, 1, 0).data
            : decodeNumbers(raw, t, info.scale, info.zero, info.nullValue).data;
      }
    }
  }
  return out;
}
