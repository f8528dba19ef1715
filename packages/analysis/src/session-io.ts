/**
 * A whole analysis session as files: the manifest `session.yaml` (observation ids and
 * what is where), `config.yaml`, the datasets (`datasets/datasets.yaml` + OGIP / gadf
 * FITS that Gammapy reads, lossless),
 * the models with their covariance (`models.yaml`, `models_covariance.dat`), the fit
 * result (`fit-result.yaml`), flux points and light curve (FITS tables), excess maps
 * (`excess_map.fits`). Everything Gammapy can read is in Gammapy's layout.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { DataError, IoError } from "@gammats/core";
import { AnalysisConfig, readTextFileSync, writeTextFileAtomicSync } from "@gammats/config";
import type { AnyDataset, Datasets } from "@gammats/datasets";
import type { FluxMaps, FluxPoints } from "@gammats/estimators";
import { emitYaml, parseYaml, readModels, writeModels, yamlInt } from "@gammats/modeling";
import type { Models, YamlValue } from "@gammats/modeling";
import { readDatasetsFile, writeDatasetsFile } from "./datasets-file.js";
import { readExcessMapFits, writeExcessMapFits } from "./excess-map-step.js";
import type { AnalysisFitResult } from "./fit-result.js";
import { fitResultFromYaml, fitResultToYaml } from "./fit-result.js";
import { readFluxPointsFits, writeFluxPointsFits } from "./flux-points-fits.js";
import { MANIFEST, commitProducts } from "./output-dir.js";
import { gammatsVersion } from "./version.js";

/** What a session holds (null: not made yet). */
export interface SessionState {
  config: AnalysisConfig;
  observationIds: number[] | null;
  datasets: Datasets<AnyDataset> | null;
  fitResult: AnalysisFitResult | null;
  fluxPoints: FluxPoints | null;
  lightCurve: FluxPoints | null;
  /** Excess maps (absent from sessions written before they existed: null). */
  excessMap?: FluxMaps | null;
}

/** Options of {@link writeSession}. */
export interface WriteSessionOptions {
  /** Replace the products of an earlier session in the folder (default false). */
  overwrite?: boolean;
  /** More text files to write along (relative name → content), e.g. summary.json. */
  extraFiles?: Readonly<Record<string, string>>;
}

const FILES = {
  config: "config.yaml",
  datasets: "datasets/datasets.yaml",
  models: "models.yaml",
  fitResult: "fit-result.yaml",
  fluxPoints: "flux_points.fits",
  lightCurve: "light_curve.fits",
  excessMap: "excess_map.fits",
} as const;

function modelsOf(datasets: Datasets<AnyDataset> | null): Models | null {
  if (datasets === null) return null;
  const models = datasets.models;
  return models.length > 0 ? models : null;
}

/** Writes the session's files into `tmp`, returns their names (manifest included). */
function writeSessionFiles(state: SessionState, tmp: string, extra: Readonly<Record<string, string>>): string[] {
  const files: string[] = [];
  const text = (name: string, content: string) => {
    writeTextFileAtomicSync(join(tmp, name), content);
    files.push(name);
  };
  const manifest: Record<string, YamlValue> = {
    gammats_session: yamlInt(1),
    gammats_version: gammatsVersion(),
    observations: state.observationIds === null ? null : state.observationIds.map(yamlInt),
  };
  text(FILES.config, state.config.toYaml());
  manifest.config = FILES.config;
  if (state.datasets !== null) {
    // Gammapy's layout (OGIP for on/off, gadf otherwise), so Gammapy's Datasets.read reads
    // it; both are lossless here, so a restored session fits to the same numbers.
    const written = writeDatasetsFile(state.datasets, join(tmp, FILES.datasets));
    files.push(...written.map((p) => p.slice(tmp.length + 1)));
    manifest.datasets = FILES.datasets;
  }
  const models = modelsOf(state.datasets);
  if (models !== null) {
    writeModels(models, join(tmp, FILES.models));
    files.push(FILES.models);
    if (models.covarianceFile !== undefined) files.push(models.covarianceFile);
    manifest.models = FILES.models;
  }
  if (state.fitResult !== null) {
    text(FILES.fitResult, fitResultToYaml(state.fitResult));
    manifest.fit_result = FILES.fitResult;
  }
  for (const [key, fp, name] of [["flux_points", state.fluxPoints, FILES.fluxPoints], ["light_curve", state.lightCurve, FILES.lightCurve]] as const) {
    if (fp === null) continue;
    writeFluxPointsFits(fp, join(tmp, name));
    files.push(name);
    manifest[key] = name;
  }
  if (state.excessMap) {
    const written = writeExcessMapFits(state.excessMap, join(tmp, FILES.excessMap));
    files.push(...written.map((p) => p.slice(tmp.length + 1)));
    manifest.excess_map = FILES.excessMap;
  }
  for (const [name, content] of Object.entries(extra)) text(name, content);
  manifest.products = [...files, MANIFEST];
  text(MANIFEST, emitYaml(manifest));
  return files;
}

