// EventList on a small hand-made file: units, half-open selections, copies.
import { describe, expect, it } from "vitest";
import { DataError, Time, silentLogger } from "@gammats/core";
import { binTableHdu, encodeFits, imageHdu, parseFits } from "@gammats/fits";
import type { ColumnInput } from "@gammats/fits";
import { EventList } from "@gammats/data-store";
import { expectClose } from "./helpers.js";

const header: Array<[string, number | string, string]> = [
  ["OBS_ID", 7, ""],
  ["MJDREFI", 51910, ""],
  ["MJDREFF", 0.000742870370370241, ""],
  ["TIMESYS", "TT", ""],
  ["RA_PNT", 83.633, ""],
  ["DEC_PNT", 21.514, ""],
];

function eventsFile(columns: ColumnInput[]) {
  return parseFits(encodeFits([imageHdu(), binTableHdu({ name: "EVENTS", columns, header })]), "events.fits", silentLogger);
}

const file = eventsFile([
  { name: "EVENT_ID", data: BigInt64Array.of(10n, 11n, 12n, 13n, 9007199254740993n) },
  { name: "TIME", data: Float64Array.of(0, 10, 20, 30, 40), unit: "s" },
  { name: "RA", data: Float32Array.of(83.633, 83.633, 84.633, 83.633, 83.633), unit: "deg" },
  { name: "DEC", data: Float32Array.of(22.014, 21.514, 22.014, 23.014, 22.214), unit: "deg" },
  { name: "ENERGY", data: Float32Array.of(500, 1000, 3000, 10000, 20000), unit: "GeV" },
  { name: "DETX", data: Float32Array.of(1, 2, 3, 4, 5), unit: "arcmin" },
  { name: "MC_ID", data: Int32Array.of(1, 2, 1, 2, 1) },
]);
const events = EventList.fromHdu(file.hdu("EVENTS"), "events.fits");

describe("EventList", () => {
  it("holds columns as typed arrays in internal units", () => {
    expect(events.length).toBe(5);
    expect(events.energy).toBeInstanceOf(Float64Array);
    expect(Array.from(events.energy)).toEqual([0.5, 1, 3, 10, 20]);
    expect(events.units.get("ENERGY")).toBe("TeV");
    expectClose(events.column("DETX")[1] as number, 2 / 60, 1e-15);
    expect(events.column("MC_ID")).toBeInstanceOf(Int32Array);
    expect(events.column("event_id")).toBeInstanceOf(BigInt64Array);
    expect((events.column("EVENT_ID") as BigInt64Array)[4]).toBe(9007199254740993n);
    expectClose(events.ra[2], 84.633, 1e-7);
  });

  it("selects energies and times in half-open bands", () => {
    expect(Array.from(events.selectEnergy(1, 10).energy)).toEqual([1, 3]);
    // MET 0 is 2001-01-01T00:00:00 UTC (TT - UTC = 64.184 s).
    const cut = events.selectTime(Time.parse("2001-01-01T00:00:05"), Time.parse("2001-01-01T00:00:25"));
    expect(Array.from(cut.time)).toEqual([10, 20]);
    // Start inclusive, stop exclusive.
    expect(Array.from(events.selectTimeMet(10, 30).time)).toEqual([10, 20]);
    expect(Array.from(events.selectParameter("MC_ID", 2, 3).time)).toEqual([10, 30]);
  });

  it("selects offsets from the header pointing and circles in any frame", () => {
    // Offsets from (83.633, 21.514): 0.5, 0, 1.05, 1.5, 0.7 deg.
    expect(Array.from(events.selectOffset(0.6, 1.6).time)).toEqual([20, 30, 40]);
    expect(Array.from(events.selectOffset(0, 0.6).time)).toEqual([0, 10]);
    expect(Array.from(events.selectCircle({ lon: 83.633, lat: 22.014 }, 0.25).time)).toEqual([0, 40]);
    // The same circle centre given in galactic coordinates.
    const gal = { lon: 184.5567, lat: -5.7844, frame: "galactic" };
    expect(Array.from(events.selectCircle(gal, 0.25).time)).toEqual([0, 40]);
  });

  it("returns copies: a selection shares no array with its parent", () => {
    const sel = events.selectRows(Int32Array.of(4, 0));
    expect(Array.from(sel.time)).toEqual([40, 0]);
    expect((sel.column("EVENT_ID") as BigInt64Array)[0]).toBe(9007199254740993n);
    sel.energy[0] = -1;
    (sel.column("MC_ID") as Int32Array)[0] = 99;
    expect(events.energy[4]).toBe(20);
    expect((events.column("MC_ID") as Int32Array)[4]).toBe(1);
    expect(events.selectEnergy(0, 100).energy).not.toBe(events.energy);
  });

  it("gives event times as MJD in the file's scale or another", () => {
    expectClose(events.times()[1], 51910.000742870370370241 + 10 / 86400, 0, 1e-11);
    expectClose(events.times("utc")[1], 51910 + 10 / 86400, 0, 1e-11);
  });

  it("names the file and column when a required column is missing or has a wrong unit", () => {
    const noEnergy = eventsFile([
      { name: "TIME", data: Float64Array.of(0), unit: "s" },
      { name: "RA", data: Float64Array.of(0), unit: "deg" },
      { name: "DEC", data: Float64Array.of(0), unit: "deg" },
    ]);
    expect(() => EventList.fromHdu(noEnergy.hdu("EVENTS"), "events.fits")).toThrow(DataError);
    expect(() => EventList.fromHdu(noEnergy.hdu("EVENTS"), "events.fits")).toThrow(
      /EVENTS table has no column ENERGY \(file events\.fits, HDU EVENTS\)/,
    );
    const badUnit = eventsFile([
      { name: "TIME", data: Float64Array.of(0), unit: "s" },
      { name: "RA", data: Float64Array.of(0), unit: "deg" },
      { name: "DEC", data: Float64Array.of(0), unit: "deg" },
      { name: "ENERGY", data: Float64Array.of(1), unit: "deg" },
    ]);
    expect(() => EventList.fromHdu(badUnit.hdu("EVENTS"), "events.fits")).toThrow(/column ENERGY has unit 'deg', expected TeV/);
    expect(() => events.column("PHASE")).toThrow(/observation 7 has no column PHASE/);
  });
});
