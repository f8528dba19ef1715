/**
 * TSMapEstimator with the dataset's PSF against Gammapy 1.0: a synthetic MapDataset (seeded
 * Poisson counts of a PSF-blurred point source on a flat background, a spatially varying
 * exposure, a non-diagonal edisp) with a Gaussian PSF map (`PSFMap.from_gauss`; gammats
 * uses the very same PSF array) goes to /usr/bin/python3 (map-ts-psf.py). Skips without
 * Python or Gammapy.
 *
 * Tolerances: the kernels agree to 1e-6 relative (Gammapy fills the kernel's exposure
 * into a float32 map, and integrates Gaussian models in float32); ts, sqrt_ts, norm and
 * flux to 1e-4 relative (Brent stops within rtol = 0.01 of the root, so a last-bit
 * difference in the kernel could move a pixel's final iterate; none does here), the
 * position of the largest sqrt_ts exactly.
 */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, test } from "vitest";
import { makePsfMap, mapDataset } from "@gammats/datasets";
import { MapAxis, WcsGeom, WcsNDMap } from "@gammats/maps";
import { GaussianSpatialModel, PointSpatialModel, PowerLawSpectralModel, SkyModel } from "@gammats/modeling";
import { TSMapEstimator, tsMapDataset, tsPsfKernel } from "../src/index.js";
import type { TsMapDataset } from "../src/index.js";
import { expectMapClose } from "./map-helpers.js";

const PYTHON = "/usr/bin/python3";
const SCRIPT = fileURLToPath(new URL("./map-ts-psf.py", import.meta.url));

function unavailable(): string | undefined {
  if (!existsSync(PYTHON)) return `${PYTHON} not found`;
  const r = spawnSync(PYTHON, ["-c", "import gammapy.estimators"], { encoding: "utf8" });
  return r.status === 0 ? undefined : `Gammapy not importable: ${r.stderr.trim().split("\n").pop() ?? ""}`;
}

const NX = 41;
const NY = 37;
const GEOM = { skydir: [83.63, 22.01] as [number, number], binsz: 0.02, npix: [NX, NY] as [number, number], frame: "icrs" };
const E_EDGES = [0.1, 0.3, 1, 3, 10];
const ET_EDGES = [0.07, 0.15, 0.3, 0.7, 1.5, 3.5, 7, 14];
const PSF_SIGMA = [0.12, 0.1, 0.08, 0.065, 0.05, 0.045, 0.04];
const SOURCE = [26, 15]; // x, y

interface Job {
  kernel_width: number;
  sigma?: number;
  energy_edges?: number[];
  selection_optional?: "all" | string[];
  downsampling_factor?: number;
}
const JOBS: Job[] = [
  { kernel_width: 0.5 },
  { kernel_width: 0.4, energy_edges: [0.1, 1, 10], selection_optional: "all" },
  { kernel_width: 0.5, sigma: 0.04 },
];

/** Seeded uniform numbers (mulberry32). */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function poisson(mu: number, u: () => number): number {
  let k = 0;
  let p = Math.exp(-mu);
  let s = p;
  const x = u();
  while (x > s && k < 1000) {
    k++;
    p *= mu / k;
    s += p;
  }
  return k;
}

function arrays() {
  const ne = E_EDGES.length - 1;
  const nt = ET_EDGES.length - 1;
  const plane = NX * NY;
  const u = rng(7);
  const background = new Float64Array(ne * plane);
  const counts = new Float64Array(ne * plane);
  for (let e = 0; e < ne; e++) {
    for (let y = 0; y < NY; y++) {
      for (let x = 0; x < NX; x++) {
        const b = 2.0 / (e + 1) * (1 + 0.2 * (x / NX));
        const s2 = (3.5 - 0.5 * e) ** 2;
        const r2 = (x - SOURCE[0]!) ** 2 + (y - SOURCE[1]!) ** 2;
        const src = (30 / (2 * Math.PI * s2)) * Math.exp(-r2 / (2 * s2));
        background[e * plane + y * NX + x] = b;
        counts[e * plane + y * NX + x] = poisson(b + src, u);
      }
    }
  }
  const exposure = new Float64Array(nt * plane);
  for (let t = 0; t < nt; t++) {
    for (let y = 0; y < NY; y++) for (let x = 0; x < NX; x++) exposure[t * plane + y * NX + x] = 1e10 * (1 + t) ** 1.5 * (1 + 0.3 * (y / NY)) * (1 - 0.2 * (x / NX));
  }
  // Edisp: each true bin spreads over its reco neighbours (rows sum to < 1).
  const edisp = new Float64Array(nt * ne);
  const ec = (i: number, edges: number[]) => Math.sqrt(edges[i]! * edges[i + 1]!);
  for (let t = 0; t < nt; t++) {
    for (let r = 0; r < ne; r++) {
      const d = Math.log(ec(t, ET_EDGES) / ec(r, E_EDGES));
      edisp[t * ne + r] = 0.9 * Math.exp(-(d * d) / (2 * 0.5 * 0.5));
    }
    let s = 0;
    for (let r = 0; r < ne; r++) s += edisp[t * ne + r]!;
    for (let r = 0; r < ne; r++) edisp[t * ne + r] = (0.9 * edisp[t * ne + r]!) / s;
  }
  return { counts, background, exposure, edisp };
}

