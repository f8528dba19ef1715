import { DataError } from "@gammats/core";
import { TimeMapAxis } from "@gammats/maps";
import { describe, expect, it } from "vitest";
import { expectClose } from "./helpers.js";

describe("TimeMapAxis", () => {
  it("intervals from MJD edges, reference = first start", () => {
    const axis = TimeMapAxis.fromTimeEdges([55197, 55199, 55200], [55198, 55200, 55203], { unit: "h" });
    expect(axis.referenceMjd).toBe(55197);
    expect(axis.scale).toBe("tt");
    expectClose(axis.edgesMin, [0, 48, 72]);
    expectClose(axis.edgesMax, [24, 72, 144]);
    expect(axis.isContiguous).toBe(false);
    expect(() => axis.edges).toThrow(/gaps/);
    expectClose(axis.centers, [12, 60, 108]);
    expectClose(axis.widths, [24, 24, 72]);
    expectClose(axis.timeMidMjd, [55197.5, 55199.5, 55201.5], 1e-15);
    expectClose(axis.toContiguous().edges, [0, 24, 48, 72, 144]);
  });

  it("coordToIdx uses (start, end] intervals and -1 in gaps", () => {
    const axis = TimeMapAxis.fromTimeEdges([55197, 55199], [55198, 55200]);
    expect(Array.from(axis.coordToIdx([55196, 55197, 55197.5, 55198, 55198.5, 55199, 55200, 55200.1, NaN]))).toEqual([
      -1, -1, 0, 0, -1, -1, 1, -1, -1,
    ]);
    expectClose(axis.coordToPix([55197.25, 55199.5, 55198.5]), [-0.25, 1, null], 1e-12);
  });

  it("bounds, GTI in seconds, slice, squash, equality", () => {
    const gti = TimeMapAxis.fromGti([0, 3600], [1800, 5400], 51910, { scale: "utc" });
    expect(gti.unit).toBe("s");
    expect(gti.bounds).toEqual([0, 5400]);
    expectClose(gti.timeMaxMjd, [51910 + 1800 / 86400, 51910 + 5400 / 86400], 1e-15);
    expect(Array.from(gti.coordToIdx([51910 + 900 / 86400, 51910 + 2700 / 86400]))).toEqual([0, -1]);
    const bounds = TimeMapAxis.fromTimeBounds(55197, 55199, 4);
    expectClose(bounds.edges, [0, 0.5, 1, 1.5, 2]);
    expect(bounds.slice(1, 3).nbin).toBe(2);
    expectClose(bounds.slice(-1).edgesMin, [1.5]);
    expectClose(bounds.squash().edgesMax, [2]);
    // same intervals, other unit and reference: equal at the microsecond level
    const hours = new TimeMapAxis([12, 24, 36, 48], [24, 36, 48, 60], 55196.5, { unit: "h" });
    expect(bounds.equals(hours)).toBe(true);
    expect(bounds.equals(new TimeMapAxis([12, 24, 36, 48], [24, 36, 48, 60.001], 55196.5, { unit: "h" }))).toBe(false);
    expect(bounds.equals(gti)).toBe(false);
    expect(String(bounds)).toContain("reference time : MJD 55197");
  });

  it("rejects overlaps, empty intervals and non-time units", () => {
    expect(() => new TimeMapAxis([0, 1], [2, 3], 55000)).toThrow(/overlap/);
    expect(() => new TimeMapAxis([0, 1], [0, 2], 55000)).toThrow(/ends/);
    expect(() => new TimeMapAxis([0], [1, 2], 55000)).toThrow(DataError);
    expect(() => new TimeMapAxis([0], [1], 55000, { unit: "deg" })).toThrow(/time unit/);
    expect(() => new TimeMapAxis([0], [1], NaN)).toThrow(/reference/);
  });
});
