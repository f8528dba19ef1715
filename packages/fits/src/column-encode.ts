/**
 * Preparation of one column for writing: TFORM/TDIM/TZERO from the data, and the column's
 * big-endian bytes for all rows (plus heap bytes for variable-length columns).
 */
import { FitsError } from "@gammats/core";
import { codeStorage } from "./column-read.js";
import type { ColumnInput } from "./hdu-spec.js";
import { conventionZero, encodeNumbers } from "./numeric-encode.js";
import type { StorageType } from "./numeric-decode.js";
import { TFORM_BYTES } from "./tform.js";
import type { TformCode } from "./tform.js";
import type { NumericArray } from "./types.js";

/** A column ready to be placed in the rows. */
export interface PreparedColumn {
  name: string;
  nrows: number;
  /** TFORMn. */
  tform: string;
  /** Bytes per row. */
  width: number;
  /** TDIMn, when the per-row value has 2+ dimensions, is a one-element vector, or a string array. */
  tdim?: string;
  unit?: string;
  disp?: string;
  tnull?: number | bigint;
  tscal?: number;
  tzero?: number | bigint;
  /** The field bytes of all rows (nrows * width), given the heap offset of this column's heap. */
  fieldBytes(heapBase: number): Uint8Array;
  /** Heap bytes of a variable-length column (empty otherwise). */
  heap: Uint8Array;
}

const NATURAL: Record<StorageType, TformCode> = {
  uint8: "B",
  int16: "I",
  int32: "J",
  int64: "K",
  float32: "E",
  float64: "D",
};

function isNumericArray(x: unknown): x is NumericArray {
  return ArrayBuffer.isView(x) && !(x instanceof DataView);
}

function fail(col: string, message: string): FitsError {
  return new FitsError(`column ${col}: ${message}`, { key: col });
}

/** Latin-1 bytes of a string, checking it is ASCII. */
function asciiBytes(col: string, s: string): Buffer {
  if (/[^\x00-\x7e]/.test(s)) throw fail(col, `string ${JSON.stringify(s)} is not ASCII`);
  return Buffer.from(s, "latin1");
}

/** Numeric codes of a typed array: natural TFORM code, storage and convention offset. */
function numericCode(data: NumericArray): { code: TformCode; type: StorageType; zero?: number | bigint } {
  const c = conventionZero(data);
  return c.zero === undefined ? { code: NATURAL[c.type], type: c.type } : { code: NATURAL[c.type], type: c.type, zero: c.zero };
}

function prod(dims: readonly number[]): number {
  return dims.reduce((a, b) => a * b, 1);
}

function tdimOf(dims: readonly number[]): string {
  return `(${dims.slice().reverse().join(",")})`;
}

/**
 * Prepares one column for writing.
 *
 * @param input - the column description
 * @throws FitsError naming the column when data, shape and format disagree
 * @example
 * ```ts
 * prepareColumn({ name: "EFFAREA", data: area, shape: [1, 6, 96], format: "E", unit: "m2" }).tdim;   // "(96,6)"
 * ```
 */
