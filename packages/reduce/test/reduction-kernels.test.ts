/**
 * Fast paths of the 3D reduction against the general or straightforward algorithms, value
 * for value: the one-pass FoV sums of a dataset with only its background model (vs its
 * npred, predicted background and mask, then fovSums) on random cubes with NaN, zero and
 * negative background and every combination of masks; the missing-rate fill of background
 * IRFs; the per-IRF copy of the filled background.
 */
import { describe, expect, test } from "vitest";
import { mapDataset, mapDatasetMask, mapNpred, mapNpredBackground } from "@gammats/datasets";
import { Background3D } from "@gammats/irf";
import { MapAxis, WcsGeom, WcsNDMap } from "@gammats/maps";
import { FoVBackgroundModel, Models, PowerLawNormSpectralModel } from "@gammats/modeling";
import { filledBackground, fovSums, interpMissingEnergy } from "@gammats/reduce";
import { fovSumsBackgroundOnly } from "../src/background/fov-norm.js";

function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

describe("fovSumsBackgroundOnly", () => {
  const energy = MapAxis.fromEnergyEdges([1, 2, 4, 9], { name: "energy" });
  const geom = WcsGeom.create({ skydir: [83.6, 22], binsz: 0.1, width: [2, 1.5], axes: [energy] });
  const n = geom.size;
  const rnd = lcg(3);
  const counts = new WcsNDMap(geom, Float64Array.from({ length: n }, () => Math.floor(rnd() * 6)));
  const background = new WcsNDMap(
    geom,
    Float64Array.from({ length: n }, () => {
      const r = rnd();
      return r < 0.03 ? NaN : r < 0.06 ? 0 : r < 0.08 ? -0.5 * rnd() : 3 * rnd();
    }),
  );
  const bool = (p: number): WcsNDMap => new WcsNDMap(geom, Uint8Array.from({ length: n }, () => (rnd() < p ? 1 : 0)));
  const cases: [string, WcsNDMap | null, WcsNDMap | null][] = [
    ["no mask", null, null],
    ["safe mask", bool(0.8), null],
    ["fit mask", null, bool(0.7)],
    ["both", bool(0.8), bool(0.7)],
    ["nothing usable", bool(0), bool(1)],
  ];
  for (const [name, maskSafe, maskFit] of cases) {
    for (const tilt of [0, 0.3]) {
      test(`${name}, tilt ${tilt}: the general path's sums exactly`, () => {
        const spectral = new PowerLawNormSpectralModel();
        spectral.parameters.get("norm").value = 0.93;
        spectral.parameters.get("tilt").value = tilt;
        const model = new FoVBackgroundModel({ datasetName: "d", spectral });
        const ds = { ...mapDataset({ name: "d", counts, background, maskSafe }), maskFit, models: new Models([model]) };
        const npred = mapNpred(ds).data;
        const mask = mapDatasetMask(ds)?.slice() ?? new Uint8Array(n).fill(1);
        for (let i = 0; i < n; i++) if (Number.isNaN(npred[i]!)) mask[i] = 0;
        const want = fovSums(counts.data, npred, mapNpredBackground(ds)!.data, mask);
        const got = fovSumsBackgroundOnly({
          counts: counts.data,
          background: background.data,
          factors: model.evaluate(energy.centersIn("TeV")),
          planeSize: geom.npix[0] * geom.npix[1],
          maskSafe: maskSafe?.data ?? null,
          maskFit: maskFit?.data ?? null,
        });
        expect(got).toEqual(want);
        if (name !== "nothing usable") expect(got.background).not.toBe(0);
      });
    }
  }
});

describe("filledBackground", () => {
  test("fills missing rates once per IRF object", () => {
    const e = MapAxis.fromEnergyEdges([0.5, 1, 2, 4, 8], { name: "energy" });
    const lon = MapAxis.fromEdges([-2, -1, 0, 1, 2], { name: "fov_lon", unit: "deg" });
    const lat = MapAxis.fromEdges([-2, 0, 2], { name: "fov_lat", unit: "deg" });
    const data = Float64Array.from({ length: 4 * 4 * 2 }, (_, i) => (i % 7 === 3 ? 0 : 1e-3 * (1 + (i % 5))));
    const bkg = new Background3D({ axes: [e, lon, lat], data, unit: "s-1 MeV-1 sr-1" });
    const a = filledBackground(bkg);
    expect(filledBackground(bkg)).toBe(a);
    const want = interpMissingEnergy(bkg.dataIn(bkg.sourceUnit), 4);
    const got = a.dataIn("s-1 MeV-1 sr-1"); // back from the internal unit: round-off
    for (let i = 0; i < want.length; i++) expect(got[i]).toBeCloseTo(want[i]!, 15);
    expect(bkg.data[10]).toBe(0);
    expect(got[10]).toBeGreaterThan(0); // a zero rate between two valid ones was filled
    // Another IRF object with the same numbers gets its own copy.
    const other = new Background3D({ axes: [e, lon, lat], data, unit: "s-1 MeV-1 sr-1" });
    expect(filledBackground(other)).not.toBe(a);
  });
});

