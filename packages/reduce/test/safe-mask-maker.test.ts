import { describe, expect, test } from "vitest";
import { MapAxis, RegionGeom, RegionNDMap } from "@gammats/maps";
import { createSpectrumDataset, createSpectrumDatasetOnOff } from "@gammats/datasets";
import { SafeMaskMaker } from "@gammats/reduce";
import { checkMasks, makeRun } from "./checks.js";
import { gammapyData, hessStore, storedReference } from "./helpers.js";

const data = gammapyData();
if (data.dir === undefined) console.log(`skipping the real-data SafeMaskMaker tests: ${data.reason}`);

function recorder(): { lines: string[]; logger: { debug(m: string): void; info(m: string): void; warning(m: string): void; error(m: string): void } } {
  const lines: string[] = [];
  return { lines, logger: { debug: () => {}, info: () => {}, warning: (m) => lines.push(m), error: (m) => lines.push(m) } };
}

describe("SafeMaskMaker on H.E.S.S. DR1 (Crab runs 23592, 23559)", () => {
  test.skipIf(data.dir === undefined)("every method alone and together, with and without background, as Gammapy 1.0", () => {
    checkMasks(storedReference(), data.dir!);
  });

  test.skipIf(data.dir === undefined)("methods that need something say what is missing", () => {
    const stored = storedReference();
    const obs = hessStore(data.dir!).obs(23592);
    const ds = makeRun(stored, obs);
    expect(() => new SafeMaskMaker({ methods: ["aeff-default"] }).run(ds)).toThrow(/'aeff-default' needs the observation/);
    expect(() => new SafeMaskMaker({ methods: ["aeff-max"], fixedOffset: 1 }).run(ds)).toThrow(/'fixed_offset' needs the observation/);
    expect(() => new SafeMaskMaker({ methods: ["edisp-bias"] }).run({ ...ds, edisp: null }, obs)).toThrow(/include 'edisp'/);
    expect(() => new SafeMaskMaker({ methods: ["bkg-peak"] }).run({ ...ds, background: null }, obs)).toThrow(/'bkg-peak' needs a background/);
    // the input is not modified; an existing safe mask is ANDed in
    const start = ds.maskSafe!.slice();
    start[40] = 0;
    const out = new SafeMaskMaker({ methods: ["aeff-default"] }).run({ ...ds, background: null, maskSafe: start }, obs);
    expect(out.maskSafe![40]).toBe(0);
    expect(out.maskSafe![41]).toBe(1);
    expect(start[41]).toBe(1);
    expect(out.counts).toBe(ds.counts);
  });
});

describe("SafeMaskMaker rules", () => {
  const energy = MapAxis.fromEnergyBounds(0.1, 100, 6);
  const etrue = MapAxis.fromEnergyBounds(0.1, 100, 6, { name: "energy_true" });
  const region = "icrs;circle(83.633,22.014,0.1)";
  const geom = RegionGeom.create(region, { axes: [energy] });

  test("bad options are refused with the fix", () => {
    expect(() => new SafeMaskMaker({ methods: ["aeff-min" as "aeff-max"] })).toThrow(/'aeff-min' is not a safe-mask method.*choose from/);
    expect(() => new SafeMaskMaker({ aeffPercent: 120 })).toThrow(/aeff_percent must be a percentage/);
    expect(() => new SafeMaskMaker({ offsetMax: "-1 deg" })).toThrow(/offset_max must be an angle >= 0/);
    expect(() => new SafeMaskMaker({ position: { ra: 83, dec: 22 }, fixedOffset: 1 })).toThrow(/mutually exclusive/);
    expect(new SafeMaskMaker({ offsetMax: "2.5 deg" }).offsetMax).toBe(2.5);
  });

  test("invalid background bins go first; on/off datasets keep zero backgrounds (WStat)", () => {
    const counts = new RegionNDMap(geom, [1, 2, 3, 4, 5, 6]);
    const background = new RegionNDMap(geom, [0, NaN, 1, 2, Infinity, 0.5]);
    const none = new SafeMaskMaker({ methods: [] });
    expect(Array.from(none.run(createSpectrumDataset({ counts, background })).maskSafe!)).toEqual([0, 0, 1, 1, 0, 1]);
    const onoff = createSpectrumDatasetOnOff({ counts, countsOff: new RegionNDMap(geom, [0, 1, 2, 3, 4, 5]), acceptance: 1, acceptanceOff: [2, 2, 0, 2, 2, 2] });
    // α·n_off: a zero stays (finite is enough for WStat); α = nan_to_num(1/0) = 1.8e308
    // times 2 off counts overflows to infinity and goes, as in Gammapy
    expect(Array.from(none.run(onoff).maskSafe!)).toEqual([1, 1, 0, 1, 1, 1]);
  });

  test("aeff-max with a zero effective area masks everything and warns", () => {
    const ds = createSpectrumDataset({
      counts: new RegionNDMap(geom),
      exposure: RegionNDMap.create(region, { axes: [etrue], unit: "cm2 s" }),
      livetime: 100,
    });
    const { lines, logger } = recorder();
    expect(Array.from(new SafeMaskMaker({ methods: ["aeff-max"] }).run(ds, undefined, logger).maskSafe!)).toEqual([0, 0, 0, 0, 0, 0]);
    expect(lines.join("\n")).toMatch(/Effective area is all zero/);
  });

  test("aeff-max on a known curve: the bins above the 10 % crossing", () => {
    // aeff ∝ E² below 1 TeV, flat above: 10 % of the maximum at 10^-0.5 TeV
    const centers = etrue.centers;
    const aeff = Array.from(centers, (e) => 1e5 * Math.min(1, e * e));
    const ds = createSpectrumDataset({
      counts: new RegionNDMap(geom),
      exposure: RegionNDMap.create(region, { axes: [etrue], unit: "cm2 s", data: aeff.map((a) => a * 10) }),
      livetime: 10,
    });
    // reco edges 0.1, 0.316, 1, 3.16, ...: the first bin starts below 0.316 TeV
    expect(Array.from(new SafeMaskMaker({ methods: ["aeff-max"], aeffPercent: 10 }).run(ds).maskSafe!)).toEqual([0, 1, 1, 1, 1, 1]);
    expect(Array.from(new SafeMaskMaker({ methods: ["aeff-max"], aeffPercent: 11 }).run(ds).maskSafe!)).toEqual([0, 0, 1, 1, 1, 1]);
  });
});
