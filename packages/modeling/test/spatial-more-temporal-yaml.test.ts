/**
 * Models YAML with the new spatial models (generalized Gaussian, shells, templates) and
 * temporal models: a Gammapy-written file (with its template maps and light curve) loads
 * identically — same parameters, covariance and model values — and is written back
 * byte-identical; gammats' file loads identically in Gammapy's Models.read (live).
 */
import { copyFileSync, existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, test } from "vitest";
import {
  ExpDecayTemporalModel,
  astropyUnitString,
  LightCurveTemplateTemporalModel,
  Models,
  PointSpatialModel,
  PowerLawSpectralModel,
  SkyModel,
  TemplateSpatialModel,
  modelsFromYaml,
  modelsToYaml,
  readModels,
  readTemplateSpatialModel,
  writeModels,
} from "@gammats/modeling";
import { expectClose, runGammapy } from "./helpers.js";

/** What both sides print about a Models collection (see gammapy-spatial-temporal.py). */
interface Dump {
  names: string[];
  types: Record<string, [string, string | null, string | null]>;
  frames: Record<string, string>;
  parameters: { id: string; value: number; unit: string; min: number | null; max: number | null; frozen: boolean; error: number }[];
  covariance: number[];
  spatial: Record<string, { lon: number[]; lat: number[]; energy: number[] | null; value: number[]; unit: string; evaluation_radius: number }>;
  temporal: Record<string, { time: number[]; value: (number | null)[]; t_min: number[]; t_max: number[]; integral: number[]; exact_integral: number[] }>;
  files: Record<string, { filename: string; normalize?: boolean }>;
}

const script = fileURLToPath(new URL("./gammapy-spatial-temporal.py", import.meta.url));
const fixtureDir = fileURLToPath(new URL("./fixtures/gammapy-written-more/", import.meta.url));
const DLON = [0.0, 0.05, -0.12, 0.3, 0.61, -1.4];
const DLAT = [0.0, 0.02, 0.1, -0.2, 0.0, 0.35];
const ENERGY = [1.5, 3.0, 20.0, 0.8, 150.0, 1.1];
const DT = [-0.7, 0.1, 0.5, 1.3, 2.5, 4.2];
const DT_MIN = [0.2, 1.0, 3.0];
const DT_MAX = [0.9, 2.5, 6.0];

/** The same record as the Python side, computed by gammats. */
function dump(models: Models): Dump {
  const out: Dump = {
    names: models.names,
    types: {},
    frames: {},
    parameters: models.parameters.list.map((p, i) => ({
      id: models.parametersUniqueNames[i]!,
      value: p.value,
      unit: astropyUnitString(p.unit),
      min: Number.isNaN(p.min) ? null : p.min,
      max: Number.isNaN(p.max) ? null : p.max,
      frozen: p.frozen,
      error: p.error,
    })),
    covariance: Array.from(models.covariance),
    spatial: {},
    temporal: {},
    files: {},
  };
  for (const m of models.skyModels()) {
    const sp = m.spatial;
    const tm = m.temporal;
    out.types[m.name] = [m.spectral.tag[0], sp?.tag[0] ?? null, tm?.tag[0] ?? null];
    if (sp !== undefined) {
      out.frames[m.name] = sp.frame;
      if (!sp.isPoint) {
        const c = sp.position!;
        const lon = Float64Array.from(DLON, (d) => c.lon + d);
        const lat = Float64Array.from(DLAT, (d) => c.lat + d);
        const energy = sp.isEnergyDependent ? Float64Array.from(ENERGY) : undefined;
        const value = energy ? sp.evaluateAtEnergy(lon, lat, energy) : sp.evaluate(lon, lat);
        out.spatial[m.name] = {
          lon: Array.from(lon),
          lat: Array.from(lat),
          energy: energy ? ENERGY : null,
          value: Array.from(value),
          unit: sp.unit,
          evaluation_radius: sp.evaluationRadius!,
        };
      }
      if (sp instanceof TemplateSpatialModel) out.files[`${m.name}.spatial`] = { filename: sp.filename!, normalize: sp.normalize };
    }
    if (tm !== undefined) {
      const t0 = tm.parameters.has("t_ref") ? tm.parameters.get("t_ref").value : 51544;
      const time = Float64Array.from(DT, (d) => t0 + d);
      const tMin = Float64Array.from(DT_MIN, (d) => t0 + d);
      const tMax = Float64Array.from(DT_MAX, (d) => t0 + d);
      const integral = Array.from(tm.integral(tMin, tMax));
      out.temporal[m.name] = {
        time: Array.from(time),
        value: Array.from(tm.evaluate(time)),
        t_min: Array.from(tMin),
        t_max: Array.from(tMax),
        integral,
        exact_integral: integral, // gammats' closed forms are exact (the sampled ones are Gammapy's)
      };
      if (tm instanceof LightCurveTemplateTemporalModel) out.files[`${m.name}.temporal`] = { filename: tm.filename! };
    }
  }
  return out;
}

