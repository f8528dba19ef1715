/**
 * Flux points as tables in Gammapy's layouts — "gadf-sed" (one row per energy bin, SED_TYPE
 * and UL_CONF in the header) and "lightcurve" (one row per time bin, energy as a vector
 * dimension) — as plain columns with units, ready for a FITS binary-table writer, and back.
 */
import { DataError, type Logger, conversionFactor, silentLogger } from "@gammats/core";
import { PowerLawSpectralModel, type SpectralModel } from "@gammats/modeling";
import { FluxPoints, type QuantityData, logCentres } from "./flux-points.js";
import {
  COMMON_QUANTITIES,
  type FluxSedType,
  PER_DATASET_QUANTITIES,
  type QuantityName,
  REQUIRED_COLUMNS,
  SED_UNITS,
  type SedType,
  guessSedType,
  nSigmaFromUlConfidence,
  referenceFluxes,
  sedColumnNames,
  ulConfidence,
} from "./sed-types.js";

/** One table column: values row after row (C order), shape [nrows, ...per-row dims]. */
export interface TableColumn {
  /** Column name (TTYPE). */
  name: string;
  /** Values; booleans for is_ul and success. */
  data: Float64Array | readonly boolean[];
  /** [nrows, ...per-row dims]. */
  shape: number[];
  /** Unit (TUNIT); "" dimensionless, undefined when Gammapy writes none. */
  unit?: string | undefined;
}

/** Header keywords of a table. */
export type TableMeta = Record<string, string | number | boolean>;

/** A flux-points table: columns in order and header keywords. */
export interface FluxPointsTable {
  columns: TableColumn[];
  meta: TableMeta;
}

/** Table layouts: "gadf-sed" (energy rows) or "lightcurve" (time rows, energy vectors). */
export type FluxPointsFormat = "gadf-sed" | "lightcurve";

/** Options of {@link fluxPointsToTable}. */
export interface ToTableOptions {
  /** SED type of the value columns; default the points' `sedTypeInit`. */
  sedType?: SedType;
  /** Default "gadf-sed" without a time axis, "lightcurve" with one. */
  format?: FluxPointsFormat;
}

/**
 * The table of flux points in Gammapy's column order and units.
 *
 * @param fp - the flux points
 * @param options - SED type and layout
 * @returns columns and header keywords
 * @throws DataError for "gadf-sed" with a time axis or "lightcurve" without one, or a
 *   flux SED type for points without energy bins
 * @example
 * ```ts
 * const table = fluxPointsToTable(fp, { sedType: "dnde" });
 * table.columns.map((c) => c.name);  // ["e_ref", "e_min", "e_max", "dnde", "dnde_err", ...]
 * table.meta;                        // { SED_TYPE: "dnde", UL_CONF: 0.9544997 }
 * ```
 */
