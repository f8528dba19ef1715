/**
 * Column descriptors of a binary table, read once from TTYPEn/TFORMn/TDIMn/... cards.
 */
import { FitsError } from "@gammats/core";
import type { FitsHeader } from "./header.js";
import { parseTform } from "./tform.js";
import type { TformCode } from "./tform.js";
import type { FitsWhere } from "./types.js";

/** What the header says about one binary-table column. */
export interface ColumnInfo {
  /** TTYPEn (trailing spaces removed); "" when absent. */
  name: string;
  /** 0-based field number (n - 1). */
  index: number;
  /** TFORMn as written. */
  format: string;
  /** Type code. */
  code: TformCode;
  /** Repeat count. */
  repeat: number;
  /** Bytes per row. */
  width: number;
  /** Byte offset of the field in a row. */
  offset: number;
  /** Shape of one row's value in C order (TDIM reversed; [] for scalars; string arrays exclude the width). */
  dims: number[];
  /** Characters per string for A columns (from TDIM's first axis or the rAw convention). */
  stringWidth: number;
  /** Element type of a variable-length (P/Q) column. */
  varCode?: Exclude<TformCode, "P" | "Q">;
  /** TUNITn. */
  unit?: string;
  /** TDISPn. */
  disp?: string;
  /** TSCALn (1 when absent). */
  scale: number;
  /** TZEROn (0 when absent); `bigint` for 9223372036854775808 (unsigned 64-bit). */
  zero: number | bigint;
  /** TNULLn, the integer that marks an undefined value. */
  nullValue?: number | bigint;
}

/** Parses a TDIM value "(a,b,c)" into FITS-order integers, or undefined when malformed. */
function parseTdim(text: string): number[] | undefined {
  const m = /^\s*\(\s*(\d+(?:\s*,\s*\d+)*)\s*\)\s*$/.exec(text);
  if (m === null) return undefined;
  const dims = m[1].split(",").map((s) => Number(s.trim()));
  return dims.every((d) => Number.isSafeInteger(d)) ? dims : undefined;
}

function optionalString(header: FitsHeader, key: string): string | undefined {
  const v = header.get(key);
  return typeof v === "string" && v !== "" ? v : undefined;
}

/**
 * Reads the column descriptors of a binary table and checks that the fields fit NAXIS1.
 *
 * @param header - the BINTABLE header
 * @param rowBytes - NAXIS1 [bytes]
 * @param where - file and HDU for error messages
 * @throws FitsError when TFIELDS or a TFORMn is missing or malformed, or the fields are
 *   wider than NAXIS1
 * @example
 * ```ts
 * const cols = readColumnInfos(header, 28, where);
 * cols[4];   // { name: "ENERGY", code: "E", repeat: 1, offset: 24, unit: "TeV", ... }
 * ```
 */
export function readColumnInfos(header: FitsHeader, rowBytes: number, where: FitsWhere): ColumnInfo[] {
  const tfields = header.get("TFIELDS");
  if (typeof tfields !== "number" || !Number.isInteger(tfields) || tfields < 0 || tfields > 999) {
    throw new FitsError(`TFIELDS must be an integer in [0, 999], found ${String(tfields)}`, {
      ...where,
      key: "TFIELDS",
    });
  }
  const out: ColumnInfo[] = [];
  let offset = 0;
  for (let n = 1; n <= tfields; n++) {
    const key = `TFORM${n}`;
    const tformText = header.get(key);
    if (typeof tformText !== "string") {
      throw new FitsError(`missing or non-string ${key}`, { ...where, key });
    }
    const form = parseTform(tformText);
    if (typeof form === "string") throw new FitsError(form, { ...where, key });
    const name = header.get(`TTYPE${n}`);
    const info: ColumnInfo = {
      name: typeof name === "string" ? name.trim() : "",
      index: n - 1,
      format: tformText,
      code: form.code,
      repeat: form.repeat,
      width: form.width,
      offset,
      dims: [],
      stringWidth: 0,
      scale: 1,
      zero: 0,
    };
    if (form.varCode !== undefined) info.varCode = form.varCode;
    const unit = optionalString(header, `TUNIT${n}`);
    if (unit !== undefined) info.unit = unit;
    const disp = optionalString(header, `TDISP${n}`);
    if (disp !== undefined) info.disp = disp;
    const scale = header.get(`TSCAL${n}`);
    if (typeof scale === "number") info.scale = scale;
    else if (typeof scale === "bigint") info.scale = Number(scale);
    const zero = header.get(`TZERO${n}`);
    if (typeof zero === "number" || typeof zero === "bigint") info.zero = zero;
    const tnull = header.get(`TNULL${n}`);
    if (typeof tnull === "bigint" || (typeof tnull === "number" && Number.isInteger(tnull))) info.nullValue = tnull;

    const tdimText = header.get(`TDIM${n}`);
    const tdim = typeof tdimText === "string" ? parseTdim(tdimText) : undefined;
    if (form.code === "A") {
      if (tdim !== undefined && tdim.length >= 1 && tdim.reduce((a, b) => a * b, 1) === form.repeat && tdim[0] > 0) {
        info.stringWidth = tdim[0];
        info.dims = tdim.slice(1).reverse();
      } else if (form.substring !== undefined && form.repeat % form.substring === 0) {
        info.stringWidth = form.substring;
        info.dims = [form.repeat / form.substring];
      } else {
        info.stringWidth = form.repeat;
      }
    } else if (form.code === "X") {
      info.dims = [form.repeat];
    } else if (form.code !== "P" && form.code !== "Q") {
      // A TDIM that does not match the repeat count is ignored, as astropy does.
      if (tdim !== undefined && tdim.reduce((a, b) => a * b, 1) === form.repeat) info.dims = tdim.slice().reverse();
      else if (form.repeat !== 1) info.dims = [form.repeat];
    }
    out.push(info);
    offset += form.width;
  }
  if (offset > rowBytes) {
    throw new FitsError(`the ${tfields} columns need ${offset} bytes per row but NAXIS1 is ${rowBytes}`, {
      ...where,
      key: "NAXIS1",
    });
  }
  return out;
}

/**
 * Finds a column by name: exact match first, then case-insensitive (as astropy).
 *
 * @param columns - the descriptors
 * @param name - column name
 * @returns the descriptor or undefined
 * @example
 * ```ts
 * findColumn(cols, "energy")?.name;   // "ENERGY"
 * ```
 */
export function findColumn(columns: readonly ColumnInfo[], name: string): ColumnInfo | undefined {
  const exact = columns.find((c) => c.name === name);
  if (exact !== undefined) return exact;
  const upper = name.trim().toUpperCase();
  return columns.find((c) => c.name.toUpperCase() === upper);
}
