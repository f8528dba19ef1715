/**
 * Encoding of one HDU into its header cards (mandatory keywords first, in the order the
 * standard requires) and its big-endian data bytes.
 */
import { FitsError } from "@gammats/core";
import { scatterField } from "./byte-order.js";
import type { FitsCard } from "./card.js";
import { prepareColumn } from "./column-encode.js";
import { toCard } from "./header.js";
import type { Hdu } from "./hdu.js";
import type { BinTableHduSpec, ImageHduSpec } from "./hdu-spec.js";
import { conventionZero, encodeNumbers } from "./numeric-encode.js";
import { userCards } from "./reserved-keys.js";

/** An HDU ready to be laid out in blocks. */
export interface EncodedHdu {
  /** All cards except END. */
  cards: FitsCard[];
  /** Data bytes without padding. */
  data: Uint8Array;
}

const BITPIX: Record<string, number> = { uint8: 8, int16: 16, int32: 32, int64: 64, float32: -32, float64: -64 };

function card(key: string, value: FitsCard["value"], comment = ""): FitsCard {
  return toCard({ key, value, comment });
}

/** EXTNAME card: the explicit name wins over one in the user header. */
function extnameCards(name: string | undefined, cards: readonly FitsCard[]): FitsCard[] {
  const given = cards.find((c) => c.key === "EXTNAME");
  if (name !== undefined) return [card("EXTNAME", name, given?.comment ?? "extension name")];
  return given ? [{ ...given }] : [];
}

/**
 * Encodes an image HDU.
 *
 * @param spec - the image description
 * @param primary - true when it is the first HDU of the file
 * @param index - HDU index, for errors
 * @throws FitsError when the shape does not match the data
 * @example
 * ```ts
 * encodeImage(imageHdu({ data: new Int16Array(6), shape: [2, 3] }), true, 0).cards[2];   // NAXIS = 2
 * ```
 */
export function encodeImage(spec: ImageHduSpec, primary: boolean, index: number): EncodedHdu {
  const { data, shape } = spec;
  const where = { hdu: index, key: "NAXIS" };
  if (shape.length > 999 || !shape.every((d) => Number.isSafeInteger(d) && d >= 0)) {
    throw new FitsError(`image shape [${shape.join(", ")}] must be at most 999 non-negative integers`, where);
  }
  const count = shape.length === 0 ? 0 : shape.reduce((a, b) => a * b, 1);
  if (count !== (data?.length ?? 0)) {
    throw new FitsError(`image shape [${shape.join(", ")}] holds ${count} values but the data have ${data?.length ?? 0}`, where);
  }
  const conv = data ? conventionZero(data) : { type: "uint8" as const };
  if (conv.zero !== undefined && (spec.bzero !== undefined || spec.bscale !== undefined)) {
    throw new FitsError("unsigned (or Int8Array) image data carry their own BZERO; give signed data with bscale/bzero", {
      hdu: index,
      key: "BZERO",
    });
  }
  const cards: FitsCard[] = [
    primary ? card("SIMPLE", true, "conforms to FITS standard") : card("XTENSION", "IMAGE", "image extension"),
    card("BITPIX", BITPIX[conv.type], "array data type"),
    card("NAXIS", shape.length, "number of array dimensions"),
  ];
  for (let i = 0; i < shape.length; i++) cards.push(card(`NAXIS${i + 1}`, shape[shape.length - 1 - i]));
  if (primary) cards.push(card("EXTEND", true));
  else cards.push(card("PCOUNT", 0, "number of parameters"), card("GCOUNT", 1, "number of groups"));
  cards.push(...extnameCards(spec.name, spec.cards));
  if (conv.zero !== undefined) {
    cards.push(card("BSCALE", 1), card("BZERO", conv.zero, "offset of the unsigned convention"));
  } else {
    if (spec.bscale !== undefined) cards.push(toCard({ key: "BSCALE", value: spec.bscale, kind: "float" }));
    if (spec.bzero !== undefined) cards.push(card("BZERO", spec.bzero));
    if (spec.blank !== undefined) cards.push(card("BLANK", spec.blank));
  }
  cards.push(...userCards(spec.cards));
  const bytes = data ? encodeNumbers(data, conv.type, conv.zero !== undefined, `HDU ${index}`) : new Uint8Array(0);
  return { cards, data: bytes };
}

/**
 * Encodes a binary-table HDU: rows of fixed fields, then the heap of variable-length columns.
 *
 * @param spec - the table description
 * @param index - HDU index, for errors
 * @throws FitsError when columns have different row counts or bad data
 * @example
 * ```ts
 * encodeBinTable(binTableHdu({ name: "GTI", columns }), 2).cards[3];   // NAXIS1 = 16
 * ```
 */
