/**
 * Test helpers: where the real data are, the Gammapy reference numbers (stored, or live
 * from /usr/bin/python3), temporary folders, a relative-tolerance comparison.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { expect } from "vitest";

const here = dirname(fileURLToPath(import.meta.url));
export const REPO = resolve(here, "../../..");
export const PYTHON = "/usr/bin/python3";
export const REFERENCE_SCRIPT = join(here, "gammapy_reference.py");

/** The gammapy-data folder, or the reason it is unusable. */
export function gammapyData(): { dir?: string; reason?: string } {
  const dir = process.env.GAMMAPY_DATA ?? resolve(REPO, "../shared/gammapy-data");
  const need = ["hess-dl3-dr1/hdu-index.fits.gz", "cta-1dc/index/gps/hdu-index.fits.gz"];
  const missing = need.filter((p) => !existsSync(join(dir, p)));
  if (missing.length > 0) return { reason: `no ${missing.join(", ")} under ${dir} (set GAMMAPY_DATA)` };
  return { dir };
}

/** One run's numbers as gammapy_reference.py writes them. */
export interface RunReference {
  obs_id: number;
  n_events: number;
  livetime_header: number;
  live_time_duration: number;
  time_duration: number;
  ra_pnt: number;
  dec_pnt: number;
  alt_computed: number;
  az_computed: number;
  tstart_mjd: number;
  tstop_mjd: number;
  tstart_utc: string;
  energy_min: number;
  energy_max: number;
  target_ra: number;
  target_dec: number;
  first_event_mjd_utc: number;
  n_energy_1_10: number;
  n_offset_03_09: number;
}

/** One time-cut observation. */
export interface CutReference {
  obs_id: number;
  n_events: number;
  gti_start: number[];
  gti_stop: number[];
  live_time_duration: number;
}

/** Everything `gammapy_reference.py static` prints. */
export interface StaticReference {
  cone_crab: number[];
  cone_galactic: number[];
  cone_cta: number[];
  ids_then_cone: number[];
  time_single: CutReference[];
  time_list: CutReference[];
  runs: RunReference[];
  n_circle_crab_02: number;
  table_time_full: number[];
  table_time_partial: number[];
  table_alt_60_70: number[];
  hess_n_obs: number;
  hess_livetime_sum: number;
  cta_run: RunReference;
}

/** The numbers Gammapy 1.0 gave, stored in fixtures/. */
export function storedReference(): StaticReference {
  return JSON.parse(readFileSync(join(here, "fixtures/gammapy-1.0-reference.json"), "utf8")) as StaticReference;
}

let gammapyState: string | undefined | null = null;
/** undefined when /usr/bin/python3 imports gammapy, else why not. */
export function gammapyMissing(): string | undefined {
  if (gammapyState !== null) return gammapyState;
  if (!existsSync(PYTHON)) return (gammapyState = `${PYTHON} not found`);
  const r = spawnSync(PYTHON, ["-c", "import gammapy"], { encoding: "utf8" });
  gammapyState = r.status === 0 ? undefined : `gammapy not importable by ${PYTHON}: ${r.stderr.trim().split("\n").pop()}`;
  return gammapyState;
}

/** Runs gammapy_reference.py with GAMMAPY_DATA set and parses its JSON. */
export function runReference<T>(dataDir: string, args: string[]): T {
  const r = spawnSync(PYTHON, [REFERENCE_SCRIPT, ...args], {
    encoding: "utf8",
    env: { ...process.env, GAMMAPY_DATA: dataDir },
    maxBuffer: 1 << 26,
  });
  if (r.status !== 0) throw new Error(`gammapy_reference.py ${args.join(" ")} failed:\n${r.stderr}`);
  return JSON.parse(r.stdout) as T;
}

/** A fresh temporary folder and its remover. */
export function tempDir(prefix = "gammats-data-store-"): { dir: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** expect(actual) within a relative tolerance of expected. */
export function expectClose(actual: number, expected: number, rtol = 1e-9, atol = 0): void {
  const tol = atol + rtol * Math.abs(expected);
  if (!(Math.abs(actual - expected) <= tol)) {
    expect.fail(`${actual} differs from ${expected} by ${Math.abs(actual - expected)} (tolerance ${tol})`);
  }
}

/** A logger recording lines by level. */
export function recordingLogger(): { lines: string[]; logger: { debug(m: string): void; info(m: string): void; warning(m: string): void; error(m: string): void } } {
  const lines: string[] = [];
  return {
    lines,
    logger: {
      debug: (m) => lines.push(`DEBUG ${m}`),
      info: (m) => lines.push(`INFO ${m}`),
      warning: (m) => lines.push(`WARNING ${m}`),
      error: (m) => lines.push(`ERROR ${m}`),
    },
  };
}
