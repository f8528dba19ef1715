/**
 * Axis tables of map and spectrum files as plain columns: OGIP EBOUNDS (E_MIN, E_MAX),
 * OGIP ARF energies (ENERG_LO, ENERG_HI), Fermi ENERGIES and the GADF "BANDS" layout
 * (AXCOLSn / INTERPn keywords naming the columns of each non-spatial axis). Pure
 * functions from and to column arrays; the FITS adapter only moves the columns.
 */
import { DataError, isCompatible } from "@gammats/core";
import type { InterpScale } from "./interpolation-scale.js";
import { isInterpScale } from "./interpolation-scale.js";
import { MapAxis } from "./map-axis.js";
import { TimeMapAxis } from "./time-map-axis.js";

/** A numeric table column as read from a file (fits' `Float64Column` fits this). */
export interface AxisColumn {
  /** Values, one per row (or the row's vector). */
  readonly data: ArrayLike<number>;
  /** TUNIT; undefined or "" when dimensionless. */
  readonly unit?: string | undefined;
}

/** A header value written by the table builders. */
export type AxisHeaderValue = string | number;

/** Columns (in order) and header keywords of an axis table to write. */
export interface AxisTable {
  /** Columns by name, in writing order. */
  readonly columns: Record<string, { readonly data: Float64Array | Int16Array | Int32Array; readonly unit: string }>;
  /** Header keywords to set. */
  readonly header: Record<string, AxisHeaderValue>;
}

function column(columns: Readonly<Record<string, AxisColumn>>, name: string, what: string): AxisColumn {
  const c = columns[name];
  if (c === undefined) {
    throw new DataError(`${what}: column ${name} is missing`, {
      hint: `the table has ${Object.keys(columns).join(", ") || "no columns"}`,
    });
  }
  return c;
}

function edgesFromMinMax(lo: ArrayLike<number>, hi: ArrayLike<number>): Float64Array {
  const edges = new Float64Array(lo.length + 1);
  for (let i = 0; i < lo.length; i++) edges[i] = lo[i]!;
  edges[lo.length] = hi[hi.length - 1]!;
  return edges;
}

/**
 * Reconstructed-energy axis ("energy", log) from OGIP EBOUNDS columns: edges are E_MIN
 * plus the last E_MAX.
 *
 * @param columns - table columns; E_MIN and E_MAX are used
 * @returns the axis, in the unit of E_MIN
 * @throws DataError when a column is missing or empty
 * @example
 * ```ts
 * axisFromEbounds({ E_MIN: { data: [1, 10], unit: "TeV" }, E_MAX: { data: [10, 100], unit: "TeV" } }).nbin; // 2
 * ```
 */
export function axisFromEbounds(columns: Readonly<Record<string, AxisColumn>>): MapAxis {
  const lo = column(columns, "E_MIN", "EBOUNDS");
  const hi = column(columns, "E_MAX", "EBOUNDS");
  return MapAxis.fromEdges(edgesFromMinMax(lo.data, hi.data), { unit: lo.unit ?? "", name: "energy", interp: "log" });
}

/**
 * OGIP EBOUNDS table of an energy axis: CHANNEL (int16), E_MIN, E_MAX and the OGIP
 * header keywords.
 *
 * @param axis - axis named "energy"
 * @param unit - unit of the written energies (default: the axis unit; "keV" for Sherpa)
 * @returns columns and header
 * @throws DataError when the axis is not named "energy"
 * @example
 * ```ts
 * axisToEbounds(MapAxis.fromEnergyBounds(1, 10, 2)).columns.E_MAX.data; // [3.16..., 10]
 * ```
 */
export function axisToEbounds(axis: MapAxis, unit?: string): AxisTable {
  requireName(axis, "energy", "EBOUNDS");
  const u = unit ?? axis.unit;
  const edges = axis.edgesIn(u);
  return {
    columns: {
      CHANNEL: { data: Int16Array.from({ length: axis.nbin }, (_, i) => i), unit: "" },
      E_MIN: { data: edges.slice(0, axis.nbin), unit: u },
      E_MAX: { data: edges.slice(1), unit: u },
    },
    header: {
      EXTNAME: "EBOUNDS",
      TELESCOP: "DUMMY",
      INSTRUME: "DUMMY",
      FILTER: "None",
      CHANTYPE: "PHA",
      DETCHANS: axis.nbin,
      HDUCLASS: "OGIP",
      HDUCLAS1: "RESPONSE",
      HDUCLAS2: "EBOUNDS",
      HDUVERS: "1.2.0",
    },
  };
}

