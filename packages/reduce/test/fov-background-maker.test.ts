/**
 * FoVBackgroundMaker: the norm of each Crab run against Gammapy 1.0 ("scale" with and
 * without exclusion, "fit" of the norm and of norm + tilt), and its rules on small
 * synthetic datasets with known answers.
 */
import { describe, expect, test } from "vitest";
import type { Logger } from "@gammats/core";
import { mapDataset } from "@gammats/datasets";
import { CircleSkyRegion, MapAxis, WcsGeom, WcsNDMap } from "@gammats/maps";
import { FoVBackgroundModel, Models, PowerLawNormSpectralModel, PowerLawSpectralModel } from "@gammats/modeling";
import { FoVBackgroundMaker, newtonMinimize } from "@gammats/reduce";
import { checkFov } from "./map-checks.js";
import { gammapyData } from "./helpers.js";
import { storedMapReference } from "./map-helpers.js";

const data = gammapyData();
if (data.dir === undefined) console.log(`skipping the H.E.S.S. FoV background comparison: ${data.reason}`);

describe("FoVBackgroundMaker vs Gammapy 1.0 (stored numbers)", () => {
  test.skipIf(data.dir === undefined)("scale, scale with exclusion, fit of norm, fit of norm and tilt", () => {
    checkFov(storedMapReference(), data.dir!);
  });
});

function recorder(): { logger: Logger; warnings: string[] } {
  const warnings: string[] = [];
  const logger: Logger = { debug: () => {}, info: () => {}, warning: (m) => warnings.push(m), error: () => {} };
  return { logger, warnings };
}

