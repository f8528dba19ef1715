/**
 * Entry point of the CLI bundle dist/gammats.cjs (made by scripts/bundle.mjs from the
 * built dist/bundle-main.js, CommonJS so that V8 can cache its code; the binary
 * dist/gammats.mjs, src/launcher.ts, loads it): main.ts, plus where the reduction worker
 * is. In one file the reduce package's default worker (its own dist/, found relative to
 * the module) points nowhere, so the bundle names its own worker bundle,
 * dist/reduce-worker.mjs, in the variable the reduce package reads. A value already set
 * (a user's override) is kept.
 */
import { fileURLToPath } from "node:url";
import { run } from "./program.js";

process.env.GAMMATS_REDUCE_WORKER ||= fileURLToPath(new URL("./reduce-worker.mjs", import.meta.url));

/**
 * Runs the CLI and sets the exit code (no top-level await: the bundle is CommonJS).
 *
 * @param argv - `process.argv`-style: node, script, then the arguments
 * @example
 * ```ts
 * await main(process.argv);
 * ```
 */
export async function main(argv: readonly string[]): Promise<void> {
  process.exitCode = await run(argv);
}
