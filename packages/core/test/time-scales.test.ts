import { describe, expect, it } from "vitest";
import { DataError, Time, UnitError, taiMinusUtc, tdbMinusTt } from "@gammats/core";

// Reference numbers from astropy 5.2.1 / pyerfa 2.0 (Time(...).scale.mjd / .isot).

/** |a - b| in seconds for two MJDs given as one number each. */
const dsec = (a: number, b: number): number => Math.abs(a - b) * 86400;
/** a - b [s] for a Time and an astropy (day, frac) pair, without losing precision. */
const dsecTwo = (t: Time, day: number, frac: number): number => Math.abs((t.day - day) * 86400 + (t.frac - frac) * 86400);

describe("scale conversions against astropy", () => {
  const t = Time.parse("2004-12-04T22:04:48");
  it("reads ISO strings as UTC and keeps the MJD", () => {
    expect(t.scale).toBe("utc");
    expect(t.day).toBe(53343);
    expect(dsec(t.mjd, 53343.92)).toBeLessThan(1e-9);
  });
  it("converts UTC to TAI and TT with 32 leap seconds in 2004", () => {
    expect(t.tai().isot).toBe("2004-12-04T22:05:20.000");
    expect(t.tt().isot).toBe("2004-12-04T22:05:52.184");
    expect(dsec(t.tt().mjd, 53343.920742870374)).toBeLessThan(1e-6);
    expect(t.tt().utc().isot).toBe("2004-12-04T22:04:48.000");
    expect(dsecTwo(t.tt().utc(), 53343, 0.92)).toBeLessThan(1e-9);
  });
  it("gives Julian and Besselian epochs", () => {
    expect(t.jyear).toBeCloseTo(2004.9265434633812, 12);
    expect(t.tt().jyearStr).toBe("J2004.927");
    expect(t.tt().byear).toBeCloseTo(2004.9279282371465, 12);
  });
  it("converts TT J2000.0 to UTC", () => {
    expect(Time.fromMjd(51544.5, "tt").utc().isot).toBe("2000-01-01T11:58:55.816");
    expect(Time.parse("J2000").utc().isot).toBe("2000-01-01T11:58:55.816");
  });
  it("approximates TDB to a few microseconds", () => {
    expect(dsec(t.tdb().mjd, 53343.9207428612)).toBeLessThan(5e-6);
    expect(dsec(Time.parse("J2000").tdb().mjd, 51544.49999999885)).toBeLessThan(5e-6);
    expect(t.tdb().isot).toBe("2004-12-04T22:05:52.183");
    expect(dsec(t.tdb().tt().mjd, t.tt().mjd)).toBeLessThan(1e-9);
    expect(Math.abs(tdbMinusTt(53343, 0.92))).toBeLessThan(0.0017);
  });
  it("applies UT1 = UTC + dUT1", () => {
    const u = Time.parse("2020-01-01T00:00:00").ut1(-0.177);
    expect(u.scale).toBe("ut1");
    expect(u.isot).toBe("2019-12-31T23:59:59.823");
    expect(dsec(u.mjd, 58848.99999795139)).toBeLessThan(1e-6);
    expect(u.utc().isot).toBe("2020-01-01T00:00:00.000");
    expect(Time.parse("2020-01-01T00:00:00").ut1().isot).toBe("2020-01-01T00:00:00.000");
    expect(Time.parse("2020-01-01", { dut1: 0.25 }).ut1().isot).toBe("2020-01-01T00:00:00.250");
  });
  it("gives UT1 inside a leap second as erfa does", () => {
    const u = Time.parse("2016-12-31T23:59:60.5").ut1(0.3);
    expect(u.isot).toBe("2017-01-01T00:00:00.800");
    expect(dsec(u.mjd, 57754.00000925926)).toBeLessThan(1e-6);
    // UT1 repeats during a leap second (dUT1 should jump by 1 s); astropy resolves the
    // ambiguity to the later UTC instant, and so do we.
    expect(u.utc().isot).toBe("2017-01-01T00:00:00.500");
  });
  it("converts between any two scales and back", () => {
    const scales = ["utc", "tai", "tt", "tdb", "ut1"] as const;
    for (const a of scales) {
      for (const b of scales) {
        const x = t.toScale(a);
        const back = x.toScale(b).toScale(a);
        expect(dsecTwo(back, x.day, x.frac)).toBeLessThan(1e-9);
      }
    }
  });
});

