/**
 * Generic GADF DL3 I/O of IRF tables: one row, one `<PREFIX>_LO`/`<PREFIX>_HI` vector
 * pair per axis, and data column(s) whose cell holds the IRF with its first axis fastest
 * (TDIM in IRF axis order), as Gammapy's `IRF.from_table` / `IRF.to_table` read and write.
 */
import { FitsError, isCompatible, silentLogger } from "@gammats/core";
import type { Logger } from "@gammats/core";
import { parseUnit } from "@gammats/core";
import type { Hdu } from "@gammats/fits";
import { readDl3Axes } from "@gammats/maps";
import type { MapAxis } from "@gammats/maps";
import { reverseAxes } from "./axis-order.js";
import type { FovAlignment, IrfMeta } from "./irf-core.js";

/** Options of the IRF readers. */
export interface ReadIrfOptions {
  /** Path of the file, for error messages. */
  file?: string;
  /** Receives warnings (e.g. an assumed background unit). Default: silent. */
  logger?: Logger;
  /**
   * Keep non-finite data values (Gammapy keeps them and returns the fill value where they
   * matter). Default false: a NaN or infinite value is an error naming the bin.
   */
  allowNonFinite?: boolean;
}

/** One data column to read. */
export interface IrfColumnRequest {
  /** Accepted names, first present wins (e.g. ["BKG", "BGD"]). */
  names: readonly string[];
  /** Unit the data must convert to, e.g. "cm2". */
  unit: string;
  /** Unit assumed when TUNIT is missing or unreadable; without it that is an error. */
  assumeUnit?: string;
}

/** What {@link readIrfTable} reads. */
export interface IrfTableRequest {
  /** IRF tag, for messages. */
  tag: string;
  /** Axis names in data order. */
  requiredAxes: readonly string[];
  /** Data columns. */
  columns: readonly IrfColumnRequest[];
  /**
   * Also accept a cell stored last axis fastest (C order over the required axes), as
   * Gammapy does for backgrounds ("the present HESS and CTA files have a reverse
   * order"). Default false.
   */
  acceptReversedOrder?: boolean;
}

/** One data column as read: C order over the axes. */
export interface IrfColumnData {
  /** Column name found in the file. */
  name: string;
  /** Values in C order over the required axes [unit]. */
  data: Float64Array;
  /** TUNIT (or the assumed unit). */
  unit: string;
}

/** Contents of an IRF table. */
export interface IrfTableContents {
  /** Axes in the required order, in the file's units. */
  axes: MapAxis[];
  /** Data columns in the order requested. */
  columns: IrfColumnData[];
  /** Header keywords (without structural and column keywords). */
  meta: IrfMeta;
  /** HDUCLAS3 == "POINT-LIKE". */
  isPointlike: boolean;
  /** FOVALIGN, default "RADEC". */
  fovAlignment: FovAlignment;
}

// Unit each standard axis must convert to, checked on read.
const AXIS_UNITS: Record<string, string> = {
  energy: "TeV",
  energy_true: "TeV",
  offset: "deg",
  rad: "deg",
  fov_lon: "deg",
  fov_lat: "deg",
  migra: "",
};

const AXIS_COLUMN: Record<string, string> = {
  energy: "ENERG",
  energy_true: "ENERG (or ETRUE)",
  offset: "THETA",
  rad: "RAD",
  fov_lon: "DETX",
  fov_lat: "DETY",
  migra: "MIGRA",
};

import { isTableKeyword } from "./irf-table-write.js";

/**
 * Header keywords worth keeping from an IRF table: everything but structural, column
 * and commentary cards.
 *
 * @param hdu - the table HDU
 * @returns keyword → value (EXTNAME included)
 */
export function irfMetaFromHeader(hdu: Hdu): IrfMeta {
  const meta: IrfMeta = {};
  for (const card of hdu.header.cards) {
    if (card.kind === "commentary" || card.value === undefined || card.key === "") continue;
    if (isTableKeyword(card.key)) continue;
    if (!(card.key in meta)) meta[card.key] = card.value;
  }
  return meta;
}

