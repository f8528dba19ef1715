/**
 * The variable-metric minimiser: known minima, convergence on the EDM, bounds, NaN
 * objectives, call limit and bad input.
 */
import { describe, expect, test } from "vitest";
import { FitInputError, minimize, minimizeVariableMetric } from "@gammats/fit";
import { expectClose } from "./helpers.js";
import { COVARIANCE_3D, MEAN_3D, gaussianStat, invert3, rosenbrock } from "./test-functions.js";

describe("minimizeVariableMetric", () => {
  test.each([0, 1, 2] as const)("Rosenbrock from (-1.2, 1) reaches (1, 1), strategy %i", (strategy) => {
    const r = minimizeVariableMetric(rosenbrock, [-1.2, 1], { strategy, tol: 1e-6 });
    expect(r.success).toBe(true);
    expect(r.status).toBe("converged");
    expectClose(r.x, [1, 1], 0, 1e-4, "x");
    expect(r.fval).toBeLessThan(1e-8);
    expect(r.edm).toBeLessThan(r.edmMax);
    expect(r.edmMax).toBeCloseTo(0.002 * 1e-6, 15);
  });

  test("default tol stops within the EDM: Rosenbrock minimum to 0.05 (its 1σ errors are ~1)", () => {
    const r = minimizeVariableMetric(rosenbrock, [-1.2, 1]);
    expect(r.success).toBe(true);
    expect(r.edm).toBeLessThan(2e-4);
    expectClose(r.x, [1, 1], 0, 0.05, "x");
    expect(r.message).toBe("Optimization terminated successfully.");
  });

  test("correlated 3-d quadratic: minimum and parabolic errors", () => {
    const f = gaussianStat(MEAN_3D, invert3(COVARIANCE_3D));
    const r = minimizeVariableMetric(f, [0, 0, 0], { tol: 1e-4 });
    expect(r.success).toBe(true);
    expectClose(r.x, MEAN_3D, 0, 1e-3, "x");
    // errors from the final metric: close to sqrt(diag C) = (1, 2, 0.5)
    expectClose(r.errors, [1, 2, 0.5], 0.05, 0, "errors");
  });

  test("up scales the errors: −ln L with up = 0.5 gives the same errors as −2 ln L with up = 1", () => {
    const f = gaussianStat(MEAN_3D, invert3(COVARIANCE_3D));
    const half = (x: Float64Array) => 0.5 * f(x);
    const a = minimizeVariableMetric(f, [0, 0, 0], { strategy: 2 });
    const b = minimizeVariableMetric(half, [0, 0, 0], { strategy: 2, up: 0.5 });
    expectClose(a.errors, [1, 2, 0.5], 1e-3, 0, "up=1");
    expectClose(b.errors, [1, 2, 0.5], 1e-3, 0, "up=0.5");
  });

  test("minimum beyond a two-sided bound: stops on the bound and says so", () => {
    const f = (x: Float64Array) => (x[0]! - 3) ** 2 + (x[1]! - 1) ** 2;
    const r = minimize(f, [0.5, 0], { lower: [0, NaN], upper: [2, NaN] });
    expect(r.success).toBe(true);
    expect(r.x[0]).toBeCloseTo(2, 5);
    expect(r.x[1]).toBeCloseTo(1, 1);
    expect(r.atBound).toEqual([true, false]);
    expect(r.message).toContain("x[0] at or near a bound");
  });

  test("start exactly on the bound on the wrong side still walks to the far bound", () => {
    const f = (x: Float64Array) => (x[0]! - 3) ** 2 + (x[1]! - 1) ** 2;
    const r = minimize(f, [0, 0], { lower: [0, NaN], upper: [2, NaN] });
    expect(r.x[0]).toBeCloseTo(2, 5);
    expect(r.atBound[0]).toBe(true);
  });

  test("one-sided bounds: lower bound active, upper bound inactive", () => {
    const f = (x: Float64Array) => (x[0]! + 3) ** 2 + (x[1]! - 1) ** 2;
    const lo = minimize(f, [1, 0], { lower: [0, NaN] });
    expect(lo.x[0]).toBeLessThan(1e-4);
    expect(lo.x[0]).toBeGreaterThanOrEqual(0);
    expect(lo.atBound).toEqual([true, false]);
    const up = minimize(f, [1, 0], { upper: [NaN, 5] });
    // default tol: EDM < 2e-4 means within ~0.02σ (σ = 1 here)
    expect(Math.abs(up.x[0]! + 3)).toBeLessThan(0.03);
    expect(Math.abs(up.x[1]! - 1)).toBeLessThan(0.03);
    expect(up.atBound).toEqual([false, false]);
  });

  test("bounds that do not bind leave the minimum and errors unchanged", () => {
    const f = gaussianStat(MEAN_3D, invert3(COVARIANCE_3D));
    const r = minimize(f, [0, 0, 0], { lower: [-10, -20, 0], upper: [10, NaN, 1], tol: 1e-4, strategy: 2 });
    expect(r.success).toBe(true);
    expectClose(r.x, MEAN_3D, 0, 1e-3, "x");
    expectClose(r.errors, [1, 2, 0.5], 1e-2, 0, "errors");
    expect(r.atBound).toEqual([false, false, false]);
  });

  test("NaN objective everywhere: failure at once", () => {
    const r = minimize(() => NaN, [1, 2]);
    expect(r.success).toBe(false);
    expect(r.status).toBe("nan-objective");
    expect(r.nfev).toBe(1);
    expect(r.message).toMatch(/^Optimization failed\. The objective is NaN at the start point/);
  });

  test("NaN beyond x = 2 with the minimum at 3: fails without leaving the finite region, never hangs", () => {
    // iminuit 2.11 on the same function: stays at (0, 1), f = 10, invalid minimum
    // ("ABOVE EDM threshold"), 113 calls.
    const f = (x: Float64Array) => (x[0]! < 2 ? (x[0]! - 3) ** 2 + x[1]! ** 2 : NaN);
    const r = minimize(f, [0, 1], { maxfev: 500 });
    expect(r.nfev).toBeLessThan(600);
    expect(r.x[0]).toBeLessThan(2);
    expect(Number.isFinite(r.fval)).toBe(true);
    expect(r.fval).toBeLessThanOrEqual(10);
    expect(r.success).toBe(false);
    expect(["nan-objective", "line-search-failed", "call-limit"]).toContain(r.status);
  });

  test("call limit: reported, best point so far returned", () => {
    const r = minimize(rosenbrock, [-1.2, 1], { maxfev: 30 });
    expect(r.success).toBe(false);
    expect(r.status).toBe("call-limit");
    expect(r.message).toContain("Call limit was reached.");
    expect(r.fval).toBeLessThan(rosenbrock(Float64Array.of(-1.2, 1)));
  });

  test("bad input throws FitInputError", () => {
    const f = (x: Float64Array) => x[0]! ** 2;
    expect(() => minimize(f, [])).toThrow(FitInputError);
    expect(() => minimize(f, [NaN])).toThrow(/start value x\[0\] is NaN/);
    expect(() => minimize(f, [1], { lower: [2], upper: [1] })).toThrow(/lower 2 > upper 1/);
    expect(() => minimize(f, [1], { lower: [0, 0] })).toThrow(/lower has 2 entries, expected 1/);
    expect(() => minimize(f, [1], { strategy: 3 as 0 })).toThrow(/strategy must be 0, 1 or 2/);
    expect(() => minimize(f, [1], { tol: 0 })).toThrow(FitInputError);
  });
});
