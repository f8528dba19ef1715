/**
 * The shared IRF base on small synthetic IRFs: construction and unit conversion,
 * Gammapy's fill and extrapolation rules, nearest-neighbour, grids, cumulative sums,
 * normalisation, and the axis-order kernel used by the GADF reader and writer.
 */
import { DataError, UnitError } from "@gammats/core";
import { MapAxis } from "@gammats/maps";
import { describe, expect, test } from "vitest";
import { Background2D, EffectiveAreaTable2D, EnergyDispersion2D, gridCoordinates, reverseAxes } from "../src/index.js";
import { expectClose } from "./irf-helpers.js";

const energy = MapAxis.fromEdges([0.1, 1, 10, 100], { name: "energy_true", unit: "TeV", interp: "log" });
const offset = MapAxis.fromEdges([0, 1, 2], { name: "offset", unit: "deg" });

// A(E, θ) = 1e4 m2 · (E / TeV) at θ bin 0 and half of it at θ bin 1: linear in log E.
function aeff(): EffectiveAreaTable2D {
  const c = energy.centers;
  const data = new Float64Array(6);
  for (let i = 0; i < 3; i++) {
    data[2 * i] = 1e4 * c[i]!;
    data[2 * i + 1] = 0.5e4 * c[i]!;
  }
  return new EffectiveAreaTable2D({ axes: [energy, offset], data, unit: "m2", meta: { LO_THRES: 0.3 } });
}

describe("construction", () => {
  test("data are converted to the internal unit (m2 → cm2) and axes to TeV/deg", () => {
    const a = aeff();
    expect(a.unit).toBe("cm2");
    expectClose(a.data.subarray(0, 2), [1e8 * energy.centers[0]!, 0.5e8 * energy.centers[0]!], 1e-15, 0, "data");
    const gev = new EffectiveAreaTable2D({ axes: [energy.toUnit("GeV"), offset.toUnit("arcmin")], data: 1, unit: "cm2" });
    expect(gev.axis("energy_true").unit).toBe("TeV");
    expectClose(gev.axis("energy_true").edges, [0.1, 1, 10, 100], 1e-15, 0, "TeV edges");
    expectClose(gev.axis("offset").edges, [0, 1, 2], 1e-15, 0, "deg edges");
    expect(a.meta.LO_THRES).toBe(0.3);
    expect(a.loThreshold).toBe(0.3);
    expect(a.hiThreshold).toBeUndefined();
    expect(a.toString()).toContain("axes  : ['energy_true', 'offset']");
  });

  test("typed errors for wrong axes, sizes and units", () => {
    expect(() => new EffectiveAreaTable2D({ axes: [offset, energy], data: 1 })).toThrow(DataError);
    expect(() => new EffectiveAreaTable2D({ axes: [energy, offset], data: [1, 2, 3] })).toThrow(/3 data values for axes of shape \(3, 2\)/);
    expect(() => new EffectiveAreaTable2D({ axes: [energy, offset], data: 1, unit: "s" })).toThrow(UnitError);
    expect(() => new EffectiveAreaTable2D({ axes: [energy, offset], data: 1, unit: "furlong2" })).toThrow(UnitError);
    expect(() => aeff().axis("migra")).toThrow(/no axis 'migra'/);
  });
});

