/**
 * `AnalysisConfig`: an immutable, validated analysis configuration with Gammapy 1.0's
 * keys, read from and written to YAML.
 */
import { ConfigError, IoError } from "@gammats/core";
import type { Time } from "@gammats/core";
import type { AnalysisConfigData, ConfigKeyPaths, EnergyAxisConfig, EnergyRangeConfig, SpatialCircleConfig, TimeRangeConfig } from "./config-types.js";
import { expandEnvVars } from "./env-vars.js";
import { deepClone, deepFreeze, deepMerge, isPlainObject } from "./plain-objects.js";
import type { DeepPartial, DeepReadonly, PlainObject } from "./plain-objects.js";
import { readTextFile, readTextFileSync, writeTextFileAtomic, writeTextFileAtomicSync } from "./text-file.js";
import type { WriteOptions } from "./text-file.js";
import { pathValue, quantityValue, timeValues } from "./typed-values.js";
import type { EnergyAxisValues, PathOptions, SkyCircleValues, TimeInterval } from "./typed-values.js";
import { validateConfig } from "./validate.js";
import { parseConfigYaml, stringifyConfigYaml } from "./yaml-text.js";

/** A partial config: any subset of the keys; the rest take their defaults. */
export type AnalysisConfigInput = DeepPartial<AnalysisConfigData>;

/** Options of the {@link AnalysisConfig} constructor and readers. */
export interface AnalysisConfigOptions {
  /** File the config came from; named in error messages and kept as `config.file`. */
  file?: string;
}

function valueAt(data: unknown, keyPath: string): unknown {
  let v = data;
  for (const seg of keyPath.split(".")) v = isPlainObject(v) ? v[seg] : undefined;
  return v;
}

function expandReadPath(path: string): string {
  try {
    return expandEnvVars(path);
  } catch (e) {
    const msg = e instanceof ConfigError ? e.message.replace(/\. Set .*$/s, "") : String(e);
    throw new IoError(`cannot read the configuration: ${msg}`, path);
  }
}

/**
 * A complete, validated analysis configuration. Values are immutable: {@link update}
 * returns a new config. Keys, types, allowed values and defaults are Gammapy 1.0's, and
 * quantities stay strings as written ("0.1 TeV"); the typed accessors convert them.
 *
 * @example
 * ```ts
 * const config = await AnalysisConfig.read("config.yaml");
 * config.data.datasets.type;                           // "1d"
 * config.energy("datasets.geom.axes.energy.min");      // 1 (TeV)
 * const c3d = config.update("datasets: {type: 3d}");
 * await c3d.write("config-3d.yaml", { overwrite: true });
 * ```
 */
export class AnalysisConfig {
  /** The complete key tree, deep-frozen. */
  readonly data: DeepReadonly<AnalysisConfigData>;
  /** The file this config was read from, if any. */
  readonly file: string | undefined;
  /** Only the keys that were given (not defaulted), so updates can tell them apart. */
  readonly #given: PlainObject;

  /**
   * Validates a partial config and fills every missing key with its default.
   *
   * @param input - any subset of the keys (default: all defaults)
   * @param options - `file` for error messages
   * @throws ConfigErrors listing every problem (key path, bad value, fix)
   * @example
   * ```ts
   * new AnalysisConfig({ datasets: { type: "3d" } }).data.datasets.geom.wcs.binsize; // "0.02 deg"
   * ```
   */
  constructor(input: AnalysisConfigInput = {}, options: AnalysisConfigOptions = {}) {
    this.file = options.file;
    this.data = deepFreeze(validateConfig(input, { file: options.file }));
    this.#given = isPlainObject(input) ? deepClone(input as PlainObject) : {};
  }

  /**
   * Parses YAML text.
   *
   * @param text - YAML with any subset of the keys; empty text gives the defaults
   * @param options - `file` for error messages
   * @throws ConfigError for malformed YAML (with line and column); ConfigErrors for
   *   schema problems, each with its key path and line
   * @example
   * ```ts
   * AnalysisConfig.fromYaml("datasets:\n  stack: false\n").data.datasets.stack; // false
   * ```
   */
  static fromYaml(text: string, options: AnalysisConfigOptions = {}): AnalysisConfig {
    const { data, locate } = parseConfigYaml(text, options.file);
    // Validate once with positions, so messages can say "line 12, column 5".
    validateConfig(data, { file: options.file, locate });
    return new AnalysisConfig((data ?? {}) as AnalysisConfigInput, options);
  }

