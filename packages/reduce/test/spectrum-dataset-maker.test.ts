import { describe, expect, test } from "vitest";
import { CircleSkyRegion, MapAxis, PointSkyRegion, RegionGeom } from "@gammats/maps";
import { SpectrumDatasetMaker, emptySpectrumDataset } from "@gammats/reduce";
import { checkMaker } from "./checks.js";
import { gammapyData, hessStore, storedReference } from "./helpers.js";

const data = gammapyData();
if (data.dir === undefined) console.log(`skipping the real-data SpectrumDatasetMaker tests: ${data.reason}`);

describe("SpectrumDatasetMaker on H.E.S.S. DR1 (Crab runs 23592, 23559)", () => {
  test.skipIf(data.dir === undefined)("counts, exposure, edisp, background, GTIs, meta as Gammapy 1.0", () => {
    const stored = storedReference();
    checkMaker(stored, data.dir!);
    // a value that could be wrong: the containment fraction lowers the exposure markedly
    const r = stored.runs[0]!;
    expect(r.exposure[8]! / r.exposure_nocc[8]!).toBeLessThan(0.95);
  });
});

describe("SpectrumDatasetMaker inputs", () => {
  const energy = MapAxis.fromEnergyBounds(1, 10, 3);
  const geom = RegionGeom.create("icrs;circle(83.633,22.014,0.1)", { axes: [energy] });

  test("emptySpectrumDataset is Gammapy's SpectrumDataset.create", () => {
    const ds = emptySpectrumDataset(geom, { name: "empty" });
    expect(ds.name).toBe("empty");
    expect(ds.exposure!.geom.axes[0]!.name).toBe("energy_true");
    expect(ds.exposure!.unit).toBe("cm2 s");
    expect(Array.from(ds.maskSafe!)).toEqual([0, 0, 0]);
    expect(ds.gti!.start.length).toBe(0);
    expect(ds.livetime).toBeNull();
    // a diagonal kernel on equal axes
    expect(Array.from(ds.edisp!.kernel.pdfMatrix)).toEqual([1, 0, 0, 0, 1, 0, 0, 0, 1]);
    expect(() => emptySpectrumDataset(geom.toCube([MapAxis.fromBounds(0, 1, 2, { name: "x" })]))).toThrow(/just the reco energy axis/);
  });

  test("bad options give typed errors that say what to do", () => {
    expect(() => new SpectrumDatasetMaker({ selection: ["psf" as "counts"] })).toThrow(/unknown selection 'psf'.*choose from/);
    expect(() => new SpectrumDatasetMaker({ useRegionCenter: false })).toThrow(/not implemented/);
  });

  test.skipIf(data.dir === undefined)("containment needs one circle, points need RAD_MAX, frames do not matter", () => {
    const obs = hessStore(data.dir!).obs(23592);
    const box = RegionGeom.create("icrs;box(83.633,22.014,0.2,0.2,0)", { axes: [energy] });
    const cc = new SpectrumDatasetMaker({ selection: ["exposure"], containmentCorrection: true });
    expect(() => cc.run(emptySpectrumDataset(box), obs)).toThrow(/one circular on region.*containment_correction: false/);
    const point = RegionGeom.create(new PointSkyRegion(83.633, 22.014), { axes: [energy] });
    const counts = new SpectrumDatasetMaker({ selection: ["counts"] });
    expect(() => counts.run(emptySpectrumDataset(point), obs)).toThrow(/RAD_MAX.*23592/);
    // only counts selected: no exposure, hence no livetime (as Gammapy)
    const icrs = counts.run(emptySpectrumDataset(RegionGeom.create(new CircleSkyRegion(83.633, 22.014, 0.3), { axes: [energy] })), obs);
    expect(icrs.exposure).toBeNull();
    expect(icrs.livetime).toBeNull();
    // the same circle given in galactic coordinates holds the same events
    const gal = counts.run(emptySpectrumDataset(RegionGeom.create(new CircleSkyRegion(184.5575, -5.7842, 0.3, "galactic"), { axes: [energy] })), obs);
    const total = (d: Float64Array): number => d.reduce((a, b) => a + b, 0);
    expect(total(icrs.counts!.data)).toBeGreaterThan(100);
    expect(Math.abs(total(gal.counts!.data) - total(icrs.counts!.data))).toBeLessThanOrEqual(1);
  });
});
