/**
 * The second half of an analysis split in two (PIG 12: data reduction, then optimise):
 * a session written after the datasets step is read back, models are set, and the fit,
 * flux points and light curve the config asks for run on the restored datasets. The
 * datasets are restored losslessly, so the numbers equal those of a single run.
 */
import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { ConfigError, IoError } from "@gammats/core";
import type { Logger } from "@gammats/core";
import { Analysis } from "./analysis.js";
import { configPath } from "./context.js";
import { checkEstimatorSource } from "./input-checks.js";
import { checkOutputDir } from "./output-dir.js";
import { nextTurn } from "./run-analysis.js";
import type { RunAnalysisResult } from "./run-analysis.js";
import type { StepName } from "./steps.js";
import { datasetsSummary, fitSummary, fluxPointsSummary, lightCurveSummary, peakRssMb } from "./summary.js";
import type { AnalysisSummary, ObservationSummary, TimingsSummary } from "./summary.js";
import { gammatsVersion } from "./version.js";

/** Options of {@link optimiseSession}. */
export interface OptimiseSessionOptions {
  /**
   * Models file (Gammapy YAML) to fit, relative to `cwd`. Default: the session's models
   * when it has some (e.g. an earlier fit), else the config's `general.models_file`.
   */
  models?: string;
  /**
   * Output folder (relative to `cwd`). Default: the session folder itself, which then
   * gains the fit products; replacing an earlier fit there needs `overwrite`.
   */
  outDir?: string;
  /** Replace products already in the output folder (default false). */
  overwrite?: boolean;
  /** Folder relative paths (session, models, the config's paths) resolve against (default `process.cwd()`). */
  cwd?: string;
  /** Variables for `$VAR` expansion (default `process.env`). */
  env?: Readonly<Record<string, string | undefined>>;
  /** Logger; default the one the session's `general.log` describes. */
  logger?: Logger;
  /** Called after each step, e.g. to print its result. */
  onStep?: (step: StepName, analysis: Analysis) => void;
  /** Start of the run for the total timing [ms, `performance.now()`]; default: the call. */
  startedAt?: number;
}

/** The steps {@link optimiseSession} may run, in order. */
type OptimiseStep = Extract<StepName, "fit" | "flux-points" | "light-curve">;

const TIMING_KEYS = { fit: "fit", "flux-points": "flux_points", "light-curve": "light_curve" } as const;

/** What the data reduction's summary.json contributes: the config's hash and the observations. */
function reductionSummary(dir: string): { config_sha256?: string; observations?: ObservationSummary[] } {
  const file = join(dir, "summary.json");
  if (!existsSync(file)) return {};
  try {
    const s = JSON.parse(readFileSync(file, "utf8")) as Partial<AnalysisSummary>;
    return {
      ...(typeof s.config_sha256 === "string" ? { config_sha256: s.config_sha256 } : {}),
      ...(Array.isArray(s.observations) ? { observations: s.observations } : {}),
    };
  } catch {
    return {}; // informational only: a damaged summary does not stop the fit
  }
}

/**
 * Fits a saved session and estimates what its config asks for (flux points when
 * `flux_points.energy` is set, the light curve when `light_curve.energy_edges` is set),
 * then writes the session with the fit products and a new `summary.json`: its
 * `observations` and `config_sha256` come from the session's summary.json when present,
 * `datasets` from the restored datasets, timings only for the steps run here.
 *
 * @param sessionDir - a folder written by `Analysis.write` / `gammats analysis data_reduction`
 * @param options - models, output folder, overwrite, working folder, logger, callback
 * @returns the session, the steps run, the summary and where it was written
 * @throws IoError before any work when the session is missing, or the output folder
 *   holds products (an earlier fit, when writing into the session) without `overwrite`;
 *   ConfigError when the session has no datasets or there are no models to fit;
 *   whatever a step throws (then nothing is written)
 * @example
 * ```ts
 * const { summary } = await optimiseSession("reduced", { outDir: "results" });
 * summary.fit?.success; // true
 * ```
 */
