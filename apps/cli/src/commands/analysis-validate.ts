/**
 * `gammats analysis validate`: checks a configuration file and prints it with every
 * default filled in.
 */
import type { Command } from "commander";
import { AnalysisConfig } from "@gammats/config";
import { addFileOptions, chosenFile } from "../file-options.js";
import type { FileOptions } from "../file-options.js";
import { UsageError } from "../usage-error.js";

/**
 * Registers `validate` under the `analysis` command.
 *
 * @param analysis - the `analysis` command
 * @example
 * ```ts
 * registerAnalysisValidate(program.command("analysis"));
 * ```
 */
export function registerAnalysisValidate(analysis: Command): void {
  const cmd = analysis
    .command("validate")
    .summary("check a configuration file and print it with all defaults")
    .description(
      "Check a configuration file against the schema. On success print the complete configuration\n" +
        "(every default filled in) as YAML on stdout; otherwise list every problem on stderr and exit 1.",
    );
  addFileOptions(cmd, "configuration file to check (required)");
  cmd.action(async (options: FileOptions) => {
    const file = chosenFile(options);
    if (file === undefined) {
      throw new UsageError("no configuration file given", { hint: "Add --filename config.yaml" });
    }
    const config = await AnalysisConfig.read(file);
    process.stdout.write(config.toYaml());
  });
}