function where(hdu: Hdu, options: ReadIrfOptions, key?: string): { file?: string; hdu: string | number; key?: string } {
  const w: { file?: string; hdu: string | number; key?: string } = { hdu: hdu.name || hdu.index };
  if (options.file !== undefined) w.file = options.file;
  if (key !== undefined) w.key = key;
  return w;
}

function readAxes(hdu: Hdu, request: IrfTableRequest, options: ReadIrfOptions): MapAxis[] {
  let all: MapAxis[];
  try {
    all = readDl3Axes(hdu);
  } catch (e) {
    throw new FitsError(
      `${request.tag}: bad axis columns: ${(e as Error).message}`,
      where(hdu, options),
      { hint: "axis columns <PREFIX>_LO/_HI must hold contiguous, strictly increasing bins; fix the file", cause: e },
    );
  }
  // Gammapy: a background table without HDUCLAS2 is read as "BKG" (ENERG = reco energy).
  if (!hdu.header.has("HDUCLAS2") && request.requiredAxes.includes("energy")) {
    all = all.map((a) => (a.name === "energy_true" ? a.rename("energy") : a));
  }
  return request.requiredAxes.map((name) => {
    const axis = all.find((a) => a.name === name);
    if (axis === undefined) {
      throw new FitsError(
        `${request.tag}: no '${name}' axis (columns ${AXIS_COLUMN[name] ?? name}_LO/_HI) in the table; found [${all.map((a) => a.name).join(", ")}]`,
        where(hdu, options),
        { hint: `a ${request.tag} table needs axes ${request.requiredAxes.join(", ")}` },
      );
    }
    const want = AXIS_UNITS[name];
    if (want !== undefined && !safeCompatible(axis.unit, want)) {
      const col = `${AXIS_COLUMN[name]?.split(" ")[0] ?? name}_LO`;
      throw new FitsError(
        `${request.tag}: axis '${name}' has unit '${axis.unit}', not convertible to '${want === "" ? "dimensionless" : want}'`,
        where(hdu, options, col),
        { hint: want === "" ? "migration is E_reco/E_true, without unit" : `set TUNIT of ${col} and its _HI column to e.g. '${want}'` },
      );
    }
    return axis;
  });
}

function safeCompatible(a: string, b: string): boolean {
  try {
    return isCompatible(a, b);
  } catch {
    return false;
  }
}

function isReadableUnit(unit: string): boolean {
  try {
    parseUnit(unit);
    return true;
  } catch {
    return false;
  }
}

