import { DataError } from "@gammats/core";
import { MapAxis, ScaledGridInterpolator, scaleForward, scaleInverse } from "@gammats/maps";
import type { InterpScale } from "@gammats/maps";
import { describe, expect, it } from "vitest";
import { expectClose, gammapyReference } from "./helpers.js";

interface InterpCase {
  points: number[][];
  values: (number | null)[];
  points_scale: InterpScale[];
  values_scale: InterpScale;
  coords: (number | null)[][];
  extrapolate: (number | null)[];
  extrapolate_noclip: (number | null)[];
  nearest: (number | null)[];
  fill_nan: (number | null)[];
}

const nan = (a: (number | null)[]): Float64Array => Float64Array.from(a, (v) => v ?? NaN);

// Deterministic 2D grid with zeros; expected numbers are Gammapy's.
const E = [1, 10, 100];
const O = [0, 1];
const V = [1e4, 5e3, 1e2, 0, 1, 0.5];
const CE = [3, 10, 30, 0.5, 300, 10];
const CO = [0.5, 0.5, 0.9, 0, 1, 1.5];

describe("ScaledGridInterpolator: Gammapy facts (no Python needed)", () => {
  it("log-log interpolation, zeros and extrapolation as Gammapy", () => {
    const interp = new ScaledGridInterpolator([E, O], V, { pointsScale: ["log", "lin"], valuesScale: "log" });
    expectClose(
      interp.evaluate([CE, CO]),
      // zeros enter as log(2^-126): halfway to a zero node gives ~1e-18, not 0
      [2.763014477671854e-7, 1.0842021724855054e-18, 1.3362963439524426e-18, 39999.99999999997, 4.492066317838565e17, 0],
      1e-11,
    );
    expectClose(
      interp.evaluate([CE, CO], undefined, { method: "nearest" }),
      [9999.99999999999, 99.99999999999994, 0, 9999.99999999999, 0.5, 0],
      1e-13,
    );
  });

  it("lin values: clip at zero by default, negative extrapolation without clip", () => {
    const interp = new ScaledGridInterpolator([E, O], V, { pointsScale: ["log", "lin"] });
    const expected = [3945.4466523385154, 50, 5.491204142899187, 12980.196957073415, 0.7385606273598313, 0];
    expectClose(interp.evaluate([CE, CO]), expected, 1e-12);
    expectClose(interp.evaluate([CE, CO], undefined, { clip: false }), [...expected.slice(0, 5), -50], 1e-12);
  });

  it("sqrt point and value scales", () => {
    const interp = new ScaledGridInterpolator([E, O], V, { pointsScale: ["lin", "sqrt"], valuesScale: "sqrt" });
    expectClose(
      interp.evaluate([CE, CO]),
      [3883.8255746637974, 8.578643762690493, 0.3131575479592797, 11025, 5.19135802469136, 5.051025721682185],
      1e-12,
    );
  });

  it("fill value outside the grid is an output value", () => {
    const zero = new ScaledGridInterpolator([E, O], V, { pointsScale: ["log", "lin"], valuesScale: "log", fillValue: 0 });
    // Gammapy gives exp(0) = 1 for the three points outside; gammats gives the fill value.
    expectClose(zero.evaluate([CE, CO]).subarray(3), [0, 0, 0]);
    const nanFill = new ScaledGridInterpolator([E, O], V, { pointsScale: ["log", "lin"], valuesScale: "log", fillValue: NaN });
    expectClose(nanFill.evaluate([CE, CO]), [2.763014477671854e-7, 1.0842021724855054e-18, 1.3362963439524426e-18, null, null, null], 1e-11);
    // grid boundary itself is inside
    expectClose(nanFill.evaluate([[1, 100], [0, 1]]), [1e4, 0.5], 1e-13);
  });

  it("single-node dimensions are ignored; all-single needs nearest", () => {
    const interp = new ScaledGridInterpolator([E, [0.5]], [5, 2, 0.5], { pointsScale: ["log", "lin"], valuesScale: "log" });
    expectClose(interp.evaluate([[2, 50, 500], [7, 0.5, -1]]), [3.794705923727162, 0.7589411847454325, 0.1897352961863581], 1e-13);
    expect(() => new ScaledGridInterpolator([[1], [2]], [3])).toThrow(/nearest/);
    const scalar = new ScaledGridInterpolator([[1], [2]], [3], { method: "nearest" });
    expectClose(scalar.evaluate([[10], [20]]), [3]);
  });

  it("a power law is exact in log-log, in and beyond the grid", () => {
    const e = MapAxis.fromNodes([0.1, 1, 10, 100], { interp: "log", unit: "TeV", name: "energy_true" });
    const values = Float64Array.from(e.centers, (x) => 3e-11 * x ** -2.7);
    const interp = ScaledGridInterpolator.fromAxes([e], values, { valuesScale: "log" });
    const at = new Float64Array([0.05, 0.3, 7, 500]);
    expectClose(interp.evaluate([at]), Array.from(at, (x) => 3e-11 * x ** -2.7), 1e-12);
  });

  it("broadcasts length-1 coordinates and writes into a given output", () => {
    const interp = new ScaledGridInterpolator([E, O], V, { pointsScale: ["log", "lin"], valuesScale: "log" });
    const out = new Float64Array(4).fill(-7);
    const res = interp.evaluate([[3, 10, 30], [0.5]], out);
    expect(res).toBe(out);
    expectClose(out.subarray(0, 3), interp.evaluate([[3, 10, 30], [0.5, 0.5, 0.5]]));
    expect(out[3]).toBe(-7);
  });

  it("NaN coordinates give NaN; NaN values propagate to neighbouring cells", () => {
    // Gammapy: every corner of the cell counts, even with weight 0 (0 * NaN = NaN)
    const interp = new ScaledGridInterpolator([[0, 1, 2, 3]], [1, NaN, 3, 4]);
    expectClose(interp.evaluate([[NaN, 0, 0.5, 1.5, 2, 2.5, 3]]), [null, null, null, null, 3, 3.5, 4]);
  });

  it("rejects bad grids and calls with DataError", () => {
    expect(() => new ScaledGridInterpolator([[1, 2]], [1, 2, 3])).toThrow(DataError);
    expect(() => new ScaledGridInterpolator([[2, 1]], [1, 2])).toThrow(/strictly increasing/);
    expect(() => new ScaledGridInterpolator([[0, 0.5]], [1, 2], { pointsScale: ["log"] })).not.toThrow();
    expect(() => new ScaledGridInterpolator([[-1, 0]], [1, 2], { pointsScale: ["log"] })).toThrow(/log/);
    expect(() => new ScaledGridInterpolator([[1, 2]], [1, 2], { valuesScale: "exp" as never })).toThrow(/scale/);
    const ok = new ScaledGridInterpolator([E, O], V);
    expect(() => ok.evaluate([CE])).toThrow(/2 dimensions/);
    expect(() => ok.evaluate([CE, [1, 2]])).toThrow(/same length/);
    expect(() => ok.evaluate([CE, CO], new Float64Array(2))).toThrow(/output/);
    expect(() => ok.evaluate([CE, CO], undefined, { method: "cubic" as never })).toThrow(/method/);
  });

  it("log scale helpers keep zeros", () => {
    expect(scaleForward(0, "log")).toBeCloseTo(-87.33654475055311, 12);
    expect(scaleInverse(scaleForward(0, "log"), "log")).toBe(0);
    expect(scaleInverse(scaleForward(-3, "sqrt"), "sqrt")).toBeCloseTo(3, 14);
  });
});

