/**
 * RingBackgroundMaker: the ring kernel against astropy's peak-normalised `Ring2DKernel`,
 * off counts, acceptances and α of each Crab run on a one-bin geometry against Gammapy
 * 1.0, and the method's rules on a small synthetic dataset.
 */
import { describe, expect, test } from "vitest";
import type { Logger } from "@gammats/core";
import { mapAlpha, mapDataset } from "@gammats/datasets";
import { MapAxis, WcsGeom, WcsNDMap } from "@gammats/maps";
import { RingBackgroundMaker, ringKernel } from "@gammats/reduce";
import { checkRing } from "./map-checks.js";
import { gammapyData } from "./helpers.js";
import { storedMapReference } from "./map-helpers.js";

const data = gammapyData();
if (data.dir === undefined) console.log(`skipping the H.E.S.S. ring background comparison: ${data.reason}`);

describe("ring kernel as astropy's Ring2DKernel(r_in, width).normalize('peak')", () => {
  test("(1, 0.5): the 8 neighbours", () => {
    const k = ringKernel(1, 0.5);
    expect(k.shape).toEqual([3, 3]);
    expect(Array.from(k.data)).toEqual([1, 1, 1, 1, 0, 1, 1, 1, 1]);
  });

  test("(2.2, 1.3): 7 x 7, 24 pixels", () => {
    const k = ringKernel(2.2, 1.3);
    expect(k.shape).toEqual([7, 7]);
    expect(Array.from(k.data.subarray(0, 21))).toEqual([0, 0, 1, 1, 1, 0, 0, 0, 1, 1, 0, 1, 1, 0, 1, 1, 0, 0, 0, 1, 1]);
    expect(k.data.reduce((a, b) => a + b, 0)).toBe(24);
  });

  test("(12.5, 7.5) pixels — 0.5 / 0.3 deg on 0.04 deg pixels: 41 x 41, 768 pixels", () => {
    const k = ringKernel(0.5 / 0.04, 0.3 / 0.04);
    expect(k.shape).toEqual([41, 41]);
    expect(k.data.reduce((a, b) => a + b, 0)).toBe(768);
  });

  test("a ring without any pixel centre, or a zero width, is refused", () => {
    expect(() => ringKernel(0.2, 0.3)).toThrow(/no pixel centre/);
    expect(() => ringKernel(1, 0)).toThrow(/width > 0/);
  });
});

describe("RingBackgroundMaker vs Gammapy 1.0 (stored numbers)", () => {
  test.skipIf(data.dir === undefined)("counts_off, acceptance, acceptance_off, alpha and safe mask of runs 23592 and 23559", () => {
    checkRing(storedMapReference(), data.dir!);
  });
});

describe("RingBackgroundMaker on a synthetic dataset", () => {
  const one = MapAxis.fromEnergyEdges([1, 10], { name: "energy" });
  const geom = WcsGeom.create({ skydir: [0, 0], binsz: 1, width: [5, 5], axes: [one] });
  const counts = new WcsNDMap(geom, Float64Array.from({ length: 25 }, (_, i) => i));
  const background = new WcsNDMap(geom, new Float64Array(25).fill(2));
  const ds = mapDataset({ name: "r", counts, background, maskSafe: new WcsNDMap(geom, new Uint8Array(25).fill(1)) });

  test("off counts sum the 8 neighbours outside the exclusion; α = acceptance / acceptance_off", () => {
    // Exclude the centre pixel (index 12): the ring around 12 still sees its 8 neighbours.
    const excl = new Uint8Array(25).fill(1);
    excl[12] = 0;
    const maker = new RingBackgroundMaker({ rIn: 1, width: 0.5, exclusionMask: new WcsNDMap(geom.toImage(), excl) });
    const onoff = maker.run(ds);
    expect(onoff.tag).toBe("MapDatasetOnOff");
    expect(onoff.name).toBe("r");
    // Pixel 12: 6 + 7 + 8 + 11 + 13 + 16 + 17 + 18 = 96; pixel 6 loses pixel 12: 0+1+2+5+7+10+11 = 36.
    expect([onoff.countsOff!.data[12], onoff.countsOff!.data[6]]).toEqual([96, 36]);
    expect([onoff.acceptanceOff!.data[12], onoff.acceptanceOff!.data[6], onoff.acceptanceOff!.data[0]]).toEqual([16, 14, 6]);
    expect(mapAlpha(onoff)[12]).toBe(2 / 16);
    expect(onoff.acceptance!.data[0]).toBe(2);
  });

  test("more than one energy bin is refused, as Gammapy's analysis does", () => {
    const two = MapAxis.fromEnergyEdges([1, 3, 10], { name: "energy" });
    const g2 = WcsGeom.create({ skydir: [0, 0], binsz: 1, width: 3, axes: [two] });
    const d2 = mapDataset({ name: "two", counts: WcsNDMap.fromGeom(g2), background: WcsNDMap.fromGeom(g2) });
    expect(() => new RingBackgroundMaker({ rIn: "1 deg", width: "0.5 deg" }).run(d2)).toThrow(/has 2 energy bins, the ring background needs one/);
  });

  test("pixels without off acceptance leave the safe mask; an uncovering mask warns and excludes", () => {
    const warnings: string[] = [];
    const logger: Logger = { debug: () => {}, info: () => {}, warning: (m) => warnings.push(m), error: () => {} };
    const small = WcsGeom.create({ skydir: [0, 0], binsz: 1, width: 1 });
    const maker = new RingBackgroundMaker({ rIn: 1, width: 0.5, exclusionMask: new WcsNDMap(small, Uint8Array.of(1)) });
    const onoff = maker.run(ds, undefined, logger);
    expect(warnings).toEqual(["RingBackgroundMaker: the exclusion mask does not cover 24 of 25 pixels of the dataset; they are treated as excluded"]);
    // Only the centre is usable: its 8 neighbours get acceptance_off 2, all others 0.
    const safe = Array.from(onoff.maskSafe!.data);
    expect(safe.reduce((a, b) => a + b, 0)).toBe(8);
    expect([safe[6], safe[12], safe[0]]).toEqual([1, 0, 0]);
  });
});
