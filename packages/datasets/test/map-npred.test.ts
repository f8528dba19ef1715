/**
 * Map dataset npred against closed forms: a power law integrated over true-energy bins
 * times a uniform exposure, point sources spread over 4 pixels, PSF kernels placed on
 * the source pixel (direct and FFT convolution), edisp folds, the FoV background norm
 * and tilt, the evaluator's caching and cut-out updates, contributions, 2D datasets; the
 * summed Cash statistic against a bin-by-bin sum.
 */
import { describe, expect, test } from "vitest";
import { EDispKernel } from "@gammats/irf";
import { MapAxis, WcsGeom, WcsNDMap } from "@gammats/maps";
import {
  ConstantTemporalModel,
  FoVBackgroundModel,
  GaussianSpatialModel,
  Models,
  PointSpatialModel,
  PowerLawNormSpectralModel,
  PowerLawSpectralModel,
  SkyModel,
} from "@gammats/modeling";
import { cashSum, createGti, mapDataset, mapEvaluators, mapNpred, mapNpredBackground, mapNpredSignal, mapStatSum } from "@gammats/datasets";
import type { MapDataset } from "@gammats/datasets";
import { relToMax, sum } from "./map-fixtures.js";

const ERECO = MapAxis.fromEnergyEdges([1, 3, 10], { unit: "TeV" });
const ETRUE = ERECO.rename("energy_true");
const EXPOSURE = 1e11; // cm2 s

function geom(npix = 41, binsz = 0.1, axis: MapAxis = ERECO): WcsGeom {
  return WcsGeom.create({ skydir: [10, 0], binsz, npix, proj: "CAR", axes: [axis] });
}

/** ∫ PL over [a, b] [cm-2 s-1]. */
function plIntegral(amplitude: number, index: number, ref: number, a: number, b: number): number {
  return ((amplitude * ref) / (1 - index)) * ((b / ref) ** (1 - index) - (a / ref) ** (1 - index));
}

function dataset(g: WcsGeom, extra: Partial<Parameters<typeof mapDataset>[0]> = {}): MapDataset {
  const trueAxis = g.axes[0]!.rename("energy_true");
  return mapDataset({
    name: "d",
    counts: WcsNDMap.fromGeom(g),
    background: WcsNDMap.fromGeom(g),
    exposure: WcsNDMap.fromGeom(g.toImage().toCube([trueAxis]), { data: new Float64Array(g.size).fill(EXPOSURE), unit: "cm2 s" }),
    ...extra,
  });
}

function point(lon: number, lat: number, name = "src", amplitude = 1e-12): SkyModel {
  return new SkyModel({
    name,
    spectral: new PowerLawSpectralModel({ index: 2.5, amplitude, reference: 1 }),
    spatial: new PointSpatialModel({ lon_0: lon, lat_0: lat }),
  });
}

function kernelMap(g: WcsGeom, npix: number, sigmaPix: number): { psfKernelMap: WcsNDMap } {
  const kg = WcsGeom.create({ skydir: [10, 0], binsz: g.pixelScales[0], npix, proj: "CAR", axes: [ETRUE] });
  const data = new Float64Array(kg.size);
  const c = (npix - 1) / 2;
  for (let t = 0; t < 2; t++) {
    let s = 0;
    for (let y = 0; y < npix; y++) for (let x = 0; x < npix; x++) s += data[(t * npix + y) * npix + x] = Math.exp(-((x - c) ** 2 + (y - c) ** 2) / (2 * (sigmaPix * (t + 1)) ** 2));
    for (let k = t * npix * npix; k < (t + 1) * npix * npix; k++) data[k]! /= s;
  }
  return { psfKernelMap: new WcsNDMap(kg, data) };
}

