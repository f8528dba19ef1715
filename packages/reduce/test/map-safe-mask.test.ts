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
