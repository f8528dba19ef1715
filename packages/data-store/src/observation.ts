/**
 * One observation (run) of a data store: lazily loaded events, GTIs and IRFs, metadata
 * from the EVENTS header, and an optional time filter.
 */
import { DataError, GammatsError, icrsToAltAz, metToTime, silentLogger, timeRefFromHeader } from "@gammats/core";
import type { AltAz, EarthLocation, Logger, Time } from "@gammats/core";
import type { Hdu } from "@gammats/fits";
import { EventList } from "./event-list.js";
import type { FitsFileCache } from "./fits-cache.js";
import { GTI } from "./gti.js";
import { headerRecord } from "./header-record.js";
import type { HduLocation } from "./hdu-index.js";
import { HDU_TYPES } from "./hdu-index.js";
import { loadIrf } from "./irf-loader.js";
import type { Irf } from "./irf-loader.js";
import { locationFromMeta, metaNumber, metaString, pointingFromMeta, pointingModeFromMeta } from "./observation-info.js";
import type { MetaRecord, Pointing, PointingMode } from "./observation-info.js";

/** IRF HDU types an observation may have. */
export const IRF_TYPES = ["aeff", "edisp", "psf", "bkg", "rad_max"] as const;

/** One of {@link IRF_TYPES}. */
export type IrfType = (typeof IRF_TYPES)[number];

/** A time interval [start, stop). */
export interface TimeInterval {
  /** Start (any scale). */
  readonly start: Time;
  /** Stop, exclusive (any scale). */
  readonly stop: Time;
}

/** What an observation is built from. */
export interface ObservationOptions {
  /** Observation id. */
  obsId: number;
  /** Where each HDU lives, by HDU type. */
  locations: ReadonlyMap<string, HduLocation>;
  /** Decoded files, shared with the data store (several HDUs live in one file). */
  files: FitsFileCache;
  /** Receives warnings; default silent. */
  logger?: Logger;
}

// The unfiltered data of one run, decoded once and shared by its time-filtered copies.
class RunData {
  readonly loaded = new Map<string, unknown>();
  constructor(
    readonly obsId: number,
    readonly locations: ReadonlyMap<string, HduLocation>,
    readonly files: FitsFileCache,
    readonly logger: Logger,
  ) {}

  hdu(type: string): Hdu | undefined {
    const loc = this.locations.get(type);
    if (loc === undefined) return undefined;
    try {
      const file = this.files.get(loc.path);
      const hdu = file.find(loc.hduName);
      if (hdu === undefined) {
        throw new DataError(
          `observation ${this.obsId}: the HDU index places the ${type} HDU in '${loc.hduName}' of ${loc.path}, ` +
            `but that file has ${file.hdus.map((h) => h.name || h.index).join(", ")}`,
          { hint: "fix HDU_NAME in the HDU index" },
        );
      }
      return hdu;
    } catch (e) {
      if (e instanceof DataError) throw e;
      const why = e instanceof Error ? e.message : String(e);
      throw new DataError(`observation ${this.obsId}: cannot read the ${type} HDU '${loc.hduName}': ${why}`, {
        hint: "check FILE_DIR/FILE_NAME in the HDU index and that the file exists and is readable",
        cause: e,
      });
    }
  }

  once<T>(key: string, make: () => T): T {
    if (!this.loaded.has(key)) this.loaded.set(key, make());
    return this.loaded.get(key) as T;
  }
}

/**
 * An observation of a data store. Events, GTI and each IRF are decoded on first access,
 * once (time-filtered copies made by {@link Observation.selectTime} share them).
 *
 * @example
 * ```ts
 * const obs = DataStore.fromDir("$GAMMAPY_DATA/hess-dl3-dr1").obs(23523);
 * obs.events.length;                    // 7613
 * obs.tstart.mjd;                       // 53343.92234009259 (TT)
 * obs.observationLiveTimeDuration;      // 1581.7367... [s]
 * obs.pointing;                         // { ra: 83.633..., dec: 21.514..., alt: 41.389..., az: 22.481... }
 * obs.aeff;                             // EffectiveAreaTable2D, read once
 * ```
 */
