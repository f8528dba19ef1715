/**
 * The IRF maps evaluate the IRF at its offset nodes and interpolate each pixel in offset
 * only (offset-nodes.ts, offset-profiles.ts, edisp-kernel-nodes.ts); the numbers must be
 * those of the full evaluation at every pixel up to round-off: exposure, PSF map (raw and
 * normalised) and edisp kernel map, on H.E.S.S. DR1 run 23523 and CTA 1DC IRFs (skipped,
 * with the reason printed, without the data) and on synthetic IRFs with negative, NaN
 * and log-scaled values, non-zero fill values and offsets outside the axes or NaN.
 */
import { MapAxis, WcsGeom } from "@gammats/maps";
import { describe, expect, test } from "vitest";
import {
  ANY_AXIS_OUTSIDE,
  EffectiveAreaTable2D,
  EnergyDispersion2D,
  PSF3D,
  defaultRadAxis,
  makeEdispKernelMap,
  makeEdispMap,
  makeMapExposureTrueEnergy,
  makePsfMap,
  readIrfFile,
} from "../src/index.js";
import type { PsfIrf } from "../src/index.js";
import { locateOffsets, offsetNodeTable } from "../src/offset-nodes.js";
import { offsetRow } from "../src/offset-rows.js";
import { radWeights } from "../src/maps/psf-map-containment.js";
import { ctaFile, gammapyDataDir, hessFile } from "./irf-helpers.js";

const dir = gammapyDataDir();
const POINTING = { ra: 83.633333333333, dec: 21.514444444444 };
const LIVETIME = 1581.7367646954954;
const DEG2_PER_SR = (180 / Math.PI) ** 2;

/**
 * Asserts |a − e| <= rtol·|e| + atol element-wise, NaN only where expected; returns the
 * largest |a − e| / |e| over values above 1000·atol (for the log).
 */
function expectRoundOff(actual: Float64Array, expected: Float64Array, rtol: number, atol: number, what: string): number {
  expect(actual.length, `${what} length`).toBe(expected.length);
  let worst = 0;
  for (let i = 0; i < expected.length; i++) {
    const e = expected[i]!;
    const a = actual[i]!;
    if (Number.isNaN(e) || Number.isNaN(a)) {
      if (!(Number.isNaN(e) && Number.isNaN(a))) expect.fail(`${what}[${i}] = ${a}, expected ${e}`);
      continue;
    }
    if (!(Math.abs(a - e) <= atol + rtol * Math.abs(e))) expect.fail(`${what}[${i}] = ${a}, expected ${e} (rtol ${rtol}, atol ${atol})`);
    if (Math.abs(e) > 1000 * atol) worst = Math.max(worst, Math.abs(a - e) / Math.abs(e));
  }
  return worst;
}

function maxAbs(x: Float64Array): number {
  let m = 0;
  for (const v of x) if (Number.isFinite(v)) m = Math.max(m, Math.abs(v));
  return m;
}

/** Seeded uniform numbers in [0, 1) (mulberry32). */
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

/**
 * Offsets covering interpolation, extrapolation inside the edges, outside, NaN and ±∞
 * (replaced by NaN with `finite`: extrapolated to infinity without a fill value, the
 * sign of the infinite sum depends on the order of its terms).
 */
function testOffsets(axis: MapAxis, n: number, seed: number, finite = false): Float64Array {
  const r = rng(seed);
  const e = axis.edges;
  const lo = e[0]!;
  const hi = e[e.length - 1]!;
  const c = axis.centers;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = lo - 0.5 + (hi - lo + 1) * r();
  const inf = finite ? NaN : Infinity;
  out.set([NaN, inf, -inf, lo, hi, c[0]!, c[c.length - 1]!, (lo + c[0]!) / 2, (hi + c[c.length - 1]!) / 2, hi + 1e-9], 0);
  return out;
}

/** A plain PSF (no evaluateMapGrid): makePsfMap then evaluates every pixel and normalises. */
function plainPsf(psf: PSF3D): PsfIrf {
  return { evaluate: (e, o, r, out) => psf.evaluate(e, o, r, out) };
}

