/**
 * Spectral-model behaviour beyond the Gammapy numbers: closed forms against the numerical
 * rule, the log-parabola convention, compound models, sampling support, defaults and tags.
 */
import { describe, expect, test } from "vitest";
import {
  CompoundSpectralModel,
  ExpCutoffPowerLawSpectralModel,
  LogParabolaSpectralModel,
  POWER_LAW_PARAMETERS,
  PowerLaw2SpectralModel,
  PowerLawSpectralModel,
  SPECTRAL_MODEL_TYPES,
  SmoothBrokenPowerLawSpectralModel,
  TEV_TO_ERG,
  integrateSpectrum,
  logLogSegment,
} from "@gammats/modeling";

describe("integration", () => {
  test("the log-log trapezoid is exact for a power law; index 1 and 2 limits", () => {
    expect(logLogSegment(1, 10, 1, 0.01)).toBeCloseTo(0.9, 15);
    expect(logLogSegment(1, 10, 0, 0)).toBe(0);
    const pl = new PowerLawSpectralModel({ index: 1 });
    expect(pl.integral(1, Math.E)[0]).toBeCloseTo(1e-12, 24);
    expect(new PowerLawSpectralModel({ index: 2 }).energyFlux(1, Math.E)[0]).toBeCloseTo(1e-12, 24);
  });

  test("closed forms agree with Gammapy's numerical rule", () => {
    const pl = new PowerLawSpectralModel({ index: 2.7, amplitude: 3e-11 });
    const emin = Float64Array.of(0.1, 1, 5);
    const emax = Float64Array.of(1, 10, 100);
    const numeric = integrateSpectrum((e, o) => pl.evaluate(e, o), emin, emax);
    const exact = pl.integral(emin, emax);
    for (let i = 0; i < 3; i++) expect(numeric[i]! / exact[i]!).toBeCloseTo(1, 12);
  });

  test("PowerLaw2's amplitude is the flux between emin and emax", () => {
    const pl2 = new PowerLaw2SpectralModel({ amplitude: "2e-12 cm-2 s-1", index: 2.3 });
    expect(pl2.integral(0.1, 100)[0]).toBeCloseTo(2e-12, 24);
  });

  test("bin integrals over an edge array (energy CDF for sampling)", () => {
    const ecpl = new ExpCutoffPowerLawSpectralModel();
    const edges = Float64Array.of(0.1, 0.3, 1, 3, 10, 100);
    const bins = ecpl.binIntegrals(edges);
    expect(bins).toHaveLength(5);
    const total = ecpl.integral(0.1, 100)[0]!;
    expect(bins.reduce((a, b) => a + b, 0) / total).toBeCloseTo(1, 4);
  });

  test("energy flux is in TeV cm-2 s-1; TEV_TO_ERG converts", () => {
    const pl = new PowerLawSpectralModel({ index: 2 });
    expect(pl.energyFlux(1, 10)[0]! * TEV_TO_ERG).toBeCloseTo(1e-12 * Math.log(10) * 1.602176634, 24);
  });
});

describe("models", () => {
  test("log parabola uses the natural log; fromLog10 converts beta", () => {
    const lp = new LogParabolaSpectralModel({ amplitude: 1, reference: 1, alpha: 2, beta: 0.5 });
    expect(lp.valueAt(Math.E)).toBeCloseTo(Math.exp(-2.5), 14);
    const lp10 = LogParabolaSpectralModel.fromLog10({ amplitude: 1, reference: 1, alpha: 2, beta: 0.5 });
    expect(lp10.valueAt(10)).toBeCloseTo(Math.pow(10, -2.5), 14);
    expect(lp.ePeak()).toBeCloseTo(1, 14);
  });

  test("compound models add and multiply; parameters are the operands' objects", () => {
    const a = new PowerLawSpectralModel({ index: 2 });
    const b = new PowerLawSpectralModel({ index: 3, amplitude: 2e-12 });
    const sum = new CompoundSpectralModel(a, b, "add");
    expect(Array.from(sum.evaluate(Float64Array.of(1, 2)))).toEqual([3e-12, 1e-12 / 4 + 2e-12 / 8]);
    expect(sum.parameters.list[0]).toBe(a.parameters.list[0]);
    // numerical (log-log trapezoid, as Gammapy): a sum of power laws is not exact
    expect(sum.integral(1, 10)[0]! / (0.9e-12 + 0.99e-12)).toBeCloseTo(1, 4);
    const copy = sum.copy();
    copy.parameters.list[0]!.value = 5;
    expect(a.parameters.get("index").value).toBe(2);
  });

  test("SBPL with equal indices is a plain power law (numpy's NaN**0 = 1)", () => {
    const sbpl = new SmoothBrokenPowerLawSpectralModel();
    expect(sbpl.valueAt(3)).toBeCloseTo(1e-12 / 9, 26);
  });

  test("defaults, flags and both tags as in Gammapy", () => {
    expect(POWER_LAW_PARAMETERS.map((p) => [p.name, p.value, p.unit])).toEqual([
      ["index", 2, ""],
      ["amplitude", 1e-12, "cm-2 s-1 TeV-1"],
      ["reference", 1, "TeV"],
    ]);
    const pl = new PowerLawSpectralModel();
    expect(pl.parameters.list.map((p) => [p.frozen, p.isNorm, p.interp])).toEqual([
      [false, false, "lin"],
      [false, true, "log"],
      [true, false, "lin"],
    ]);
    expect(SPECTRAL_MODEL_TYPES.map((t) => t.tags.join("/"))).toEqual([
      "PowerLawSpectralModel/pl",
      "PowerLawNormSpectralModel/pl-norm",
      "PowerLaw2SpectralModel/pl-2",
      "ExpCutoffPowerLawSpectralModel/ecpl",
      "ExpCutoffPowerLawNormSpectralModel/ecpl-norm",
      "LogParabolaSpectralModel/lp",
      "LogParabolaNormSpectralModel/lp-norm",
      "BrokenPowerLawSpectralModel/bpl",
      "SmoothBrokenPowerLawSpectralModel/sbpl",
      "ConstantSpectralModel/const",
      "GaussianSpectralModel/gauss",
    ]);
  });
});