/**
 * True-energy axis ("energy_true", log) from OGIP ARF/RMF columns ENERG_LO, ENERG_HI.
 *
 * @param columns - table columns; ENERG_LO and ENERG_HI are used
 * @returns the axis, in the unit of ENERG_LO
 * @throws DataError when a column is missing or empty
 * @example
 * ```ts
 * axisFromArf({ ENERG_LO: { data: [1], unit: "TeV" }, ENERG_HI: { data: [2], unit: "TeV" } }).name; // "energy_true"
 * ```
 */
export function axisFromArf(columns: Readonly<Record<string, AxisColumn>>): MapAxis {
  const lo = column(columns, "ENERG_LO", "ARF");
  const hi = column(columns, "ENERG_HI", "ARF");
  return MapAxis.fromEdges(edgesFromMinMax(lo.data, hi.data), { unit: lo.unit ?? "", name: "energy_true", interp: "log" });
}

/**
 * OGIP ARF energy columns ENERG_LO, ENERG_HI of a true-energy axis.
 *
 * @param axis - axis named "energy_true"
 * @param unit - unit of the written energies (default: the axis unit)
 * @returns columns (no header keywords)
 * @throws DataError when the axis is not named "energy_true"
 * @example
 * ```ts
 * axisToArf(axis.rename("energy_true")).columns.ENERG_LO;
 * ```
 */
export function axisToArf(axis: MapAxis, unit?: string): AxisTable {
  requireName(axis, "energy_true", "ARF");
  const u = unit ?? axis.unit;
  const edges = axis.edgesIn(u);
  return {
    columns: {
      ENERG_LO: { data: edges.slice(0, axis.nbin), unit: u },
      ENERG_HI: { data: edges.slice(1), unit: u },
    },
    header: {},
  };
}

/**
 * True-energy node axis from a Fermi "ENERGIES" table (column ENERGY, Energy or energy),
 * in MeV as Gammapy reads it.
 *
 * @param columns - table columns
 * @returns a center axis "energy_true" (log) in MeV
 * @throws DataError when no energy column exists
 * @example
 * ```ts
 * axisFromEnergies({ Energy: { data: [100, 1000] } }).unit; // "MeV"
 * ```
 */
export function axisFromEnergies(columns: Readonly<Record<string, AxisColumn>>): MapAxis {
  const name = ["Energy", "ENERGY", "energy"].find((n) => columns[n] !== undefined);
  if (name === undefined) {
    throw new DataError("ENERGIES: no ENERGY column", { hint: `the table has ${Object.keys(columns).join(", ")}` });
  }
  return MapAxis.fromNodes(columns[name]!.data, { unit: "MeV", name: "energy_true", interp: "log" });
}

function requireName(axis: MapAxis, name: string, table: string): void {
  if (axis.name !== name) {
    throw new DataError(`${table}: axis must be named '${name}', got '${axis.name}'`, {
      hint: `rename the axis: axis.rename("${name}")`,
    });
  }
}

/** Sorted distinct values (NumPy's `unique`). */
function unique(data: ArrayLike<number>): Float64Array {
  const sorted = Float64Array.from(data).sort();
  let n = 0;
  for (let i = 0; i < sorted.length; i++) if (i === 0 || sorted[i] !== sorted[n - 1]) sorted[n++] = sorted[i]!;
  return sorted.slice(0, n);
}

/**
 * Non-spatial axes of a GADF map BANDS (or Fermi EBOUNDS/ENERGIES "gadf"-style) table:
 * for n = 1.. while AXCOLSn exists, "E_MIN,E_MAX" or "<NAME>_MIN,<NAME>_MAX" gives an
 * edges axis, a single column name a center axis, INTERPn its scale (default "lin");
 * time-unit columns with MJDREFI/MJDREFF/TIMESYS in the header give a TimeMapAxis.
 *
 * @param columns - table columns by name (one row per band)
 * @param header - the table's header keywords
 * @returns the axes in AXCOLS order
 * @throws DataError for missing columns, unknown scales or invalid nodes
 * @example
 * ```ts
 * axesFromGadfBands(columns, { AXCOLS1: "E_MIN,E_MAX", INTERP1: "log" })[0].name; // "energy"
 * ```
 */
