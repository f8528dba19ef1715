/**
 * The Fit facade on Parameters: a Poisson (cash) power-law fit against iminuit's MIGRAD,
 * HESSE and MINOS on the same −2 ln L (live with /usr/bin/python3, else stored numbers),
 * analytic Poisson answers, profiles, restore of the parameter status, bad input.
 */
import { fileURLToPath } from "node:url";
import { describe, expect, test } from "vitest";
import { Fit, FitInputError } from "@gammats/fit";
import { Parameter, Parameters } from "@gammats/modeling";
import { expectClose, runPython } from "./helpers.js";
import { POWER_LAW_DATA, powerLawCash, powerLawNpred } from "./test-functions.js";

interface Reference {
  values: number[];
  exact_values: number[];
  errors: number[];
  covariance: number[];
  fval: number;
  minos: Record<string, { amp_factor: [number, number]; index: [number, number] }>;
}

// iminuit 2.11.2 on the same problem (Gammapy's settings: errordef 1, strategy 1, tol 0.1,
// initial errors 1, limits amplitude ≥ 0, 0 ≤ index ≤ 5), factor space, amplitude scale 1e-11.
const STORED: Reference = {
  values: [5.124966561835304, 2.4145752047854616],
  exact_values: [5.127189731315339, 2.414761807608428],
  errors: [0.3237967259321186, 0.04557125724982325],
  covariance: [0.1048523671553876, 0.012884783724985168, 0.012884783724985168, 0.0020769698155773566],
  fval: -9166.706772277872,
  minos: {
    "1": { amp_factor: [0.3120600357951561, 0.3368731816654956], index: [0.04500420725106846, 0.04622982324927346] },
    "2": { amp_factor: [0.6072795616739687, 0.6932427904020294], index: [0.08935748629861753, 0.09314005198816326] },
  },
};

const SCALE = 1e-11;
const live = runPython<Reference>(fileURLToPath(new URL("./iminuit-reference.py", import.meta.url)), {
  ...POWER_LAW_DATA,
  amplitude_scale: SCALE,
  start: [1, 2],
  amplitude_min: 0,
  index_min: 0,
  index_max: 5,
  tol: 0.1,
  minos_sigma: [1, 2],
});
const ref = live ?? STORED;

function powerLawParameters(): Parameters {
  return new Parameters([
    new Parameter({ name: "amplitude", value: 1e-11, unit: "cm-2 s-1 TeV-1", min: 0 }),
    new Parameter({ name: "index", value: 2, min: 0, max: 5 }),
    new Parameter({ name: "reference", value: 0.3, unit: "TeV", frozen: true }),
  ]);
}

function cashOf(pars: Parameters): () => number {
  const work = new Float64Array(POWER_LAW_DATA.counts.length);
  const amplitude = pars.get("amplitude");
  const index = pars.get("index");
  const reference = pars.get("reference");
  return () => powerLawCash(amplitude.value, index.value, work, reference.value);
}

test.runIf(live !== undefined)("stored iminuit numbers agree with the live run", () => {
  expectClose(STORED.values, live!.values, 1e-3, 0, "values");
  expectClose(STORED.errors, live!.errors, 1e-3, 0, "errors");
  expectClose(STORED.minos["1"]!.amp_factor, live!.minos["1"]!.amp_factor, 1e-3, 0, "minos");
});