function expectSameModels(actual: Dump, expected: Dump): void {
  expect(actual.names).toEqual(expected.names);
  expect(actual.types).toEqual(expected.types);
  expect(actual.frames).toEqual(expected.frames);
  expect(actual.files).toEqual(expected.files);
  expect(actual.parameters.map((p) => [p.id, p.unit, p.min, p.max, p.frozen])).toEqual(
    expected.parameters.map((p) => [p.id, p.unit, p.min, p.max, p.frozen]),
  );
  expectClose(actual.parameters.map((p) => p.value), expected.parameters.map((p) => p.value), 1e-15, 0, "values");
  expectClose(actual.parameters.map((p) => p.error), expected.parameters.map((p) => p.error), 1e-15, 0, "errors");
  expectClose(actual.covariance, expected.covariance, 1e-15, 0, "covariance");
  expect(Object.keys(actual.spatial)).toEqual(Object.keys(expected.spatial));
  for (const [name, e] of Object.entries(expected.spatial)) {
    const a = actual.spatial[name]!;
    expect([a.unit, a.evaluation_radius, a.energy]).toEqual([e.unit, e.evaluation_radius, e.energy]);
    expectClose(a.lon, e.lon, 1e-15, 1e-15, `${name} lon`);
    // Templates: gammats' plain-grid pixel solid angles are exact, Gammapy's two-triangle
    // approximation differs by ~(pixel size)² (1e-6 for 0.2° pixels).
    const template = actual.types[name]![1] === "TemplateSpatialModel";
    expectClose(a.value, e.value, template ? 3e-6 : 1e-12, 0, `${name} spatial values`);
  }
  expect(Object.keys(actual.temporal)).toEqual(Object.keys(expected.temporal));
  for (const [name, e] of Object.entries(expected.temporal)) {
    const a = actual.temporal[name]!;
    const nan = (v: (number | null)[]): number[] => v.map((x) => x ?? NaN);
    expectClose(nan(a.value), nan(e.value), 1e-9, 1e-12, `${name} temporal values`);
    // Gammapy 1.0's sine integral is not ∫f dt (see sine-temporal.ts): compare with quadrature.
    const sine = actual.types[name]![2] === "SineTemporalModel";
    expectClose(sine ? a.exact_integral : a.integral, sine ? e.exact_integral : e.integral, 1e-10, 0, `${name} integral`);
  }
}

