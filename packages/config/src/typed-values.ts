/**
 * Typed reads of config values: quantities in gammats' internal units (TeV, deg),
 * times as core `Time`s, paths with environment variables expanded. The config keeps
 * the strings as written; conversion happens here, when a value is used.
 */
import { ConfigError, GammatsError, Time, toInternal } from "@gammats/core";
import { isAbsolute, resolve } from "node:path";
import { expandEnvVars } from "./env-vars.js";

/** Energy bins as numbers: log-spaced edges from `min` to `max` [TeV]. */
export interface EnergyAxisValues {
  /** Lowest edge [TeV]. */
  min: number;
  /** Highest edge [TeV]. */
  max: number;
  /** Number of bins. */
  nbins: number;
}

/** A circle on the sky as numbers. */
export interface SkyCircleValues {
  frame: "icrs" | "galactic";
  /** Longitude of the centre [deg]. */
  lon: number;
  /** Latitude of the centre [deg]. */
  lat: number;
  /** Radius [deg]. */
  radius: number;
}

/** A time interval. */
export interface TimeInterval {
  start: Time;
  stop: Time;
}

/** Options of path reads. */
export interface PathOptions {
  /** Variables for `$VAR` expansion (default `process.env`). */
  env?: Readonly<Record<string, string | undefined>>;
  /**
   * Folder that relative paths are resolved against. Default: none, the path is
   * returned relative, i.e. to the current folder, as Gammapy does.
   */
  baseDir?: string;
}

/** Where a value sits, for error messages. */
export interface ValueSource {
  keyPath: string;
  file?: string;
}

function wrapped<T>(source: ValueSource, read: () => T): T {
  try {
    return read();
  } catch (e) {
    // Validation already checked these values; this only fires for configs built around it.
    if (e instanceof GammatsError && !(e instanceof ConfigError)) {
      throw new ConfigError(e.message, source.keyPath, { file: source.file, cause: e });
    }
    throw e;
  }
}

/**
 * A quantity string in the internal unit of its type (energy: TeV, angle: deg).
 *
 * @param value - e.g. "300 GeV", or null
 * @param type - "energy" or "angle"
 * @param source - key path (and file) for errors
 * @throws ConfigError naming the key when the unit does not fit
 * @example
 * ```ts
 * quantityValue("300 GeV", "energy", { keyPath: "fit.fit_range.min" }); // 0.3
 * ```
 */
export function quantityValue(value: string | null, type: "energy" | "angle", source: ValueSource): number | null {
  return value === null ? null : wrapped(source, () => toInternal(value, type));
}

/**
 * One time or a list of times as `Time`s (UTC unless the string says otherwise).
 *
 * @param value - an astropy time string, a list of them, or null
 * @param source - key path (and file) for errors
 * @throws ConfigError naming the key for a malformed time
 * @example
 * ```ts
 * timeValues("2019-12-01", { keyPath: "observations.obs_time.start" })?.[0].mjd; // 58818
 * ```
 */
export function timeValues(value: string | readonly string[] | null, source: ValueSource): Time[] | null {
  if (value === null) return null;
  const list = typeof value === "string" ? [value] : value;
  return wrapped(source, () => list.map((t) => Time.parse(t)));
}

/**
 * A path with `$VAR` / `${VAR}` expanded, as Gammapy's `make_path`, optionally resolved
 * against a folder.
 *
 * @param value - the path as written, or null
 * @param source - key path (and file) for errors
 * @param options - environment and base folder
 * @throws ConfigError naming the variable and key when a variable is unset
 * @example
 * ```ts
 * pathValue("$GAMMAPY_DATA/hess-dl3-dr1", { keyPath: "observations.datastore" }, { env: { GAMMAPY_DATA: "/d" } });
 * // "/d/hess-dl3-dr1"
 * ```
 */
export function pathValue(value: string | null, source: ValueSource, options: PathOptions = {}): string | null {
  if (value === null) return null;
  const expanded = expandEnvVars(value, { env: options.env, keyPath: source.keyPath, file: source.file });
  return options.baseDir !== undefined && !isAbsolute(expanded) ? resolve(options.baseDir, expanded) : expanded;
}
