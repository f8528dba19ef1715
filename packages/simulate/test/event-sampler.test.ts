import { describe, expect, it } from "vitest";
import { angularSeparation, offsetBy, skyToOffsetFrame } from "@gammats/core";
import {
  ExpCutoffPowerLawSpectralModel,
  GaussianSpatialModel,
  LogParabolaSpectralModel,
  PointSpatialModel,
  PowerLawSpectralModel,
  SkyModel,
} from "@gammats/modeling";
import type { SpectralModel } from "@gammats/modeling";
import {
  aeffValue,
  bkgFovValue,
  bkgValue,
  migraMean,
  migraSigma,
  psfContainmentValue,
  sampleEvents,
  syntheticSamplerIrfs,
  syntheticShapes,
} from "@gammats/simulate";
import { argmax, integrateLog, mean, variance } from "./helpers.js";

const shapes = syntheticShapes();
const SRC = { ra: 83.633, dec: 22.0145 };
// Wobble pointing 0.5 deg north of the source.
const PNT = offsetBy(SRC.ra, SRC.dec, 0, 0.5);
const pointing = { ra: PNT.lon, dec: PNT.lat };
const E_MIN = 0.05;
const E_MAX = 100;

function pointModel(spectral: SpectralModel): SkyModel {
  return new SkyModel({ name: "src", spectral, spatial: new PointSpatialModel({ lon_0: `${SRC.ra} deg`, lat_0: `${SRC.dec} deg` }) });
}

const pwl = () => new PowerLawSpectralModel({ index: 2.5, amplitude: "3.5e-11 cm-2 s-1 TeV-1", reference: "1 TeV" });

describe("source events through aeff -> edisp -> psf", () => {
  const irfs = syntheticSamplerIrfs(shapes, { background: "none" });
  const livetime = 100_000;
  const { events, expected } = sampleEvents({ irfs, pointing, livetime, gti: [[0, 110_000]], models: [pointModel(pwl())], random: 7 });
  const n = events.energy.length;

  it("expects ∫ dN/dE A dE · livetime, and draws a Poisson number around it", () => {
    const dnde = (e: number) => 3.5e-11 * e ** -2.5;
    const exact = integrateLog((e) => dnde(e) * aeffValue(shapes, e, 0.5), E_MIN, E_MAX) * livetime;
    expect(expected.sources[0]!.offset).toBeCloseTo(0.5, 10);
    expect(Math.abs(expected.sources[0]!.expected / exact - 1)).toBeLessThan(1e-3);
    expect(Math.abs(n - exact)).toBeLessThan(3 * Math.sqrt(exact));
    expect(n).toBeGreaterThan(10_000);
  });

  it("recovers the spectral index from the true energies (maximum likelihood with the known aeff)", () => {
    let sumLog = 0;
    for (let i = 0; i < n; i++) sumLog += Math.log(events.energyTrue[i]!);
    const logL = (g: number) => -g * sumLog - n * Math.log(integrateLog((e) => e ** -g * aeffValue(shapes, e, 0.5), E_MIN, E_MAX, 1000));
    const index = argmax(logL, 1.5, 3.5, 1e-5);
    // Fisher information per event = Var(ln E) under the fitted model.
    const sigma = 1 / Math.sqrt(n * variance(Array.from(events.energyTrue, Math.log)));
    expect(Math.abs(index - 2.5)).toBeLessThan(3 * sigma);
    expect(sigma).toBeLessThan(0.02);
  });

  it("smears reco energies with the migration's mean and width", () => {
    // Standardised migrations z = (μ - <μ>) / σμ are N(0, 1) where truncation is negligible.
    const z: number[] = [];
    for (let i = 0; i < n; i++) {
      const et = events.energyTrue[i]!;
      if (et < 0.5 || et > 30) continue;
      z.push((events.energy[i]! / et - migraMean(shapes, et)) / migraSigma(shapes, et, 0.5));
    }
    expect(z.length).toBeGreaterThan(3000);
    expect(Math.abs(mean(z))).toBeLessThan(3 / Math.sqrt(z.length));
    expect(Math.abs(variance(z) - 1)).toBeLessThan(3 * Math.sqrt(2 / z.length));
  });

  it("spreads directions with the PSF's containment", () => {
    const r = angularSeparation(events.ra, events.dec, events.raTrue, events.decTrue);
    // Around 1 TeV: the fraction inside the 68 % radius of each event's PSF.
    let inside = 0;
    let count = 0;
    for (let i = 0; i < n; i++) {
      const et = events.energyTrue[i]!;
      if (et < 0.8 || et > 1.25) continue;
      count++;
      if (psfContainmentValue(shapes, et, r[i]!, 0.5) < 0.68) inside++;
    }
    expect(count).toBeGreaterThan(1000);
    expect(Math.abs(inside / count - 0.68)).toBeLessThan(3 * Math.sqrt((0.68 * 0.32) / count));
    // Over all events the containment at the drawn radius is uniform: check its quartiles.
    for (const q of [0.25, 0.5, 0.75, 0.95]) {
      let k = 0;
      for (let i = 0; i < n; i++) if (psfContainmentValue(shapes, events.energyTrue[i]!, r[i]!, 0.5) < q) k++;
      expect(Math.abs(k / n - q)).toBeLessThan(3 * Math.sqrt((q * (1 - q)) / n));
    }
  });

  it("orders events by time inside the GTI", () => {
    for (let i = 1; i < n; i++) expect(events.time[i]!).toBeGreaterThanOrEqual(events.time[i - 1]!);
    expect(events.time[0]!).toBeGreaterThanOrEqual(0);
    expect(events.time[n - 1]!).toBeLessThanOrEqual(110_000);
    // Uniform: mean time at the middle within 3σ (σ = 110000 / sqrt(12 n)).
    expect(Math.abs(mean(events.time) - 55_000)).toBeLessThan((3 * 110_000) / Math.sqrt(12 * n));
  });

  it("is reproducible from the seed", () => {
    const again = sampleEvents({ irfs, pointing, livetime: 2000, gti: [[0, 2000]], models: [pointModel(pwl())], random: 7 });
    const other = sampleEvents({ irfs, pointing, livetime: 2000, gti: [[0, 2000]], models: [pointModel(pwl())], random: 7 });
    expect(Array.from(again.events.energy)).toEqual(Array.from(other.events.energy));
    expect(Array.from(again.events.ra)).toEqual(Array.from(other.events.ra));
  });
});

