/**
 * One whole analysis run, as `gammats analysis run` does it: the steps the config asks
 * for (or a chosen subset), each timed, then the session and `summary.json` written
 * together into the output folder. Reading the models file is not timed, as in
 * shared/reference/gammapy_summary.py.
 */
import { createHash } from "node:crypto";
import { resolve } from "node:path";
import type { Logger } from "@gammats/core";
import type { ReduceProgress } from "@gammats/reduce";
import { AnalysisConfig, readTextFile } from "@gammats/config";
import { Analysis } from "./analysis.js";
import { configPath } from "./context.js";
import { checkBeforeRun } from "./input-checks.js";
import { checkOutputDir } from "./output-dir.js";
import { resolveSteps } from "./steps.js";
import type { StepName } from "./steps.js";
import { datasetsSummary, excessMapSummary, fitSummary, fluxPointsSummary, lightCurveSummary, observationsSummary, peakRssMb } from "./summary.js";
import type { AnalysisSummary, TimingsSummary } from "./summary.js";
import { gammatsVersion } from "./version.js";

/** Options of {@link runAnalysis}. */
export interface RunAnalysisOptions {
  /** Steps to run (with the ones they need); default: every step the config asks for. */
  steps?: readonly StepName[];
  /** Output folder; default `general.outdir` (relative paths: to `cwd`). */
  outDir?: string;
  /** Replace the products of an earlier run in the output folder (default false). */
  overwrite?: boolean;
  /** Write nothing (default false): only the returned summary. */
  dryRun?: boolean;
  /** Folder relative config paths resolve against (default `process.cwd()`). */
  cwd?: string;
  /** Variables for `$VAR` expansion (default `process.env`). */
  env?: Readonly<Record<string, string | undefined>>;
  /** Logger; default the one `general.log` describes. */
  logger?: Logger;
  /** Called after each step, e.g. to print its result. */
  onStep?: (step: StepName, analysis: Analysis) => void;
  /** Receives the datasets step's progress per observation. */
  onProgress?: (progress: ReduceProgress) => void;
  /** Start of the run for the total timing [ms, `performance.now()`]; default: the call. */
  startedAt?: number;
}

/** What {@link runAnalysis} returns. */
export interface RunAnalysisResult {
  /** The session after the run. */
  analysis: Analysis;
  /** The steps that ran. */
  steps: StepName[];
  /** The summary (also written as summary.json). */
  summary: AnalysisSummary;
  /** The output folder (absolute). */
  outDir: string;
  /** Relative names of the files written (empty for a dry run). */
  files: string[];
}

/**
 * Lets the event loop run once. The steps are synchronous; between them a caller's signal
 * handler (Ctrl-C) gets its turn, so an interrupted run stops before writing anything.
 */
export function nextTurn(): Promise<void> {
  return new Promise((next) => setImmediate(next));
}

const TIMING_KEYS: Record<StepName, keyof Omit<TimingsSummary, "total">> = {
  observations: "observations",
  datasets: "datasets",
  fit: "fit",
  "flux-points": "flux_points",
  "light-curve": "light_curve",
  "excess-map": "excess_map",
};

/**
 * Runs an analysis and writes its products.
 *
 * @param config - the configuration
 * @param configText - the config file's text, whose SHA-256 goes into the summary
 *   (default: the config as YAML)
 * @param options - steps, output folder, overwrite, working folder, logger, callback
 * @returns the session, the steps run, the summary and where it was written
 * @throws IoError before any work when the output folder holds products and `overwrite`
 *   is not set; ConfigError naming the key for steps the config cannot run; whatever a
 *   step throws (then nothing is written)
 * @example
 * ```ts
 * const { summary } = await runAnalysis(config, text, { outDir: "out", overwrite: true });
 * summary.fit?.parameters[0]; // { model: "crab", name: "index", value: 2.81, ... }
 * ```
 */
