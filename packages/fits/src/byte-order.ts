/**
 * Byte kernels: gather a strided field into a contiguous buffer and swap big-endian
 * elements to the host order, in bulk (Node's native Buffer swaps), no per-element objects.
 */
import { endianness } from "node:os";

/** True on little-endian hosts (every platform Node ships for today), where FITS data must be swapped. */
export const HOST_LITTLE_ENDIAN = endianness() === "LE";

/**
 * Copies `width` bytes from each of `nrows` rows into a new contiguous buffer.
 *
 * @param src - source bytes
 * @param start - byte offset of the field in row 0
 * @param stride - row length [bytes]
 * @param nrows - number of rows
 * @param width - field width [bytes]
 * @returns a fresh buffer of nrows * width bytes (8-byte aligned: its own ArrayBuffer)
 * @example
 * ```ts
 * gatherField(rowBytes, 24, 28, 11243, 4);   // the ENERGY column bytes, still big-endian
 * ```
 */
export function gatherField(src: Uint8Array, start: number, stride: number, nrows: number, width: number): Uint8Array {
  const out = new Uint8Array(nrows * width);
  if (width === stride) {
    out.set(src.subarray(start, start + nrows * width));
  } else if (width >= 32) {
    // Wide fields: one native copy per row beats a byte loop.
    for (let r = 0, p = start, o = 0; r < nrows; r++, p += stride, o += width) {
      out.set(src.subarray(p, p + width), o);
    }
  } else {
    for (let r = 0, p = start, o = 0; r < nrows; r++, p += stride) {
      for (let j = 0; j < width; j++) out[o++] = src[p + j];
    }
  }
  return out;
}

/**
 * Scatters a contiguous buffer into `width`-byte fields of `nrows` rows (the inverse of
 * {@link gatherField}), for writing tables.
 *
 * @param dst - destination bytes
 * @param start - byte offset of the field in row 0
 * @param stride - row length [bytes]
 * @param nrows - number of rows
 * @param width - field width [bytes]
 * @param src - nrows * width bytes
 * @example
 * ```ts
 * scatterField(tableBytes, 24, 28, nrows, 4, energyBigEndianBytes);
 * ```
 */
export function scatterField(
  dst: Uint8Array,
  start: number,
  stride: number,
  nrows: number,
  width: number,
  src: Uint8Array,
): void {
  if (width === stride) {
    dst.set(src.subarray(0, nrows * width), start);
  } else if (width >= 32) {
    for (let r = 0, p = start, o = 0; r < nrows; r++, p += stride, o += width) {
      dst.set(src.subarray(o, o + width), p);
    }
  } else {
    for (let r = 0, p = start, o = 0; r < nrows; r++, p += stride) {
      for (let j = 0; j < width; j++) dst[p + j] = src[o++];
    }
  }
}

/**
 * Swaps big-endian elements of `size` bytes in place to host order (no-op on big-endian
 * hosts and for size 1). The length must be a multiple of `size`.
 *
 * @param bytes - the buffer
 * @param size - element size [bytes]: 1, 2, 4 or 8
 * @example
 * ```ts
 * swapToHost(bytes, 4);   // then new Float32Array(bytes.buffer)
 * ```
 */
export function swapToHost(bytes: Uint8Array, size: number): void {
  if (!HOST_LITTLE_ENDIAN || size === 1 || bytes.length === 0) return;
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
  if (size === 2) b.swap16();
  else if (size === 4) b.swap32();
  else b.swap64();
}

/**
 * Reads `count` big-endian elements of `size` bytes from each of `nrows` rows into a new
 * buffer in host byte order. Wide fields (vector columns, images) are copied natively and
 * swapped in bulk; narrow ones (scalar event columns) go through DataView reads, which V8
 * compiles to a load and a byte swap — 3 to 5 times faster there than a byte loop.
 *
 * @param src - source bytes
 * @param start - byte offset of the field in row 0
 * @param stride - row length [bytes]
 * @param nrows - number of rows
 * @param count - elements per row
 * @param size - element size [bytes]: 1, 2, 4 or 8
 * @returns nrows * count * size bytes in host order, 8-byte aligned
 * @example
 * ```ts
 * new Float32Array(readBigEndian(bytes, off + 24, 28, 11243, 1, 4).buffer);   // ENERGY
 * ```
 */
export function readBigEndian(
  src: Uint8Array,
  start: number,
  stride: number,
  nrows: number,
  count: number,
  size: number,
): Uint8Array {
  const width = count * size;
  if (size === 1 || width >= 64 || !HOST_LITTLE_ENDIAN) {
    const out = gatherField(src, start, stride, nrows, width);
    swapToHost(out, size);
    return out;
  }
  const dv = new DataView(src.buffer, src.byteOffset, src.byteLength);
  const n = nrows * count;
  if (size === 2) {
    const out = new Uint16Array(n);
    for (let r = 0, p = start, i = 0; r < nrows; r++, p += stride) {
      for (let k = 0; k < width; k += 2) out[i++] = dv.getUint16(p + k);
    }
    return new Uint8Array(out.buffer);
  }
  // 4 and 8 bytes as 32-bit words: bit-exact for floats (NaN payloads kept), no BigInt boxing.
  const out = new Uint32Array(n * (size >> 2));
  if (size === 4 && count === 1) {
    for (let r = 0, p = start; r < nrows; r++, p += stride) out[r] = dv.getUint32(p);
  } else if (size === 4) {
    for (let r = 0, p = start, i = 0; r < nrows; r++, p += stride) {
      for (let k = 0; k < width; k += 4) out[i++] = dv.getUint32(p + k);
    }
  } else {
    // Little-endian host: the low word (last 4 bytes in the file) comes first.
    for (let r = 0, p = start, i = 0; r < nrows; r++, p += stride) {
      for (let k = 0; k < width; k += 8, i += 2) {
        out[i] = dv.getUint32(p + k + 4);
        out[i + 1] = dv.getUint32(p + k);
      }
    }
  }
  return new Uint8Array(out.buffer);
}
