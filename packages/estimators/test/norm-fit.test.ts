/**
 * The per-bin norm fit on problems with known answers: a Gaussian likelihood in the norm
 * (best fit μ, error σ, 1σ errors where the statistic rises by 1, UL at μ + 2σ, TS = (μ/σ)²)
 * and a one-bin Poisson problem.
 */
import { Fit } from "@gammats/fit";
import { Parameter, Parameters } from "@gammats/modeling";
import { describe, expect, test } from "vitest";
import { type NormFitOptions, type NormFitProblem, fitNorm } from "../src/index.js";

function gaussianProblem(mu: number, sigma: number, min = NaN): NormFitProblem {
  const norm = new Parameter({ name: "norm", value: 1, interp: "log", isNorm: true, min });
  const other = new Parameter({ name: "other", value: 3 });
  return {
    parameters: new Parameters([norm, other]),
    norm,
    contributes: true,
    stat: () => ((norm.value - mu) / sigma) ** 2 + 7 + (other.value - 3) ** 2,
    npred: () => Float64Array.of(10 * norm.value, 20 * norm.value),
  };
}

const OPTIONS: NormFitOptions = {
  fit: new Fit(),
  nSigma: 1,
  nSigmaUl: 2,
  selection: ["errn-errp", "ul", "scan"],
  reoptimize: false,
  nullValue: 0,
  scanValues: Float64Array.of(0.5, 1, 2),
  scanMin: 0.2,
  scanMax: 5,
};

