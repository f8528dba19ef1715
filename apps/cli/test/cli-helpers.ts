/**
 * Runs the built `gammats` binary as a user would: `node apps/cli/dist/gammats.mjs ...`
 * (the binary that `bin` names: a launcher of the bundle dist/gammats.cjs and its code cache;
 * dist/main.js, the unbundled build, is checked in bundle.test.ts).
 */
import { spawnSync } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const DIST = join(dirname(dirname(fileURLToPath(import.meta.url))), "dist");
/** The bundled binary. */
export const BUNDLE = join(DIST, "gammats.mjs");
/** The unbundled build (tsc's output), kept working for library-style use. */
export const MAIN = join(DIST, "main.js");

/** Output and exit code of one CLI run. */
export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs `gammats <args>` in `cwd` with a clean environment apart from PATH and HOME.
 *
 * @param bin - the script to run: the bundle unless told otherwise
 */
export function gammats(args: string[], cwd: string, env: Record<string, string> = {}, bin = BUNDLE): CliRun {
  const r = spawnSync(process.execPath, [bin, ...args], {
    cwd,
    encoding: "utf8",
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", ...env },
  });
  if (r.error) throw r.error;
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}