describe("FoVBackgroundMaker on synthetic datasets", () => {
  const energy = MapAxis.fromEnergyEdges([1, 2, 4], { name: "energy" });
  const geom = WcsGeom.create({ skydir: [0, 0], binsz: 1, width: [4, 2], axes: [energy] });
  const centres = energy.centersIn("TeV");
  // Background 10 per bin; counts: 12 per bin at low energy, 9 at high energy.
  const background = new WcsNDMap(geom, new Float64Array(16).fill(10));
  const counts = new WcsNDMap(geom, Float64Array.from({ length: 16 }, (_, i) => (i < 8 ? 12 : 9)));
  const ds = mapDataset({ name: "syn", counts, background, maskSafe: new WcsNDMap(geom, new Uint8Array(16).fill(1)) });

  test("scale: norm = Σ counts / Σ background with error √Σn / Σb", () => {
    const out = new FoVBackgroundMaker().run(ds);
    const p = out.models!.get("syn-bkg").parameters;
    expect(p.get("norm").value).toBeCloseTo(168 / 160, 14);
    expect(p.get("norm").error).toBeCloseTo(Math.sqrt(168) / 160, 14);
  });

  test("fit of the norm alone has the scale's answer (the Cash minimum is Σn / Σb)", () => {
    const p = new FoVBackgroundMaker({ method: "fit" }).run(ds).models!.get("syn-bkg").parameters;
    expect(p.get("norm").value).toBeCloseTo(168 / 160, 9);
    expect(p.get("norm").error).toBeCloseTo(Math.sqrt(168) / 160, 6);
  });

  test("fit of norm and tilt recovers both from counts = b · norm · E^-tilt", () => {
    const exact = Float64Array.from({ length: 16 }, (_, i) => 10 * 1.2 * centres[i < 8 ? 0 : 1]! ** -0.3);
    const tilt = new PowerLawNormSpectralModel();
    tilt.parameters.get("tilt").frozen = false;
    const out = new FoVBackgroundMaker({ method: "fit", spectralModel: tilt }).run({ ...ds, counts: new WcsNDMap(geom, exact) });
    const p = out.models!.get("syn-bkg").parameters;
    expect(p.get("norm").value).toBeCloseTo(1.2, 8);
    expect(p.get("tilt").value).toBeCloseTo(0.3, 8);
    expect(tilt.parameters.get("norm").value).toBe(1); // the maker's template is copied
  });

  test("the exclusion mask removes pixels; an existing FoV model is copied, not changed", () => {
    const excl = new WcsNDMap(geom.toImage(), geom.toImage().regionMask(new CircleSkyRegion(-0.5, 0.5, 0.3), false));
    const hot = Float64Array.from(counts.data);
    for (const k of [6, 14]) hot[k] = 1000; // the excluded pixel (x = 2: lon -0.5, y = 1: lat 0.5) in both planes
    const own = new FoVBackgroundModel({ datasetName: "syn" });
    const input = { ...ds, counts: new WcsNDMap(geom, hot), models: new Models([own]) };
    const out = new FoVBackgroundMaker({ exclusionMask: excl }).run(input);
    expect(out.models!.get("syn-bkg").parameters.get("norm").value).toBeCloseTo((168 - 21) / 140, 14);
    expect(own.parameters.get("norm").value).toBe(1);
    expect(out.maskFit).toBe(ds.maskFit);
  });

  test("no counts outside the exclusion: warning, safe mask all false, norm left at 1", () => {
    const { logger, warnings } = recorder();
    const none = new WcsNDMap(geom.toImage(), new Uint8Array(8));
    const out = new FoVBackgroundMaker({ exclusionMask: none }).run(ds, undefined, logger);
    expect(warnings).toEqual(["FoVBackgroundMaker failed. Non-finite normalisation value for syn. Setting mask to False."]);
    expect(out.maskSafe!.data.every((v) => v === 0)).toBe(true);
    expect(out.models!.get("syn-bkg").parameters.get("norm").value).toBe(1);
    const zero = new FoVBackgroundMaker().run({ ...ds, counts: WcsNDMap.fromGeom(geom) }, undefined, logger);
    expect(warnings[1]).toBe("FoVBackgroundMaker failed. Only 0 counts outside exclusion mask for syn. Setting mask to False.");
    expect(zero.maskSafe!.data.every((v) => v === 0)).toBe(true);
  });

  test("an exclusion mask not covering the dataset: warning, uncovered pixels excluded", () => {
    const { logger, warnings } = recorder();
    const half = WcsGeom.create({ skydir: [-1, 0], binsz: 1, width: [2, 2] });
    const mask = new WcsNDMap(half, new Uint8Array(4).fill(1));
    const out = new FoVBackgroundMaker({ exclusionMask: mask }).run(ds, undefined, logger);
    expect(warnings).toEqual(["FoVBackgroundMaker: the exclusion mask does not cover 4 of 8 pixels of the dataset; they are treated as excluded"]);
    // The covered pixels are x = 2, 3 (lon -0.5, -1.5): counts 12 and 9 on 10 each.
    expect(out.models!.get("syn-bkg").parameters.get("norm").value).toBeCloseTo(84 / 80, 14);
  });

  test("bad input: unknown method, flux spectral model, non-map dataset", () => {
    expect(() => new FoVBackgroundMaker({ method: "fitt" as "fit" })).toThrow(/'fitt' is not a method/);
    expect(() => new FoVBackgroundMaker({ spectralModel: new PowerLawSpectralModel() })).toThrow(/not a norm spectral model/);
    expect(() => new FoVBackgroundMaker({ spectralModel: "pl" })).toThrow(/not a norm spectral model/);
    expect(() => new FoVBackgroundMaker().run({ tag: "SpectrumDataset", name: "s" } as never)).toThrow(/needs a MapDataset/);
  });
});

describe("newtonMinimize", () => {
  test("finds the minimum and the covariance 2 H^-1 of a Cash-like function of two parameters", () => {
    // stat = 2 Σ (a b_i - n_i log(a b_i)), b_i = e_i^-t: minimum where the data were made.
    const e = [1, 2, 4, 8];
    const n = e.map((x) => 50 * x ** -0.7);
    const f = (x: Float64Array): number => e.reduce((s, ei, i) => s + 2 * (x[0]! * ei ** -x[1]! - n[i]! * Math.log(x[0]! * ei ** -x[1]!)), 0);
    const r = newtonMinimize(f, Float64Array.of(1, 0), Float64Array.of(1, 1));
    expect(r.success).toBe(true);
    expect(r.x[0]).toBeCloseTo(50, 6);
    expect(r.x[1]).toBeCloseTo(0.7, 8);
    expect(r.covariance[0]! > 0 && r.covariance[3]! > 0).toBe(true);
  });
});