  /**
   * Reads a YAML file; `$VAR` in the path is expanded as Gammapy does.
   *
   * @param path - file path
   * @throws IoError when the file is missing or unreadable; ConfigError(s) as {@link fromYaml}
   * @example
   * ```ts
   * const config = await AnalysisConfig.read("config.yaml");
   * ```
   */
  static async read(path: string): Promise<AnalysisConfig> {
    const file = expandReadPath(path);
    return AnalysisConfig.fromYaml(await readTextFile(file), { file });
  }

  /**
   * Synchronous {@link read}.
   *
   * @param path - file path
   * @throws IoError when the file is missing or unreadable; ConfigError(s) as {@link fromYaml}
   * @example
   * ```ts
   * const config = AnalysisConfig.readSync("config.yaml");
   * ```
   */
  static readSync(path: string): AnalysisConfig {
    const file = expandReadPath(path);
    return AnalysisConfig.fromYaml(readTextFileSync(file), { file });
  }

  /**
   * The complete config as YAML (every key, defaults included), readable by gammats and
   * by Gammapy's `AnalysisConfig.read`.
   *
   * @example
   * ```ts
   * new AnalysisConfig().toYaml().startsWith("general:"); // true
   * ```
   */
  toYaml(): string {
    return stringifyConfigYaml(this.data);
  }

  /**
   * A mutable deep copy of the key tree (also what `JSON.stringify(config)` writes).
   *
   * @example
   * ```ts
   * JSON.stringify(new AnalysisConfig()); // '{"general":{"log":{"level":"info",...'
   * ```
   */
  toJSON(): AnalysisConfigData {
    return deepClone(this.data) as AnalysisConfigData;
  }

  /**
   * Writes the config as YAML, atomically (temporary file, then rename).
   *
   * @param path - destination
   * @param options - `overwrite` an existing file (default false)
   * @throws IoError "file exists already" without `overwrite`, or when the folder is
   *   missing or not writable
   * @example
   * ```ts
   * await config.write("config.yaml", { overwrite: true });
   * ```
   */
  async write(path: string, options: WriteOptions = {}): Promise<void> {
    await writeTextFileAtomic(path, this.toYaml(), options);
  }

  /**
   * Synchronous {@link write}.
   *
   * @param path - destination
   * @param options - `overwrite` an existing file (default false)
   * @throws IoError as {@link write}
   * @example
   * ```ts
   * config.writeSync("config.yaml");
   * ```
   */
  writeSync(path: string, options: WriteOptions = {}): void {
    writeTextFileAtomicSync(path, this.toYaml(), options);
  }

