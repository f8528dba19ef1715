/**
 * DataStore: a GADF DL3 data store, i.e. an HDU index and an observation index, and the
 * observations they describe.
 */
import { existsSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { DataError, IoError, silentLogger } from "@gammats/core";
import type { Logger } from "@gammats/core";
import type { FitsFile, Hdu } from "@gammats/fits";
import { expandPath } from "./env-path.js";
import { FitsFileCache } from "./fits-cache.js";
import { HDU_TYPES, HduIndexTable, describeIds } from "./hdu-index.js";
import type { HduLocation } from "./hdu-index.js";
import { Observation } from "./observation.js";
import { ObservationTable } from "./observation-table.js";
import { requiredHdus } from "./required-hdus.js";
import type { RequiredIrf } from "./required-hdus.js";

/** Options of the {@link DataStore} constructors. */
export interface DataStoreOptions {
  /** Receives warnings (skipped runs, duplicate index rows) and info lines; default silent. */
  logger?: Logger;
  /** Variables for `$VAR` expansion (default `process.env`). */
  env?: Readonly<Record<string, string | undefined>>;
  /** Folder relative paths are resolved against (default `process.cwd()`). */
  cwd?: string;
}

/** Options of {@link DataStore.fromDir}. */
export interface FromDirOptions extends DataStoreOptions {
  /** HDU index file, relative to the folder or absolute (default hdu-index.fits.gz, then hdu-index.fits). */
  hduIndex?: string;
  /** Observation index file, relative to the folder or absolute (default obs-index.fits.gz, then obs-index.fits). */
  obsIndex?: string;
}

/** Options of {@link DataStore.getObservations}. */
export interface GetObservationsOptions {
  /** Ids not in the HDU index are skipped with a warning instead of being an error (default false). */
  skipMissing?: boolean;
  /** HDUs a run must have; runs lacking one are skipped with a warning (default "full-enclosure"). */
  requiredIrf?: RequiredIrf;
}

/** An observation lacks HDUs it is required to have. */
export class MissingHduError extends DataError {
  /** The observation. */
  readonly obsId: number;
  /** The missing HDU types. */
  readonly missing: readonly string[];

  constructor(obsId: number, missing: readonly string[]) {
    super(`observation ${obsId} has no ${missing.join(", ")} HDU${missing.length > 1 ? "s" : ""} in the HDU index`, {
      hint: "drop it from the selection, or relax required_irf",
    });
    this.obsId = obsId;
    this.missing = missing;
  }
}

const HDU_INDEX_NAMES = ["hdu-index.fits.gz", "hdu-index.fits"];
const OBS_INDEX_NAMES = ["obs-index.fits.gz", "obs-index.fits"];

/**
 * A GADF DL3 data store.
 *
 * @example
 * ```ts
 * const store = DataStore.fromDir("$GAMMAPY_DATA/hess-dl3-dr1");
 * store.obsIds.length;                               // 105
 * const obs = store.obs(23523);
 * obs.events.length;                                 // 7613
 * const runs = store.getObservations([23523, 23526], { requiredIrf: "point-like" });
 * ```
 */
export class DataStore {
  /** The HDU index. */
  readonly hduTable: HduIndexTable;
  /** The observation index, when the store has one. */
  readonly obsTable: ObservationTable | undefined;
  /** Decoded files, shared by all observations of this store. */
  readonly files: FitsFileCache;
  /** Where messages go. */
  readonly logger: Logger;

  /**
   * @param hduTable - the HDU index
   * @param obsTable - the observation index, if any
   * @param options - logger
   */
  constructor(hduTable: HduIndexTable, obsTable?: ObservationTable, options: DataStoreOptions = {}) {
    this.hduTable = hduTable;
    this.obsTable = obsTable;
    this.logger = options.logger ?? silentLogger;
    this.files = new FitsFileCache(this.logger);
  }

  /**
   * Opens the data store in a folder: `hdu-index.fits[.gz]` (required) and
   * `obs-index.fits[.gz]` (optional, as in Gammapy). Relative FILE_DIRs resolve against
   * the folder.
   *
   * @param dir - folder; `$VAR` / `${VAR}` expanded, relative to `options.cwd`
   * @param options - index file names, logger, environment, working folder
   * @throws IoError when the folder or the HDU index is missing (names the paths tried)
   * @throws DataError / FitsError when an index table is malformed
   * @example
   * ```ts
   * const store = DataStore.fromDir("$GAMMAPY_DATA/cta-1dc/index/gps");
   * store.obsIds;   // [110380, 111140, 111159, 111630]
   * ```
   */
  static fromDir(dir: string, options: FromDirOptions = {}): DataStore {
    const base = expandPath(dir, { env: options.env, cwd: options.cwd, what: "the data store folder" });
    if (!existsSync(base) || !statSync(base).isDirectory()) {
      throw new IoError("data store folder not found", base, {
        hint: "give the folder that holds hdu-index.fits.gz (e.g. $GAMMAPY_DATA/hess-dl3-dr1)",
      });
    }
    const hduPath = findIndex(base, options.hduIndex, HDU_INDEX_NAMES, options);
    if (hduPath === undefined) {
      const tried = options.hduIndex ? [options.hduIndex] : HDU_INDEX_NAMES;
      throw new IoError(`no HDU index in the data store folder (looked for ${tried.join(", ")})`, base, {
        hint: "a GADF data store needs an HDU index table; make one with DataStore tools or Gammapy",
      });
    }
    const obsPath = findIndex(base, options.obsIndex, OBS_INDEX_NAMES, options);
    if (options.obsIndex !== undefined && obsPath === undefined) {
      throw new IoError("observation index file not found", join(base, options.obsIndex));
    }
    const logger = options.logger ?? silentLogger;
    const files = new FitsFileCache(logger);
    const hduTable = HduIndexTable.fromHdu(indexHdu(files.get(hduPath), "HDU_INDEX", hduPath), {
      baseDir: base,
      file: hduPath,
      cwd: options.cwd,
    });
    let obsTable: ObservationTable | undefined;
    if (obsPath === undefined) logger.info(`no observation index in ${base}; cone and time selections are unavailable`);
    else obsTable = ObservationTable.fromHdu(indexHdu(files.get(obsPath), "OBS_INDEX", obsPath), obsPath);
    return new DataStore(hduTable, obsTable, options);
  }

  /**
   * Opens a data store from its index files; relative FILE_DIRs resolve against the HDU
   * index's folder.
   *
   * @param hduIndex - HDU index file (`$VAR` expanded)
   * @param obsIndex - observation index file, optional
   * @param options - logger, environment, working folder
   * @throws IoError when a file is missing; DataError / FitsError when malformed
   * @example
   * ```ts
   * DataStore.fromFiles("$GAMMAPY_DATA/hess-dl3-dr1/hdu-index.fits.gz", "$GAMMAPY_DATA/hess-dl3-dr1/obs-index.fits.gz");
   * ```
   */
  static fromFiles(hduIndex: string, obsIndex?: string, options: DataStoreOptions = {}): DataStore {
    const files = new FitsFileCache(options.logger);
    const hduPath = expandPath(hduIndex, { env: options.env, cwd: options.cwd, what: "the HDU index path" });
    const hduTable = HduIndexTable.fromHdu(indexHdu(files.get(hduPath), "HDU_INDEX", hduPath), {
      baseDir: dirname(hduPath),
      file: hduPath,
      cwd: options.cwd,
    });
    let obsTable: ObservationTable | undefined;
    if (obsIndex !== undefined) {
      const obsPath = expandPath(obsIndex, { env: options.env, cwd: options.cwd, what: "the observation index path" });
      obsTable = ObservationTable.fromHdu(indexHdu(files.get(obsPath), "OBS_INDEX", obsPath), obsPath);
    }
    return new DataStore(hduTable, obsTable, options);
  }

  /**
   * Opens a data store from one FITS file holding both index tables (HDU_INDEX and
   * OBS_INDEX HDUs), as Gammapy's `DataStore.from_file`.
   *
   * @param file - the file (`$VAR` expanded)
   * @param options - logger, environment, working folder
   * @throws IoError when missing; FitsError when it lacks HDU_INDEX
   */
  static fromFile(file: string, options: DataStoreOptions = {}): DataStore {
    const path = expandPath(file, { env: options.env, cwd: options.cwd, what: "the data store file" });
    const fits = new FitsFileCache(options.logger).get(path);
    const hduTable = HduIndexTable.fromHdu(fits.hdu("HDU_INDEX"), { baseDir: dirname(path), file: path, cwd: options.cwd });
    const obsHdu = fits.find("OBS_INDEX");
    return new DataStore(hduTable, obsHdu ? ObservationTable.fromHdu(obsHdu, path) : undefined, options);
  }

  /**
   * Opens a folder with {@link DataStore.fromDir} or a file with {@link DataStore.fromFile},
   * as the `observations.datastore` config key allows.
   *
   * @param path - folder or file (`$VAR` expanded)
   * @param options - logger, environment, working folder
   * @throws IoError naming the path when it does not exist
   */
  static open(path: string, options: DataStoreOptions = {}): DataStore {
    const full = expandPath(path, { env: options.env, cwd: options.cwd, what: "observations.datastore" });
    if (!existsSync(full)) {
      throw new IoError("data store not found", full, {
        hint: "set observations.datastore to a folder with hdu-index.fits.gz (e.g. $GAMMAPY_DATA/hess-dl3-dr1)",
      });
    }
    return statSync(full).isDirectory() ? DataStore.fromDir(full, options) : DataStore.fromFile(full, options);
  }

  /** Sorted unique observation ids of the HDU index. */
  get obsIds(): number[] {
    return this.hduTable.obsIds;
  }

  /**
   * One observation.
   *
   * @param obsId - observation id
   * @param requiredIrf - HDUs it must have (default "full-enclosure": aeff, edisp, psf, bkg)
   * @returns the observation; its data are read on first access
   * @throws DataError when the id is not in the HDU index
   * @throws MissingHduError when a required HDU is missing
   * @example
   * ```ts
   * store.obs(23523).availableIrfs;   // ["aeff", "edisp", "psf", "bkg"]
   * ```
   */
  obs(obsId: number, requiredIrf: RequiredIrf = "full-enclosure"): Observation {
    const required = requiredHdus(requiredIrf);
    this.hduTable.requireObs(obsId);
    const locations = new Map<string, HduLocation>();
    const missing: string[] = [];
    for (const type of HDU_TYPES) {
      const loc = this.hduTable.location(obsId, type, this.logger);
      if (loc !== undefined) locations.set(type, loc);
      else if (required.includes(type)) missing.push(type);
    }
    if (missing.length > 0) throw new MissingHduError(obsId, missing);
    return new Observation({ obsId, locations, files: this.files, logger: this.logger });
  }

  /**
   * Several observations, in the order given (default: all, by id). Runs lacking a
   * required HDU are skipped with a warning naming the run and the HDUs.
   *
   * @param obsIds - ids (default: every id of the HDU index)
   * @param options - `skipMissing`, `requiredIrf`
   * @returns the observations
   * @throws DataError for an id not in the store (unless `skipMissing`) or a bad `requiredIrf`
   */
  getObservations(obsIds?: readonly number[], options: GetObservationsOptions = {}): Observation[] {
    const ids = obsIds ?? this.obsIds;
    const requiredIrf = options.requiredIrf ?? "full-enclosure";
    requiredHdus(requiredIrf); // a bad value is an error even for an empty id list
    const out: Observation[] = [];
    for (const id of ids) {
      if (!this.hduTable.has(id)) {
        if (options.skipMissing) {
          this.logger.warning(`skipping observation ${id}: not in the HDU index`);
          continue;
        }
        throw new DataError(`observation ${id} is not in the data store`, {
          hint: `the store has ${this.obsIds.length} observations, ${describeIds(this.obsIds)}`,
        });
      }
      try {
        out.push(this.obs(id, requiredIrf));
      } catch (e) {
        if (!(e instanceof MissingHduError)) throw e;
        this.logger.warning(`skipping observation ${id}: no ${e.missing.join(", ")} HDU in the HDU index (required_irf)`);
      }
    }
    this.logger.info(`Observations selected: ${out.length} out of ${ids.length}.`);
    return out;
  }

  /** Text summary of both index tables (Gammapy's `DataStore.info`). */
  info(): string {
    return [
      "Data store:",
      this.hduTable.summary(),
      "",
      this.obsTable ? this.obsTable.summary() : "No observation index table.",
    ].join("\n");
  }
}

function findIndex(base: string, given: string | undefined, defaults: readonly string[], options: DataStoreOptions): string | undefined {
  if (given !== undefined) {
    const inBase = join(base, given);
    if (existsSync(inBase)) return inBase;
    const direct = expandPath(given, { env: options.env, cwd: options.cwd });
    return existsSync(direct) ? direct : undefined;
  }
  return defaults.map((n) => join(base, n)).find((p) => existsSync(p));
}

// The index is the named HDU, or else the first table (index files have just one).
function indexHdu(file: FitsFile, name: string, path: string): Hdu {
  const hdu = file.find(name) ?? file.hdus.find((h) => h.type === "bintable");
  if (hdu === undefined) {
    throw new DataError(`${path} has no ${name} table`, { hint: `a GADF index file holds a binary table named ${name}` });
  }
  return hdu;
}
