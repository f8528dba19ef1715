import { DataError } from "@gammats/core";
import { MapAxis } from "@gammats/maps";
import { describe, expect, test } from "vitest";
import { alignedEnergyAxis, energySlice, sliceMask } from "../src/index.js";

// Edges 0.1, 0.178, 0.316, 0.562, 1, ..., 100 TeV: 4 bins per decade.
const AXIS = MapAxis.fromEdges(
  Array.from({ length: 13 }, (_, i) => 0.1 * Math.pow(10, i / 4)),
  { name: "energy", unit: "TeV", interp: "log" },
);

describe("energySlice", () => {
  test("snaps each requested edge to the nearest data edge in log energy", () => {
    const s = energySlice(AXIS, 0.3, 1)!;
    expect([s.start, s.stop]).toEqual([2, 4]);
    expect(s.energyMin).toBeCloseTo(0.31623, 5);
    expect(s.energyMax).toBeCloseTo(1, 12);
    // In log10: 0.22 TeV (−0.66) is nearer 0.178 (−0.75) than 0.316 (−0.5); 0.24 (−0.62) is not.
    expect(energySlice(AXIS, 0.22, 0.5)).toMatchObject({ start: 1, stop: 3 });
    expect(energySlice(AXIS, 0.24, 0.5)).toMatchObject({ start: 2, stop: 3 });
  });

  test("a requested bin narrower than a data bin can vanish", () => {
    expect(energySlice(AXIS, 1.05, 1.2)).toBeUndefined();
  });

  test("requests beyond the data are clipped to the axis", () => {
    expect(energySlice(AXIS, 0.01, 0.2)).toMatchObject({ start: 0, stop: 1 });
    expect(energySlice(AXIS, 50, 1000)).toMatchObject({ start: 11, stop: 12 });
    expect(energySlice(AXIS, 100, 300)).toBeUndefined();
  });

  test("a request exactly half-way between edges rounds to the even edge, as numpy", () => {
    const lin = MapAxis.fromEdges([0, 1, 2, 3, 4], { name: "energy", unit: "TeV" });
    // 0.5 is pixel 0 (edge index 0.5 → 0), 2.5 is edge index 2.5 → 2.
    expect(energySlice(lin, 0.5, 2.5)).toMatchObject({ start: 0, stop: 2 });
    expect(energySlice(lin, 1.5, 3.5)).toMatchObject({ start: 2, stop: 4 });
  });

  test("works on axes in GeV", () => {
    const gev = AXIS.toUnit("GeV");
    expect(energySlice(gev, 0.3, 1)).toMatchObject({ start: 2, stop: 4 });
  });
});

test("sliceMask keeps the slice's bins, energy being the slowest axis, and the dataset mask", () => {
  const slice = { start: 1, stop: 3, energyMin: 0, energyMax: 0 };
  expect(Array.from(sliceMask(slice, 4, 8, undefined))).toEqual([0, 0, 1, 1, 1, 1, 0, 0]);
  expect(Array.from(sliceMask(slice, 4, 8, Uint8Array.of(1, 1, 0, 1, 1, 1, 1, 1)))).toEqual([0, 0, 0, 1, 1, 1, 0, 0]);
  expect(() => sliceMask(slice, 3, 8, undefined)).toThrow(DataError);
});

test("alignedEnergyAxis refuses datasets with other energy bins", () => {
  const other = MapAxis.fromEdges([0.1, 1, 10, 100], { name: "energy", unit: "TeV", interp: "log" });
  expect(alignedEnergyAxis([AXIS, AXIS.toUnit("GeV")], ["a", "b"])).toBe(AXIS);
  expect(() => alignedEnergyAxis([AXIS, other], ["a", "b"])).toThrow(/dataset 'b' has other energy bins/);
});
