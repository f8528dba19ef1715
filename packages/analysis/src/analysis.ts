/**
 * `Analysis`: Gammapy 1.0's config-driven session in camelCase — observations, datasets
 * (1D spectra or 3D / 2D maps), models, fit, flux points, light curve, excess maps — each
 * step delegated to the package that does the work (see the `*-step.ts` files), plus
 * saving and restoring the whole session.
 */
import { resolve } from "node:path";
import { ConfigError, DataError } from "@gammats/core";
import type { Logger } from "@gammats/core";
import { AnalysisConfig } from "@gammats/config";
import type { AnalysisConfigInput } from "@gammats/config";
import type { DataStore, Observation } from "@gammats/data-store";
import type { ReduceProgress } from "@gammats/reduce";
import type { AnyDataset, Datasets } from "@gammats/datasets";
import type { DatasetFormat } from "@gammats/datasets";
import type { FluxMaps, FluxPoints } from "@gammats/estimators";
import { Fit } from "@gammats/fit";
import { Models, modelsFromYaml, readModels, writeModels } from "@gammats/modeling";
import type { Model } from "@gammats/modeling";
import { configPath } from "./context.js";
import type { StepContext } from "./context.js";
import { readDatasetsFile, writeDatasetsFile } from "./datasets-file.js";
import { runDatasetsStep } from "./datasets-step.js";
import { runExcessMapStep } from "./excess-map-step.js";
import { analysisFitResult } from "./fit-result.js";
import type { AnalysisFitResult } from "./fit-result.js";
import { runFitStep } from "./fit-step.js";
import { runFluxPointsStep } from "./flux-points-step.js";
import { runLightCurveStep } from "./light-curve-step.js";
import { loggerFromConfig } from "./logging.js";
import { fovBackgroundModelsFor } from "./map-datasets-step.js";
import { runObservationsStep } from "./observations-step.js";
import { formatFitResult } from "./report.js";
import { readSession, writeSession } from "./session-io.js";
import type { WriteSessionOptions } from "./session-io.js";

/** Options of {@link Analysis}. */
export interface AnalysisOptions {
  /**
   * Where the session logs; default the logger `general.log` describes (level, file),
   * re-made when `updateConfig` changes it.
   */
  logger?: Logger;
  /** Folder relative paths of the config resolve against (default `process.cwd()`, as Gammapy). */
  cwd?: string;
  /** Variables for `$VAR` expansion (default `process.env`). */
  env?: Readonly<Record<string, string | undefined>>;
  /** Receives the datasets step's progress per observation (done 0 first, then after each). */
  onProgress?: (progress: ReduceProgress) => void;
}

/** Options of {@link Analysis.setModels} and {@link Analysis.readModels}. */
export interface SetModelsOptions {
  /** Keep the models already on the datasets, after the new ones (default true, as Gammapy). */
  extend?: boolean;
}

/** Options of the write methods. */
export interface WriteOptions {
  /** Replace existing files (default false). */
  overwrite?: boolean;
}

function missing(what: string, hint: string): DataError {
  return new DataError(what, { hint });
}

/**
 * A config-driven analysis session.
 *
 * @example
 * ```ts
 * const analysis = new Analysis(await AnalysisConfig.read("config.yaml"));
 * await analysis.getObservations();
 * await analysis.getDatasets();
 * await analysis.readModels("model.yaml");
 * analysis.runFit().success;                 // true
 * analysis.getFluxPoints();
 * await analysis.write("results");           // restore with Analysis.read("results")
 * ```
 */
