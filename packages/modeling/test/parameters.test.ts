/**
 * Parameter (factor × scale, autoscale, units), Parameters (lookup, fitter vectors,
 * covariance slot) and covariance of composite models.
 */
import { describe, expect, test } from "vitest";
import {
  FoVBackgroundModel,
  Models,
  Parameter,
  PointSpatialModel,
  PowerLawSpectralModel,
  SkyModel,
  covarianceFromFactors,
  correlationMatrix,
} from "@gammats/modeling";
import { expectClose } from "./helpers.js";

describe("Parameter", () => {
  test("value = factor × scale; autoscale as Gammapy (scale10, factor1)", () => {
    const p = new Parameter({ name: "amplitude", value: -3.7e-12, unit: "cm-2 s-1 TeV-1" });
    p.autoscale();
    expect(p.scale).toBe(1e-12);
    expect(p.factor).toBeCloseTo(-3.7, 14);
    expect(p.value).toBeCloseTo(-3.7e-12, 26);
    p.scaleMethod = "factor1";
    p.autoscale();
    expect([p.factor, p.scale]).toEqual([1, -3.7e-12]);
    const z = new Parameter({ name: "x", value: 0 });
    z.autoscale();
    expect([z.factor, z.scale]).toEqual([0, 1]);
  });

  test("factor bounds follow the scale", () => {
    const p = new Parameter({ name: "index", value: 2.5, min: 1, max: 5, scale: 0.5 });
    expect([p.factor, p.factorMin, p.factorMax]).toEqual([5, 2, 10]);
  });

  test("units: canonical spelling, conversion to the model's unit, clear errors", () => {
    const pl = new PowerLawSpectralModel({ reference: "300 GeV", amplitude: "1e-15 cm-2 s-1 GeV-1" });
    const ref = pl.parameters.get("reference");
    expect([ref.value, ref.unit, ref.internalValue]).toEqual([300, "GeV", 0.3]);
    expect(pl.parameters.get("amplitude").internalValue).toBeCloseTo(1e-12, 25);
    expect(pl.valueAt(0.3)).toBeCloseTo(1e-12, 25);
    expect(() => new PowerLawSpectralModel({ reference: "1 deg" })).toThrow(/parameter 'reference': bad unit 'deg'; expected a unit like 'TeV'/);
    expect(() => ref.setQuantity(1, "cm")).toThrow(/bad unit 'cm'/);
    expect(() => new PowerLawSpectralModel({ index: "2 TeV" })).toThrow(/parameter 'index'.*dimensionless/);
  });

  test("unknown parameter names list the known ones", () => {
    // @ts-expect-error wrong name on purpose
    expect(() => new PowerLawSpectralModel({ indx: 2 })).toThrow(/no parameter 'indx'.*index, amplitude, reference/);
    expect(() => new PowerLawSpectralModel().parameters.get("beta")).toThrow(/known parameters: index, amplitude, reference/);
  });
});

describe("Parameters", () => {
  test("fitter vectors: values, free factors, errors", () => {
    const pars = new PowerLawSpectralModel({ index: 2.2, amplitude: 4e-12 }).parameters;
    expect(pars.names).toEqual(["index", "amplitude", "reference"]);
    expect(pars.free().names).toEqual(["index", "amplitude"]);
    pars.autoscale();
    expect(Array.from(pars.freeFactors())).toEqual([2.2, 4]);
    pars.setFreeFactors([2.5, 3]);
    expect(Array.from(pars.values)).toEqual([2.5, 3e-12, 1]);
    expect(() => pars.setFreeFactors([1])).toThrow(/expected 2 free factors/);
    pars.values = [2, 1e-12, 1];
    pars.errors = [0.1, 2e-13, 0];
    expect(Array.from(pars.errors)).toEqual([0.1, 2e-13, 0]);
    expect(() => {
      pars.values = [1, 2];
    }).toThrow(/expected 3 entries/);
  });

  test("covariance slot: diagonal from errors, get/set by name, errors follow the diagonal", () => {
    const pars = new PowerLawSpectralModel().parameters;
    pars.get("index").error = 0.1;
    expect(pars.getCovariance("index", "index")).toBeCloseTo(0.01, 15);
    pars.setCovariance("index", "amplitude", -2e-15);
    expect(pars.getCovariance("amplitude", "index")).toBe(-2e-15);
    pars.setCovariance("amplitude", "amplitude", 4e-26);
    expect(pars.get("amplitude").error).toBeCloseTo(2e-13, 27);
    // changing an error drops that parameter's correlations (Gammapy's rule)
    pars.get("index").error = 0.2;
    expect(pars.getCovariance("index", "index")).toBeCloseTo(0.04, 15);
    expect(pars.getCovariance("index", "amplitude")).toBe(0);
    expect(() => {
      pars.covariance = [1, 2, 3];
    }).toThrow(/expected 3×3 = 9/);
  });

  test("factor covariance → parameter units, free block expanded", () => {
    const pars = new PowerLawSpectralModel({ index: 2, amplitude: 3e-12 }).parameters;
    pars.autoscale();
    const cov = covarianceFromFactors(pars, [0.01, 0.002, 0.002, 0.04]);
    expect(Array.from(cov)).toEqual([0.01, 0.002 * 1e-12, 0, 0.002 * 1e-12, 0.04 * 1e-24, 0, 0, 0, 0]);
    expect(correlationMatrix(cov, 3)[1]).toBeCloseTo(0.002 / Math.sqrt(0.01 * 0.04), 12);
  });
});

describe("covariance of composite models", () => {
  function build() {
    const sky = new SkyModel({ name: "src", spectral: new PowerLawSpectralModel(), spatial: new PointSpatialModel() });
    const bkg = new FoVBackgroundModel({ datasetName: "d" });
    return { sky, bkg, models: new Models([sky, bkg]) };
  }

  test("a joint matrix set on Models reaches every model and sets errors", () => {
    const { sky, bkg, models } = build();
    const n = models.parameters.length;
    expect(n).toBe(8);
    const m = new Float64Array(n * n);
    for (let i = 0; i < n; i++) m[i * n + i] = (i + 1) * 1e-2;
    m[0 * n + 3] = m[3 * n + 0] = 1e-3; // index × lon_0
    m[0 * n + 5] = m[5 * n + 0] = 2e-3; // index × bkg norm
    models.covariance = m;
    expect(sky.spectral.parameters.get("index").error).toBeCloseTo(0.1, 15);
    expect(sky.parameters.getCovariance("index", "lon_0")).toBe(1e-3);
    expect(bkg.parameters.get("norm").error).toBeCloseTo(Math.sqrt(0.06), 15);
    expectClose(models.covariance, m, 1e-15);
  });

  test("a later change in one model replaces its block and drops its stale correlations", () => {
    const { sky, models } = build();
    models.parameters.setCovariance("index", "lon_0", 5e-4);
    models.parameters.setCovariance("index", "norm", 7e-4);
    // the joint matrix is newer than the models': reading it hands the blocks down
    expect(models.covariance[3]).toBe(5e-4);
    expect(sky.covariance[3]).toBe(5e-4);
    sky.spectral.covariance = [0.04, 0, 0, 0, 1e-26, 0, 0, 0, 0];
    const n = models.parameters.length;
    const joint = models.covariance;
    expect(joint[0]).toBeCloseTo(0.04, 15);
    expect(joint[0 * n + 5]).toBe(0);
    expect(joint[0 * n + 3]).toBe(0);
  });
});