export function prepareColumn(input: ColumnInput): PreparedColumn {
  const name = input.name;
  const data = input.data;
  const fm = input.format === undefined ? null : /^\s*(\d*)([LXBIJKAEDCMPQ])([LXBIJKAEDCM]?)\s*$/i.exec(input.format);
  if (input.format !== undefined && fm === null) throw fail(name, `format '${input.format}' is not a TFORM code`);
  const fRepeat = fm && fm[1] !== "" ? Number(fm[1]) : undefined;
  let code = fm ? (fm[2].toUpperCase() as TformCode) : undefined;
  const base = { name, unit: input.unit, disp: input.disp };
  const shape = input.shape;
  const check = (nrows: number, dims: number[], elements: number, perElement = 1) => {
    if (!dims.every((d) => Number.isSafeInteger(d) && d >= 0) || !Number.isSafeInteger(nrows) || nrows < 0) {
      throw fail(name, `shape [${[nrows, ...dims].join(", ")}] must hold non-negative integers (${elements} values)`);
    }
    if (nrows * prod(dims) * perElement !== elements) {
      throw fail(name, `shape [${[nrows, ...dims].join(", ")}] does not match the ${elements} values`);
    }
  };

  // Variable-length arrays: one array (or string) per row.
  const isVarLen =
    code === "P" || code === "Q" || (!isNumericArray(data) && data.length > 0 && typeof data[0] !== "string" && typeof data[0] !== "boolean");
  if (isVarLen) return prepareVarLen(input, fm ? fm[3].toUpperCase() : "");

  if (isNumericArray(data) && code !== "A" && code !== "L" && code !== "X" && code !== "C" && code !== "M") {
    const natural = numericCode(data);
    const c = code ?? natural.code;
    const type = codeStorage(c) as StorageType;
    const nrows = shape ? shape[0] : data.length;
    const dims = shape ? shape.slice(1) : [];
    check(nrows, dims, data.length);
    const flip = natural.zero !== undefined && c === natural.code;
    if (flip && (input.zero !== undefined || input.scale !== undefined)) {
      throw fail(name, "unsigned (or Int8Array) data carry their own TZERO; give signed data with scale/zero");
    }
    const repeat = prod(dims);
    const out: PreparedColumn = {
      ...base,
      nrows,
      tform: `${repeat}${c}`,
      width: repeat * TFORM_BYTES[c],
      fieldBytes: () => encodeNumbers(data, type, flip, name),
      heap: new Uint8Array(0),
    };
    // A one-element vector per row ([nrows, 1]) keeps its shape only through TDIM (astropy
    // writes "(1)" too; without it readers see a scalar column).
    if (dims.length >= 2 || (dims.length === 1 && dims[0] === 1)) out.tdim = tdimOf(dims);
    if (flip) out.tzero = natural.zero;
    if (input.scale !== undefined) out.tscal = input.scale;
    if (input.zero !== undefined) out.tzero = input.zero;
    if (input.nullValue !== undefined) out.tnull = input.nullValue;
    return out;
  }

  if (code === "C" || code === "M") {
    if (!(data instanceof Float32Array || data instanceof Float64Array)) throw fail(name, "complex data must be a Float32Array or Float64Array of (re, im) pairs");
    const nrows = shape ? shape[0] : data.length / 2;
    const dims = shape ? shape.slice(1, -1) : [];
    if (shape && shape[shape.length - 1] !== 2) throw fail(name, "complex shape must end in 2 (re, im)");
    check(nrows, dims, data.length, 2);
    const repeat = prod(dims);
    const out: PreparedColumn = {
      ...base,
      nrows,
      tform: `${repeat}${code}`,
      width: repeat * TFORM_BYTES[code],
      fieldBytes: () => encodeNumbers(data, code === "C" ? "float32" : "float64", false, name),
      heap: new Uint8Array(0),
    };
    if (dims.length >= 2) out.tdim = tdimOf(dims);
    return out;
  }

  if (code === "X") {
    if (!isNumericArray(data)) throw fail(name, "bit (X) data must be a typed array of 0/1");
    const nbits = shape ? prod(shape.slice(1)) : (fRepeat ?? 1);
    const nrows = shape ? shape[0] : nbits === 0 ? 0 : data.length / nbits;
    check(nrows, [nbits], data.length);
    const width = Math.ceil(nbits / 8);
    const bits = data as ArrayLike<number | bigint>;
    return {
      ...base,
      nrows,
      tform: `${nbits}X`,
      width,
      fieldBytes: () => {
        const out = new Uint8Array(nrows * width);
        for (let r = 0, k = 0; r < nrows; r++) {
          for (let j = 0; j < nbits; j++, k++) if (bits[k]) out[r * width + (j >> 3)] |= 0x80 >> (j & 7);
        }
        return out;
      },
      heap: new Uint8Array(0),
    };
  }

  if (code === "L" || (code === undefined && !isNumericArray(data) && data.length > 0 && typeof data[0] === "boolean")) {
    const values = data as ArrayLike<unknown>;
    const nrows = shape ? shape[0] : values.length;
    const dims = shape ? shape.slice(1) : [];
    check(nrows, dims, values.length);
    const repeat = prod(dims);
    const out: PreparedColumn = {
      ...base,
      nrows,
      tform: `${repeat}L`,
      width: repeat,
      fieldBytes: () => {
        const b = new Uint8Array(values.length);
        for (let i = 0; i < values.length; i++) b[i] = values[i] ? 84 : 70;
        return b;
      },
      heap: new Uint8Array(0),
    };
    if (dims.length >= 2) out.tdim = tdimOf(dims);
    return out;
  }

  // Strings.
  if (isNumericArray(data) || (data.length > 0 && typeof data[0] !== "string")) {
    throw fail(name, `data do not fit format '${input.format ?? "A"}'`);
  }
  const strings = data as readonly string[];
  const encoded = strings.map((s) => {
    if (typeof s !== "string") throw fail(name, "mixed strings and non-strings");
    return asciiBytes(name, s);
  });
  const longest = encoded.reduce((m, b) => Math.max(m, b.length), 0);
  const strWidth = fRepeat ?? Math.max(1, longest);
  if (longest > strWidth) throw fail(name, `a string of ${longest} characters does not fit format '${input.format}'`);
  const nrows = shape ? shape[0] : strings.length;
  const dims = shape ? shape.slice(1) : [];
  check(nrows, dims, strings.length);
  const count = prod(dims);
  const out: PreparedColumn = {
    ...base,
    nrows,
    tform: `${strWidth * count}A`,
    width: strWidth * count,
    fieldBytes: () => {
      // NUL padding, as astropy writes: readers that keep trailing spaces (numpy) get clean strings.
      const b = new Uint8Array(strings.length * strWidth);
      for (let i = 0; i < encoded.length; i++) b.set(encoded[i], i * strWidth);
      return b;
    },
    heap: new Uint8Array(0),
  };
  if (dims.length >= 1) out.tdim = tdimOf([...dims, strWidth]);
  return out;
}