export class Analysis {
  #config: AnalysisConfig;
  #logger: Logger;
  readonly #ownLogger: boolean;
  /** Folder relative config paths resolve against. */
  readonly cwd: string;
  /** Environment for `$VAR` expansion (undefined: `process.env`). */
  readonly env: Readonly<Record<string, string | undefined>> | undefined;
  readonly #onProgress: ((progress: ReduceProgress) => void) | undefined;
  /** The data store of the last `getObservations`. */
  dataStore: DataStore | null = null;
  /** The selected observations (null before `getObservations`, and after a restore). */
  observations: Observation[] | null = null;
  /** Ids of the selected observations (kept by a restored session). */
  observationIds: number[] | null = null;
  /** The reduced (or read) datasets. */
  datasets: Datasets<AnyDataset> | null = null;
  /** The fitter, shared with the estimators (Gammapy: `Fit()`). */
  readonly fit: Fit;
  /** Result of the last `runFit`. */
  fitResult: AnalysisFitResult | null = null;
  /** Result of the last `getFluxPoints`. */
  fluxPoints: FluxPoints | null = null;
  /** Result of the last `getLightCurve`. */
  lightCurve: FluxPoints | null = null;
  /** Result of the last `getExcessMap`. */
  excessMap: FluxMaps | null = null;