const decode = (a: (number | string)[]): Float64Array =>
  Float64Array.from(a, (v) => (typeof v === "number" ? v : v === "nan" ? NaN : v === "inf" ? Infinity : -Infinity));

interface GpJob {
  maps: Record<string, Float64Array>;
  shape: number[];
  argmax: number[];
  energy_edges: number[];
  kernel: Float64Array;
  kernel_shape: number[];
}

const reason = unavailable();
if (reason !== undefined) console.log(`map-ts-psf: skipped — ${reason}`);

describe.skipIf(reason !== undefined)("TSMapEstimator with a PSF vs Gammapy 1.0", () => {
  const a = arrays();
  let gp: { psfData: Float64Array; radEdges: number[]; jobs: GpJob[] };
  let dataset: TsMapDataset;
  beforeAll(() => {
    const input = {
      geom: GEOM, energy_edges: E_EDGES, energy_true_edges: ET_EDGES, psf_sigma: PSF_SIGMA, jobs: JOBS,
      counts: Array.from(a.counts), background: Array.from(a.background), exposure: Array.from(a.exposure), edisp: Array.from(a.edisp),
    };
    const r = spawnSync(PYTHON, [SCRIPT], { input: JSON.stringify(input), encoding: "utf8", maxBuffer: 256 << 20 });
    if (r.status !== 0) throw new Error(`map-ts-psf.py failed: ${r.stderr}`);
    const raw = JSON.parse(r.stdout) as {
      psf: { data: (number | string)[]; rad_edges: number[] };
      jobs: (Omit<GpJob, "maps" | "kernel"> & { maps: Record<string, (number | string)[]>; kernel: (number | string)[] })[];
    };
    gp = {
      psfData: decode(raw.psf.data),
      radEdges: raw.psf.rad_edges,
      jobs: raw.jobs.map((j) => ({ ...j, kernel: decode(j.kernel), maps: Object.fromEntries(Object.entries(j.maps).map(([k, v]) => [k, decode(v)])) })),
    };
    const eAxis = MapAxis.fromEdges(E_EDGES, { name: "energy", unit: "TeV", interp: "log" });
    const etAxis = MapAxis.fromEdges(ET_EDGES, { name: "energy_true", unit: "TeV", interp: "log" });
    const radAxis = MapAxis.fromEdges(gp.radEdges, { name: "rad", unit: "deg", interp: "lin" });
    const psfGeom = WcsGeom.create({ npix: [2, 1], proj: "CAR", binsz: 180 }).toCube([radAxis, etAxis]);
    const psfExposure = new WcsNDMap(psfGeom.squash("rad"), new Float64Array(etAxis.nbin * 2).fill(1), "m2 s");
    const psf = makePsfMap(new WcsNDMap(psfGeom, gp.psfData, "sr-1"), psfExposure);
    dataset = {
      name: "psf",
      geom: WcsGeom.create({ ...GEOM, proj: "CAR", axes: [eAxis] }),
      counts: a.counts,
      background: a.background,
      exposure: { energyAxisTrue: etAxis, data: a.exposure },
      edisp: { matrix: a.edisp },
      psf,
    };
  }, 120_000);

  const model = (job: Job) =>
    new SkyModel({
      spectral: new PowerLawSpectralModel({ index: 2 }),
      spatial: job.sigma === undefined ? new PointSpatialModel() : new GaussianSpatialModel({ sigma: `${job.sigma} deg` }),
    });

  JOBS.forEach((job, k) => {
    test(`job ${k}: ${JSON.stringify(job)}`, () => {
      const expected = gp.jobs[k]!;
      // The kernel of the whole energy range (Gammapy: estimate_kernel on dataset.to_image()).
      const kernel = tsPsfKernel(dataset, model(job), job.kernel_width, undefined);
      expect([1, kernel.geom.npix[1], kernel.geom.npix[0]]).toEqual(expected.kernel_shape);
      // Gammapy convolves the float32 model image by FFT (single precision for that input) into
      // a float32 map: errors of ~1e-7 of the kernel's peak, relatively larger in the wings.
      expectMapClose(kernel.data, expected.kernel, 1e-6, 2e-7 * Math.max(...expected.kernel), "kernel");
      const maps = new TSMapEstimator({
        model: model(job),
        kernelWidth: job.kernel_width,
        energyEdges: job.energy_edges,
        selectionOptional: job.selection_optional as "all" | undefined,
      }).run(dataset);
      expect(Array.from(maps.geom.axes[0]!.edges)).toEqual(expected.energy_edges.map((e) => expect.closeTo(e, 12)));
      expectMapClose(maps.get("ts"), expected.maps["ts"]!, 1e-4, 1e-8, "ts");
      expectMapClose(maps.sqrtTs, expected.maps["sqrt_ts"]!, 1e-4, 1e-6, "sqrt_ts");
      expectMapClose(maps.norm, expected.maps["norm"]!, 1e-4, 1e-6 * Math.max(...expected.maps["norm_err"]!.filter(Number.isFinite)), "norm");
      expectMapClose(maps.sed("flux"), expected.maps["sed_flux"]!, 1e-4, 1e-6 * Math.max(...expected.maps["sed_flux"]!.filter(Number.isFinite).map(Math.abs)), "flux");
      if (expected.maps["norm_ul"] !== undefined) expectMapClose(maps.get("norm_ul"), expected.maps["norm_ul"]!, 1e-4, 0, "norm_ul");
      // Largest sqrt_ts: the same pixel.
      const s = maps.sqrtTs;
      let best = 0;
      for (let i = 1; i < s.length; i++) if (s[i]! > s[best]! || Number.isNaN(s[best]!)) best = i;
      const plane = NX * NY;
      expect([Math.floor(best / plane), Math.floor((best % plane) / NX), best % NX]).toEqual(expected.argmax);
    });
  });
});

