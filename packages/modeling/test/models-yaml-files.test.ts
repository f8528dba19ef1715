/**
 * Model files shipped with the project and with Gammapy load with the right values;
 * gammats round trips (text and file) keep every parameter field and the covariance.
 */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import {
  FoVBackgroundModel,
  GaussianSpatialModel,
  LogParabolaSpectralModel,
  Models,
  PointSpatialModel,
  PowerLawSpectralModel,
  SkyModel,
  modelsFromYaml,
  modelsToYaml,
  readModels,
  writeModels,
} from "@gammats/modeling";

const CASES = "/work/shared/reference/cases";
const GAMMAPY_CONFIG = "/usr/lib/python3/dist-packages/gammapy/analysis/config";

describe("project reference cases", () => {
  for (const name of ["crab-1d-nobkg", "crab-1d-reflected", "crab-3d-fov"]) {
    test(`${name}/model.yaml`, () => {
      const models = readModels(join(CASES, name, "model.yaml"));
      expect(models.names).toEqual(["crab"]);
      const crab = models.get("crab") as SkyModel;
      expect(crab.spectral).toBeInstanceOf(PowerLawSpectralModel);
      const pars = crab.spectral.parameters;
      expect(pars.get("index").value).toBe(2.6);
      expect(pars.get("amplitude").value).toBe(5e-11);
      expect(pars.get("amplitude").unit).toBe("cm-2 s-1 TeV-1");
      expect(pars.get("reference").frozen).toBe(true);
      if (name === "crab-3d-fov") {
        expect(crab.spatial).toBeInstanceOf(PointSpatialModel);
        expect(crab.position).toEqual({ lon: 83.633, lat: 22.14, frame: "icrs" });
        expect([crab.spatial!.parameters.get("lon_0").min, crab.spatial!.parameters.get("lon_0").max]).toEqual([80, 85]);
      } else {
        expect(crab.spatial).toBeUndefined();
      }
    });
  }
});

describe("Gammapy's analysis/config model files", () => {
  test("model.yaml (point source, frame omitted = icrs, scale: 1.0 keys)", () => {
    const models = readModels(join(GAMMAPY_CONFIG, "model.yaml"));
    const src = models.get("source") as SkyModel;
    expect(src.spatial?.frame).toBe("icrs");
    expect(src.parameters.values).toEqual(Float64Array.of(2.6, 5e-11, 1, 83.633, 22.14));
    expect(src.spatial!.parameters.get("lat_0").max).toBe(24);
  });
  test("model-1d.yaml", () => {
    const models = readModels(join(GAMMAPY_CONFIG, "model-1d.yaml"));
    expect(models.names).toEqual(["source"]);
    expect((models.get(0) as SkyModel).spectral.parameters.values).toEqual(Float64Array.of(2.6, 5e-11, 1));
  });
});

describe("gammats round trips", () => {
  function sample(): Models {
    const pl = new PowerLawSpectralModel({ index: 2.4, amplitude: "2.5e-11 cm-2 s-1 TeV-1", reference: "300 GeV" });
    pl.parameters.get("index").min = 1;
    pl.parameters.get("index").max = 5;
    const gauss = new GaussianSpatialModel({ lon_0: "266.4 deg", lat_0: "-28.9 deg", sigma: "0.2 deg", e: 0.3, phi: "20 deg" });
    const lp = LogParabolaSpectralModel.fromLog10({ amplitude: "1e-12 cm-2 s-1 TeV-1", reference: "1 TeV", alpha: 2.3, beta: 0.5 });
    const bkg = new FoVBackgroundModel({ datasetName: "stacked" });
    bkg.parameters.get("tilt").frozen = false;
    const models = new Models([
      new SkyModel({ name: "gc", spectral: pl, spatial: gauss, datasetsNames: ["stacked"] }),
      new SkyModel({ name: "lp", spectral: lp, applyIrf: { edisp: false } }),
      bkg,
    ]);
    models.parameters.setCovariance("index", "amplitude", 1e-13);
    models.parameters.setCovariance("index", "index", 0.0025);
    return models;
  }

  test("text: values, units, bounds, flags, apply_irf survive; defaults are not written", () => {
    const models = sample();
    const text = modelsToYaml(models);
    expect(text).toContain("unit: GeV");
    expect(text).toContain("apply_irf:");
    expect(text).not.toContain("is_norm"); // only with fullOutput
    const back = modelsFromYaml(text);
    expect(back.names).toEqual(["gc", "lp", "stacked-bkg"]);
    expect(back.parameters.values).toEqual(models.parameters.values);
    expect(back.parameters.list.map((p) => [p.unit, p.min, p.max, p.frozen])).toEqual(
      models.parameters.list.map((p) => [p.unit, p.min, p.max, p.frozen]),
    );
    expect((back.get("lp") as SkyModel).applyIrf).toEqual({ exposure: true, psf: true, edisp: false });
    expect((back.get("gc") as SkyModel).datasetsNames).toEqual(["stacked"]);
    // LogParabola beta from log10: 0.5 / ln 10 in Gammapy's natural-log convention
    expect((back.get("lp") as SkyModel).spectral.parameters.get("beta").value).toBeCloseTo(0.5 / Math.LN10, 15);
  });

  test("fullOutput writes every field and reads back the same", () => {
    const text = modelsToYaml(sample(), { fullOutput: true });
    expect(text).toContain("is_norm: true");
    expect(text).toContain("scale_method: scale10");
    expect(text).toContain("min: .nan");
    expect(modelsFromYaml(text).parameters.values).toEqual(sample().parameters.values);
  });

  test("files: covariance table next to the YAML sets errors and correlations", () => {
    const dir = mkdtempSync(join(tmpdir(), "gammats-rt-"));
    const models = sample();
    writeModels(models, join(dir, "fit.yaml"));
    expect(readFileSync(join(dir, "fit.yaml"), "utf8")).toContain("covariance: fit_covariance.dat");
    const back = readModels(join(dir, "fit.yaml"));
    expect(Array.from(back.covariance)).toEqual(Array.from(models.covariance));
    expect(back.parameters.get("index").error).toBe(0.05);
    expect(back.parameters.getCovariance("amplitude", "index")).toBe(1e-13);
    expect(() => writeModels(models, join(dir, "fit.yaml"))).toThrow(/exists already/);
    writeModels(models, join(dir, "fit.yaml"), { overwrite: true });
  });

  test("a covariance table that belongs to other models is refused", () => {
    const dir = mkdtempSync(join(tmpdir(), "gammats-rt-"));
    writeModels(sample(), join(dir, "a.yaml"));
    const text = readFileSync(join(dir, "a_covariance.dat"), "utf8").replace("gc.spectral.index", "xx.spectral.index");
    writeFileSync(join(dir, "a_covariance.dat"), text);
    expect(() => readModels(join(dir, "a.yaml"))).toThrow(/row 1 is 'xx.spectral.index', expected 'gc.spectral.index'/);
  });
});