export class Observation {
  /** Observation id. */
  readonly obsId: number;
  /** Time filter applied to events and GTI, when set. */
  readonly timeFilter: TimeInterval | undefined;
  private readonly run: RunData;
  private filteredEvents: EventList | undefined;
  private filteredGti: GTI | undefined;

  /**
   * @param options - id, HDU locations, file cache, logger
   * @param timeFilter - time interval applied to events and GTI
   */
  constructor(options: ObservationOptions | RunData, timeFilter?: TimeInterval) {
    this.run =
      options instanceof RunData
        ? options
        : new RunData(options.obsId, options.locations, options.files, options.logger ?? silentLogger);
    this.obsId = this.run.obsId;
    this.timeFilter = timeFilter;
  }

  /** Where each HDU lives, by type. */
  get locations(): ReadonlyMap<string, HduLocation> {
    return this.run.locations;
  }

  /** HDU types present in the index for this observation, in GADF order. */
  get availableHdus(): string[] {
    return HDU_TYPES.filter((t) => this.run.locations.has(t));
  }

  /** IRF types present in the index for this observation. */
  get availableIrfs(): IrfType[] {
    return IRF_TYPES.filter((t) => this.run.locations.has(t));
  }

  /**
   * The FITS HDU of a type (decoded file cached by path), or undefined when the index has none.
   *
   * @param type - "events", "gti", "aeff", ...
   * @throws DataError naming the observation, HDU and file when the file or HDU cannot be read
   */
  hdu(type: string): Hdu | undefined {
    return this.run.hdu(type);
  }

  private requireHdu(type: string): Hdu {
    const hdu = this.run.hdu(type);
    if (hdu === undefined) {
      throw new DataError(`observation ${this.obsId} has no ${type} HDU in the HDU index`, {
        hint: `add a row with OBS_ID ${this.obsId} and HDU_TYPE ${type}, or leave this observation out`,
      });
    }
    return hdu;
  }

  /** The whole event list, without the time filter (read once). */
  get eventsUnfiltered(): EventList {
    return this.run.once("events", () => EventList.fromHdu(this.requireHdu("events"), this.run.locations.get("events")!.path));
  }

  /** The whole GTI, without the time filter (read once). */
  get gtiUnfiltered(): GTI {
    return this.run.once("gti", () => GTI.fromHdu(this.requireHdu("gti"), this.run.locations.get("gti")!.path));
  }

  /**
   * Events, with the time filter applied (`start <= TIME < stop`).
   *
   * @throws DataError when the observation has no events HDU or it is malformed
   */
  get events(): EventList {
    if (this.filteredEvents === undefined) {
      const all = this.eventsUnfiltered;
      this.filteredEvents = this.timeFilter ? all.selectTime(this.timeFilter.start, this.timeFilter.stop) : all;
    }
    return this.filteredEvents;
  }

  /**
   * Good time intervals, clipped to the time filter.
   *
   * @throws DataError when the observation has no GTI HDU or it is malformed
   */
  get gti(): GTI {
    if (this.filteredGti === undefined) {
      const all = this.gtiUnfiltered;
      this.filteredGti = this.timeFilter ? all.select(this.timeFilter.start, this.timeFilter.stop) : all;
    }
    return this.filteredGti;
  }

  private irf(type: IrfType): Irf | undefined {
    return this.run.once(`irf:${type}`, () => {
      const hdu = this.run.hdu(type);
      return hdu === undefined ? undefined : loadIrf(hdu, this.run.locations.get(type)!, this.obsId, this.run.logger);
    });
  }

  /** Effective area, or undefined when the index has none (read once). */
  get aeff(): Irf | undefined {
    return this.irf("aeff");
  }