describe("tsMapDataset", () => {
  test("carries a MapDataset's PSF into the kernel", () => {
    const eAxis = MapAxis.fromEdges([0.1, 1, 10], { name: "energy", unit: "TeV", interp: "log" });
    const etAxis = eAxis.rename("energy_true");
    const geom = WcsGeom.create({ skydir: [10, 20], binsz: 0.05, npix: [21, 21], frame: "icrs", proj: "CAR", axes: [eAxis] });
    const radAxis = MapAxis.fromEdges(Array.from({ length: 41 }, (_, i) => i * 0.02), { name: "rad", unit: "deg", interp: "lin" });
    const psfGeom = WcsGeom.create({ npix: [2, 1], proj: "CAR", binsz: 180 }).toCube([radAxis, etAxis]);
    const sr = (180 / Math.PI) ** 2;
    const psfData = new Float64Array(psfGeom.size);
    const r = radAxis.centers;
    for (let e = 0; e < 2; e++) for (let k = 0; k < 40; k++) psfData.fill((sr * Math.exp(-0.5 * (r[k]! / 0.1) ** 2)) / (2 * Math.PI * 0.01), (e * 40 + k) * 2, (e * 40 + k + 1) * 2);
    const psf = makePsfMap(new WcsNDMap(psfGeom, psfData, "sr-1"), null);
    const u = rng(3);
    const counts = new WcsNDMap(geom, Float64Array.from({ length: geom.size }, (_, i) => poisson(i % 441 === 220 ? 40 : 1, u)));
    const background = new WcsNDMap(geom, new Float64Array(geom.size).fill(1));
    const exposure = new WcsNDMap(geom.toImage().toCube([etAxis]), new Float64Array(geom.size).fill(1e10), "cm2 s");
    const d = tsMapDataset(mapDataset({ name: "d", counts, background, exposure, psf }));
    expect(d.psf).toBe(psf);
    const estimator = new TSMapEstimator({ kernelWidth: 0.5 });
    const withPsf = estimator.run(d).get("ts");
    const record: TsMapDataset = { name: "d", geom, counts: counts.data, background: background.data, exposure: { energyAxisTrue: etAxis, data: exposure.data }, psf };
    expect(Array.from(estimator.run(record).get("ts"))).toEqual(Array.from(withPsf));
    // Without the PSF the kernel is a single pixel: other maps.
    expect(estimator.run({ ...record, psf: undefined }).get("ts")[220]).not.toBeCloseTo(withPsf[220]!, 3);
    expect(tsPsfKernel(record, new SkyModel({ spectral: new PowerLawSpectralModel(), spatial: new PointSpatialModel() }), 0.5, undefined).geom.npix).toEqual([11, 11]);
  });
});