function readColumn(
  hdu: Hdu,
  request: IrfTableRequest,
  col: IrfColumnRequest,
  axes: readonly MapAxis[],
  options: ReadIrfOptions,
): IrfColumnData {
  const name = col.names.find((n) => hdu.hasColumn(n));
  if (name === undefined) {
    throw new FitsError(
      `${request.tag}: data column ${col.names.join(" or ")} missing; columns are [${hdu.columns.map((c) => c.name).join(", ")}]`,
      where(hdu, options, col.names[0]),
      { hint: `add the ${col.names[0]} column or read the HDU with the IRF class that matches its columns` },
    );
  }
  const raw = hdu.readFloat64(name);
  const shape = axes.map((a) => a.nbin);
  const size = shape.reduce((a, b) => a * b, 1);
  const dims = raw.shape.slice(1);
  const cell = dims.reduce((a, b) => a * b, 1);
  if (raw.shape[0]! < 1 || cell !== size) {
    throw new FitsError(
      `${request.tag}: column ${name} holds ${raw.shape[0]! < 1 ? "no row" : `${cell} values per row`}, axes need ${size} (${shape.join(" × ")})`,
      where(hdu, options, name),
      { hint: "the data cell must have one value per bin of the axes" },
    );
  }
  const first = raw.data.subarray(0, size);
  const fitsOrder = dims.slice().reverse();
  const same = (a: readonly number[]): boolean => a.length === shape.length && a.every((v, i) => v === shape[i]);
  let data: Float64Array;
  if (dims.length <= 1 || same(fitsOrder)) {
    // GADF layout (first axis fastest), or a flat cell without TDIM: assume GADF.
    data = reverseAxes(first, shape.slice().reverse(), new Float64Array(size));
  } else if (request.acceptReversedOrder === true && same(dims)) {
    data = Float64Array.from(first);
  } else {
    throw new FitsError(
      `${request.tag}: column ${name} has TDIM (${fitsOrder.join(",")}), axes [${request.requiredAxes.join(", ")}] need (${shape.join(",")})`,
      where(hdu, options, name),
      { hint: "GADF stores the cell with the first IRF axis fastest: TDIM lists the axis lengths in IRF order" },
    );
  }
  let unit = raw.unit?.trim() ?? "";
  if (!safeCompatible(unit, col.unit)) {
    if (col.assumeUnit !== undefined && (unit === "" || !isReadableUnit(unit))) {
      (options.logger ?? silentLogger).warning(
        `${request.tag}: unit '${unit}' of column ${name} is missing or unreadable; assuming '${col.assumeUnit}'`,
      );
      unit = col.assumeUnit;
    } else {
      throw new FitsError(
        `${request.tag}: column ${name} has unit '${unit}', not convertible to '${col.unit === "" ? "dimensionless" : col.unit}'`,
        where(hdu, options, name),
        { hint: col.unit === "" ? "the column must be dimensionless (no TUNIT)" : `set its TUNIT to a unit like '${col.unit}'` },
      );
    }
  }
  if (options.allowNonFinite !== true) checkFinite(data, axes, request.tag, name, hdu, options);
  return { name, data, unit };
}

function checkFinite(
  data: Float64Array,
  axes: readonly MapAxis[],
  tag: string,
  column: string,
  hdu: Hdu,
  options: ReadIrfOptions,
): void {
  let bad = -1;
  let count = 0;
  for (let i = 0; i < data.length; i++) {
    if (!Number.isFinite(data[i]!)) {
      if (bad < 0) bad = i;
      count++;
    }
  }
  if (bad < 0) return;
  // Name the first bad bin by its axis indices and ranges.
  const parts: string[] = [];
  let rest = bad;
  for (let d = axes.length - 1; d >= 0; d--) {
    const a = axes[d]!;
    const i = rest % a.nbin;
    rest = Math.floor(rest / a.nbin);
    const e = a.edges;
    parts.unshift(`${a.name} bin ${i} [${fmt(e[i]!)}, ${fmt(e[i + 1]!)}]${a.unit ? ` ${a.unit}` : ""}`);
  }
  throw new FitsError(
    `${tag}: column ${column} has ${count} non-finite value(s), first ${data[bad]} at ${parts.join(", ")}`,
    where(hdu, options, column),
    { hint: "fix the file, or read with { allowNonFinite: true } to keep them (evaluation then returns the fill value there, as Gammapy)" },
  );
}

function fmt(v: number): string {
  return Number(v.toPrecision(6)).toString();
}

/**
 * Reads a GADF DL3 IRF table: the required axes (from `<PREFIX>_LO/_HI`), the data
 * column(s) of the first row in C order over the axes, header meta, point-like flag and
 * FoV alignment.
 *
 * @param hdu - the IRF table HDU
 * @param request - tag, required axes, data columns
 * @param options - file (for messages), logger, allowNonFinite
 * @returns axes (file units), columns (file units), meta and flags
 * @throws FitsError naming file, HDU and column for a missing axis or data column, an
 *   axis or data unit of the wrong kind, a cell whose shape does not fit the axes, bad
 *   (non-contiguous, non-monotonic) axis columns, non-finite data, or a bad FOVALIGN
 * @example
 * ```ts
 * const t = readIrfTable(file.hdu("AEFF"), {
 *   tag: "aeff_2d", requiredAxes: ["energy_true", "offset"], columns: [{ names: ["EFFAREA"], unit: "cm2" }],
 * });
 * t.columns[0].unit; // "m2"
 * ```
 */
