/**
 * Bad input to `gammats analysis run` on the bundled simulated data: each case ends in
 * one typed error naming the key (before any work when the config alone shows it), or
 * in a warning with a defined result — never in NaN silently in the products.
 * Gammapy 1.0 runs on with NaN, crashes deep inside, or runs out of memory on several of
 * these; the outcomes here are gammats' own.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, test } from "vitest";
import { gammats } from "./cli-helpers.js";
import type { CliRun } from "./cli-helpers.js";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "../../..");
const tmp = mkdtempSync(join(tmpdir(), "gammats-bad-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/**
 * examples/simulated-1d.yaml with absolute paths, changed by `edits` ([from, to] text
 * pairs), run in a fresh folder that also gets `files` (name → content).
 */
function runWith(edits: [string | RegExp, string][], files: Record<string, string> = {}): { r: CliRun; dir: string; out: string; config: string } {
  const dir = mkdtempSync(join(tmp, "case-"));
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
  let text = readFileSync(join(ROOT, "examples/simulated-1d.yaml"), "utf8")
    .replace("datastore: test-data/dl3", `datastore: ${join(ROOT, "test-data/dl3")}`)
    .replace("models_file: examples/simulated-model.yaml", `models_file: ${join(ROOT, "examples/simulated-model.yaml")}`);
  for (const [from, to] of edits) {
    const next = text.replace(from, to);
    if (next === text) throw new Error(`edit not applied: ${String(from)}`);
    text = next;
  }
  const config = join(dir, "config.yaml");
  writeFileSync(config, text);
  const out = join(dir, "out");
  return { r: gammats(["analysis", "run", "--config", "config.yaml", "--out", "out"], dir), dir, out, config };
}

type Row = Record<string, number | boolean | null>;
const summaryOf = (out: string) => JSON.parse(readFileSync(join(out, "summary.json"), "utf8")) as Record<string, Row[]>;

const CRAB_REGION = "lon: 83.633 deg, lat: 22.0145 deg, radius: 0.11 deg";

describe("bad input found from the config alone: an error before any work", () => {
  test("unknown source name in flux_points and in light_curve", () => {
    const fp = runWith([["energy: {min: 0.5 TeV, max: 20 TeV, nbins: 4}\n  source: crab-sim", "energy: {min: 0.5 TeV, max: 20 TeV, nbins: 4}\n  source: crab-sum"]]);
    expect(fp.r.status).toBe(1);
    expect(fp.r.stdout).toBe("");
    expect(fp.r.stderr).toBe(`error: ${fp.config}, key 'flux_points.source': no model named 'crab-sum' (models: crab-sim). did you mean 'crab-sim'?\n`);
    const lc = runWith([["nbins: 1}\n  source: crab-sim", "nbins: 1}\n  source: pulsar"]]);
    expect(lc.r.status).toBe(1);
    expect(lc.r.stdout).toBe("");
    expect(lc.r.stderr).toBe(`error: ${lc.config}, key 'light_curve.source': no model named 'pulsar' (models: crab-sim). set it to the name of a model in the models file\n`);
    expect(existsSync(fp.out) || existsSync(lc.out)).toBe(false);
  });

  test("models file missing", () => {
    const { r, config, out } = runWith([[/models_file: .*/, "models_file: no-such-model.yaml"]]);
    expect(r.status).toBe(1);
    expect(r.stdout).toBe("");
    expect(r.stderr).toBe(
      `error: ${config}, key 'general.models_file': models file not found: ${join(dirname(config), "no-such-model.yaml")}. ` +
        "fix the path (relative paths resolve against the working directory)\n",
    );
    expect(existsSync(out)).toBe(false);
  });

  test("fit_range outside the energy axis", () => {
    const { r, config } = runWith([["fit_range: {min: 0.3 TeV, max: 50 TeV}", "fit_range: {min: 200 TeV, max: 500 TeV}"]]);
    expect(r.status).toBe(1);
    expect(r.stdout).toBe("");
    expect(r.stderr).toBe(
      `error: ${config}, key 'fit.fit_range': the fit range 200 TeV – 500 TeV lies outside the energy axis 0.1 TeV – 100 TeV. choose a fit range inside datasets.geom.axes.energy\n`,
    );
  });
});

