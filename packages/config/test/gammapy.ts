/**
 * Runs a small Python script with Debian's Gammapy 1.0 (`/usr/bin/python3`) and returns
 * the JSON it prints, or why it could not run (tests then skip with that reason).
 */
import { existsSync } from "node:fs";
import { spawnSync } from "node:child_process";

export const PYTHON = "/usr/bin/python3";

/** Result of {@link runPython}: the parsed JSON, or the reason to skip. */
export type PythonResult<T> = { ok: true; value: T } | { ok: false; reason: string };

/**
 * Runs `script` with `input` as JSON on stdin; the script prints one JSON document on
 * its last stdout line.
 */
export function runPython<T>(script: string, input: unknown = null): PythonResult<T> {
  if (!existsSync(PYTHON)) return { ok: false, reason: `${PYTHON} not found` };
  const r = spawnSync(PYTHON, ["-c", script], {
    input: JSON.stringify(input),
    encoding: "utf8",
    timeout: 120_000,
    env: { ...process.env, PYTHONWARNINGS: "ignore" },
  });
  if (r.error) return { ok: false, reason: `cannot run ${PYTHON}: ${r.error.message}` };
  if (/No module named '(gammapy|astropy|pydantic)'/.test(r.stderr)) {
    return { ok: false, reason: `gammapy is not installed for ${PYTHON}` };
  }
  if (r.status !== 0) throw new Error(`python failed (${r.status}):\n${r.stderr}`);
  const last = r.stdout.trim().split("\n").at(-1) ?? "";
  return { ok: true, value: JSON.parse(last) as T };
}

/** Skips with a printed reason (vitest's skip message alone is easy to miss). */
export function reasonToSkip(result: PythonResult<unknown>): string | undefined {
  if (result.ok) return undefined;
  console.warn(`SKIP Gammapy cross-check: ${result.reason}`);
  return result.reason;
}
