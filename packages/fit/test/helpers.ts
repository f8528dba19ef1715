/**
 * Test helpers: relative comparison, and running iminuit with /usr/bin/python3 for live
 * cross-checks (skipping with a printed reason when it is unavailable).
 */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { expect } from "vitest";

/** The Python that has Gammapy 1.0 and iminuit installed (Debian packages). */
export const REFERENCE_PYTHON = "/usr/bin/python3";

/**
 * Asserts |actual − expected| ≤ atol + rtol·|expected| element-wise, naming the index.
 */
export function expectClose(actual: ArrayLike<number>, expected: ArrayLike<number>, rtol: number, atol = 0, what = ""): void {
  expect(actual.length, `${what} length`).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) {
    const a = actual[i]!;
    const e = expected[i]!;
    if (!(Math.abs(a - e) <= atol + rtol * Math.abs(e))) expect.fail(`${what}[${i}]: got ${a}, expected ${e} (rtol ${rtol}, atol ${atol})`);
  }
}

let unavailable: string | undefined | null = null;

/** Why iminuit cannot be run here, or undefined when it can (checked once). */
export function iminuitUnavailable(): string | undefined {
  if (unavailable !== null) return unavailable;
  if (!existsSync(REFERENCE_PYTHON)) unavailable = `${REFERENCE_PYTHON} not found`;
  else {
    const r = spawnSync(REFERENCE_PYTHON, ["-c", "import iminuit, numpy"], { encoding: "utf8" });
    unavailable = r.status === 0 ? undefined : `iminuit not importable: ${(r.stderr || "").trim().split("\n").pop()}`;
  }
  if (unavailable !== undefined) console.log(`live iminuit cross-checks use stored numbers: ${unavailable}`);
  return unavailable;
}

/**
 * Runs a Python script with JSON on stdin and parses its JSON stdout.
 *
 * @returns the output, or undefined (reason printed) when iminuit is unavailable
 */
export function runPython<T>(script: string, input: unknown): T | undefined {
  if (iminuitUnavailable() !== undefined) return undefined;
  const r = spawnSync(REFERENCE_PYTHON, [script], { input: JSON.stringify(input), encoding: "utf8" });
  if (r.status !== 0) throw new Error(`python failed (${r.status}): ${r.stderr}`);
  return JSON.parse(r.stdout) as T;
}
