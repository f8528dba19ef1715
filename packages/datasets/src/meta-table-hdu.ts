/**
 * The META_TABLE HDU of dataset files as Gammapy writes it: one row, a column per key,
 * scalars for one observation and vectors (one value per observation) after stacking.
 */
import { binTableHdu } from "@gammats/fits";
import type { BinTableHduSpec, ColumnInput, Hdu } from "@gammats/fits";
import type { MetaTable } from "./meta-table.js";

/**
 * Describes the META_TABLE HDU.
 *
 * @param meta - the table
 * @returns the HDU description; integers without a unit are written as 64-bit integers
 *   (OBS_ID), other numbers as doubles, strings as characters
 */
export function metaTableHdu(meta: MetaTable): BinTableHduSpec {
  const columns: ColumnInput[] = [];
  for (const [name, values] of Object.entries(meta.columns)) {
    const n = values.length;
    const shape = n === 1 ? undefined : [1, n];
    const unit = meta.units[name];
    const base = { name, ...(shape ? { shape } : {}), ...(unit ? { unit } : {}) };
    if (values.every((v) => typeof v === "string")) {
      columns.push({ ...base, data: values as string[] });
    } else if (!unit && values.every((v) => typeof v === "number" && Number.isSafeInteger(v))) {
      columns.push({ ...base, data: BigInt64Array.from(values as number[], (v) => BigInt(v)) });
    } else {
      columns.push({ ...base, data: Float64Array.from(values, (v) => Number(v)) });
    }
  }
  return binTableHdu({ name: "META_TABLE", columns });
}

/**
 * Reads a META_TABLE HDU (first row; vector cells give one value per observation).
 *
 * @param hdu - the HDU
 * @returns the table (numeric and character columns; others are skipped)
 */
export function metaTableFromHdu(hdu: Hdu): MetaTable {
  const columns: Record<string, (number | string)[]> = {};
  const units: Record<string, string> = {};
  if (hdu.nrows === 0) return { columns, units };
  for (const info of hdu.columns) {
    const col = hdu.readColumn(info.name);
    const perRow = col.shape.slice(1).reduce((a, b) => a * b, 1);
    if (col.kind === "string") {
      // A character vector has a trailing string-width dimension.
      const count = col.data.length / Math.max(1, hdu.nrows);
      columns[col.name] = col.data.slice(0, count);
    } else if (col.kind === "number" || col.kind === "logical") {
      columns[col.name] = Array.from(col.data.subarray(0, perRow) as ArrayLike<number | bigint>, (v) => Number(v));
    } else {
      continue;
    }
    if (col.unit) units[col.name] = col.unit.trim();
  }
  return { columns, units };
}
