/**
 * Binary-table TFORM codes: parsing "rTa" and the byte size of each type.
 */

/** Binary-table data type codes (FITS 4.0, table 18). */
export type TformCode = "L" | "X" | "B" | "I" | "J" | "K" | "A" | "E" | "D" | "C" | "M" | "P" | "Q";

/** Element size [bytes] of each code (X counts bits and is handled apart). */
export const TFORM_BYTES: Readonly<Record<TformCode, number>> = {
  L: 1,
  X: 1,
  B: 1,
  I: 2,
  J: 4,
  K: 8,
  A: 1,
  E: 4,
  D: 8,
  C: 8,
  M: 16,
  P: 8,
  Q: 16,
};

/** A parsed binary-table TFORM. */
export interface Tform {
  /** Repeat count r (elements per row; bits for X; characters for A). */
  repeat: number;
  /** Type code. */
  code: TformCode;
  /** Element type of a variable-length array (P or Q), otherwise undefined. */
  varCode?: Exclude<TformCode, "P" | "Q">;
  /** Maximum length of a variable-length array, when given as "(max)". */
  varMax?: number;
  /** Sub-string width of the "rAw" convention, when given. */
  substring?: number;
  /** Bytes per row. */
  width: number;
}

const TFORM_RE = /^\s*(\d*)([LXBIJKAEDCMPQ])(.*?)\s*$/i;
const VAR_RE = /^([LXBIJKAEDCM])(?:\((\d+)\))?$/i;

/**
 * Parses a binary-table TFORM value.
 *
 * @param text - TFORMn value, e.g. "1E", "27648E", "20A", "1PE(96)", "8X"
 * @returns the parsed form, or an error message when the text is not a valid TFORM
 * @example
 * ```ts
 * parseTform("96E");      // { repeat: 96, code: "E", width: 384 }
 * parseTform("1PD(12)");  // { repeat: 1, code: "P", varCode: "D", varMax: 12, width: 8 }
 * ```
 */
export function parseTform(text: string): Tform | string {
  const m = TFORM_RE.exec(text);
  if (m === null) return `'${text}' is not a binary-table TFORM (expected rT, e.g. 1E, 96D, 20A, 1PE(10))`;
  const repeat = m[1] === "" ? 1 : Number(m[1]);
  if (!Number.isSafeInteger(repeat)) return `repeat count of TFORM '${text}' is too large`;
  const code = m[2].toUpperCase() as TformCode;
  const rest = m[3];
  const form: Tform = { repeat, code, width: 0 };
  if (code === "P" || code === "Q") {
    const v = VAR_RE.exec(rest);
    if (v === null) return `variable-length TFORM '${text}' needs an element type, e.g. 1PE(100)`;
    if (repeat > 1) return `variable-length TFORM '${text}' must have repeat 0 or 1`;
    form.varCode = v[1].toUpperCase() as Tform["varCode"];
    if (v[2] !== undefined) form.varMax = Number(v[2]);
    form.width = repeat * TFORM_BYTES[code];
  } else if (code === "X") {
    if (rest !== "") return `unexpected '${rest}' after TFORM '${text}'`;
    form.width = Math.ceil(repeat / 8);
  } else {
    if (code === "A" && /^\d+$/.test(rest)) {
      const w = Number(rest);
      if (w > 0 && w <= repeat) form.substring = w;
    } else if (rest !== "" && !/^\d*$/.test(rest)) {
      return `unexpected '${rest}' after TFORM '${text}'`;
    }
    form.width = repeat * TFORM_BYTES[code];
  }
  if (!Number.isSafeInteger(form.width)) return `TFORM '${text}' is too wide`;
  return form;
}
