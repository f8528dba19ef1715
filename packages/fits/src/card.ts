/**
 * One header card (keyword record) and the parser of its 80-character image.
 */
import type { CardKind, FitsValue } from "./types.js";

/**
 * One logical header card. A long string continued over CONTINUE cards is one card.
 *
 * @example
 * ```ts
 * const card = parseCard("EXTNAME = 'EVENTS  '           / Extension name");
 * // { key: "EXTNAME", value: "EVENTS", comment: "Extension name", kind: "string" }
 * ```
 */
export interface FitsCard {
  /** Upper-case keyword; "" for a blank card; HIERARCH keywords without the "HIERARCH " prefix. */
  key: string;
  /** The value; `null` for an undefined value, `undefined` for commentary cards. */
  value: FitsValue | undefined;
  /** The comment after '/', or the text of a commentary card (COMMENT, HISTORY, blank). */
  comment: string;
  /** How the value is written; a parsed header keeps it so it writes back alike. */
  kind: CardKind;
  /** True for ESO HIERARCH cards (keyword longer than 8 characters or with spaces). */
  hierarch?: boolean;
  /** True when the value field could not be parsed (kept as text in `comment`). */
  invalid?: boolean;
}

const INT_RE = /^[+-]?\d+$/;
const FLOAT_RE = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[EeDd][+-]?\d+)?$/;

/**
 * Parses a number token of a value field as FITS writes it (integer, or float with an
 * `E` or `D` exponent). Integers beyond 2^53 come back as `bigint`.
 *
 * @param token - the trimmed token
 * @returns the value and its kind, or undefined when the token is not a number
 * @example
 * ```ts
 * parseNumberToken("1.5D3");                 // { value: 1500, kind: "float" }
 * parseNumberToken("9223372036854775808");   // { value: 9223372036854775808n, kind: "integer" }
 * ```
 */
export function parseNumberToken(token: string): { value: number | bigint; kind: "integer" | "float" } | undefined {
  if (INT_RE.test(token)) {
    // 15 digits always fit a double exactly; longer ones may not.
    const digits = token.length - (token[0] === "+" || token[0] === "-" ? 1 : 0);
    if (digits <= 15) return { value: Number(token), kind: "integer" };
    const big = BigInt(token);
    const safe = big <= BigInt(Number.MAX_SAFE_INTEGER) && big >= BigInt(Number.MIN_SAFE_INTEGER);
    return { value: safe ? Number(big) : big, kind: "integer" };
  }
  if (FLOAT_RE.test(token)) {
    return { value: Number(token.replace(/[Dd]/, "E")), kind: "float" };
  }
  return undefined;
}

/** Splits "   / comment  " into the trimmed comment; returns undefined if junk precedes '/'. */
function trailingComment(rest: string): string | undefined {
  const t = rest.trimStart();
  if (t === "") return "";
  if (t[0] === "/") return t.slice(1).trim();
  return undefined;
}

/**
 * Parses the value field of a card (everything after "= "): value, comment and kind.
 * Malformed fields give `{ invalid: true }` with the raw text as comment: FITS readers
 * tolerate a bad non-structural card, and structural keywords are validated later.
 *
 * @param field - the characters after the value indicator
 * @example
 * ```ts
 * parseValueField(" 'O''HARA'  / name");   // { value: "O'HARA", comment: "name", kind: "string" }
 * ```
 */
export function parseValueField(field: string): {
  value: FitsValue;
  comment: string;
  kind: CardKind;
  invalid?: boolean;
} {
  let i = 0;
  const n = field.length;
  while (i < n && field.charCodeAt(i) === 32) i++;
  if (i === n) return { value: null, comment: "", kind: "undefined" };
  const c = field[i];
  if (c === "/") return { value: null, comment: field.slice(i + 1).trim(), kind: "undefined" };
  if (c === "'") {
    let out = "";
    let j = i + 1;
    for (;;) {
      const q = field.indexOf("'", j);
      if (q < 0) return { value: null, comment: field.trim(), kind: "undefined", invalid: true };
      out += field.slice(j, q);
      if (field[q + 1] === "'") {
        out += "'";
        j = q + 2;
        continue;
      }
      j = q + 1;
      break;
    }
    const comment = trailingComment(field.slice(j));
    // Trailing spaces in FITS strings are not significant; leading ones are.
    return { value: out.trimEnd(), comment: comment ?? field.slice(j).trim(), kind: "string" };
  }
  if (c === "(") {
    const close = field.indexOf(")", i);
    const parts = close < 0 ? [] : field.slice(i + 1, close).split(",");
    const re = parts.length === 2 ? parseNumberToken(parts[0].trim()) : undefined;
    const im = parts.length === 2 ? parseNumberToken(parts[1].trim()) : undefined;
    const comment = close < 0 ? undefined : trailingComment(field.slice(close + 1));
    if (re === undefined || im === undefined || comment === undefined) {
      return { value: null, comment: field.trim(), kind: "undefined", invalid: true };
    }
    return { value: { re: Number(re.value), im: Number(im.value) }, comment, kind: "complex" };
  }
  let end = i;
  while (end < n && field.charCodeAt(end) !== 32 && field[end] !== "/") end++;
  const token = field.slice(i, end);
  const comment = trailingComment(field.slice(end));
  if (comment !== undefined) {
    if (token === "T" || token === "F") return { value: token === "T", comment, kind: "logical" };
    const num = parseNumberToken(token);
    if (num !== undefined) return { value: num.value, comment, kind: num.kind };
  }
  return { value: null, comment: field.trim(), kind: "undefined", invalid: true };
}

/**
 * Parses one 80-character card image. CONTINUE cards come back as commentary cards with
 * key "CONTINUE"; {@link parseHeaderCards} merges them into the string they continue.
 *
 * @param image - the card text (80 characters; shorter is padded)
 * @example
 * ```ts
 * parseCard("NAXIS2  =                11243 / length of dimension 2");
 * // { key: "NAXIS2", value: 11243, comment: "length of dimension 2", kind: "integer" }
 * ```
 */
export function parseCard(image: string): FitsCard {
  const head = image.slice(0, 8);
  if (head === "HIERARCH") {
    const eq = image.indexOf("=", 8);
    if (eq > 8) {
      const key = image.slice(8, eq).trim().toUpperCase();
      const v = parseValueField(image.slice(eq + 1));
      const card: FitsCard = { key, value: v.value, comment: v.comment, kind: v.kind, hierarch: true };
      if (v.invalid) card.invalid = true;
      return card;
    }
  }
  const key = head.trimEnd().toUpperCase();
  if (image[8] === "=" && key !== "COMMENT" && key !== "HISTORY" && key !== "") {
    const v = parseValueField(image.slice(9));
    const card: FitsCard = { key, value: v.value, comment: v.comment, kind: v.kind };
    if (v.invalid) card.invalid = true;
    return card;
  }
  // Commentary card: COMMENT, HISTORY, blank keyword, or any keyword without "= ".
  return { key, value: undefined, comment: image.slice(8).trimEnd(), kind: "commentary" };
}
