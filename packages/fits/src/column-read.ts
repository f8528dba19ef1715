/**
 * Decoding of one binary-table column over all rows, without touching the other columns.
 */
import { FitsError } from "@gammats/core";
import { readBigEndian } from "./byte-order.js";
import type { ColumnInfo } from "./column-info.js";
import { bufferView, decodeBits, decodeLogicals, decodeStrings } from "./column-text.js";
import { readVarLenColumn } from "./column-varlen.js";
import type { TableColumn } from "./column.js";
import { decodeNumbers } from "./numeric-decode.js";
import { STORAGE_BYTES } from "./numeric-decode.js";
import type { StorageType } from "./numeric-decode.js";
import type { TformCode } from "./tform.js";
import type { FitsWhere } from "./types.js";

/** Where a binary table's rows and heap are in the file. */
export interface TableLayout {
  /** Byte offset of row 0. */
  dataOffset: number;
  /** NAXIS1 [bytes]. */
  rowBytes: number;
  /** NAXIS2. */
  nrows: number;
  /** Byte offset of the heap (data offset + THEAP). */
  heapOffset: number;
  /** Heap size from `heapOffset` to the end of the data [bytes]. */
  heapSize: number;
}

/** Storage type of numeric TFORM codes. */
export function codeStorage(code: TformCode): StorageType | undefined {
  switch (code) {
    case "B":
      return "uint8";
    case "I":
      return "int16";
    case "J":
      return "int32";
    case "K":
      return "int64";
    case "E":
    case "C":
      return "float32";
    case "D":
    case "M":
      return "float64";
    default:
      return undefined;
  }
}

/** Most values one column may decode to (JavaScript arrays hold at most 2^32 - 1). */
export const MAX_COLUMN_VALUES = 2 ** 31 - 1;

/**
 * Refuses to decode more values than an array can hold: a zero-width field in a table
 * with an absurd NAXIS2 declares no bytes, so the data-size check cannot catch it.
 *
 * @param total - values to decode
 * @param info - the column
 * @param where - file and HDU
 * @throws FitsError when `total` exceeds {@link MAX_COLUMN_VALUES}
 */
export function checkValueCount(total: number, info: ColumnInfo, where: FitsWhere): void {
  if (total > MAX_COLUMN_VALUES) {
    throw new FitsError(`column ${info.name} would decode to ${total} values; NAXIS2 or TFORM is corrupt`, {
      ...where,
      key: info.name,
    });
  }
}

/** Options of column reading. */
export interface ReadColumnOptions {
  /** Return stored integers, ignoring TSCAL, TZERO and TNULL (default false). */
  raw?: boolean;
}

/**
 * Decodes one column of a binary table.
 *
 * @param bytes - the whole file
 * @param table - row and heap layout
 * @param info - the column descriptor
 * @param where - file and HDU for error messages
 * @param options - see {@link ReadColumnOptions}
 * @throws FitsError when a variable-length descriptor points outside the heap
 * @example
 * ```ts
 * const col = readBinColumn(bytes, layout, info, where);
 * col.kind === "number" && col.data;   // Float32Array for TFORM 1E
 * ```
 */
export function readBinColumn(
  bytes: Uint8Array,
  table: TableLayout,
  info: ColumnInfo,
  where: FitsWhere,
  options: ReadColumnOptions = {},
): TableColumn {
  const { rowBytes, nrows } = table;
  const start = table.dataOffset + info.offset;
  const base = { name: info.name, unit: info.unit, info };
  checkValueCount(nrows * Math.max(1, info.dims.reduce((a, b) => a * b, 1)), info, where);
  switch (info.code) {
    case "P":
    case "Q":
      return { ...base, kind: "varlen", shape: [nrows], data: readVarLenColumn(bytes, table, info, where, options) };
    case "A": {
      const count = info.dims.reduce((a, b) => a * b, 1);
      const data = decodeStrings(bufferView(bytes), start, rowBytes, nrows, count, info.stringWidth);
      return { ...base, kind: "string", shape: [nrows, ...info.dims], data };
    }
    case "L":
      return { ...base, kind: "logical", shape: [nrows, ...info.dims], ...decodeLogicals(bytes, start, rowBytes, nrows, info.repeat) };
    case "X":
      return { ...base, kind: "bits", shape: [nrows, info.repeat], data: decodeBits(bytes, start, rowBytes, nrows, info.repeat) };
    case "C":
    case "M": {
      const type = codeStorage(info.code) as StorageType;
      const size = STORAGE_BYTES[type];
      const buf = readBigEndian(bytes, start, rowBytes, nrows, info.width / size, size);
      const data = decodeNumbers(buf, type, 1, 0).data as Float32Array | Float64Array;
      return { ...base, kind: "complex", shape: [nrows, ...info.dims, 2], data };
    }
    default: {
      const type = codeStorage(info.code) as StorageType;
      const buf = readBigEndian(bytes, start, rowBytes, nrows, info.repeat, STORAGE_BYTES[type]);
      const decoded = options.raw
        ? decodeNumbers(buf, type, 1, 0)
        : decodeNumbers(buf, type, info.scale, info.zero, info.nullValue);
      return { ...base, kind: "number", shape: [nrows, ...info.dims], ...decoded };
    }
  }
}