export function readIrfTable(hdu: Hdu, request: IrfTableRequest, options: ReadIrfOptions = {}): IrfTableContents {
  // Runs that share an IRF file (CTA 1DC's irf_file.fits, decoded once by the data store's
  // file cache) share its HDU objects: the table is decoded once per HDU and request, and
  // every caller gets its own copy (own arrays; axes are immutable).
  // The reader's messages are kept and repeated to later callers, so that every caller
  // sees what a fresh read would tell it.
  const key = requestKey(request, options);
  let byRequest = decodedTables.get(hdu);
  const cached = byRequest?.get(key);
  if (cached !== undefined) {
    if (options.logger !== undefined) for (const [level, message] of cached.messages) options.logger[level](message);
    return copyContents(cached.contents);
  }
  const messages: [LogLevel, string][] = [];
  const logger = options.logger;
  const recording: Logger = {
    debug: (m) => (messages.push(["debug", m]), logger?.debug(m)),
    info: (m) => (messages.push(["info", m]), logger?.info(m)),
    warning: (m) => (messages.push(["warning", m]), logger?.warning(m)),
    error: (m) => (messages.push(["error", m]), logger?.error(m)),
  };
  const contents = decodeIrfTable(hdu, request, { ...options, logger: recording });
  if (byRequest === undefined) decodedTables.set(hdu, (byRequest = new Map()));
  byRequest.set(key, { contents, messages });
  return copyContents(contents);
}

type LogLevel = "debug" | "info" | "warning" | "error";

/** Tables decoded so far, by HDU (entries go with their file) and request, with the reader's messages. */
const decodedTables = new WeakMap<Hdu, Map<string, { contents: IrfTableContents; messages: [LogLevel, string][] }>>();

function requestKey(request: IrfTableRequest, options: ReadIrfOptions): string {
  return JSON.stringify([request, options.allowNonFinite ?? false]);
}

function copyContents(c: IrfTableContents): IrfTableContents {
  return {
    axes: [...c.axes],
    columns: c.columns.map((col) => ({ ...col, data: col.data.slice() })),
    meta: { ...c.meta },
    isPointlike: c.isPointlike,
    fovAlignment: c.fovAlignment,
  };
}

function decodeIrfTable(hdu: Hdu, request: IrfTableRequest, options: ReadIrfOptions): IrfTableContents {
  if (hdu.type !== "bintable") {
    throw new FitsError(`${request.tag}: HDU is a ${hdu.type}, not a binary table`, where(hdu, options), {
      hint: "IRFs are stored in binary table HDUs",
    });
  }
  const axes = readAxes(hdu, request, options);
  const columns = request.columns.map((c) => readColumn(hdu, request, c, axes, options));
  const meta = irfMetaFromHeader(hdu);
  const align = String(meta.FOVALIGN ?? "RADEC").trim().toUpperCase();
  if (align !== "RADEC" && align !== "ALTAZ") {
    throw new FitsError(`${request.tag}: FOVALIGN '${align}' is not RADEC or ALTAZ`, where(hdu, options, "FOVALIGN"), {
      hint: "set FOVALIGN to RADEC or ALTAZ",
    });
  }
  return {
    axes,
    columns,
    meta,
    isPointlike: String(meta.HDUCLAS3 ?? "").trim() === "POINT-LIKE",
    fovAlignment: align,
  };
}

export { gadfKeywords, irfTableHdu } from "./irf-table-write.js";
export type { IrfColumnOutput, IrfTableOutput, IrfToHduOptions } from "./irf-table-write.js";
