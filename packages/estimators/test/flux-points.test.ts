import { PowerLawSpectralModel } from "@gammats/modeling";
import { describe, expect, test } from "vitest";
import { FluxPoints } from "../src/index.js";
import { expectClose } from "./helpers.js";

const PL2 = () => new PowerLawSpectralModel({ index: 2, amplitude: "1e-12 cm-2 s-1 TeV-1" });

function points(data: ConstructorParameters<typeof FluxPoints>[0]["data"], extra = {}): FluxPoints {
  return new FluxPoints({ energyEdges: [1, 10, 100, 1000], data, referenceModel: PL2(), ...extra });
}

describe("FluxPoints", () => {
  test("converts norms to each SED type with the reference model", () => {
    const fp = points({ norm: Float64Array.of(2, 0.5, 1), norm_err: Float64Array.of(0.2, 0.1, 0.5), norm_ul: Float64Array.of(3, 1, 2) });
    expectClose(fp.energyRef, [Math.sqrt(10), Math.sqrt(1000), Math.sqrt(1e5)], 1e-14);
    expectClose(fp.sed("dnde").value, [2e-13, 0.5e-15, 1e-17], 1e-12);
    expectClose(fp.sed("e2dnde").err!, [0.2e-12, 0.1e-12, 0.5e-12], 1e-12);
    expectClose(fp.sed("flux").value, [1.8e-12, 0.45e-13, 0.9e-14], 1e-12);
    expectClose(fp.sed("eflux").ul!, [3, 1, 2].map((n) => n * 1e-12 * Math.LN10), 1e-10);
    expect(fp.sed("dnde").errn).toBeUndefined();
  });

  test("sqrt(TS) carries the sign of the norm; TS below 0 counts as 0", () => {
    const fp = points({ norm: Float64Array.of(2, -0.5, 1), ts: Float64Array.of(9, 4, -1e-6) });
    expect(Array.from(fp.sqrtTs!)).toEqual([3, -2, 0]);
  });

  test("failed fits hide norm and norm_err, not the limits", () => {
    const fp = points({
      norm: Float64Array.of(2, 0.5, 1),
      norm_err: Float64Array.of(0.2, 0.1, 0.5),
      norm_ul: Float64Array.of(3, 1, 2),
      ts: Float64Array.of(25, 25, 25),
      success: Uint8Array.of(1, 0, 1),
    });
    expect(Array.from(fp.norm)).toEqual([2, NaN, 1]);
    expect(Array.from(fp.normErr!)).toEqual([0.2, NaN, 0.5]);
    expect(Array.from(fp.normUl!)).toEqual([3, 1, 2]);
    // A NaN norm is not positive: the derived √TS is negative, hence an upper limit.
    expect(Array.from(fp.sqrtTs!)).toEqual([5, -5, 5]);
    expect(Array.from(fp.isUl)).toEqual([0, 1, 0]);
    fp.filterSuccessNan = false;
    expect(fp.norm[1]).toBe(0.5);
  });

  test("is_ul: stored, else √TS < 2 with limits, else finite limits, else NaN norms", () => {
    const norm = Float64Array.of(1, NaN, 1);
    expect(Array.from(points({ norm, is_ul: Uint8Array.of(1, 1, 0) }).isUl)).toEqual([1, 1, 0]);
    const withTs = points({ norm, ts: Float64Array.of(3.9, 100, 4.1), norm_ul: Float64Array.of(2, 2, 2) });
    expect(Array.from(withTs.isUl)).toEqual([1, 1, 0]);
    expect(Array.from(points({ norm, norm_ul: Float64Array.of(2, NaN, 2) }).isUl)).toEqual([1, 0, 1]);
    expect(Array.from(points({ norm }).isUl)).toEqual([0, 1, 0]);
    const strict = points({ norm, ts: Float64Array.of(3.9, 100, 4.1), norm_ul: Float64Array.of(2, 2, 2) }, { meta: { sqrtTsThresholdUl: 3 } });
    expect(Array.from(strict.isUl)).toEqual([1, 1, 1]);
  });

  test("stat_null is stat + ts unless stored", () => {
    const fp = points({ norm: Float64Array.of(1, 1, 1), stat: Float64Array.of(-5, 2, 0), ts: Float64Array.of(4, 1, 0) });
    expect(Array.from(fp.statNull!)).toEqual([-1, 3, 0]);
  });

  test("checks array lengths and the reference", () => {
    expect(() => points({ norm: Float64Array.of(1, 2) })).toThrow(/'norm' has 2 values, expected 3/);
    expect(() => points({ norm: Float64Array.of(1, 1, 1), counts: new Float64Array(3) }, { datasetNames: ["a", "b"] })).toThrow(
      /'counts' has 3 values, expected 6/,
    );
    expect(() => new FluxPoints({ energyEdges: [1, 10], data: { norm: Float64Array.of(1) } })).toThrow(/reference model/);
  });

  test("points known at reference energies only convert to dnde but not to flux", () => {
    const fp = new FluxPoints({ energyRef: [1, 10], data: { norm: Float64Array.of(1, 2) }, referenceModel: PL2() });
    expectClose(fp.sed("e2dnde").value, [1e-12, 2e-12], 1e-12);
    expect(() => fp.sed("flux")).toThrow(/cannot be converted to 'flux'/);
  });
});