describe("npred of a point source", () => {
  test("at a pixel centre: all of ∫ dN/dE dE × exposure in that pixel", () => {
    const g = geom();
    const ds = dataset(g);
    ds.models = new Models([point(10, 0)]);
    const npred = mapNpredSignal(ds).data;
    const plane = 41 * 41;
    for (let r = 0; r < 2; r++) {
      const e = ERECO.edgesIn("TeV");
      const expected = plIntegral(1e-12, 2.5, 1, e[r]!, e[r + 1]!) * EXPOSURE;
      expect(npred[r * plane + 20 * 41 + 20]! / expected - 1).toBeCloseTo(0, 12);
      expect(sum(npred.subarray(r * plane, (r + 1) * plane)) / expected - 1).toBeCloseTo(0, 12);
    }
  });

  test("between pixels: bilinear weights of the 4 nearest pixels", () => {
    const g = geom();
    const ds = dataset(g);
    // 0.025 deg east (x decreases on CAR with CDELT1 < 0) and 0.05 deg north of pixel (20, 20).
    ds.models = new Models([point(10.025, 0.05)]);
    const npred = mapNpredSignal(ds).data;
    const total = sum(npred.subarray(0, 41 * 41));
    const at = (x: number, y: number): number => npred[y * 41 + x]! / total;
    expect(at(20, 20)).toBeCloseTo(0.75 * 0.5, 10);
    expect(at(19, 20)).toBeCloseTo(0.25 * 0.5, 10);
    expect(at(20, 21)).toBeCloseTo(0.75 * 0.5, 10);
    expect(at(19, 21)).toBeCloseTo(0.25 * 0.5, 10);
  });

  test("through a PSF kernel: the kernel image on the source pixel, flux conserved", () => {
    const g = geom();
    const k = kernelMap(g, 11, 1.2);
    const ds = dataset(g, { psf: k });
    ds.models = new Models([point(10, 0)]);
    const npred = mapNpredSignal(ds).data;
    for (let r = 0; r < 2; r++) {
      const e = ERECO.edgesIn("TeV");
      const flux = plIntegral(1e-12, 2.5, 1, e[r]!, e[r + 1]!) * EXPOSURE;
      const plane = npred.subarray(r * 41 * 41, (r + 1) * 41 * 41);
      expect(sum(plane) / flux - 1).toBeCloseTo(0, 12);
      for (let y = 0; y < 11; y++) {
        for (let x = 0; x < 11; x++) expect(plane[(15 + y) * 41 + 15 + x]! / flux).toBeCloseTo(k.psfKernelMap.data[(r * 11 + y) * 11 + x]!, 14);
      }
    }
  });

  test("a PSF map's kernel is made at the position of the last cut-out move, on the first npred after it", () => {
    const g = geom();
    const kernel = kernelMap(g, 11, 1.5);
    const kernelWidth = Math.max(...kernel.psfKernelMap.geom.width);
    const made: number[] = [];
    const widths: number[] = [];
    const psfMap = {
      psfMap: kernel.psfKernelMap,
      exposureMap: null,
      getPsfKernel: (_geom: WcsGeom, options?: { position?: { lon: number } }) => {
        made.push(options!.position!.lon);
        return kernel;
      },
      psfKernelWidth: (_geom: WcsGeom, options?: { position?: { lon: number } }) => {
        widths.push(options!.position!.lon);
        return kernelWidth;
      },
    };
    const ds = dataset(g, { psf: psfMap });
    const src = point(10, 0);
    ds.models = new Models([src]);
    // Judging the model (reach, cut-out) needs the width only.
    expect(mapEvaluators(ds).get("src")!.psfWidth).toBe(kernelWidth);
    expect(made).toEqual([]);
    const at10 = mapNpredSignal(ds).data;
    expect(made).toEqual([10]);
    // Within 0.1 deg of the last check: same cut-out, same kernel.
    src.parameters.get("lon_0").value = 10.05;
    mapNpredSignal(ds);
    expect(made).toEqual([10]);
    // Beyond it: a new cut-out, and the kernel at the new position.
    src.parameters.get("lon_0").value = 10.3;
    mapNpredSignal(ds);
    expect(made).toEqual([10, 10.3]);
    expect(widths).toEqual([10, 10, 10.3]);
    // The same numbers as a fixed kernel gives.
    src.parameters.get("lon_0").value = 10;
    const fixed = dataset(g, { psf: kernel });
    fixed.models = new Models([point(10, 0)]);
    expect(relToMax(at10, mapNpredSignal(fixed).data)).toBe(0);
  });

  test("a kernel large enough for the FFT route gives the same image", () => {
    const g = geom(61);
    const k = kernelMap(g, 41, 4);
    const ds = dataset(g, { psf: k });
    ds.models = new Models([point(10, 0)]);
    const ev = mapEvaluators(ds).get("src")!;
    // PSF width 41 × 0.1 deg + 2 × 0.1 deg = 43.000000000000007 pixels, rounded up to odd (as in Gammapy).
    expect([...ev.geom.npix]).toEqual([45, 45]);
    const npred = mapNpredSignal(ds).data;
    const e = ERECO.edgesIn("TeV");
    for (let r = 0; r < 2; r++) {
      const flux = plIntegral(1e-12, 2.5, 1, e[r]!, e[r + 1]!) * EXPOSURE;
      const plane = npred.subarray(r * 61 * 61, (r + 1) * 61 * 61);
      const expected = new Float64Array(61 * 61);
      for (let y = 0; y < 41; y++) for (let x = 0; x < 41; x++) expected[(10 + y) * 61 + 10 + x] = k.psfKernelMap.data[(r * 41 + y) * 41 + x]! * flux;
      expect(relToMax(plane, expected)).toBeLessThan(1e-12);
    }
  });

  test("through an edisp kernel: reco counts = Σ_t true counts × pdf(t, r)", () => {
    const g = geom();
    const etrue = MapAxis.fromEnergyEdges([0.5, 1, 2, 4, 8, 16], { unit: "TeV", name: "energy_true" });
    const edisp = EDispKernel.fromGauss(etrue, ERECO, 0.2, 0.1);
    const exposure = WcsNDMap.fromGeom(g.toImage().toCube([etrue]), { data: new Float64Array(5 * 41 * 41).fill(EXPOSURE), unit: "cm2 s" });
    const ds = mapDataset({ name: "d", counts: WcsNDMap.fromGeom(g), exposure, edisp });
    ds.models = new Models([point(10, 0)]);
    const npred = mapNpredSignal(ds).data;
    const et = etrue.edgesIn("TeV");
    for (let r = 0; r < 2; r++) {
      let expected = 0;
      for (let t = 0; t < 5; t++) expected += plIntegral(1e-12, 2.5, 1, et[t]!, et[t + 1]!) * EXPOSURE * edisp.pdfMatrix[t * 2 + r]!;
      expect(npred[r * 41 * 41 + 20 * 41 + 20]! / expected - 1).toBeCloseTo(0, 12);
    }
  });

  test("a model outside the mask does not contribute; one off the map neither", () => {
    const g = geom();
    const maskFit = WcsNDMap.fromGeom(g, { dtype: "bool" });
    for (let r = 0; r < 2; r++) for (let y = 0; y < 41; y++) for (let x = 0; x < 10; x++) maskFit.data[(r * 41 + y) * 41 + x] = 1;
    const ds = dataset(g, { maskFit });
    ds.models = new Models([point(10, 0, "centre"), point(11.5, 0, "east"), point(30, 0, "far")]);
    const evs = mapEvaluators(ds);
    expect(evs.get("centre")!.contributes).toBe(false);
    expect(evs.get("east")!.contributes).toBe(true);
    expect(evs.get("far")!.contributes).toBe(false);
    expect(sum(mapNpredSignal(ds, "centre").data)).toBe(0);
    expect(sum(mapNpredSignal(ds, "east").data)).toBeGreaterThan(0);
  });

  test("2D: one energy bin", () => {
    const axis = MapAxis.fromEnergyEdges([1, 10], { unit: "TeV" });
    const g = geom(21, 0.1, axis);
    const ds = dataset(g);
    ds.models = new Models([point(10, 0)]);
    expect(sum(mapNpred(ds).data) / (plIntegral(1e-12, 2.5, 1, 1, 10) * EXPOSURE) - 1).toBeCloseTo(0, 12);
  });
});

