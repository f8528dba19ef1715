/**
 * Keywords the writer generates itself, so that a header copied from a read file can be
 * passed back to the writer without producing duplicates or stale values.
 */
import type { FitsCard } from "./card.js";

// CHECKSUM and DATASUM of a copied header would be stale: drop them too.
const FIXED = new Set([
  "SIMPLE",
  "XTENSION",
  "BITPIX",
  "NAXIS",
  "EXTEND",
  "PCOUNT",
  "GCOUNT",
  "END",
  "GROUPS",
  "TFIELDS",
  "THEAP",
  "CHECKSUM",
  "DATASUM",
]);
const IMAGE_SCALING = new Set(["BSCALE", "BZERO", "BLANK"]);
const INDEXED = /^(NAXIS|TTYPE|TFORM|TUNIT|TDIM|TSCAL|TZERO|TNULL|TDISP|TBCOL)\d+$/;

/**
 * True for keywords the writer derives from the data: SIMPLE, XTENSION, BITPIX, NAXIS*,
 * EXTEND, PCOUNT, GCOUNT, TFIELDS, THEAP, the column keywords TTYPEn...TDISPn,
 * BSCALE/BZERO/BLANK, and the (then stale) CHECKSUM/DATASUM.
 *
 * @param key - upper-case keyword
 * @example
 * ```ts
 * isReservedKey("TFORM3");   // true
 * isReservedKey("TLMIN3");   // false: kept as given
 * ```
 */
export function isReservedKey(key: string): boolean {
  return FIXED.has(key) || IMAGE_SCALING.has(key) || INDEXED.test(key);
}

/**
 * The user cards to write after the generated ones: reserved keywords and EXTNAME removed
 * (EXTNAME is placed by the writer), lone CONTINUE cards dropped.
 *
 * @param cards - cards given by the user
 * @example
 * ```ts
 * userCards(readHeader.cards);   // the header minus structure and column keywords
 * ```
 */
export function userCards(cards: readonly FitsCard[]): FitsCard[] {
  return cards.filter((c) => !(c.kind !== "commentary" && (isReservedKey(c.key) || c.key === "EXTNAME")) && c.key !== "CONTINUE" && c.key !== "END");
}