export function axesFromGadfBands(
  columns: Readonly<Record<string, AxisColumn>>,
  header: Readonly<Record<string, unknown>>,
): (MapAxis | TimeMapAxis)[] {
  const axes: (MapAxis | TimeMapAxis)[] = [];
  for (let idx = 1; idx <= 5; idx++) {
    const axcols = header[`AXCOLS${idx}`];
    if (axcols === undefined || axcols === null) break;
    const names = String(axcols).split(",").map((s) => s.trim());
    const interp = String(header[`INTERP${idx}`] ?? "lin");
    if (!isInterpScale(interp)) {
      throw new DataError(`BANDS: INTERP${idx} = '${interp}' is not an interpolation scale`, { hint: "use lin, log or sqrt" });
    }
    const first = column(columns, names[0]!, "BANDS");
    let name = names[0] === "E_MIN" ? "energy" : names[0]!.replace("_MIN", "").toLowerCase();
    if (name === "theta") name = "rad"; // older files
    const unit = first.unit ?? "";
    if (names.length === 2 && header.MJDREFI !== undefined && unit !== "" && isCompatible(unit, "s")) {
      const ref = Number(header.MJDREFI) + Number(header.MJDREFF ?? 0);
      const scale = String(header.TIMESYS ?? "tt");
      const hi = column(columns, names[1]!, "BANDS");
      axes.push(new TimeMapAxis(unique(first.data), unique(hi.data), ref, { name, unit, scale }));
      continue;
    }
    if (names.length === 2) {
      const hi = column(columns, names[1]!, "BANDS");
      const edges = edgesFromMinMax(unique(first.data), unique(hi.data));
      axes.push(MapAxis.fromEdges(edges, { name, unit, interp: interp as InterpScale }));
    } else {
      axes.push(MapAxis.fromNodes(unique(first.data), { name, unit, interp: interp as InterpScale }));
    }
  }
  return axes;
}

/**
 * GADF BANDS table of non-spatial axes: CHANNEL, then per axis <NAME>, <NAME>_MIN,
 * <NAME>_MAX (ENERGY, E_MIN, E_MAX for "energy"), one row per combination of bins in
 * Gammapy's order (NumPy meshgrid "xy": axis 1 slowest, then axis 0, then 2, 3, ...),
 * and AXCOLSn / INTERPn keywords (plus MJDREFI, MJDREFF, TIMESYS for a time axis, in
 * the axis' own time scale).
 *
 * @param axes - the non-spatial axes, in map order
 * @returns columns and header
 * @throws DataError for an empty list
 * @example
 * ```ts
 * axesToGadfBands([MapAxis.fromEnergyBounds(1, 10, 2)]).header; // { AXCOLS1: "E_MIN,E_MAX", INTERP1: "log" }
 * ```
 */
export function axesToGadfBands(axes: readonly (MapAxis | TimeMapAxis)[]): AxisTable {
  if (axes.length === 0) throw new DataError("BANDS: no axes given", { hint: "give at least one non-spatial axis" });
  const shape = axes.map((a) => a.nbin);
  const total = shape.reduce((a, b) => a * b, 1);
  // meshgrid "xy" swaps the first two axes; ravel is C order over that shape.
  const order = axes.length >= 2 ? [1, 0, ...axes.map((_, i) => i).slice(2)] : [0];
  const binOf = axes.map(() => new Int32Array(total));
  for (let p = 0; p < total; p++) {
    let rest = p;
    for (let j = order.length - 1; j >= 0; j--) {
      const d = order[j]!;
      binOf[d]![p] = rest % shape[d]!;
      rest = Math.floor(rest / shape[d]!);
    }
  }
  const columns: AxisTable["columns"] = { CHANNEL: { data: Int32Array.from({ length: total }, (_, i) => i), unit: "" } };
  const header: Record<string, AxisHeaderValue> = {};
  axes.forEach((axis, i) => {
    const upper = axis.name.toUpperCase();
    const names = upper === "ENERGY" ? ["ENERGY", "E_MIN", "E_MAX"] : [upper, `${upper}_MIN`, `${upper}_MAX`];
    const values = [axis.centers, axis.edgesMin, axis.edgesMax];
    names.forEach((colname, k) => {
      const src = values[k]!;
      const data = new Float64Array(total);
      for (let p = 0; p < total; p++) data[p] = src[binOf[i]![p]!]!;
      columns[colname] = { data, unit: axis.unit };
    });
    const edgesLike = axis instanceof TimeMapAxis || axis.nodeType === "edges";
    header[`AXCOLS${i + 1}`] = edgesLike ? `${names[1]},${names[2]}` : names[0]!;
    header[`INTERP${i + 1}`] = axis.interp;
    if (axis instanceof TimeMapAxis) {
      const mjdInt = Math.floor(axis.referenceMjd);
      header.MJDREFI = mjdInt;
      header.MJDREFF = axis.referenceMjd - mjdInt;
      header.TIMESYS = axis.scale;
    }
  });
  return { columns, header };
}
