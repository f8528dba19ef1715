/**
 * What the writer takes: image and binary-table HDU descriptions, made with
 * {@link imageHdu} and {@link binTableHdu}.
 */
import { FitsHeader } from "./header.js";
import type { CardInput } from "./header.js";
import type { FitsCard } from "./card.js";
import type { NumericArray } from "./types.js";

/** Extra header cards: a list of cards/tuples or a header (e.g. one read from a file). */
export type HeaderInput = Iterable<CardInput> | FitsHeader;

/** Options of {@link imageHdu}. */
export interface ImageHduOptions {
  /** Pixel values in C order (last axis fastest); omit for an HDU without data. */
  data?: NumericArray;
  /** Shape [NAXISn, ..., NAXIS1]; default [data.length]. */
  shape?: number[];
  /** EXTNAME. */
  name?: string;
  /** Extra header cards (structural keywords among them are ignored). */
  header?: HeaderInput;
  /** BSCALE to write (data are then the stored integers). */
  bscale?: number;
  /** BZERO to write (data are then the stored integers). */
  bzero?: number | bigint;
  /** BLANK to write (integer data only). */
  blank?: number | bigint;
}

/** An image HDU to write (made by {@link imageHdu}). */
export interface ImageHduSpec {
  /** Discriminant. */
  kind: "image";
  /** Pixels in C order, or undefined for no data. */
  data: NumericArray | undefined;
  /** Shape [NAXISn, ..., NAXIS1]. */
  shape: number[];
  /** EXTNAME, when given. */
  name: string | undefined;
  /** Extra header cards. */
  cards: FitsCard[];
  /** BSCALE to write. */
  bscale?: number;
  /** BZERO to write. */
  bzero?: number | bigint;
  /** BLANK to write. */
  blank?: number | bigint;
}

/** One column to write. */
export interface ColumnInput {
  /** TTYPE. */
  name: string;
  /**
   * Values, row after row: a typed array (type decides TFORM: Float64Array D, Float32Array E,
   * Int16Array I, Int32Array J, BigInt64Array K, Uint8Array B; Int8Array, Uint16Array,
   * Uint32Array and BigUint64Array with the TZERO conventions), strings (A), booleans (L),
   * or one array per row for a variable-length column (P).
   */
  data: NumericArray | readonly string[] | readonly boolean[] | readonly (NumericArray | string)[];
  /** [nrows, ...per-row dims] in C order (as the reader returns it); default [data.length]. */
  shape?: number[];
  /**
   * TFORM type override: a code ("E" to store Float64Array data as float32, "L" for 0/1
   * bytes as logicals, "X" for 0/1 bytes as bits, "C"/"M" for interleaved complex,
   * "20A" for a string width, "PE"/"PA" for variable-length).
   */
  format?: string;
  /** TUNIT. */
  unit?: string;
  /** TDISP. */
  disp?: string;
  /** TNULL (integer columns). */
  nullValue?: number | bigint;
  /** TSCAL to write (data are then the stored values). */
  scale?: number;
  /** TZERO to write (data are then the stored values). */
  zero?: number;
}

/** Options of {@link binTableHdu}. */
export interface BinTableHduOptions {
  /** EXTNAME. */
  name?: string;
  /** The columns, in order. */
  columns: ColumnInput[];
  /** Extra header cards (structural and column keywords among them are ignored). */
  header?: HeaderInput;
}

/** A binary-table HDU to write (made by {@link binTableHdu}). */
export interface BinTableHduSpec {
  /** Discriminant. */
  kind: "bintable";
  /** EXTNAME, when given. */
  name: string | undefined;
  /** The columns in order. */
  columns: ColumnInput[];
  /** Extra header cards. */
  cards: FitsCard[];
}

/** Any HDU the writer takes. */
export type HduSpec = ImageHduSpec | BinTableHduSpec;

function toCards(header: HeaderInput | undefined): FitsCard[] {
  if (header === undefined) return [];
  const h = header instanceof FitsHeader ? header : new FitsHeader(header);
  return h.cards.map((c) => ({ ...c }));
}

/**
 * Describes an image HDU to write (the primary HDU when first, else an IMAGE extension).
 * Arrays are not copied until encoding.
 *
 * @param options - data, shape, name, header, optional BSCALE/BZERO/BLANK
 * @example
 * ```ts
 * const counts = imageHdu({ data: new Float32Array(200 * 300), shape: [200, 300], name: "COUNTS",
 *   header: [["BUNIT", "count", "pixel unit"]] });
 * ```
 */
export function imageHdu(options: ImageHduOptions = {}): ImageHduSpec {
  const spec: ImageHduSpec = {
    kind: "image",
    data: options.data,
    shape: options.shape ?? (options.data ? [options.data.length] : []),
    name: options.name,
    cards: toCards(options.header),
  };
  if (options.bscale !== undefined) spec.bscale = options.bscale;
  if (options.bzero !== undefined) spec.bzero = options.bzero;
  if (options.blank !== undefined) spec.blank = options.blank;
  return spec;
}

/**
 * Describes a binary-table HDU to write.
 *
 * @param options - name, columns, header
 * @example
 * ```ts
 * const gti = binTableHdu({ name: "GTI", columns: [
 *   { name: "START", data: new Float64Array([0]), unit: "s" },
 *   { name: "STOP", data: new Float64Array([1800]), unit: "s" },
 * ], header: [["MJDREFI", 51910, "reference MJD"]] });
 * ```
 */
export function binTableHdu(options: BinTableHduOptions): BinTableHduSpec {
  return { kind: "bintable", name: options.name, columns: options.columns, cards: toCards(options.header) };
}
