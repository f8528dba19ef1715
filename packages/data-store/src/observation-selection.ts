/**
 * The `observations` section of an analysis config turned into observations, step by step
 * as Gammapy 1.0's `Analysis.get_observations`: ids (obs_ids or obs_file) from the
 * observation table, then the pointing cone, then the HDUs required (runs lacking one are
 * skipped with a warning), then the time intervals, which cut events and GTIs.
 */
import { ConfigError, DataError, GammatsError, Time, angularSeparation, parseFrame, silentLogger, toInternal, transformFrame } from "@gammats/core";
import type { Logger } from "@gammats/core";
import { DataStore } from "./data-store.js";
import { expandPath } from "./env-path.js";
import { readObsIdFile } from "./obs-id-file.js";
import type { Observation } from "./observation.js";
import type { ObservationTable } from "./observation-table.js";
import { requiredHdus } from "./required-hdus.js";

/** A time as the config writes it: an astropy-style string (UTC unless it says otherwise) or a `Time`. */
export type TimeInput = string | Time;

/** The `observations` config section (keys and meanings as Gammapy's `ObservationsConfig`). */
export interface ObservationsSection {
  /** Data store folder or index file; `$VAR` expanded (default "$GAMMAPY_DATA/hess-dl3-dr1"). */
  datastore?: string | null;
  /** Observation ids; empty means all. */
  obs_ids?: readonly number[] | null;
  /** Text file whose first column lists observation ids (exclusive with obs_ids). */
  obs_file?: string | null;
  /** Pointing cone; skipped while lon is null. Angles as "83.633 deg" strings (numbers: deg). */
  obs_cone?: {
    frame?: string | null;
    lon?: string | number | null;
    lat?: string | number | null;
    radius?: string | number | null;
  } | null;
  /** Time intervals: start/stop as one time each or as lists of equal length; skipped while start is null. */
  obs_time?: {
    start?: TimeInput | readonly TimeInput[] | null;
    stop?: TimeInput | readonly TimeInput[] | null;
  } | null;
  /** HDUs a run must have (default ["aeff", "edisp", "psf", "bkg"]); a Gammapy shortcut name is accepted too. */
  required_irf?: readonly string[] | string | null;
}

/** Options of {@link selectObservations}. */
export interface SelectObservationsOptions {
  /** Receives progress lines and the warnings about skipped runs; default silent. */
  logger?: Logger;
  /** Folder relative paths (datastore, obs_file) are resolved against (default `process.cwd()`). */
  cwd?: string;
  /** Variables for `$VAR` expansion (default `process.env`). */
  env?: Readonly<Record<string, string | undefined>>;
  /** Use this store instead of opening `datastore` (e.g. one already open). */
  dataStore?: DataStore;
}

/** What {@link selectObservations} returns. */
export interface ObservationSelection {
  /** The data store the observations come from. */
  dataStore: DataStore;
  /** The selected observations, time-filtered when obs_time is set. */
  observations: Observation[];
}

const DEFAULT_DATASTORE = "$GAMMAPY_DATA/hess-dl3-dr1";
const DEFAULT_REQUIRED_IRF = ["aeff", "edisp", "psf", "bkg"];

/**
 * Selects observations as Gammapy 1.0's `Analysis.get_observations` does.
 *
 * @param section - the plain `observations` config object
 * @param options - logger, working folder, environment, or an open data store
 * @returns the data store and the observations, in observation-table order (or the order
 *   of obs_ids / obs_file); with several time intervals, interval by interval
 * @throws ConfigError when obs_ids and obs_file are both set, or a cone / time / required_irf
 *   value is malformed (the message names the key)
 * @throws DataError naming the ids not in the store, or naming the criterion (ids, cone,
 *   required_irf, obs_time) that left no observation
 * @throws IoError when the data store or obs_file cannot be found
 * @example
 * ```ts
 * const { observations } = selectObservations({
 *   datastore: "$GAMMAPY_DATA/hess-dl3-dr1",
 *   obs_cone: { frame: "icrs", lon: "83.633 deg", lat: "22.014 deg", radius: "5 deg" },
 * }, { logger });
 * observations.map((o) => o.obsId);   // [23523, 23526, 23559, 23592]
 * ```
 */
