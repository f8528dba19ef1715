/**
 * `gammats analysis optimise`: the second half of an analysis split in two (PIG 12): read
 * a session saved by `data_reduction` (or `run`), fit the models, then flux points and
 * light curve as the config asks, and write the products and summary.json.
 */
import { resolve } from "node:path";
import type { Command } from "commander";
import { optimiseSession } from "@gammats/analysis";
import { guardInterrupts } from "../interrupt.js";
import { UsageError } from "../usage-error.js";
import { printStep } from "./analysis-run.js";

/** Parsed options of `analysis optimise`. */
interface OptimiseOptions {
  session?: string;
  models?: string;
  out?: string;
  overwrite?: boolean;
}

/**
 * Registers `optimise` (alias `optimize`) under the `analysis` command.
 *
 * @param analysis - the `analysis` command
 * @example
 * ```ts
 * registerAnalysisOptimise(program.command("analysis"));
 * ```
 */
export function registerAnalysisOptimise(analysis: Command): void {
  analysis
    .command("optimise")
    .alias("optimize")
    .summary("fit a saved session: models, flux points, light curve")
    .description(
      "Read the session in --session (written by `gammats analysis data_reduction` or `run`), fit the\n" +
        "models to its datasets within fit.fit_range, then estimate flux points when flux_points.energy\n" +
        "is set and the light curve when light_curve.energy_edges is set. The models are, in this order:\n" +
        "--models, the session's own (an earlier fit), the config's general.models_file (relative to the\n" +
        "working directory). Writes the fit products and summary.json into the session folder, or into\n" +
        "--out; replacing an earlier fit there needs --overwrite.",
    )
    .option("--session <dir>", "session folder to fit (required)")
    .option("--models <file>", "models YAML file to fit (Gammapy format) instead of the session's or the config's")
    .option("--out <dir>", "output folder (default: the session folder)")
    .option("--overwrite", "replace an earlier fit in the session, or the products in --out", false)
    .action(async (options: OptimiseOptions) => {
      if (options.session === undefined) {
        throw new UsageError("no session given", { hint: "Add --session <folder written by gammats analysis data_reduction>" });
      }
      const outDir = resolve(options.out ?? options.session);
      const guard = guardInterrupts({ outDir });
      try {
        const result = await optimiseSession(options.session, {
          ...(options.models === undefined ? {} : { models: options.models }),
          ...(options.out === undefined ? {} : { outDir: options.out }),
          overwrite: options.overwrite ?? false,
          onStep: printStep,
          startedAt: 0,
        });
        process.stdout.write(`Products written to ${result.outDir}: ${result.files.join(", ")}\n`);
      } finally {
        guard.dispose();
      }
    });
}
