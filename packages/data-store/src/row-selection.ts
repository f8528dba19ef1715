/**
 * Row selection kernels shared by the event list and the observation table: selections
 * build an index array once, then every column is gathered into a fresh array of its own
 * type (no views, so a selection never aliases its parent).
 */
import type { NumericArray } from "@gammats/fits";

/** A table column: a typed array of one value per row, or strings. */
export type ColumnData = NumericArray | readonly string[];

/**
 * Indices of the set entries of a mask.
 *
 * @param mask - 1 to keep a row, 0 to drop it
 * @returns the kept row indices, ascending
 * @example
 * ```ts
 * maskToIndices(Uint8Array.of(0, 1, 1, 0)); // Int32Array [1, 2]
 * ```
 */
export function maskToIndices(mask: Uint8Array): Int32Array {
  let n = 0;
  for (let i = 0; i < mask.length; i++) if (mask[i]) n++;
  const out = new Int32Array(n);
  let k = 0;
  for (let i = 0; i < mask.length; i++) if (mask[i]) out[k++] = i;
  return out;
}

/**
 * Copies the selected rows of a column into a new array of the same type.
 *
 * @param src - one value per row (typed array or strings)
 * @param idx - row indices to take, in output order
 * @returns a new array with `idx.length` rows
 * @example
 * ```ts
 * gatherRows(Float64Array.of(5, 6, 7), Int32Array.of(2, 0)); // Float64Array [7, 5]
 * ```
 */
export function gatherRows<T extends ColumnData>(src: T, idx: ArrayLike<number>): T {
  const n = idx.length;
  if (Array.isArray(src)) {
    const out = new Array<string>(n);
    for (let i = 0; i < n; i++) out[i] = (src as readonly string[])[idx[i]];
    return out as unknown as T;
  }
  const typed = src as NumericArray;
  const Ctor = typed.constructor as new (length: number) => NumericArray;
  const out = new Ctor(n);
  if (out instanceof BigInt64Array || out instanceof BigUint64Array) {
    const s = typed as BigInt64Array | BigUint64Array;
    for (let i = 0; i < n; i++) out[i] = s[idx[i]];
  } else {
    const s = typed as Exclude<NumericArray, BigInt64Array | BigUint64Array>;
    const o = out as Exclude<NumericArray, BigInt64Array | BigUint64Array>;
    for (let i = 0; i < n; i++) o[i] = s[idx[i]];
  }
  return out as T;
}

/**
 * Mask of `lo <= value < hi` (Gammapy's half-open band convention).
 *
 * @param values - one value per row
 * @param lo - lower bound, inclusive
 * @param hi - upper bound, exclusive
 * @param out - mask to write (allocated when omitted)
 * @returns `out`
 */
export function bandMask(values: Float64Array, lo: number, hi: number, out = new Uint8Array(values.length)): Uint8Array {
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    out[i] = lo <= v && v < hi ? 1 : 0;
  }
  return out;
}
