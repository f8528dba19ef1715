/**
 * The evaluator's point-source path (a 2 x 2 block convolved with the PSF and times the
 * exposure in one pass) must give bit for bit what convolveSameAt over the block followed
 * by the product gives: every block position (corners and edges clip the footprint), odd
 * and even kernels larger and smaller than the image, kernels with zeros, negative values,
 * NaN and ±Infinity, scales with NaN, ±Infinity, 0 and negative values. And the
 * evaluator's npred on that path, with the fold skipping the pixels outside the block's
 * footprint, against the previous route written out by hand; and the masked bins list.
 */
import { describe, expect, it } from "vitest";
import { EDispKernel } from "@gammats/irf";
import { MapAxis, WcsGeom, WcsNDMap, blockFootprint, convolveBlockTimes, convolveSameAt, isFiniteBlock2x2, nonZeroPixels, padKernel } from "@gammats/maps";
import { PointSpatialModel, PowerLawSpectralModel, SkyModel } from "@gammats/modeling";
import { MapEvaluator } from "../src/map/map-evaluator.js";
import { SpatialIntegrator } from "../src/map/spatial-integration.js";
import { mapDataset } from "../src/map/map-dataset.js";
import { npredSignalParts } from "../src/map/map-npred.js";

const same = (a: Float64Array, b: Float64Array): boolean => a.length === b.length && a.every((v, i) => Object.is(v, b[i]));

/** A small deterministic generator (mulberry32). */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The previous route: convolveSameAt into a zeroed plane, then × scale. */
function reference(p: number, img: Float64Array, ny: number, nx: number, kernel: Float64Array, ky: number, kx: number, scale: Float64Array): Float64Array {
  const idx = new Int32Array(ny * nx);
  const n = nonZeroPixels(img, 0, ny * nx, idx);
  expect(n).toBe(4);
  expect(idx[0]).toBe(p);
  const conv = convolveSameAt(idx, n, img, 0, ny, nx, kernel, 0, ky, kx, new Float64Array(ny * nx).fill(3), 0);
  const out = new Float64Array(ny * nx);
  for (let i = 0; i < out.length; i++) out[i] = conv[i]! * scale[i]!;
  return out;
}

/** Whether every value outside the box (x0, x1, y0, y1) is ±0. */
function zeroOutside(a: Float64Array, nx: number, box: Int32Array): boolean {
  for (let i = 0; i < a.length; i++) {
    const x = i % nx;
    const y = Math.floor(i / nx);
    if ((x < box[0]! || x >= box[1]! || y < box[2]! || y >= box[3]!) && a[i] !== 0) return false;
  }
  return true;
}

function blockImage(p: number, ny: number, nx: number, r: () => number): Float64Array {
  const img = new Float64Array(ny * nx);
  for (const i of [p, p + 1, p + nx, p + nx + 1]) img[i] = 0.01 + r();
  return img;
}

