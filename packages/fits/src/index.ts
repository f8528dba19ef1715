/**
 * @gammats/fits — FITS read and write: headers, images, binary and ASCII tables, gzip.
 * No domain knowledge; the DL3/IRF readers build on it.
 *
 * @example
 * ```ts
 * import { readFitsSync } from "@gammats/fits";
 * const file = readFitsSync("hess_dl3_dr1_obs_id_020136.fits.gz");
 * const events = file.hdu("EVENTS");
 * events.header.getNumber("LIVETIME");           // 1521.02685546875
 * events.readFloat64("ENERGY").data;             // Float64Array [TeV]
 * ```
 *
 * @packageDocumentation
 */

// reading
export { readFits, readFitsSync, parseFits, isGzip } from "./read-fits.js";
export { FitsFile } from "./fits-file.js";
export { Hdu } from "./hdu.js";
export { BinTable } from "./bin-table.js";
export { FitsHeader, toCard } from "./header.js";
export { parseCard, parseValueField, parseNumberToken } from "./card.js";
export { columnToFloat64 } from "./column.js";
export { parseTform } from "./tform.js";

// writing
export { writeFits, writeFitsSync } from "./write-fits.js";
export { encodeFits, encodeFitsChunks } from "./encode-fits.js";
export { imageHdu, binTableHdu } from "./hdu-spec.js";
export { formatCard, formatFloat } from "./card-format.js";

export type { ReadFitsOptions } from "./read-fits.js";
export type { HduPlacement } from "./hdu.js";
export type { HduLayout } from "./hdu-layout.js";
export type { ColumnDecoder } from "./bin-table.js";
export type { CardInput } from "./header.js";
export type { FitsCard } from "./card.js";
export type {
  TableColumn,
  NumberColumn,
  StringColumn,
  LogicalColumn,
  BitColumn,
  ComplexColumn,
  VarLenColumn,
  Float64Column,
} from "./column.js";
export type { ColumnInfo } from "./column-info.js";
export type { AsciiColumnInfo } from "./ascii-table.js";
export type { ReadColumnOptions } from "./column-read.js";
export type { ImageData, ReadImageOptions } from "./image-read.js";
export type { Tform, TformCode } from "./tform.js";
export type { WriteFitsOptions } from "./write-fits.js";
export type { HduInput } from "./encode-fits.js";
export type {
  HeaderInput,
  ImageHduOptions,
  ImageHduSpec,
  ColumnInput,
  BinTableHduOptions,
  BinTableHduSpec,
  HduSpec,
} from "./hdu-spec.js";
export type { NumericArray, FitsValue, FitsComplex, CardKind, FitsWhere, HduType } from "./types.js";
