/**
 * The observations behind a dataset (Gammapy's `meta_table`): one row whose columns hold
 * one value per observation — OBS_ID, TELESCOP, RA_PNT, ... — concatenated when datasets
 * are stacked (Gammapy's `hstack_columns`).
 */
import { DataError } from "@gammats/core";

/** Columns of the meta table: one value per observation, and the unit of each column. */
export interface MetaTable {
  /** Values by column name, one per observation (numbers or strings). */
  readonly columns: Readonly<Record<string, readonly (number | string)[]>>;
  /** Units by column name ("" or absent when dimensionless), e.g. { RA_PNT: "deg" }. */
  readonly units: Readonly<Record<string, string>>;
}

/**
 * A meta table for one observation.
 *
 * @param values - one value per column, e.g. { OBS_ID: 23523, TELESCOP: "HESS" }
 * @param units - units of columns, e.g. { RA_PNT: "deg" }
 * @returns the table
 * @example
 * ```ts
 * metaTableObsIds(createMetaTable({ OBS_ID: 23523 })); // [23523]
 * ```
 */
export function createMetaTable(values: Readonly<Record<string, number | string>>, units: Readonly<Record<string, string>> = {}): MetaTable {
  const columns: Record<string, (number | string)[]> = {};
  for (const [k, v] of Object.entries(values)) columns[k] = [v];
  return { columns, units: { ...units } };
}

/**
 * The observation ids in the table (column OBS_ID), empty when there is none.
 *
 * @param meta - the table, or null
 * @returns ids, one per observation
 */
export function metaTableObsIds(meta: MetaTable | null): (number | string)[] {
  return meta === null ? [] : [...(meta.columns["OBS_ID"] ?? [])];
}

/**
 * Concatenates the columns of two tables (Gammapy's `hstack_columns`, used when datasets
 * are stacked); the columns of the first table are kept.
 *
 * @param meta - first table
 * @param other - second table
 * @returns the stacked table
 * @throws DataError when the second table lacks a column of the first
 */
export function stackMetaTables(meta: MetaTable, other: MetaTable): MetaTable {
  const columns: Record<string, (number | string)[]> = {};
  for (const [k, v] of Object.entries(meta.columns)) {
    const w = other.columns[k];
    if (w === undefined) {
      throw new DataError(`cannot stack meta tables: column ${k} is missing in the second one`, {
        hint: `the tables must have the same columns (${Object.keys(meta.columns).join(", ")})`,
      });
    }
    columns[k] = [...v, ...w];
  }
  return { columns, units: { ...meta.units } };
}