describe("leap seconds", () => {
  it("has TAI - UTC from the IERS table", () => {
    expect(taiMinusUtc(41317)).toBe(10); // 1972-01-01
    expect(taiMinusUtc(53343)).toBe(32);
    expect(taiMinusUtc(57753)).toBe(36); // 2016-12-31
    expect(taiMinusUtc(57754)).toBe(37);
    expect(taiMinusUtc(62502)).toBe(37); // no leap seconds announced after 2017
    expect(taiMinusUtc(36933)).toBeNaN(); // 1959-12-31
  });
  it("represents 23:59:60 on 2016-12-31", () => {
    const t = Time.parse("2016-12-31T23:59:60.5");
    expect(t.isot).toBe("2016-12-31T23:59:60.500");
    expect(dsec(t.mjd, 57753.99999421303)).toBeLessThan(1e-9);
    expect(t.frac).toBeCloseTo(86400.5 / 86401, 15);
    expect(t.tai().isot).toBe("2017-01-01T00:00:36.500");
    expect(t.tai().utc().isot).toBe("2016-12-31T23:59:60.500");
    expect(Time.fromMjd(57753.99999, "utc").isot).toBe("2016-12-31T23:59:60.136");
  });
  it("rounds ISO output across the leap second as astropy", () => {
    expect(Time.parse("2016-12-31T23:59:59.9996").isot).toBe("2016-12-31T23:59:60.000");
    expect(Time.parse("2016-12-31T23:59:60.9996").isot).toBe("2017-01-01T00:00:00.000");
    expect(Time.parse("2004-12-04T23:59:59.9996").isot).toBe("2004-12-05T00:00:00.000");
    expect(Time.parse("2016-12-31T23:59:60").tt().isot).toBe("2017-01-01T00:01:08.184");
  });
  it("counts the leap second in differences and sums", () => {
    const a = Time.parse("2017-01-01T00:00:00");
    const b = Time.parse("2016-12-31T23:59:59");
    expect(a.diffSeconds(b)).toBeCloseTo(2, 9);
    expect(b.diffSeconds(a)).toBeCloseTo(-2, 9);
    expect(a.tt().diffSeconds(b)).toBeCloseTo(2, 9);
    expect(b.addSeconds(1).isot).toBe("2016-12-31T23:59:60.000");
    expect(b.addSeconds(1.5).isot).toBe("2016-12-31T23:59:60.500");
    expect(b.addSeconds(2).isot).toBe("2017-01-01T00:00:00.000");
    expect(Time.parse("2016-12-31T12:00:00").diffSeconds(Time.parse("2016-12-30T12:00:00"))).toBeCloseTo(86400, 9);
    expect(Time.parse("2017-01-01T12:00:00").diffSeconds(Time.parse("2016-12-31T12:00:00"))).toBeCloseTo(86401, 9);
  });
  it("rejects 23:59:60 on days without a leap second", () => {
    expect(() => Time.parse("2015-12-31T23:59:60")).toThrow(/no leap second/);
    expect(() => Time.parse("2016-12-31T23:59:61")).toThrow(UnitError);
    expect(() => Time.parse("2016-12-31T23:59:60", { scale: "tt" })).toThrow(UnitError);
    expect(() => Time.parse("2016-12-31T23:58:60")).toThrow(UnitError);
  });
});

describe("UTC before 1972", () => {
  it("follows the drifting offsets of 1960-1971", () => {
    const t = Time.parse("1965-06-01T12:00:00");
    expect(t.tai().isot).toBe("1965-06-01T12:00:03.836");
    expect(dsec(t.tai().mjd, 38912.500044403634)).toBeLessThan(1e-6);
    expect(t.tai().utc().isot).toBe("1965-06-01T12:00:00.000");
  });
  it("handles the fractional steps of early UTC", () => {
    expect(Time.parse("1961-07-31T23:59:59.9").tai().isot).toBe("1961-08-01T00:00:01.598");
    expect(Time.parse("1961-08-01T00:00:00").tai().isot).toBe("1961-08-01T00:00:01.648");
    const t = Time.parse("1963-10-31T23:59:60.05"); // a 0.1 s step
    expect(t.tai().isot).toBe("1963-11-01T00:00:02.647");
    expect(dsec(t.mjd, 38333.9999994213)).toBeLessThan(1e-6);
    expect(t.tai().utc().toIso(2)).toBe("1963-10-31T23:59:60.05");
  });
  it("refuses UTC before 1960 with a DataError", () => {
    expect(() => Time.parse("1959-06-01T12:00:00").tai()).toThrow(DataError);
    expect(() => Time.parse("1959-06-01T12:00:00").tai()).toThrow(/1959-06-01T12:00:00.000 UTC.*before 1960/);
    expect(() => Time.fromMjd(30000, "tt").utc()).toThrow(/scale 'tt' or 'tai'/);
    expect(Time.fromMjd(30000, "tt").tai().isot).toBe("1941-01-05T23:59:27.816");
  });
});

describe("precision", () => {
  it("keeps nanoseconds at MJD 60000 in the two-part value", () => {
    const t = Time.fromMjd(60000, "tt", 1e-14);
    const u = t.addSeconds(1e-6);
    expect(u.diffSeconds(t)).toBeCloseTo(1e-6, 12);
    expect(Time.fromMjd(60000, "tt").addSeconds(0.123456789).toIso(9)).toBe("2023-02-25T00:00:00.123456789");
  });
  it("splits and joins JD", () => {
    const t = Time.fromJd(2451545.0, "tt");
    expect(t.mjd).toBe(51544.5);
    expect(t.jd).toBe(2451545.0);
    expect(t.jd1 + t.jd2).toBe(2451545.0);
    expect(Number.isInteger(t.jd1)).toBe(true);
    expect(Time.fromJd(2400000.5, "tt", 53343.92).day).toBe(53343);
  });
  it("survives a million-second round trip through UTC", () => {
    const t = Time.parse("2010-06-01T03:04:05.678901");
    const back = t.tt().addSeconds(1e6).utc().tai().addSeconds(-1e6).utc();
    expect(Math.abs(back.diffSeconds(t))).toBeLessThan(1e-9);
  });
});