  /**
   * @param config - a config, or a partial config object (the rest defaulted)
   * @param options - logger, working folder, environment
   * @throws ConfigError(s) for an invalid config or log settings
   */
  constructor(config: AnalysisConfig | AnalysisConfigInput = {}, options: AnalysisOptions = {}) {
    this.#config = config instanceof AnalysisConfig ? config : new AnalysisConfig(config);
    this.cwd = resolve(options.cwd ?? process.cwd());
    this.env = options.env;
    this.#onProgress = options.onProgress;
    this.#ownLogger = options.logger === undefined;
    this.#logger = options.logger ?? this.configLogger();
    this.fit = new Fit({ logger: this.#logger });
  }

  private configLogger(): Logger {
    return loggerFromConfig(this.#config, { cwd: this.cwd, ...(this.env === undefined ? {} : { env: this.env }) });
  }

  /** The configuration (immutable; change it with {@link updateConfig}). */
  get config(): AnalysisConfig {
    return this.#config;
  }

  /** The session's logger. */
  get logger(): Logger {
    return this.#logger;
  }

  private get ctx(): StepContext {
    return { config: this.#config, logger: this.#logger, cwd: this.cwd, env: this.env, onProgress: this.#onProgress };
  }

  /**
   * The models on the datasets.
   *
   * @throws DataError when there are no datasets
   */
  get models(): Models {
    if (this.datasets === null) throw missing("No datasets defined. Impossible to set models", "run getDatasets() or readDatasets() first");
    return this.datasets.models;
  }

  /** Replaces the models on the datasets (`setModels(models, { extend: false })`). */
  set models(models: Models) {
    this.setModels(models, { extend: false });
  }

  /**
   * Merges a partial config into the current one (Gammapy's `update_config`).
   *
   * @param change - a partial config, YAML text or another config
   * @throws ConfigError(s) for invalid changes
   * @example
   * ```ts
   * analysis.updateConfig({ datasets: { stack: false } });
   * ```
   */
  updateConfig(change: AnalysisConfigInput | string | AnalysisConfig): void {
    const before = JSON.stringify(this.#config.data.general.log);
    this.#config = this.#config.update(change);
    if (this.#ownLogger && JSON.stringify(this.#config.data.general.log) !== before) this.#logger = this.configLogger();
  }

  /**
   * Selects the observations the `observations` section asks for.
   *
   * @returns the observations
   * @throws ConfigError / DataError / IoError naming the key or file that is wrong
   */
  async getObservations(): Promise<Observation[]> {
    const { dataStore, observations } = runObservationsStep(this.ctx);
    this.dataStore = dataStore;
    this.observations = observations;
    this.observationIds = observations.map((o) => o.obsId);
    return observations;
  }

  /**
   * Reduces the observations to datasets (`datasets` section).
   *
   * @returns the datasets
   * @throws DataError before `getObservations`; ConfigError for an incomplete config
   */
  async getDatasets(): Promise<Datasets<AnyDataset>> {
    if (this.observations === null || this.observations.length === 0) {
      throw missing("No observations have been selected", "run getObservations() first");
    }
    this.datasets = await runDatasetsStep(this.ctx, this.observations);
    return this.datasets;
  }

  /**
   * Sets models on the datasets (each dataset keeps those that apply to it).
   *
   * @param models - Models, a list of models, or Gammapy models YAML text
   * @param options - extend (default true): keep the models already there, after the new ones
   * @throws DataError without datasets; ConfigError for invalid YAML or duplicate names
   */
  setModels(models: Models | Iterable<Model> | string, options: SetModelsOptions = {}): void {
    if (this.datasets === null || this.datasets.length === 0) throw missing("Missing datasets", "run getDatasets() or readDatasets() first");
    this.#logger.info("Reading model.");
    const given = typeof models === "string" ? modelsFromYaml(models) : models instanceof Models ? models : new Models(models);
    const list = [...given];
    if (options.extend ?? true) for (const m of this.datasets.models) if (!list.includes(m)) list.push(m);
    this.datasets.models = new Models(list);
    // As Gammapy: each MapDataset without a background model gets a FoVBackgroundModel.
    const bkgModels = fovBackgroundModelsFor(this.datasets);
    if (bkgModels.length > 0) this.datasets.models = new Models([...list, ...bkgModels]);
    this.#logger.info(`Models: ${this.datasets.models.names.join(", ")}`);
  }

  private pathOrConfig(path: string | undefined, key: "general.models_file" | "general.datasets_file", what: string): string {
    if (path !== undefined) return resolve(this.cwd, path);
    const p = configPath(this.ctx, key);
    if (p === null) {
      throw new ConfigError(`no ${what} file given`, key, {
        ...(this.#config.file === undefined ? {} : { file: this.#config.file }),
        hint: `pass a path, or set ${key}`,
      });
    }
    return p;
  }

  /**
   * Reads models from a YAML file (Gammapy format, with its covariance table if named).
   *
   * @param path - the file; default `general.models_file` (relative to the working folder)
   * @param options - extend (default true)
   * @throws ConfigError when no path is given or set; IoError / ConfigError for the file
   */
  async readModels(path?: string, options: SetModelsOptions = {}): Promise<void> {
    const file = this.pathOrConfig(path, "general.models_file", "models");
    this.setModels(readModels(file), options);
    this.#logger.info(`Models loaded from ${file}.`);
  }

  /**
   * Writes the models (and their covariance table next to them).
   *
   * @param path - the file; default `general.models_file`
   * @param options - overwrite (default false)
   * @throws DataError without models; IoError when the file exists without `overwrite`
   */
  async writeModels(path?: string, options: WriteOptions & { writeCovariance?: boolean } = {}): Promise<void> {
    const file = this.pathOrConfig(path, "general.models_file", "models");
    writeModels(this.models, file, { overwrite: options.overwrite ?? false, writeCovariance: options.writeCovariance ?? true });
    this.#logger.info(`Models written to ${file}.`);
  }

  /**
   * Reads datasets from a YAML index (Gammapy's `Datasets.read` layout), then the models
   * of `general.models_file` when set (replacing any).
   *
   * @param path - the index; default `general.datasets_file`
   * @throws ConfigError when no path is given or set; IoError / DataError for the files
   */
  async readDatasets(path?: string): Promise<Datasets<AnyDataset>> {
    const file = this.pathOrConfig(path, "general.datasets_file", "datasets");
    this.datasets = readDatasetsFile(file, this.cwd);
    this.#logger.info(`Datasets loaded from ${file}.`);
    if (this.#config.data.general.models_file !== null) await this.readModels(undefined, { extend: false });
    return this.datasets;
  }

  /**
   * Writes the datasets: the YAML index and one file per dataset (Gammapy's layout:
   * OGIP for on/off datasets, gadf otherwise, unless `format` says otherwise). Unlike
   * Gammapy's `write_datasets`, the models are not written along (that would replace the
   * input `general.models_file`); use {@link writeModels}.
   *
   * @param path - the index; default `general.datasets_file`
   * @param options - overwrite (default false), format
   * @returns the paths written
   * @throws DataError without datasets; IoError when a file exists without `overwrite`
   */
  async writeDatasets(path?: string, options: WriteOptions & { format?: DatasetFormat } = {}): Promise<string[]> {
    if (this.datasets === null) throw missing("No datasets to write", "run getDatasets() or readDatasets() first");
    const file = this.pathOrConfig(path, "general.datasets_file", "datasets");
    const written = writeDatasetsFile(this.datasets, file, { overwrite: options.overwrite ?? false, ...(options.format ? { format: options.format } : {}) });
    this.#logger.info(`Datasets stored to ${file}.`);
    return written;
  }

  /**
   * Fits the models to the datasets within `fit.fit_range`.
   *
   * @returns the fit result (also in `fitResult`); the models hold the best fit
   * @throws DataError without datasets; ConfigError without models
   */
  runFit(): AnalysisFitResult {
    if (this.datasets === null) throw missing("No datasets defined. Impossible to fit", "run getDatasets() or readDatasets() first");
    this.fitResult = analysisFitResult(runFitStep(this.ctx, this.datasets, this.fit));
    this.#logger.info(`\n${formatFitResult(this.fitResult, this.datasets.models)}`);
    return this.fitResult;
  }

  /**
   * Estimates flux points (`flux_points` section).
   *
   * @returns the flux points (also in `fluxPoints`)
   * @throws DataError without datasets; ConfigError for unset bins or an unknown source
   */
  getFluxPoints(): FluxPoints {
    this.fluxPoints = runFluxPointsStep(this.ctx, this.datasets, this.fit);
    return this.fluxPoints;
  }

  /**
   * Estimates a light curve (`light_curve` section).
   *
   * @returns the light curve (also in `lightCurve`)
   * @throws DataError without datasets; ConfigError for unset bins or an unknown source
   */
  getLightCurve(): FluxPoints {
    this.lightCurve = runLightCurveStep(this.ctx, this.datasets, this.fit);
    return this.lightCurve;
  }

  /**
   * Excess and significance maps of the one (stacked) map dataset relative to its current
   * models (`excess_map` section; Gammapy's `get_excess_map`).
   *
   * @returns the maps (also in `excessMap`)
   * @throws DataError without datasets; ConfigError for several datasets or a 1D dataset
   */
  getExcessMap(): FluxMaps {
    this.excessMap = runExcessMapStep(this.ctx, this.datasets);
    return this.excessMap;
  }

  /**
   * Saves the whole session into a folder: config, observation ids, datasets, models with
   * covariance, fit result, flux points and light curve (YAML + FITS).
   *
   * @param dir - the folder (relative to the working folder; created when missing)
   * @param options - overwrite an earlier session there (default false), extra files
   * @returns the relative names written
   * @throws IoError when the folder holds products without `overwrite`
   */
  async write(dir: string, options: WriteSessionOptions = {}): Promise<string[]> {
    const out = resolve(this.cwd, dir);
    const files = await writeSession(this.state(), out, options);
    this.#logger.info(`Session written to ${out}.`);
    return files;
  }

  private state() {
    return {
      config: this.#config,
      observationIds: this.observationIds,
      datasets: this.datasets,
      fitResult: this.fitResult,
      fluxPoints: this.fluxPoints,
      lightCurve: this.lightCurve,
      excessMap: this.excessMap,
    };
  }

  /**
   * Restores a session written by {@link write} (or by `gammats analysis run`).
   *
   * @param dir - the folder
   * @param options - logger, working folder for the config's relative paths, environment
   * @returns the session, with datasets, models, fit result and estimates as saved (the
   *   observations themselves are re-selected only by `getObservations`)
   * @throws IoError when the folder holds no session
   */
  static async read(dir: string, options: AnalysisOptions = {}): Promise<Analysis> {
    const state = await readSession(resolve(options.cwd ?? process.cwd(), dir));
    const analysis = new Analysis(state.config, options);
    analysis.observationIds = state.observationIds;
    analysis.datasets = state.datasets;
    analysis.fitResult = state.fitResult;
    analysis.fluxPoints = state.fluxPoints;
    analysis.lightCurve = state.lightCurve;
    analysis.excessMap = state.excessMap ?? null;
    return analysis;
  }
}