describe("npred of extended sources and the background", () => {
  test("a Gaussian integrates to its flux (oversampled), and its centre pixel is the Gaussian value × Ω", () => {
    const g = geom(81, 0.05);
    const ds = dataset(g);
    const gauss = new SkyModel({
      name: "g",
      spectral: new PowerLawSpectralModel({ index: 2.5, amplitude: 1e-12, reference: 1 }),
      spatial: new GaussianSpatialModel({ lon_0: 10, lat_0: 0, sigma: 0.3 }),
    });
    ds.models = new Models([gauss]);
    const npred = mapNpredSignal(ds).data;
    const flux = plIntegral(1e-12, 2.5, 1, 1, 3) * EXPOSURE;
    // Inside the 5σ + 0.1 deg cut-out nearly all of the Gaussian is kept.
    expect(sum(npred.subarray(0, 81 * 81)) / flux).toBeCloseTo(1, 4);
    const omega = g.toImage().solidAngle()[40 * 81 + 40]!;
    const s = (0.3 * Math.PI) / 180;
    expect(npred[40 * 81 + 40]! / (flux * omega)).toBeCloseTo(1 / (2 * Math.PI * s * s), -1);
  });

  test("background × norm · (E_c / E_ref)^-tilt at the reco-bin log centres; negative npred clipped to 0", () => {
    const g = geom(5);
    const bkgData = new Float64Array(g.size).fill(2);
    bkgData[3] = -1;
    const ds = dataset(g, { background: WcsNDMap.fromGeom(g, { data: bkgData }) });
    ds.models = new Models([new FoVBackgroundModel({ datasetName: "d", spectral: new PowerLawNormSpectralModel({ norm: 1.2, tilt: 0.5 }) })]);
    const b = mapNpredBackground(ds)!.data;
    expect(b[0]).toBeCloseTo(2 * 1.2 * Math.sqrt(3) ** -0.5, 12);
    expect(b[25]).toBeCloseTo(2 * 1.2 * Math.sqrt(30) ** -0.5, 12);
    expect(mapNpred(ds).data[3]).toBe(0);
    // A changed tilt is picked up (the background is cached per parameter values).
    ds.models.get("d-bkg").parameters.get("tilt").value = 0;
    expect(mapNpredBackground(ds)!.data[25]).toBeCloseTo(2.4, 12);
  });
});

