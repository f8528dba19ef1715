/**
 * Hdu: one header-data unit of a file read into memory. The header is parsed when the
 * file is opened; the data are decoded only when asked for.
 */
import { FitsError } from "@gammats/core";
import { readAsciiColumn, readAsciiColumnInfos } from "./ascii-table.js";
import type { AsciiColumnInfo } from "./ascii-table.js";
import { BinTable } from "./bin-table.js";
import { readColumnInfos } from "./column-info.js";
import type { ColumnInfo } from "./column-info.js";
import { readBinColumn } from "./column-read.js";
import type { ReadColumnOptions, TableLayout } from "./column-read.js";
import { columnToFloat64 } from "./column.js";
import type { Float64Column, TableColumn } from "./column.js";
import type { FitsHeader } from "./header.js";
import type { HduLayout } from "./hdu-layout.js";
import { readImageData } from "./image-read.js";
import type { ImageData, ReadImageOptions } from "./image-read.js";
import type { FitsWhere, HduType } from "./types.js";

/** Where an HDU sits in the file. */
export interface HduPlacement {
  /** 0-based HDU index. */
  index: number;
  /** Byte offset of the header. */
  headerOffset: number;
  /** Byte offset of the data. */
  dataOffset: number;
}

/**
 * One HDU. Find it with `FitsFile.hdu("EVENTS")`; read data with {@link Hdu.readImage},
 * {@link Hdu.readTable} or, for one column, {@link Hdu.readColumn} / {@link Hdu.readFloat64}.
 *
 * @example
 * ```ts
 * const aeff = file.hdu("AEFF");
 * aeff.header.getString("HDUCLAS2");        // "EFF_AREA"
 * aeff.readFloat64("EFFAREA").shape;        // [1, 6, 96]
 * ```
 */
export class Hdu {
  /** 0-based index in the file (0 = primary). */
  readonly index: number;
  /** EXTNAME; "PRIMARY" for the primary HDU without EXTNAME; "" otherwise. */
  readonly name: string;
  /** EXTVER (1 when absent). */
  readonly version: number;
  /** "image" (primary or IMAGE), "bintable", "table" (ASCII) or "other". */
  readonly type: HduType;
  /** The header, parsed once. */
  readonly header: FitsHeader;
  /** Structural keywords (BITPIX, NAXISn, PCOUNT, GCOUNT) and data size. */
  readonly layout: HduLayout;
  /** Byte offset of the header in the (decompressed) file. */
  readonly headerOffset: number;
  /** Byte offset of the data. */
  readonly dataOffset: number;
  private readonly bytes: Uint8Array;
  private readonly where: FitsWhere;
  private columnCache: ColumnInfo[] | undefined;
  private tableCache: BinTable | undefined;

  /**
   * Built by the reader; users get HDUs from a {@link FitsFile}.
   *
   * @param bytes - the whole file
   * @param header - parsed header
   * @param layout - validated structure
   * @param placement - index and offsets
   * @param file - path, for error messages
   */
  constructor(bytes: Uint8Array, header: FitsHeader, layout: HduLayout, placement: HduPlacement, file?: string) {
    this.bytes = bytes;
    this.header = header;
    this.layout = layout;
    this.index = placement.index;
    this.headerOffset = placement.headerOffset;
    this.dataOffset = placement.dataOffset;
    this.type = layout.type;
    const extname = header.get("EXTNAME");
    this.name = typeof extname === "string" ? extname.trim() : placement.index === 0 ? "PRIMARY" : "";
    const extver = header.get("EXTVER");
    this.version = typeof extver === "number" && Number.isInteger(extver) ? extver : 1;
    this.where = file === undefined ? { hdu: placement.index } : { file, hdu: placement.index };
  }

  /** Data size without padding [bytes]. */
  get dataSize(): number {
    return this.layout.dataSize;
  }

  /** Number of rows of a table (NAXIS2); 0 for other HDUs. */
  get nrows(): number {
    return this.isTable() ? this.layout.axes[1] : 0;
  }

  /** Image shape [NAXISn, ..., NAXIS1] (C order); [] without data. */
  get shape(): number[] {
    return this.layout.axes.slice().reverse();
  }

  private isTable(): boolean {
    return this.type === "bintable" || this.type === "table";
  }

  private requireTable(what: string): void {
    if (!this.isTable()) {
      throw new FitsError(`${what} needs a table HDU, but HDU ${this.index} (${this.name || "unnamed"}) is ${this.type}`, this.where);
    }
  }

  /**
   * Column descriptors of a table HDU (parsed once).
   *
   * @throws FitsError when this is not a table or a TFORMn/TBCOLn is malformed
   */
  get columns(): readonly ColumnInfo[] {
    this.requireTable("columns");
    if (this.columnCache === undefined) {
      const rowBytes = this.layout.axes[0];
      this.columnCache =
        this.type === "bintable"
          ? readColumnInfos(this.header, rowBytes, this.where)
          : readAsciiColumnInfos(this.header, rowBytes, this.where);
    }
    return this.columnCache;
  }

