/**
 * `gammats analysis ...`: the configuration-driven analysis commands. Each subcommand
 * lives in its own module (`analysis-config.ts`, ...); a new one (e.g. `analysis run`)
 * is one more `register...` call here.
 */
import type { Command } from "commander";
import { registerAnalysisConfig } from "./analysis-config.js";
import { registerAnalysisDataReduction } from "./analysis-data-reduction.js";
import { registerAnalysisOptimise } from "./analysis-optimise.js";
import { registerAnalysisRun } from "./analysis-run.js";
import { registerAnalysisSchema } from "./analysis-schema.js";
import { registerAnalysisValidate } from "./analysis-validate.js";

/**
 * Registers the `analysis` command group on the program.
 *
 * @param program - the root `gammats` command
 * @example
 * ```ts
 * registerAnalysis(createProgram());
 * ```
 */
export function registerAnalysis(program: Command): void {
  const analysis = program
    .command("analysis")
    .summary("configuration-driven analysis (config, validate, schema, run, data_reduction, optimise)")
    .description(
      "Work with analysis configurations: write a template, check a file, get the schema, run an analysis\n" +
        "whole (run) or in two halves (data_reduction, then optimise).",
    );
  registerAnalysisConfig(analysis);
  registerAnalysisValidate(analysis);
  registerAnalysisSchema(analysis);
  registerAnalysisRun(analysis);
  registerAnalysisDataReduction(analysis);
  registerAnalysisOptimise(analysis);
}