export function fluxPointsToTable(fp: FluxPoints, options: ToTableOptions = {}): FluxPointsTable {
  const sedType = options.sedType ?? fp.meta.sedTypeInit;
  const format = options.format ?? (fp.timeMin ? "lightcurve" : "gadf-sed");
  const lightcurve = format === "lightcurve";
  if (lightcurve !== (fp.timeMin !== undefined)) {
    throw new DataError(`format '${format}' needs flux points ${lightcurve ? "with" : "without"} a time axis`, {
      hint: lightcurve ? "use 'gadf-sed' for flux points" : "use 'lightcurve' for light curves",
    });
  }
  const nt = fp.nTime;
  const ne = fp.nEnergy;
  const rowShape = lightcurve ? [nt, ne] : [ne];
  const columns: TableColumn[] = [];
  // k values per point (datasets, scan values) make a vector column, even when k is 1.
  const perPoint = (name: string, data: Float64Array, unit: string | undefined, k?: number) =>
    columns.push({ name, data, shape: k === undefined ? rowShape : [...rowShape, k], unit });
  const perEnergy = (name: string, values: Float64Array, unit: string | undefined) =>
    perPoint(name, lightcurve ? repeat(values, nt) : values, unit);

  if (lightcurve) {
    columns.push({ name: "time_min", data: fp.timeMin!, shape: [nt], unit: undefined });
    columns.push({ name: "time_max", data: fp.timeMax!, shape: [nt], unit: undefined });
  }
  perEnergy("e_ref", fp.energyRef, "TeV");
  if (fp.isConvertibleToFlux) {
    perEnergy("e_min", fp.energyMin, "TeV");
    perEnergy("e_max", fp.energyMax, "TeV");
  }
  const names = sedColumnNames(sedType);
  if (sedType === "likelihood") {
    const ref = fp.referenceFluxes;
    perEnergy("ref_dnde", ref.dnde, SED_UNITS.dnde);
    perEnergy("ref_flux", ref.flux, SED_UNITS.flux);
    perEnergy("ref_eflux", ref.eflux, SED_UNITS.eflux);
    const values: [string, Float64Array | undefined][] = [
      [names.value, fp.norm],
      [names.err, fp.normErr],
      [names.errn, fp.normErrn],
      [names.errp, fp.normErrp],
      [names.ul, fp.normUl],
    ];
    for (const [name, data] of values) if (data) perPoint(name, data, "");
  } else {
    const sed = fp.sed(sedType);
    const unit = SED_UNITS[sedType];
    const values: [string, Float64Array | undefined][] = [
      [names.value, sed.value],
      [names.err, sed.err],
      [names.errp, sed.errp],
      [names.errn, sed.errn],
      [names.ul, sed.ul],
    ];
    for (const [name, data] of values) if (data) perPoint(name, data, unit);
  }
  for (const q of COMMON_QUANTITIES) {
    if (q === "is_ul") {
      columns.push({ name: q, data: Array.from(fp.isUl, Boolean), shape: rowShape, unit: undefined });
    } else if (q === "success") {
      const s = fp.success;
      if (s) columns.push({ name: q, data: Array.from(s, Boolean), shape: rowShape, unit: "" });
    } else {
      const data = q === "sqrt_ts" ? fp.sqrtTs : fp.has(q) ? Float64Array.from(fp.raw(q)!) : undefined;
      const k = PER_DATASET_QUANTITIES.includes(q) ? fp.valuesPerPoint(q) : undefined;
      // Gammapy's stat column loses its (empty) unit when the scan columns rewrite it.
      const unitless = q === "stat" ? fp.statScan !== undefined && fp.normScan !== undefined : q === "stat_null" || q === "niter";
      if (data) perPoint(q, data, unitless ? undefined : "", k);
    }
  }
  const scan = fp.statScan;
  if (scan && fp.normScan) {
    const ns = fp.normScan.length;
    const normScan = repeat(fp.normScan, nt * ne);
    if (sedType === "likelihood") perPoint("stat_scan", scan, undefined, ns);
    perPoint("norm_scan", normScan, "", ns);
    if (sedType !== "likelihood") perPoint("stat_scan", scan, undefined, ns);
  }
  const meta: TableMeta = {};
  // Gammapy's light-curve tables are stacked from per-bin tables and lose the header.
  if (!lightcurve) {
    meta.SED_TYPE = sedType;
    if (fp.meta.nSigmaUl) meta.UL_CONF = ulConfidence(fp.meta.nSigmaUl);
  }
  return { columns, meta };
}

/** Options of {@link fluxPointsFromTable}. */
export interface FromTableOptions {
  /** SED type of the table; default its SED_TYPE keyword, else guessed from the columns. */
  sedType?: SedType;
  /** Default "lightcurve" when the table has time_min, else "gadf-sed". */
  format?: FluxPointsFormat;
  /**
   * Model the fluxes refer to. Flux SED types need one (default: a power law of index 2,
   * with a warning, as Gammapy); likelihood tables use their ref_* columns without one.
   */
  referenceModel?: SpectralModel;
  /** Where the warning about the default model goes. */
  logger?: Logger;
}