/** Variable-length column: descriptors (count, offset) as 32-bit P, elements on the heap. */
function prepareVarLen(input: ColumnInput, forced: string): PreparedColumn {
  const name = input.name;
  const rows = input.data as readonly (NumericArray | string)[];
  const nrows = rows.length;
  let elementCode: TformCode | undefined = forced === "" ? undefined : (forced as TformCode);
  let zero: number | bigint | undefined;
  const first = rows.find((r) => r !== undefined);
  if (elementCode === undefined) {
    if (typeof first === "string" || first === undefined) elementCode = "A";
    else {
      const nc = numericCode(first);
      elementCode = nc.code;
      zero = nc.zero;
    }
  } else if (first !== undefined && typeof first !== "string" && isNumericArray(first)) {
    const nc = numericCode(first);
    if (nc.code === elementCode) zero = nc.zero;
  }
  const parts: Uint8Array[] = [];
  const counts = new Int32Array(nrows);
  const offsets = new Float64Array(nrows);
  let heapSize = 0;
  let max = 0;
  for (let r = 0; r < nrows; r++) {
    const row = rows[r];
    let bytes: Uint8Array;
    if (elementCode === "A") {
      if (typeof row !== "string") throw fail(name, `row ${r} is not a string`);
      bytes = asciiBytes(name, row);
      counts[r] = bytes.length;
    } else if (elementCode === "L") {
      if (!isNumericArray(row)) throw fail(name, `row ${r} is not a typed array`);
      bytes = new Uint8Array(row.length);
      for (let i = 0; i < row.length; i++) bytes[i] = row[i] ? 84 : 70;
      counts[r] = row.length;
    } else {
      const type = codeStorage(elementCode);
      if (type === undefined || elementCode === "C" || elementCode === "M") throw fail(name, `variable-length '${elementCode}' arrays are not written`);
      if (!isNumericArray(row)) throw fail(name, `row ${r} is not a typed array`);
      const nc = numericCode(row);
      bytes = encodeNumbers(row, type, zero !== undefined && nc.zero !== undefined && nc.code === elementCode, name);
      counts[r] = row.length;
    }
    offsets[r] = heapSize;
    heapSize += bytes.length;
    max = Math.max(max, counts[r]);
    parts.push(bytes);
  }
  if (heapSize > 0x7fffffff) throw fail(name, "heap larger than 2 GiB; write a Q column instead");
  const heap = new Uint8Array(heapSize);
  for (let r = 0; r < nrows; r++) heap.set(parts[r], offsets[r]);
  const out: PreparedColumn = {
    name,
    nrows,
    unit: input.unit,
    disp: input.disp,
    tform: `1P${elementCode}(${max})`,
    width: 8,
    fieldBytes: (heapBase: number) => {
      const b = new Uint8Array(nrows * 8);
      const dv = new DataView(b.buffer);
      for (let r = 0; r < nrows; r++) {
        dv.setInt32(r * 8, counts[r]);
        dv.setInt32(r * 8 + 4, heapBase + offsets[r]);
      }
      return b;
    },
    heap,
  };
  if (zero !== undefined) out.tzero = zero;
  return out;
}