describe("Gammapy-written file with every new model (stored)", () => {
  const expected = JSON.parse(readFileSync(join(fixtureDir, "gammapy-dump.json"), "utf8")) as Dump;

  test("loads with identical parameters, covariance, files and model values", () => {
    const models = readModels(join(fixtureDir, "models.yaml"));
    expect(models.parametersUniqueNames).toContain("h.temporal.t_ref");
    expectSameModels(dump(models), expected);
    // a deep copy (covariance included) is the same collection
    expectSameModels(dump(models.copy()), expected);
    const e = models.get("e") as SkyModel;
    expect(e.spatial!.isEnergyDependent).toBe(true);
    // the 3D template is used at the given energy by SkyModel.evaluate
    const lon = Float64Array.of(150.05);
    const lat = Float64Array.of(0.02);
    const sky = e.evaluate(lon, lat, Float64Array.of(3));
    expectClose(sky, [e.spectral.evaluate(Float64Array.of(3))[0]! * expected.spatial["e"]!.value[1]!], 3e-6);
  });

  test("written back by gammats: byte-identical YAML and covariance table", () => {
    const models = readModels(join(fixtureDir, "models.yaml"));
    const dir = mkdtempSync(join(tmpdir(), "gammats-more-"));
    writeModels(models, join(dir, "models.yaml"));
    expect(readFileSync(join(dir, "models.yaml"), "utf8")).toBe(readFileSync(join(fixtureDir, "models.yaml"), "utf8"));
    expect(readFileSync(join(dir, "models_covariance.dat"), "utf8")).toBe(readFileSync(join(fixtureDir, "models_covariance.dat"), "utf8"));
  });

  test("template and light-curve errors name the key and the file", () => {
    const base = "components:\n- name: s\n  type: SkyModel\n  spectral: {type: pl}\n";
    expect(() => modelsFromYaml(`${base}  spatial: {type: TemplateSpatialModel, frame: icrs, parameters: []}\n`)).toThrow(
      /TemplateSpatialModel needs a 'filename'/,
    );
    expect(() => modelsFromYaml(`${base}  spatial: {type: template, filename: missing.fits}\n`)).toThrow(/cannot read template map 'missing.fits'/);
    expect(() =>
      modelsFromYaml(`${base}  temporal: {type: LightCurveTemplateTemporalModel, filename: x.fits, format: map}\n`),
    ).toThrow(/format "map" is not supported/);
    const noFile = new SkyModel({ name: "x", spectral: new PowerLawSpectralModel(), temporal: new LightCurveTemplateTemporalModel({ time: [0, 1], norm: [1, 2] }) });
    expect(() => modelsToYaml(new Models([noFile]))).toThrow(/without a filename cannot be written/);
  });
});

describe("live Gammapy interchange", () => {
  // gammats changes values and adds models, writes next to copies of the template files
  // (the YAML names them relative to its directory); Gammapy writes its file anew and
  // reads gammats' in one run.
  const models = readModels(join(fixtureDir, "models.yaml"));
  const out = mkdtempSync(join(tmpdir(), "gammats-more-out-"));
  for (const f of ["tpl2d.fits", "tpl3d.fits", "lc.fits"]) copyFileSync(join(fixtureDir, f), join(out, f));
  (models.get("a") as SkyModel).spatial!.parameters.get("eta").value = 0.35;
  (models.get("b") as SkyModel).temporal!.parameters.get("beta").setQuantity(0.2, "d-1");
  (models.get("c") as SkyModel).spatial!.parameters.get("r_0").min = 0.1;
  (models.get("g") as SkyModel).temporal!.parameters.get("omega").setQuantity(0.1, "rad h-1");
  const raw = readTemplateSpatialModel(join(out, "tpl3d.fits"), { normalize: false });
  raw.filename = "tpl3d.fits";
  models.add(new SkyModel({ name: "i", spectral: new PowerLawSpectralModel(), spatial: raw, temporal: new ExpDecayTemporalModel({ t0: "5 h", t_ref: 59100 }) }));
  models.add(new SkyModel({ name: "j", spectral: new PowerLawSpectralModel(), spatial: new PointSpatialModel({ lon_0: 1, lat_0: 2, frame: "galactic" }) }));
  writeModels(models, join(out, "mine.yaml"));
  const dir = mkdtempSync(join(tmpdir(), "gammats-more-gammapy-"));
  const live = runGammapy<{ written: Dump; read: Dump }>([script, "both", dir, join(out, "mine.yaml")]);

  test.skipIf(live === undefined)("YAML written by Gammapy now loads identically in gammats", () => {
    expectSameModels(dump(readModels(join(dir, "models.yaml"))), live!.written);
  });

  test.skipIf(live === undefined)("YAML written by gammats loads identically in Gammapy's Models.read", () => {
    expect(existsSync(join(out, "mine_covariance.dat"))).toBe(true);
    expectSameModels(live!.read, dump(models));
  });
});