export async function optimiseSession(sessionDir: string, options: OptimiseSessionOptions = {}): Promise<RunAnalysisResult> {
  const start = options.startedAt ?? performance.now();
  const cwd = resolve(options.cwd ?? process.cwd());
  const dir = resolve(cwd, sessionDir);
  const analysis = await Analysis.read(dir, {
    cwd,
    ...(options.env === undefined ? {} : { env: options.env }),
    ...(options.logger === undefined ? {} : { logger: options.logger }),
  });
  const config = analysis.config;
  if (analysis.datasets === null || analysis.datasets.length === 0) {
    throw new ConfigError("the session holds no datasets to fit", "datasets", {
      file: join(dir, "config.yaml"),
      hint: "make them first with gammats analysis data_reduction (or run --steps datasets)",
    });
  }
  const ctx = { config, logger: analysis.logger, cwd, env: options.env };
  const modelsFile = options.models === undefined ? null : resolve(cwd, options.models);
  const configModels = configPath(ctx, "general.models_file");
  if (modelsFile === null && analysis.datasets.models.length === 0 && configModels === null) {
    throw new ConfigError("no models to fit: the session has none and general.models_file is not set", "general.models_file", {
      file: join(dir, "config.yaml"),
      hint: "pass --models model.yaml (option models)",
    });
  }

  const outDir = resolve(cwd, options.outDir ?? dir);
  const overwrite = options.overwrite ?? false;
  if (outDir === dir) {
    if (analysis.fitResult !== null && !overwrite) {
      throw new IoError("the session holds a fit already", dir, { hint: "pass --overwrite (overwrite: true) to replace it, or write elsewhere with --out" });
    }
  } else {
    checkOutputDir(outDir, overwrite);
  }

  // Models: given > the session's own > the config's; reading them is not timed (as in runAnalysis).
  if (modelsFile !== null) await analysis.readModels(modelsFile, { extend: false });
  else if (analysis.datasets.models.length === 0) await analysis.readModels(undefined, { extend: false });
  // The earlier estimates belong to the earlier fit.
  analysis.fluxPoints = null;
  analysis.lightCurve = null;

  // The steps after the fit follow the config, as in runAnalysis (see steps.ts).
  const steps: OptimiseStep[] = ["fit"];
  if (config.data.flux_points.energy.min !== null) steps.push("flux-points");
  if (config.data.light_curve.energy_edges.min !== null) steps.push("light-curve");
  // Fail before the fit, not after it, when an estimator's source is not among the models.
  if (steps.includes("flux-points")) checkEstimatorSource(ctx, "flux_points", analysis.models.names);
  if (steps.includes("light-curve")) checkEstimatorSource(ctx, "light_curve", analysis.models.names);
  const timings: Omit<TimingsSummary, "total"> = {};
  for (const step of steps) {
    const t = performance.now();
    if (step === "fit") analysis.runFit();
    else if (step === "flux-points") analysis.getFluxPoints();
    else analysis.getLightCurve();
    timings[TIMING_KEYS[step]] = (performance.now() - t) / 1000;
    options.onStep?.(step, analysis);
    await nextTurn();
  }

  const earlier = reductionSummary(dir);
  const summary: AnalysisSummary = {
    gammats_version: gammatsVersion(),
    config_sha256: earlier.config_sha256 ?? createHash("sha256").update(config.toYaml()).digest("hex"),
    ...(earlier.observations === undefined ? {} : { observations: earlier.observations }),
    datasets: datasetsSummary(analysis.datasets),
    ...(analysis.fitResult ? { fit: fitSummary(analysis.fitResult, analysis.models) } : {}),
    ...(analysis.fluxPoints ? { flux_points: fluxPointsSummary(analysis.fluxPoints) } : {}),
    ...(analysis.lightCurve ? { light_curve: lightCurveSummary(analysis.lightCurve) } : {}),
    timings_s: { ...timings, total: (performance.now() - start) / 1000 },
    peak_rss_mb: peakRssMb(),
  };
  const files = await analysis.write(outDir, { overwrite: overwrite || outDir === dir, extraFiles: { "summary.json": `${JSON.stringify(summary, null, 1)}\n` } });
  return { analysis, steps, summary, outDir, files };
}
