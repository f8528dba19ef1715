/**
 * encodeFits: lays HDUs out as a FITS byte stream (2880-byte blocks, headers padded with
 * spaces, data with zeros).
 */
import { formatCard } from "./card-format.js";
import { encodeBinTable, encodeImage, encodeReadHdu } from "./hdu-encode.js";
import type { EncodedHdu } from "./hdu-encode.js";
import { Hdu } from "./hdu.js";
import { imageHdu } from "./hdu-spec.js";
import type { HduSpec } from "./hdu-spec.js";
import { BLOCK } from "./header-read.js";

/** What {@link encodeFits} takes: HDU descriptions, or HDUs read from another file. */
export type HduInput = HduSpec | Hdu;

function padded(n: number): number {
  return Math.ceil(n / BLOCK) * BLOCK;
}

/**
 * Encodes HDUs into the bytes of a FITS file. When the first HDU is not an image, an
 * empty primary HDU is put in front (FITS requires an image primary).
 *
 * @param hdus - the HDUs in order
 * @returns the file bytes (a multiple of 2880)
 * @throws FitsError when a header value or column cannot be written (message names HDU and key)
 * @example
 * ```ts
 * const bytes = encodeFits([
 *   imageHdu(),
 *   binTableHdu({ name: "GTI", columns: [{ name: "START", data: new Float64Array([0]) }] }),
 * ]);
 * bytes.length % 2880;   // 0
 * ```
 */
export function encodeFits(hdus: readonly HduInput[]): Uint8Array {
  const list: HduInput[] = [...hdus];
  const first = list[0];
  const firstIsImage = first !== undefined && (first instanceof Hdu ? first.type === "image" : first.kind === "image");
  if (!firstIsImage) list.unshift(imageHdu());
  const encoded: EncodedHdu[] = list.map((h, i) => {
    if (h instanceof Hdu) return encodeReadHdu(h, i === 0, i);
    return h.kind === "image" ? encodeImage(h, i === 0, i) : encodeBinTable(h, i);
  });
  const texts = encoded.map((e) => {
    const images: string[] = [];
    for (const c of e.cards) images.push(...formatCard(c));
    images.push("END".padEnd(80));
    return images.join("");
  });
  let total = 0;
  encoded.forEach((e, i) => (total += padded(texts[i].length) + padded(e.data.length)));
  const out = new Uint8Array(total);
  let p = 0;
  encoded.forEach((e, i) => {
    const text = texts[i];
    out.set(Buffer.from(text, "latin1"), p);
    out.fill(32, p + text.length, p + padded(text.length));
    p += padded(text.length);
    out.set(e.data, p);
    p += padded(e.data.length);
  });
  return out;
}
