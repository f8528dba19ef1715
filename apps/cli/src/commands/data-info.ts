/**
 * `gammats data info DATASTORE [--obs ID]`: the observation table summary, or one run's
 * metadata (livetime, pointing, events, IRFs present) — what users otherwise get from
 * `fitsinfo` and a Python session.
 */
import type { Command } from "commander";
import { DataStore, dataInfo } from "@gammats/data-store";
import { UsageError } from "../usage-error.js";

/**
 * Registers `info` under the `data` command.
 *
 * @param data - the `data` command
 * @example
 * ```ts
 * registerDataInfo(program.command("data"));
 * ```
 */
export function registerDataInfo(data: Command): void {
  data
    .command("info")
    .summary("summarise a data store or one observation")
    .description(
      "Print a summary of the observation table of DATASTORE (a folder with hdu-index.fits[.gz]\n" +
        "and obs-index.fits[.gz], or an index file; $VAR expanded), or with --obs the metadata of one run.",
    )
    .argument("<datastore>", "data store folder or index file, e.g. $GAMMAPY_DATA/hess-dl3-dr1")
    .option("--obs <id>", "observation id to describe")
    .action((datastore: string, options: { obs?: string }) => {
      let obsId: number | undefined;
      if (options.obs !== undefined) {
        obsId = Number(options.obs);
        if (!Number.isSafeInteger(obsId)) {
          throw new UsageError(`--obs expects an observation id, got '${options.obs}'`, {
            hint: "give a run number, e.g. --obs 23523",
          });
        }
      }
      const store = DataStore.open(datastore);
      process.stdout.write(dataInfo(store, obsId) + "\n");
    });
}