/** The straightforward algorithm: every column, its valid bins, log-linear fills between them. */
function interpMissingReference(data: Float64Array, nEnergy: number): Float64Array {
  const out = data.slice();
  const stride = data.length / nEnergy;
  const ok = (v: number): boolean => Number.isFinite(v) && v !== 0;
  for (let j = 0; j < stride; j++) {
    const valid: number[] = [];
    for (let e = 0; e < nEnergy; e++) if (ok(data[e * stride + j]!)) valid.push(e);
    for (let e = 0; e < nEnergy; e++) {
      if (ok(data[e * stride + j]!)) continue;
      const k = valid.findIndex((v) => v > e);
      if (k <= 0) continue;
      const [e0, e1] = [valid[k - 1]!, valid[k]!];
      const y0 = Math.log(data[e0 * stride + j]!);
      const y1 = Math.log(data[e1 * stride + j]!);
      out[e * stride + j] = Math.exp(y0 + ((y1 - y0) * (e - e0)) / (e1 - e0));
    }
  }
  return out;
}

describe("interpMissingEnergy", () => {
  test("random gaps (zeros, NaN, ±inf; at the ends, inside, whole columns): the reference fills", () => {
    const rnd = lcg(17);
    for (const [nEnergy, stride, pMissing] of [[20, 300, 0.3], [7, 50, 0.6], [1, 10, 0.5], [12, 40, 0], [9, 30, 1]] as const) {
      const data = Float64Array.from({ length: nEnergy * stride }, () => {
        const r = rnd();
        if (r < pMissing) {
          const q = rnd();
          return q < 0.7 ? 0 : q < 0.8 ? NaN : q < 0.9 ? Infinity : -Infinity;
        }
        return 10 ** (-6 * rnd());
      });
      const got = interpMissingEnergy(data, nEnergy);
      const want = interpMissingReference(data, nEnergy);
      expect(Array.from(got)).toEqual(Array.from(want));
      if (pMissing > 0 && pMissing < 1 && nEnergy > 2) expect(got.some((v, i) => v !== data[i] && !Number.isNaN(data[i]!))).toBe(true);
    }
  });
});

describe("initialMask fast path (every input given, positive)", () => {
  test("equals the general rule on random input with NaN, ±inf, zero, negative and odd mask values", async () => {
    const { initialMask } = await import("../src/map/map-safe-mask.js");
    const rnd = lcg(77);
    const special = [NaN, Infinity, -Infinity, 0, -0, -1, 1e-300, 5e-324, 1];
    for (const [n, planes] of [[0, 3], [1, 1], [37, 4], [500, 2]] as const) {
      const size = n * planes;
      const current = new Float64Array(size);
      const background = new Float64Array(size);
      for (let k = 0; k < size; k++) {
        const r = rnd();
        current[k] = r < 0.2 ? 0 : r < 0.25 ? NaN : r < 0.3 ? 2 : 1;
        background[k] = rnd() < 0.3 ? special[Math.floor(rnd() * special.length)]! : rnd() * 10;
      }
      const image = Uint8Array.from({ length: n }, () => (rnd() < 0.3 ? 0 : 1));
      const currents: ArrayLike<number>[] = [current, Uint8Array.from(current, (v) => (Number.isNaN(v) ? 0 : v))];
      for (const cur of currents) {
        const fast = new Uint8Array(size);
        initialMask(fast, cur, background, true, image);
        const want = new Uint8Array(size);
        for (let k = 0; k < size; k++) {
          let m = cur[k] ? 1 : 0;
          const b = background[k]!;
          if (!Number.isFinite(b) || !(b > 0)) m = 0;
          want[k] = m & image[k % Math.max(n, 1)]!;
        }
        expect(Array.from(fast)).toEqual(Array.from(want));
      }
    }
  });
});
