/**
 * Event lists (GADF EVENTS HDU): one typed array per column, selections as index arrays.
 */
import {
  DataError,
  INTERNAL_UNITS,
  angularSeparation,
  conversionFactor,
  metToMjd,
  parseFrame,
  physicalType,
  timeRefFromHeader,
  transformFrame,
} from "@gammats/core";
import type { Time, TimeRef, TimeScale } from "@gammats/core";
import type { FitsValue, Hdu, NumericArray } from "@gammats/fits";
import { columnToFloat64 } from "@gammats/fits";
import { bandMask, gatherRows, maskToIndices } from "./row-selection.js";
import { headerRecord } from "./header-record.js";

/** Columns every GADF event list has, with their internal units. */
export const REQUIRED_EVENT_COLUMNS: Readonly<Record<string, string>> = { TIME: "s", RA: "deg", DEC: "deg", ENERGY: "TeV" };

/** A sky position: longitude and latitude [deg] in a frame (default icrs). */
export interface SkyPosition {
  /** Longitude [deg]. */
  lon: number;
  /** Latitude [deg]. */
  lat: number;
  /** "icrs" (default), "galactic" or "fk5". */
  frame?: string;
}

/**
 * An event list: columns by upper-case name as typed arrays. Floating-point columns are
 * Float64Arrays in internal units (TIME s MET, RA/DEC and other angles deg, ENERGY TeV);
 * integer columns keep their type (EVENT_ID may be a BigInt64Array). Every selection
 * returns a new EventList whose arrays are copies.
 *
 * @example
 * ```ts
 * const events = store.obs(23523).events;
 * events.length;                                   // 7613
 * const high = events.selectEnergy(1, 10);         // 1 TeV <= E < 10 TeV
 * const near = events.selectCircle({ lon: 83.633, lat: 22.014 }, 0.2);
 * events.times("utc")[0];                          // MJD (UTC) of the first event
 * ```
 */
export class EventList {
  /** Columns by upper-case name, in file order. */
  readonly columns: ReadonlyMap<string, NumericArray>;
  /** Unit of each column after conversion ("" when none). */
  readonly units: ReadonlyMap<string, string>;
  /** EVENTS header keywords (upper-case keys). */
  readonly meta: Readonly<Record<string, FitsValue>>;
  /** The MET reference of TIME. */
  readonly timeRef: TimeRef;
  /** Number of events. */
  readonly length: number;

  /**
   * @param columns - one array per column, all of one length; TIME, RA, DEC, ENERGY required
   * @param units - unit per column (internal units for the required ones)
   * @param meta - header keywords
   * @param timeRef - reference of TIME
   * @throws DataError when a required column is missing or the lengths differ
   */
  constructor(
    columns: ReadonlyMap<string, NumericArray>,
    units: ReadonlyMap<string, string>,
    meta: Readonly<Record<string, FitsValue>>,
    timeRef: TimeRef,
  ) {
    const time = columns.get("TIME");
    for (const name of Object.keys(REQUIRED_EVENT_COLUMNS)) {
      if (!(columns.get(name) instanceof Float64Array)) {
        throw new DataError(`event list of observation ${String(meta.OBS_ID ?? "?")} has no floating-point column ${name}`, {
          hint: "GADF event lists need TIME, RA, DEC and ENERGY",
        });
      }
    }
    for (const [name, col] of columns) {
      if (col.length !== time!.length) {
        throw new DataError(`event column ${name} has ${col.length} rows, TIME has ${time!.length}`);
      }
    }
    this.columns = columns;
    this.units = units;
    this.meta = meta;
    this.timeRef = timeRef;
    this.length = time!.length;
  }

