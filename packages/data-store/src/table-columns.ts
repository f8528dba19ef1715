/**
 * Reading index-table columns with errors that name the file, the HDU, the column and the
 * fix, instead of the bare FITS-level "no column" error.
 */
import { DataError, conversionFactor } from "@gammats/core";
import { columnToFloat64 } from "@gammats/fits";
import type { Hdu, TableColumn } from "@gammats/fits";

/** Where a table comes from, for messages. */
export interface TableWhere {
  /** File path. */
  file?: string | undefined;
  /** HDU name or index. */
  hdu?: string | undefined;
  /** What the table is ("HDU index", "observation index", "EVENTS"). */
  table: string;
}

/** "file x, HDU y" for messages. */
export function describeWhere(where: TableWhere): string {
  const parts = [where.file ? `file ${where.file}` : undefined, where.hdu ? `HDU ${where.hdu}` : undefined];
  return parts.filter(Boolean).join(", ");
}

function missingColumn(hdu: Hdu, name: string, where: TableWhere): DataError {
  const names = hdu.columns.map((c) => c.name).join(", ");
  return new DataError(`the ${where.table} table has no column ${name} (${describeWhere(where)})`, {
    hint: `the GADF format requires ${name}; columns present: ${names || "(none)"}`,
  });
}

/**
 * A numeric column as Float64Array, optionally converted to a unit.
 *
 * @param hdu - the table HDU
 * @param name - column name (case-insensitive)
 * @param where - file, HDU and table kind for messages
 * @param unit - convert to this unit (from TUNIT; assumed already in it when TUNIT is absent)
 * @throws DataError naming the column when it is missing, not numeric, or in an incompatible unit
 */
export function readFloat64Column(hdu: Hdu, name: string, where: TableWhere, unit?: string): Float64Array {
  if (!hdu.hasColumn(name)) throw missingColumn(hdu, name, where);
  return float64Column(hdu.readColumn(name), where, unit, name);
}

/**
 * {@link readFloat64Column} for a column already decoded (`hdu.readColumn`): no second
 * decoding of the same bytes.
 *
 * @param col - the decoded column (a fresh copy: unit conversion scales it in place)
 * @param where - file, HDU and table kind for messages
 * @param unit - convert to this unit (from TUNIT; assumed already in it when TUNIT is absent)
 * @param name - the column's name for messages (default: as the file spells it)
 * @throws DataError naming the column when it is not numeric or in an incompatible unit
 */
export function float64Column(col: TableColumn, where: TableWhere, unit?: string, name = col.name): Float64Array {
  if (col.kind === "string" || col.kind === "complex" || col.kind === "varlen") {
    throw new DataError(`column ${name} of the ${where.table} table is ${col.kind}, not numeric (${describeWhere(where)})`, {
      hint: `write ${name} as a numeric column`,
    });
  }
  const data = columnToFloat64(col).data;
  const from = col.unit?.trim();
  if (unit === undefined || from === undefined || from === "" || from === unit) return data;
  let factor: number;
  try {
    factor = conversionFactor(from, unit);
  } catch (e) {
    throw new DataError(`column ${name} of the ${where.table} table has unit '${from}', expected ${unit} (${describeWhere(where)})`, {
      hint: `write ${name} in ${unit} or a compatible unit`,
      cause: e,
    });
  }
  if (factor !== 1) for (let i = 0; i < data.length; i++) data[i] *= factor;
  return data;
}

/**
 * A character column as strings (trailing blanks removed by the reader).
 *
 * @param hdu - the table HDU
 * @param name - column name (case-insensitive)
 * @param where - file, HDU and table kind for messages
 * @throws DataError naming the column when it is missing or not a character column
 */
export function readStringColumn(hdu: Hdu, name: string, where: TableWhere): string[] {
  if (!hdu.hasColumn(name)) throw missingColumn(hdu, name, where);
  const col = hdu.readColumn(name);
  if (col.kind !== "string") {
    throw new DataError(`column ${name} of the ${where.table} table is ${col.kind}, not text (${describeWhere(where)})`, {
      hint: `write ${name} as a character column`,
    });
  }
  return col.data;
}
