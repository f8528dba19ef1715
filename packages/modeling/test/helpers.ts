/**
 * Test helpers: relative comparison of arrays, and running Gammapy (/usr/bin/python3)
 * for live cross-checks, skipping with a printed reason when it is unavailable.
 */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { expect } from "vitest";

/** The Python that has Gammapy 1.0 installed (Debian python3-gammapy). */
export const GAMMAPY_PYTHON = "/usr/bin/python3";

/**
 * Asserts |actual - expected| <= atol + rtol · |expected| element-wise, naming the index.
 *
 * @param actual - computed values
 * @param expected - reference values
 * @param rtol - relative tolerance
 * @param atol - absolute tolerance (default 0)
 */
export function expectClose(actual: ArrayLike<number>, expected: ArrayLike<number>, rtol: number, atol = 0, what = ""): void {
  expect(actual.length, `${what} length`).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) {
    const a = actual[i]!;
    const e = expected[i]!;
    const ok = Math.abs(a - e) <= atol + rtol * Math.abs(e) || (Number.isNaN(a) && Number.isNaN(e));
    if (!ok) expect.fail(`${what}[${i}]: got ${a}, expected ${e} (rtol ${rtol}, atol ${atol})`);
  }
}

/**
 * Runs a Python script (file or code) with Gammapy's Python and parses its JSON stdout.
 * Skips (returns undefined, printing why) when that Python or Gammapy is missing;
 * availability is found out by the run itself, to pay Gammapy's import time only once.
 *
 * @param args - e.g. [scriptPath] or ["-c", code]
 * @param cwd - working directory
 * @returns the parsed output, or undefined when Gammapy is unavailable
 * @throws Error when the script fails for another reason
 */
export function runGammapy<T>(args: string[], cwd?: string): T | undefined {
  if (!existsSync(GAMMAPY_PYTHON)) {
    console.log(`skipping live Gammapy cross-check: ${GAMMAPY_PYTHON} not found`);
    return undefined;
  }
  const r = spawnSync(GAMMAPY_PYTHON, args, { encoding: "utf8", cwd, maxBuffer: 64 * 1024 * 1024 });
  if (r.status !== 0) {
    if (/No module named '(gammapy|numpy|astropy|scipy)/.test(r.stderr)) {
      console.log(`skipping live Gammapy cross-check: ${r.stderr.trim().split("\n").pop()}`);
      return undefined;
    }
    throw new Error(`python failed (${r.status}): ${r.stderr}`);
  }
  return JSON.parse(r.stdout) as T;
}