  /**
   * Reads an EVENTS HDU: scalar columns only (vector columns are skipped), floating-point
   * columns converted to internal units by their TUNIT.
   *
   * @param hdu - the EVENTS table
   * @param file - path, for messages
   * @throws DataError naming file, HDU and column for a missing required column, a unit
   *   of the wrong kind, or a missing time reference
   */
  static fromHdu(hdu: Hdu, file?: string): EventList {
    const where = `${file ? `file ${file}, ` : ""}HDU ${hdu.name || hdu.index}`;
    const columns = new Map<string, NumericArray>();
    const units = new Map<string, string>();
    const nrows = hdu.nrows;
    for (const info of hdu.columns) {
      const name = info.name.toUpperCase();
      const col = hdu.readColumn(info.name);
      if (col.shape.length !== 1 || col.shape[0] !== nrows) continue;
      if (col.kind !== "number" && col.kind !== "logical") continue;
      const unit = col.unit?.trim() ?? "";
      const isFloat = col.data instanceof Float32Array || col.data instanceof Float64Array;
      const required = REQUIRED_EVENT_COLUMNS[name];
      if (!isFloat && required === undefined) {
        columns.set(name, col.data);
        units.set(name, unit);
        continue;
      }
      const data = columnToFloat64(col).data;
      const target = required ?? internalUnit(unit);
      // A missing TUNIT on a required column means the GADF unit (CTA 1DC GTIs omit TUNIT).
      if (unit !== "" && target !== undefined && unit !== target) {
        let factor: number;
        try {
          factor = conversionFactor(unit, target);
        } catch (e) {
          throw new DataError(`event column ${name} has unit '${unit}', expected ${target} or a compatible unit (${where})`, {
            hint: `fix TUNIT of ${name}`,
            cause: e,
          });
        }
        if (factor !== 1) for (let i = 0; i < data.length; i++) data[i] *= factor;
      }
      // readColumn decodes a fresh array per call, so `data` is already this list's own.
      columns.set(name, data);
      units.set(name, target ?? unit);
    }
    for (const name of Object.keys(REQUIRED_EVENT_COLUMNS)) {
      if (!columns.has(name)) {
        throw new DataError(`the EVENTS table has no column ${name} (${where})`, {
          hint: `GADF event lists need TIME, RA, DEC and ENERGY; columns present: ${hdu.columns.map((c) => c.name).join(", ")}`,
        });
      }
    }
    const meta = headerRecord(hdu.header);
    return new EventList(columns, units, meta, timeRefFromHeader(hdu.header, { source: where }));
  }

  /** Event times, MET [s]. */
  get time(): Float64Array {
    return this.columns.get("TIME") as Float64Array;
  }

  /** Right ascensions, ICRS [deg]. */
  get ra(): Float64Array {
    return this.columns.get("RA") as Float64Array;
  }

  /** Declinations, ICRS [deg]. */
  get dec(): Float64Array {
    return this.columns.get("DEC") as Float64Array;
  }

  /** Reconstructed energies [TeV]. */
  get energy(): Float64Array {
    return this.columns.get("ENERGY") as Float64Array;
  }

  /** True when the list has this column (case-insensitive). */
  has(name: string): boolean {
    return this.columns.has(name.toUpperCase());
  }

  /**
   * A column as stored (typed array).
   *
   * @param name - column name, case-insensitive
   * @throws DataError listing the columns when absent
   */
  column(name: string): NumericArray {
    const col = this.columns.get(name.toUpperCase());
    if (col === undefined) {
      throw new DataError(`event list of observation ${String(this.meta.OBS_ID ?? "?")} has no column ${name.toUpperCase()}`, {
        hint: `columns present: ${[...this.columns.keys()].join(", ")}`,
      });
    }
    return col;
  }

  /**
   * A column as doubles (a copy for integer columns; the column itself for float ones).
   *
   * @param name - column name, case-insensitive
   * @throws DataError when absent
   */
  float64(name: string): Float64Array {
    const col = this.column(name);
    if (col instanceof Float64Array) return col;
    const out = new Float64Array(col.length);
    for (let i = 0; i < col.length; i++) out[i] = Number(col[i]);
    return out;
  }

  /**
   * Event times as MJD.
   *
   * @param scale - time scale of the output, default the file's (TT for GADF)
   * @returns a new Float64Array [d]
   */
  times(scale: TimeScale | string = this.timeRef.epoch.scale): Float64Array {
    return metToMjd(this.time, this.timeRef, scale);
  }

