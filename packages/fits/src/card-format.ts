/**
 * Formatting of header cards into 80-character images (fixed format), including long
 * strings over CONTINUE cards ("&" convention) and long commentary text.
 */
import { FitsError } from "@gammats/core";
import type { FitsCard } from "./card.js";
import type { FitsComplex } from "./types.js";

const WIDTH = 80;
/** Characters of a string value that fit on one card with its quotes and the '&'. */
const CHUNK = 67;
/** Comment characters per trailing "CONTINUE  '&' / ..." card. */
const COMMENT_CHUNK = WIDTH - 16;

function checkAscii(text: string, what: string, key: string): void {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 32 || c > 126) {
      throw new FitsError(`${what} of header keyword ${key} holds a character that is not printable ASCII (code ${c})`, { key }, {
        hint: "FITS headers allow ASCII 32-126 only",
      });
    }
  }
}

/**
 * Formats a float so that it reads back as the same double and as a float (a '.' or an
 * exponent is always present): JavaScript's shortest round-trip form, exponent as 'E'.
 *
 * @param v - the value
 * @param key - keyword, for the error
 * @throws FitsError for NaN and infinities, which FITS headers cannot hold
 * @example
 * ```ts
 * formatFloat(2000, "EQUINOX");   // "2000.0"
 * formatFloat(1e-10, "X");        // "1E-10"
 * ```
 */
export function formatFloat(v: number, key: string): string {
  if (!Number.isFinite(v)) {
    throw new FitsError(`header keyword ${key} cannot hold ${v}`, { key }, { hint: "use an undefined value (null) instead" });
  }
  const s = String(v).toUpperCase();
  return /[.E]/.test(s) ? s : `${s}.0`;
}

function formatComplex(v: FitsComplex, key: string): string {
  return `(${formatFloat(v.re, key)}, ${formatFloat(v.im, key)})`;
}

/** The value field (without comment) of a non-string card, right-justified to column 30. */
function scalarField(card: FitsCard): string {
  const v = card.value;
  switch (card.kind) {
    case "logical":
      return (v ? "T" : "F").padStart(20);
    case "integer":
      if (typeof v === "bigint") return v.toString().padStart(20);
      if (typeof v !== "number" || !Number.isInteger(v)) break;
      // BigInt prints integral doubles beyond 2^53 without an exponent.
      return BigInt(v).toString().padStart(20);
    case "float":
      if (typeof v !== "number") break;
      return formatFloat(v, card.key).padStart(20);
    case "complex":
      if (typeof v !== "object" || v === null) break;
      return formatComplex(v as FitsComplex, card.key).padStart(20);
    case "undefined":
      return " ".repeat(20);
    default:
      break;
  }
  throw new FitsError(`header keyword ${card.key}: value ${String(v)} does not match its kind ${card.kind}`, { key: card.key });
}

function withComment(head: string, comment: string): string {
  if (comment === "" || head.length + 3 >= WIDTH) return head.padEnd(WIDTH);
  // Comments of short values start in column 32, as in fixed-format headers.
  return `${head.padEnd(30)} / ${comment}`.slice(0, WIDTH).padEnd(WIDTH);
}

/** Splits a string into pieces whose escaped form ('' for ') is at most `max` characters. */
function splitEscaped(value: string, max: number): string[] {
  const out: string[] = [];
  let cur = "";
  for (const ch of value) {
    const e = ch === "'" ? "''" : ch;
    if (cur.length + e.length > max) {
      out.push(cur);
      cur = "";
    }
    cur += e;
  }
  out.push(cur);
  return out;
}

/**
 * Splits a comment at spaces into pieces of at most `max` characters, dropping the space
 * at each cut: readers join CONTINUE comments with one space, so the text reads back whole.
 */
function splitWords(text: string, max: number): string[] {
  const out: string[] = [];
  let rest = text;
  while (rest.length > max) {
    const cut = rest.lastIndexOf(" ", max);
    if (cut > 0) {
      out.push(rest.slice(0, cut));
      rest = rest.slice(cut + 1);
    } else {
      out.push(rest.slice(0, max));
      rest = rest.slice(max);
    }
  }
  out.push(rest);
  return out;
}

function stringCards(key: string, value: string, comment: string): string[] {
  const escaped = value.replace(/'/g, "''");
  // Short strings: padded to 8 characters inside the quotes, as the standard recommends.
  const single = `${key.padEnd(8)}= '${escaped === "" ? "" : escaped.padEnd(8)}'`;
  if (single.length <= WIDTH) return [withComment(single, comment)];
  const pieces = splitEscaped(value, CHUNK);
  const cards: string[] = [];
  pieces.forEach((p, i) => {
    const head = i === 0 ? `${key.padEnd(8)}= ` : "CONTINUE  ";
    const last = i === pieces.length - 1;
    cards.push(last ? `${head}'${p}'` : `${head}'${p}&'`);
  });
  if (comment !== "") {
    const lastCard = cards[cards.length - 1];
    if (lastCard.length + 3 + comment.length <= WIDTH) {
      cards[cards.length - 1] = `${lastCard} / ${comment}`;
    } else {
      // Carry the comment on extra CONTINUE cards holding empty string pieces.
      cards[cards.length - 1] = lastCard.slice(0, -1) + "&'";
      const parts = splitWords(comment, COMMENT_CHUNK);
      parts.forEach((c, i) => cards.push(`CONTINUE  '${i === parts.length - 1 ? "" : "&"}' / ${c}`));
    }
  }
  return cards.map((c) => c.padEnd(WIDTH));
}

/**
 * Formats one card into one or more 80-character card images.
 *
 * @param card - the card (kind decides the format)
 * @returns the images; several for CONTINUE'd strings and long commentary text
 * @throws FitsError for non-ASCII text, NaN/infinite floats, a value that does not match
 *   its kind, or a HIERARCH card too long for one image
 * @example
 * ```ts
 * formatCard({ key: "EXTNAME", value: "EVENTS", comment: "", kind: "string" });
 * // ["EXTNAME = 'EVENTS  '" padded to 80]
 * ```
 */
export function formatCard(card: FitsCard): string[] {
  const { key, comment } = card;
  checkAscii(key, "the name", key);
  checkAscii(comment, "the comment", key);
  if (card.kind === "commentary") {
    const text = comment;
    const out: string[] = [];
    for (let i = 0; i === 0 || i < text.length; i += WIDTH - 8) {
      out.push((key.padEnd(8) + text.slice(i, i + WIDTH - 8)).padEnd(WIDTH));
    }
    return out;
  }
  if (card.kind === "string" && typeof card.value === "string") {
    checkAscii(card.value, "the value", key);
    if (!card.hierarch) return stringCards(key, card.value, comment);
  }
  const field =
    card.kind === "string" ? `'${String(card.value).replace(/'/g, "''")}'` : card.hierarch ? scalarField(card).trim() : scalarField(card);
  if (card.hierarch) {
    const head = `HIERARCH ${key} = ${field}`;
    if (head.length > WIDTH) {
      throw new FitsError(`HIERARCH card ${key} is longer than 80 characters`, { key }, { hint: "shorten the keyword or the value" });
    }
    return [withComment(head, comment)];
  }
  return [withComment(`${key.padEnd(8)}= ${field}`, comment)];
}
