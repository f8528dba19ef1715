/**
 * Reads one header (2880-byte blocks of 80-character cards up to END) from file bytes.
 */
import { FitsError } from "@gammats/core";
import { parseCard, parseValueField } from "./card.js";
import type { FitsCard } from "./card.js";
import { FitsHeader } from "./header.js";
import type { FitsWhere } from "./types.js";

/** FITS block size [bytes]: headers and data are padded to a multiple of it. */
export const BLOCK = 2880;
/** Card size [bytes]. */
export const CARD = 80;

/** A parsed header and where the data following it start. */
export interface HeaderBlock {
  /** The header. */
  header: FitsHeader;
  /** Byte offset of the header's first card. */
  headerOffset: number;
  /** Byte offset of the data (first byte after the header's last block). */
  dataOffset: number;
}

/** Decodes bytes [start, end) as Latin-1 text without per-byte allocation. */
function latin1(bytes: Uint8Array, start: number, end: number): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset + start, end - start).toString("latin1");
}

/** True for the END card: "END" then spaces. */
function isEnd(bytes: Uint8Array, p: number): boolean {
  if (bytes[p] !== 69 || bytes[p + 1] !== 78 || bytes[p + 2] !== 68) return false;
  for (let i = 3; i < CARD; i++) if (bytes[p + i] !== 32) return false;
  return true;
}

/** Keyword field bytes allowed by the standard (A-Z 0-9 - _ space), plus a-z tolerated. */
function validKeyByte(b: number): boolean {
  return (
    b === 32 || b === 45 || b === 95 || (b >= 48 && b <= 57) || (b >= 65 && b <= 90) || (b >= 97 && b <= 122)
  );
}

/**
 * Parses the header starting at `offset`. CONTINUE cards are merged into the string they
 * continue (the '&' markers removed, comments joined), as astropy does.
 *
 * @param bytes - the whole (decompressed) file
 * @param offset - byte offset of the first card, a multiple of 2880
 * @param where - file and HDU index for error messages
 * @throws FitsError when END is missing before the end of the file, or a keyword field
 *   holds bytes that are not FITS header text (binary data where a header should be)
 * @example
 * ```ts
 * const { header, dataOffset } = readHeaderBlock(bytes, 0, { file: "run.fits", hdu: 0 });
 * ```
 */
export function readHeaderBlock(bytes: Uint8Array, offset: number, where: FitsWhere): HeaderBlock {
  const n = bytes.length;
  let p = offset;
  let endAt = -1;
  // Find END first so that a truncated header fails before any parsing work.
  while (p + CARD <= n) {
    for (let i = 0; i < 8; i++) {
      if (!validKeyByte(bytes[p + i])) {
        throw new FitsError(
          `invalid byte 0x${bytes[p + i].toString(16).padStart(2, "0")} in a header keyword: not FITS header text`,
          { ...where, offset: p + i },
          { hint: "the file is corrupted or the previous HDU declares the wrong data size" },
        );
      }
    }
    if (isEnd(bytes, p)) {
      endAt = p;
      break;
    }
    p += CARD;
  }
  if (endAt < 0) {
    throw new FitsError("header has no END card before the end of the file", { ...where, offset: p }, {
      hint: "the file is truncated or not a FITS file",
    });
  }
  const text = latin1(bytes, offset, endAt);
  const cards: FitsCard[] = [];
  let continuable = false;
  for (let c = 0; c < text.length; c += CARD) {
    const image = text.slice(c, c + CARD);
    const card = parseCard(image);
    if (card.key === "CONTINUE" && card.kind === "commentary" && continuable) {
      const prev = cards[cards.length - 1];
      const v = parseValueField(image.slice(8));
      if (v.kind === "string" && typeof prev.value === "string") {
        const head = prev.value.endsWith("&") ? prev.value.slice(0, -1) : prev.value;
        prev.value = head + (v.value as string);
        if (v.comment) prev.comment = prev.comment ? `${prev.comment} ${v.comment}` : v.comment;
        continue;
      }
    }
    continuable = card.kind === "string";
    cards.push(card);
  }
  const headerEnd = endAt + CARD;
  const dataOffset = Math.ceil((headerEnd - offset) / BLOCK) * BLOCK + offset;
  return { header: new FitsHeader(cards, where), headerOffset: offset, dataOffset };
}