/**
 * Flux points from a table in the "gadf-sed" or "lightcurve" layout (Gammapy's
 * `FluxPoints.from_table`). Units are converted to TeV, cm and s. The energy bins are
 * the e_min values and the last e_max; reference energies are their log centres.
 *
 * @param table - columns and header keywords
 * @param options - SED type, layout, reference model
 * @returns the flux points (norms of the reference model)
 * @throws DataError when the SED type cannot be determined or required columns are missing
 * @throws UnitError when a column's unit does not convert
 */
export function fluxPointsFromTable(table: FluxPointsTable, options: FromTableOptions = {}): FluxPoints {
  const byName = new Map(table.columns.map((c) => [c.name, c]));
  const names = [...byName.keys()];
  const format = options.format ?? (byName.has("time_min") ? "lightcurve" : "gadf-sed");
  const metaType = table.meta.SED_TYPE;
  const sedType = options.sedType ?? (typeof metaType === "string" ? (metaType as SedType) : guessSedType(names));
  if (sedType === undefined || !(sedType in REQUIRED_COLUMNS)) {
    throw new DataError(`cannot tell the SED type of a table with columns ${names.join(", ")}`, {
      hint: "give options.sedType or a SED_TYPE keyword",
    });
  }
  const missing = REQUIRED_COLUMNS[sedType].filter((c) => !(byName.has(c) || (c === "e_ref" && byName.has("e_min"))));
  if (missing.length > 0) {
    throw new DataError(`a '${sedType}' flux-points table needs the columns ${missing.join(", ")}`, {
      hint: "check the column names (Gammapy's gadf-sed layout)",
    });
  }
  const lightcurve = format === "lightcurve";
  const nt = lightcurve ? byName.get("time_min")!.shape[0]! : 1;
  const read = (name: string, unit?: string): Float64Array | undefined => {
    const c = byName.get(name);
    if (c === undefined) return undefined;
    const f = unit !== undefined && c.unit ? conversionFactor(c.unit, unit) : 1;
    return Float64Array.from(c.data as ArrayLike<number>, (v) => Number(v) * f);
  };
  const firstRow = (name: string, unit?: string) => {
    const v = read(name, unit);
    return v === undefined ? undefined : firstTimeRow(v, nt, name);
  };
  const eMin = firstRow("e_min", "TeV");
  const eMax = firstRow("e_max", "TeV");
  const energyEdges = eMin && eMax ? [...eMin, eMax[eMax.length - 1]!] : undefined;
  const energyRef = energyEdges ? undefined : firstRow("e_ref", "TeV");

  const data: Partial<Record<QuantityName, QuantityData>> = {};
  let referenceModel = options.referenceModel;
  let stored: FluxPoints["referenceFluxes"] | undefined;
  if (sedType === "likelihood") {
    for (const q of ["norm", "norm_err", "norm_errn", "norm_errp", "norm_ul"] as const) {
      const v = read(q);
      if (v) data[q] = v;
    }
    if (referenceModel === undefined) {
      const dnde = firstRow("ref_dnde", SED_UNITS.dnde)!;
      const eRef = firstRow("e_ref", "TeV")!;
      stored = {
        dnde,
        e2dnde: Float64Array.from(dnde, (v, i) => v * eRef[i]! * eRef[i]!),
        flux: firstRow("ref_flux", SED_UNITS.flux)!,
        eflux: firstRow("ref_eflux", SED_UNITS.eflux)!,
      };
    }
  } else {
    if (referenceModel === undefined) {
      (options.logger ?? silentLogger).warning(
        "No reference model set for the flux points; assuming a power law of index 2 (as Gammapy).",
      );
      referenceModel = new PowerLawSpectralModel({ index: 2 });
    }
    const ne = energyEdges ? energyEdges.length - 1 : energyRef!.length;
    const centres = energyRef ?? logCentres(energyEdges!);
    const ref = energyEdges
      ? referenceFluxes(referenceModel, energyEdges.slice(0, -1), energyEdges.slice(1), centres)
      : referenceFluxes(referenceModel, [], [], centres);
    const sedNames = sedColumnNames(sedType);
    const factor = ref[sedType as FluxSedType];
    const toNorm: [string, QuantityName][] = [
      [sedNames.value, "norm"],
      [sedNames.err, "norm_err"],
      [sedNames.errn, "norm_errn"],
      [sedNames.errp, "norm_errp"],
      [sedNames.ul, "norm_ul"],
    ];
    for (const [col, q] of toNorm) {
      const v = read(col, SED_UNITS[sedType as FluxSedType]);
      if (v) data[q] = v.map((x, i) => x / factor[i % ne]!);
    }
  }
  let datasetNames: string[] = [];
  for (const q of COMMON_QUANTITIES) {
    const c = byName.get(q);
    if (c === undefined) continue;
    if (q === "is_ul" || q === "success") data[q] = Uint8Array.from(c.data as ArrayLike<number | boolean>, (v) => (v ? 1 : 0));
    else data[q] = read(q)!;
    if (PER_DATASET_QUANTITIES.includes(q)) {
      const k = c.shape.slice(lightcurve ? 2 : 1).reduce((a, b) => a * b, 1);
      datasetNames = Array.from({ length: k }, (_, i) => String(i));
    }
  }
  let normScan: Float64Array | undefined;
  const scan = byName.get("stat_scan");
  if (sedType === "likelihood" && scan && byName.has("norm_scan")) {
    const ns = scan.shape[scan.shape.length - 1]!;
    normScan = read("norm_scan")!.slice(0, ns);
    data.stat_scan = read("stat_scan")!;
  }
  const ulConf = table.meta.UL_CONF;
  return new FluxPoints({
    energyEdges,
    ...(energyRef ? { energyRef } : {}),
    ...(lightcurve ? { timeMin: read("time_min")!, timeMax: read("time_max")! } : {}),
    datasetNames,
    ...(normScan ? { normScan } : {}),
    data,
    referenceModel,
    referenceFluxes: stored,
    meta: {
      sedTypeInit: sedType,
      nSigmaUl: typeof ulConf === "number" ? nSigmaFromUlConfidence(ulConf) : undefined,
    },
  });
}

