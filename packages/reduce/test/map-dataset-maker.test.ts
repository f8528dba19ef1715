/**
 * MapDatasetMaker against Gammapy 1.0 on H.E.S.S. DR1 runs 23592 and 23559 with the
 * crab-3d-fov geometry (numbers of test/gammapy_map_reduce.py stored in fixtures/), and
 * its input checks.
 */
import { describe, expect, test } from "vitest";
import { createMapDataset } from "@gammats/datasets";
import { MapAxis, WcsGeom, getMapMemoryLimit, setMapMemoryLimit } from "@gammats/maps";
import { MapDatasetMaker } from "@gammats/reduce";
import { checkMapMaker } from "./map-checks.js";
import { gammapyData } from "./helpers.js";
import { storedMapReference } from "./map-helpers.js";

const data = gammapyData();
if (data.dir === undefined) console.log(`skipping the H.E.S.S. 3D maker comparison: ${data.reason}`);

describe("MapDatasetMaker vs Gammapy 1.0 (stored numbers)", () => {
  test.skipIf(data.dir === undefined)("cut-out geometry, counts, exposure, background, PSF and edisp maps, GTI", () => {
    checkMapMaker(storedMapReference(), data.dir!);
  });
});

describe("MapDatasetMaker input checks", () => {
  test("unknown selection entries are refused, naming them", () => {
    expect(() => new MapDatasetMaker({ selection: ["counts", "bkg" as "background"] })).toThrow(/'bkg' is not a valid selection/);
  });

  test("a bad background oversampling factor is refused", () => {
    expect(() => new MapDatasetMaker({ backgroundOversampling: 1.5 })).toThrow(/positive integer/);
  });

  test("a reference without a counts geometry is refused", () => {
    const energy = MapAxis.fromEnergyBounds(1, 10, 2, { unit: "TeV" });
    const ref = createMapDataset(WcsGeom.create({ skydir: [83.6, 22], binsz: 0.1, width: 1, axes: [energy] }), { name: "r" });
    expect(() => new MapDatasetMaker().run({ ...ref, counts: null }, {} as never)).toThrow(/has no counts geometry/);
  });

  test("a map above the memory limit is refused before any work, naming the map and the size", () => {
    const energy = MapAxis.fromEnergyBounds(1, 10, 2, { unit: "TeV" });
    const energyAxisTrue = MapAxis.fromEnergyBounds(0.5, 20, 40, { unit: "TeV", name: "energy_true" });
    const ref = createMapDataset(WcsGeom.create({ skydir: [83.6, 22], binsz: 0.02, width: 2, axes: [energy] }), { energyAxisTrue, name: "big" });
    const limit = getMapMemoryLimit();
    setMapMemoryLimit(1e6); // the exposure needs 40 x 100 x 100 x 8 bytes = 3.2 MB
    try {
      expect(() => new MapDatasetMaker().run(ref, {} as never)).toThrow(/MapDatasetMaker exposure of 'big': a map of shape \[40, 100, 100\] needs 3\.1 MiB/);
    } finally {
      setMapMemoryLimit(limit);
    }
  });

  test("defaults as Gammapy: every map, missing background rates interpolated, 2D templates padded", () => {
    const m = new MapDatasetMaker();
    expect(m.selection).toEqual(["counts", "exposure", "background", "psf", "edisp"]);
    expect([m.backgroundInterpMissingData, m.backgroundPadOffset, m.backgroundOversampling]).toEqual([true, true, undefined]);
  });
});
