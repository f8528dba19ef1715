/**
 * What `analysis run` and `analysis data_reduction` share: read the config, make the
 * session logger (whose lines step around the progress line), guard against Ctrl-C,
 * run the steps and write the products.
 */
import { resolve } from "node:path";
import { configPath, loggerFromConfig, runAnalysis } from "@gammats/analysis";
import type { Analysis, RunAnalysisResult, StepName } from "@gammats/analysis";
import { AnalysisConfig, readTextFile } from "@gammats/config";
import { guardInterrupts } from "./interrupt.js";
import { ProgressLine, reductionProgress, testReductionDelayMs } from "./progress.js";

/** Options of {@link runConfigFile}. */
export interface RunConfigFileOptions {
  /** Steps to run (with those they need); default: all the config asks for. */
  steps?: readonly StepName[];
  /** Output folder; default `general.outdir`. */
  outDir?: string;
  /** Replace the products of an earlier run. */
  overwrite: boolean;
  /** Called after each step (prints its result). */
  onStep: (step: StepName, analysis: Analysis) => void;
}

/**
 * Runs a config file the way the CLI shows it: progress per observation (a terminal line,
 * else log lines), Ctrl-C leaves nothing half-written.
 *
 * @param path - the config file (relative to the working directory)
 * @param options - steps, output folder, overwrite, step callback
 * @returns what `runAnalysis` returns
 * @throws IoError / ConfigError for the file, then whatever `runAnalysis` throws
 * @example
 * ```ts
 * const { outDir } = await runConfigFile("config.yaml", { steps: ["datasets"], overwrite: false, onStep: printStep });
 * ```
 */
export async function runConfigFile(path: string, options: RunConfigFileOptions): Promise<RunAnalysisResult> {
  const file = resolve(path);
  const text = await readTextFile(file);
  const config = AnalysisConfig.fromYaml(text, { file });
  const line = new ProgressLine(process.stderr);
  const logger = loggerFromConfig(config, { write: line.around((l) => process.stderr.write(`${l}\n`)) });
  const outDir = resolve(options.outDir ?? configPath({ config, logger, cwd: process.cwd() }, "general.outdir") ?? ".");
  const guard = guardInterrupts({ outDir, onInterrupt: () => line.clear() });
  try {
    return await runAnalysis(config, text, {
      ...(options.steps === undefined ? {} : { steps: options.steps }),
      outDir,
      overwrite: options.overwrite,
      logger,
      onStep: options.onStep,
      onProgress: reductionProgress(line, logger, testReductionDelayMs()),
      // performance.now() counts from process start: the total includes start-up, as
      // Gammapy's reference timing includes its imports.
      startedAt: 0,
    });
  } finally {
    line.clear();
    guard.dispose();
  }
}
