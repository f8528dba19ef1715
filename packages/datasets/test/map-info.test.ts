/**
 * info_dict of a map dataset without models (the info table's stacked rows) is summed in
 * one pass: it must give the numbers of the general path (npred from the record's npred
 * workspace), bit for bit, on seeded random cubes with NaN, negative and −0 background
 * values, with and without safe and fit masks.
 */
import { describe, expect, test } from "vitest";
import { MapAxis, WcsGeom, WcsNDMap } from "@gammats/maps";
import { Models } from "@gammats/modeling";
import { mapDataset, mapInfoDict } from "@gammats/datasets";

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
