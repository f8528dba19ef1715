/**
 * Ctrl-C (SIGINT) and SIGTERM during a command that writes products: stop, leave no
 * half-written output, say so in one line, exit 128 + signal number (130 for SIGINT).
 *
 * Why this is enough: products are written only at the end, synchronously, through a
 * temporary folder inside the output folder (`commitProducts`). JavaScript handles a
 * signal only between event-loop turns — between observations and between steps, which
 * the analysis yields for — never in the middle of that write. So the handler runs
 * either before the write (nothing was written; earlier products are untouched) or after
 * it (the guard is disposed by then and the run ends normally). A temporary folder that
 * appeared since the guard was set is removed anyway, in case a writer ever yields.
 */
import { existsSync, readdirSync, rmSync } from "node:fs";
import { join } from "node:path";

/** Exit codes by signal (128 + the signal's number, the shell convention). */
const EXIT_CODES = { SIGINT: 130, SIGTERM: 143 } as const;

/** Prefix of the temporary folders `commitProducts` makes in an output folder. */
const TEMP_PREFIX = ".gammats-tmp-";

/** Options of {@link guardInterrupts}. */
export interface InterruptGuardOptions {
  /** The output folder whose new temporary folders are removed on interruption. */
  outDir: string;
  /** Called first on interruption (e.g. to clear a progress line). */
  onInterrupt?: () => void;
  /** Where the one line goes (default: stderr). */
  write?: (text: string) => void;
  /** Ends the process (default `process.exit`); replaced in tests. */
  exit?: (code: number) => void;
}

/** A set guard; dispose it when the products are written (or the command failed). */
export interface InterruptGuard {
  /** Removes the signal handlers again. */
  dispose(): void;
}

function tempDirs(dir: string): string[] {
  if (!existsSync(dir)) return [];
  try {
    return readdirSync(dir).filter((name) => name.startsWith(TEMP_PREFIX));
  } catch {
    return [];
  }
}

/**
 * Handles SIGINT and SIGTERM until disposed: removes temporary folders that appeared in
 * `outDir`, prints "interrupted (SIGINT): nothing written to <outDir>" and exits 130 (143).
 *
 * @param options - output folder, extra clean-up, sinks
 * @returns the guard
 * @example
 * ```ts
 * const guard = guardInterrupts({ outDir, onInterrupt: () => progress.clear() });
 * try { await runAnalysis(...); } finally { guard.dispose(); }
 * ```
 */
export function guardInterrupts(options: InterruptGuardOptions): InterruptGuard {
  const before = new Set(tempDirs(options.outDir));
  const write = options.write ?? ((text: string) => process.stderr.write(text));
  const exit = options.exit ?? ((code: number) => process.exit(code));
  const handler = (signal: keyof typeof EXIT_CODES) => {
    options.onInterrupt?.();
    for (const name of tempDirs(options.outDir)) {
      if (!before.has(name)) rmSync(join(options.outDir, name), { recursive: true, force: true });
    }
    write(`interrupted (${signal}): nothing written to ${options.outDir}\n`);
    exit(EXIT_CODES[signal]);
  };
  const onInt = () => handler("SIGINT");
  const onTerm = () => handler("SIGTERM");
  process.on("SIGINT", onInt);
  process.on("SIGTERM", onTerm);
  return {
    dispose() {
      process.off("SIGINT", onInt);
      process.off("SIGTERM", onTerm);
    },
  };
}
