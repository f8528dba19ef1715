/**
 * Flux points and light curves as FITS tables (Gammapy's `FluxPoints.write` layout:
 * an empty primary HDU, then the table in "gadf-sed" or "lightcurve" format). The
 * estimators build the table; this file only moves it in and out of FITS, since the
 * estimators package does not depend on the FITS package.
 */
import { DataError } from "@gammats/core";
import { binTableHdu, columnToFloat64, imageHdu, readFitsSync, writeFitsSync } from "@gammats/fits";
import type { ColumnInput, FitsValue } from "@gammats/fits";
import { fluxPointsFromTable, fluxPointsToTable } from "@gammats/estimators";
import type { FluxPoints, FluxPointsTable, FromTableOptions, TableColumn, TableMeta, ToTableOptions } from "@gammats/estimators";

// Header keywords that describe the table itself rather than the flux points.
const STRUCTURAL = /^(XTENSION|BITPIX|NAXIS\d*|PCOUNT|GCOUNT|TFIELDS|EXTNAME|EXTVER|T(TYPE|FORM|UNIT|DIM|DISP|NULL|SCAL|ZERO)\d+|COMMENT|HISTORY|SIMPLE|EXTEND|)$/;

/** Options of {@link writeFluxPointsFits}. */
export interface WriteFluxPointsFitsOptions extends ToTableOptions {
  /** Replace an existing file (default false). */
  overwrite?: boolean;
}

/**
 * Writes flux points (or a light curve) to a FITS file, atomically.
 *
 * @param fp - the flux points
 * @param path - destination
 * @param options - SED type (default the points' own, "likelihood" for estimator
 *   results), format, overwrite
 * @throws IoError when the file exists without `overwrite`
 * @example
 * ```ts
 * writeFluxPointsFits(fp, "out/flux_points.fits", { overwrite: true });
 * ```
 */
export function writeFluxPointsFits(fp: FluxPoints, path: string, options: WriteFluxPointsFitsOptions = {}): void {
  const table = fluxPointsToTable(fp, options);
  const columns: ColumnInput[] = table.columns.map((c) => ({
    name: c.name,
    data: c.data,
    ...(c.shape.length > 1 ? { shape: c.shape } : {}),
    ...(c.unit === undefined || c.unit === "" ? {} : { unit: c.unit }),
  }));
  const header = Object.entries(table.meta) as [string, FitsValue][];
  writeFitsSync(path, [imageHdu(), binTableHdu({ columns, header })], { overwrite: options.overwrite ?? false });
}

/**
 * Reads the table of a flux-points FITS file (first binary table).
 *
 * @param path - the file
 * @returns columns and header keywords in the estimators' table form
 * @throws FitsError / IoError for unreadable files; DataError without a table
 */
export function readFluxPointsTable(path: string): FluxPointsTable {
  const file = readFitsSync(path);
  const hdu = file.hdus.find((h) => h.type === "bintable");
  if (hdu === undefined) throw new DataError(`${path} has no table HDU`, { hint: "give a file written by FluxPoints.write" });
  const columns: TableColumn[] = [];
  for (const col of hdu.readTable().all()) {
    const unit = col.unit === undefined ? {} : { unit: col.unit };
    if (col.kind === "logical") columns.push({ name: col.name, data: Array.from(col.data, (v) => v !== 0), shape: col.shape, ...unit });
    else if (col.kind === "number") columns.push({ name: col.name, data: columnToFloat64(col).data, shape: col.shape, ...unit });
  }
  const meta: TableMeta = {};
  for (const card of hdu.header) {
    if (STRUCTURAL.test(card.key)) continue;
    const v = card.value;
    if (typeof v === "string" || typeof v === "number" || typeof v === "boolean") meta[card.key] = v;
  }
  return { columns, meta };
}

/**
 * Reads flux points (or a light curve) from a FITS file.
 *
 * @param path - the file
 * @param options - SED type, format, reference model
 * @returns the flux points
 * @example
 * ```ts
 * readFluxPointsFits("out/flux_points.fits").energyRef; // [TeV]
 * ```
 */
export function readFluxPointsFits(path: string, options: FromTableOptions = {}): FluxPoints {
  return fluxPointsFromTable(readFluxPointsTable(path), options);
}