/**
 * Writes a session into a folder (through a temporary folder; see `commitProducts`).
 *
 * @param state - what the session holds
 * @param dir - the folder (created when missing)
 * @param options - overwrite, extra files
 * @returns the relative names written
 * @throws IoError when the folder holds an earlier session's products without `overwrite`
 * @example
 * ```ts
 * await writeSession(state, "results/crab", { overwrite: true });
 * ```
 */
export async function writeSession(state: SessionState, dir: string, options: WriteSessionOptions = {}): Promise<string[]> {
  return commitProducts(dir, options.overwrite ?? false, (tmp) => writeSessionFiles(state, tmp, options.extraFiles ?? {}));
}

function entry(manifest: Record<string, unknown>, key: string, dir: string): string | null {
  const v = manifest[key];
  if (v === undefined || v === null) return null;
  if (typeof v !== "string") throw new DataError(`${join(dir, MANIFEST)}: '${key}' is not a file name`, { hint: "rewrite the session with Analysis.write" });
  return join(dir, v);
}

/**
 * Reads a session written by {@link writeSession}.
 *
 * @param dir - the folder
 * @returns what the session held
 * @throws IoError when the folder has no session manifest or a listed file is missing;
 *   ConfigError / DataError / FitsError for files that do not read
 */
export async function readSession(dir: string): Promise<SessionState> {
  const manifestPath = join(dir, MANIFEST);
  if (!existsSync(manifestPath)) {
    throw new IoError("no gammats session here (session.yaml is missing)", dir, { hint: "give a folder written by Analysis.write or gammats analysis run" });
  }
  const manifest = parseYaml(readTextFileSync(manifestPath), { file: manifestPath }) as Record<string, unknown> | null;
  if (manifest === null || typeof manifest !== "object" || manifest.gammats_session !== 1) {
    throw new DataError(`${manifestPath} is not a gammats session manifest`, { hint: "give a folder written by Analysis.write" });
  }
  const configPath = entry(manifest, "config", dir);
  if (configPath === null) throw new DataError(`${manifestPath} names no config`, { hint: "rewrite the session with Analysis.write" });
  const config = await AnalysisConfig.read(configPath);
  const ids = manifest.observations;
  const observationIds = Array.isArray(ids) ? ids.map(Number) : null;
  const datasetsPath = entry(manifest, "datasets", dir);
  const datasets = datasetsPath === null ? null : readDatasetsFile(datasetsPath, dir);
  const modelsPath = entry(manifest, "models", dir);
  if (modelsPath !== null) {
    if (datasets === null) throw new DataError(`${manifestPath} lists models but no datasets`, { hint: "rewrite the session with Analysis.write" });
    datasets.models = readModels(modelsPath);
  }
  const fitPath = entry(manifest, "fit_result", dir);
  const fitResult = fitPath === null ? null : fitResultFromYaml(readTextFileSync(fitPath), fitPath);
  const models = modelsOf(datasets);
  const reference = (source: string) => (models?.has(source) ? { referenceModel: models.get(source).spectral.copy() } : {});
  const fpPath = entry(manifest, "flux_points", dir);
  const lcPath = entry(manifest, "light_curve", dir);
  const emPath = entry(manifest, "excess_map", dir);
  const emParameters = config.data.excess_map.parameters as { n_sigma?: number; n_sigma_ul?: number };
  return {
    config,
    observationIds,
    datasets,
    fitResult,
    fluxPoints: fpPath === null ? null : readFluxPointsFits(fpPath, reference(config.data.flux_points.source)),
    lightCurve: lcPath === null ? null : readFluxPointsFits(lcPath, { format: "lightcurve", ...reference(config.data.light_curve.source) }),
    excessMap:
      emPath === null
        ? null
        : readExcessMapFits(emPath, {
            ...(typeof emParameters.n_sigma === "number" ? { nSigma: emParameters.n_sigma } : {}),
            ...(typeof emParameters.n_sigma_ul === "number" ? { nSigmaUl: emParameters.n_sigma_ul } : {}),
          }),
  };
}
