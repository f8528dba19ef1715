// GTI arithmetic on small hand-made interval sets, and reading GTI HDUs.
import { describe, expect, it } from "vitest";
import { DataError, Time, makeTimeRef } from "@gammats/core";
import { binTableHdu, encodeFits, imageHdu, parseFits } from "@gammats/fits";
import { silentLogger } from "@gammats/core";
import { GTI } from "@gammats/data-store";
import { expectClose } from "./helpers.js";

// H.E.S.S. reference: MJD 51910.000742870370370241 TT = 2001-01-01T00:00:00 UTC.
const ref = makeTimeRef(Time.fromMjd(51910, "tt", 0.000742870370370241));
const gti = new GTI(Float64Array.of(100, 300, 1000), Float64Array.of(200, 600, 1100), ref);

describe("GTI", () => {
  it("sums and converts intervals", () => {
    expect(gti.length).toBe(3);
    expect(gti.timeSum).toBe(500);
    expect(Array.from(gti.timeDelta)).toEqual([100, 300, 100]);
    expectClose(gti.startMjd[0], 51910.000742870370370241 + 100 / 86400, 0, 1e-11);
    expect(gti.timeStart(1).toMet(ref)).toBeCloseTo(300, 6);
    expect(() => gti.timeStop(3)).toThrow(/no interval 3/);
  });

  it("keeps and clips the intervals overlapping a selection, bounds in any scale", () => {
    // 150 .. 350 s MET given as UTC times (MET 0 = 2001-01-01T00:00:00 UTC).
    const cut = gti.select(Time.parse("2001-01-01T00:02:30"), Time.parse("2001-01-01T00:05:50"));
    expect(cut.length).toBe(2);
    expectClose(cut.start[0], 150, 0, 1e-6);
    expectClose(cut.stop[0], 200, 0, 1e-6);
    expectClose(cut.start[1], 300, 0, 1e-6);
    expectClose(cut.stop[1], 350, 0, 1e-6);
    expectClose(cut.timeSum, 100, 0, 1e-6);
    // Touching is not overlapping: an interval ending at the selection start is dropped.
    expect(gti.selectMet(200, 300).length).toBe(0);
    expect(gti.selectMet(0, 5000).timeSum).toBe(500);
  });

  it("intersects with another GTI of another reference", () => {
    const ref2 = makeTimeRef(ref.epoch.addSeconds(50));
    const other = new GTI(Float64Array.of(100, 900), Float64Array.of(400, 2000), ref2); // 150..450 and 950..2050 in `ref`
    const both = gti.intersect(other);
    expect(Array.from(both.start).map((v) => Math.round(v * 1e6) / 1e6)).toEqual([150, 300, 1000]);
    expect(Array.from(both.stop).map((v) => Math.round(v * 1e6) / 1e6)).toEqual([200, 450, 1100]);
  });

  it("merges overlapping and touching intervals", () => {
    const g = new GTI(Float64Array.of(5, 0, 10, 20), Float64Array.of(10, 6, 12, 30), ref);
    const u = g.union();
    expect(Array.from(u.start)).toEqual([0, 20]);
    expect(Array.from(u.stop)).toEqual([12, 30]);
    const strict = g.union(false);
    expect(Array.from(strict.start)).toEqual([0, 10, 20]);
  });

  it("reads START/STOP without TUNIT as seconds and names a missing column", () => {
    const header: Array<[string, number | string, string]> = [["MJDREFI", 51544, ""], ["MJDREFF", 0.5, ""], ["TIMESYS", "TT", ""]];
    const bytes = encodeFits([
      imageHdu(),
      binTableHdu({ name: "GTI", columns: [{ name: "START", data: Float64Array.of(0) }, { name: "STOP", data: Float64Array.of(60) }], header }),
      binTableHdu({ name: "BAD", columns: [{ name: "START", data: Float64Array.of(0) }], header }),
    ]);
    const file = parseFits(bytes, "gti.fits", silentLogger);
    const g = GTI.fromHdu(file.hdu("GTI"), "gti.fits");
    expect(g.timeSum).toBe(60);
    expect(g.startMjd[0]).toBe(51544.5);
    expect(() => GTI.fromHdu(file.hdu("BAD"), "gti.fits")).toThrow(DataError);
    expect(() => GTI.fromHdu(file.hdu("BAD"), "gti.fits")).toThrow(/GTI table has no column STOP \(file gti\.fits, HDU BAD\)/);
  });

  it("converts minutes to seconds", () => {
    const bytes = encodeFits([
      imageHdu(),
      binTableHdu({
        name: "GTI",
        columns: [{ name: "START", data: Float64Array.of(1), unit: "min" }, { name: "STOP", data: Float64Array.of(2), unit: "min" }],
        header: [["MJDREFI", 51544, ""], ["MJDREFF", 0.5, ""]],
      }),
    ]);
    const g = GTI.fromHdu(parseFits(bytes, undefined, silentLogger).hdu("GTI"));
    expect(Array.from(g.start)).toEqual([60]);
    expect(g.timeSum).toBe(60);
  });
});
