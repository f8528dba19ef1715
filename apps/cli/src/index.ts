/**
 * @gammats/cli — the `gammats` command line, also usable from code (e.g. to embed the
 * command tree or to run it in tests).
 *
 * @packageDocumentation
 */
export { createProgram, run } from "./program.js";
export { reportError } from "./report-error.js";
export { UsageError } from "./usage-error.js";
export { addFileOptions, addOverwriteOption, chosenFile } from "./file-options.js";
export type { FileOptions } from "./file-options.js";
export { cliVersion } from "./version.js";
