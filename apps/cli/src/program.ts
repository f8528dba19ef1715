/**
 * The `gammats` command tree. Command groups register themselves from
 * `src/commands/<group>.ts`; a new group (e.g. `data info`) is one more call here.
 */
import { Command } from "commander";
import { registerAnalysis } from "./commands/analysis.js";
import { registerData } from "./commands/data.js";
import { reportError } from "./report-error.js";
import { cliVersion } from "./version.js";

/**
 * Builds the root `gammats` command with every command group.
 *
 * @example
 * ```ts
 * await createProgram().parseAsync(["node", "gammats", "analysis", "config"]);
 * ```
 */
export function createProgram(): Command {
  const program = new Command("gammats")
    .description("Gamma-ray astronomy analysis, interchangeable with Gammapy 1.0.")
    .version(cliVersion(), "-V, --version", "print the gammats version")
    .option("--debug", "show stack traces of errors")
    .helpOption("-h, --help", "show help for a command")
    .showSuggestionAfterError(true)
    // Throw instead of exiting, so run() decides the exit code (set before adding
    // commands: subcommands copy this setting when created).
    .exitOverride();
  registerAnalysis(program);
  registerData(program);
  return program;
}

/**
 * Runs the CLI on an argument vector and returns the exit code; never throws.
 *
 * @param argv - `process.argv`-style: node, script, then the arguments
 * @example
 * ```ts
 * process.exitCode = await run(process.argv);
 * ```
 */
export async function run(argv: readonly string[]): Promise<number> {
  const program = createProgram();
  try {
    await program.parseAsync([...argv]);
    return 0;
  } catch (e) {
    const code = (e as { code?: string; exitCode?: number }).code;
    if (typeof code === "string" && code.startsWith("commander.")) {
      // commander has printed the help, version or usage error itself.
      return (e as { exitCode: number }).exitCode;
    }
    const debug = Boolean(program.opts().debug) || argv.includes("--debug");
    return reportError(e, debug);
  }
}
