/**
 * HESSE-like covariance: a Gaussian −2 ln L gives back its covariance matrix; bounds,
 * up, non-positive-definite Hessians and NaN.
 */
import { describe, expect, test } from "vitest";
import { hesse, mnPosDef } from "@gammats/fit";
import { expectClose } from "./helpers.js";
import { COVARIANCE_3D, MEAN_3D, gaussianStat, invert3 } from "./test-functions.js";

describe("hesse", () => {
  const f = gaussianStat(MEAN_3D, invert3(COVARIANCE_3D));

  test("Gaussian −2 ln L: cov = 2·H⁻¹ = C (up = 1)", () => {
    const h = hesse(f, MEAN_3D);
    expect(h.success).toBe(true);
    expect(h.status).toBe("ok");
    expect(h.madePositiveDefinite).toBe(false);
    expectClose(h.covariance, COVARIANCE_3D, 1e-6, 1e-9, "cov");
    expectClose(h.errors, [1, 2, 0.5], 1e-6, 0, "errors");
    // Hessian of (x−μ)ᵀC⁻¹(x−μ) is 2·C⁻¹
    expectClose(h.hessian, invert3(COVARIANCE_3D).map((v) => 2 * v), 1e-6, 1e-9, "hessian");
  });

  test("−ln L with up = 0.5 gives the same covariance", () => {
    const h = hesse((x) => 0.5 * f(x), MEAN_3D, { up: 0.5 });
    expectClose(h.covariance, COVARIANCE_3D, 1e-6, 1e-9, "cov");
  });

  test("strategy 0 and 2 agree on a quadratic", () => {
    for (const strategy of [0, 2] as const) expectClose(hesse(f, MEAN_3D, { strategy }).covariance, COVARIANCE_3D, 1e-5, 1e-9, `s${strategy}`);
  });

  test("interior bounds: the Jacobian carries the covariance back unchanged", () => {
    // Minuit differentiates in internal coordinates, where the finite steps also see the
    // transform's curvature: a few 1e-4 off for the sqrt-bounded x[1] (iminuit alike).
    const h = hesse(f, MEAN_3D, { lower: [-5, NaN, 0], upper: [5, 0, NaN] });
    expectClose(h.covariance, COVARIANCE_3D, 1e-3, 1e-7, "cov");
  });

  test("parameter scale does not matter: x[1] in units 1e-12", () => {
    const g = (x: Float64Array) => f(Float64Array.of(x[0]!, x[1]! * 1e12, x[2]!));
    const h = hesse(g, [MEAN_3D[0]!, MEAN_3D[1]! * 1e-12, MEAN_3D[2]!], { step: [1, 1e-12, 1] });
    expect(h.errors[1]! / 1e-12).toBeCloseTo(2, 5);
  });

  test("saddle point: made positive definite, reported", () => {
    const saddle = (x: Float64Array) => x[0]! ** 2 - 0.1 * x[1]! ** 2;
    const h = hesse(saddle, [0, 0]);
    expect(h.success).toBe(true);
    expect(h.status).toBe("made-positive-definite");
    expect(h.madePositiveDefinite).toBe(true);
    expect(h.message).toContain("not positive definite");
    expect(h.message).toContain("parameter 1");
    // Minuit's fix adds 0.5 + 1e-6 + 0.2 to both diagonal elements: σ₀ = sqrt(2 / 2.700001)
    expect(h.errors[0]).toBeCloseTo(Math.sqrt(2 / 2.700001), 9);
  });

  test("NaN at the minimum: failed with NaN matrix", () => {
    const h = hesse(() => NaN, [0, 0]);
    expect(h.success).toBe(false);
    expect(h.status).toBe("failed");
    expect(Number.isNaN(h.covariance[0])).toBe(true);
  });
});

describe("mnPosDef", () => {
  test("shifts the diagonal until the correlation form's smallest eigenvalue is 1e-3 of the largest", () => {
    const fix = mnPosDef(Float64Array.of(1, 2, 2, 1), 2);
    expect(fix.madePosDef).toBe(true);
    // correlation form eigenvalues 3 and −1: padd = 0.001·3 + 1
    expectClose(fix.matrix, [2.003, 2, 2, 2.003], 1e-12, 0, "m");
    const ok = mnPosDef(Float64Array.of(2, 1, 1, 2), 2);
    expect([ok.madePosDef, ok.shifted]).toEqual([false, false]);
    expectClose(ok.matrix, [2, 1, 1, 2], 0, 0, "unchanged");
  });

  test("a negative diagonal gets the common shift 0.5 + 1e-6 − min, and says so", () => {
    const fix = mnPosDef(Float64Array.of(2, 0, 0, -0.2), 2);
    expect(fix.shifted).toBe(true);
    expectClose(fix.matrix, [2.700001, 0, 0, 0.500001], 1e-12, 0, "m");
  });
});
