/**
 * The bundled simulated data (test-data/, seeded): the 1D example analysis recovers the
 * injected power law (index 2.5, amplitude 3.5e-11 cm-2 s-1 TeV-1 at 1 TeV) within
 * errors, and agrees with what Gammapy 1.0 makes of the same config and files.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { runAnalysisFile } from "@gammats/analysis";
import type { RunAnalysisResult } from "@gammats/analysis";
import { REPO, SIMULATED_CONFIG, compareSummaries, quiet } from "./helpers.js";

const injected = JSON.parse(readFileSync(join(REPO, "test-data/injected.json"), "utf8")) as {
  source: { spectral: { index: number; amplitude_cm2_s_tev: number } };
};
const tmp = mkdtempSync(join(tmpdir(), "gammats-sim-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

let run: RunAnalysisResult;
beforeAll(async () => {
  run = await runAnalysisFile(SIMULATED_CONFIG, { cwd: REPO, outDir: join(tmp, "out"), logger: quiet });
});

describe("the simulated 1D analysis (examples/simulated-1d.yaml)", () => {
  test("runs every configured step on the four wobble runs", () => {
    expect(run.steps).toEqual(["observations", "datasets", "fit", "flux-points", "light-curve"]);
    expect(run.summary.observations?.map((o) => [o.obs_id, o.n_events])).toEqual([
      [1001, 8645],
      [1002, 8721],
      [1003, 8842],
      [1004, 8709],
    ]);
    const [stacked] = run.summary.datasets!;
    expect(stacked).toMatchObject({ name: "stacked", counts: 481, counts_off: 813 });
    expect(stacked!.alpha).toBeCloseTo(1 / 12, 6); // 12 reflected regions in every run
  });

  test("the fit recovers the injected spectrum within errors", () => {
    const fit = run.summary.fit!;
    expect(fit.success).toBe(true);
    const p = Object.fromEntries(fit.parameters.map((q) => [q.name, q]));
    const { index, amplitude_cm2_s_tev: amplitude } = injected.source.spectral;
    expect(index).toBe(2.5);
    expect(Math.abs(p.index!.value! - index)).toBeLessThan(p.index!.error!); // 2.504 ± 0.078
    // 3.09e-11 ± 0.20e-11: the seeded sample has 549 source events in the on region
    // where 571 are expected, and Gammapy finds the same value (test below).
    expect(Math.abs(p.amplitude!.value! - amplitude)).toBeLessThan(3 * p.amplitude!.error!);
    expect(p.reference).toMatchObject({ value: 1, frozen: true });
  });

  test("agrees with Gammapy 1.0 on the same config and data", () => {
    const candidate = join(tmp, "summary.json");
    writeFileSync(candidate, JSON.stringify(run.summary));
    const r = compareSummaries(join(import.meta.dirname, "fixtures/simulated-1d-gammapy-1.0.json"), candidate);
    if (r.lines === undefined) {
      console.log(`skipping the comparison with Gammapy: ${r.reason}`);
      return;
    }
    const last = r.lines.at(-1)!;
    expect(r.lines.slice(0, -1)).toEqual([]);
    expect(last).toMatch(/^\d+ agree, 0 differ, 0 missing$/);
    expect(Number(last.split(" ")[0])).toBeGreaterThanOrEqual(70);
  });

  test("flux points and light curve bracket the injected spectrum", () => {
    const fp = run.summary.flux_points!;
    expect(fp.map((q) => q.counts)).toEqual([176, 51, 19, 2]);
    // The faint last bin (TS 0.19): as in Gammapy's Analysis (MINOS), the lower error
    // reaches past zero flux (Gammapy: dnde 1.166e-14, errn 1.95e-14).
    expect(fp[3]!.dnde_errn! / 1.9515711346575308e-14).toBeCloseTo(1, 1);
    expect(fp[3]!.dnde_errn!).toBeGreaterThan(fp[3]!.dnde!);
    expect(fp.map((q) => q.is_ul)).toEqual([false, false, false, true]);
    const { index, amplitude_cm2_s_tev: amplitude } = injected.source.spectral;
    for (const q of fp.slice(0, 3)) {
      const truth = amplitude * q.e_ref_tev! ** -index;
      expect(Math.abs(q.dnde! - truth)).toBeLessThan(3 * q.dnde_err!);
    }
    const [lc] = run.summary.light_curve!;
    // One bin (one stacked dataset) spanning the four runs.
    expect(run.summary.light_curve).toHaveLength(1);
    expect(lc!.time_min_mjd).toBeCloseTo(60293.91052296296, 6);
    expect(lc!.time_max_mjd).toBeCloseTo(60293.9924674074, 6);
  });
});
