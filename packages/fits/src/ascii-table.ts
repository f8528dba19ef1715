/**
 * ASCII TABLE extensions: column descriptors (TBCOLn, TFORMn Aw Iw Fw.d Ew.d Dw.d) and
 * decoding of one column. Numbers come back as Float64Array (blank or TNULL fields NaN).
 */
import { FitsError } from "@gammats/core";
import type { ColumnInfo } from "./column-info.js";
import { checkValueCount } from "./column-read.js";
import { bufferView, decodeString } from "./column-text.js";
import type { TableColumn } from "./column.js";
import type { FitsHeader } from "./header.js";
import type { FitsWhere } from "./types.js";

const ASCII_TFORM_RE = /^\s*([AIFED])(\d+)(?:\.(\d+))?\s*$/i;

/** Descriptor of an ASCII-table column: the binary one plus the decimals and TNULL text. */
export interface AsciiColumnInfo extends ColumnInfo {
  /** Decimals d of Fw.d/Ew.d/Dw.d (display only: implied decimals are not applied, as in astropy). */
  decimals: number;
  /** TNULLn text marking undefined fields, when set. */
  nullText?: string;
}

/**
 * Reads the column descriptors of an ASCII table.
 *
 * @param header - the TABLE header
 * @param rowBytes - NAXIS1 [characters]
 * @param where - file and HDU for error messages
 * @throws FitsError when TFIELDS, TBCOLn or TFORMn is missing or malformed, or a field
 *   extends beyond NAXIS1
 * @example
 * ```ts
 * readAsciiColumnInfos(header, 40, where)[0];   // { name: "X", code: "E", offset: 0, width: 12, ... }
 * ```
 */
export function readAsciiColumnInfos(header: FitsHeader, rowBytes: number, where: FitsWhere): AsciiColumnInfo[] {
  const tfields = header.get("TFIELDS");
  if (typeof tfields !== "number" || !Number.isInteger(tfields) || tfields < 0 || tfields > 999) {
    throw new FitsError(`TFIELDS must be an integer in [0, 999], found ${String(tfields)}`, { ...where, key: "TFIELDS" });
  }
  const out: AsciiColumnInfo[] = [];
  for (let n = 1; n <= tfields; n++) {
    const form = header.get(`TFORM${n}`);
    const m = typeof form === "string" ? ASCII_TFORM_RE.exec(form) : null;
    if (m === null) {
      throw new FitsError(`TFORM${n} = ${String(form)} is not an ASCII-table format (Aw, Iw, Fw.d, Ew.d, Dw.d)`, {
        ...where,
        key: `TFORM${n}`,
      });
    }
    const tbcol = header.get(`TBCOL${n}`);
    const width = Number(m[2]);
    if (typeof tbcol !== "number" || !Number.isInteger(tbcol) || tbcol < 1 || tbcol - 1 + width > rowBytes) {
      throw new FitsError(`TBCOL${n} = ${String(tbcol)} puts the field outside the ${rowBytes}-character row`, {
        ...where,
        key: `TBCOL${n}`,
      });
    }
    const name = header.get(`TTYPE${n}`);
    const code = m[1].toUpperCase();
    const info: AsciiColumnInfo = {
      name: typeof name === "string" ? name.trim() : "",
      index: n - 1,
      format: form as string,
      code: code === "A" ? "A" : code === "I" ? "K" : "D",
      repeat: 1,
      width,
      offset: tbcol - 1,
      dims: [],
      stringWidth: code === "A" ? width : 0,
      scale: header.getNumber(`TSCAL${n}`, 1),
      zero: header.getNumber(`TZERO${n}`, 0),
      decimals: m[3] === undefined ? 0 : Number(m[3]),
    };
    const unit = header.get(`TUNIT${n}`);
    if (typeof unit === "string" && unit !== "") info.unit = unit;
    const tnull = header.get(`TNULL${n}`);
    if (typeof tnull === "string") info.nullText = tnull.trim();
    out.push(info);
  }
  return out;
}

/**
 * Decodes one ASCII-table column.
 *
 * @param bytes - the whole file
 * @param dataOffset - byte offset of row 0
 * @param rowBytes - NAXIS1
 * @param nrows - NAXIS2
 * @param info - the column descriptor
 * @param where - file and HDU for error messages
 * @throws FitsError naming the row when a numeric field does not parse
 * @example
 * ```ts
 * readAsciiColumn(bytes, off, 40, 3, info, where).data;   // Float64Array [1.5, 2, NaN]
 * ```
 */
export function readAsciiColumn(
  bytes: Uint8Array,
  dataOffset: number,
  rowBytes: number,
  nrows: number,
  info: AsciiColumnInfo,
  where: FitsWhere,
): TableColumn {
  const buf = bufferView(bytes);
  const base = { name: info.name, unit: info.unit, info, shape: [nrows] };
  checkValueCount(nrows, info, where);
  if (info.code === "A") {
    const data = new Array<string>(nrows);
    for (let r = 0; r < nrows; r++) data[r] = decodeString(buf, dataOffset + r * rowBytes + info.offset, info.width);
    return { ...base, kind: "string", data };
  }
  const data = new Float64Array(nrows);
  let nulls: Uint8Array | undefined;
  const scale = info.scale;
  const zero = Number(info.zero);
  for (let r = 0; r < nrows; r++) {
    const p = dataOffset + r * rowBytes + info.offset;
    const text = buf.toString("latin1", p, p + info.width).trim();
    if (text === "" || (info.nullText !== undefined && text === info.nullText)) {
      data[r] = NaN;
      (nulls ??= new Uint8Array(nrows))[r] = 1;
      continue;
    }
    const clean = text.replace(/[Dd]/, "E").replace(/ /g, "");
    const v = Number(clean);
    if (!/^[+-]?(\d+\.?\d*|\.\d+)([Ee][+-]?\d+)?$/.test(clean) || Number.isNaN(v)) {
      throw new FitsError(`ASCII-table field '${text}' of column ${info.name} row ${r} is not a number`, {
        ...where,
        key: info.name,
        offset: p,
      });
    }
    // Fortran's implied decimals (Fw.d without a point) are not applied: astropy, the
    // reference, ignores them too, and writers always put the point.
    data[r] = v * scale + zero;
  }
  return nulls ? { ...base, kind: "number", data, nulls } : { ...base, kind: "number", data };
}
