/**
 * `gammats data ...`: look into DL3 data stores without opening FITS files by hand.
 */
import type { Command } from "commander";
import { registerDataInfo } from "./data-info.js";

/**
 * Registers the `data` command group on the program.
 *
 * @param program - the root `gammats` command
 * @example
 * ```ts
 * registerData(createProgram());
 * ```
 */
export function registerData(program: Command): void {
  const data = program
    .command("data")
    .summary("inspect DL3 data stores (info)")
    .description("Inspect GADF DL3 data stores: observation tables and single runs.");
  registerDataInfo(data);
}
