// ReflectedRegionsBackgroundMaker on synthetic events placed at known positions: off counts
// per energy bin, union counting, RAD_MAX selection around point positions, the overlap
// refusal, the on/off record, and the typed errors for unsuitable inputs.
import { describe, expect, it } from "vitest";
import { DataError, createLogger, offsetBy } from "@gammats/core";
import { createSpectrumDataset } from "@gammats/datasets";
import { EffectiveAreaTable2D, RadMax2D } from "@gammats/irf";
import { CircleSkyRegion, EllipseSkyRegion, MapAxis, PointSkyRegion, RegionGeom, RegionNDMap, RegionWcs } from "@gammats/maps";
import type { SkyRegion } from "@gammats/maps";
import {
  ReflectedRegionsBackgroundMaker,
  ReflectedRegionsFinder,
  WobbleRegionsFinder,
  checkRadMaxRegion,
  observationRadMax,
  radMaxFromIrf,
  radMaxOverlap,
  selectRadMax,
} from "@gammats/reduce";
import type { RegionsFinder } from "@gammats/reduce";

const POINTING = { ra: 83.633, dec: 21.514 };
const ON = new CircleSkyRegion(83.633, 22.014, 0.11);
const energyAxis = (): MapAxis => MapAxis.fromEnergyBounds(0.5, 30, 20, { unit: "TeV", name: "energy" });
const dataset = (region: SkyRegion | SkyRegion[] = ON, axis = energyAxis(), background = false) => {
  const geom = new RegionGeom(region, { axes: [axis] });
  return createSpectrumDataset({
    name: "run-1",
    counts: new RegionNDMap(geom),
    maskSafe: new Uint8Array(axis.nbin).fill(1),
    livetime: 1000,
    background: background ? new RegionNDMap(geom, new Float64Array(axis.nbin).fill(0.5)) : null,
  });
};

/** Events at given directions and energies. */
function events(list: [number, number, number][]) {
  return {
    ra: Float64Array.from(list.map((e) => e[0])),
    dec: Float64Array.from(list.map((e) => e[1])),
    energy: Float64Array.from(list.map((e) => e[2])),
  };
}

/** Expected histogram from energies. */
function histogram(axis: MapAxis, energies: number[]): number[] {
  const out = new Array<number>(axis.nbin).fill(0);
  for (const i of axis.coordToIdx(Float64Array.from(energies))) if (i >= 0) out[i] += 1;
  return out;
}

describe("off counts in reflected regions", () => {
  const { regions } = new ReflectedRegionsFinder().run(ON, { lon: POINTING.ra, lat: POINTING.dec });
  const at = (i: number, dLat = 0): [number, number] => [regions[i].center.lon, regions[i].center.lat + dLat];
  const obs = {
    obsId: 1,
    pointing: POINTING,
    events: events([
      [...at(0), 1.2],
      [...at(0, 0.05), 1.3],
      [...at(0, -0.1), 5],
      [...at(3), 0.6],
      [...at(5), 50], // outside the energy axis
      [...at(5, 0.15), 2], // outside the region (radius 0.11)
      [83.633, 22.014, 2], // in the on region
      [80, 20, 1], // far away
    ]),
  };

  it("bins the events inside any off region on the reco axis", () => {
    const maker = new ReflectedRegionsBackgroundMaker();
    const off = maker.makeCountsOff(dataset(), obs);
    expect(off.regions.length).toBe(12);
    expect([...off.countsOff!.data]).toEqual(histogram(energyAxis(), [1.2, 1.3, 5, 0.6]));
    expect([...off.acceptanceOff.data]).toEqual(new Array(20).fill(12));
    expect(off.countsOff!.geom.regions.length).toBe(12);
    expect(off.countsOff!.geom.wcs).toBe(off.wcs);
  });

  it("makes the on/off record, keeping the dataset's other fields", () => {
    const onoff = new ReflectedRegionsBackgroundMaker().run(dataset(ON, energyAxis(), true), obs);
    expect(onoff.tag).toBe("SpectrumDatasetOnOff");
    expect(onoff.name).toBe("run-1");
    expect(onoff.livetime).toBe(1000);
    expect("background" in onoff).toBe(false);
    expect([...onoff.acceptance!.data]).toEqual(new Array(20).fill(1));
    expect([...onoff.maskSafe!]).toEqual(new Array(20).fill(1));
    expect(onoff.countsOff!.data.reduce((a, b) => a + b, 0)).toBe(4);
  });

  it("counts an event in overlapping regions once", () => {
    // Circles 0.093 deg apart (RA step at dec 21.5): the first two events lie in both.
    const wcs = RegionWcs.create(83.633, 21.514, "icrs", 0.01);
    const twoOverlapping: RegionsFinder = {
      binsz: 0.01,
      run: () => ({ regions: [new CircleSkyRegion(84, 21.5, 0.1), new CircleSkyRegion(84.1, 21.5, 0.1)], wcs }),
    };
    const maker = new ReflectedRegionsBackgroundMaker({ regionFinder: twoOverlapping });
    const off = maker.makeCountsOff(dataset(), { pointing: POINTING, events: events([[84.05, 21.5, 1], [84.0, 21.5, 1], [84.3, 21.5, 1]]) });
    expect(off.countsOff!.data.reduce((a, b) => a + b, 0)).toBe(2);
    expect(off.acceptanceOff.data[0]).toBe(2);
  });

  it("gives an all-false safe mask when no off region is found", () => {
    const lines: string[] = [];
    const logger = createLogger({ level: "warning", write: (l) => lines.push(l) });
    const inside = new CircleSkyRegion(83.633, 21.6, 0.2);
    const onoff = new ReflectedRegionsBackgroundMaker({ logger }).run(dataset(inside), obs);
    expect(onoff.countsOff).toBeNull();
    expect([...onoff.acceptanceOff!.data]).toEqual(new Array(20).fill(0));
    expect([...onoff.maskSafe!]).toEqual(new Array(20).fill(0));
    expect(lines.join("\n")).toMatch(/no off region found/);
    // With a background model, off counts are background / α = 0 (Gammapy); still masked.
    const withBkg = new ReflectedRegionsBackgroundMaker().run(dataset(inside, energyAxis(), true), obs);
    expect([...withBkg.countsOff!.data]).toEqual(new Array(20).fill(0));
    expect([...withBkg.maskSafe!]).toEqual(new Array(20).fill(0));
  });
});

