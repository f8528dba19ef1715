/**
 * `gammats analysis config`: writes the commented configuration template.
 */
import { existsSync } from "node:fs";
import type { Command } from "commander";
import { configTemplate, writeTextFileAtomic } from "@gammats/config";
import { addFileOptions, addOverwriteOption, chosenFile } from "../file-options.js";
import type { FileOptions } from "../file-options.js";
import { UsageError } from "../usage-error.js";

/** Default template file name, as Gammapy's `gammapy analysis config`. */
export const DEFAULT_CONFIG_FILE = "config.yaml";

/**
 * Registers `config` under the `analysis` command.
 *
 * @param analysis - the `analysis` command
 * @example
 * ```ts
 * registerAnalysisConfig(program.command("analysis"));
 * ```
 */
export function registerAnalysisConfig(analysis: Command): void {
  const cmd = analysis
    .command("config")
    .summary("write a commented configuration template")
    .description(
      "Write a configuration template with every key commented out, its default value and what it does.\n" +
        "Uncomment and edit the keys you need; the others keep their defaults.",
    );
  addFileOptions(cmd, `file to write (default: ${DEFAULT_CONFIG_FILE})`);
  addOverwriteOption(cmd);
  cmd.action(async (options: FileOptions) => {
    const file = chosenFile(options, DEFAULT_CONFIG_FILE)!;
    if (!options.overwrite && existsSync(file)) {
      throw new UsageError(`${file} exists already`, { hint: "Add --overwrite to replace it, or choose another name with --filename" });
    }
    await writeTextFileAtomic(file, configTemplate(), { overwrite: options.overwrite });
    process.stdout.write(`Configuration template written to ${file}\n`);
  });
}
