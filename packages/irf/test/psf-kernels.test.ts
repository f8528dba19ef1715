// PSF kernels and containment helpers, checked against closed forms and numerical
// integration (no data, no Python).
import { DataError } from "@gammats/core";
import { describe, expect, it } from "vitest";
import {
  DEG2_PER_SR,
  argminAbsDiff,
  broadcastLength,
  containmentRadGrid,
  containmentRadii,
  defaultRadAxis,
  kingContainment,
  kingValue,
  tripleGaussContainment,
  tripleGaussValue,
  tripleGaussWeights,
} from "@gammats/irf";
import { expectClose } from "./irf-helpers.js";

/** ∫_0^rmax 2πr f(r) dr by the midpoint rule on n steps. */
function radialIntegral(f: (r: Float64Array, out: Float64Array) => Float64Array, rmax: number, n: number): number {
  const r = new Float64Array(n);
  const h = rmax / n;
  for (let i = 0; i < n; i++) r[i] = (i + 0.5) * h;
  const v = f(r, new Float64Array(n));
  let sum = 0;
  for (let i = 0; i < n; i++) sum += 2 * Math.PI * r[i]! * v[i]! * h;
  return sum;
}

describe("triple-Gauss kernels", () => {
  const pars = new Float64Array([0.05, 0.1, 0.3, 2.5, 0.4, 0.02]);
  const w = new Float64Array(3);

  it("weights are 2·scale·a_i·σ_i² normalised to one", () => {
    tripleGaussWeights(pars, 0, w);
    const n = [0.05 ** 2, 0.4 * 0.1 ** 2, 0.02 * 0.3 ** 2];
    const s = n[0]! + n[1]! + n[2]!;
    expectClose(w, [n[0]! / s, n[1]! / s, n[2]! / s], 1e-14, 0, "weights");
  });

  it("ignores NaN weights in the sum and maps NaN results to 0 (NumPy nansum, nan_to_num)", () => {
    tripleGaussWeights(new Float64Array([1, 1, 1, 1, NaN, 1]), 0, w);
    expect(Array.from(w)).toEqual([0.5, 0, 0.5]);
  });

  it("value integrates to the containment, and containment tends to 1", () => {
    const value = (r: Float64Array, out: Float64Array): Float64Array => tripleGaussValue(r.length, r, 1, pars, 0, w, out);
    const cont = tripleGaussContainment(2, new Float64Array([0.2, 10]), 1, pars, 0, w, new Float64Array(2));
    expect(radialIntegral(value, 0.2, 20000)).toBeCloseTo(cont[0]!, 8);
    expect(cont[1]).toBeCloseTo(1, 14);
    expect(cont[0]).toBeGreaterThan(0.5);
    expect(cont[0]).toBeLessThan(0.99);
  });

  it("reads one parameter row per point with parsStride 1", () => {
    const two = new Float64Array([...pars, 0.1, 0.1, 0.1, 1, 0, 0]);
    const out = tripleGaussContainment(2, new Float64Array([0.1]), 0, two, 1, w, new Float64Array(2));
    // Second row is a single Gaussian of σ = 0.1 deg: C(σ) = 1 − e^(−1/2).
    expect(out[1]).toBeCloseTo(1 - Math.exp(-0.5), 15);
    expect(out[0]).not.toBeCloseTo(out[1]!, 3);
  });
});

describe("King kernels", () => {
  const pars = new Float64Array([2.3, 0.08]);

  it("value integrates to the closed-form containment", () => {
    const value = (r: Float64Array, out: Float64Array): Float64Array => kingValue(r.length, r, 1, pars, 0, out);
    const c = kingContainment(1, new Float64Array([0.15]), 0, pars, 0, new Float64Array(1))[0]!;
    expect(radialIntegral(value, 0.15, 20000)).toBeCloseTo(c, 8);
    const u = 0.15 ** 2 / (2 * 2.3 * 0.08 ** 2);
    expect(c).toBeCloseTo(1 - (1 + u) ** (1 - 2.3), 15);
  });

  it("peak value is (1 − 1/γ)/(2πσ²)", () => {
    const v = kingValue(1, new Float64Array([0]), 0, pars, 0, new Float64Array(1))[0]!;
    expect(v).toBeCloseTo((1 - 1 / 2.3) / (2 * Math.PI * 0.08 ** 2), 10);
  });
});

describe("containment-radius helpers", () => {
  it("searches Gammapy's default grid: 1320 centres from 0.00025 to 0.65975 deg", () => {
    const g = containmentRadGrid(defaultRadAxis());
    expect(g.length).toBe(1320);
    expect(g[0]).toBeCloseTo(0.00025, 15);
    expect(g[1319]).toBeCloseTo(0.65975, 14);
    expect(DEG2_PER_SR).toBeCloseTo(3282.806350011744, 9);
  });

  it("argmin takes the first of ties and stops at the first NaN, as NumPy", () => {
    expect(argminAbsDiff(4, [0.1, 0.6, 0.75, 0.9], 0, 1, 0.68)).toBe(2);
    expect(argminAbsDiff(3, [0.3, 0.5, 0.5], 0, 1, 0.68)).toBe(1);
    expect(argminAbsDiff(3, [0.68, NaN, 0.68], 0, 1, 0.68)).toBe(1);
    expect(argminAbsDiff(3, [9, 0.1, 9, 0.7, 9, 0.9], 1, 2, 0.68)).toBe(1);
    expect(argminAbsDiff(0, [], 0, 1, 0.5)).toBe(-1);
  });

  it("finds the grid radius of a known profile and reuses the curve across fractions", () => {
    let calls = 0;
    // Single Gaussian, σ = 0.1 deg: R68 = σ·sqrt(−2 ln 0.32) = 0.15096 deg.
    const curve = (_e: number, _o: number, r: Float64Array, out: Float64Array): Float64Array => {
      calls++;
      for (let i = 0; i < r.length; i++) out[i] = 1 - Math.exp((-0.5 * r[i]! ** 2) / 0.01);
      return out;
    };
    const grid = containmentRadGrid(defaultRadAxis());
    const r = containmentRadii([0.68, 0.95], [1], [0.5], grid, curve, "test");
    expect(calls).toBe(1);
    expect(Math.abs(r[0]! - 0.1 * Math.sqrt(-2 * Math.log(0.32)))).toBeLessThanOrEqual(0.00025);
    expect(Math.abs(r[1]! - 0.1 * Math.sqrt(-2 * Math.log(0.05)))).toBeLessThanOrEqual(0.00025);
  });

  it("broadcastLength names the arguments that do not fit", () => {
    expect(broadcastLength("f", { a: [1], b: [1, 2, 3], c: [4, 5, 6] })).toBe(3);
    expect(() => broadcastLength("f", { a: [1, 2], b: [1, 2, 3] })).toThrow(DataError);
    expect(() => broadcastLength("f", { a: [1, 2], b: [1, 2, 3] })).toThrow(/f: 'b' has 3 values but 'a' has 2/);
    expect(() => broadcastLength("f", { a: [] })).toThrow(/'a' is empty/);
  });
});
