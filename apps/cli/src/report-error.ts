/**
 * How the CLI shows an error: one clear message on stderr, no stack trace unless
 * `--debug` is given.
 */
import { GammatsError } from "@gammats/core";

/**
 * Writes an error for the user and returns the exit code.
 *
 * @param error - what was thrown
 * @param debug - also print the stack trace (and causes)
 * @param write - where to write (default: stderr)
 * @returns the process exit code (1)
 * @example
 * ```ts
 * process.exitCode = reportError(e, false);
 * ```
 */
export function reportError(error: unknown, debug: boolean, write: (text: string) => void = (t) => process.stderr.write(t)): number {
  if (error instanceof GammatsError) {
    write(`error: ${error.message}\n`);
  } else {
    // Not one of ours: a bug. Say so, and point at --debug for the details.
    const message = error instanceof Error ? error.message : String(error);
    write(`error: internal error: ${message}${debug ? "" : " (run with --debug for the stack trace)"}\n`);
  }
  if (debug && error instanceof Error) {
    let e: unknown = error;
    while (e instanceof Error) {
      write(`${e.stack ?? e.message}\n`);
      e = e.cause;
      if (e !== undefined) write("caused by: ");
    }
  }
  return 1;
}
