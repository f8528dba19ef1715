/**
 * Test helpers: relative comparison of arrays (NaN-aware; JSON null means NaN) and the
 * cached Gammapy reference run (skipped, with the reason printed, when unavailable).
 */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { expect } from "vitest";

const here = dirname(fileURLToPath(import.meta.url));

/** Asserts |a - e| <= atol + rtol |e| element-wise; null/NaN must match NaN. */
export function expectClose(
  actual: ArrayLike<number>,
  expected: ArrayLike<number | null>,
  rtol = 1e-12,
  atol = 0,
  what = "",
): void {
  expect(actual.length, `${what} length`).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) {
    const e = expected[i];
    const a = actual[i]!;
    if (e === null || Number.isNaN(e)) {
      expect(Number.isNaN(a), `${what}[${i}] = ${a}, expected NaN`).toBe(true);
      continue;
    }
    const ok = Math.abs(a - e!) <= atol + rtol * Math.abs(e!);
    expect(ok, `${what}[${i}] = ${a}, expected ${e} (rtol ${rtol}, atol ${atol})`).toBe(true);
  }
}

/** Path of the real-data folder, or undefined when absent. */
export function gammapyDataDir(): string | undefined {
  const dir = process.env.GAMMAPY_DATA ?? resolve(here, "../../../../shared/gammapy-data");
  return existsSync(dir) ? dir : undefined;
}

let cached: { data?: unknown; reason?: string } | undefined;

/**
 * Runs test/gammapy-reference.py with /usr/bin/python3 once and returns its JSON, or
 * undefined (printing why) when Python or Gammapy is missing.
 */
export function gammapyReference<T>(): T | undefined {
  if (cached === undefined) {
    const python = process.env.GAMMATS_PYTHON ?? "/usr/bin/python3";
    if (!existsSync(python)) cached = { reason: `${python} not found` };
    else {
      const run = spawnSync(python, [join(here, "gammapy-reference.py")], { encoding: "utf8", maxBuffer: 64 << 20 });
      if (run.status !== 0) cached = { reason: `gammapy reference script failed: ${(run.stderr ?? "").trim().split("\n").pop()}` };
      else cached = { data: JSON.parse(run.stdout) };
    }
    if (cached.reason) console.log(`skipping live Gammapy comparison: ${cached.reason}`);
  }
  return cached.data as T | undefined;
}
