import { describe, expect, it } from "vitest";
import {
  DataError,
  Time,
  makeTimeRef,
  metToMjd,
  metToTime,
  timeRefFromHeader,
  timeRefToHeader,
  timeToMet,
} from "@gammats/core";

// Header keywords of the real files (read with astropy.io.fits) and the times Gammapy 1.0
// computes from them (time_ref_from_dict(header) + TimeDelta(TSTART, format="sec")).
const HESS_23523 = {
  MJDREFI: 51910,
  MJDREFF: 0.000742870370370241,
  TIMESYS: "TT",
  TIMEUNIT: "s",
  TIMEREF: "local",
  TSTART: 123890826.0,
  TSTOP: 123892513.0,
};
const CTA_110380 = { MJDREFI: 51544, MJDREFF: 0.5, TIMESYS: "TT", TIMEUNIT: "s", TIMEREF: "LOCAL", TSTART: 664502400.0, TSTOP: 664504192.0 };

const dsec = (a: number, b: number): number => Math.abs(a - b) * 86400;

/** A stand-in for the fits Header: only `get`, upper-case keys, null for blank values. */
class FakeHeader {
  constructor(private readonly cards: Record<string, unknown>) {}
  get(key: string): unknown {
    return this.cards[key];
  }
}

describe("timeRefFromHeader", () => {
  it("reads the H.E.S.S. DR1 reference", () => {
    const ref = timeRefFromHeader(HESS_23523);
    expect(ref.epoch.scale).toBe("tt");
    expect(ref.epoch.day).toBe(51910);
    expect(ref.epoch.frac).toBe(0.000742870370370241);
    expect(ref.unit).toBe("s");
    expect(ref.unitSeconds).toBe(1);
    expect(ref.timeRef).toBe("local");
    // MJDREF of H.E.S.S. is 2001-01-01T00:00:00 UTC written in TT.
    expect(ref.epoch.utc().isot).toBe("2001-01-01T00:00:00.000");
  });
  it("gives TSTART/TSTOP as Gammapy does", () => {
    const ref = timeRefFromHeader(new FakeHeader(HESS_23523));
    const start = metToTime(HESS_23523.TSTART, ref);
    expect(start.isot).toBe("2004-12-04T22:08:10.184"); // = DATE-OBS + TIME-OBS (TT)
    expect(start.utc().isot).toBe("2004-12-04T22:07:06.000");
    expect(dsec(start.mjd, 53343.92234009259)).toBeLessThan(1e-6);
    expect(dsec(start.utc().mjd, 53343.92159722222)).toBeLessThan(1e-6);
    expect(dsec(start.tai().mjd, 53343.92196759259)).toBeLessThan(1e-6);
    const stop = metToTime(HESS_23523.TSTOP, ref);
    expect(stop.utc().isot).toBe("2004-12-04T22:35:13.000");
    expect(timeToMet(Time.parse("2004-12-04T22:07:06"), ref)).toBeCloseTo(123890826, 6);
    expect(stop.toMet(ref)).toBeCloseTo(123892513, 6);
  });
  it("gives the CTA 1DC times", () => {
    const ref = timeRefFromHeader(CTA_110380);
    const start = metToTime(CTA_110380.TSTART, ref);
    expect(start.isot).toBe("2021-01-21T12:00:00.000");
    expect(start.utc().isot).toBe("2021-01-21T11:58:50.816");
    expect(dsec(start.utc().mjd, 59235.49919925926)).toBeLessThan(1e-6);
    expect(dsec(metToTime(CTA_110380.TSTOP, ref).mjd, 59235.52074074074)).toBeLessThan(1e-6);
  });
  it("accepts MJDREF alone, lower-case keys, a Map and string values", () => {
    const a = timeRefFromHeader({ MJDREF: 51910.00074287037, TIMESYS: "TT" });
    expect(Math.abs(a.epoch.diffSeconds(timeRefFromHeader(HESS_23523).epoch))).toBeLessThan(1e-6);
    const b = timeRefFromHeader({ mjdrefi: 51544, mjdreff: 0.5, timesys: "tt" });
    expect(b.epoch.isot).toBe("2000-01-01T12:00:00.000");
    const c = timeRefFromHeader(new Map<string, unknown>([["MJDREFI", 51544n], ["MJDREFF", "0.5"], ["TIMESYS", "TDT"]]));
    expect(c.epoch.scale).toBe("tt");
    expect(c.epoch.mjd).toBe(51544.5);
  });
  it("defaults TIMESYS to TT (as Gammapy 1.0) and TIMEUNIT to s", () => {
    const ref = timeRefFromHeader({ MJDREFI: 51910, MJDREFF: 0 });
    expect(ref.epoch.scale).toBe("tt");
    expect(ref.unitSeconds).toBe(1);
    expect(ref.timeRef).toBe("LOCAL");
    expect(timeRefFromHeader({ MJDREFI: 51910 }, { defaultScale: "utc" }).epoch.scale).toBe("utc");
  });
  it("handles TIMEUNIT d, TIMESYS UTC and TAI, and TIMEZERO", () => {
    const d = timeRefFromHeader({ MJDREFI: 51544, MJDREFF: 0.5, TIMESYS: "TT", TIMEUNIT: "d" });
    expect(metToTime(1.5, d).isot).toBe("2000-01-03T00:00:00.000");
    // UTC METs count SI seconds, leap seconds included (astropy adds TimeDelta in TAI).
    const u = timeRefFromHeader({ MJDREFI: 57753, MJDREFF: 0, TIMESYS: "UTC" });
    expect(metToTime(86400.5, u).isot).toBe("2016-12-31T23:59:60.500");
    expect(metToTime(86401, u).isot).toBe("2017-01-01T00:00:00.000");
    expect(timeToMet(Time.parse("2017-01-02"), u)).toBeCloseTo(2 * 86400 + 1, 6);
    const tai = timeRefFromHeader({ MJDREFI: 57754, MJDREFF: 0, TIMESYS: "TAI" });
    expect(metToTime(0, tai).utc().isot).toBe("2016-12-31T23:59:24.000");
    const z = timeRefFromHeader({ MJDREFI: 51544, MJDREFF: 0.5, TIMESYS: "TT", TIMEZERO: 60 });
    expect(metToTime(0, z).isot).toBe("2000-01-01T12:01:00.000");
  });
  it("writes the reference back as header keywords", () => {
    expect(timeRefToHeader(timeRefFromHeader(HESS_23523))).toEqual({
      MJDREFI: 51910,
      MJDREFF: 0.000742870370370241,
      TIMESYS: "TT",
      TIMEUNIT: "s",
      TIMEREF: "local",
    });
    const ref = makeTimeRef(Time.parse("2001-01-01T00:00:00").tt());
    expect(timeRefToHeader(ref).MJDREFI).toBe(51910);
    expect(dsec(ref.epoch.frac, 0.000742870370370241)).toBeLessThan(1e-9);
    expect(() => makeTimeRef(ref.epoch, "fortnight")).toThrow(/unsupported MET unit 'fortnight'/);
  });
  it("says which keyword is missing or bad", () => {
    expect(() => timeRefFromHeader({ TIMESYS: "TT" }, { source: "events.fits[EVENTS]" })).toThrow(DataError);
    expect(() => timeRefFromHeader({ TIMESYS: "TT" }, { source: "events.fits[EVENTS]" })).toThrow(
      /no time reference in events.fits\[EVENTS\]: neither MJDREFI \+ MJDREFF nor MJDREF.*add MJDREFI/,
    );
    expect(() => timeRefFromHeader(new FakeHeader({ MJDREFI: null, MJDREFF: null }))).toThrow(/no time reference/);
    expect(() => timeRefFromHeader({ MJDREFI: "abc", MJDREFF: 0 })).toThrow(/MJDREFI.*"abc", not a number/);
    expect(() => timeRefFromHeader({ MJDREFI: true, MJDREFF: 0 })).toThrow(/MJDREFI.*not a number/);
    expect(() => timeRefFromHeader({ MJDREFI: 51910, TIMESYS: "GPS" })).toThrow(/unsupported TIMESYS 'GPS'.*TT, TDT/);
    expect(() => timeRefFromHeader({ MJDREFI: 51910, TIMEUNIT: "fortnight" })).toThrow(/unsupported TIMEUNIT 'fortnight'/);
  });
});

