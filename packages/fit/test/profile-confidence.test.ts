/**
 * Likelihood profiles, confidence intervals and upper limits on plain objectives, against
 * analytic answers (Gaussian and single-bin Poisson likelihoods).
 */
import { describe, expect, test } from "vitest";
import { confidenceInterval, likelihoodProfile, likelihoodSurface, upperLimit } from "@gammats/fit";
import { expectClose } from "./helpers.js";
import { COVARIANCE_3D, MEAN_3D, gaussianStat, invert3 } from "./test-functions.js";

const inverse = invert3(COVARIANCE_3D);
const f = gaussianStat(MEAN_3D, inverse);
const sigmas = [1, 2, 0.5];

describe("likelihoodProfile", () => {
  test("re-optimised profile of a Gaussian: Δ = ((v − μ)/σ)² with σ² = C_kk", () => {
    const values = [-0.5, 0.5, 1.5, 2.5, 3.5];
    const r = likelihoodProfile(f, MEAN_3D, 0, values, { tol: 1e-3 });
    expect(r.success.every(Boolean)).toBe(true);
    expectClose(r.stat, values.map((v) => (v - 1.5) ** 2), 0, 1e-4, "profile");
    // the other parameters move along the regression line μ_j + C_j0/C_00 (v − μ_0)
    expect(r.x[4]![1]).toBeCloseTo(-2 + 1.2 * 2, 2);
  });

  test("slice (reoptimize false): Δ = (v − μ)² · (C⁻¹)_kk", () => {
    const values = [0.3 - 1, 0.3, 0.3 + 1];
    const r = likelihoodProfile(f, MEAN_3D, 2, values, { reoptimize: false });
    expectClose(r.stat, [inverse[8]!, 0, inverse[8]!], 1e-12, 1e-12, "slice");
  });

  test("surface: row-major, second parameter fastest, profiled over the third", () => {
    const r = likelihoodSurface(f, MEAN_3D, 0, 1, [1.5, 2.5], [-2, 0], { tol: 1e-3 });
    expect(r.stat.length).toBe(4);
    // 2-d marginal of the Gaussian: Δ = dᵀ (C_sub)⁻¹ d
    const sub = [1, 1.2, 1.2, 4];
    const det = sub[0]! * sub[3]! - sub[1]! * sub[2]!;
    const q = (a: number, b: number) => (a * a * sub[3]! - 2 * a * b * sub[1]! + b * b * sub[0]!) / det;
    expectClose(r.stat, [q(0, 0), q(0, 2), q(1, 0), q(1, 2)], 0, 1e-4, "surface");
  });
});

describe("confidenceInterval", () => {
  test.each([1, 2])("Gaussian: errn = errp = sigma·sqrt(C_kk), sigma = %i", (sigma) => {
    for (let k = 0; k < 3; k++) {
      const ci = confidenceInterval(f, MEAN_3D, k, { sigma });
      expect(ci.success).toBe(true);
      expect(ci.message).toBe("Minos terminated successfully.");
      expect(ci.errn).toBeCloseTo(sigma * sigmas[k]!, 3);
      expect(ci.errp).toBeCloseTo(sigma * sigmas[k]!, 3);
      expect(ci.lower).toBeCloseTo(MEAN_3D[k]! - sigma * sigmas[k]!, 3);
    }
  });

  test("without re-optimisation: the conditional error 1/sqrt((C⁻¹)_kk)", () => {
    const ci = confidenceInterval(f, MEAN_3D, 1, { reoptimize: false });
    const conditional = 1 / Math.sqrt(inverse[4]!);
    expect(ci.errp).toBeCloseTo(conditional, 4);
    expect(ci.errn).toBeCloseTo(conditional, 4);
  });

  test("single-bin Poisson (cash): asymmetric, and Δcash = 1 exactly at both ends", () => {
    const n = 5;
    const cash = (x: Float64Array) => 2 * (x[0]! - n * Math.log(x[0]!));
    const delta = (mu: number) => cash(Float64Array.of(mu)) - cash(Float64Array.of(n));
    const ci = confidenceInterval(cash, [n], 0, { lower: [0], upper: [NaN] });
    expect(ci.success).toBe(true);
    expect(delta(ci.lower)).toBeCloseTo(1, 3);
    expect(delta(ci.upper)).toBeCloseTo(1, 3);
    expect(ci.errp).toBeGreaterThan(ci.errn);
    // roots of 2(μ − n − n ln(μ/n)) = 1 for n = 5 (scipy brentq): 3.08408, 7.58111
    expect(ci.lower).toBeCloseTo(3.08408, 3);
    expect(ci.upper).toBeCloseTo(7.58111, 3);
  });

  test("bound before the crossing: reported, distance to the bound returned", () => {
    const ci = confidenceInterval(f, MEAN_3D, 2, { lower: [NaN, NaN, 0], upper: [NaN, NaN, NaN] });
    expect(ci.lowerAtBound).toBe(true);
    expect(ci.successLower).toBe(false);
    expect(ci.success).toBe(false);
    expect(ci.errn).toBeCloseTo(0.3, 12);
    expect(ci.errp).toBeCloseTo(0.5, 3);
    expect(ci.message).toContain("lower bound 0");
  });

  test("started off the minimum: says a lower minimum exists", () => {
    const ci = confidenceInterval(f, [1.5, -2, 0.3 + 0.5], 0);
    expect(ci.success).toBe(false);
    expect(ci.message).toContain("lower minimum");
  });
});

describe("upperLimit", () => {
  test("Gaussian: best + nSigma·σ", () => {
    const g = (x: Float64Array) => ((x[0]! - 1) / 0.5) ** 2;
    expect(upperLimit(g, [1], 0).value).toBeCloseTo(2, 3);
    expect(upperLimit(g, [1], 0, { nSigma: 3 }).value).toBeCloseTo(2.5, 3);
  });

  test("Poisson with zero counts and a background: Δcash = 4 at the limit", () => {
    // n = 0 on top of background b = 1: cash(s) = 2(s + b) (the log term vanishes), best s = 0 (the bound)
    const cash = (x: Float64Array) => 2 * (x[0]! + 1);
    const ul = upperLimit(cash, [0], 0, { lower: [0], upper: [NaN], error: 1 });
    expect(ul.value).toBeCloseTo(2, 3);
  });
});