describe("point on regions with RAD_MAX", () => {
  const energy = MapAxis.fromEdges([0.1, 1, 10, 100], { unit: "TeV", name: "energy", interp: "log" });
  const offset = MapAxis.fromEdges([0, 1, 2.5], { unit: "deg", name: "offset" });
  // θ_max: 0.3 deg below 1 TeV, 0.1 deg for 1-10 TeV, 0.05 deg above (flat in offset).
  const radMax = new RadMax2D({ axes: [energy, offset], data: [0.3, 0.3, 0.1, 0.1, 0.05, 0.05], unit: "deg" });
  const src = new PointSkyRegion(83.633, 22.014);
  const mirror = { lon: 83.633, lat: 21.014 };
  const near = (d: number, e: number): [number, number, number] => {
    const p = offsetBy(mirror.lon, mirror.lat, 90, d);
    return [p.lon, p.lat, e];
  };
  const obs = {
    obsId: 2,
    pointing: POINTING,
    radMax,
    events: events([near(0.08, 3), near(0.08, 30), near(0.2, 0.7), near(0.35, 0.7), near(0.04, 20)]),
  };

  it("selects events within θ_max(E) of each position", () => {
    const cut = radMaxFromIrf(radMax);
    expect([...cut(Float64Array.of(0.5, 3, 30), 0.5)]).toEqual([0.3, 0.1, 0.05]);
    expect([...selectRadMax(obs.events, mirror, { lon: POINTING.ra, lat: POINTING.dec }, cut)]).toEqual([0, 2, 4]);
    const maker = new ReflectedRegionsBackgroundMaker({ regionFinder: new WobbleRegionsFinder({ nOffRegions: 1 }) });
    const off = maker.makeCountsOff(dataset(src), obs);
    expect(off.regions[0].center.lat).toBeCloseTo(21.014, 9);
    expect([...off.countsOff!.data]).toEqual(histogram(energyAxis(), [3, 0.7, 20]));
    expect(off.acceptanceOff.data[0]).toBe(1);
  });

  it("refuses positions whose cuts could overlap", () => {
    // Five positions 0.5 deg apart; θ_max reaches 0.3 deg in 0.5-30 TeV: circles overlap.
    expect(radMaxOverlap([{ lon: 0, lat: 0 }, { lon: 0, lat: 0.5 }], radMax, 0.5, 0.5, 30)).toBe(true);
    // Above 10 TeV only θ_max = 0.05 deg (bins touching [20, 30]).
    expect(radMaxOverlap([{ lon: 0, lat: 0 }, { lon: 0, lat: 0.5 }], radMax, 0.5, 20, 30)).toBe(false);
    const lines: string[] = [];
    const logger = createLogger({ level: "warning", write: (l) => lines.push(l) });
    const maker = new ReflectedRegionsBackgroundMaker({ regionFinder: new WobbleRegionsFinder({ nOffRegions: 5 }), logger });
    const onoff = maker.run(dataset(src), obs);
    expect(onoff.countsOff).toBeNull();
    expect([...onoff.maskSafe!].every((v) => v === 0)).toBe(true);
    expect(lines.join("\n")).toMatch(/RAD_MAX circles .* overlap/);
  });

  it("needs RAD_MAX for a point region, and a matching circle for a fixed cut", () => {
    const maker = new ReflectedRegionsBackgroundMaker({ regionFinder: new WobbleRegionsFinder({ nOffRegions: 1 }) });
    expect(() => maker.run(dataset(src), { ...obs, radMax: undefined })).toThrow(/needs point-like IRFs with RAD_MAX/);
    const fixed = new RadMax2D({ axes: [energy.squash(), offset.squash()], data: 0.1, unit: "deg" });
    expect(fixed.isFixedRadMax).toBe(true);
    expect(() => checkRadMaxRegion([new CircleSkyRegion(1, 2, 0.10005)], fixed, "test")).not.toThrow();
    expect(() => checkRadMaxRegion([new CircleSkyRegion(1, 2, 0.11)], fixed, "test")).toThrow(/expected 0.1 deg, got 0.11 deg/);
    expect(() => checkRadMaxRegion([new EllipseSkyRegion(1, 2, 0.2, 0.1, 0)], fixed, "test")).toThrow(/need a point on region/);
    expect(() => checkRadMaxRegion([new CircleSkyRegion(1, 2, 0.1)], radMax, "test")).toThrow(DataError);
  });

  it("takes a fixed cut from a point-like effective area's RAD_MAX keyword", () => {
    const etrue = MapAxis.fromEdges([0.1, 100], { unit: "TeV", name: "energy_true", interp: "log" });
    const aeff = new EffectiveAreaTable2D({ axes: [etrue, offset], data: 1e9, isPointlike: true, meta: { RAD_MAX: 0.12 } });
    const cut = observationRadMax({ aeff });
    expect(cut?.isFixedRadMax).toBe(true);
    expect([...cut!.evaluate([5], [0.5])]).toEqual([0.12]);
    expect(observationRadMax({ aeff: new EffectiveAreaTable2D({ axes: [etrue, offset], data: 1e9 }) })).toBeUndefined();
    expect(() => observationRadMax({ radMax: aeff })).toThrow(/not a RAD_MAX_2D table/);
  });
});