describe("evaluation (Gammapy's IRF.evaluate rules)", () => {
  test("linear in log E inside; edges inclusive; 0 outside any axis; NaN coordinates give 0", () => {
    const a = aeff();
    // Power law of index -1 in E is linear in log E only in value space; check a node and midpoints.
    const c = energy.centers;
    const v = a.evaluate([c[1]!, Math.sqrt(c[0]! * c[1]!), 1, 1, 0.0999, 100.01, NaN, 1, 1], [0.5, 0.5, 0, 2, 0.5, 0.5, 0.5, NaN, 2.01]);
    expect(v[0]! / (1e8 * c[1]!)).toBeCloseTo(1, 14);
    // Halfway in log E between two nodes: the mean of the two node values.
    expect(v[1]! / (0.5 * 1e8 * (c[0]! + c[1]!))).toBeCloseTo(1, 12);
    // On the outer offset edges: extrapolated from the edge cells (1.25 and 0.25 of the
    // θ-bin-0 value), not filled.
    const at1 = a.evaluate([1], [0.5])[0]!;
    expect(v[2]! / (1.25 * at1)).toBeCloseTo(1, 12);
    expect(v[3]! / (0.25 * at1)).toBeCloseTo(1, 12);
    expect([v[4], v[5], v[6], v[7], v[8]]).toEqual([0, 0, 0, 0, 0]);
  });

  test("extrapolation between the outermost centre and edge, clipped at 0", () => {
    // Falling linearly with offset: 2 at θ = 0.5, 1 at θ = 1.5 -> 2.5 at θ = 0 and 0.5 at θ = 2.
    const a = new EffectiveAreaTable2D({ axes: [energy, offset], data: [2, 1, 2, 1, 2, 1], unit: "cm2" });
    expectClose(a.evaluate([1], [0, 2, 1.0]), [2.5, 0.5, 1.5], 1e-14, 0, "extrapolated");
    const steep = new EffectiveAreaTable2D({ axes: [energy, offset], data: [1, 3, 1, 3, 1, 3], unit: "cm2" });
    // 1 at 0.5, 3 at 1.5 -> 0 at θ = 0 (clipped from 0); and nearest-neighbour picks the bin.
    expectClose(steep.evaluate([1], [0, 0.25]), [0, 0.5], 1e-14, 0, "clip");
    expectClose(steep.evaluate([1, 1], [0.9, 1.1], undefined, { method: "nearest" }), [1, 3], 0, 0, "nearest");
  });

  test("energy dispersion: filled only when offset, or both energy and migra, are outside", () => {
    const migra = MapAxis.fromEdges([0.5, 1, 1.5], { name: "migra" });
    const edisp = new EnergyDispersion2D({ axes: [energy, migra, offset], data: 1 });
    // inside | E outside | migra outside | both outside | offset outside
    const v = edisp.evaluate([1, 300, 1, 300, 1], [1, 1, 3, 3, 1], [0.5, 0.5, 0.5, 0.5, 3]);
    expect([...v]).toEqual([1, 1, 1, 0, 0]);
  });

  test("evaluateGrid is the outer product in C order; gridCoordinates spells it out", () => {
    const a = aeff();
    const g = a.evaluateGrid([[0.5, 2, 20], [0.5, 1.5]]);
    const p = a.evaluate([0.5, 0.5, 2, 2, 20, 20], [0.5, 1.5, 0.5, 1.5, 0.5, 1.5]);
    expect([...g]).toEqual([...p]);
    expect(gridCoordinates([[1, 2], [5, 6, 7]]).map((x) => [...x])).toEqual([
      [1, 1, 1, 2, 2, 2],
      [5, 6, 7, 5, 6, 7],
    ]);
  });

  test("log value scale interpolates in the data's own unit, as Gammapy (zeros clip at 2^-126 there)", () => {
    const e = MapAxis.fromEdges([1, 10, 100], { name: "energy", unit: "TeV", interp: "log" });
    const o = MapAxis.fromEdges([0, 1, 2], { name: "offset", unit: "deg" });
    // Next to an empty bin, log-interpolation depends on the unit: half way in offset
    // between 1e-6 s-1 MeV-1 sr-1 and 0 gives sqrt(1e-6 · 2^-126) in MeV-1.
    const b = new Background2D({ axes: [e, o], data: [1e-6, 0, 1e-6, 0], unit: "s-1 MeV-1 sr-1" });
    const v = b.evaluate([e.centers[0]!], [1]);
    const expected = Math.sqrt(1e-6 * 1.1754943508222875e-38) * 1e6;
    expect(v[0]! / expected).toBeCloseTo(1, 12);
    // The same numbers given per TeV interpolate differently (Gammapy would too).
    const t = new Background2D({ axes: [e, o], data: [1, 0, 1, 0], unit: "s-1 TeV-1 sr-1" });
    expect(t.evaluate([e.centers[0]!], [1])[0]! / Math.sqrt(1.1754943508222875e-38)).toBeCloseTo(1, 12);
    // copy() keeps the source unit.
    expect(b.copy().evaluate([e.centers[0]!], [1])[0]).toBe(v[0]);
  });
});

describe("cumulative sums and normalisation", () => {
  test("cumsum multiplies by bin widths and puts nodes on the upper edges; integral interpolates it", () => {
    const migra = MapAxis.fromEdges([0, 0.5, 1, 2], { name: "migra" });
    const o = MapAxis.fromEdges([0, 1], { name: "offset", unit: "deg" });
    const e = MapAxis.fromEdges([1, 10], { name: "energy_true", unit: "TeV", interp: "log" });
    const edisp = new EnergyDispersion2D({ axes: [e, migra, o], data: [0.2, 0.8, 0.3] });
    const cs = edisp.cumsum("migra");
    expectClose(cs.data, [0.1, 0.5, 0.8], 1e-15, 0, "cumsum");
    expectClose(cs.axes[1]!.centers, [0.5, 1, 2], 0, 0, "shifted nodes");
    expect(cs.unit).toBe("");
    // Linear between the upper edges: at μ = 1.5 half way between 0.5 and 0.8.
    expectClose(edisp.integral("migra", [[3], [0.75, 1.5], [0.5]]), [0.3, 0.65], 1e-14, 0, "integral");
    const n = edisp.normalize();
    expectClose(n.data, [0.25, 1, 0.375], 1e-15, 0, "normalised");
    expect(n.cumsum("migra").data[2]).toBeCloseTo(1, 15);
  });

  test("normalising an all-zero row gives zeros (NaN → 0)", () => {
    const migra = MapAxis.fromEdges([0, 1, 2], { name: "migra" });
    const o = MapAxis.fromEdges([0, 1], { name: "offset", unit: "deg" });
    const e = MapAxis.fromEdges([1, 10, 100], { name: "energy_true", unit: "TeV", interp: "log" });
    const n = new EnergyDispersion2D({ axes: [e, migra, o], data: [0, 0, 1, 3] }).normalize();
    expectClose(n.data, [0, 0, 0.25, 0.75], 1e-15, 0, "normalised");
  });
});

