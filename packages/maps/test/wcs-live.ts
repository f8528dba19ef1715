/**
 * Live cross-checks for the WCS tests: runs a Python script of this folder with
 * /usr/bin/python3 (Gammapy 1.0 + astropy), sending JSON on stdin and reading JSON from
 * stdout. Returns undefined, printing why, when Python or the packages are missing.
 */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));

/** Python's JSON for NaN is null; arrays of numbers come back with nulls. */
export type Num = number | null;

/**
 * Runs `test/<script>` with `input` as JSON on stdin.
 *
 * @returns the parsed stdout, or undefined (reason printed) when unavailable
 */
export function runPython<T>(script: string, input: unknown): T | undefined {
  const python = process.env.GAMMATS_PYTHON ?? "/usr/bin/python3";
  if (!existsSync(python)) {
    console.log(`skipping live astropy/Gammapy comparison (${script}): ${python} not found`);
    return undefined;
  }
  const run = spawnSync(python, [join(here, script)], {
    input: JSON.stringify(input),
    encoding: "utf8",
    maxBuffer: 256 << 20,
  });
  if (run.status !== 0) {
    const last = (run.stderr ?? "").trim().split("\n").pop();
    if (/ModuleNotFoundError|ImportError/.test(run.stderr ?? "")) {
      console.log(`skipping live astropy/Gammapy comparison (${script}): ${last}`);
      return undefined;
    }
    throw new Error(`${script} failed: ${run.stderr}`);
  }
  return JSON.parse(run.stdout) as T;
}

/** Seeded uniform random numbers (mulberry32). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Converts a JSON array with nulls to a Float64Array with NaN. */
export function f64(values: readonly Num[]): Float64Array {
  return Float64Array.from(values, (v) => (v === null ? NaN : v));
}
