/**
 * Test helpers: where the repository, the bundled simulated data and the real data are,
 * a silent logger, and Gammapy's compare.py.
 */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { Logger } from "@gammats/core";

const here = dirname(fileURLToPath(import.meta.url));
/** The repository root. */
export const REPO = resolve(here, "../../..");
/** The shared reference folder (Gammapy's summaries and compare.py). */
export const REFERENCE = resolve(REPO, "../shared/reference");
/** The 1D example config on the bundled simulated data. */
export const SIMULATED_CONFIG = join(REPO, "examples/simulated-1d.yaml");

/** A logger that drops everything. */
export const quiet: Logger = { debug() {}, info() {}, warning() {}, error() {} };

/** A logger that keeps its lines. */
export function recordingLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  const keep = (level: string) => (m: string) => void lines.push(`${level}: ${m}`);
  return { lines, debug: keep("DEBUG"), info: keep("INFO"), warning: keep("WARNING"), error: keep("ERROR") };
}

/** The gammapy-data folder with H.E.S.S. DR1, or the reason it is unusable. */
export function gammapyData(): { dir?: string; reason?: string } {
  const dir = process.env.GAMMAPY_DATA ?? resolve(REPO, "../shared/gammapy-data");
  if (!existsSync(join(dir, "hess-dl3-dr1/hdu-index.fits.gz"))) return { reason: `no hess-dl3-dr1 under ${dir} (set GAMMAPY_DATA)` };
  return { dir };
}

/** Runs compare.py (reference first); its output lines, or the reason it cannot run. */
export function compareSummaries(reference: string, candidate: string): { lines?: string[]; reason?: string } {
  const script = join(REFERENCE, "compare.py");
  if (!existsSync(script)) return { reason: `${script} not found` };
  const r = spawnSync("python3", [script, reference, candidate], { encoding: "utf8" });
  if (r.error) return { reason: `python3 not runnable: ${r.error.message}` };
  return { lines: r.stdout.trim().split("\n") };
}
