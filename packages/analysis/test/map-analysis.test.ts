/**
 * The 3D analysis through `Analysis` and `runAnalysis` on the bundled simulated data
 * (test-data/, seeded; test/cases-3d/simulated-3d): the fit recovers the injected point
 * source, the run agrees with Gammapy 1.0 on the same config and files, excess maps are
 * relative to the fitted model, `--steps excess-map` runs without a fit, joint datasets
 * keep their own background models, and inconsistent configs fail early naming the key.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { ConfigError } from "@gammats/core";
import { AnalysisConfig } from "@gammats/config";
import type { AnalysisConfigInput } from "@gammats/config";
import { Analysis, mapGeometry, mapReference, resolveSteps, runAnalysis, runAnalysisFile } from "@gammats/analysis";
import type { RunAnalysisResult } from "@gammats/analysis";
import { REPO, compareSummaries, quiet } from "./helpers.js";

const CASE = join(REPO, "packages/analysis/test/cases-3d/simulated-3d");
const CONFIG = join(CASE, "config.yaml");
const injected = JSON.parse(readFileSync(join(REPO, "test-data/injected.json"), "utf8")) as {
  source: { spatial: { lon_0_deg: number; lat_0_deg: number }; spectral: { index: number; amplitude_cm2_s_tev: number } };
};
const tmp = mkdtempSync(join(tmpdir(), "gammats-map-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function configWith(change: AnalysisConfigInput): AnalysisConfig {
  return AnalysisConfig.readSync(CONFIG).update(change);
}

/** The ConfigError a promise rejects with (fails the test when it resolves). */
async function configErrorOf(work: () => Promise<unknown>): Promise<ConfigError> {
  try {
    await work();
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    return e as ConfigError;
  }
  throw new Error("expected a ConfigError");
}

let run: RunAnalysisResult;
beforeAll(async () => {
  run = await runAnalysisFile(CONFIG, { cwd: REPO, outDir: join(tmp, "full"), logger: quiet });
});

describe("the simulated 3D analysis (cases-3d/simulated-3d)", () => {
  test("runs every configured step on one stacked map dataset", () => {
    expect(run.steps).toEqual(["observations", "datasets", "fit", "flux-points", "excess-map"]);
    const [stacked] = run.summary.datasets!;
    // 4 deg at 0.05 deg, 6 reco energy bins; the seeded events within 2 deg of each
    // pointing and 0.5–20 TeV (Gammapy counts the same, see the comparison below).
    expect(stacked).toMatchObject({ name: "stacked", n_pixels: 6 * 80 * 80, counts: 5953, counts_off: null });
    // The FoV "scale" norm makes the background add up to the counts.
    expect(stacked!.background).toBeCloseTo(5953, 6);
    expect(run.analysis.models.names).toEqual(["crab-sim", "stacked-bkg"]);
  });

  test("the fit recovers the injected point source within errors", () => {
    const fit = run.summary.fit!;
    expect(fit.success).toBe(true);
    const p = (name: string) => fit.parameters.find((q) => q.model === "crab-sim" && q.name === name)!;
    const within = (name: string, truth: number) => expect(Math.abs(p(name).value! - truth)).toBeLessThan(3 * p(name).error!);
    within("index", injected.source.spectral.index);
    within("amplitude", injected.source.spectral.amplitude_cm2_s_tev);
    within("lon_0", injected.source.spatial.lon_0_deg);
    within("lat_0", injected.source.spatial.lat_0_deg);
    // A point source is localised to a fraction of the PSF (σ ≈ 0.08 deg at 1 TeV).
    expect(p("lat_0").error).toBeLessThan(0.01);
    const bkg = fit.parameters.find((q) => q.model === "stacked-bkg" && q.name === "norm")!;
    expect(bkg.frozen).toBe(false);
    expect(bkg.error).toBeGreaterThan(0);
  });

  test("agrees with Gammapy 1.0 on the same config and files (compare.py)", () => {
    const r = compareSummaries(join(CASE, "gammapy-1.0.json"), join(run.outDir, "summary.json"));
    if (r.lines === undefined) {
      console.log(`skipping the Gammapy comparison: ${r.reason}`);
      return;
    }
    expect(r.lines.at(-1), r.lines.join("\n")).toMatch(/^\d+ agree, 0 differ, 0 missing$/);
  });

  test("the excess map is relative to the fitted model: no significant residual", () => {
    const em = run.summary.excess_map!;
    expect(em.frame).toBe("icrs");
    expect(Math.abs(em.max_sqrt_ts!)).toBeLessThan(5);
    expect(run.files).toEqual(expect.arrayContaining(["excess_map.fits", "excess_map.fits_model.yaml"]));
  });

  test("--steps excess-map alone (no fit): the source stands out where it was injected", async () => {
    const config = AnalysisConfig.readSync(CONFIG);
    expect(resolveSteps(config, ["excess-map"])).toEqual(["observations", "datasets", "excess-map"]);
    const r = await runAnalysis(config, undefined, { steps: ["excess-map"], cwd: REPO, logger: quiet, dryRun: true });
    expect(r.summary.fit).toBeUndefined();
    const em = r.summary.excess_map!;
    expect(em.max_sqrt_ts).toBeGreaterThan(20);
    const { lon_0_deg, lat_0_deg } = injected.source.spatial;
    expect(Math.hypot((em.lon_deg! - lon_0_deg) * Math.cos((lat_0_deg * Math.PI) / 180), em.lat_deg! - lat_0_deg)).toBeLessThan(0.1);
    expect(r.analysis.models.length).toBe(0);
  });
});