describe("curved spectra", () => {
  const irfs = syntheticSamplerIrfs(shapes, { background: "none" });
  const cases: [string, SpectralModel, (e: number) => number][] = [
    ["LogParabola", new LogParabolaSpectralModel({ amplitude: "3e-11 cm-2 s-1 TeV-1", reference: "1 TeV", alpha: 2.3, beta: 0.15 }), (e) => 3e-11 * e ** (-2.3 - 0.15 * Math.log(e))],
    ["ExpCutoffPowerLaw", new ExpCutoffPowerLawSpectralModel({ amplitude: "3e-11 cm-2 s-1 TeV-1", reference: "1 TeV", index: 2.0, lambda_: "0.2 TeV-1" }), (e) => 3e-11 * e ** -2 * Math.exp(-0.2 * e)],
  ];
  for (const [name, spectral, dnde] of cases) {
    it(`${name}: count and mean log energy match dN/dE · A`, () => {
      const livetime = 30_000;
      const { events, expected } = sampleEvents({ irfs, pointing, livetime, gti: [[0, livetime]], models: [pointModel(spectral)], random: 11 });
      const f = (e: number) => dnde(e) * aeffValue(shapes, e, 0.5);
      const rate = integrateLog(f, E_MIN, E_MAX);
      expect(Math.abs(expected.sources[0]!.expected / (rate * livetime) - 1)).toBeLessThan(1e-3);
      const n = events.energyTrue.length;
      expect(Math.abs(n - rate * livetime)).toBeLessThan(3 * Math.sqrt(rate * livetime));
      const meanLog = integrateLog((e) => f(e) * Math.log(e), E_MIN, E_MAX) / rate;
      const varLog = integrateLog((e) => f(e) * (Math.log(e) - meanLog) ** 2, E_MIN, E_MAX) / rate;
      expect(Math.abs(mean(Array.from(events.energyTrue, Math.log)) - meanLog)).toBeLessThan(3 * Math.sqrt(varLog / n));
    });
  }
});

