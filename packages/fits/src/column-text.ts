/**
 * Decoders of the byte-valued table types: characters (A), logicals (L) and bits (X).
 */

/** A Buffer view of the same memory (no copy), for fast Latin-1 decoding. */
export function bufferView(bytes: Uint8Array): Buffer {
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
}

/**
 * Decodes one FITS string of `width` bytes at `p`: the text ends at the first NUL, and
 * trailing spaces are not significant.
 *
 * @param buf - source bytes
 * @param p - byte offset
 * @param width - field width [bytes]
 * @example
 * ```ts
 * decodeString(buf, 0, 8);   // "EVENTS" for the bytes "EVENTS  "
 * ```
 */
export function decodeString(buf: Buffer, p: number, width: number): string {
  let end = p;
  const stop = p + width;
  while (end < stop && buf[end] !== 0) end++;
  while (end > p && buf[end - 1] === 32) end--;
  return end === p ? "" : latin1(buf, p, end);
}

type Latin1Slice = (this: Buffer, start: number, end: number) => string;
/**
 * Buffer's own Latin-1 decoder, which `toString("latin1", ...)` calls after checking its
 * arguments: called directly it is 3-4 times faster for the many short strings of an
 * index table (3000+ cells in an HDU index). Node has had it since 0.x; toString is
 * the fallback should it ever go.
 */
const latin1Slice = (Buffer.prototype as unknown as { latin1Slice?: Latin1Slice }).latin1Slice;
function latin1(buf: Buffer, start: number, end: number): string {
  return latin1Slice === undefined ? buf.toString("latin1", start, end) : latin1Slice.call(buf, start, end);
}

/**
 * Decodes `count` strings of `width` bytes per row from `nrows` rows.
 *
 * @param buf - source bytes
 * @param start - byte offset of the field in row 0
 * @param stride - row length [bytes]
 * @param nrows - rows
 * @param count - strings per row
 * @param width - characters per string
 * @example
 * ```ts
 * decodeStrings(buf, off, rowBytes, nrows, 1, 18);   // OBJECT column of an obs index
 * ```
 */
export function decodeStrings(
  buf: Buffer,
  start: number,
  stride: number,
  nrows: number,
  count: number,
  width: number,
): string[] {
  const out = new Array<string>(nrows * count);
  for (let r = 0, k = 0; r < nrows; r++) {
    const p = start + r * stride;
    for (let j = 0; j < count; j++) out[k++] = decodeString(buf, p + j * width, width);
  }
  return out;
}

/**
 * Decodes logicals: 'T' -> 1, anything else -> 0; byte 0 (undefined) is marked in `nulls`.
 *
 * @param src - source bytes
 * @param start - byte offset of the field in row 0
 * @param stride - row length [bytes]
 * @param nrows - rows
 * @param count - values per row
 * @example
 * ```ts
 * decodeLogicals(bytes, off, rowBytes, nrows, 1).data;   // Uint8Array of 0/1
 * ```
 */
export function decodeLogicals(
  src: Uint8Array,
  start: number,
  stride: number,
  nrows: number,
  count: number,
): { data: Uint8Array; nulls?: Uint8Array } {
  const data = new Uint8Array(nrows * count);
  let nulls: Uint8Array | undefined;
  for (let r = 0, k = 0; r < nrows; r++) {
    const p = start + r * stride;
    for (let j = 0; j < count; j++, k++) {
      const b = src[p + j];
      if (b === 84) data[k] = 1;
      else if (b === 0) (nulls ??= new Uint8Array(nrows * count))[k] = 1;
    }
  }
  return nulls ? { data, nulls } : { data };
}

/**
 * Unpacks bits, most significant bit first, one 0/1 byte per bit.
 *
 * @param src - source bytes
 * @param start - byte offset of the field in row 0
 * @param stride - row length [bytes]
 * @param nrows - rows
 * @param nbits - bits per row
 * @example
 * ```ts
 * decodeBits(new Uint8Array([0b10100000]), 0, 1, 1, 3);   // Uint8Array [1, 0, 1]
 * ```
 */
export function decodeBits(src: Uint8Array, start: number, stride: number, nrows: number, nbits: number): Uint8Array {
  const out = new Uint8Array(nrows * nbits);
  for (let r = 0, k = 0; r < nrows; r++) {
    const p = start + r * stride;
    for (let j = 0; j < nbits; j++) out[k++] = (src[p + (j >> 3)] >> (7 - (j & 7))) & 1;
  }
  return out;
}