describe("maker input errors", () => {
  const obs = { pointing: POINTING, events: events([]) };
  it("names the dataset and what is wrong", () => {
    const maker = new ReflectedRegionsBackgroundMaker();
    expect(() => maker.run(createSpectrumDataset({ name: "d1" }), obs)).toThrow(/dataset 'd1'.*no counts/);
    expect(() => maker.run(dataset([ON, new CircleSkyRegion(80, 20, 0.1)]), obs)).toThrow(/2 regions; reflected regions need exactly one/);
    const etrue = MapAxis.fromEnergyBounds(0.5, 30, 5, { unit: "TeV", name: "energy_true" });
    // Datasets refuse such counts already; makeCountsOff takes any { name, counts }.
    const counts = new RegionNDMap(new RegionGeom(ON, { axes: [etrue] }));
    expect(() => maker.makeCountsOff({ name: "d2", counts }, obs)).toThrow(/dataset 'd2'.*no MapAxis 'energy'/);
  });

  it("refuses finder options next to a finder, and non-boolean masks", () => {
    expect(() => new ReflectedRegionsBackgroundMaker({ regionFinder: new ReflectedRegionsFinder(), angleIncrement: 5 })).toThrow(/angleIncrement/);
    const geom = { npix: [2, 2] as const, skyToPix: () => ({ x: new Float64Array(4), y: new Float64Array(4) }) };
    expect(() => new ReflectedRegionsBackgroundMaker({ exclusionMask: { geom, data: new Float64Array(4), isMask: false } })).toThrow(/boolean values/);
  });

  it("counts nothing without events", () => {
    const off = new ReflectedRegionsBackgroundMaker().makeCountsOff(dataset(), obs);
    expect(off.countsOff!.data.every((v) => v === 0)).toBe(true);
    expect(off.acceptanceOff.data[0]).toBe(12);
  });
});
