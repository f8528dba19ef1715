/**
 * Spectral and spatial models against Gammapy 1.0 — dN/dE, integral, energy flux,
 * E²dN/dE and error propagation for every spectral model; Gaussian (with e, phi) and disk
 * surface brightness — with the stored reference numbers and (when /usr/bin/python3 has
 * Gammapy) a live run of the same script.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, test } from "vitest";
import { Parameter, findSpatialModelType, findSpectralModelType, type Frame, type SpatialModel, type SpectralModel } from "@gammats/modeling";
import { expectClose, runGammapy } from "./helpers.js";

interface ParameterRecord {
  name: string;
  value: number;
  unit: string;
}
interface SpectralCase {
  tag: string;
  parameters: ParameterRecord[];
  dnde: number[];
  integral: number[];
  integral_single: number[];
  energy_flux: number[];
  e2dnde: number[];
}
interface ErrorCase {
  tag: string;
  parameters: ParameterRecord[];
  covariance: number[];
  dnde: number[];
  dnde_err: number[];
  flux: number[];
  flux_err: number[];
  eflux: number[];
  eflux_err: number[];
}
interface SpatialCase {
  tag: string;
  frame: Frame;
  parameters: ParameterRecord[];
  value: number[];
}
interface Reference {
  gammapy: string;
  energy: number[];
  emin: number[];
  emax: number[];
  spectral: Record<string, SpectralCase>;
  errors: { pl: ErrorCase; ecpl: ErrorCase; pl_pivot_energy: number };
  lon: number[];
  lat: number[];
  spatial: Record<string, SpatialCase>;
  spatial_icrs_points: SpatialCase;
}

const script = fileURLToPath(new URL("./gammapy-reference.py", import.meta.url));
const stored = JSON.parse(
  readFileSync(new URL("./fixtures/gammapy-1.0-reference.json", import.meta.url), "utf8"),
) as Reference;

/** Builds a gammats model from Gammapy's tag and parameter list (units as Gammapy wrote them). */
export function buildSpectral(c: { tag: string; parameters: ParameterRecord[] }): SpectralModel {
  const type = findSpectralModelType(c.tag);
  if (type === undefined) throw new Error(`no gammats type for ${c.tag}`);
  const pars: Record<string, Parameter> = {};
  for (const p of c.parameters) pars[p.name] = new Parameter({ name: p.name, value: p.value, unit: p.unit });
  return type.create(pars);
}

// Closed forms agree to rounding; numerical integrals use the same grid and rule, so
// only pow/log rounding differs.
const ANALYTIC = 1e-13;
const NUMERIC = 1e-10;

function checkSpectral(ref: Reference): void {
  const energy = Float64Array.from(ref.energy);
  for (const [key, c] of Object.entries(ref.spectral)) {
    const model = buildSpectral(c);
    expectClose(model.evaluate(energy), c.dnde, ANALYTIC, 0, `${key} dnde`);
    expectClose(model.e2dnde(energy), c.e2dnde, ANALYTIC, 0, `${key} e2dnde`);
    expectClose(model.integral(ref.emin, ref.emax), c.integral, NUMERIC, 0, `${key} integral`);
    const single = ref.emin.map((lo, i) => model.integral(lo, ref.emax[i]!)[0]!);
    expectClose(single, c.integral_single, NUMERIC, 0, `${key} integral (one bin per call)`);
    expectClose(model.energyFlux(ref.emin, ref.emax), c.energy_flux, NUMERIC, 0, `${key} energy flux`);
  }
}

function checkErrors(ref: Reference): void {
  const energy = Float64Array.from(ref.energy);
  for (const key of ["pl", "ecpl"] as const) {
    const c = ref.errors[key];
    const model = buildSpectral(c);
    model.covariance = c.covariance;
    const dnde = model.evaluateError(energy);
    expectClose(dnde.value, c.dnde, NUMERIC, 0, `${key} dnde`);
    expectClose(dnde.error, c.dnde_err, 1e-6, 0, `${key} dnde error`);
    const flux = model.integralError(ref.emin, ref.emax);
    expectClose(flux.value, c.flux, NUMERIC, 0, `${key} flux`);
    expectClose(flux.error, c.flux_err, 1e-6, 0, `${key} flux error`);
    const eflux = model.energyFluxError(ref.emin, ref.emax);
    expectClose(eflux.value, c.eflux, NUMERIC, 0, `${key} eflux`);
    expectClose(eflux.error, c.eflux_err, 1e-6, 0, `${key} eflux error`);
  }
  const pl = buildSpectral(ref.errors.pl) as import("@gammats/modeling").PowerLawSpectralModel;
  pl.covariance = ref.errors.pl.covariance;
  expect(pl.pivotEnergy()).toBeCloseTo(ref.errors.pl_pivot_energy, 12);
}

function buildSpatial(c: SpatialCase): SpatialModel {
  const type = findSpatialModelType(c.tag)!;
  const pars: Record<string, Parameter> = {};
  for (const p of c.parameters) pars[p.name] = new Parameter({ name: p.name, value: p.value, unit: p.unit });
  return type.create(pars, c.frame);
}

// gammats computes 1 - cos x as 2 sin²(x/2) (no cancellation); Gammapy's 1 - cos x carries ~1e-11 rounding.
const SPATIAL = 1e-9;

function checkSpatial(ref: Reference): void {
  const lon = Float64Array.from(ref.lon);
  const lat = Float64Array.from(ref.lat);
  expect(Object.keys(ref.spatial)).toEqual(["gauss", "gauss-elongated", "gauss-wide", "disk", "disk-elongated"]);
  for (const [key, c] of Object.entries(ref.spatial)) {
    // values below 1e-12 of the peak are edge tails; compare them absolutely
    const peak = Math.max(...c.value);
    expectClose(buildSpatial(c).evaluate(lon, lat), c.value, SPATIAL, peak * 1e-12, key);
  }
  // a galactic model at ICRS positions: core's frame rotation vs astropy's
  const c = ref.spatial_icrs_points;
  const values = buildSpatial(c).evaluateInFrame(lon, lat, "icrs");
  expectClose(values, c.value, 1e-9, 0, "galactic gauss at icrs points");
}

describe("spectral models vs stored Gammapy 1.0 numbers", () => {
  test("every model: dnde, e2dnde, integral, energy flux", () => {
    expect(stored.gammapy).toBe("1.0");
    expect(Object.keys(stored.spectral)).toHaveLength(12);
    checkSpectral(stored);
  });
  test("error propagation (evaluate, integral, energy flux; pivot energy)", () => checkErrors(stored));
});

describe("spatial models vs stored Gammapy 1.0 numbers", () => {
  test("gauss (e = 0, 0.6; sigma 0.3°, 5°), disk (e = 0, 0.8; smooth edge)", () => checkSpatial(stored));
});

describe("live Gammapy", () => {
  const live = runGammapy<Reference>([script]);
  test.skipIf(live === undefined)("same script, run now: spectral, errors, spatial", () => {
    checkSpectral(live!);
    checkErrors(live!);
    checkSpatial(live!);
  });
});
