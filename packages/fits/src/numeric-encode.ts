/**
 * Encoding of typed arrays as big-endian FITS numbers, including the unsigned conventions.
 */
import { FitsError } from "@gammats/core";
import { HOST_LITTLE_ENDIAN, swapToHost } from "./byte-order.js";
import type { StorageType } from "./numeric-decode.js";
import { STORAGE_BYTES } from "./numeric-decode.js";
import type { NumericArray } from "./types.js";

/** The TZERO/BZERO written for unsigned arrays (and Int8Array, stored as offset bytes). */
export function conventionZero(data: NumericArray): { type: StorageType; zero?: number | bigint } {
  if (data instanceof Float64Array) return { type: "float64" };
  if (data instanceof Float32Array) return { type: "float32" };
  if (data instanceof Int16Array) return { type: "int16" };
  if (data instanceof Int32Array) return { type: "int32" };
  if (data instanceof BigInt64Array) return { type: "int64" };
  if (data instanceof Int8Array) return { type: "uint8", zero: -128 };
  if (data instanceof Uint16Array) return { type: "int16", zero: 32768 };
  if (data instanceof Uint32Array) return { type: "int32", zero: 2147483648 };
  if (data instanceof BigUint64Array) return { type: "int64", zero: 9223372036854775808n };
  return { type: "uint8" };
}

function container(type: StorageType, n: number, flip: boolean): NumericArray {
  switch (type) {
    case "uint8":
      return flip ? new Int8Array(n) : new Uint8Array(n);
    case "int16":
      return flip ? new Uint16Array(n) : new Int16Array(n);
    case "int32":
      return flip ? new Uint32Array(n) : new Int32Array(n);
    case "int64":
      return flip ? new BigUint64Array(n) : new BigInt64Array(n);
    case "float32":
      return new Float32Array(n);
    case "float64":
      return new Float64Array(n);
  }
}

/**
 * Encodes numbers as big-endian bytes of a storage type. With `flip`, the values are
 * taken as unsigned (signed for bytes) and stored with the 2^(n-1) offset of the
 * convention, i.e. their sign bit is flipped.
 *
 * @param data - the values (any numeric typed array or number array)
 * @param type - storage type
 * @param flip - apply the unsigned convention
 * @param key - column or HDU, for the error
 * @throws FitsError when NaN or a non-integer must go into integer storage as bigint
 * @example
 * ```ts
 * encodeNumbers(new Float64Array([1.5]), "float32", false, "X");   // 4 big-endian bytes
 * encodeNumbers(new Uint16Array([65535]), "int16", true, "X");     // bytes ff ff... stored 32767
 * ```
 */
export function encodeNumbers(
  data: NumericArray | readonly number[],
  type: StorageType,
  flip: boolean,
  key: string,
): Uint8Array {
  const n = data.length;
  const out = container(type, n, flip);
  const srcBig = data instanceof BigInt64Array || data instanceof BigUint64Array;
  const dstBig = out instanceof BigInt64Array || out instanceof BigUint64Array;
  if (srcBig === dstBig) {
    (out as { set(a: ArrayLike<number | bigint>): void }).set(data as ArrayLike<number | bigint>);
  } else if (dstBig) {
    const src = data as ArrayLike<number>;
    const dst = out as BigInt64Array | BigUint64Array;
    for (let i = 0; i < n; i++) {
      const v = src[i];
      if (!Number.isInteger(v)) {
        throw new FitsError(`value ${v} at index ${i} cannot be stored as a 64-bit integer`, { key });
      }
      dst[i] = BigInt(v);
    }
  } else {
    const src = data as BigInt64Array | BigUint64Array;
    const dst = out as Exclude<NumericArray, BigInt64Array | BigUint64Array>;
    for (let i = 0; i < n; i++) dst[i] = Number(src[i]);
  }
  const size = STORAGE_BYTES[type];
  const bytes = new Uint8Array(out.buffer, out.byteOffset, n * size);
  if (flip) {
    const signByte = HOST_LITTLE_ENDIAN ? size - 1 : 0;
    for (let i = signByte; i < bytes.length; i += size) bytes[i] ^= 0x80;
  }
  swapToHost(bytes, size);
  return bytes;
}
