/**
 * encodeFits / encodeFitsChunks: lay HDUs out as a FITS byte stream (2880-byte blocks,
 * headers padded with spaces, data with zeros).
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

/** Zero bytes that pad data to a block ({@link encodeFitsChunks} hands out views of it). */
const ZERO_BLOCK = new Uint8Array(BLOCK);

/**
 * Encodes HDUs into the consecutive pieces of a FITS file, each HDU as its header
 * (padded with spaces), its data, and the zeros that pad the data: what
 * {@link encodeFits} joins, and what a writer can hand to one `writev` without copying
 * the data (megabytes for a map dataset) into a single buffer first. When the first HDU
 * is not an image, an empty primary HDU is put in front (FITS requires an image primary).
 *
 * @param hdus - the HDUs in order
 * @returns the pieces in file order; their lengths add up to a multiple of 2880. Data
 *   pieces may be views of shared zero padding: read them, do not write into them.
 * @throws FitsError when a header value or column cannot be written (message names HDU and key)
 * @example
 * ```ts
 * const pieces = encodeFitsChunks([imageHdu()]);
 * pieces.reduce((n, p) => n + p.length, 0);   // 2880
 * ```
 */
export function encodeFitsChunks(hdus: readonly HduInput[]): Uint8Array[] {
  const list: HduInput[] = [...hdus];
  const first = list[0];
  const firstIsImage = first !== undefined && (first instanceof Hdu ? first.type === "image" : first.kind === "image");
  if (!firstIsImage) list.unshift(imageHdu());
  const encoded: EncodedHdu[] = list.map((h, i) => {
    if (h instanceof Hdu) return encodeReadHdu(h, i === 0, i);
    return h.kind === "image" ? encodeImage(h, i === 0, i) : encodeBinTable(h, i);
  });
  const chunks: Uint8Array[] = [];
  for (const e of encoded) {
    const images: string[] = [];
    for (const c of e.cards) images.push(...formatCard(c));
    images.push("END".padEnd(80));
    const text = images.join("");
    chunks.push(Buffer.from(text.padEnd(padded(text.length)), "latin1"));
    if (e.data.length > 0) chunks.push(e.data);
    const pad = padded(e.data.length) - e.data.length;
    if (pad > 0) chunks.push(ZERO_BLOCK.subarray(0, pad));
  }
  return chunks;
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
  const chunks = encodeFitsChunks(hdus);
  let total = 0;
  for (const c of chunks) total += c.length;
  const out = new Uint8Array(total);
  let p = 0;
  for (const c of chunks) {
    out.set(c, p);
    p += c.length;
  }
  return out;
}