  /**
   * Pointing position from the header (RA_PNT, DEC_PNT) [deg].
   *
   * @throws DataError when the header lacks them
   */
  get pointing(): { ra: number; dec: number } {
    const ra = this.meta.RA_PNT;
    const dec = this.meta.DEC_PNT;
    if (typeof ra !== "number" || typeof dec !== "number") {
      throw new DataError(`event list of observation ${String(this.meta.OBS_ID ?? "?")} has no RA_PNT/DEC_PNT header keywords`, {
        hint: "add the pointing position (RA_PNT, DEC_PNT in deg) to the EVENTS header",
      });
    }
    return { ra, dec };
  }

  /** Angular distance of each event from the pointing position [deg]. */
  get offset(): Float64Array {
    const { ra, dec } = this.pointing;
    return angularSeparation(this.ra, this.dec, ra, dec);
  }

  /**
   * A new list with the given rows, in that order (copied arrays).
   *
   * @param rows - row indices
   */
  selectRows(rows: ArrayLike<number>): EventList {
    const columns = new Map<string, NumericArray>();
    for (const [name, col] of this.columns) columns.set(name, gatherRows(col, rows));
    return new EventList(columns, this.units, this.meta, this.timeRef);
  }

  /**
   * A new list with the rows whose mask entry is set.
   *
   * @param mask - one entry per event, non-zero to keep
   * @throws DataError when the mask length differs
   */
  selectMask(mask: Uint8Array): EventList {
    if (mask.length !== this.length) {
      throw new DataError(`mask has ${mask.length} entries for ${this.length} events`);
    }
    return this.selectRows(maskToIndices(mask));
  }

  /**
   * Events with `min <= ENERGY < max`.
   *
   * @param min - lower energy [TeV]
   * @param max - upper energy [TeV]
   */
  selectEnergy(min: number, max: number): EventList {
    return this.selectMask(bandMask(this.energy, min, max));
  }

  /**
   * Events with `start <= time < stop` (Gammapy's `select_time`).
   *
   * @param start - start (any scale)
   * @param stop - stop, exclusive
   */
  selectTime(start: Time, stop: Time): EventList {
    return this.selectTimeMet(start.toMet(this.timeRef), stop.toMet(this.timeRef));
  }

  /**
   * Events with `t0 <= TIME < t1`, bounds in MET of this list [s].
   *
   * @param t0 - start, MET [s]
   * @param t1 - stop, MET [s], exclusive
   */
  selectTimeMet(t0: number, t1: number): EventList {
    return this.selectMask(bandMask(this.time, t0, t1));
  }

  /**
   * Events with `min <= offset < max` from the pointing position.
   *
   * @param min - inner radius [deg]
   * @param max - outer radius [deg]
   * @throws DataError when the header lacks RA_PNT/DEC_PNT
   */
  selectOffset(min: number, max: number): EventList {
    return this.selectMask(bandMask(this.offset, min, max));
  }

  /**
   * Events strictly within `radius` of a sky position (spherical distance).
   *
   * @param center - position and frame (default icrs)
   * @param radius - circle radius [deg]
   * @throws DataError for an unknown frame or a bad latitude
   * @example
   * ```ts
   * events.selectCircle({ lon: 184.557, lat: -5.784, frame: "galactic" }, 0.3);
   * ```
   */
  selectCircle(center: SkyPosition, radius: number): EventList {
    const c = transformFrame(center.lon, center.lat, parseFrame(center.frame ?? "icrs", "selectCircle"), "icrs");
    const sep = angularSeparation(this.ra, this.dec, c.lon, c.lat);
    const mask = new Uint8Array(this.length);
    for (let i = 0; i < mask.length; i++) mask[i] = sep[i] < radius ? 1 : 0;
    return this.selectRows(maskToIndices(mask));
  }

  /**
   * Events with `min <= column < max` (Gammapy's `select_parameter`).
   *
   * @param name - column name
   * @param min - lower bound (column's unit, see {@link EventList.units})
   * @param max - upper bound, exclusive
   * @throws DataError when the column is absent
   */
  selectParameter(name: string, min: number, max: number): EventList {
    return this.selectMask(bandMask(this.float64(name), min, max));
  }
}

function internalUnit(unit: string): string | undefined {
  if (unit === "") return undefined;
  try {
    const type = physicalType(unit);
    return type === "energy" || type === "angle" || type === "time" ? INTERNAL_UNITS[type] : undefined;
  } catch {
    return undefined; // an unparsable TUNIT stays as written
  }
}