  /** Energy dispersion, or undefined (read once). */
  get edisp(): Irf | undefined {
    return this.irf("edisp");
  }

  /** Point spread function, or undefined (read once). */
  get psf(): Irf | undefined {
    return this.irf("psf");
  }

  /** Background model, or undefined (read once). */
  get bkg(): Irf | undefined {
    return this.irf("bkg");
  }

  /** RAD_MAX table of point-like IRFs, or undefined when the index has no rad_max HDU (read once). */
  get radMax(): Irf | undefined {
    return this.irf("rad_max");
  }

  /** EVENTS header keywords without the HDU* ones (Gammapy's `obs_info`); reading it decodes no column. */
  get meta(): MetaRecord {
    return this.run.once("meta", () => {
      const out: Record<string, MetaRecord[string]> = {};
      for (const [k, v] of Object.entries(headerRecord(this.requireHdu("events").header))) if (!k.startsWith("HDU")) out[k] = v;
      return out;
    });
  }

  /** First GTI start (Gammapy's `tstart`), in the file's time scale. */
  get tstart(): Time {
    return this.gti.timeStart(0);
  }

  /** First GTI stop (Gammapy's `tstop`; the end of the first interval), in the file's scale. */
  get tstop(): Time {
    return this.gti.timeStop(0);
  }

  /** Observation time: the sum of the GTIs (dead time included) [s]. */
  get observationTimeDuration(): number {
    return this.gti.timeSum;
  }

  /** Dead-time fraction, 1 - DEADC. */
  get observationDeadTimeFraction(): number {
    return 1 - this.deadc;
  }

  /**
   * Live time as Gammapy computes it for exposure: GTI sum × DEADC [s]; it follows time
   * selections.
   */
  get observationLiveTimeDuration(): number {
    return this.observationTimeDuration * this.deadc;
  }

  /**
   * DEADC from the EVENTS header.
   *
   * @throws DataError when the header has no DEADC
   */
  get deadc(): number {
    const d = metaNumber(this.meta, "DEADC");
    if (d === undefined) {
      throw new DataError(`observation ${this.obsId}: the EVENTS header has no DEADC`, {
        hint: "add DEADC (live time / on time, 1 without dead time) to the EVENTS header",
      });
    }
    return d;
  }

  /**
   * Live time of the whole run from the header: LIVETIME, else ONTIME × DEADC [s]; not
   * affected by time selections (see {@link Observation.observationLiveTimeDuration}).
   *
   * @throws DataError when neither LIVETIME nor ONTIME and DEADC are present
   */
  get livetime(): number {
    const live = metaNumber(this.meta, "LIVETIME");
    if (live !== undefined) return live;
    const on = metaNumber(this.meta, "ONTIME");
    if (on === undefined) {
      throw new DataError(`observation ${this.obsId}: the EVENTS header has neither LIVETIME nor ONTIME`, {
        hint: "add LIVETIME [s] to the EVENTS header",
      });
    }
    return on * this.deadc;
  }

  /**
   * Pointing from the EVENTS header: RA_PNT/DEC_PNT, and ALT_PNT/AZ_PNT where given.
   *
   * @throws DataError when RA_PNT/DEC_PNT are missing
   */
  get pointing(): Pointing {
    const p = pointingFromMeta(this.meta);
    if (p === undefined) {
      throw new DataError(`observation ${this.obsId}: the EVENTS header has no RA_PNT/DEC_PNT`, {
        hint: "add the pointing position (deg, ICRS) to the EVENTS header",
      });
    }
    return p;
  }