  /**
   * A new config with some keys changed, merged as Gammapy's `update` merges: mappings
   * merge key by key at every depth (free-form `parameters` too), lists and scalars are
   * replaced whole. Unlike Gammapy, a key given in the update always wins, even when its
   * value equals the default (Gammapy silently drops such keys, so `stack: true` could
   * not undo an earlier `stack: false`).
   *
   * @param change - a partial config, YAML text, or another config (its given keys)
   * @throws ConfigError(s) when the change is malformed or invalid
   * @example
   * ```ts
   * const c = new AnalysisConfig({ datasets: { safe_mask: { methods: ["aeff-max", "offset-max"] } } });
   * c.update("datasets: {safe_mask: {methods: [edisp-bias]}}").data.datasets.safe_mask.methods; // ["edisp-bias"]
   * ```
   */
  update(change: AnalysisConfigInput | string | AnalysisConfig): AnalysisConfig {
    let partial: unknown;
    if (typeof change === "string") {
      partial = AnalysisConfig.fromYaml(change).#given;
    } else if (change instanceof AnalysisConfig) {
      partial = change.#given;
    } else {
      validateConfig(change);
      partial = change;
    }
    const merged = deepMerge(this.#given, (partial ?? {}) as PlainObject);
    return new AnalysisConfig(merged as AnalysisConfigInput, { file: this.file });
  }

  private source(keyPath: string) {
    return { keyPath, file: this.file };
  }

  /**
   * An angle in degrees.
   *
   * @param keyPath - dotted key of an angle, e.g. "datasets.geom.wcs.binsize"
   * @returns the angle [deg], or null when unset
   * @example
   * ```ts
   * new AnalysisConfig().angle("datasets.geom.wcs.binsize"); // 0.02
   * ```
   */
  angle(keyPath: ConfigKeyPaths["angle"]): number | null {
    return quantityValue(valueAt(this.data, keyPath) as string | null, "angle", this.source(keyPath));
  }

  /**
   * An energy in TeV.
   *
   * @param keyPath - dotted key of an energy, e.g. "fit.fit_range.min"
   * @returns the energy [TeV], or null when unset
   * @example
   * ```ts
   * new AnalysisConfig().energy("datasets.geom.axes.energy_true.min"); // 0.5
   * ```
   */
  energy(keyPath: ConfigKeyPaths["energy"]): number | null {
    return quantityValue(valueAt(this.data, keyPath) as string | null, "energy", this.source(keyPath));
  }

  /**
   * Energy bins in TeV, or null when min, max or nbins is unset or nbins < 1 (then
   * Gammapy makes no axis either).
   *
   * @param keyPath - dotted key of an energy axis, e.g. "datasets.geom.axes.energy"
   * @example
   * ```ts
   * new AnalysisConfig().energyAxis("datasets.geom.axes.energy"); // { min: 1, max: 10, nbins: 5 }
   * ```
   */
  energyAxis(keyPath: ConfigKeyPaths["EnergyAxisConfig"]): EnergyAxisValues | null {
    const axis = valueAt(this.data, keyPath) as EnergyAxisConfig;
    const min = quantityValue(axis.min, "energy", this.source(`${keyPath}.min`));
    const max = quantityValue(axis.max, "energy", this.source(`${keyPath}.max`));
    if (min === null || max === null || axis.nbins === null || axis.nbins < 1) return null;
    return { min, max, nbins: axis.nbins };
  }

  /**
   * An energy range in TeV; each end is null when open.
   *
   * @param keyPath - dotted key of an energy range ("fit.fit_range")
   * @example
   * ```ts
   * AnalysisConfig.fromYaml("fit: {fit_range: {min: 300 GeV}}").energyRange("fit.fit_range"); // { min: 0.3, max: null }
   * ```
   */
  energyRange(keyPath: ConfigKeyPaths["EnergyRangeConfig"]): { min: number | null; max: number | null } {
    const range = valueAt(this.data, keyPath) as EnergyRangeConfig;
    return {
      min: quantityValue(range.min, "energy", this.source(`${keyPath}.min`)),
      max: quantityValue(range.max, "energy", this.source(`${keyPath}.max`)),
    };
  }

  /**
   * A sky circle in degrees, or null while its centre is unset (Gammapy then skips the
   * cone selection).
   *
   * @param keyPath - "observations.obs_cone" or "datasets.on_region"
   * @throws ConfigError when the centre is set but frame or radius is missing
   * @example
   * ```ts
   * config.circle("datasets.on_region"); // { frame: "icrs", lon: 83.633, lat: 22.014, radius: 0.1 }
   * ```
   */
  circle(keyPath: ConfigKeyPaths["SpatialCircleConfig"]): SkyCircleValues | null {
    const c = valueAt(this.data, keyPath) as SpatialCircleConfig;
    if (c.lon === null) return null;
    const missing = (["frame", "lat", "radius"] as const).filter((k) => c[k] === null);
    if (missing.length > 0 || c.frame === null) {
      throw new ConfigError(`the circle has lon but no ${missing.join(", ")}`, keyPath, {
        file: this.file,
        hint: "Give frame, lon, lat and radius together",
      });
    }
    const q = (k: "lon" | "lat" | "radius") => quantityValue(c[k], "angle", this.source(`${keyPath}.${k}`)) as number;
    return { frame: c.frame, lon: q("lon"), lat: q("lat"), radius: q("radius") };
  }

  /**
   * Time intervals, or null while start or stop is unset.
   *
   * @param keyPath - "observations.obs_time" or "light_curve.time_intervals"
   * @example
   * ```ts
   * config.timeIntervals("light_curve.time_intervals")?.map((i) => i.start.mjd);
   * ```
   */
  timeIntervals(keyPath: ConfigKeyPaths["TimeRangeConfig"]): TimeInterval[] | null {
    const r = valueAt(this.data, keyPath) as TimeRangeConfig;
    const start = timeValues(r.start, this.source(`${keyPath}.start`));
    const stop = timeValues(r.stop, this.source(`${keyPath}.stop`));
    if (start === null || stop === null) return null;
    return start.map((t: Time, i) => ({ start: t, stop: stop[i] }));
  }

  /**
   * A path-valued key with `$VAR` / `${VAR}` expanded from the environment. Expansion
   * happens here, when the path is used, so configs keep the variables when written.
   *
   * @param keyPath - dotted key of a path, e.g. "observations.datastore"
   * @param options - `env` to use instead of process.env; `baseDir` for relative paths
   * @returns the path, or null when unset
   * @throws ConfigError naming the variable and the key when a variable is unset
   * @example
   * ```ts
   * new AnalysisConfig().path("observations.datastore", { env: { GAMMAPY_DATA: "/data" } });
   * // "/data/hess-dl3-dr1"
   * ```
   */
  path(keyPath: ConfigKeyPaths["path"], options: PathOptions = {}): string | null {
    return pathValue(valueAt(this.data, keyPath) as string | null, this.source(keyPath), options);
  }
}