describe("Fit.run: Poisson power law vs iminuit", () => {
  const pars = powerLawParameters();
  const stat = cashOf(pars);
  const fit = new Fit();
  const result = fit.run(pars, stat);

  test("converges; values match iminuit's exact minimum and its tol-0.1 result to 1e-3", () => {
    expect(result.success).toBe(true);
    expect(result.message).toBe("Optimization terminated successfully.");
    expect(result.optimizeResult.method).toBe("migrad");
    const values = [pars.get("amplitude").value / SCALE, pars.get("index").value];
    expectClose(values, ref.exact_values, 1e-3, 0, "vs exact");
    expectClose(values, ref.values, 1e-3, 0, "vs iminuit tol 0.1");
    expect(result.totalStat).toBeCloseTo(ref.fval, 3);
    expectClose(result.parameters.values, [values[0]! * SCALE, values[1]!, 0.3], 1e-12, 0, "snapshot");
  });

  test("errors and covariance match HESSE to 1e-2; set on the parameters in their units", () => {
    expectClose([pars.get("amplitude").error / SCALE, pars.get("index").error], ref.errors, 1e-2, 0, "errors");
    const c = result.covariance;
    expect(c.length).toBe(9);
    const s = [SCALE, 1];
    for (let i = 0; i < 2; i++) {
      for (let j = 0; j < 2; j++) {
        const norm = Math.sqrt(ref.covariance[i * 2 + i]! * ref.covariance[j * 2 + j]!) * s[i]! * s[j]!;
        expect(Math.abs(c[i * 3 + j]! - ref.covariance[i * 2 + j]! * s[i]! * s[j]!) / norm).toBeLessThan(1e-2);
      }
    }
    // the frozen reference has zero rows; the matrix is stored on the Parameters
    expect([c[2], c[5], c[6], c[7], c[8]]).toEqual([0, 0, 0, 0, 0]);
    expect(pars.getCovariance("amplitude", "index")).toBeCloseTo(c[1]!, 20);
    expect(pars.get("reference").error).toBe(0);
    expect(result.covarianceResult.status).toBe("ok");
  });

  test.each(["1", "2"])("confidence (sigma %s) matches MINOS to 1e-2 and restores the parameters", (sigma) => {
    const before = pars.values;
    const m = ref.minos[sigma]!;
    const amp = fit.confidence(pars, stat, "amplitude", Number(sigma));
    expect(amp.success).toBe(true);
    expectClose([amp.errn / SCALE, amp.errp / SCALE], m.amp_factor, 1e-2, 0, "amplitude");
    const index = fit.confidence(pars, stat, pars.get("index"), Number(sigma));
    expectClose([index.errn, index.errp], m.index, 1e-2, 0, "index");
    expectClose(pars.values, before, 0, 0, "restored");
  });

  test("upper limit (2σ) = best fit + MINOS errp at sigma 2", () => {
    const ul = fit.upperLimit(pars, stat, "amplitude", 2);
    expect(ul.success).toBe(true);
    expect(ul.value / SCALE).toBeCloseTo(ref.exact_values[0]! + ref.minos["2"]!.amp_factor[1], 2);
  });

  test("statProfile re-optimised: Δstat = 1 at the confidence ends, 0 at the best fit", () => {
    const best = pars.get("amplitude").value;
    const ci = fit.confidence(pars, stat, "amplitude", 1);
    const prof = fit.statProfile(pars, stat, "amplitude", [best - ci.errn, best, best + ci.errp], true);
    expect(prof.success.every(Boolean)).toBe(true);
    const delta = Array.from(prof.stat, (v) => v - result.totalStat);
    // each re-optimised point stops within MIGRAD's tolerance (EDM < 2e-4, in practice a
    // few 1e-3 of the statistic), as iminuit's would
    expectClose(delta, [1, 0, 1], 0, 6e-3, "Δstat");
    // without re-optimisation the slice rises faster (index is correlated)
    const slice = fit.statProfile(pars, stat, "amplitude", [best + ci.errp]);
    expect(slice.stat[0]! - result.totalStat).toBeGreaterThan(2);
    expect(pars.get("amplitude").value).toBe(best);
  });

  test("statSurface: grid shape, minimum at the best fit", () => {
    const a = pars.get("amplitude").value;
    const g = pars.get("index").value;
    const surface = fit.statSurface(pars, stat, "amplitude", "index", [0.9 * a, a, 1.1 * a], [g - 0.1, g, g + 0.1]);
    expect(surface.stat.length).toBe(9);
    const min = surface.stat.indexOf(Math.min(...surface.stat));
    expect(min).toBe(4);
    expect(surface.stat[4]).toBeCloseTo(result.totalStat, 6);
  });

  test("Nelder–Mead backend ('scipy' alias) reaches the same minimum", () => {
    const p2 = powerLawParameters();
    const r = new Fit({ backend: "scipy" }).run(p2, cashOf(p2));
    expect(r.success).toBe(true);
    expect(r.optimizeResult.backend).toBe("nelder-mead");
    expectClose([p2.get("amplitude").value / SCALE, p2.get("index").value], ref.exact_values, 2e-3, 0, "values");
    expectClose([p2.get("amplitude").error / SCALE, p2.get("index").error], ref.errors, 2e-2, 0, "errors");
  });
});