describe("axis order kernel", () => {
  test("reverseAxes transposes 2D and reverses 3D axis order", () => {
    expect([...reverseAxes([1, 2, 3, 4, 5, 6], [2, 3], new Float64Array(6))]).toEqual([1, 4, 2, 5, 3, 6]);
    // x[i][j][k] = 100 i + 10 j + k, shape (2, 3, 4) -> out[k][j][i].
    const x = new Float64Array(24);
    for (let i = 0; i < 2; i++) for (let j = 0; j < 3; j++) for (let k = 0; k < 4; k++) x[(i * 3 + j) * 4 + k] = 100 * i + 10 * j + k;
    const out = reverseAxes(x, [2, 3, 4], new Float64Array(24));
    for (let k = 0; k < 4; k++) for (let j = 0; j < 3; j++) for (let i = 0; i < 2; i++) expect(out[(k * 3 + j) * 2 + i]).toBe(100 * i + 10 * j + k);
    // Reversing twice is the identity.
    expect([...reverseAxes(out, [4, 3, 2], new Float64Array(24))]).toEqual([...x]);
    // 4D goes through the general path: x[a][b][c][d] = 1000 a + 100 b + 10 c + d.
    const y = new Float64Array(2 * 3 * 2 * 2);
    for (let a = 0; a < 2; a++) for (let b = 0; b < 3; b++) for (let c = 0; c < 2; c++) for (let d = 0; d < 2; d++) y[((a * 3 + b) * 2 + c) * 2 + d] = 1000 * a + 100 * b + 10 * c + d;
    const r = reverseAxes(y, [2, 3, 2, 2], new Float64Array(24));
    for (let a = 0; a < 2; a++) for (let b = 0; b < 3; b++) for (let c = 0; c < 2; c++) for (let d = 0; d < 2; d++) expect(r[((d * 2 + c) * 3 + b) * 2 + a]).toBe(1000 * a + 100 * b + 10 * c + d);
  });
});

describe("grid and grid-point evaluation fill rules", () => {
  test("equal the pointwise evaluation with outside, NaN and edge coordinates", async () => {
    const { Background3D } = await import("../src/index.js");
    const energy = MapAxis.fromEnergyBounds(0.1, 100, 5, { unit: "TeV" });
    const lon = MapAxis.fromBounds(-2, 2, 4, { name: "fov_lon", unit: "deg" });
    const lat = MapAxis.fromBounds(-2, 2, 4, { name: "fov_lat", unit: "deg" });
    const data = Float64Array.from({ length: 5 * 4 * 4 }, (_, i) => (i % 9 === 4 ? 0 : 1e-4 * (1 + (i % 7))));
    const bkg = new Background3D({ axes: [energy, lon, lat], data, unit: "s-1 MeV-1 sr-1" });
    const e = [0.05, 0.1, 1, NaN, 100, 150];
    const x = [-2.5, -2, -0.3, NaN, 2, 1.1, 3];
    const y = [1, 2.01, -2, 0.2, NaN, -1.7, 0];
    const points = bkg.evaluateGridPoints([e], [x, y]);
    const grid = bkg.evaluateGrid([e, x, y]);
    for (let i = 0; i < e.length; i++) {
      for (let j = 0; j < x.length; j++) {
        const want = bkg.evaluateCoords([[e[i]!], [x[j]!], [y[j]!]])[0]!;
        expect(Object.is(points[i * x.length + j], want)).toBe(true);
        for (let k = 0; k < y.length; k++) {
          const w = bkg.evaluateCoords([[e[i]!], [x[j]!], [y[k]!]])[0]!;
          expect(Object.is(grid[(i * x.length + j) * y.length + k], w)).toBe(true);
        }
      }
    }
  });
});
