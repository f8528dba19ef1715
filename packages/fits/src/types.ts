/**
 * Value and array types shared by the reader and the writer.
 */

/** Every typed array a FITS image or numeric table column can decode to. */
export type NumericArray =
  | Int8Array
  | Uint8Array
  | Int16Array
  | Uint16Array
  | Int32Array
  | Uint32Array
  | BigInt64Array
  | BigUint64Array
  | Float32Array
  | Float64Array;

/** A complex header value `(re, im)`. */
export interface FitsComplex {
  /** Real part. */
  re: number;
  /** Imaginary part. */
  im: number;
}

/**
 * A header value. Integers outside the safe range (|n| > 2^53 - 1) are `bigint` so that
 * they stay exact; `null` is the FITS "undefined value" (a keyword with a blank value field).
 */
export type FitsValue = string | number | bigint | boolean | FitsComplex | null;

/** How a card's value is written in the file; kept so a parsed header writes back alike. */
export type CardKind =
  | "string"
  | "logical"
  | "integer"
  | "float"
  | "complex"
  | "undefined"
  | "commentary";

/** Where in a file something is, for error messages. */
export interface FitsWhere {
  /** Path of the file, when reading from a path. */
  file?: string;
  /** HDU index (0 = primary) or EXTNAME. */
  hdu?: number | string;
}

/** The kinds of HDU the reader recognises. */
export type HduType = "image" | "bintable" | "table" | "other";