describe("3D datasets through Analysis", () => {
  test("geometry and reference dataset follow datasets.geom", () => {
    const ctx = { config: AnalysisConfig.readSync(CONFIG), logger: quiet, cwd: REPO };
    const geom = mapGeometry(ctx);
    expect(geom.dataShape).toEqual([6, 80, 80]);
    expect(geom.centerSkydir.lon).toBeCloseTo(83.633, 9);
    const ref = mapReference(ctx);
    expect(ref.name).toBe("stacked");
    expect(ref.exposure!.geom.dataShape).toEqual([12, 80, 80]);
  });

  test("joint datasets keep the background model the FoV maker gave each; excess maps need one dataset", async () => {
    const analysis = new Analysis(configWith({ datasets: { stack: false }, observations: { obs_ids: [1001, 1003] } }), { cwd: REPO, logger: quiet });
    await analysis.getObservations();
    const datasets = await analysis.getDatasets();
    expect(datasets.names).toEqual(["1001", "1003"]);
    await analysis.readModels();
    expect(analysis.models.names).toEqual(["crab-sim", "1001-bkg", "1003-bkg"]);
    // The FoV maker's scale survives setModels (Gammapy adds a model only where none is).
    expect(analysis.models.get("1001-bkg").parameters.get("norm").value).not.toBe(1);
    const e = await configErrorOf(async () => analysis.getExcessMap());
    expect(e.path).toBe("datasets.stack");
  });

  test("setModels adds one FoV background model per MapDataset that has none", async () => {
    const analysis = new Analysis(configWith({ observations: { obs_ids: [1001] } }), { cwd: REPO, logger: quiet });
    await analysis.getObservations();
    await analysis.getDatasets();
    // The stacked dataset carries no models (stacking bakes the FoV norm into its background).
    expect(analysis.datasets!.get(0).models).toBeNull();
    await analysis.readModels();
    expect(analysis.models.names).toEqual(["crab-sim", "stacked-bkg"]);
    analysis.models.get("stacked-bkg").parameters.get("norm").value = 1.2;
    analysis.setModels(analysis.models); // its own models again: nothing added
    expect(analysis.models.names).toEqual(["crab-sim", "stacked-bkg"]);
    expect(analysis.models.get("stacked-bkg").parameters.get("norm").value).toBe(1.2);
    await analysis.readModels(undefined, { extend: false }); // replaced: a new one, norm 1
    expect(analysis.models.names).toEqual(["crab-sim", "stacked-bkg"]);
    expect(analysis.models.get("stacked-bkg").parameters.get("norm").value).toBe(1);
  });

  test.each([
    [{ datasets: { background: { method: "reflected" } } }, "datasets.background.method"],
    [{ datasets: { background: { method: "ring", parameters: { r_in: "0.5 deg", width: "0.3 deg" } } } }, "datasets.geom.axes.energy.nbins"],
    [{ datasets: { background: { method: "fov_background", parameters: { methd: "scale" } } } }, "datasets.background.parameters.methd"],
    [{ datasets: { geom: { wcs: { skydir: { frame: null } } } } }, "datasets.geom.wcs.skydir.frame"],
  ] as [AnalysisConfigInput, string][])("an inconsistent config fails before the reduction, naming %#: %s", async (change, key) => {
    const analysis = new Analysis(configWith(change), { cwd: REPO, logger: quiet });
    await analysis.getObservations();
    const e = await configErrorOf(() => analysis.getDatasets());
    expect(e.path).toBe(key);
  });
});