describe("the evaluator's caches", () => {
  test("a spectral change rescales npred; the cut-out follows the model as Gammapy's", () => {
    const g = geom();
    const ds = dataset(g);
    const model = point(10, 0);
    ds.models = new Models([model]);
    const before = mapNpredSignal(ds).data;
    model.parameters.get("amplitude").value = 3e-12;
    const after = mapNpredSignal(ds).data;
    expect(relToMax(after, before.map((v) => 3 * v))).toBeLessThan(1e-14);
    const ev = mapEvaluators(ds).get("src")!;
    const offset0 = [...ev.offset];
    // The first spatial change re-centres the cut-out (Gammapy's cached position starts at 0, 0).
    model.parameters.get("lon_0").value = 10.05;
    mapNpredSignal(ds);
    const offset1 = [...ev.offset];
    expect(offset1).not.toEqual(offset0);
    // A move within the evaluation radius (0) + 0.1 deg keeps it ...
    model.parameters.get("lon_0").value = 10.1;
    mapNpredSignal(ds);
    expect([...ev.offset]).toEqual(offset1);
    // ... a larger one moves it.
    model.parameters.get("lon_0").value = 10.3;
    const moved = mapNpredSignal(ds).data;
    expect([...ev.offset]).not.toEqual(offset1);
    expect(moved[41 * 20 + 17]! / (3 * before[41 * 20 + 20]!)).toBeCloseTo(1, 12);
  });

  test("spatial results kept by parameter values: the same npred bits as a fresh evaluation, moves and spectral changes between", () => {
    const g = geom();
    const k = kernelMap(g, 11, 1.2);
    const model = (): SkyModel =>
      new SkyModel({
        name: "src",
        spectral: new PowerLawSpectralModel({ index: 2.5, amplitude: 1e-12, reference: 1 }),
        spatial: new GaussianSpatialModel({ lon_0: 10, lat_0: 0, sigma: 0.2 }),
      });
    const ds = dataset(g, { psf: k });
    const src = model();
    ds.models = new Models([src]);
    mapNpredSignal(ds);
    // A gradient-like walk: steps up, down and back, a move of the cut-out, spectral changes,
    // more states than are kept, a NaN parameter (never equal to a kept one).
    const steps: [string, number][] = [
      ["lon_0", 10.01], ["lon_0", 9.99], ["lon_0", 10], ["lat_0", 0.01], ["lat_0", -0.01], ["lat_0", 0], ["amplitude", 2e-12],
      ["sigma", 0.21], ["sigma", 0.19], ["sigma", 0.2], ["lon_0", 10.01], ["lat_0", 0.02], ["lat_0", 0.03], ["lat_0", 0.04], ["lat_0", 0.05],
      ["lat_0", 0.06], ["lat_0", 0], ["lon_0", 10], ["index", 2.4], ["lon_0", 10.5], ["lon_0", 10.51], ["lon_0", 10.5], ["sigma", NaN], ["sigma", 0.2], ["lon_0", 10],
    ];
    let compared = 0;
    for (const [name, value] of steps) {
      src.parameters.get(name).value = value;
      const cached = mapNpredSignal(ds).data;
      const fresh = dataset(g, { psf: k });
      const other = model();
      for (const p of src.parameters.list) other.parameters.get(p.name).value = p.value;
      fresh.models = new Models([other]);
      // The fresh evaluator centres its cut-out at the model: compare where both have it.
      const ev = mapEvaluators(ds).get("src")!;
      const evFresh = mapEvaluators(fresh).get("src")!;
      const expected = mapNpredSignal(fresh).data;
      if (ev.offsetX === evFresh.offsetX && ev.offsetY === evFresh.offsetY) {
        compared++;
        for (let i = 0; i < cached.length; i++) expect(Object.is(cached[i], expected[i]) || cached[i] === expected[i]).toBe(true);
      }
    }
    expect(compared).toBeGreaterThan(15);
  });

  test("a temporal model needs the GTIs; a constant one leaves npred unchanged", () => {
    const g = geom(11);
    const ds = dataset(g);
    const model = new SkyModel({
      name: "t",
      spectral: new PowerLawSpectralModel({ index: 2.5, amplitude: 1e-12, reference: 1 }),
      spatial: new PointSpatialModel({ lon_0: 10, lat_0: 0 }),
      temporal: new ConstantTemporalModel(),
    });
    ds.models = new Models([model]);
    expect(() => mapNpred(ds)).toThrow(/has a temporal part but the dataset has no GTI/);
    const withGti: MapDataset = { ...ds, gti: createGti([0, 100], [50, 400]) };
    withGti.models = ds.models;
    expect(sum(mapNpred(withGti).data) / (plIntegral(1e-12, 2.5, 1, 1, 10) * EXPOSURE) - 1).toBeCloseTo(0, 12);
  });
});