describe.skipIf(dir === undefined)("IRF maps from offset nodes = full evaluation (real IRFs)", () => {
  const hess = dir === undefined ? {} : readIrfFile(hessFile(dir));
  const cta = dir === undefined ? {} : readIrfFile(ctaFile(dir));
  // Wide enough for pixels beyond the offset axes (2.75 deg for H.E.S.S., 6 deg for CTA).
  const image = WcsGeom.create({ skydir: [83.633, 22.014], binsz: 0.2, width: 8, frame: "icrs" });
  const wide = WcsGeom.create({ skydir: [83.633, 22.014], binsz: 0.3, width: 15, frame: "icrs" });
  // True energies beyond the tables' ranges on both sides.
  const etrue = MapAxis.fromEnergyBounds(0.01, 300, 12, { unit: "TeV", name: "energy_true" });
  const ereco = MapAxis.fromEnergyBounds(0.3, 60, 6, { unit: "TeV", name: "energy" });

  test("exposure: H.E.S.S. 23523 and CTA 1DC", () => {
    for (const [name, aeff, geom] of [
      ["hess", hess.aeff as EffectiveAreaTable2D, image],
      ["cta", cta.aeff as EffectiveAreaTable2D, wide],
    ] as const) {
      const g = geom.toCube([etrue]);
      const fast = makeMapExposureTrueEnergy(POINTING, LIVETIME, aeff, g).data;
      const offsets = g.separation(POINTING.ra, POINTING.dec, "icrs");
      const full = aeff.evaluateGrid([etrue.centersIn("TeV"), offsets]).map((v) => v * LIVETIME);
      const rel = expectRoundOff(fast, full, 1e-12, 1e-12 * maxAbs(full), `${name} exposure`);
      console.log(`${name} exposure: max rel diff ${rel.toExponential(2)}`);
      expect(maxAbs(full)).toBeGreaterThan(1e9);
    }
  });

  test("exposure on a geometry whose planes are not the energy bins", () => {
    const aeff = hess.aeff as EffectiveAreaTable2D;
    const other = MapAxis.fromEdges([0, 1, 2], { name: "time_bin", unit: "" });
    const g = image.toCube([other, etrue]);
    const fast = makeMapExposureTrueEnergy(POINTING, LIVETIME, aeff, g).data;
    const img = image.npix[0] * image.npix[1];
    const offsets = image.separation(POINTING.ra, POINTING.dec, "icrs");
    const full = aeff.evaluateGrid([etrue.centersIn("TeV"), offsets]);
    const expected = new Float64Array(g.size);
    for (let p = 0; p < g.planeCount; p++) for (let i = 0; i < img; i++) expected[p * img + i] = full[Math.floor(p / 2) * img + i]! * LIVETIME;
    expectRoundOff(fast, expected, 1e-12, 1e-12 * maxAbs(expected), "exposure planes");
  });

  test("PSF map: H.E.S.S. 23523, raw and normalised, rad beyond the table", () => {
    const psf = hess.psf as PSF3D;
    // Rad up to 1.2 deg: beyond the table's rad axis for the outer bins.
    const rad = MapAxis.fromBounds(0, 1.2, 80, { name: "rad", unit: "deg" });
    const e = etrue.centersIn("TeV");
    const r = rad.centersIn("deg");
    const offsets = testOffsets(psf.axis("offset"), 700, 1);
    const raw = psf.evaluateMapGrid(e, r, offsets);
    const rawFull = psf.evaluateMapGridFull(e, r, offsets);
    const relRaw = expectRoundOff(raw, rawFull, 1e-12, 1e-12 * maxAbs(rawFull), "psf raw");
    const norm = { weights: radWeights(rad), factor: DEG2_PER_SR };
    const nrm = psf.evaluateMapGrid(e, r, offsets, undefined, norm);
    const nrmFull = psf.evaluateMapGridFull(e, r, offsets, undefined, norm);
    const relNorm = expectRoundOff(nrm, nrmFull, 1e-12, 1e-12 * maxAbs(nrmFull), "psf normalised");
    console.log(`hess psf: max rel diff raw ${relRaw.toExponential(2)}, normalised ${relNorm.toExponential(2)}`);
    // The map maker: node path against the plain per-pixel path.
    const g = image.toCube([defaultRadAxis(), etrue]);
    const a = makePsfMap(psf, POINTING, g).psfMap.data;
    const b = makePsfMap(plainPsf(psf), POINTING, g).psfMap.data;
    expectRoundOff(a, b, 1e-12, 1e-12 * maxAbs(b), "psf map");
    expect(maxAbs(b)).toBeGreaterThan(1e4);
  });

  test("edisp kernel map: H.E.S.S. 23523 and CTA 1DC against makeEdispMap(...).toEdispKernelMap", () => {
    for (const [name, edisp, geom] of [
      ["hess", hess.edisp as EnergyDispersion2D, image],
      ["cta", cta.edisp as EnergyDispersion2D, wide],
    ] as const) {
      const fast = makeEdispKernelMap(edisp, POINTING, geom.toCube([ereco, etrue])).edispMap.data;
      const plain = makeEdispMap(edisp, POINTING, geom.toCube([edisp.axis("migra"), etrue])).toEdispKernelMap(ereco).edispMap.data;
      // Kernel values are differences of running integrals (≤ 1): round-off of ~1e-16
      // absolute, relative only for values well above it.
      const rel = expectRoundOff(fast, plain, 1e-12, 1e-14, `${name} edisp kernel`);
      console.log(`${name} edisp kernel: max rel diff (values > 1e-11) ${rel.toExponential(2)}`);
      expect(maxAbs(plain)).toBeGreaterThan(0.3);
    }
  });

  test("node rows at NaN, ±∞ and outside offsets: H.E.S.S. and CTA effective area and edisp", () => {
    for (const aeff of [hess.aeff as EffectiveAreaTable2D, cta.aeff as EffectiveAreaTable2D]) {
      const offsets = testOffsets(aeff.axis("offset"), 500, 2);
      const e = etrue.centersIn("TeV");
      const table = offsetNodeTable(aeff, ANY_AXIS_OUTSIDE, [e, null])!;
      const pos = locateOffsets(aeff.axis("offset"), offsets);
      const out = new Float64Array(e.length * offsets.length);
      for (let row = 0; row < e.length; row++) offsetRow(table, row, pos, null, offsets.length, out, row * offsets.length, 1);
      const full = aeff.evaluateGrid([e, offsets]);
      expectRoundOff(out, full, 1e-12, 1e-12 * maxAbs(full), "aeff rows");
    }
    const edisp = hess.edisp as EnergyDispersion2D;
    const offsets = testOffsets(edisp.axis("offset"), 300, 3);
    const e = etrue.centersIn("TeV");
    const m = edisp.axis("migra").centers;
    const table = offsetNodeTable(edisp, (b) => (b & 4) !== 0 || ((b & 1) !== 0 && (b & 2) !== 0), [e, m, null])!;
    const pos = locateOffsets(edisp.axis("offset"), offsets);
    const out = new Float64Array(e.length * m.length * offsets.length);
    for (let row = 0; row < table.nrow; row++) offsetRow(table, row, pos, null, offsets.length, out, row * offsets.length, 1);
    const full = edisp.evaluateGrid([e, m, offsets]);
    expectRoundOff(out, full, 1e-12, 1e-12 * maxAbs(full), "edisp rows");
  });
});