describe("convolveBlockTimes", () => {
  it("equals convolveSameAt then × scale at every block position, several kernel shapes", () => {
    const r = rng(7);
    const shapes: [number, number, number, number][] = [
      [9, 11, 5, 7],
      [7, 7, 9, 9],
      [6, 8, 4, 6],
      [12, 10, 3, 1],
      [5, 5, 1, 1],
      [8, 9, 15, 13],
    ];
    let checked = 0;
    for (const [ny, nx, ky, kx] of shapes) {
      const kernel = Float64Array.from({ length: ky * kx }, (_, i) => (i % 5 === 0 ? 0 : r() / 10));
      const scale = Float64Array.from({ length: ny * nx }, () => 1e11 * r());
      const padded = padKernel(kernel, 0, ky, kx);
      for (let y = 0; y + 1 < ny; y++) {
        for (let x = 0; x + 1 < nx; x++) {
          const p = y * nx + x;
          const img = blockImage(p, ny, nx, r);
          const idx = new Int32Array(ny * nx);
          expect(isFiniteBlock2x2(idx, nonZeroPixels(img, 0, ny * nx, idx), img, 0, nx)).toBe(true);
          const got = new Float64Array(ny * nx).fill(5);
          expect(convolveBlockTimes(p, img, 0, ny, nx, padded, ky, kx, scale, 0, got, 0)).toBe(true);
          expect(same(got, reference(p, img, ny, nx, kernel, ky, kx, scale))).toBe(true);
          expect(zeroOutside(got, nx, blockFootprint(p, ny, nx, ky, kx, new Int32Array(4)))).toBe(true);
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(300);
  });

  it("keeps NaN, ±Infinity, zeros and signs as the previous route", () => {
    const r = rng(11);
    const ny = 10;
    const nx = 9;
    const ky = 7;
    const kx = 5;
    const kernel = Float64Array.from({ length: ky * kx }, (_, i) => (i % 4 === 0 ? 0 : r() - 0.5));
    kernel[3] = NaN;
    kernel[17] = Infinity;
    kernel[22] = -Infinity;
    kernel[9] = -0;
    const scale = Float64Array.from({ length: ny * nx }, () => r() - 0.3);
    // Close together: some footprints hold all of them (flag true), others not.
    scale[5] = Infinity;
    scale[22] = NaN;
    scale[40] = -Infinity;
    scale[41] = 0;
    const padded = padKernel(kernel, 0, ky, kx);
    const flags = new Set<boolean>();
    for (let y = 0; y + 1 < ny; y++) {
      for (let x = 0; x + 1 < nx; x++) {
        const p = y * nx + x;
        const img = blockImage(p, ny, nx, r);
        if ((x + y) % 3 === 0) img[p + nx] = -img[p + nx]!;
        const got = new Float64Array(ny * nx);
        const zeros = convolveBlockTimes(p, img, 0, ny, nx, padded, ky, kx, scale, 0, got, 0);
        expect(same(got, reference(p, img, ny, nx, kernel, ky, kx, scale))).toBe(true);
        // The flag says whether the products outside the footprint are all ±0.
        expect(zeros).toBe(zeroOutside(got, nx, blockFootprint(p, ny, nx, ky, kx, new Int32Array(4))));
        flags.add(zeros);
      }
    }
    expect(flags.size).toBe(2);
  });

  it("reads and writes planes at offsets", () => {
    const r = rng(3);
    const ny = 6;
    const nx = 7;
    const ky = 5;
    const kx = 5;
    const kernels = Float64Array.from({ length: 2 * ky * kx }, () => r());
    const scale = Float64Array.from({ length: 3 * ny * nx }, () => r());
    const p = 2 * nx + 3;
    const img = new Float64Array(2 * ny * nx);
    img.set(blockImage(p, ny, nx, r), ny * nx);
    const out = new Float64Array(3 * ny * nx).fill(-1);
    convolveBlockTimes(p, img, ny * nx, ny, nx, padKernel(kernels, ky * kx, ky, kx), ky, kx, scale, 2 * ny * nx, out, ny * nx);
    const want = reference(p, img.slice(ny * nx), ny, nx, kernels.slice(ky * kx), ky, kx, scale.slice(2 * ny * nx));
    expect(same(out.slice(ny * nx, 2 * ny * nx), want)).toBe(true);
    expect(out.slice(0, ny * nx).every((v) => v === -1)).toBe(true);
    expect(out.slice(2 * ny * nx).every((v) => v === -1)).toBe(true);
  });
});

describe("isFiniteBlock2x2", () => {
  const nx = 5;
  const check = (values: [number, number][]): boolean => {
    const img = new Float64Array(4 * nx);
    for (const [i, v] of values) img[i] = v;
    const idx = new Int32Array(img.length);
    return isFiniteBlock2x2(idx, nonZeroPixels(img, 0, img.length, idx), img, 0, nx);
  };
  it("accepts a finite block, rejects others", () => {
    expect(check([[6, 1], [7, 2], [11, 3], [12, 4]])).toBe(true);
    // Three pixels (a source on a pixel edge), a wrapped "block", a NaN, an infinity, five pixels.
    expect(check([[6, 1], [7, 2], [11, 3]])).toBe(false);
    expect(check([[4, 1], [5, 2], [9, 3], [10, 4]])).toBe(false);
    expect(check([[6, NaN], [7, 2], [11, 3], [12, 4]])).toBe(false);
    expect(check([[6, 1], [7, 2], [11, Infinity], [12, 4]])).toBe(false);
    expect(check([[6, 1], [7, 2], [11, 3], [12, 4], [0, 1]])).toBe(false);
    expect(check([[6, 1], [7, 2], [12, 3], [13, 4]])).toBe(false);
  });
});

describe("padKernel", () => {
  it("puts the kernel inside a zero border", () => {
    expect(Array.from(padKernel(Float64Array.of(9, 1, 2, 3, 4), 1, 2, 2))).toEqual([0, 0, 0, 0, 0, 1, 2, 0, 0, 3, 4, 0, 0, 0, 0, 0]);
  });
});

describe("MapEvaluator on a point source (block convolution, fold inside the footprint)", () => {
  const ereco = MapAxis.fromEnergyEdges([1, 3, 10], { unit: "TeV" });
  const etrue = MapAxis.fromEnergyEdges([0.7, 2, 5, 12], { unit: "TeV", name: "energy_true" });
  const nt = 3;
  const g = WcsGeom.create({ skydir: [10, 0], binsz: 0.1, npix: 41, proj: "CAR", axes: [ereco] });
  const kernel = (): { psfKernelMap: WcsNDMap } => {
    const npix = 9;
    const kg = WcsGeom.create({ skydir: [10, 0], binsz: 0.1, npix, proj: "CAR", axes: [etrue] });
    const data = new Float64Array(kg.size);
    for (let t = 0; t < nt; t++) for (let y = 0; y < npix; y++) for (let x = 0; x < npix; x++) data[(t * npix + y) * npix + x] = Math.exp(-((x - 4) ** 2 + (y - 3.7) ** 2) / (2 * (t + 1.3)));
    return { psfKernelMap: new WcsNDMap(kg, data) };
  };

  /** The previous route by hand: integrate, convolveSameAt, × exposure, fold from 0 over non-zero weights in order. */
  function reference(ev: MapEvaluator, model: SkyModel, exposure: WcsNDMap, psf: Float64Array, pdf: Float64Array): Float64Array {
    const [nx, ny] = ev.geom.npix;
    const npix = nx * ny;
    const spatial = new SpatialIntegrator(model.spatial!, ev.geom.toImage()).integrate(new Float64Array(npix));
    const idx = new Int32Array(npix);
    const count = nonZeroPixels(spatial, 0, npix, idx);
    const [fnx, fny] = exposure.geom.npix;
    const e = exposure.data as Float64Array;
    const se = new Float64Array(nt * npix);
    const conv = new Float64Array(npix);
    for (let t = 0; t < nt; t++) {
      convolveSameAt(idx, count, spatial, 0, ny, nx, psf, t * 81, 9, 9, conv, 0);
      for (let y = 0; y < ny; y++) for (let x = 0; x < nx; x++) se[t * npix + y * nx + x] = conv[y * nx + x]! * e[(t * fny + y + ev.offsetY) * fnx + x + ev.offsetX]!;
    }
    const edges = etrue.edgesIn("TeV");
    const flux = model.spectral.integral(edges.slice(0, -1), edges.slice(1));
    const nr = 2;
    const out = new Float64Array(nr * npix);
    for (let r = 0; r < nr; r++) {
      for (let k = 0; k < npix; k++) {
        let s = 0;
        for (let t = 0; t < nt; t++) {
          const w = flux[t]! * pdf[t * nr + r]!;
          if (w !== 0) s += w * se[t * npix + k]!;
        }
        out[r * npix + k] = s;
      }
    }
    return out;
  }

  const cases: [string, (data: Float64Array) => void][] = [
    ["a finite exposure", () => undefined],
    ["a NaN exposure in the cut-out's corner, outside the footprint", (d) => {
      d[41 * 41 + 15 * 41 + 15] = NaN;
    }],
  ];
  for (const [name, spoil] of cases) {
    it(`equals the previous route bit for bit with ${name}, source moved and amplitude changed`, () => {
      const r = rng(5);
      const data = Float64Array.from({ length: nt * 41 * 41 }, () => 1e11 * (0.5 + r()));
      spoil(data);
      const exposure = new WcsNDMap(g.toImage().toCube([etrue]), data);
      const edisp = EDispKernel.fromGauss(etrue, ereco, 0.2, 0.1);
      const psf = kernel();
      const model = new SkyModel({
        name: "src",
        spectral: new PowerLawSpectralModel({ index: 2.5, amplitude: 1e-12, reference: 1 }),
        spatial: new PointSpatialModel({ lon_0: 10.013, lat_0: 0.027 }),
      });
      const ev = new MapEvaluator(model, { exposure, psf, edisp, recoAxis: ereco, gti: null });
      const positions: [number, number, number][] = [
        [10.013, 0.027, 1e-12],
        [10.013, 0.027, 2e-12],
        [10.041, -0.018, 2e-12],
        [10.0, 0.0, 2e-12], // a pixel centre: one non-zero pixel, the general route
        [10.013, 0.027, 3e-12], // back to a kept spatial result
        [10.2, 0.1, 3e-12],
      ];
      let nanSeen = false;
      for (const [lon, lat, amp] of positions) {
        model.parameters.get("lon_0").value = lon;
        model.parameters.get("lat_0").value = lat;
        model.parameters.get("amplitude").value = amp;
        if (ev.needsUpdate()) ev.update(null);
        const got = ev.computeNpred();
        expect(same(got, reference(ev, model, exposure, psf.psfKernelMap.data as Float64Array, edisp.pdfMatrix))).toBe(true);
        expect(got.some((v) => v > 0)).toBe(true);
        nanSeen ||= got.some((v) => Number.isNaN(v));
      }
      expect(nanSeen).toBe(name.startsWith("a NaN"));
    });
  }
});

describe("npredSignalParts maskBins", () => {
  it("lists the set bins of maskSafe ∧ maskFit, ascending, as a scan of the mask", () => {
    const ereco = MapAxis.fromEnergyEdges([1, 3, 10], { unit: "TeV" });
    const g = WcsGeom.create({ skydir: [10, 0], binsz: 0.1, npix: [13, 9], proj: "CAR", axes: [ereco] });
    const r = rng(9);
    const variants: [string, (i: number) => number, (i: number) => number][] = [
      ["random", () => (r() < 0.6 ? 1 : 0), () => (r() < 0.8 ? 1 : 0)],
      ["all set", () => 1, () => 1],
      ["none set", () => 0, () => 1],
      ["first and last only", (i) => (i === 0 || i === g.size - 1 ? 1 : 0), () => 1],
    ];
    for (const [, safe, fit] of variants) {
      const maskSafe = new WcsNDMap(g, Uint8Array.from({ length: g.size }, (_, i) => safe(i)));
      const maskFit = new WcsNDMap(g, Uint8Array.from({ length: g.size }, (_, i) => fit(i)));
      const ds = mapDataset({ name: "d", counts: WcsNDMap.fromGeom(g), background: WcsNDMap.fromGeom(g), maskSafe, maskFit });
      const want: number[] = [];
      for (let i = 0; i < g.size; i++) if (maskSafe.data[i]! !== 0 && maskFit.data[i]! !== 0) want.push(i);
      const bins = npredSignalParts(ds, false).maskBins;
      expect(bins).toBeInstanceOf(Uint32Array);
      expect(Array.from(bins)).toEqual(want);
    }
    const open = mapDataset({ name: "d", counts: WcsNDMap.fromGeom(g), background: WcsNDMap.fromGeom(g) });
    expect(Array.from(npredSignalParts(open, false).maskBins)).toEqual(Array.from({ length: g.size }, (_, i) => i));
  });
});
