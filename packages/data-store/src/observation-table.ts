/**
 * The GADF observation index table (`obs-index.fits.gz`): one row of metadata per
 * observation, with selections by id, pointing cone, time range and column range.
 */
import { DataError, angularSeparation, metToMjd, metToTime, parseFrame, timeRefFromHeader, transformFrame } from "@gammats/core";
import type { FitsValue, Hdu } from "@gammats/fits";
import type { Time, TimeRef } from "@gammats/core";
import { describeIds } from "./hdu-index.js";
import { bandMask, gatherRows, maskToIndices } from "./row-selection.js";
import { headerRecord } from "./header-record.js";
import { float64Column, readFloat64Column } from "./table-columns.js";
import type { TableWhere } from "./table-columns.js";

// Columns converted to internal units when their TUNIT says otherwise (GADF obs-index).
const COLUMN_UNITS: Readonly<Record<string, string>> = {
  RA_PNT: "deg",
  DEC_PNT: "deg",
  GLON_PNT: "deg",
  GLAT_PNT: "deg",
  ALT_PNT: "deg",
  AZ_PNT: "deg",
  ZEN_PNT: "deg",
  RA_OBJ: "deg",
  DEC_OBJ: "deg",
  OFFSET_OBJ: "deg",
  TARGET_OFFSET: "deg",
  TSTART: "s",
  TSTOP: "s",
  ONTIME: "s",
  LIVETIME: "s",
  SAFE_ENERGY_LO: "TeV",
  SAFE_ENERGY_HI: "TeV",
};

/** A column of the observation table: numbers (internal units) or strings. */
export type ObsTableColumn = Float64Array | readonly string[];

/** Options of {@link ObservationTable.selectTimeRange}. */
export interface TimeRangeSelectOptions {
  /** Keep observations that overlap the range only partly (default false: fully inside). */
  partialOverlap?: boolean;
  /** Keep the observations outside the range instead (default false). */
  inverted?: boolean;
}

/**
 * The observation index: every column as a Float64Array (numeric; angles in deg, times in
 * s, energies in TeV) or a string array, plus the header keywords. Selections return new
 * tables with copied columns.
 *
 * @example
 * ```ts
 * const table = DataStore.fromDir("$GAMMAPY_DATA/hess-dl3-dr1").obsTable!;
 * const crab = table.selectCone("icrs", 83.633, 22.014, 5);
 * Array.from(crab.obsId);   // [23523, 23526, 23559, 23592]
 * ```
 */
export class ObservationTable {
  /** Columns by upper-case name, in file order. */
  readonly columns: ReadonlyMap<string, ObsTableColumn>;
  /** Header keywords (MJDREFI, TIMESYS, GEOLON, ...), upper-case keys. */
  readonly meta: Readonly<Record<string, FitsValue>>;
  /** Path of the index file, when read from one. */
  readonly file: string | undefined;
  /** Number of rows. */
  readonly length: number;

  /**
   * Builds a table from columns (all of the same length, OBS_ID among them).
   *
   * @param columns - columns by name (names are upper-cased)
   * @param meta - header keywords
   * @param file - source file for messages
   * @throws DataError when OBS_ID is missing or the lengths differ
   */
  constructor(columns: ReadonlyMap<string, ObsTableColumn>, meta: Readonly<Record<string, FitsValue>> = {}, file?: string) {
    const upper = new Map<string, ObsTableColumn>();
    for (const [name, col] of columns) upper.set(name.toUpperCase(), col);
    const ids = upper.get("OBS_ID");
    if (!(ids instanceof Float64Array)) {
      throw new DataError(`the observation index table${file ? ` ${file}` : ""} has no numeric OBS_ID column`, {
        hint: "GADF obs-index tables need an OBS_ID column",
      });
    }
    for (const [name, col] of upper) {
      if (col.length !== ids.length) {
        throw new DataError(`column ${name} has ${col.length} rows but OBS_ID has ${ids.length}`, {
          hint: "every column of the observation table needs one value per observation",
        });
      }
    }
    this.columns = upper;
    this.meta = meta;
    this.file = file;
    this.length = ids.length;
  }