describe("IRF maps from offset nodes = full evaluation (synthetic IRFs)", () => {
  const etrueIrf = MapAxis.fromEnergyBounds(0.1, 100, 12, { unit: "TeV", name: "energy_true" });
  const offsetAxis = MapAxis.fromBounds(0, 3, 5, { unit: "deg", name: "offset" });
  const etrue = MapAxis.fromEnergyBounds(0.03, 300, 9, { unit: "TeV", name: "energy_true" });
  const e = etrue.centersIn("TeV");

  test("effective area with negative and NaN values, log scale, fill values", () => {
    const r = rng(7);
    const n = etrueIrf.nbin * offsetAxis.nbin;
    const data = Float64Array.from({ length: n }, () => (r() < 0.2 ? -r() : 1e5 * r()));
    data[17] = NaN;
    const variants = [
      {},
      { fillValue: 7 },
      { fillValue: null },
      { valuesScale: "log" as const },
      { valuesScale: "log" as const, fillValue: 3 },
      { valuesScale: "sqrt" as const, fillValue: null },
    ];
    for (const interpolation of variants) {
      const offsets = testOffsets(offsetAxis, 400, 8, interpolation.fillValue === null);
      const aeff = new EffectiveAreaTable2D({ axes: [etrueIrf, offsetAxis], data, unit: "cm2", interpolation });
      const table = offsetNodeTable(aeff, ANY_AXIS_OUTSIDE, [e, null])!;
      expect(table).not.toBeNull();
      const pos = locateOffsets(offsetAxis, offsets);
      const out = new Float64Array(e.length * offsets.length);
      for (let row = 0; row < e.length; row++) offsetRow(table, row, pos, null, offsets.length, out, row * offsets.length, 1);
      const full = aeff.evaluateGrid([e, offsets]);
      expectRoundOff(out, full, 1e-11, 1e-12 * maxAbs(full), `aeff ${JSON.stringify(interpolation)}`);
    }
    // Log scale with data in another unit: no node table (the full path is used).
    const m2 = new EffectiveAreaTable2D({ axes: [etrueIrf, offsetAxis], data, unit: "m2", interpolation: { valuesScale: "log" } });
    expect(offsetNodeTable(m2, ANY_AXIS_OUTSIDE, [e, null])).toBeNull();
    const geom = WcsGeom.create({ skydir: [10, 20], binsz: 0.25, width: 9, frame: "icrs" }).toCube([etrue]);
    const exp = makeMapExposureTrueEnergy({ ra: 10.5, dec: 20 }, 100, m2, geom).data;
    const full = m2.evaluateGrid([e, geom.separation(10.5, 20, "icrs")]).map((v) => v * 100);
    expectRoundOff(exp, full, 0, 0, "fallback");
  });

  test("PSF table with negative values and a nearest-method fallback", () => {
    const rad = MapAxis.fromBounds(0, 0.5, 30, { name: "rad", unit: "deg" });
    const r = rng(11);
    const n = etrueIrf.nbin * offsetAxis.nbin * rad.nbin;
    const base = Float64Array.from({ length: n }, (_, i) => Math.exp(-(((i % 30) / 10) ** 2)) * (0.5 + r()));
    const withNeg = base.map((v) => (r() < 0.05 ? -v : v));
    const radMap = MapAxis.fromBounds(0, 0.7, 40, { name: "rad", unit: "deg" });
    const norm = { weights: radWeights(radMap), factor: DEG2_PER_SR };
    for (const [data, interpolation] of [
      [base, {}],
      [withNeg, {}],
      [base, { fillValue: 2 }],
      [withNeg, { fillValue: null }],
      [base, { valuesScale: "log" as const }],
      [base, { method: "nearest" as const }],
    ] as const) {
      const psf = new PSF3D({ axes: [etrueIrf, offsetAxis, rad], data, interpolation });
      const offsets = testOffsets(offsetAxis, 300, 12, "fillValue" in interpolation && interpolation.fillValue === null);
      const rc = radMap.centersIn("deg");
      const raw = psf.evaluateMapGrid(e, rc, offsets);
      const rawFull = psf.evaluateMapGridFull(e, rc, offsets);
      expectRoundOff(raw, rawFull, 1e-11, 1e-12 * maxAbs(rawFull), `psf raw ${JSON.stringify(interpolation)}`);
      const nrm = psf.evaluateMapGrid(e, rc, offsets, undefined, norm);
      const nrmFull = psf.evaluateMapGridFull(e, rc, offsets, undefined, norm);
      expectRoundOff(nrm, nrmFull, 1e-11, 1e-12 * maxAbs(nrmFull), `psf normalised ${JSON.stringify(interpolation)}`);
    }
  });

  test("edisp kernel map of Gaussian and perturbed dispersions, pixels beyond the offset axis", () => {
    // A wide migra axis: the pdfs vanish at both ends (skipped rows).
    const migra = MapAxis.fromBounds(0.05, 6, 200, { name: "migra" });
    const bias = Array.from({ length: etrueIrf.nbin }, (_, i) => 0.02 * Math.sin(i));
    const sigma = Array.from({ length: etrueIrf.nbin }, (_, i) => 0.08 + 0.04 * Math.cos(i));
    const gauss = EnergyDispersion2D.fromGauss(etrueIrf, migra, offsetAxis, bias, sigma);
    const r = rng(5);
    // Offset-dependent, with some negative and NaN values (clipped / filled pixels).
    const perturbed = gauss.data.map((v) => (v === 0 ? 0 : v * (0.5 + r()) * (r() < 0.01 ? -1 : 1)));
    perturbed[1234] = NaN;
    const ereco = MapAxis.fromEnergyBounds(0.5, 20, 5, { unit: "TeV", name: "energy" });
    const image = WcsGeom.create({ skydir: [83.63, 22.01], binsz: 0.3, width: 9, frame: "icrs" });
    const pointing = { ra: 83.63, dec: 21.51 };
    for (const [name, data, interpolation] of [
      ["gauss", gauss.data, {}],
      ["perturbed", perturbed, {}],
      ["perturbed, fill 0.01", perturbed, { fillValue: 0.01 }],
      ["perturbed, no fill", perturbed, { fillValue: null }],
      ["gauss, sqrt scale", gauss.data, { valuesScale: "sqrt" as const }],
    ] as const) {
      const edisp = new EnergyDispersion2D({ axes: gauss.axes, data, interpolation });
      const fast = makeEdispKernelMap(edisp, pointing, image.toCube([ereco, etrue])).edispMap.data;
      const plain = makeEdispMap(edisp, pointing, image.toCube([migra, etrue])).toEdispKernelMap(ereco).edispMap.data;
      expectRoundOff(fast, plain, 1e-12, 1e-14, `edisp kernel ${name}`);
      // Not trivially zero: the kernel rows sum to about 1 where the reco range covers the pdf.
      const [nx, ny] = image.npix;
      const img = nx * ny;
      const centre = Math.floor(ny / 2) * nx + Math.floor(nx / 2);
      let s = 0;
      for (let k = 0; k < 5; k++) s += fast[(4 * 5 + k) * img + centre]!;
      expect(s, name).toBeGreaterThan(0.9);
    }
  });
});
