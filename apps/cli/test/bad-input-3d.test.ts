/**
 * Bad input to a 3D `gammats analysis run` on the bundled simulated data (the issue's
 * list): a geometry too large for memory, an exclusion file that does not cover the
 * geometry, a source outside the map, and an exclusion that leaves no counts for the FoV
 * background. Each ends in one typed error naming the key and the fix (and no output
 * folder), or in warnings with a defined result.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, test } from "vitest";
import { WcsGeom, WcsNDMap } from "@gammats/maps";
import { gammats } from "./cli-helpers.js";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "../../..");
const CASE = join(ROOT, "packages/analysis/test/cases-3d/simulated-3d");
const tmp = mkdtempSync(join(tmpdir(), "gammats-bad-3d-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

let counter = 0;
// The simulated-3d case with absolute paths and `edits`, run in a fresh folder that
// `setup` may add files to (or change the model in).
function run(edits: [string | RegExp, string][], setup: (dir: string) => void = () => {}) {
  const dir = join(tmp, `case-${counter++}`);
  mkdirSync(dir, { recursive: true });
  let text = readFileSync(join(CASE, "config.yaml"), "utf8")
    .replace("datastore: test-data/dl3", `datastore: ${join(ROOT, "test-data/dl3")}`)
    .replace(/models_file: .*/, "models_file: model.yaml");
  for (const [from, to] of edits) {
    const next = text.replace(from, to);
    if (next === text) throw new Error(`edit not applied: ${String(from)}`);
    text = next;
  }
  writeFileSync(join(dir, "config.yaml"), text);
  writeFileSync(join(dir, "model.yaml"), readFileSync(join(CASE, "model.yaml"), "utf8"));
  setup(dir);
  const out = join(dir, "out");
  return { r: gammats(["analysis", "run", "--config", "config.yaml", "--out", "out"], dir), dir, out };
}

const summaryOf = (out: string) => JSON.parse(readFileSync(join(out, "summary.json"), "utf8"));

describe("3D bad input", () => {
  test("a geometry too large for memory: refused with its size and the fix, nothing written", () => {
    const { r, out } = run([
      ["binsize: 0.05 deg", "binsize: 0.001 deg"],
      ["width: 4 deg, height: 4 deg", "width: 40 deg, height: 40 deg"],
    ]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/a map of shape \[6, 40000, 40000\] needs 71\.5 GiB, above the limit of 4\.0 GiB/);
    expect(r.stderr).toMatch(/use a larger binsz or a smaller width/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(out)).toBe(false);
  });

  test("an exclusion file covering half the geometry: warned per run, uncovered pixels excluded, the fit still finds the source", () => {
    const { r, out } = run([["parameters: {method: scale}", "parameters: {method: scale}\n    exclusion: half.fits"]], (dir) => {
      // 2 x 4 deg east half of the 4 x 4 deg map, 0.3 deg circle around the source excluded
      const half = WcsGeom.create({ skydir: [84.6, 22.0145], binsz: 0.05, width: [2, 4], frame: "icrs" });
      WcsNDMap.regionMask(half, "icrs;circle(83.633,22.0145,0.3)", false).write(join(dir, "half.fits"));
    });
    expect(r.status, r.stderr).toBe(0);
    const warnings = r.stderr.split("\n").filter((l) => l.includes("the exclusion mask does not cover"));
    expect(warnings.length).toBe(4);
    expect(warnings[0]).toMatch(/does not cover \d+ of 5600 pixels of the dataset; they are treated as excluded/);
    const fit = summaryOf(out).fit;
    expect(fit.success).toBe(true);
    const lon = fit.parameters.find((p: { name: string }) => p.name === "lon_0");
    expect(Math.abs(lon.value - 83.633)).toBeLessThan(3 * lon.error);
  });

  test("a source outside every map: warned, its parameters held, the background still fitted, flux points null", () => {
    const { r, out } = run([], (dir) => {
      const model = readFileSync(join(dir, "model.yaml"), "utf8").replace("value: 83.6, unit: deg, min: 82, max: 85", "value: 90.6, unit: deg, min: 89, max: 92");
      writeFileSync(join(dir, "model.yaml"), model);
    });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/model 'crab-sim' at \(90\.600, 22\.050\) icrs lies outside the maps .* of every dataset: it predicts no counts/);
    const s = summaryOf(out);
    expect(s.fit.success).toBe(true);
    const byName = (n: string) => s.fit.parameters.find((p: { name: string }) => p.name === n);
    expect(byName("lon_0").value).toBe(90.6);
    expect(byName("norm").error).toBeGreaterThan(0);
    expect(Math.abs(byName("norm").value - 1)).toBeLessThan(0.2);
    expect(s.flux_points.every((p: { dnde: number | null }) => p.dnde === null)).toBe(true);
    // one summary warning for the flux points, not one per bin and fit
    expect(r.stderr.split("\n").filter((l) => l.startsWith("WARNING")).length).toBe(2);
  });

  test("an exclusion that leaves no counts for the FoV background: one error naming datasets.background, nothing written", () => {
    const { r, out } = run([["parameters: {method: scale}", "parameters: {method: scale}\n    exclusion: all.fits"]], (dir) => {
      const geom = WcsGeom.create({ skydir: [83.633, 22.0145], binsz: 0.05, width: [6, 6], frame: "icrs" });
      WcsNDMap.regionMask(geom, "icrs;circle(83.633,22.0145,5)", false).write(join(dir, "all.fits"));
    });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/FoVBackgroundMaker failed\. Non-finite normalisation value for 1001\. Setting mask to False\./);
    expect(r.stderr).toMatch(/key 'datasets\.background': the safe mask of every dataset is empty: nothing to fit/);
    expect(existsSync(out)).toBe(false);
  });
});