  /**
   * Reads the observation index from its table HDU (scalar columns only; vector columns
   * are skipped because no selection uses them).
   *
   * @param hdu - the OBS_INDEX table
   * @param file - path, for messages
   * @throws DataError when OBS_ID is missing or a known column has an incompatible unit
   */
  static fromHdu(hdu: Hdu, file?: string): ObservationTable {
    const where: TableWhere = { file, hdu: hdu.name || String(hdu.index), table: "observation index" };
    const columns = new Map<string, ObsTableColumn>();
    const nrows = hdu.nrows;
    for (const info of hdu.columns) {
      const name = info.name.toUpperCase();
      const col = hdu.readColumn(info.name);
      if (col.shape.length !== 1 || col.shape[0] !== nrows) continue;
      if (col.kind === "string") columns.set(name, col.data);
      else if (col.kind === "number" || col.kind === "logical") {
        columns.set(name, float64Column(col, where, COLUMN_UNITS[name]));
      }
    }
    if (!columns.has("OBS_ID")) readFloat64Column(hdu, "OBS_ID", where); // throws the named error
    return new ObservationTable(columns, headerRecord(hdu.header), file);
  }

  /** OBS_ID per row. */
  get obsId(): Float64Array {
    return this.columns.get("OBS_ID") as Float64Array;
  }

  /** True when the table has this column (case-insensitive). */
  has(name: string): boolean {
    return this.columns.has(name.toUpperCase());
  }

  /**
   * A numeric column (internal units for the GADF columns: deg, s, TeV).
   *
   * @param name - column name, case-insensitive
   * @throws DataError naming the column and listing the present ones when absent or textual
   */
  column(name: string): Float64Array {
    const col = this.columns.get(name.toUpperCase());
    if (!(col instanceof Float64Array)) {
      throw new DataError(
        `the observation table${this.file ? ` ${this.file}` : ""} has no numeric column ${name.toUpperCase()}`,
        { hint: `columns present: ${[...this.columns.keys()].join(", ")}` },
      );
    }
    return col;
  }

  /**
   * A text column (e.g. OBJECT).
   *
   * @param name - column name, case-insensitive
   * @throws DataError naming the column when absent or numeric
   */
  strings(name: string): readonly string[] {
    const col = this.columns.get(name.toUpperCase());
    if (col === undefined || col instanceof Float64Array) {
      throw new DataError(`the observation table${this.file ? ` ${this.file}` : ""} has no text column ${name.toUpperCase()}`, {
        hint: `columns present: ${[...this.columns.keys()].join(", ")}`,
      });
    }
    return col;
  }

  /** Row of an observation id, or -1. */
  rowOf(obsId: number): number {
    return this.obsId.indexOf(obsId);
  }

  /**
   * The MET reference of TSTART/TSTOP (MJDREFI/MJDREFF, TIMESYS of the header).
   *
   * @throws DataError when the header has no time reference
   */
  get timeRef(): TimeRef {
    return timeRefFromHeader(this.meta, { source: `the observation index${this.file ? ` ${this.file}` : ""}` });
  }

  /** Start of each observation as an MJD in the reference's scale (TT for GADF) [d]. */
  get tstartMjd(): Float64Array {
    return metToMjd(this.column("TSTART"), this.timeRef);
  }

  /** Stop of each observation as an MJD in the reference's scale [d]. */
  get tstopMjd(): Float64Array {
    return metToMjd(this.column("TSTOP"), this.timeRef);
  }

  /**
   * Start time of one row as a `Time` (the file's scale).
   *
   * @param row - row index
   */
  timeStart(row: number): Time {
    return metToTime(this.column("TSTART")[row], this.timeRef);
  }

  /**
   * Stop time of one row as a `Time`.
   *
   * @param row - row index
   */
  timeStop(row: number): Time {
    return metToTime(this.column("TSTOP")[row], this.timeRef);
  }

  /**
   * A new table with the given rows, in the given order (copies).
   *
   * @param rows - row indices
   */
  selectRows(rows: ArrayLike<number>): ObservationTable {
    const columns = new Map<string, ObsTableColumn>();
    for (const [name, col] of this.columns) columns.set(name, gatherRows(col, rows));
    return new ObservationTable(columns, this.meta, this.file);
  }

