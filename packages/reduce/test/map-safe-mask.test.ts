/**
 * SafeMaskMaker on map datasets against Gammapy 1.0 (every method, default / fixed-offset
 * / given positions, on a 0.2–50 TeV dataset of each Crab run), and its map-specific rules.
 */
import { describe, expect, test } from "vitest";
import { createMapDataset, mapDataset } from "@gammats/datasets";
import { MapAxis, WcsGeom, WcsNDMap } from "@gammats/maps";
import { SafeMaskMaker, offsetMaxImage } from "@gammats/reduce";
import { checkMapMasks } from "./map-checks.js";
import { gammapyData } from "./helpers.js";
import { storedMapReference, sumOf } from "./map-helpers.js";

const data = gammapyData();
if (data.dir === undefined) console.log(`skipping the H.E.S.S. 3D safe-mask comparison: ${data.reason}`);

describe("SafeMaskMaker on map datasets vs Gammapy 1.0 (stored numbers)", () => {
  test.skipIf(data.dir === undefined)("offset-max, aeff-default, aeff-max, edisp-bias, bkg-peak, background validity", () => {
    checkMapMasks(storedMapReference(), data.dir!);
  });
});

describe("SafeMaskMaker map rules", () => {
  const energy = MapAxis.fromEnergyBounds(1, 10, 2, { unit: "TeV" });
  const geom = WcsGeom.create({ skydir: [10, 0], binsz: 0.5, width: [3, 1], axes: [energy] });

  test("offset-max keeps the pixels whose centres are closer than offset_max to the pointing", () => {
    // Pixel centres at longitudes 8.75 ... 11.25 on the equator, latitudes ±0.25.
    const img = offsetMaxImage(geom, { ra: 10, dec: 0 }, 1.0);
    expect(Array.from(img)).toEqual([0, 1, 1, 1, 1, 0, 0, 1, 1, 1, 1, 0]); // 9.25: 0.79 deg, 8.75: 1.27 deg
  });

  test("a zero or NaN background removes the bin; the energy methods need the observation", () => {
    const bkg = new Float64Array(geom.size).fill(1);
    bkg[0] = 0;
    bkg[13] = NaN;
    const ds = mapDataset({ name: "d", counts: WcsNDMap.fromGeom(geom), background: new WcsNDMap(geom, bkg) });
    const mask = new SafeMaskMaker({ methods: [] }).run(ds).maskSafe!.data;
    expect(mask.length).toBe(24);
    expect([mask[0], mask[1], mask[13], sumOf(mask)]).toEqual([0, 1, 0, 22]);
    expect(() => new SafeMaskMaker({ methods: ["offset-max"] }).run(ds)).toThrow(/'offset-max' needs the observation of dataset 'd'/);
  });

  test("the existing safe mask is kept (all false for an empty reference)", () => {
    const empty = createMapDataset(geom, { name: "ref" });
    expect(new SafeMaskMaker({ methods: [] }).run(empty).maskSafe!.data.every((v) => v === 0)).toBe(true);
  });
});

describe("SafeMaskMaker map mask, one pass over current mask, background and offset", () => {
  test("random cubes: the bin-by-bin AND of the three conditions", () => {
    let seed = 9;
    const rnd = (): number => {
      seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
      return seed / 2 ** 32;
    };
    const energy = MapAxis.fromEnergyBounds(1, 10, 3, { unit: "TeV" });
    const geom = WcsGeom.create({ skydir: [83.6, 22], binsz: 0.1, width: [3, 2], axes: [energy] });
    const n = geom.size;
    const npix = geom.npix[0] * geom.npix[1];
    const bkg = Float64Array.from({ length: n }, () => {
      const r = rnd();
      return r < 0.05 ? NaN : r < 0.1 ? 0 : r < 0.15 ? -1 : r < 0.17 ? Infinity : rnd();
    });
    const current = Uint8Array.from({ length: n }, () => (rnd() < 0.8 ? 1 : 0));
    const pointing = { ra: 83.9, dec: 22.3 };
    const observation = { obsId: 1, pointing } as never;
    const image = offsetMaxImage(geom, pointing, 1.1);
    for (const withCurrent of [false, true]) {
      for (const methods of [[], ["offset-max"]] as const) {
        const ds = mapDataset({ name: "d", counts: WcsNDMap.fromGeom(geom), background: new WcsNDMap(geom, bkg), maskSafe: withCurrent ? new WcsNDMap(geom, current) : null });
        const got = new SafeMaskMaker({ methods: [...methods], offsetMax: 1.1 }).run(ds, observation).maskSafe!.data;
        for (let k = 0; k < n; k++) {
          const b = bkg[k]!;
          const want = (withCurrent ? current[k]! : 1) && Number.isFinite(b) && b > 0 && (methods.length === 0 || image[k % npix]) ? 1 : 0;
          expect(got[k], `bin ${k}`).toBe(want);
        }
      }
    }
  });
});