describe("Gaussian source", () => {
  it("draws a Gaussian on the sky with the expected count", () => {
    const irfs = syntheticSamplerIrfs(shapes, { background: "none" });
    const model = new SkyModel({
      name: "gauss",
      spectral: pwl(),
      spatial: new GaussianSpatialModel({ lon_0: `${SRC.ra} deg`, lat_0: `${SRC.dec} deg`, sigma: "0.2 deg" }),
    });
    const livetime = 30_000;
    const { events, expected } = sampleEvents({ irfs, pointing, livetime, gti: [[0, livetime]], models: [model], random: 3 });
    const n = events.energy.length;
    const mu = expected.sources[0]!.expected;
    expect(Math.abs(n - mu)).toBeLessThan(3 * Math.sqrt(mu));
    // A 0.2 deg Gaussian around 0.5 deg offset sees a little less area than the centre.
    const point = integrateLog((e) => 3.5e-11 * e ** -2.5 * aeffValue(shapes, e, 0.5), E_MIN, E_MAX) * livetime;
    expect(mu / point).toBeGreaterThan(0.97);
    expect(mu / point).toBeLessThan(1.0);
    // Half of a 2D Gaussian lies within σ sqrt(2 ln 2).
    const sep = angularSeparation(events.raTrue, events.decTrue, SRC.ra, SRC.dec);
    let inside = 0;
    for (let i = 0; i < n; i++) if (sep[i]! < 0.2 * Math.sqrt(2 * Math.LN2)) inside++;
    expect(Math.abs(inside / n - 0.5)).toBeLessThan(3 * Math.sqrt(0.25 / n));
  });
});

describe("background events", () => {
  it("offset background: count, energy and offset distribution follow the rate", () => {
    const irfs = syntheticSamplerIrfs(shapes, { background: "offset" });
    const livetime = 1600;
    const { events, expected } = sampleEvents({ irfs, pointing, livetime, gti: [[0, livetime]], offsetMax: 2.5, random: 5 });
    const n = events.energy.length;
    const D2R = Math.PI / 180;
    // ∫∫ R(E, θ) 2π sin θ dθ dE by Simpson in θ (500 steps) and ln E.
    const radial = (e: number, tMax: number) => {
      const m = 500;
      const h = tMax / m;
      let s = 0;
      for (let i = 0; i <= m; i++) {
        const t = i * h;
        const w = i === 0 || i === m ? 1 : i % 2 === 1 ? 4 : 2;
        s += w * bkgValue(shapes, e, t) * 2 * Math.PI * Math.sin(t * D2R) * D2R;
      }
      return (s * h) / 3;
    };
    const exact = integrateLog((e) => radial(e, 2.5), E_MIN, E_MAX, 400) * livetime;
    expect(Math.abs(expected.background / exact - 1)).toBeLessThan(2e-3);
    expect(Math.abs(n - exact)).toBeLessThan(3 * Math.sqrt(exact));
    expect(events.mcId.every((m) => m === 0)).toBe(true);
    const theta = angularSeparation(events.ra, events.dec, pointing.ra, pointing.dec);
    const within1 = integrateLog((e) => radial(e, 1), E_MIN, E_MAX, 400) * livetime / exact;
    let k = 0;
    for (let i = 0; i < n; i++) if (theta[i]! < 1) k++;
    expect(Math.abs(k / n - within1)).toBeLessThan(3 * Math.sqrt((within1 * (1 - within1)) / n));
    const above1 = integrateLog((e) => radial(e, 2.5), 1, E_MAX, 400) * livetime / exact;
    let m1 = 0;
    for (let i = 0; i < n; i++) if (events.energy[i]! > 1) m1++;
    expect(Math.abs(m1 / n - above1)).toBeLessThan(3 * Math.sqrt((above1 * (1 - above1)) / n));
  });

  it("field-of-view background: the gradient along fov_lat shows in the events", () => {
    const steep = syntheticShapes({ bkgGradient: 0.3 });
    const irfs = syntheticSamplerIrfs(steep, { background: "fov" });
    const livetime = 1600;
    const { events, expected } = sampleEvents({ irfs, pointing, livetime, gti: [[0, livetime]], offsetMax: 2.0, random: 9 });
    const n = events.energy.length;
    expect(Math.abs(n - expected.background)).toBeLessThan(3 * Math.sqrt(expected.background));
    // Expected mean fov_lat over the disk of 2 deg, energy-integrated (the rate factorises).
    let w = 0;
    let wl = 0;
    for (let i = -200; i <= 200; i++) {
      for (let j = -200; j <= 200; j++) {
        const x = i * 0.01;
        const y = j * 0.01;
        if (Math.hypot(x, y) > 2) continue;
        const v = bkgFovValue(steep, 1, x, y);
        w += v;
        wl += v * y;
      }
    }
    const fov = skyToOffsetFrame(events.ra, events.dec, pointing.ra, pointing.dec);
    const lat = Array.from(fov.lat);
    expect(Math.abs(mean(lat) - wl / w)).toBeLessThan(3 * Math.sqrt(variance(lat) / n));
    expect(wl / w).toBeGreaterThan(0.05);
  });
});