  /**
   * The rows of these observation ids, in the order given (duplicates repeat, as astropy's
   * `loc` does in Gammapy's `select_obs_id`).
   *
   * @param ids - observation ids
   * @throws DataError naming every id that is not in the table
   * @example
   * ```ts
   * Array.from(table.selectObsIds([23592, 23523]).obsId);   // [23592, 23523]
   * ```
   */
  selectObsIds(ids: readonly number[]): ObservationTable {
    const rowById = new Map<number, number>();
    const obsId = this.obsId;
    for (let i = obsId.length - 1; i >= 0; i--) rowById.set(obsId[i], i);
    const rows: number[] = [];
    const missing: number[] = [];
    for (const id of ids) {
      const r = rowById.get(id);
      if (r === undefined) missing.push(id);
      else rows.push(r);
    }
    if (missing.length > 0) {
      const all = [...rowById.keys()].sort((a, b) => a - b);
      throw new DataError(
        `observation${missing.length > 1 ? "s" : ""} ${missing.join(", ")} ${missing.length > 1 ? "are" : "is"} not in the observation table${this.file ? ` ${this.file}` : ""}`,
        { hint: `remove ${missing.length > 1 ? "them" : "it"} from obs_ids / obs_file; the store has ${all.length} observations, ${describeIds(all)}` },
      );
    }
    return this.selectRows(rows);
  }

  /**
   * Observations whose pointing (RA_PNT, DEC_PNT) lies strictly within `radius` of a
   * position, as Gammapy's `select_sky_circle`.
   *
   * @param frame - frame of `lon`/`lat`: "icrs", "galactic" or "fk5"
   * @param lon - longitude of the centre [deg]
   * @param lat - latitude of the centre [deg]
   * @param radius - cone radius [deg]
   * @param inverted - keep the observations outside instead (default false)
   * @throws DataError for an unknown frame or a latitude outside [-90, 90]
   * @example
   * ```ts
   * table.selectCone("galactic", 184.557, -5.784, 2.5).length;   // 4 (H.E.S.S. DR1 Crab runs)
   * ```
   */
  selectCone(frame: string, lon: number, lat: number, radius: number, inverted = false): ObservationTable {
    const center = transformFrame(lon, lat, parseFrame(frame, "the cone selection"), "icrs");
    const sep = angularSeparation(this.column("RA_PNT"), this.column("DEC_PNT"), center.lon, center.lat);
    const mask = new Uint8Array(this.length);
    for (let i = 0; i < mask.length; i++) mask[i] = sep[i] < radius !== inverted ? 1 : 0;
    return this.selectRows(maskToIndices(mask));
  }

  /**
   * Observations inside a time range, from TSTART/TSTOP, as Gammapy's `select_time_range`:
   * `start <= TSTART and TSTOP <= stop`, or with `partialOverlap` `start <= TSTOP and
   * TSTART <= stop`.
   *
   * @param start - start of the range (any scale)
   * @param stop - end of the range
   * @param options - partial overlap, inversion
   * @throws DataError when the table has no time reference or no TSTART/TSTOP
   */
  selectTimeRange(start: Time, stop: Time, options: TimeRangeSelectOptions = {}): ObservationTable {
    const ref = this.timeRef;
    const t0 = start.toMet(ref);
    const t1 = stop.toMet(ref);
    const tstart = this.column("TSTART");
    const tstop = this.column("TSTOP");
    const mask = new Uint8Array(this.length);
    for (let i = 0; i < mask.length; i++) {
      const inside = options.partialOverlap ? t0 <= tstop[i] && t1 >= tstart[i] : t0 <= tstart[i] && t1 >= tstop[i];
      mask[i] = inside !== (options.inverted ?? false) ? 1 : 0;
    }
    return this.selectRows(maskToIndices(mask));
  }

  /**
   * Observations with `min <= column < max` (or `column == min` when min equals max, as
   * Gammapy's `select_range`).
   *
   * @param name - numeric column, e.g. "ALT_PNT" [deg] or "N_TELS"
   * @param min - lower bound (internal units)
   * @param max - upper bound (internal units)
   * @param inverted - keep the rows outside instead
   * @throws DataError when the column is missing
   */
  selectRange(name: string, min: number, max: number, inverted = false): ObservationTable {
    const values = this.column(name);
    const mask =
      Math.abs(max - min) <= 1e-8 + 1e-5 * Math.abs(max) // numpy.allclose defaults
        ? Uint8Array.from(values, (v) => (v === min ? 1 : 0))
        : bandMask(values, min, max);
    if (inverted) for (let i = 0; i < mask.length; i++) mask[i] ^= 1;
    return this.selectRows(maskToIndices(mask));
  }

  /** A short text summary, as Gammapy's. */
  summary(): string {
    const name = this.meta.OBSERVATORY_NAME ?? "N/A";
    return ["Observation table:", `Observatory name: '${String(name)}'`, `Number of observations: ${this.length}`].join("\n");
  }
}
