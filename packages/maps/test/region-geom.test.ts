// RegionGeom and RegionNDMap: shapes, axis order, centres, unions and reductions, with
// numbers Gammapy 1.0 printed for the same inputs.
import { describe, expect, it } from "vitest";
import { transformFrame } from "@gammats/core";
import { CircleSkyRegion, MapAxis, PointSkyRegion, RegionGeom, RegionNDMap } from "@gammats/maps";
import { expectClose } from "./helpers.js";

const energy = MapAxis.fromEnergyBounds(1, 10, 3, { unit: "TeV" });
const energyTrue = MapAxis.fromEnergyBounds(0.5, 20, 2, { unit: "TeV", name: "energy_true" });
const twoCircles = [new CircleSkyRegion(83.633, 22.014, 0.1), new CircleSkyRegion(84, 22.5, 0.2)];

describe("RegionGeom", () => {
  it("orders data as Gammapy: [axes reversed..., 1, 1]", () => {
    const geom = RegionGeom.create("icrs;circle(83.633,22.014,0.1)", { axes: [energy, energyTrue] });
    expect(geom.dataShape).toEqual([2, 3, 1, 1]);
    expect(geom.ndim).toBe(4);
    expect(geom.size).toBe(6);
    expect(geom.axesNames).toEqual(["lon", "lat", "energy", "energy_true"]);
    expect(geom.axis("energy_true")).toBe(energyTrue);
    expect(() => geom.axis("time")).toThrow(/no axis 'time'.*available: energy, energy_true/);
    expect(() => RegionGeom.create(null, { axes: [energy, energy] })).toThrow(/axis name 'energy' appears twice/);
    expect(geom.toImage().dataShape).toEqual([1, 1]);
    expect(geom.drop("energy").dataShape).toEqual([2, 1, 1]);
    expectClose((geom.squash("energy").axis("energy") as MapAxis).edges, [1, 10], 1e-15, 0, "squashed edges");
    expect(geom.toImage().toCube([energyTrue]).axesNames).toEqual(["lon", "lat", "energy_true"]);
    expect(geom.binszWcs).toBe(0.1);
    expect(geom.toBinszWcs("0.02 deg").binszWcs).toBeCloseTo(0.02, 15);
  });

  it("builds the WCS in the region frame and answers in any frame", () => {
    const geom = RegionGeom.create("galactic;circle(184.557,-5.784,0.3)", { binszWcs: "0.07 deg" });
    expect(geom.frame).toBe("galactic");
    expect(geom.wcs!.crpix).toEqual([2572, 1286]);
    const crab = transformFrame(184.557, -5.784, "galactic", "icrs");
    expect(Array.from(geom.contains([crab.lon, crab.lon + 1], [crab.lat, crab.lat], "icrs"))).toEqual([1, 0]);
    expectClose(geom.separation([crab.lon], [crab.lat + 1], "icrs"), [1], 1e-9, 0, "separation");
    expectClose([geom.centerSkydir.lon, geom.centerSkydir.lat], [184.557, -5.784], 0, 1e-10, "centre");
  });

  it("treats a union like Gammapy: median centre, box centre, counted solid angle", () => {
    const geom = new RegionGeom(twoCircles);
    expect(geom.region).toBeUndefined();
    expect(geom.frame).toBe("icrs");
    // Gammapy: crval (83.81624768, 22.25719063) from scipy (tolerance ~1e-5 deg);
    // center_skydir (83.87029222, 22.30718167); solid_angle 4.791632013244927e-05 sr.
    expectClose(geom.wcs!.crval, [83.81624768, 22.25719063], 0, 1e-4, "crval");
    expectClose([geom.centerSkydir.lon, geom.centerSkydir.lat], [83.87029222, 22.30718167], 0, 1e-4, "center_skydir");
    expectClose([geom.solidAngle()], [4.791632013244927e-5], 1e-6, 0, "solid angle");
    expect(Array.from(geom.contains([83.633, 84, 83.8], [22.014, 22.5, 22.25]))).toEqual([1, 1, 0]);
  });

  it("contains everything for point regions (point-like analyses), nothing without region", () => {
    const geom = new RegionGeom(new PointSkyRegion(83.633, 22.014), { axes: [energy] });
    expect(Array.from(geom.contains([0, 200], [0, -60]))).toEqual([1, 1]);
    expect(geom.solidAngle()).toBe(0);
    const none = new RegionGeom(null, { axes: [energy] });
    expect(none.wcs).toBeNull();
    expect(Number.isNaN(none.centerSkydir.lon)).toBe(true);
    expect(() => none.contains([0], [0])).toThrow(/has no region/);
    expect(() => none.solidAngle()).toThrow(/has no region/);
  });

  it("compares axes with isAllclose", () => {
    const a = RegionGeom.create("icrs;circle(1,2,0.1)", { axes: [energy] });
    expect(a.isAllclose(RegionGeom.create("icrs;circle(5,6,0.2)", { axes: [MapAxis.fromEnergyBounds(1, 10, 3, { unit: "TeV" })] }))).toBe(true);
    expect(a.isAllclose(RegionGeom.create("icrs;circle(1,2,0.1)", { axes: [MapAxis.fromEnergyBounds(1, 10, 4, { unit: "TeV" })] }))).toBe(false);
  });
});

describe("RegionNDMap", () => {
  // energy (3 bins) fastest, energy_true (2 bins) slowest.
  const data = [1, 2, 3, 10, NaN, 30];
  const map = RegionNDMap.create("icrs;circle(83.633,22.014,0.1)", { axes: [energy, energyTrue], data, unit: "cm2 s" });

  it("sums over axes ignoring NaN, keeping squashed axes by default", () => {
    const all = map.sumOverAxes();
    expect(Array.from(all.data)).toEqual([46]);
    expect(all.shape).toEqual([1, 1, 1, 1]);
    const overEnergy = map.sumOverAxes(["energy"]);
    expect(Array.from(overEnergy.data)).toEqual([6, 40]);
    expect(overEnergy.shape).toEqual([2, 1, 1, 1]);
    const overTrue = map.sumOverAxes(["energy_true"], false);
    expect(Array.from(overTrue.data)).toEqual([11, 2, 33]);
    expect(overTrue.shape).toEqual([3, 1, 1]);
    expect(overTrue.unit).toBe("cm2 s");
  });

  it("looks values up by axis coordinates and sky position", () => {
    const v = map.getByCoord({ energy: [1.5, 5, 9.9, 20], energy_true: [1] });
    expectClose(v, [1, 3, 3, null], 0, 0, "values");
    const w = map.getByCoord({ energy: [1.5], energy_true: [1, 15] });
    expectClose(w, [1, 10], 0, 0, "second axis");
    const s = map.getByCoord({ energy: [3], energy_true: [15] }, { lon: [83.633, 80], lat: [22.014, 22] });
    expectClose(s, [null, null], 0, 0, "NaN data and outside the region");
    expect(() => map.getByCoord({ energy: [1] })).toThrow(/no coordinates for axis 'energy_true'/);
    expect(() => map.getByCoord({ energy: [1, 2], energy_true: [1, 2, 3] })).toThrow(/one common length/);
  });

  it("converts units and checks data length", () => {
    expectClose(map.toUnit("m2 s").data, [1e-4, 2e-4, 3e-4, 1e-3, null, 3e-3], 1e-12, 0, "m2 s");
    expect(() => RegionNDMap.create(null, { axes: [energy], data: [1, 2] })).toThrow(/data has 2 values but the geometry needs 3/);
    expect(Array.from(RegionNDMap.create(null, { axes: [energy] }).data)).toEqual([0, 0, 0]);
  });
});