describe("fitNorm on a Gaussian likelihood", () => {
  test("best fit, errors, TS, limit and scan", () => {
    const p = gaussianProblem(1.5, 0.2);
    const r = fitNorm(p, OPTIONS);
    expect(r.success).toBe(true);
    expect(r.norm).toBeCloseTo(1.5, 2);
    expect(r.normErr).toBeCloseTo(0.2, 3);
    expect(r.stat).toBeCloseTo(7, 3);
    expect(r.ts).toBeCloseTo(56.25, 2);
    // The interval ends are roots of the exact parabola (to the optimiser's precision).
    expect(r.norm - r.normErrn!).toBeCloseTo(1.3, 5);
    expect(r.norm + r.normErrp!).toBeCloseTo(1.7, 5);
    expect(r.normUl).toBeCloseTo(1.9, 5);
    expect(Array.from(r.statScan!)).toEqual([0.5, 1, 2].map((v) => ((v - 1.5) / 0.2) ** 2 + 7));
    expect(Array.from(r.npred)).toEqual([10 * r.norm, 20 * r.norm]);
    // Values and frozen flags come back; the other parameter was frozen during the fit.
    expect(p.norm.value).toBe(1);
    expect(p.norm.frozen).toBe(false);
    expect(p.parameters.get("other").frozen).toBe(false);
  });

  test("nSigma scales the symmetric error and widens the interval", () => {
    const r = fitNorm(gaussianProblem(1.5, 0.2), { ...OPTIONS, nSigma: 2, selection: ["errn-errp"] });
    expect(r.normErr).toBeCloseTo(0.4, 3);
    expect(r.norm + r.normErrp!).toBeCloseTo(1.9, 5);
    expect(r.normUl).toBeUndefined();
  });

  test("limits beyond the search range are NaN, not errors", () => {
    // UL would be 5.6 and the +1σ end 5.1, both beyond normMax = 5.
    const r = fitNorm(gaussianProblem(4.6, 0.5), OPTIONS);
    expect(r.norm).toBeCloseTo(4.6, 2);
    expect(r.normErrp).toBeNaN();
    expect(r.normUl).toBeNaN();
    expect(r.norm - r.normErrn!).toBeCloseTo(4.1, 5);
  });

  test("the lower search edge is the norm's min when it has one, else normMin", () => {
    // −1σ end at 0.1: below normMin = 0.2 (NaN), found with min = 0.
    expect(fitNorm(gaussianProblem(0.3, 0.2), { ...OPTIONS, selection: ["errn-errp"] }).normErrn).toBeNaN();
    const r = fitNorm(gaussianProblem(0.3, 0.2, 0), { ...OPTIONS, selection: ["errn-errp"] });
    // The norm is MIGRAD's (stopped within its tolerance, 6e-4 = 0.003σ off here, as
    // iminuit), the error is measured from the confidence search's own refit, as Gammapy
    // pairs them: the sum is the −1σ end to ~1e-3.
    expect(r.norm - r.normErrn!).toBeCloseTo(0.1, 2);
  });

  test("with the minuit confidence backend the interval is the profile crossing, past the search edges", () => {
    // Gammapy's Analysis passes its MINOS-backed Fit: a faint bin's lower error reaches
    // below normMin (and below 0); the limits beyond normMax are found as well.
    const minos = { ...OPTIONS, confidenceBackend: "minuit" as const };
    const faint = fitNorm(gaussianProblem(0.2, 0.35), { ...minos, selection: ["errn-errp", "ul"] });
    expect(faint.norm - faint.normErrn!).toBeCloseTo(-0.15, 3);
    expect(faint.norm + faint.normErrp!).toBeCloseTo(0.55, 3);
    expect(faint.normUl).toBeCloseTo(0.9, 3);
    const bright = fitNorm(gaussianProblem(4.6, 0.5), { ...minos, selection: ["errn-errp", "ul"] });
    expect(bright.norm + bright.normErrp!).toBeCloseTo(5.1, 3);
    expect(bright.normUl).toBeCloseTo(5.6, 3);
    // The norm's bounds still apply.
    const bounded = fitNorm(gaussianProblem(0.3, 0.2, 0), { ...minos, selection: ["errn-errp"] });
    expect(bounded.norm - bounded.normErrn!).toBeCloseTo(0.1, 2);
  });

  test("with the minuit backend a side without crossing falls back to the parabolic error, as Minuit2", () => {
    // Above the best fit the statistic levels off at +0.5: no 1σ or 2σ crossing there.
    const norm = new Parameter({ name: "norm", value: 1, interp: "log", isNorm: true });
    const problem: NormFitProblem = {
      parameters: new Parameters([norm]),
      norm,
      contributes: true,
      stat: () => 7 + (norm.value < 1.5 ? ((norm.value - 1.5) / 0.2) ** 2 : Math.min(((norm.value - 1.5) / 0.2) ** 2, 0.5)),
      npred: () => Float64Array.of(norm.value),
    };
    const r = fitNorm(problem, { ...OPTIONS, confidenceBackend: "minuit", selection: ["errn-errp", "ul"] });
    expect(r.norm).toBeCloseTo(1.5, 2);
    expect(r.normErrn).toBeCloseTo(0.2, 3);
    expect(r.normErrp).toBeCloseTo(r.normErr, 10);
    expect(r.normUl! - r.norm).toBeCloseTo(r.normErr, 10);
  });

  test("without contributing bins nothing is fitted", () => {
    const p = { ...gaussianProblem(1.5, 0.2), contributes: false };
    const r = fitNorm(p, OPTIONS);
    expect([r.norm, r.normErr, r.ts, r.normErrn, r.normErrp, r.normUl]).toEqual([NaN, NaN, NaN, NaN, NaN, NaN]);
    expect(r.stat).toBe(0);
    expect(r.success).toBe(false);
    expect(Array.from(r.npred)).toEqual([NaN, NaN]);
    expect(Array.from(r.statScan!)).toEqual([NaN, NaN, NaN]);
  });
});

test("fitNorm re-optimises the other parameters for the TS when asked", () => {
  // stat = (n − 1 − 0.5·o)²/0.01 + o²: the other parameter o absorbs part of the signal.
  const norm = new Parameter({ name: "norm", value: 1, interp: "log" });
  const o = new Parameter({ name: "o", value: 0 });
  const problem: NormFitProblem = {
    parameters: new Parameters([norm, o]),
    norm,
    contributes: true,
    stat: () => (norm.value - 1 - 0.5 * o.value) ** 2 / 0.01 + o.value ** 2,
    npred: () => Float64Array.of(norm.value),
  };
  const frozen = fitNorm(problem, { ...OPTIONS, selection: [] });
  expect(frozen.norm).toBeCloseTo(1, 3);
  expect(frozen.ts).toBeCloseTo(100, 1);
  const reopt = fitNorm(problem, { ...OPTIONS, selection: [], reoptimize: true });
  // At n = 0: min over o of (1 + 0.5·o)²/0.01 + o² = 100/26, at o = −50/26.
  expect(reopt.ts).toBeCloseTo(100 / 26, 2);
  expect(reopt.normErr).toBeGreaterThan(frozen.normErr);
  expect(o.value).toBe(0);
});