export function selectObservations(section: ObservationsSection, options: SelectObservationsOptions = {}): ObservationSelection {
  const logger = options.logger ?? silentLogger;
  const obsIds = section.obs_ids ?? [];
  const obsFile = section.obs_file ?? null;
  if (obsIds.length > 0 && obsFile !== null) {
    throw new ConfigError("obs_ids and obs_file are both set", "observations", {
      hint: "give the observation ids either in obs_ids or in obs_file, not both",
    });
  }
  const requiredIrf = section.required_irf ?? DEFAULT_REQUIRED_IRF;
  wrapConfig("observations.required_irf", () => requiredHdus(requiredIrf));
  const intervals = timeIntervals(section.obs_time ?? null);
  const cone = coneOf(section.obs_cone ?? null);

  const store =
    options.dataStore ??
    DataStore.open(section.datastore ?? DEFAULT_DATASTORE, { logger, cwd: options.cwd, env: options.env });
  logger.info("Fetching observations.");

  let ids: number[];
  const table = store.obsTable;
  if (table === undefined) {
    // Gammapy needs the observation index here; without one, fall back to the HDU index
    // for ids, and refuse what only the observation index can answer.
    if (cone !== undefined) {
      throw new DataError("the cone selection (observations.obs_cone) needs the observation index, which this data store lacks", {
        hint: "add obs-index.fits.gz to the data store, or remove obs_cone",
      });
    }
    ids = idsWithoutTable(store, obsIds, obsFile, options);
  } else {
    let selected: ObservationTable = table;
    if (obsIds.length > 0) selected = table.selectObsIds(obsIds);
    else if (obsFile !== null) selected = table.selectObsIds(readObsIdFile(expandObsFile(obsFile, options)));
    if (cone !== undefined) {
      const before = selected;
      selected = selected.selectCone(cone.frame, cone.lon, cone.lat, cone.radius);
      if (selected.length === 0) throw emptyCone(before, cone);
    }
    ids = Array.from(selected.obsId);
  }
  if (ids.length === 0) {
    throw new DataError("the data store has no observations", { hint: "check the data store's index files" });
  }

  let observations = store.getObservations(ids, { skipMissing: true, requiredIrf });
  if (observations.length === 0) {
    throw new DataError(
      `required_irf [${typeof requiredIrf === "string" ? requiredIrf : requiredIrf.join(", ")}] left no observations: ` +
        `all ${ids.length} selected runs lack one of ${requiredHdus(requiredIrf).join(", ")}`,
      { hint: "relax observations.required_irf (e.g. drop psf and bkg for point-like IRFs)" },
    );
  }

  if (intervals !== undefined) {
    const before = observations;
    observations = selectTimeIntervals(observations, intervals);
    if (observations.length === 0) throw emptyTime(before, intervals);
  }
  logger.info(`Number of selected observations: ${observations.length}`);
  return { dataStore: store, observations };
}

/**
 * Time-filtered copies of the observations that overlap each interval (Gammapy's
 * `Observations.select_time`): for each interval in turn, every observation with
 * `tstart < stop` and `tstop > start` (its first GTI), cut to the interval. A run that
 * overlaps two intervals appears twice.
 *
 * @param observations - observations to cut
 * @param intervals - [start, stop) intervals
 * @returns the cut observations
 * @example
 * ```ts
 * selectTimeIntervals(runs, [{ start: Time.parse("2004-12-04T22:15:00"), stop: Time.parse("2004-12-04T22:25:00") }]);
 * ```
 */
export function selectTimeIntervals(
  observations: readonly Observation[],
  intervals: ReadonlyArray<{ start: Time; stop: Time }>,
): Observation[] {
  const out: Observation[] = [];
  for (const { start, stop } of intervals) {
    for (const obs of observations) {
      if (obs.tstart.diffSeconds(stop) < 0 && obs.tstop.diffSeconds(start) > 0) out.push(obs.selectTime(start, stop));
    }
  }
  return out;
}

function wrapConfig<T>(key: string, f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (e instanceof GammatsError && !(e instanceof ConfigError)) {
      throw new ConfigError(e.message, key, { cause: e });
    }
    throw e;
  }
}

function expandObsFile(obsFile: string, options: SelectObservationsOptions): string {
  return wrapConfig("observations.obs_file", () => expandPath(obsFile, { env: options.env, cwd: options.cwd, what: "observations.obs_file" }));
}

function idsWithoutTable(store: DataStore, obsIds: readonly number[], obsFile: string | null, options: SelectObservationsOptions): number[] {
  const wanted = obsIds.length > 0 ? [...obsIds] : obsFile !== null ? readObsIdFile(expandObsFile(obsFile, options)) : store.obsIds;
  const missing = wanted.filter((id) => !store.hduTable.has(id));
  if (missing.length > 0) {
    throw new DataError(`observation${missing.length > 1 ? "s" : ""} ${missing.join(", ")} not in the data store`, {
      hint: `remove ${missing.length > 1 ? "them" : "it"} from obs_ids / obs_file`,
    });
  }
  return wanted;
}

