/**
 * The `--filename` option every gammats command that reads or writes a file takes,
 * with `--config` as an alias (Gammapy's CLI says `--filename`; many users type `--config`).
 */
import type { Command } from "commander";
import { UsageError } from "./usage-error.js";

/** Parsed values of the file options. */
export interface FileOptions {
  filename?: string;
  config?: string;
  overwrite?: boolean;
}

/**
 * Adds `--filename <file>` and its alias `--config <file>` to a command.
 *
 * @param command - the command to extend
 * @param description - what the file is, e.g. "configuration file to check"
 * @returns the command, for chaining
 * @example
 * ```ts
 * addFileOptions(program.command("validate"), "configuration file to check");
 * ```
 */
export function addFileOptions(command: Command, description: string): Command {
  return command
    .option("--filename <file>", description)
    .option("--config <file>", "alias of --filename");
}

/**
 * Adds `--overwrite` to a command that writes a file.
 *
 * @param command - the command to extend
 * @returns the command, for chaining
 * @example
 * ```ts
 * addOverwriteOption(cmd);
 * ```
 */
export function addOverwriteOption(command: Command): Command {
  return command.option("--overwrite", "replace the file if it exists", false);
}

/**
 * The file named by `--filename` or `--config`, else `fallback`.
 *
 * @param options - parsed options
 * @param fallback - default file name, if the command has one
 * @throws UsageError when both options name different files
 * @example
 * ```ts
 * chosenFile({ config: "a.yaml" }, "config.yaml"); // "a.yaml"
 * ```
 */
export function chosenFile(options: FileOptions, fallback?: string): string | undefined {
  if (options.filename !== undefined && options.config !== undefined && options.filename !== options.config) {
    throw new UsageError(`--filename ${options.filename} and --config ${options.config} name different files`, {
      hint: "Give only one of them (--config is an alias of --filename)",
    });
  }
  return options.filename ?? options.config ?? fallback;
}
