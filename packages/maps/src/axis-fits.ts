/**
 * Thin FITS adapters for axes: read GADF DL3 LO/HI columns, GADF BANDS, OGIP EBOUNDS
 * and Fermi ENERGIES tables from an HDU, and describe such tables for the writer. All
 * logic lives in the pure functions of axis-lo-hi.ts and axis-tables.ts.
 */
import { DataError } from "@gammats/core";
import { binTableHdu } from "@gammats/fits";
import type { BinTableHduSpec, ColumnInput, Hdu } from "@gammats/fits";
import { DL3_AXIS_COLUMNS } from "./axis-names.js";
import { dl3AxisFromColumns, dl3AxisToColumns } from "./axis-lo-hi.js";
import { axesFromGadfBands, axesToGadfBands, axisFromArf, axisFromEbounds, axisFromEnergies, axisToEbounds } from "./axis-tables.js";
import type { AxisColumn, AxisTable } from "./axis-tables.js";
import type { MapAxis } from "./map-axis.js";
import type { TimeMapAxis } from "./time-map-axis.js";

/** Layouts of axis tables in map and spectrum files. */
export type AxisTableFormat = "gadf" | "ogip" | "ogip-arf" | "fgst-template";

function headerString(hdu: Hdu, key: string): string | undefined {
  const v = hdu.header.get(key);
  return v === undefined || v === null ? undefined : String(v).trim();
}

/**
 * Reads the axis stored under one GADF DL3 column prefix (first row of `<PREFIX>_LO` and
 * `<PREFIX>_HI`), named as GADF says for the HDU's HDUCLAS2.
 *
 * @param hdu - IRF table HDU, e.g. `file.hdu("EFFECTIVE AREA")`
 * @param prefix - "ENERG", "THETA", "MIGRA", "RAD", "DETX", "DETY" or "ETRUE"
 * @returns the axis
 * @throws FitsError when a column is missing; DataError for inconsistent columns
 * @example
 * ```ts
 * readDl3Axis(readFitsSync(path).hdu("AEFF"), "THETA").name; // "offset"
 * ```
 */
export function readDl3Axis(hdu: Hdu, prefix: string): MapAxis {
  const lo = hdu.readFloat64(`${prefix}_LO`);
  const hi = hdu.readFloat64(`${prefix}_HI`);
  // Vector columns in a one-row table: the first row holds the axis.
  const nLo = lo.shape.slice(1).reduce((a, b) => a * b, 1);
  const nHi = hi.shape.slice(1).reduce((a, b) => a * b, 1);
  return dl3AxisFromColumns(
    prefix,
    lo.data.subarray(0, nLo),
    hi.data.subarray(0, nHi),
    lo.unit ?? "",
    headerString(hdu, "HDUCLAS2"),
  );
}

/**
 * Reads every GADF DL3 axis of an IRF table, in the order of its columns.
 *
 * @param hdu - IRF table HDU
 * @returns the axes (e.g. energy_true, offset for an effective area)
 * @throws FitsError or DataError as {@link readDl3Axis}
 * @example
 * ```ts
 * readDl3Axes(file.hdu("EDISP")).map((a) => a.name); // ["energy_true", "migra", "offset"]
 * ```
 */
export function readDl3Axes(hdu: Hdu): MapAxis[] {
  const axes: MapAxis[] = [];
  for (const col of hdu.columns) {
    const name = col.name.trim().toUpperCase();
    if (!name.endsWith("_LO")) continue;
    const prefix = name.slice(0, -3);
    if (DL3_AXIS_COLUMNS[prefix] !== undefined && hdu.hasColumn(`${prefix}_HI`)) axes.push(readDl3Axis(hdu, prefix));
  }
  return axes;
}

/**
 * FITS columns (one row, vector cells) storing axes in GADF DL3 layout: `<PREFIX>_LO`,
 * `<PREFIX>_HI` per axis, as float64.
 *
 * @param axes - axes with DL3 names
 * @returns column descriptions for `binTableHdu`
 * @throws DataError for an axis without a DL3 column
 * @example
 * ```ts
 * binTableHdu({ name: "EFFECTIVE AREA", columns: [...dl3AxisColumnInputs([energy, offset]), aeffColumn] });
 * ```
 */