interface Cone {
  frame: string;
  lon: number;
  lat: number;
  radius: number;
  text: string;
}

function angleOf(value: string | number | null | undefined, key: string): number {
  if (value === null || value === undefined) {
    throw new ConfigError("is missing while obs_cone.lon is set", key, { hint: "give frame, lon, lat and radius of the cone, e.g. '5 deg'" });
  }
  if (typeof value === "number") return value;
  return wrapConfig(key, () => toInternal(value, "angle"));
}

function coneOf(cone: ObservationsSection["obs_cone"]): Cone | undefined {
  if (cone === null || cone === undefined || cone.lon === null || cone.lon === undefined) return undefined;
  const frame = wrapConfig("observations.obs_cone.frame", () => parseFrame(cone.frame ?? "icrs", "observations.obs_cone.frame"));
  const lon = angleOf(cone.lon, "observations.obs_cone.lon");
  const lat = angleOf(cone.lat, "observations.obs_cone.lat");
  const radius = angleOf(cone.radius, "observations.obs_cone.radius");
  if (!(lat >= -90 && lat <= 90)) {
    throw new ConfigError(`latitude ${lat} deg is outside [-90, 90] deg`, "observations.obs_cone.lat");
  }
  return { frame, lon, lat, radius, text: `${radius} deg around (${lon}, ${lat}) deg ${frame}` };
}

function timeList(value: TimeInput | readonly TimeInput[] | null | undefined, key: string): Time[] | undefined {
  if (value === null || value === undefined) return undefined;
  const list = typeof value === "string" || value instanceof Time ? [value] : value;
  return list.map((v, i) =>
    wrapConfig(Array.isArray(value) ? `${key}[${i}]` : key, () => (v instanceof Time ? v : Time.parse(v))),
  );
}

function timeIntervals(section: ObservationsSection["obs_time"]): Array<{ start: Time; stop: Time }> | undefined {
  const starts = timeList(section?.start, "observations.obs_time.start");
  if (starts === undefined) return undefined;
  const stops = timeList(section?.stop, "observations.obs_time.stop");
  if (stops === undefined) {
    throw new ConfigError("is missing while obs_time.start is set", "observations.obs_time.stop", {
      hint: "give a stop time for every start time",
    });
  }
  const scalarStart = !Array.isArray(section?.start);
  const scalarStop = !Array.isArray(section?.stop);
  if (scalarStart !== scalarStop || starts.length !== stops.length) {
    throw new ConfigError(
      `start has ${scalarStart ? "one time" : `${starts.length} times`} but stop has ${scalarStop ? "one time" : `${stops.length} times`}`,
      "observations.obs_time",
      { hint: "give start and stop as single times or as lists of equal length" },
    );
  }
  return starts.map((start, i) => {
    const stop = stops[i];
    if (!(stop.diffSeconds(start) > 0)) {
      throw new ConfigError(`interval ${i}: stop ${stop.isot} is not after start ${start.isot}`, "observations.obs_time", {
        hint: "give each stop later than its start",
      });
    }
    return { start, stop };
  });
}

function emptyCone(table: ObservationTable, cone: Cone): DataError {
  const c = transformFrame(cone.lon, cone.lat, parseFrame(cone.frame), "icrs");
  const sep = angularSeparation(table.column("RA_PNT"), table.column("DEC_PNT"), c.lon, c.lat);
  let best = 0;
  for (let i = 1; i < sep.length; i++) if (sep[i] < sep[best]) best = i;
  const nearest =
    sep.length > 0 ? `; the nearest pointing (observation ${table.obsId[best]}) is ${sep[best].toFixed(3)} deg away` : "";
  return new DataError(`the cone selection (obs_cone: ${cone.text}) left none of ${table.length} observations${nearest}`, {
    hint: "widen observations.obs_cone.radius or check its frame, lon and lat",
  });
}

function emptyTime(observations: readonly Observation[], intervals: ReadonlyArray<{ start: Time; stop: Time }>): DataError {
  let first = observations[0].tstart;
  let last = observations[0].tstop;
  for (const o of observations) {
    if (o.tstart.diffSeconds(first) < 0) first = o.tstart;
    if (o.tstop.diffSeconds(last) > 0) last = o.tstop;
  }
  const text = intervals.map((iv) => `${iv.start.utc().isot} -- ${iv.stop.utc().isot}`).join(", ");
  return new DataError(
    `the time selection (obs_time: ${text} UTC) overlaps none of the ${observations.length} observations, ` +
      `which span ${first.utc().isot} -- ${last.utc().isot} UTC`,
    { hint: "check observations.obs_time (times are UTC unless they say otherwise)" },
  );
}
