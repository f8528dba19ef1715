/**
 * info_dict of a map dataset without models (the info table's stacked rows) is summed in
 * one pass: it must give the numbers of the general path (npred from the record's npred
 * workspace), bit for bit, on seeded random cubes with NaN, negative and −0 background
 * values, with and without safe and fit masks.
 */
import { describe, expect, test } from "vitest";
import { MapAxis, WcsGeom, WcsNDMap } from "@gammats/maps";
import { Models } from "@gammats/modeling";
import { energyRange, mapDataset, mapDatasetOnOff, mapInfoDict, mapSummaryRow } from "@gammats/datasets";
import type { AnyMapDataset } from "@gammats/datasets";

function lcg(seed: number): () => number {
  let s = seed;
  return () => (s = (s * 16807) % 2147483647) / 2147483647;
}

describe("mapInfoDict without models", () => {
  const axis = MapAxis.fromEdges([1, 2, 5, 10], { name: "energy", unit: "TeV", interp: "log" });
  const geom = WcsGeom.create({ skydir: [83.6, 22], binsz: 0.05, npix: [13, 11], frame: "icrs", axes: [axis] });
  const exposureGeom = geom.toImage().toCube([axis.rename("energy_true")]);

  test("gives the general path's numbers, bit for bit", () => {
    const rnd = lcg(17);
    const special = [NaN, -0, -0.5, 0];
    const counts = new WcsNDMap(geom, Float64Array.from({ length: geom.size }, () => Math.floor(rnd() * 3)));
    const background = new WcsNDMap(geom, Float64Array.from({ length: geom.size }, (_, i) => (i % 17 === 0 ? special[(i / 17) % 4]! : rnd() * 0.7)));
    const exposure = new WcsNDMap(exposureGeom, Float64Array.from({ length: exposureGeom.size }, () => (rnd() < 0.1 ? 0 : rnd() * 1e10)), "cm2 s");
    const masks = [null, new WcsNDMap(geom, Uint8Array.from({ length: geom.size }, () => (rnd() < 0.7 ? 1 : 0)))];
    for (const maskSafe of masks) {
      for (const maskFit of masks) {
        const record = mapDataset({ name: "s", counts, background, exposure, maskSafe, maskFit });
        for (const inSafe of [true, false]) {
          const fast = mapInfoDict(record, inSafe);
          // Empty models take the general path (npred through the record's workspace).
          const general = mapInfoDict({ ...record, models: new Models([]) }, inSafe);
          for (const key of Object.keys(general) as (keyof typeof general)[]) {
            if (key === "stat_sum") continue; // NaN without models; the general path sums Cash with empty models
            expect(Object.is(fast[key], general[key]), `${key}: ${fast[key]} vs ${general[key]}`).toBe(true);
          }
          expect(fast.stat_sum).toBeNaN();
        }
      }
    }
  });
});

/** The summary row as it was built before: from the whole info_dict and a per-bin plane scan. */
function rowFromInfoDict(d: AnyMapDataset): Record<string, unknown> {
  const info = mapInfoDict(d);
  const g = (d.counts ?? d.background)!.geom;
  const axis = g.axes[0] as MapAxis;
  let energy = energyRange(axis, null);
  if (d.maskSafe !== null) {
    const npix = g.npix[0] * g.npix[1];
    const planes = new Uint8Array(axis.nbin);
    for (let i = 0; i < d.maskSafe.data.length; i++) if (d.maskSafe.data[i] !== 0) planes[Math.floor(i / npix)] = 1;
    energy = energyRange(axis, planes);
  }
  const orNull = (x: number | undefined): number | null => (x === undefined || !Number.isFinite(x) ? null : x);
  return {
    name: info.name,
    counts: info.counts,
    counts_off: orNull(info.counts_off),
    alpha: orNull(info.alpha),
    background: orNull(info.background),
    excess: orNull(info.excess),
    sqrt_ts: orNull(info.sqrt_ts),
    livetime_s: orNull(info.livetime),
    energy_min_tev: orNull(energy[0]),
    energy_max_tev: orNull(energy[1]),
    n_pixels: d.counts === null ? null : d.counts.data.length,
  };
}

describe("mapSummaryRow", () => {
  const axis = MapAxis.fromEdges([1, 2, 5, 10], { name: "energy", unit: "TeV", interp: "log" });
  const geom = WcsGeom.create({ skydir: [83.6, 22], binsz: 0.05, npix: [13, 11], frame: "icrs", axes: [axis] });
  const exposureGeom = geom.toImage().toCube([axis.rename("energy_true")]);

  test("equals the row built from the whole info_dict, bit for bit (Cash, WStat, no background, models, masks)", () => {
    const rnd = lcg(5);
    const counts = new WcsNDMap(geom, Float64Array.from({ length: geom.size }, () => Math.floor(rnd() * 3)));
    const background = new WcsNDMap(geom, Float64Array.from({ length: geom.size }, (_, i) => (i % 13 === 0 ? NaN : rnd() * 0.7)));
    const countsOff = new WcsNDMap(geom, Float64Array.from({ length: geom.size }, () => Math.floor(rnd() * 5)));
    const acceptanceOff = new WcsNDMap(geom, Float64Array.from({ length: geom.size }, () => 1 + rnd() * 4));
    const exposure = new WcsNDMap(exposureGeom, Float64Array.from({ length: exposureGeom.size }, () => rnd() * 1e10), "cm2 s");
    const planeMask = new WcsNDMap(geom, Uint8Array.from({ length: geom.size }, (_, i) => (i < geom.size / 3 ? 0 : rnd() < 0.5 ? 1 : 0)));
    const noneSafe = new WcsNDMap(geom, new Uint8Array(geom.size));
    for (const maskSafe of [null, planeMask, noneSafe]) {
      const datasets: AnyMapDataset[] = [
        mapDataset({ name: "cash", counts, background, exposure, maskSafe }),
        { ...mapDataset({ name: "models", counts, background, exposure, maskSafe }), models: new Models([]) },
        mapDataset({ name: "nobkg", counts, exposure, maskSafe }),
        mapDataset({ name: "noexposure", counts, background, maskSafe }),
        mapDatasetOnOff({ name: "onoff", counts, countsOff, acceptance: 1, acceptanceOff, exposure, maskSafe }),
        mapDatasetOnOff({ name: "nooff", counts, acceptance: 1, acceptanceOff, exposure, maskSafe }),
      ];
      for (const d of datasets) {
        const row = mapSummaryRow(d) as unknown as Record<string, unknown>;
        if (d.name === "nooff") {
          // The whole info_dict fails on its WStat stat sum without off counts; the row needs none.
          expect(() => rowFromInfoDict(d)).toThrow(/countsOff/);
          expect([row.counts_off, row.background, row.alpha]).toEqual([0, null, null]);
          continue;
        }
        const old = rowFromInfoDict(d);
        expect(Object.keys(row).sort()).toEqual(Object.keys(old).sort());
        for (const key of Object.keys(old)) expect(Object.is(row[key], old[key]), `${d.name} ${key}: ${row[key]} vs ${old[key]}`).toBe(true);
      }
    }
  });
});
