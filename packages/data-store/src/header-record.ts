/**
 * A FITS header as a plain record of keyword values (the form Gammapy's `table.meta` has),
 * used for observation metadata.
 */
import type { FitsHeader, FitsValue } from "@gammats/fits";

/**
 * The valued keywords of a header, first occurrence wins; COMMENT/HISTORY dropped.
 *
 * @param header - a parsed header
 * @returns upper-case keyword -> value
 * @example
 * ```ts
 * headerRecord(file.hdu("EVENTS").header).LIVETIME;   // 1581.73681640625
 * ```
 */
export function headerRecord(header: FitsHeader): Record<string, FitsValue> {
  const meta: Record<string, FitsValue> = {};
  for (const card of header.cards) {
    if (card.value === undefined || card.key === "" || card.key === "COMMENT" || card.key === "HISTORY") continue;
    if (!(card.key in meta)) meta[card.key] = card.value;
  }
  return meta;
}
