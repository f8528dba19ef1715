/**
 * The norm shortcut of map datasets for flux points (`normStat`): the statistic as a
 * function of the source norm equals the full evaluation (`statSum`) at every norm, for a
 * PSF-convolved point source beside a second, fixed source and a FoV background model; the
 * norm parameter is left as it was; on/off datasets decline.
 */
import { describe, expect, test } from "vitest";
import { cashSumLinear, makePsfMap, mapDataset, mapDatasetOnOff, mapNpredBackground, mapNpredSignal } from "@gammats/datasets";
import { MapAxis, WcsGeom, WcsNDMap } from "@gammats/maps";
import {
  FoVBackgroundModel,
  GaussianSpatialModel,
  Models,
  PointSpatialModel,
  PowerLawSpectralModel,
  ScaleSpectralModel,
  SkyModel,
} from "@gammats/modeling";
import { mapFluxEstimatorDataset } from "../src/index.js";
import { maskedSum } from "../src/estimator-dataset.js";

function lcg(seed: number): () => number {
  let s = seed;
  return () => (s = (s * 16807) % 2147483647) / 2147483647;
}

describe("map dataset norm shortcut (normStat)", () => {
  const eAxis = MapAxis.fromEdges([1, 3, 10], { name: "energy", unit: "TeV", interp: "log" });
  // No edisp: the true-energy bins are the reco bins.
  const etAxis = eAxis.rename("energy_true");
  const geom = WcsGeom.create({ skydir: [83.63, 22.01], binsz: 0.04, npix: [41, 37], frame: "icrs", proj: "CAR", axes: [eAxis] });
  const rnd = lcg(11);
  const counts = new WcsNDMap(geom, Float64Array.from({ length: geom.size }, () => (rnd() < 0.2 ? Math.floor(rnd() * 4) + 1 : 0)));
  const background = new WcsNDMap(geom, Float64Array.from({ length: geom.size }, () => 0.1 + 0.2 * rnd()));
  const exposure = new WcsNDMap(geom.toImage().toCube([etAxis]), new Float64Array(etAxis.nbin * geom.toImage().size).fill(3e10), "cm2 s");
  // A Gaussian PSF (σ 0.12 and 0.1 deg) on a 2-pixel all-sky grid [sr-1].
  const radAxis = MapAxis.fromEdges(Array.from({ length: 41 }, (_, i) => i * 0.02), { name: "rad", unit: "deg", interp: "lin" });
  const psfGeom = WcsGeom.create({ npix: [2, 1], proj: "CAR", binsz: 180 }).toCube([radAxis, etAxis]);
  const psfData = new Float64Array(psfGeom.size);
  for (let e = 0; e < etAxis.nbin; e++) {
    const sigma = 0.12 - 0.02 * e;
    for (let k = 0; k < radAxis.nbin; k++) {
      const r = radAxis.centers[k]!;
      psfData.fill(((180 / Math.PI) ** 2 * Math.exp(-0.5 * (r / sigma) ** 2)) / (2 * Math.PI * sigma * sigma), (e * 40 + k) * 2, (e * 40 + k + 1) * 2);
    }
  }
  const psf = makePsfMap(new WcsNDMap(psfGeom, psfData, "sr-1"), null);
  const maskSafe = new WcsNDMap(geom, Uint8Array.from({ length: geom.size }, (_, i) => (i % 41 < 38 ? 1 : 0)));

  function models(otherAt = { lon: 83.4, lat: 22.2 }): { models: Models; norm: ScaleSpectralModel["norm"] } {
    const spectral = new ScaleSpectralModel(new PowerLawSpectralModel({ index: 2.5, amplitude: "4e-11 cm-2 s-1 TeV-1" }));
    const source = new SkyModel({ name: "src", spectral, spatial: new PointSpatialModel({ lon_0: "83.65 deg", lat_0: "22.0 deg", frame: "icrs" }) });
    const other = new SkyModel({
      name: "other",
      spectral: new PowerLawSpectralModel({ index: 2, amplitude: "1e-11 cm-2 s-1 TeV-1" }),
      spatial: new GaussianSpatialModel({ lon_0: `${otherAt.lon} deg`, lat_0: `${otherAt.lat} deg`, sigma: "0.1 deg", frame: "icrs" }),
    });
    const bkg = new FoVBackgroundModel({ datasetName: "d" });
    bkg.parameters.get("norm").value = 1.05;
    return { models: new Models([source, other, bkg]), norm: spectral.norm };
  }

  test("equals the full statistic at every norm, over an energy slice too", () => {
    const { models: m, norm } = models();
    const d = mapFluxEstimatorDataset(mapDataset({ name: "d", counts, background, exposure, psf, maskSafe, models: m }));
    const slice = Uint8Array.from(d.mask!, (v, i) => (i < geom.toImage().size ? v : 0));
    for (const mask of [d.mask!, slice]) {
      norm.value = 1;
      const factor = norm.factor;
      const stat = d.normStat!("src", norm, mask)!;
      expect(norm.factor).toBe(factor);
      for (const x of [0, 0.3, 1, 2.7]) {
        norm.value = x;
        const full = d.statSum(mask);
        expect(Math.abs(stat(x) - full)).toBeLessThan(1e-12 * Math.abs(full));
      }
      // The source matters: the statistic moves with the norm.
      expect(Math.abs(stat(2.7) - stat(1))).toBeGreaterThan(1);
    }
  });

  /** The shortcut as it was first written: whole cubes copied, the others evaluated at norm 0. */
  function referenceNormStat(record: Parameters<typeof mapNpredSignal>[0], n: Float64Array, mask: Uint8Array, norm: ScaleSpectralModel["norm"]): (x: number) => number {
    const factor = norm.factor;
    norm.value = 1;
    const source = mapNpredSignal(record, "src").data as Float64Array;
    norm.value = 0;
    const others = mapNpredSignal(record).data as Float64Array;
    norm.factor = factor;
    const b = mapNpredBackground(record)!.data as Float64Array;
    const v: number[][] = [[], [], []];
    const c: number[][] = [[], []];
    for (let i = 0; i < mask.length; i++) {
      if (mask[i] === 0) continue;
      if (source[i] !== 0) [v[0]!.push(n[i]!), v[1]!.push(others[i]! + b[i]!), v[2]!.push(source[i]!)];
      else [c[0]!.push(n[i]!), c[1]!.push(others[i]! + b[i]!)];
    }
    const [vn, vf, vv] = v.map((a) => Float64Array.from(a)) as [Float64Array, Float64Array, Float64Array];
    const [cn, cm] = c.map((a) => Float64Array.from(a)) as [Float64Array, Float64Array];
    const constant = cashSumLinear(cn.length, cn, cm, cm, 0);
    return (x) => constant + cashSumLinear(vn.length, vn, vf, vv, x);
  }

  test("gives the first version's numbers bit for bit, with and without a second model in reach", () => {
    // "other" inside the map (a second contributing model) or far outside it (none).
    for (const otherAt of [{ lon: 83.4, lat: 22.2 }, { lon: 95, lat: 40 }]) {
      const { models: m, norm } = models(otherAt);
      const record = mapDataset({ name: "d", counts, background, exposure, psf, maskSafe, models: m });
      const d = mapFluxEstimatorDataset(record);
      const slice = Uint8Array.from(d.mask!, (v, i) => (i < geom.toImage().size ? v : 0));
      for (const mask of [d.mask!, slice]) {
        const masked = { ...record, maskSafe: new WcsNDMap(geom, mask), maskFit: null };
        norm.value = 1;
        const reference = referenceNormStat(masked, d.counts, mask, norm);
        const stat = d.normStat!("src", norm, mask)!;
        for (const x of [-0.5, 0, 0.3, 1, 2.7]) expect(stat(x)).toBe(reference(x));
      }
    }
  });

  test("sums npred and the source's npred over a mask as the whole cubes do", () => {
    for (const otherAt of [{ lon: 83.4, lat: 22.2 }, { lon: 95, lat: 40 }]) {
      const { models: m, norm } = models(otherAt);
      const d = mapFluxEstimatorDataset(mapDataset({ name: "d", counts, background, exposure, psf, maskSafe, models: m }));
      const nx = geom.npix[0];
      const masks = [
        d.mask!,
        Uint8Array.from(d.mask!, (v, i) => (i < geom.toImage().size ? v : 0)),
        // Left columns only: the source near the centre may miss it; and right columns only.
        Uint8Array.from(d.mask!, (v, i) => (i % nx < 6 ? v : 0)),
        Uint8Array.from(d.mask!, (v, i) => (i % nx > 34 ? v : 0)),
        new Uint8Array(d.mask!.length),
      ];
      for (const mask of masks) {
        for (const x of [1, 0.4]) {
          norm.value = x;
          // The statistic first, as the estimator does: it evaluates the masked record.
          d.statSum(mask);
          expect(d.npredSum!(mask)).toBe(maskedSum(d.npred(), mask));
          expect(d.npredSignalSum!("src", mask)).toBe(maskedSum(d.npredSignal("src"), mask));
          expect(d.npredSignalSum!("other", mask)).toBe(maskedSum(d.npredSignal("other"), mask));
        }
      }
    }
  });

  test("declines for models it does not hold and for on/off datasets", () => {
    const { models: m, norm } = models();
    const d = mapFluxEstimatorDataset(mapDataset({ name: "d", counts, background, exposure, psf, maskSafe, models: m }));
    expect(d.normStat!("absent", norm, d.mask!)).toBeUndefined();
    const onOff = mapFluxEstimatorDataset(
      mapDatasetOnOff({ name: "d", counts, countsOff: background, acceptance: new WcsNDMap(geom, new Float64Array(geom.size).fill(1)), acceptanceOff: new WcsNDMap(geom, new Float64Array(geom.size).fill(5)), exposure, psf, maskSafe, models: m }),
    );
    expect(onOff.normStat!("src", norm, onOff.mask!)).toBeUndefined();
  });
});
