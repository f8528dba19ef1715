/**
 * The one-pass merges of the map estimators give the numbers of the passes they replace:
 * the estimator mask (OR of each mask over a group, then AND) and Σ (background + signal)
 * over a group, on seeded random cubes with NaN, negative zero and empty masks; and the
 * excess map's sqrt_ts equals CountsStatistic.sqrtTs bit for bit.
 */
import { describe, expect, test } from "vitest";
import { WStatCountsStatistic } from "@gammats/datasets";
import { ExcessMapEstimator } from "../src/index.js";
import { groupMask, orGroups, sumGroups, sumGroupsOfSum } from "../src/map/energy-groups.js";
import { correlatedCounts, gather, setIndices } from "../src/map/correlated-counts.js";
import { correlationKernel, radiusInPixels } from "../src/map/correlate.js";
import { energyGroups } from "../src/map/energy-groups.js";
import { mergeMapData } from "../src/map/merged-map-data.js";
import { MapAxis, WcsGeom } from "@gammats/maps";

function lcg(seed: number): () => number {
  let s = seed;
  return () => (s = (s * 16807) % 2147483647) / 2147483647;
}

describe("one-pass merges of the map estimators", () => {
  const plane = 37;
  const nBins = 5;
  const groupsList = [[{ start: 0, stop: 5 }], [{ start: 0, stop: 2 }, { start: 2, stop: 5 }], [{ start: 1, stop: 4 }]];

  test("groupMask: OR per group then AND, as the separate passes", () => {
    const rnd = lcg(3);
    for (const density of [0, 0.1, 0.7, 1]) {
      const safe = Uint8Array.from({ length: nBins * plane }, () => (rnd() < density ? 1 : 0));
      const fit = Uint8Array.from({ length: nBins * plane }, () => (rnd() < 0.5 ? 1 : 0));
      for (const groups of groupsList) {
        const a = orGroups(safe, groups, plane);
        const b = orGroups(fit, groups, plane);
        expect(groupMask(groups, plane, safe, fit)).toEqual(Uint8Array.from(a, (v, i) => v & b[i]!));
        expect(groupMask(groups, plane, safe, undefined)).toEqual(a);
        expect(groupMask(groups, plane, undefined, fit)).toEqual(b);
        expect(groupMask(groups, plane, undefined, undefined)).toEqual(new Uint8Array(groups.length * plane).fill(1));
      }
    }
  });

  test("sumGroupsOfSum: Σ (a + b) as sumGroups of the summed cube, bit for bit", () => {
    const rnd = lcg(7);
    const special = [NaN, -0, 0, Infinity, 1e-300];
    const a = Float64Array.from({ length: nBins * plane }, (_, i) => (i % 11 === 0 ? special[i % 5]! : (rnd() - 0.3) * 10 ** (rnd() * 6)));
    const b = Float64Array.from({ length: nBins * plane }, (_, i) => (i % 13 === 0 ? -0 : rnd() * 1e-3));
    for (const groups of groupsList) {
      const summed = Float64Array.from(a, (v, i) => v + b[i]!);
      const ref = sumGroups(summed, groups, plane);
      const got = sumGroupsOfSum(a, b, groups, plane);
      got.forEach((v, i) => expect(Object.is(v, ref[i])).toBe(true));
    }
  });

  test("setIndices and gather", () => {
    expect(setIndices(Uint8Array.of(0, 1, 1, 0, 1))).toEqual(Int32Array.of(1, 2, 4));
    expect(setIndices(new Uint8Array(3))).toEqual(new Int32Array(0));
    expect(gather(Float64Array.of(5, 6, 7), Int32Array.of(2, 0))).toEqual(Float64Array.of(7, 5));
  });

  test("sqrt_ts equals CountsStatistic.sqrtTs bit for bit (zero, negative and NaN excess)", () => {
    const geom = WcsGeom.create({
      skydir: [0, 0],
      binsz: 0.1,
      npix: [9, 7],
      frame: "galactic",
      axes: [MapAxis.fromEdges([1, 10], { name: "energy", unit: "TeV", interp: "log" })],
    });
    const rnd = lcg(5);
    // Rows 0-2 without counts (negative excess), and without background in columns 0-3
    // (zero excess); one NaN background pixel spreads over its disk (NaN excess).
    const counts = Float64Array.from({ length: geom.size }, (_, i) => (Math.floor(i / 9) < 3 ? 0 : Math.floor(rnd() * 4)));
    const background = Float64Array.from({ length: geom.size }, (_, i) => (Math.floor(i / 9) < 3 && i % 9 < 4 ? 0 : i === 50 ? NaN : rnd() * 2));
    const dataset = { geom, counts, background };
    const maps = new ExcessMapEstimator({ correlationRadius: "0.1 deg" }).run(dataset);
    // The statistic the estimator builds, made again here: its own getters are the reference.
    const { groups } = energyGroups(geom.axes[0] as MapAxis);
    const kernel = correlationKernel(radiusInPixels(geom, 0.1));
    const { inside, stat } = correlatedCounts(mergeMapData(dataset, groups, "npred"), 7, 9, kernel, true);
    expect(inside.length).toBeGreaterThan(10);
    const sqrtTs = maps.get("sqrt_ts");
    const ts = maps.get("ts");
    const refSqrt = stat.sqrtTs;
    const refTs = stat.ts;
    const nSig = stat.nSig;
    expect(nSig.some((v) => v === 0) && nSig.some((v) => v < 0) && nSig.some((v) => Number.isNaN(v))).toBe(true);
    inside.forEach((i, k) => {
      expect(Object.is(sqrtTs[i], refSqrt[k])).toBe(true);
      expect(Object.is(ts[i], refTs[k])).toBe(true);
    });
    expect(new WStatCountsStatistic(Float64Array.of(0), Float64Array.of(0), Float64Array.of(1)).sqrtTs[0]).toBe(0);
  });
});
