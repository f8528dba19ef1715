/**
 * Turns contiguous element bytes (already in host order) into a typed array: unsigned
 * conventions (signed storage + 2^(n-1) offset), linear scaling and null values.
 */
import { HOST_LITTLE_ENDIAN } from "./byte-order.js";
import type { NumericArray } from "./types.js";

/** Storage types of FITS numbers (BITPIX or TFORM B/I/J/K/E/D). */
export type StorageType = "uint8" | "int16" | "int32" | "int64" | "float32" | "float64";

/** Element size [bytes] of a storage type. */
export const STORAGE_BYTES: Readonly<Record<StorageType, number>> = {
  uint8: 1,
  int16: 2,
  int32: 4,
  int64: 8,
  float32: 4,
  float64: 8,
};

/** The offsets of the unsigned (and signed-byte) conventions, per storage type. */
const UNSIGNED_ZERO: Readonly<Partial<Record<StorageType, number | bigint>>> = {
  uint8: -128,
  int16: 32768,
  int32: 2147483648,
  int64: 9223372036854775808n,
};

/** Result of {@link decodeNumbers}. */
export interface DecodedNumbers {
  /** The values (a view over the input buffer unless scaled). */
  data: NumericArray;
  /** 1 where the stored value equals the null value (only when a null value is given). */
  nulls?: Uint8Array;
}

/** A typed-array view of `bytes` (which must be aligned: own buffer, offset 0). */
function view(type: StorageType, bytes: Uint8Array): NumericArray {
  const n = bytes.length / STORAGE_BYTES[type];
  const buf = bytes.buffer;
  const off = bytes.byteOffset;
  switch (type) {
    case "uint8":
      return bytes;
    case "int16":
      return new Int16Array(buf, off, n);
    case "int32":
      return new Int32Array(buf, off, n);
    case "int64":
      return new BigInt64Array(buf, off, n);
    case "float32":
      return new Float32Array(buf, off, n);
    case "float64":
      return new Float64Array(buf, off, n);
  }
}

/** Reinterprets a signed view as its unsigned twin after flipping sign bits. */
function toUnsigned(type: StorageType, bytes: Uint8Array): NumericArray {
  const size = STORAGE_BYTES[type];
  // Host-order elements: the sign byte is the last on little-endian hosts.
  const signByte = HOST_LITTLE_ENDIAN ? size - 1 : 0;
  for (let i = signByte; i < bytes.length; i += size) bytes[i] ^= 0x80;
  const n = bytes.length / size;
  switch (type) {
    case "uint8":
      return new Int8Array(bytes.buffer, bytes.byteOffset, n);
    case "int16":
      return new Uint16Array(bytes.buffer, bytes.byteOffset, n);
    case "int32":
      return new Uint32Array(bytes.buffer, bytes.byteOffset, n);
    default:
      return new BigUint64Array(bytes.buffer, bytes.byteOffset, n);
  }
}

/** Equality of a header number with a convention constant (bigint or number). */
function sameNumber(a: number | bigint, b: number | bigint): boolean {
  if (typeof a === typeof b) return a === b;
  return typeof a === "bigint" ? Number.isSafeInteger(Number(b)) && a === BigInt(b) : Number.isSafeInteger(a) && BigInt(a) === b;
}

/** Marks stored values equal to `nullValue`. */
function nullMask(raw: NumericArray, nullValue: number | bigint): Uint8Array | undefined {
  const mask = new Uint8Array(raw.length);
  let any = false;
  if (raw instanceof BigInt64Array) {
    const nv = BigInt(nullValue);
    for (let i = 0; i < raw.length; i++) if (raw[i] === nv) (mask[i] = 1), (any = true);
  } else {
    const nv = Number(nullValue);
    const r = raw as Exclude<NumericArray, BigInt64Array | BigUint64Array>;
    for (let i = 0; i < r.length; i++) if (r[i] === nv) (mask[i] = 1), (any = true);
  }
  return any ? mask : undefined;
}

/**
 * Decodes numbers in place (bytes from readBigEndian, host order). Integer storage with the offset of an unsigned
 * convention (and scale 1) becomes the unsigned typed array (B with -128 becomes
 * Int8Array); any other scale/offset gives `raw * scale + zero` as Float64Array, with NaN
 * where the stored value is the null value.
 *
 * @param bytes - contiguous host-order elements, owned (modified in place), 8-byte aligned
 * @param type - storage type
 * @param scale - BSCALE/TSCALn (1 for none)
 * @param zero - BZERO/TZEROn (0 for none)
 * @param nullValue - BLANK/TNULLn of integer storage, when defined
 * @param forceFloat - scale to Float64Array even when scale is 1 and zero 0 (images with BLANK)
 * @example
 * ```ts
 * decodeNumbers(bytes, "int16", 1, 32768).data;   // Uint16Array
 * decodeNumbers(bytes, "int16", 0.5, 10).data;    // Float64Array
 * ```
 */
export function decodeNumbers(
  bytes: Uint8Array,
  type: StorageType,
  scale: number,
  zero: number | bigint,
  nullValue?: number | bigint,
  forceFloat = false,
): DecodedNumbers {
  const raw = view(type, bytes);
  const isInt = type !== "float32" && type !== "float64";
  const nulls = isInt && nullValue !== undefined ? nullMask(raw, nullValue) : undefined;
  const convention = UNSIGNED_ZERO[type];
  if (isInt && scale === 1 && convention !== undefined && sameNumber(zero, convention) && !forceFloat) {
    const data = toUnsigned(type, bytes);
    return nulls ? { data, nulls } : { data };
  }
  const z = Number(zero);
  if (scale === 1 && z === 0 && !forceFloat) return nulls ? { data: raw, nulls } : { data: raw };
  const out = new Float64Array(raw.length);
  if (raw instanceof BigInt64Array) {
    for (let i = 0; i < raw.length; i++) out[i] = Number(raw[i]) * scale + z;
  } else {
    const r = raw as Exclude<NumericArray, BigInt64Array | BigUint64Array>;
    for (let i = 0; i < r.length; i++) out[i] = r[i] * scale + z;
  }
  if (nulls) for (let i = 0; i < out.length; i++) if (nulls[i]) out[i] = NaN;
  return nulls ? { data: out, nulls } : { data: out };
}