  /** Row and heap placement of a binary table, THEAP validated. */
  private tableLayout(): TableLayout {
    const [rowBytes, nrows] = this.layout.axes;
    const rowsSize = rowBytes * nrows;
    const theapValue = this.header.get("THEAP");
    const theap = typeof theapValue === "number" ? theapValue : rowsSize;
    if (!Number.isInteger(theap) || theap < rowsSize || theap > this.layout.dataSize) {
      throw new FitsError(
        `THEAP = ${theap} must lie between the end of the rows (${rowsSize}) and the end of the data (${this.layout.dataSize})`,
        { ...this.where, key: "THEAP" },
      );
    }
    return {
      dataOffset: this.dataOffset,
      rowBytes,
      nrows,
      heapOffset: this.dataOffset + theap,
      heapSize: this.layout.dataSize - theap,
    };
  }

  private decodeColumn(info: ColumnInfo, options: ReadColumnOptions = {}): TableColumn {
    if (this.type === "table") {
      const [rowBytes, nrows] = this.layout.axes;
      return readAsciiColumn(this.bytes, this.dataOffset, rowBytes, nrows, info as AsciiColumnInfo, this.where);
    }
    return readBinColumn(this.bytes, this.tableLayout(), info, this.where, options);
  }

  /**
   * Decodes the image data.
   *
   * @param options - `raw: true` to skip BSCALE/BZERO/BLANK
   * @throws FitsError when this HDU is a table or holds random groups
   * @example
   * ```ts
   * const { data, shape } = file.hdu(0).readImage();   // shape [NAXIS2, NAXIS1]
   * ```
   */
  readImage(options: ReadImageOptions = {}): ImageData {
    if (this.type !== "image") {
      throw new FitsError(`readImage needs an image HDU, but HDU ${this.index} (${this.name || "unnamed"}) is ${this.type}`, this.where);
    }
    return readImageData(this.bytes, this.dataOffset, this.layout, this.header, this.where, options);
  }

  /**
   * The table of a BINTABLE or TABLE HDU; columns are decoded on first access and cached.
   *
   * @throws FitsError when this is not a table or its column keywords are malformed
   * @example
   * ```ts
   * const t = file.hdu("GTI").readTable();
   * t.float64("START").data;   // Float64Array
   * ```
   */
  readTable(): BinTable {
    this.requireTable("readTable");
    if (this.tableCache === undefined) {
      this.tableCache = new BinTable(this.nrows, this.columns, (info) => this.decodeColumn(info), this.where);
    }
    return this.tableCache;
  }

  /** True if this is a table with a column of that name (case-insensitive). */
  hasColumn(name: string): boolean {
    return this.isTable() && this.readTable().has(name);
  }

  /**
   * Decodes one column (a fresh copy, not cached), leaving the other columns untouched.
   *
   * @param name - column name (case-insensitive)
   * @param options - `raw: true` to skip TSCAL/TZERO/TNULL
   * @throws FitsError when there is no such column or its data are corrupt
   * @example
   * ```ts
   * const ids = file.hdu("EVENTS").readColumn("EVENT_ID");
   * ids.kind;   // "number"; ids.data is a BigInt64Array for TFORM 1K
   * ```
   */
  readColumn(name: string, options: ReadColumnOptions = {}): TableColumn {
    this.requireTable("readColumn");
    return this.decodeColumn(this.readTable().info(name), options);
  }

  /**
   * One numeric column as doubles (a fresh array): scaled, TNULL values NaN, shape [nrows, ...dims].
   *
   * @param name - column name (case-insensitive)
   * @throws FitsError when there is no such column or it is not numeric
   * @example
   * ```ts
   * file.hdu("EFFECTIVE AREA").readFloat64("EFFAREA");   // { data, shape: [1, 6, 42], unit: "m2" }
   * ```
   */
  readFloat64(name: string): Float64Column {
    return columnToFloat64(this.readColumn(name), this.where);
  }

  /**
   * One character column as strings.
   *
   * @param name - column name (case-insensitive)
   * @throws FitsError when there is no such column or it holds no characters
   * @example
   * ```ts
   * file.hdu("HDU_INDEX").readStrings("FILE_NAME")[0];   // "hess_dl3_dr1_obs_id_020136.fits.gz"
   * ```
   */
  readStrings(name: string): string[] {
    const col = this.readColumn(name);
    if (col.kind !== "string") {
      throw new FitsError(`column ${col.name} (TFORM ${col.info.format}) is not a character column`, {
        ...this.where,
        key: col.name,
      });
    }
    return col.data;
  }

  /** A copy of the raw (big-endian, unpadded) data bytes. */
  readRawData(): Uint8Array {
    // Uint8Array.prototype.slice copies even when `bytes` is a Buffer (whose slice is a view).
    return Uint8Array.prototype.slice.call(this.bytes, this.dataOffset, this.dataOffset + this.layout.dataSize);
  }
}
