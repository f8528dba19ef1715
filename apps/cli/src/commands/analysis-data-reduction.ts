/**
 * `gammats analysis data_reduction`: the first half of an analysis split in two (PIG 12):
 * observations and datasets only, saved as a session that `analysis optimise` fits later
 * — reduce once, then try models without reducing again.
 */
import type { Command } from "commander";
import { runConfigFile } from "../analysis-runner.js";
import { addFileOptions, chosenFile } from "../file-options.js";
import type { FileOptions } from "../file-options.js";
import { UsageError } from "../usage-error.js";
import { printStep } from "./analysis-run.js";

/** Parsed options of `analysis data_reduction`. */
interface DataReductionOptions extends FileOptions {
  out?: string;
}

/**
 * Registers `data_reduction` (alias `data-reduction`) under the `analysis` command.
 *
 * @param analysis - the `analysis` command
 * @example
 * ```ts
 * registerAnalysisDataReduction(program.command("analysis"));
 * ```
 */
export function registerAnalysisDataReduction(analysis: Command): void {
  const cmd = analysis
    .command("data_reduction")
    .alias("data-reduction")
    .summary("select observations and reduce them to datasets (a session to optimise)")
    .description(
      "Select the observations and reduce them to datasets as the configuration says, and save the\n" +
        "session (config, observation ids, datasets, summary.json) into the output folder. Fit it\n" +
        "later with `gammats analysis optimise --session <folder>`. Relative paths in the config\n" +
        "resolve against the working directory.",
    );
  addFileOptions(cmd, "configuration file (required)");
  cmd
    .option("--out <dir>", "session folder to write (default: general.outdir of the config)")
    .option("--overwrite", "replace the products of an earlier run in the folder", false);
  cmd.action(async (options: DataReductionOptions) => {
    const file = chosenFile(options);
    if (file === undefined) throw new UsageError("no configuration file given", { hint: "Add --filename config.yaml" });
    const result = await runConfigFile(file, {
      steps: ["datasets"],
      ...(options.out === undefined ? {} : { outDir: options.out }),
      overwrite: options.overwrite ?? false,
      onStep: printStep,
    });
    process.stdout.write(`Session written to ${result.outDir}: ${result.files.join(", ")}\n`);
    process.stdout.write(`Next: gammats analysis optimise --session ${options.out ?? result.outDir}\n`);
  });
}
