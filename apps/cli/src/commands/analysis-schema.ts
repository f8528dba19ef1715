/**
 * `gammats analysis schema`: prints or writes the JSON Schema of the configuration, e.g.
 * for yaml-language-server (completion and checks in editors).
 */
import { existsSync } from "node:fs";
import type { Command } from "commander";
import { analysisConfigSchemaText, writeTextFileAtomic } from "@gammats/config";
import { addFileOptions, addOverwriteOption, chosenFile } from "../file-options.js";
import type { FileOptions } from "../file-options.js";
import { UsageError } from "../usage-error.js";

/**
 * Registers `schema` under the `analysis` command.
 *
 * @param analysis - the `analysis` command
 * @example
 * ```ts
 * registerAnalysisSchema(program.command("analysis"));
 * ```
 */
export function registerAnalysisSchema(analysis: Command): void {
  const cmd = analysis
    .command("schema")
    .summary("print or write the configuration's JSON Schema")
    .description(
      "Print the JSON Schema (2020-12) of the configuration on stdout, or write it to --filename.\n" +
        "Editors with yaml-language-server use it when a config starts with the line\n" +
        "  # yaml-language-server: $schema=<path of the schema file>",
    );
  addFileOptions(cmd, "file to write (default: print on stdout)");
  addOverwriteOption(cmd);
  cmd.action(async (options: FileOptions) => {
    const file = chosenFile(options);
    const text = analysisConfigSchemaText();
    if (file === undefined) {
      process.stdout.write(text);
      return;
    }
    if (!options.overwrite && existsSync(file)) {
      throw new UsageError(`${file} exists already`, { hint: "Add --overwrite to replace it, or choose another name with --filename" });
    }
    await writeTextFileAtomic(file, text, { overwrite: options.overwrite });
    process.stdout.write(`Configuration schema written to ${file}\n`);
  });
}