describe("Fit.run: analytic Poisson answers", () => {
  test("index frozen: amplitude = Σn / Σshape, error = amplitude / sqrt(Σn)", () => {
    const pars = powerLawParameters();
    pars.get("index").value = 2.4;
    pars.get("index").frozen = true;
    const result = new Fit({ tol: 1e-3 }).run(pars, cashOf(pars));
    const shape = powerLawNpred(1, 2.4, new Float64Array(12));
    const total = POWER_LAW_DATA.counts.reduce((a, b) => a + b, 0);
    const expected = total / shape.reduce((a, b) => a + b, 0);
    expect(result.success).toBe(true);
    // tol 1e-3: EDM < 2e-6, i.e. within 0.002σ = 6e-5 relative
    expect(Math.abs(pars.get("amplitude").value / expected - 1)).toBeLessThan(1e-4);
    expect(pars.get("amplitude").error / (expected / Math.sqrt(total))).toBeCloseTo(1, 3);
    expect(pars.get("index").error).toBe(0);
    expect(result.covariance[4]).toBe(0);
  });

  test("minimum outside the bounds: result names the parameter at its bound", () => {
    const pars = powerLawParameters();
    pars.get("index").max = 2.2;
    const result = new Fit().run(pars, cashOf(pars));
    expect(result.optimizeResult.atBound).toEqual(["index"]);
    expect(result.message).toContain("Parameter index at or near a bound.");
    expect(pars.get("index").value).toBeCloseTo(2.2, 4);
  });

  test("linked parameter (same object twice) is fitted once and gets its error", () => {
    const pars = powerLawParameters();
    const linked = new Parameters([...pars.list, pars.get("index")]);
    const result = new Fit().run(linked, cashOf(pars));
    expect(result.success).toBe(true);
    expect(pars.get("index").error).toBeCloseTo(ref.errors[1]!, 3);
    expect(result.covariance.length).toBe(16);
  });
});

describe("Fit: failures and bad input", () => {
  test("NaN statistic: success false, no exception, no hang", () => {
    const pars = powerLawParameters();
    const result = new Fit().run(pars, () => NaN);
    expect(result.success).toBe(false);
    expect(result.message).toContain("Optimization failed.");
    expect(result.covarianceResult.success).toBe(false);
  });

  test("no free parameters, min > max, NaN value, unknown backend: FitInputError", () => {
    const pars = powerLawParameters();
    const stat = cashOf(pars);
    pars.freezeAll();
    expect(() => new Fit().run(pars, stat)).toThrow(/No free parameters for fitting/);
    pars.unfreezeAll();
    pars.get("reference").frozen = true;
    pars.get("index").min = 6;
    expect(() => new Fit().run(pars, stat)).toThrow(FitInputError);
    pars.get("index").min = 0;
    pars.get("amplitude").value = NaN;
    expect(() => new Fit().run(pars, stat)).toThrow(/parameter 'amplitude' has value NaN/);
    expect(() => new Fit({ backend: "sherpa" as "minuit" })).toThrow(/unknown fit backend 'sherpa'/);
    pars.get("amplitude").value = 1e-11;
    pars.get("index").frozen = true;
    expect(() => new Fit().confidence(pars, stat, "index")).toThrow(/parameter 'index' is frozen/);
  });
});
