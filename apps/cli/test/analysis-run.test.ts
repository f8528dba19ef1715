/**
 * `gammats analysis run` through the built binary on the bundled simulated data
 * (examples/simulated-1d.yaml, run from the repository root as its relative paths ask):
 * products and summary.json, the refusal to overwrite, --steps, bad input.
 */
import { createHash } from "node:crypto";
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { gammats } from "./cli-helpers.js";
import type { CliRun } from "./cli-helpers.js";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "../../..");
const CONFIG = "examples/simulated-1d.yaml";
const tmp = mkdtempSync(join(tmpdir(), "gammats-run-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

interface Summary {
  gammats_version: string;
  config_sha256: string;
  observations?: { obs_id: number; livetime_s: number; n_events: number }[];
  datasets?: { name: string; counts: number; counts_off: number; alpha: number; excess: number; sqrt_ts: number; energy_min_tev: number }[];
  fit?: { success: boolean; total_stat: number; nfev: number; parameters: { model: string; name: string; value: number; error: number; frozen: boolean }[] };
  flux_points?: { e_ref_tev: number; dnde: number; is_ul: boolean }[];
  light_curve?: { time_min_mjd: number; flux: number }[];
  timings_s: Record<string, number>;
  peak_rss_mb: number;
}

const summaryOf = (dir: string) => JSON.parse(readFileSync(join(dir, "summary.json"), "utf8")) as Summary;

describe("gammats analysis run", () => {
  const out = join(tmp, "full");
  let first: CliRun;
  beforeAll(() => {
    first = gammats(["analysis", "run", "--config", CONFIG, "--out", out], ROOT);
  });

  test("runs every configured step, prints the info table and the fit", () => {
    expect(first.stderr).toBe(""); // general.log.level is warning in the example
    expect(first.status).toBe(0);
    expect(first.stdout).toContain("Observations: 4 selected (1001, 1002, 1003, 1004)");
    expect(first.stdout).toMatch(/Datasets:\n\s+name counts counts_off\s+alpha background excess sqrt_ts/);
    expect(first.stdout).toMatch(/stacked\s+481\s+813\s+0\.083333\s+67\.75\s+413\.25\s+29\.831/);
    expect(first.stdout).toContain("\tsuccess    : True");
    expect(first.stdout).toMatch(/crab-sim\s+index\s+2\.504\d*\s+0\.0778/);
    expect(first.stdout).toContain("Flux points:");
    expect(first.stdout).toContain("Light curve:");
    expect(first.stdout).toContain(`Products written to ${out}:`);
  });

  test("writes the session products and summary.json by the contract", () => {
    expect(readdirSync(out).sort()).toEqual([
      "config.yaml",
      "datasets",
      "fit-result.yaml",
      "flux_points.fits",
      "light_curve.fits",
      "models.yaml",
      "models_covariance.dat",
      "session.yaml",
      "summary.json",
    ]);
    expect(readdirSync(join(out, "datasets")).sort()).toEqual(["datasets.yaml", "pha_obsstacked.fits", "pha_obsstacked_arf.fits", "pha_obsstacked_bkg.fits", "pha_obsstacked_rmf.fits"]);
    const s = summaryOf(out);
    expect(Object.keys(s)).toEqual(["gammats_version", "config_sha256", "observations", "datasets", "fit", "flux_points", "light_curve", "timings_s", "peak_rss_mb"]);
    expect(s.gammats_version).toMatch(/^\d+\.\d+\.\d+/);
    expect(s.config_sha256).toBe(createHash("sha256").update(readFileSync(join(ROOT, CONFIG))).digest("hex"));
    expect(s.observations).toEqual([
      { obs_id: 1001, livetime_s: 1596, n_events: 8645 },
      { obs_id: 1002, livetime_s: 1596, n_events: 8721 },
      { obs_id: 1003, livetime_s: 1596, n_events: 8842 },
      { obs_id: 1004, livetime_s: 1596, n_events: 8709 },
    ]);
    expect(s.datasets).toHaveLength(1);
    expect(s.datasets![0]).toMatchObject({ name: "stacked", counts: 481, counts_off: 813, excess: 413.25 });
    expect(s.datasets![0]!.energy_min_tev).toBeCloseTo(0.251189, 5);
    expect(s.fit!.success).toBe(true);
    expect(s.fit!.parameters.map((p) => [p.model, p.name, p.frozen])).toEqual([
      ["crab-sim", "index", false],
      ["crab-sim", "amplitude", false],
      ["crab-sim", "reference", true],
    ]);
    expect(s.fit!.parameters[0]!.value).toBeCloseTo(2.5045, 3); // Gammapy 1.0: 2.504470
    expect(s.flux_points!.map((p) => p.is_ul)).toEqual([false, false, false, true]);
    expect(s.light_curve).toHaveLength(1);
    expect(Object.keys(s.timings_s)).toEqual(["observations", "datasets", "fit", "flux_points", "light_curve", "total"]);
    expect(s.timings_s.total!).toBeGreaterThanOrEqual(s.timings_s.datasets!);
    expect(s.peak_rss_mb).toBeGreaterThan(10);
  });

  test("refuses to overwrite the products without --overwrite, and leaves them alone", () => {
    const before = statSync(join(out, "summary.json")).mtimeMs;
    const r = gammats(["analysis", "run", "--filename", CONFIG, "--out", out], ROOT);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/^error: the output folder holds products of an earlier run .*--overwrite/);
    expect(r.stdout).toBe(""); // refused before any work
    expect(statSync(join(out, "summary.json")).mtimeMs).toBe(before);
  });

  test("--steps runs the chosen steps (and what they need); --overwrite replaces the run", () => {
    const r = gammats(["analysis", "run", "--config", CONFIG, "--out", out, "--steps", "datasets", "--overwrite"], ROOT);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).not.toContain("Fit:");
    const s = summaryOf(out);
    expect(Object.keys(s)).toEqual(["gammats_version", "config_sha256", "observations", "datasets", "timings_s", "peak_rss_mb"]);
    expect(Object.keys(s.timings_s)).toEqual(["observations", "datasets", "total"]);
    // The fit products of the earlier run are gone, so the folder holds one run only.
    expect(existsSync(join(out, "models.yaml"))).toBe(false);
    expect(existsSync(join(out, "flux_points.fits"))).toBe(false);
    expect(existsSync(join(out, "datasets", "pha_obsstacked.fits"))).toBe(true);
  });

  test("--steps light-curve brings the fit, not the flux points", () => {
    const dir = join(tmp, "lc");
    const r = gammats(["analysis", "run", "--config", CONFIG, "--out", dir, "--steps", "light-curve"], ROOT);
    expect(r.status, r.stderr).toBe(0);
    const s = summaryOf(dir);
    expect(s.fit).toBeDefined();
    expect(s.flux_points).toBeUndefined();
    expect(s.light_curve).toHaveLength(1);
  });

  test("the output folder defaults to general.outdir, relative to the working directory", () => {
    const cwd = mkdtempSync(join(tmp, "cwd-"));
    const config = readFileSync(join(ROOT, CONFIG), "utf8")
      .replace("outdir: demo-out/simulated-1d", "outdir: results")
      .replace("datastore: test-data/dl3", `datastore: ${join(ROOT, "test-data/dl3")}`)
      .replace("models_file: examples/simulated-model.yaml", `models_file: ${join(ROOT, "examples/simulated-model.yaml")}`);
    writeFileSync(join(cwd, "config.yaml"), config);
    const r = gammats(["analysis", "run", "--config", "config.yaml", "--steps", "observations"], cwd);
    expect(r.status, r.stderr).toBe(0);
    expect(summaryOf(join(cwd, "results")).observations).toHaveLength(4);
  });

  test("bad input: unknown step, a step the config cannot run, no config", () => {
    const bad = gammats(["analysis", "run", "--config", CONFIG, "--out", join(tmp, "x"), "--steps", "datasets,flux-point"], ROOT);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain("error: unknown step 'flux-point' (did you mean flux-points?)");
    const cwd = mkdtempSync(join(tmp, "nomodels-"));
    writeFileSync(join(cwd, "config.yaml"), `observations: {datastore: ${join(ROOT, "test-data/dl3")}}\n`);
    const nofit = gammats(["analysis", "run", "--config", "config.yaml", "--steps", "fit"], cwd);
    expect(nofit.status).toBe(1);
    expect(nofit.stderr).toMatch(/step fit: the fit needs models.*general\.models_file/);
    const none = gammats(["analysis", "run"], tmp);
    expect(none.status).toBe(1);
    expect(none.stderr).toContain("error: no configuration file given. Add --filename config.yaml");
    expect(existsSync(join(tmp, "x"))).toBe(false);
  });

  test("--help describes the command", () => {
    const r = gammats(["analysis", "run", "--help"], tmp);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("Usage: gammats analysis run [options]");
    expect(r.stdout).toContain("--steps <list>");
    expect(r.stdout).toContain("observations,datasets,fit,flux-points,light-curve,excess-map");
  });
});