export async function runAnalysis(config: AnalysisConfig, configText: string | undefined, options: RunAnalysisOptions = {}): Promise<RunAnalysisResult> {
  const start = options.startedAt ?? performance.now();
  const cwd = resolve(options.cwd ?? process.cwd());
  const steps = resolveSteps(config, options.steps);
  const analysis = new Analysis(config, {
    cwd,
    ...(options.env === undefined ? {} : { env: options.env }),
    ...(options.logger === undefined ? {} : { logger: options.logger }),
    ...(options.onProgress === undefined ? {} : { onProgress: options.onProgress }),
  });
  const ctx = { config, logger: analysis.logger, cwd, env: options.env };
  const outDir = resolve(cwd, options.outDir ?? configPath(ctx, "general.outdir") ?? ".");
  if (!options.dryRun) checkOutputDir(outDir, options.overwrite ?? false);
  checkBeforeRun(ctx, steps);

  const timings: Omit<TimingsSummary, "total"> = {};
  const timed = async (step: StepName, work: () => unknown) => {
    const t = performance.now();
    await work();
    timings[TIMING_KEYS[step]] = (performance.now() - t) / 1000;
    options.onStep?.(step, analysis);
    await nextTurn();
  };
  for (const step of steps) {
    switch (step) {
      case "observations":
        await timed(step, () => analysis.getObservations());
        break;
      case "datasets":
        await timed(step, () => analysis.getDatasets());
        break;
      case "fit":
        await analysis.readModels();
        await timed(step, () => analysis.runFit());
        break;
      case "flux-points":
        await timed(step, () => analysis.getFluxPoints());
        break;
      case "light-curve":
        await timed(step, () => analysis.getLightCurve());
        break;
      case "excess-map":
        await timed(step, () => analysis.getExcessMap());
        break;
    }
  }

  const ran = new Set(steps);
  const summary: AnalysisSummary = {
    gammats_version: gammatsVersion(),
    config_sha256: createHash("sha256").update(configText ?? config.toYaml()).digest("hex"),
    ...(ran.has("observations") ? { observations: observationsSummary(analysis.observations ?? []) } : {}),
    ...(ran.has("datasets") && analysis.datasets ? { datasets: datasetsSummary(analysis.datasets) } : {}),
    ...(ran.has("fit") && analysis.fitResult ? { fit: fitSummary(analysis.fitResult, analysis.models) } : {}),
    ...(ran.has("flux-points") && analysis.fluxPoints ? { flux_points: fluxPointsSummary(analysis.fluxPoints) } : {}),
    ...(ran.has("light-curve") && analysis.lightCurve ? { light_curve: lightCurveSummary(analysis.lightCurve) } : {}),
    ...(ran.has("excess-map") && analysis.excessMap ? { excess_map: excessMapSummary(analysis.excessMap) } : {}),
    timings_s: { ...timings, total: (performance.now() - start) / 1000 },
    peak_rss_mb: peakRssMb(),
  };
  const files = options.dryRun
    ? []
    : await analysis.write(outDir, { overwrite: options.overwrite ?? false, extraFiles: { "summary.json": `${JSON.stringify(summary, null, 1)}\n` } });
  return { analysis, steps, summary, outDir, files };
}

/**
 * Reads a config file and runs it ({@link runAnalysis}); the summary's `config_sha256`
 * is the file's.
 *
 * @param path - the config file (relative to `options.cwd`)
 * @param options - as {@link runAnalysis}
 * @returns as {@link runAnalysis}
 * @throws IoError / ConfigError(s) for the file, then as {@link runAnalysis}
 * @example
 * ```ts
 * await runAnalysisFile("config.yaml", { outDir: "out" });
 * ```
 */
export async function runAnalysisFile(path: string, options: RunAnalysisOptions = {}): Promise<RunAnalysisResult> {
  const startedAt = options.startedAt ?? performance.now();
  const file = resolve(options.cwd ?? process.cwd(), path);
  const text = await readTextFile(file);
  const config = AnalysisConfig.fromYaml(text, { file });
  return runAnalysis(config, text, { ...options, startedAt });
}