export function dl3AxisColumnInputs(axes: readonly MapAxis[]): ColumnInput[] {
  const columns: ColumnInput[] = [];
  for (const axis of axes) {
    const { prefix, lo, hi, unit } = dl3AxisToColumns(axis);
    columns.push({ name: `${prefix}_LO`, data: lo, shape: [1, lo.length], unit });
    columns.push({ name: `${prefix}_HI`, data: hi, shape: [1, hi.length], unit });
  }
  return columns;
}

/**
 * Reads the non-spatial axes of a map file's axis table.
 *
 * @param hdu - BANDS / EBOUNDS / ENERGIES table HDU
 * @param format - "gadf" (AXCOLSn keywords), "ogip" (E_MIN/E_MAX), "ogip-arf"
 *   (ENERG_LO/HI) or "fgst-template" (ENERGY nodes in MeV). Default "gadf".
 * @returns the axes
 * @throws FitsError or DataError for missing or inconsistent columns
 * @example
 * ```ts
 * readAxesTable(file.hdu("EBOUNDS"), "ogip")[0].name; // "energy"
 * ```
 */
export function readAxesTable(hdu: Hdu, format: AxisTableFormat = "gadf"): (MapAxis | TimeMapAxis)[] {
  const columns: Record<string, AxisColumn> = {};
  const read = (name: string): void => {
    if (hdu.hasColumn(name)) {
      const c = hdu.readFloat64(name);
      columns[name] = { data: c.data, unit: c.unit };
    }
  };
  if (format === "ogip") {
    ["E_MIN", "E_MAX"].forEach(read);
    return [axisFromEbounds(columns)];
  }
  if (format === "ogip-arf") {
    ["ENERG_LO", "ENERG_HI"].forEach(read);
    return [axisFromArf(columns)];
  }
  if (format === "fgst-template") {
    ["ENERGY", "Energy", "energy"].forEach(read);
    return [axisFromEnergies(columns)];
  }
  if (format !== "gadf") {
    throw new DataError(`unknown axis table format '${String(format)}'`, { hint: "use gadf, ogip, ogip-arf or fgst-template" });
  }
  const header: Record<string, unknown> = {};
  for (const key of hdu.header.keys()) {
    if (/^(AXCOLS|INTERP)\d$/.test(key) || key === "MJDREFI" || key === "MJDREFF" || key === "TIMESYS") {
      header[key] = hdu.header.get(key);
    }
  }
  for (let idx = 1; idx <= 5; idx++) {
    const axcols = header[`AXCOLS${idx}`];
    if (axcols === undefined || axcols === null) break;
    String(axcols).split(",").map((s) => s.trim()).forEach(read);
  }
  return axesFromGadfBands(columns, header);
}

function tableHdu(table: AxisTable, name: string): BinTableHduSpec {
  return binTableHdu({
    name,
    columns: Object.entries(table.columns).map(([colName, c]) => ({ name: colName, data: c.data, unit: c.unit })),
    header: Object.entries(table.header).filter(([k]) => k !== "EXTNAME").map(([k, v]) => [k, v] as [string, string | number]),
  });
}

/**
 * Describes a GADF BANDS table HDU for the writer.
 *
 * @param axes - non-spatial axes in map order
 * @param name - EXTNAME (default "BANDS"; "EBOUNDS" for Fermi-style counts cubes)
 * @returns the HDU description
 * @throws DataError for an empty list
 * @example
 * ```ts
 * writeFitsSync(path, [imageHdu({ data, shape }), bandsHdu([energyAxis])]);
 * ```
 */
export function bandsHdu(axes: readonly (MapAxis | TimeMapAxis)[], name = "BANDS"): BinTableHduSpec {
  return tableHdu(axesToGadfBands(axes), name);
}

/**
 * Describes an OGIP EBOUNDS table HDU for the writer.
 *
 * @param axis - reconstructed-energy axis
 * @param unit - unit of the written energies (default: the axis unit; "keV" for Sherpa)
 * @returns the HDU description
 * @throws DataError when the axis is not named "energy"
 * @example
 * ```ts
 * eboundsHdu(energyAxis, "keV");
 * ```
 */
export function eboundsHdu(axis: MapAxis, unit?: string): BinTableHduSpec {
  return tableHdu(axisToEbounds(axis, unit), "EBOUNDS");
}