export function encodeBinTable(spec: BinTableHduSpec, index: number): EncodedHdu {
  const cols = spec.columns.map((c) => prepareColumn(c));
  if (cols.length > 999) throw new FitsError(`${cols.length} columns; FITS allows 999`, { hdu: index, key: "TFIELDS" });
  const nrows = cols.length ? cols[0].nrows : 0;
  for (const c of cols) {
    if (c.nrows !== nrows) {
      throw new FitsError(`column ${c.name} has ${c.nrows} rows but column ${cols[0].name} has ${nrows}`, { hdu: index, key: c.name });
    }
  }
  const rowBytes = cols.reduce((s, c) => s + c.width, 0);
  const heapSize = cols.reduce((s, c) => s + c.heap.length, 0);
  if (heapSize > 0x7fffffff) throw new FitsError("heap larger than 2 GiB", { hdu: index, key: "PCOUNT" });
  const data = new Uint8Array(rowBytes * nrows + heapSize);
  let offset = 0;
  let heapBase = 0;
  for (const c of cols) {
    scatterField(data, offset, rowBytes, nrows, c.width, c.fieldBytes(heapBase));
    data.set(c.heap, rowBytes * nrows + heapBase);
    offset += c.width;
    heapBase += c.heap.length;
  }
  const cards: FitsCard[] = [
    card("XTENSION", "BINTABLE", "binary table extension"),
    card("BITPIX", 8, "array data type"),
    card("NAXIS", 2, "number of array dimensions"),
    card("NAXIS1", rowBytes, "length of a row [bytes]"),
    card("NAXIS2", nrows, "number of rows"),
    card("PCOUNT", heapSize, "heap size [bytes]"),
    card("GCOUNT", 1, "number of groups"),
    card("TFIELDS", cols.length, "number of columns"),
    ...extnameCards(spec.name, spec.cards),
  ];
  cols.forEach((c, i) => {
    const n = i + 1;
    cards.push(card(`TTYPE${n}`, c.name), card(`TFORM${n}`, c.tform));
    if (c.unit !== undefined && c.unit !== "") cards.push(card(`TUNIT${n}`, c.unit));
    if (c.tdim !== undefined) cards.push(card(`TDIM${n}`, c.tdim));
    if (c.tnull !== undefined) cards.push(card(`TNULL${n}`, c.tnull));
    if (c.tscal !== undefined) cards.push(toCard({ key: `TSCAL${n}`, value: c.tscal, kind: "float" }));
    if (c.tzero !== undefined) cards.push(card(`TZERO${n}`, c.tzero));
    if (c.disp !== undefined && c.disp !== "") cards.push(card(`TDISP${n}`, c.disp));
  });
  cards.push(...userCards(spec.cards));
  return { cards, data };
}

/**
 * Re-encodes an HDU read from a file: images through their stored values (position in
 * the new file may differ), tables and other extensions byte for byte.
 *
 * @param hdu - the HDU as read
 * @param primary - true when it becomes the first HDU
 * @param index - HDU index, for errors
 * @throws FitsError when a non-image HDU would become the primary HDU
 * @example
 * ```ts
 * encodeReadHdu(file.hdu("GTI"), false, 1).data.length;   // 16
 * ```
 */
export function encodeReadHdu(hdu: Hdu, primary: boolean, index: number): EncodedHdu {
  if (hdu.type === "image") {
    const img = hdu.readImage({ raw: true });
    const h = hdu.header;
    const spec: ImageHduSpec = {
      kind: "image",
      data: img.shape.length ? img.data : undefined,
      shape: img.shape,
      name: hdu.index === 0 && hdu.name === "PRIMARY" ? undefined : hdu.name || undefined,
      cards: h.cards.map((c) => ({ ...c })),
    };
    const bscale = h.get("BSCALE");
    const bzero = h.get("BZERO");
    const blank = h.get("BLANK");
    if (typeof bscale === "number") spec.bscale = bscale;
    if (typeof bzero === "number" || typeof bzero === "bigint") spec.bzero = bzero;
    if (typeof blank === "number" || typeof blank === "bigint") spec.blank = blank;
    return encodeImage(spec, primary, index);
  }
  if (primary) throw new FitsError(`HDU ${hdu.index} (${hdu.type}) cannot be a primary HDU`, { hdu: index });
  return { cards: hdu.header.cards.map((c) => ({ ...c })), data: hdu.readRawData() };
}