  /**
   * Pointing in AltAz at the middle of the run (TSTART/TSTOP of the header), computed from
   * RA_PNT/DEC_PNT as Gammapy's `pointing_altaz` (no refraction); falls back to the header's
   * ALT_PNT/AZ_PNT when the location or times are missing.
   *
   * @returns azimuth and altitude [deg]
   * @throws DataError when neither can be had
   */
  pointingAltAz(): AltAz {
    const p = this.pointing;
    const loc = this.location;
    const t0 = metaNumber(this.meta, "TSTART");
    const t1 = metaNumber(this.meta, "TSTOP");
    if (loc === undefined || t0 === undefined || t1 === undefined) {
      if (p.alt === undefined || p.az === undefined) {
        throw new DataError(`observation ${this.obsId}: no location/times nor ALT_PNT/AZ_PNT to give an AltAz pointing`, {
          hint: "add GEOLON, GEOLAT, ALTITUDE and TSTART/TSTOP, or ALT_PNT/AZ_PNT, to the EVENTS header",
        });
      }
      return { alt: p.alt, az: p.az };
    }
    const ref = timeRefFromHeader(this.meta, { source: `the EVENTS header of observation ${this.obsId}` });
    const mid = metToTime((t0 + t1) / 2, ref);
    return icrsToAltAz(p.ra, p.dec, loc, { mjdTt: mid.tt().mjd, mjdUt1: mid.ut1().mjd });
  }

  /** Target position RA_OBJ/DEC_OBJ [deg] (NaN when absent, as Gammapy). */
  get target(): { ra: number; dec: number } {
    return { ra: metaNumber(this.meta, "RA_OBJ") ?? NaN, dec: metaNumber(this.meta, "DEC_OBJ") ?? NaN };
  }

  /** OBJECT keyword, when present. */
  get object(): string | undefined {
    return metaString(this.meta, "OBJECT");
  }

  /** OBS_MODE as written (e.g. "WOBBLE", "POINTING"), when present. */
  get obsMode(): string | undefined {
    return metaString(this.meta, "OBS_MODE");
  }

  /** Fixed sky ("POINTING") or fixed AltAz ("DRIFT") tracking, as Gammapy reads OBS_MODE. */
  get pointingMode(): PointingMode {
    return pointingModeFromMeta(this.meta);
  }

  /** Observatory location from GEOLON/GEOLAT/GEOALT (or ALTITUDE) [deg, m], when given. */
  get location(): EarthLocation | undefined {
    return locationFromMeta(this.meta);
  }

  /** MUONEFF (1 when absent, as Gammapy). */
  get muonEfficiency(): number {
    return metaNumber(this.meta, "MUONEFF") ?? 1;
  }

  /**
   * The same observation restricted to `[start, stop)`: events with `start <= TIME < stop`,
   * GTIs clipped (Gammapy's `Observation.select_time`). A filter already set is narrowed.
   *
   * @param start - start (any scale)
   * @param stop - stop (any scale)
   * @returns a new observation sharing the decoded data
   * @throws GammatsError when stop is not after start
   */
  selectTime(start: Time, stop: Time): Observation {
    if (!(stop.diffSeconds(start) > 0)) {
      throw new GammatsError(`observation ${this.obsId}: time selection stop ${stop.isot} is not after start ${start.isot}`, {
        hint: "give stop later than start",
      });
    }
    let filter: TimeInterval = { start, stop };
    if (this.timeFilter) {
      filter = {
        start: start.diffSeconds(this.timeFilter.start) > 0 ? start : this.timeFilter.start,
        stop: stop.diffSeconds(this.timeFilter.stop) < 0 ? stop : this.timeFilter.stop,
      };
    }
    return new Observation(this.run, filter);
  }

  /** A one-line description: id, start/stop MJD, duration, pointing. */
  toString(): string {
    const p = pointingFromMeta(this.meta);
    return (
      `Observation ${this.obsId}: tstart ${this.tstart.mjd.toFixed(2)}, tstop ${this.tstop.mjd.toFixed(2)} MJD, ` +
      `duration ${this.observationTimeDuration.toFixed(2)} s` +
      (p ? `, pointing (icrs) ${p.ra.toFixed(1)} deg, ${p.dec.toFixed(1)} deg` : "")
    );
  }
}
