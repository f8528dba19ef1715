/**
 * BinTable: a table HDU's columns by name, decoded lazily one at a time and cached.
 */
import { FitsError } from "@gammats/core";
import type { ColumnInfo } from "./column-info.js";
import { findColumn } from "./column-info.js";
import { columnToFloat64 } from "./column.js";
import type { Float64Column, TableColumn } from "./column.js";
import type { FitsWhere } from "./types.js";

/** Decodes one column given its descriptor (supplied by the HDU). */
export type ColumnDecoder = (info: ColumnInfo) => TableColumn;

/**
 * The columns of a binary (or ASCII) table. Nothing is decoded until a column is asked
 * for; each decoded column is cached, so treat its arrays as read-only (use
 * `Hdu.readColumn` for a private copy).
 *
 * @example
 * ```ts
 * const events = file.hdu("EVENTS").readTable();
 * events.nrows;                          // 11243
 * events.float64("ENERGY").data;         // Float64Array [TeV]
 * events.column("EVENT_ID").data;        // BigInt64Array (TFORM 1K)
 * ```
 */
export class BinTable {
  /** Number of rows (NAXIS2). */
  readonly nrows: number;
  /** Column descriptors in field order. */
  readonly columns: readonly ColumnInfo[];
  private readonly decode: ColumnDecoder;
  private readonly where: FitsWhere;
  private readonly cache = new Map<number, TableColumn>();

  /**
   * @param nrows - number of rows
   * @param columns - column descriptors
   * @param decode - decoder of one column
   * @param where - file and HDU for error messages
   */
  constructor(nrows: number, columns: readonly ColumnInfo[], decode: ColumnDecoder, where: FitsWhere = {}) {
    this.nrows = nrows;
    this.columns = columns;
    this.decode = decode;
    this.where = where;
  }

  /** Column names in field order. */
  get names(): string[] {
    return this.columns.map((c) => c.name);
  }

  /** True if a column of this name exists (exact, then case-insensitive match). */
  has(name: string): boolean {
    return findColumn(this.columns, name) !== undefined;
  }

  /**
   * The descriptor of a column.
   *
   * @param name - column name (case-insensitive)
   * @throws FitsError listing the available columns when there is no such column
   */
  info(name: string): ColumnInfo {
    const info = findColumn(this.columns, name);
    if (info === undefined) {
      throw new FitsError(`no column ${name}; columns are ${this.names.join(", ") || "(none)"}`, {
        ...this.where,
        key: name,
      });
    }
    return info;
  }

  /**
   * A decoded column (cached).
   *
   * @param name - column name (case-insensitive)
   * @throws FitsError when there is no such column or its data are corrupt
   * @example
   * ```ts
   * const col = table.column("RPSF");
   * col.shape;   // [1, 144, 6, 32]
   * ```
   */
  column(name: string): TableColumn {
    return this.decoded(this.info(name));
  }

  private decoded(info: ColumnInfo): TableColumn {
    let col = this.cache.get(info.index);
    if (col === undefined) {
      col = this.decode(info);
      this.cache.set(info.index, col);
    }
    return col;
  }

  /**
   * A numeric column as Float64Array (scaled, nulls NaN), shape [nrows, ...dims].
   *
   * @param name - column name (case-insensitive)
   * @throws FitsError when there is no such column or it is not numeric
   * @example
   * ```ts
   * table.float64("ENERG_LO");   // { data: Float64Array(96), shape: [1, 96], unit: "TeV" }
   * ```
   */
  float64(name: string): Float64Column {
    return columnToFloat64(this.column(name), this.where);
  }

  /**
   * A character column as strings.
   *
   * @param name - column name (case-insensitive)
   * @throws FitsError when there is no such column or it is not a character column
   * @example
   * ```ts
   * table.strings("HDU_TYPE");   // ["events", "gti", "aeff", ...]
   * ```
   */
  strings(name: string): string[] {
    const col = this.column(name);
    if (col.kind !== "string") {
      throw new FitsError(`column ${col.name} (TFORM ${col.info.format}) is not a character column`, {
        ...this.where,
        key: col.name,
      });
    }
    return col.data;
  }

  /** Decodes every column (e.g. to measure or to copy a whole table). */
  all(): TableColumn[] {
    return this.columns.map((c) => this.decoded(c));
  }
}