describe("the summed Cash statistic of a fit", () => {
  test("equals Cash of counts and npred bin by bin while the models move, the background norm changes and bins are empty", () => {
    const g = geom(41, 0.05);
    let seed = 5;
    const rnd = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
    const counts = WcsNDMap.fromGeom(g, { data: Float64Array.from({ length: g.size }, () => (rnd() < 0.3 ? Math.floor(rnd() * 3) + 1 : 0)) });
    const bkgData = Float64Array.from({ length: g.size }, () => 0.05 + 0.2 * rnd());
    // Bins without background: truncated, summed bin by bin — one far from the sources,
    // one with counts under the point source's cut-out.
    bkgData[7] = 0;
    bkgData[41 * 20 + 21] = 0;
    counts.data[41 * 20 + 21] = 2;
    const maskSafe = WcsNDMap.fromGeom(g, { data: Uint8Array.from({ length: g.size }, (_, i) => (i % 41 === 3 ? 0 : 1)) });
    const ds = dataset(g, { counts, background: WcsNDMap.fromGeom(g, { data: bkgData }), maskSafe, psf: kernelMap(g, 9, 1.5) });
    const src = point(10, 0, "src", 3e-12);
    const gauss = new SkyModel({
      name: "g",
      spectral: new PowerLawSpectralModel({ index: 2, amplitude: 1e-12, reference: 1 }),
      spatial: new GaussianSpatialModel({ lon_0: 9.5, lat_0: 0.3, sigma: 0.1 }),
    });
    const bkg = new FoVBackgroundModel({ datasetName: "d", spectral: new PowerLawNormSpectralModel({ norm: 1.1, tilt: 0.2 }) });
    ds.models = new Models([src, gauss, bkg]);
    const mask = maskSafe.data as Uint8Array;
    const check = () => {
      const brute = cashSum(g.size, counts.data as Float64Array, mapNpred(ds).data as Float64Array, mask);
      expect(Math.abs(mapStatSum(ds) - brute)).toBeLessThan(1e-12 * brute);
    };
    check();
    src.parameters.get("lon_0").value = 10.03;
    check();
    // A step beyond the evaluation radius + 0.1 deg moves the cut-out.
    src.parameters.get("lon_0").value = 10.4;
    check();
    bkg.parameters.get("norm").value = 0.7;
    check();
    // A norm that puts the background below the truncation: bin by bin.
    bkg.parameters.get("norm").value = 1e-30;
    check();
    bkg.parameters.get("norm").value = 1.3;
    gauss.parameters.get("sigma").value = 0.2;
    check();
    // One model: its npred is read off its cut-out; then none reaching the map.
    ds.models = new Models([src, bkg]);
    check();
    src.parameters.get("amplitude").value = 5e-12;
    check();
    src.parameters.get("lon_0").value = 30;
    check();
  });
});
