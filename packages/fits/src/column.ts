/**
 * Decoded table columns (one record per column, the values in one flat array) and their
 * conversion to Float64Array.
 */
import { FitsError } from "@gammats/core";
import type { ColumnInfo } from "./column-info.js";
import type { FitsWhere, NumericArray } from "./types.js";

/** Fields every decoded column has. */
interface ColumnBase {
  /** Column name (TTYPEn). */
  name: string;
  /** TUNITn, when set. */
  unit: string | undefined;
  /** [nrows, ...per-row dims] in C order; complex columns add a trailing 2 (re, im). */
  shape: number[];
  /** The header description (TFORM, TDIM, TSCAL, TZERO, TNULL, TDISP...). */
  info: ColumnInfo;
}

/**
 * A numeric column (B I J K E D): raw type, or the unsigned type for the TZERO
 * conventions (Uint16Array, Uint32Array, BigUint64Array; Int8Array for B with -128),
 * or Float64Array when TSCAL/TZERO scale the values (null values NaN).
 */
export interface NumberColumn extends ColumnBase {
  /** Discriminant. */
  kind: "number";
  /** Values, row after row. */
  data: NumericArray;
  /** 1 where the stored integer equals TNULLn (only when TNULLn is set and used). */
  nulls?: Uint8Array;
}

/** A character column (A): one string per element, trailing spaces and NULs removed. */
export interface StringColumn extends ColumnBase {
  /** Discriminant. */
  kind: "string";
  /** Strings, row after row. */
  data: string[];
}

/** A logical column (L): 1 for T, 0 for F and for undefined (byte 0, marked in `nulls`). */
export interface LogicalColumn extends ColumnBase {
  /** Discriminant. */
  kind: "logical";
  /** 1 (T) or 0 (F, undefined), row after row. */
  data: Uint8Array;
  /** 1 where the value is undefined (only when any is). */
  nulls?: Uint8Array;
}

/** A bit column (X): one 0/1 byte per bit, shape [nrows, nbits]. */
export interface BitColumn extends ColumnBase {
  /** Discriminant. */
  kind: "bits";
  /** 0/1 per bit, row after row. */
  data: Uint8Array;
}

/** A complex column (C, M): interleaved real and imaginary parts. */
export interface ComplexColumn extends ColumnBase {
  /** Discriminant. */
  kind: "complex";
  /** (re, im) pairs, row after row. */
  data: Float32Array | Float64Array;
}

/**
 * A variable-length array column (P, Q): one array per row (views into one buffer per
 * column are not possible because rows may overlap in the heap), a string per row for PA.
 */
export interface VarLenColumn extends ColumnBase {
  /** Discriminant. */
  kind: "varlen";
  /** One array (a string for PA) per row. */
  data: Array<NumericArray | string>;
}

/** Any decoded column; switch on `kind`. */
export type TableColumn = NumberColumn | StringColumn | LogicalColumn | BitColumn | ComplexColumn | VarLenColumn;

/** A numeric column as doubles. */
export interface Float64Column {
  /** Column name. */
  name: string;
  /** Values (scaled; TNULL values NaN). */
  data: Float64Array;
  /** [nrows, ...per-row dims]. */
  shape: number[];
  /** TUNITn, when set. */
  unit: string | undefined;
}

/**
 * Converts a numeric (or logical or bit) column to doubles: 64-bit integers to the nearest
 * double, TNULL values to NaN. Float64Array data are returned as they are (no copy).
 *
 * @param column - a decoded column
 * @param where - file and HDU for the error message
 * @throws FitsError for string, complex and variable-length columns
 * @example
 * ```ts
 * const e = columnToFloat64(hdu.readColumn("ENERGY"));   // { data: Float64Array, shape: [11243], unit: "TeV" }
 * ```
 */
export function columnToFloat64(column: TableColumn, where: FitsWhere = {}): Float64Column {
  if (column.kind === "string" || column.kind === "complex" || column.kind === "varlen") {
    throw new FitsError(`column ${column.name} (TFORM ${column.info.format}) is ${column.kind}, not numeric`, {
      ...where,
      key: column.name,
    });
  }
  const src = column.data;
  let data: Float64Array;
  if (src instanceof Float64Array) {
    data = src;
  } else {
    data = new Float64Array(src.length);
    if (src instanceof BigInt64Array || src instanceof BigUint64Array) {
      for (let i = 0; i < src.length; i++) data[i] = Number(src[i]);
    } else {
      data.set(src);
    }
  }
  const nulls = column.kind === "number" || column.kind === "logical" ? column.nulls : undefined;
  if (nulls && data !== src) for (let i = 0; i < data.length; i++) if (nulls[i]) data[i] = NaN;
  return { name: column.name, data, shape: column.shape, unit: column.unit };
}