describe("metToMjd (vectorised)", () => {
  // First five TIME values of hess_dl3_dr1_obs_id_023523 and Gammapy's MJDs of them.
  const time = new Float64Array([123890826.66805482, 123890826.69749284, 123890827.23673964, 123890827.79615426, 123890828.26131463]);
  const tt = [53343.92234782471, 53343.922348165426, 53343.922354406706, 53343.92236088141, 53343.922366265215];
  const utc = [53343.92160495434, 53343.92160529505, 53343.92161153634, 53343.921618011045, 53343.92162339485];
  const ref = timeRefFromHeader(HESS_23523);
  it("gives TT MJDs of H.E.S.S. events within 1 µs of Gammapy", () => {
    const out = metToMjd(time, ref);
    for (let i = 0; i < 5; i++) expect(dsec(out[i]!, tt[i]!)).toBeLessThan(1e-6);
  });
  it("gives UTC MJDs and fills a given output", () => {
    const out = new Float64Array(6).fill(-1);
    expect(metToMjd(time, ref, "utc", out)).toBe(out);
    for (let i = 0; i < 5; i++) expect(dsec(out[i]!, utc[i]!)).toBeLessThan(1e-6);
    expect(out[5]).toBe(-1);
  });
  it("agrees with the scalar path in every scale, across a leap second", () => {
    const u = timeRefFromHeader({ MJDREFI: 57753, MJDREFF: 0.5, TIMESYS: "TT" });
    const met = Float64Array.from({ length: 200 }, (_, i) => 43100 + i * 0.5);
    for (const scale of ["tt", "tai", "utc", "tdb", "ut1"] as const) {
      const out = metToMjd(met, u, scale, undefined, 0.2);
      for (let i = 0; i < met.length; i++) {
        const t = metToTime(met[i]!, u).withDut1(0.2).toScale(scale);
        expect(dsec(out[i]!, t.mjd)).toBeLessThan(1e-6);
      }
    }
    // MET 43200 s after 57753.5 TT is 57754.0 TT, i.e. 32.184 s earlier in TAI.
    const tai = metToMjd(new Float64Array([43200]), u, "tai");
    expect(dsec(tai[0]!, 57754 - 32.184 / 86400)).toBeLessThan(1e-6);
  });
  it("rejects a short output array and unknown scales", () => {
    expect(() => metToMjd(time, ref, "tt", new Float64Array(2))).toThrow(/output array holds 2 values but 5 METs/);
    expect(() => metToMjd(time, ref, "gps")).toThrow(/unknown time scale 'gps'/);
  });
  it("gives NaN where UTC is undefined", () => {
    const old = timeRefFromHeader({ MJDREFI: 30000, MJDREFF: 0, TIMESYS: "TT" });
    const out = metToMjd(new Float64Array([0, 1]), old, "utc");
    expect(Number.isNaN(out[0]!)).toBe(true);
  });
});