/** Writes a table somewhere (e.g. a FITS file through @gammats/fits); injected by the caller. */
export type TableWriter = (path: string, table: FluxPointsTable) => void;

/** Reads a table from somewhere; injected by the caller. */
export type TableReader = (path: string) => FluxPointsTable;

/**
 * Writes flux points through a table writer (estimators do not depend on the FITS package).
 *
 * @param fp - the flux points
 * @param path - destination
 * @param writeTable - the writer, e.g. `(p, t) => writeFitsSync(p, [imageHdu({}), binTableHdu({ columns: t.columns, header: Object.entries(t.meta) })])`
 * @param options - SED type and layout
 */
export function writeFluxPoints(fp: FluxPoints, path: string, writeTable: TableWriter, options: ToTableOptions = {}): void {
  writeTable(path, fluxPointsToTable(fp, options));
}

/**
 * Reads flux points through a table reader.
 *
 * @param path - source
 * @param readTable - the reader
 * @param options - SED type, layout, reference model
 * @returns the flux points
 */
export function readFluxPoints(path: string, readTable: TableReader, options: FromTableOptions = {}): FluxPoints {
  return fluxPointsFromTable(readTable(path), options);
}

function repeat(values: Float64Array, times: number): Float64Array {
  const out = new Float64Array(values.length * times);
  for (let i = 0; i < times; i++) out.set(values, i * values.length);
  return out;
}

// Gammapy keeps a per-time-bin energy column only when all time bins agree (flat_if_equal).
function firstTimeRow(values: Float64Array, nt: number, name: string): Float64Array {
  const n = values.length / nt;
  const first = values.slice(0, n);
  for (let i = n; i < values.length; i++) {
    if (values[i] !== first[i % n]) {
      throw new DataError(`column '${name}' differs between time bins`, { hint: "all time bins must share the energy bins" });
    }
  }
  return first;
}