describe("ScaledGridInterpolator vs live Gammapy", () => {
  const ref = gammapyReference<{ interp: Record<string, InterpCase> }>();
  for (const key of ["2d_log", "2d_lin", "3d_log", "single_node_dim"]) {
    it.skipIf(ref === undefined)(`${key}: extrapolation, nearest, NaN fill`, () => {
      const c = ref!.interp[key]!;
      const coords = c.coords.map(nan);
      const base = { pointsScale: c.points_scale, valuesScale: c.values_scale };
      const ext = new ScaledGridInterpolator(c.points, nan(c.values), base);
      // log-space extrapolation far outside amplifies rounding: relative 1e-10
      expectClose(ext.evaluate(coords), c.extrapolate, 1e-10, 0, `${key} extrapolate`);
      expectClose(ext.evaluate(coords, undefined, { clip: false }), c.extrapolate_noclip, 1e-10, 0, `${key} noclip`);
      expectClose(ext.evaluate(coords, undefined, { method: "nearest" }), c.nearest, 1e-13, 0, `${key} nearest`);
      const fill = new ScaledGridInterpolator(c.points, nan(c.values), { ...base, fillValue: NaN });
      expectClose(fill.evaluate(coords), c.fill_nan, 1e-10, 0, `${key} fill NaN`);
    });
  }
});
