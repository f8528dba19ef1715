import { describe, expect, test } from "vitest";
import { MapAxis } from "@gammats/maps";
import { bkgPeakEnergy, energyMask, firstRootLog, templateInverse, templateValue } from "@gammats/reduce";

// Numbers from Gammapy 1.0's TemplateSpectralModel (default log-log interpolation).
const E = Float64Array.of(0.5, 0.8, 1.3, 2.0, 3.2, 5.0, 8.0);
const AEFF = Float64Array.of(0, 2e3, 1.5e4, 6e4, 9e4, 8.5e4, 9.5e4);
const BIAS = Float64Array.of(0.3, 0.12, 0.05, -0.01, 0.02, -0.03, 0.01);

describe("templateValue", () => {
  test("interpolates and extrapolates log-log as Gammapy", () => {
    expect(templateValue(E, AEFF, 1.0)).toBeCloseTo(5049.1194906228175, 8);
    expect(templateValue(E, AEFF, 10)).toBeCloseTo(100151.44290070524, 6);
    // A zero node is the float32 tiny in log space: the value falls steeply, not linearly.
    expect(templateValue(E, AEFF, 0.6) / 1.159521149871656e-22).toBeCloseTo(1, 8);
    expect(templateValue(Float64Array.of(1, 10), Float64Array.of(1, 100), Math.sqrt(10))).toBeCloseTo(10, 12);
  });
});

describe("templateInverse", () => {
  test("finds the first crossing as Gammapy's inverse", () => {
    expect(templateInverse(E, AEFF, 9.5e3, 0.8, 8)).toBeCloseTo(1.16451476, 7);
    expect(templateInverse(E, AEFF, 0.95 * 9.5e4, 0.8, 8)).toBeCloseTo(6.44105687, 7);
    expect(templateInverse(E, BIAS, 0.1, 0.5, 8)).toBeCloseTo(0.88511857, 7);
    // several crossings: the first one (Gammapy returns them all, the maker takes [0])
    expect(templateInverse(E, BIAS, 0.015, 0.5, 8)).toBeCloseTo(1.30801894, 7);
    expect(templateInverse(E, BIAS, 0.5, 0.5, 8)).toBeNaN();
  });

  test("firstRootLog brackets on a log grid and refines with Brent", () => {
    expect(firstRootLog((x) => x - 2, 1, 10)).toBeCloseTo(2, 11);
    expect(firstRootLog((x) => (x - 3) * (x - 7), 1, 10)).toBeCloseTo(3, 11);
    expect(firstRootLog((x) => x + 1, 1, 10)).toBeNaN();
  });
});

describe("energyMask", () => {
  const axis = MapAxis.fromBounds(0.01, 100, 73, { name: "energy", unit: "TeV", interp: "log" });

  test("keeps bins fully inside, edges equal to a threshold included on both sides", () => {
    // LO_THRES of run 23592 and HI_THRES = 100 TeV: bins 36..72, as Gammapy.
    const m = energyMask(axis, 0.870963589956081, 100);
    expect(m.indexOf(1)).toBe(36);
    expect(m.lastIndexOf(1)).toBe(72);
    expect(m.reduce((a, b) => a + b, 0)).toBe(37);
    // an edge exactly at the threshold stays in (V8 and NumPy round it differently)
    expect(energyMask(axis, axis.edges[40]).indexOf(1)).toBe(40);
    expect(energyMask(axis, undefined, axis.edges[40]).lastIndexOf(1)).toBe(39);
  });

  test("NaN keeps nothing; GeV axes are compared in TeV", () => {
    expect(energyMask(axis, NaN).every((v) => v === 0)).toBe(true);
    const gev = MapAxis.fromEnergyBounds(100, 10000, 2, { unit: "GeV" });
    expect(Array.from(energyMask(gev, 1))).toEqual([0, 1]);
  });

  test("rejects an axis that is not an energy axis", () => {
    expect(() => energyMask(MapAxis.fromBounds(0, 2, 2, { name: "offset", unit: "deg" }), 1)).toThrow(/not an energy axis/);
  });
});

describe("bkgPeakEnergy", () => {
  test("lower edge of the first maximum; NaN wins as in NumPy's argmax", () => {
    expect(bkgPeakEnergy([1, 2, 4, 8, 16], [3, 5, 5, 2])).toBe(2);
    expect(bkgPeakEnergy([1, 2, 4, 8, 16], [3, 5, NaN, 9])).toBe(4);
  });
});
