/**
 * Generalized Gaussian, shell, shell2 and template spatial models: Gammapy 1.0 numbers
 * (stored, and live when /usr/bin/python3 has Gammapy), normalisation, shell edges,
 * template interpolation and normalisation, FITS reading.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { imageHdu, writeFitsSync } from "@gammats/fits";
import { MapAxis } from "@gammats/maps";
import { describe, expect, test } from "vitest";
import {
  GeneralizedGaussianSpatialModel,
  LonLatGridGeom,
  PowerLawNormSpectralModel,
  PowerLawSpectralModel,
  Shell2SpatialModel,
  ShellSpatialModel,
  SkyModel,
  TemplateSpatialModel,
  expandPath,
  findSpatialModelType,
  gammaFunction,
  readTemplateSpatialModel,
  type Frame,
  type SpatialModel,
} from "@gammats/modeling";
import { readFileSync } from "node:fs";
import { expectClose, runGammapy } from "./helpers.js";

interface SpatialCase {
  tag: string;
  frame: Frame;
  parameters: { name: string; value: number; unit: string }[];
  lon: number[];
  lat: number[];
  value: number[];
}
interface Reference {
  spatial: Record<string, SpatialCase>;
  evaluation_radius: Record<string, number>;
}

const script = fileURLToPath(new URL("./gammapy-spatial-temporal.py", import.meta.url));
const stored = JSON.parse(
  readFileSync(new URL("./fixtures/gammapy-1.0-spatial-temporal-reference.json", import.meta.url), "utf8"),
) as Reference;

function build(c: SpatialCase): SpatialModel {
  const entry = findSpatialModelType(c.tag)!;
  const model = entry.create({}, c.frame);
  for (const p of c.parameters) model.parameters.get(p.name).setQuantity(p.value, p.unit);
  return model;
}

function checkCases(ref: Reference): void {
  for (const [key, c] of Object.entries(ref.spatial)) {
    const model = build(c);
    const v = model.evaluate(Float64Array.from(c.lon), Float64Array.from(c.lat));
    // rtol 1e-10: far in the tail exp(-z^(1/η)) magnifies rounding of z by z^(1/η) (~100).
    // Shells: at an edge sqrt(r² - θ²) turns a 1-ulp difference of θ or r into ~1e-8 deg,
    // so allow 1e-3 sr-1 (2e-7 of the peak).
    expectClose(v, c.value, 1e-10, c.tag.startsWith("Shell") ? 1e-3 : 0, key);
  }
}

describe("parametric models against Gammapy 1.0", () => {
  test("stored numbers: generalized Gaussian (e, phi, high latitude), shells (edges)", () => {
    checkCases(stored);
    expect(new GeneralizedGaussianSpatialModel({ r_0: "0.3 deg", eta: 0.7 }).evaluationRadius).toBeCloseTo(stored.evaluation_radius["gauss-general-e-phi"]!, 12);
    expect(new ShellSpatialModel({ radius: "0.5 deg", width: "0.1 deg" }).evaluationRadius).toBeCloseTo(stored.evaluation_radius["shell"]!, 12);
    expect(new Shell2SpatialModel({ r_0: "0.6 deg", eta: 0.2 }).evaluationRadius).toBe(stored.evaluation_radius["shell2"]);
  });

  const live = runGammapy<Reference>([script, "reference"]);
  test.skipIf(live === undefined)("live Gammapy run gives the same numbers", () => {
    checkCases(live!);
  });
});

describe("shapes", () => {
  test("gamma function", () => {
    expectClose([gammaFunction(0.5), gammaFunction(1), gammaFunction(5), gammaFunction(0.02), gammaFunction(1.4)], [Math.sqrt(Math.PI), 1, 24, 49.442210163195654, 0.8872638175030753], 2e-15);
  });

  test("eta = 1/2 is a Gaussian with sigma = r_0 / sqrt(2)", () => {
    const g = new GeneralizedGaussianSpatialModel({ r_0: "0.2 deg", eta: 0.5 });
    const [peak, at] = g.evaluate(Float64Array.of(0, 0), Float64Array.of(0, 0.2));
    const r0 = (0.2 * Math.PI) / 180;
    expect(peak).toBeCloseTo(1 / (Math.PI * r0 * r0), 6);
    expect(at! / peak!).toBeCloseTo(Math.exp(-1), 12);
  });

  test("the elongated model is longest along phi", () => {
    const g = new GeneralizedGaussianSpatialModel({ r_0: "0.5 deg", eta: 0.6, e: 0.8, phi: "90 deg" });
    const [east, north] = g.evaluate(Float64Array.of(0.5, 0), Float64Array.of(0, 0.3));
    // major axis 0.5 deg east, minor 0.3 deg north: both at z = 1
    expect(east! / north!).toBeCloseTo(1, 5);
  });

  test("shell: maximum at r_in, zero beyond r_out, flat-sky normalisation integrates to 1", () => {
    const shell = new ShellSpatialModel({ radius: "0.5 deg", width: "0.1 deg" });
    const lat = Float64Array.of(0, 0.3, 0.5, 0.55, 0.6, 0.6000001);
    const v = shell.evaluate(new Float64Array(lat.length), lat);
    expect(Math.max(...v)).toBe(v[2]);
    expect(v[4]).toBe(0);
    expect(v[5]).toBe(0);
    // ring integration ∫ f 2π θ dθ on a fine grid
    const n = 200000;
    const theta = new Float64Array(n);
    for (let i = 0; i < n; i++) theta[i] = ((i + 0.5) * 0.6) / n;
    const f = shell.evaluate(new Float64Array(n), theta);
    let sum = 0;
    const d = ((0.6 / n) * Math.PI) / 180;
    for (let i = 0; i < n; i++) sum += f[i]! * 2 * Math.PI * ((theta[i]! * Math.PI) / 180) * d;
    expect(sum).toBeCloseTo(1, 4);
  });

  test("shell2 equals shell with radius = (1 - eta) r_0 and width = eta r_0", () => {
    const a = new Shell2SpatialModel({ lon_0: "10 deg", lat_0: "-3 deg", r_0: "0.6 deg", eta: 0.25, frame: "galactic" });
    const b = new ShellSpatialModel({ lon_0: "10 deg", lat_0: "-3 deg", radius: "0.45 deg", width: "0.15 deg", frame: "galactic" });
    const lon = Float64Array.of(10, 10.2, 9.6, 10.5);
    const lat = Float64Array.of(-3, -3.3, -2.9, -3.2);
    expectClose(a.evaluate(lon, lat), b.evaluate(lon, lat), 1e-13);
    expect(a.rIn).toBeCloseTo(0.45, 14);
  });
});

describe("template", () => {
  // 4 x 3 pixels of 0.5 deg around (0, 0), galactic: lon grows to the left (CDELT1 < 0).
  const geom = new LonLatGridGeom({ npix: [4, 3], lonRef: 0, dlon: -0.5, dlat: 0.5, refPix: [1.5, 1], frame: "galactic" });
  const data = Float64Array.from({ length: 12 }, (_, i) => 1 + i);

  test("normalised: sums to 1 over the map, unit sr-1", () => {
    const t = new TemplateSpatialModel({ geom, data, unit: "" });
    const sa = geom.solidAngle();
    let sum = 0;
    for (let i = 0; i < 12; i++) sum += t.values[i]! * sa[i]!;
    expect(sum).toBeCloseTo(1, 14);
    expect(t.unit).toBe("sr-1");
    expect(t.frame).toBe("galactic");
    expect(t.position).toEqual({ lon: 0, lat: 0, frame: "galactic" });
    expect(t.evaluationRadius).toBe(1);
  });

  test("pixel centres, bilinear between them, extrapolated in the outer half pixel, 0 beyond", () => {
    const t = new TemplateSpatialModel({ geom, data, unit: "sr-1" }, { normalize: false });
    // pixel (x, y) centre: lon = -0.5 (x - 1.5), lat = 0.5 (y - 1); value 1 + x + 4y
    const lon = Float64Array.of(0.75, 0.25 + 360, 0.5, 0.75, 0.75, 0.75, 1.05, 1.3);
    const lat = Float64Array.of(-0.5, 0, -0.25, 0.7, 0.8, -0.7, -0.5, -0.5);
    const v = t.evaluate(lon, lat);
    // (0,0) → 1; (1,1) → 6 (lon wraps at 360); halfway (0.5, 0.5) → 3.5;
    // y = 2.4 → 1 + 4·2.4 = 10.6 (extrapolated); y = 2.6 → 0; y = -0.4 → extrapolated -0.6 → clipped 0;
    // x = -0.6 → 0 (outside); x = -1.1 → 0
    expectClose(v, [1, 6, 3.5, 10.6, 0, 0, 0, 0], 1e-12, 1e-12);
  });

  test("a cube needs energies: planes interpolated in log energy, 0 outside", () => {
    const axis = MapAxis.fromNodes([1, 10], { name: "energy_true", unit: "TeV", interp: "log" });
    const g3 = new LonLatGridGeom({ npix: [4, 3], lonRef: 0, dlon: -0.5, dlat: 0.5, refPix: [1.5, 1], frame: "icrs", axes: [axis] });
    const cube = new Float64Array(24);
    cube.fill(1, 0, 12);
    cube.fill(3, 12, 24);
    const t = new TemplateSpatialModel({ geom: g3, data: cube, unit: "sr-1" }, { normalize: false });
    expect(t.isEnergyDependent).toBe(true);
    expect(() => t.evaluate(Float64Array.of(0), Float64Array.of(0))).toThrow(/energy/);
    const v = t.evaluateAtEnergy(Float64Array.of(0, 0, 0, 0), Float64Array.of(0, 0, 0, 0), Float64Array.of(1, Math.sqrt(10), 10, 40));
    // pix 0 → 1, 0.5 → 2, 1 → 3; 40 TeV: pix 1.6 → outside → 0
    expectClose(v, [1, 2, 3, 0], 1e-12);
    // MeV axes are converted
    const axisMeV = MapAxis.fromNodes([1e6, 1e7], { name: "energy_true", unit: "MeV", interp: "log" });
    const gMeV = new LonLatGridGeom({ npix: [4, 3], lonRef: 0, dlon: -0.5, dlat: 0.5, refPix: [1.5, 1], axes: [axisMeV] });
    const tMeV = new TemplateSpatialModel({ geom: gMeV, data: cube, unit: "cm-2 s-1 MeV-1 sr-1" }, { normalize: false });
    expect(tMeV.unit).toBe("cm-2 s-1 TeV-1 sr-1");
    expectClose(tMeV.evaluateAtEnergy(Float64Array.of(0), Float64Array.of(0), Float64Array.of(Math.sqrt(10))), [2e6], 1e-12);
  });

  test("a flux template goes with a norm spectrum in a SkyModel; a sr-1 one does not", () => {
    const axis = MapAxis.fromNodes([1, 10], { name: "energy_true", unit: "TeV", interp: "log" });
    const g3 = new LonLatGridGeom({ npix: [4, 3], lonRef: 0, dlon: -0.5, dlat: 0.5, refPix: [1.5, 1], axes: [axis] });
    const cube = Float64Array.from({ length: 24 }, (_, i) => (i < 12 ? 1e-12 : 1e-13));
    const flux = new TemplateSpatialModel({ geom: g3, data: cube, unit: "cm-2 s-1 TeV-1 sr-1" }, { normalize: false });
    const sky = new SkyModel({ name: "diffuse", spectral: new PowerLawNormSpectralModel({ norm: 2, tilt: 0 }), spatial: flux });
    expectClose(sky.evaluate(Float64Array.of(0), Float64Array.of(0), Float64Array.of(10)), [2e-13], 1e-12);
    const shape = new TemplateSpatialModel({ geom, data, unit: "" });
    expect(() => new SkyModel({ name: "x", spectral: new PowerLawNormSpectralModel(), spatial: shape })).toThrow(/flux units/);
    const ok = new SkyModel({ name: "y", spectral: new PowerLawSpectralModel(), spatial: shape });
    expect(ok.parameters.length).toBe(3);
  });

  test("bad axes and non-CAR files are rejected with the reason", () => {
    const time = MapAxis.fromNodes([1, 2], { name: "energy", unit: "TeV" });
    const g = new LonLatGridGeom({ npix: [4, 3], lonRef: 0, dlon: -0.5, dlat: 0.5, refPix: [1.5, 1], axes: [time] });
    expect(() => new TemplateSpatialModel({ geom: g, data: new Float64Array(24), unit: "" })).toThrow(/energy_true/);
    const dir = mkdtempSync(join(tmpdir(), "gammats-tpl-"));
    const header = Object.entries({ CTYPE1: "RA---TAN", CTYPE2: "DEC--TAN", CRVAL1: 83.6, CRVAL2: 22, CRPIX1: 2, CRPIX2: 2, CDELT1: -0.1, CDELT2: 0.1 }).map(
      ([k, v]) => [k, v] as const,
    );
    writeFitsSync(join(dir, "tan.fits"), [imageHdu({ data: new Float64Array(9), shape: [3, 3], header })]);
    expect(() => readTemplateSpatialModel(join(dir, "tan.fits"))).toThrow(/only plain lon\/lat grids.*RA---TAN/);
    process.env["GAMMATS_TEST_TEMPLATE_DIR"] = dir;
    expect(expandPath("${GAMMATS_TEST_TEMPLATE_DIR}/tan.fits")).toBe(join(dir, "tan.fits"));
    expect(() => expandPath("$GAMMATS_TEST_UNSET_VARIABLE/x.fits")).toThrow(/GAMMATS_TEST_UNSET_VARIABLE not set/);
  });
});
