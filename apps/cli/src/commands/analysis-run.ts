/**
 * `gammats analysis run`: runs every step a configuration asks for (or those given with
 * --steps) and writes the session and summary.json into the output folder. Results a
 * person reads (info table, fit result, flux points, light curve) go to stdout; log lines
 * go where `general.log` says (stderr by default).
 */
import type { Command } from "commander";
import { STEPS, formatFitResult, formatFluxPoints, formatInfoTable, formatLightCurve, isStepName } from "@gammats/analysis";
import type { Analysis, StepName } from "@gammats/analysis";
import { didYouMean } from "@gammats/config";
import { runConfigFile } from "../analysis-runner.js";
import { addFileOptions, chosenFile } from "../file-options.js";
import type { FileOptions } from "../file-options.js";
import { UsageError } from "../usage-error.js";

/** Parsed options of `analysis run`. */
interface RunOptions extends FileOptions {
  out?: string;
  steps?: string;
}

/**
 * The steps named by `--steps` ("datasets,fit"), checked.
 *
 * @param text - comma-separated step names
 * @returns the steps
 * @throws UsageError for an empty list or an unknown name (with a suggestion)
 * @example
 * ```ts
 * parseSteps("observations, datasets"); // ["observations", "datasets"]
 * ```
 */
export function parseSteps(text: string): StepName[] {
  const names = text.split(",").map((s) => s.trim()).filter((s) => s !== "");
  if (names.length === 0) throw new UsageError("--steps is empty", { hint: `Give some of ${STEPS.join(",")}` });
  return names.map((name) => {
    if (isStepName(name)) return name;
    const guess = didYouMean(name, STEPS);
    throw new UsageError(`unknown step '${name}'${guess ? ` (did you mean ${guess}?)` : ""}`, { hint: `Steps are ${STEPS.join(",")}` });
  });
}

/**
 * Prints a step's result on stdout (the info table, the fit result, the flux points...).
 *
 * @param step - the step that just ran
 * @param analysis - the session after it
 */
export function printStep(step: StepName, analysis: Analysis): void {
  const out = (text: string) => process.stdout.write(`${text}\n`);
  switch (step) {
    case "observations":
      out(`Observations: ${analysis.observations?.length ?? 0} selected (${(analysis.observationIds ?? []).join(", ")})\n`);
      break;
    case "datasets":
      if (analysis.datasets) out(`Datasets:\n${formatInfoTable(analysis.datasets.infoTable({ cumulative: true }))}\n`);
      break;
    case "fit":
      if (analysis.fitResult) out(`Fit:\n${formatFitResult(analysis.fitResult, analysis.models)}\n`);
      break;
    case "flux-points":
      if (analysis.fluxPoints) out(`Flux points:\n${formatFluxPoints(analysis.fluxPoints)}\n`);
      break;
    case "light-curve":
      if (analysis.lightCurve) out(`Light curve:\n${formatLightCurve(analysis.lightCurve)}\n`);
      break;
    case "excess-map":
      break;
  }
}

/**
 * Registers `run` under the `analysis` command.
 *
 * @param analysis - the `analysis` command
 * @example
 * ```ts
 * registerAnalysisRun(program.command("analysis"));
 * ```
 */
export function registerAnalysisRun(analysis: Command): void {
  const cmd = analysis
    .command("run")
    .summary("run an analysis and write its products")
    .description(
      "Run the analysis a configuration file describes: observations, datasets, the fit when\n" +
        "general.models_file is set, flux points when flux_points.energy is set, the light curve when\n" +
        "light_curve.energy_edges is set. Relative paths in the config resolve against the working\n" +
        "directory. Writes datasets, fitted models, fit result, flux points, light curve and summary.json\n" +
        "into the output folder (a session that Analysis.read restores).",
    );
  addFileOptions(cmd, "configuration file (required)");
  cmd
    .option("--out <dir>", "output folder (default: general.outdir of the config)")
    .option("--steps <list>", `comma-separated steps to run, with the ones they need (${STEPS.join(",")})`)
    .option("--overwrite", "replace the products of an earlier run in the output folder", false);
  cmd.action(async (options: RunOptions) => {
    const file = chosenFile(options);
    if (file === undefined) throw new UsageError("no configuration file given", { hint: "Add --filename config.yaml" });
    const steps = options.steps === undefined ? undefined : parseSteps(options.steps);
    const result = await runConfigFile(file, {
      ...(steps === undefined ? {} : { steps }),
      ...(options.out === undefined ? {} : { outDir: options.out }),
      overwrite: options.overwrite ?? false,
      onStep: printStep,
    });
    process.stdout.write(`Products written to ${result.outDir}: ${result.files.join(", ")}\n`);
  });
}