describe("bad input found in the data: an error after the datasets, nothing written", () => {
  test("fit_range inside the axis but below every safe energy range", () => {
    const { r, config, out } = runWith([["fit_range: {min: 0.3 TeV, max: 50 TeV}", "fit_range: {min: 0.1 TeV, max: 0.2 TeV}"]]);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain("Datasets:");
    expect(r.stdout).not.toContain("Fit:");
    expect(r.stderr).toBe(
      `error: ${config}, key 'fit.fit_range': the fit range 0.1 TeV – 0.2 TeV selects no energy bin inside the safe energy range of any dataset. ` +
        "widen fit.fit_range, or check the safe mask settings (datasets.safe_mask)\n",
    );
    expect(existsSync(out)).toBe(false);
  });

  test("on region outside every field of view", () => {
    const { r, out } = runWith([[CRAB_REGION, "lon: 150 deg, lat: -30 deg, radius: 0.11 deg"]]);
    expect(r.status).toBe(1);
    expect(r.stdout).not.toContain("Datasets:");
    expect(r.stderr).toBe(
      "error: the on region (icrs 150.000, -30.000) lies outside the field of view of every observation: the nearest pointing is 81.87 deg away " +
        "(observation 1003; its IRFs reach 2.50 deg). check datasets.on_region (position and frame) and the observations selected\n",
    );
    expect(existsSync(out)).toBe(false);
  });

  test("zero counts in the on region", () => {
    // Run 1005 is an empty field; a 0.01 deg circle there catches no background event.
    const { r, out } = runWith([
      ["obs_ids: [1001, 1002, 1003, 1004]", "obs_ids: [1005]"],
      [CRAB_REGION, "lon: 75.5 deg, lat: 28 deg, radius: 0.01 deg"],
    ]);
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/stacked\s+0\s+19\s/);
    expect(r.stderr).toBe(
      "error: no counts in the on region within the fit range 0.3 TeV – 50 TeV and the safe energy range of any dataset: nothing to fit. " +
        "check datasets.on_region (position, radius) and the observations; the fit needs counts\n",
    );
    expect(existsSync(out)).toBe(false);
  });
});

describe("observations without events in the region: warnings and defined results", () => {
  test("an observation whose field of view misses the region: warned, its light-curve bin null and warned", () => {
    const { r, out } = runWith([
      ["obs_ids: [1001, 1002, 1003, 1004]", "obs_ids: [1001, 1005]"],
      ["stack: true", "stack: false"],
    ]);
    expect(r.status, r.stderr).toBe(0);
    const warnings = r.stderr.trimEnd().split("\n");
    expect(warnings[0]).toBe(
      "WARNING: the on region (icrs 83.633, 22.015) lies outside the field of view of observation 1005 (9.84 deg): its dataset has no safe energy range and adds nothing",
    );
    expect(warnings).toContain(
      "WARNING: light curve: no estimate in 1 of 2 bins (MJD 60294.9383 – 60294.9577, 0.5012 TeV – 19.95 TeV): NaN in the FITS table, null in summary.json " +
        "(no data inside the safe energy range there, or the bin's fit failed)",
    );
    const s = summaryOf(out);
    expect(s.datasets!.map((d) => [d.name, d.counts])).toEqual([["1001", 130], ["1005", 0]]);
    expect(s.light_curve!.map((b) => b.flux === null)).toEqual([false, true]);
    expect(s.flux_points!.every((p) => p.dnde !== null)).toBe(true);
  });

  test("observations with no event in the region inside their field of view: upper limits", () => {
    // A 0.02 deg circle 0.7 deg from the source: 1 event in run 1001, none in the others.
    // The index is frozen: one event cannot constrain a spectral shape, only a norm.
    const frozenIndex = readFileSync(join(ROOT, "examples/simulated-model.yaml"), "utf8").replace("value: 2.0\n", "value: 2.5\n            frozen: true\n");
    const { r, out } = runWith(
      [
        ["stack: true", "stack: false"],
        [CRAB_REGION, "lon: 84.2 deg, lat: 22.6 deg, radius: 0.02 deg"],
        [/models_file: .*/, "models_file: frozen-index.yaml"],
      ],
      { "frozen-index.yaml": frozenIndex },
    );
    expect(r.status, r.stderr).toBe(0);
    const s = summaryOf(out);
    expect(s.datasets!.map((d) => d.counts)).toEqual([1, 0, 0, 0]);
    const empty = s.light_curve!.slice(1);
    for (const bin of empty) {
      expect(bin.flux_ul as number).toBeGreaterThan(1e-12);
      expect(bin.flux_ul as number).toBeLessThan(1e-9);
      expect(Math.abs(bin.ts as number)).toBeLessThan(0.01);
    }
    expect(s.flux_points!.map((p) => p.is_ul)).toEqual([true, true, true, true]);
    for (const p of s.flux_points!) expect(p.dnde_ul as number).toBeGreaterThan(0);
  });
});
