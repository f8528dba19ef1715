import { describe, expect, it } from "vitest";
import { TIME_FORMATS, Time, UnitError, parseTimeFormat, parseTimeScale } from "@gammats/core";

// Reference numbers from astropy 5.2.1: Time(value).mjd / .isot / .scale.

const dsec = (a: number, b: number): number => Math.abs(a - b) * 86400;

describe("Time.parse of ISO strings (as Gammapy configs write obs_time)", () => {
  const cases: [string, string, number][] = [
    ["2004-12-04T22:04:48", "2004-12-04T22:04:48.000", 53343.92],
    ["2004-12-04T22:04:48Z", "2004-12-04T22:04:48.000", 53343.92],
    ["2004-12-04 22:04:48.123", "2004-12-04T22:04:48.123", 53343.92000142361],
    ["2004-12-04T22:04", "2004-12-04T22:04:00.000", 53343.919444444444],
    ["2004-12-04", "2004-12-04T00:00:00.000", 53343],
    ["2004-12-04T22:04:47.9996", "2004-12-04T22:04:48.000", 53343.91999999537],
    ["  2004-12-04T22:04:48  ", "2004-12-04T22:04:48.000", 53343.92],
  ];
  for (const [text, isot, mjd] of cases) {
    it(`reads '${text}'`, () => {
      const t = Time.parse(text);
      expect(t.scale).toBe("utc");
      expect(t.isot).toBe(isot);
      expect(dsec(t.mjd, mjd)).toBeLessThan(1e-6);
    });
  }
  it("writes iso with a space and chosen precision", () => {
    const t = Time.parse("2004-12-04T22:04:48.123456789");
    expect(t.iso).toBe("2004-12-04 22:04:48.123");
    expect(t.toIso(6)).toBe("2004-12-04T22:04:48.123457");
    expect(t.toIso(9)).toBe("2004-12-04T22:04:48.123456789");
    expect(t.toIso(0)).toBe("2004-12-04T22:04:48");
    expect(String(t)).toBe("2004-12-04T22:04:48.123");
    expect(t.toFormat("iso")).toBe("2004-12-04 22:04:48.123");
  });
  it("honours an explicit scale", () => {
    const t = Time.parse("2004-12-04T22:04:48", { scale: "TT" });
    expect(t.scale).toBe("tt");
    expect(t.utc().isot).toBe("2004-12-04T22:03:43.816");
  });
  it("reads a JS Date as UTC", () => {
    expect(Time.parse(new Date(Date.UTC(2004, 11, 4, 22, 4, 48, 123))).isot).toBe("2004-12-04T22:04:48.123");
  });
  it("passes a Time through, converting when asked", () => {
    const t = Time.parse("2004-12-04T22:04:48");
    expect(Time.parse(t)).toBe(t);
    expect(Time.parse(t, { scale: "tai" }).isot).toBe("2004-12-04T22:05:20.000");
  });
  it("round-trips ISO strings at full precision", () => {
    for (const s of ["1999-01-01T00:00:00.000000000", "2016-12-31T23:59:60.999999999", "2030-06-15T13:14:15.161718192"]) {
      expect(Time.parse(s).toIso(9)).toBe(s);
      if (!s.includes(":60")) expect(Time.parse(s, { scale: "tt" }).toIso(9)).toBe(s);
    }
  });
});

describe("numbers and epochs", () => {
  it("reads numbers as UTC MJD by default", () => {
    const t = Time.parse(53343.92);
    expect(t.scale).toBe("utc");
    expect(t.isot).toBe("2004-12-04T22:04:48.000");
  });
  it("reads JD and numeric strings with a format", () => {
    expect(Time.parse(2451545.0, { format: "jd", scale: "tt" }).mjd).toBe(51544.5);
    expect(Time.parse("53343.92", { format: "mjd" }).isot).toBe("2004-12-04T22:04:48.000");
  });
  it("reads Julian epochs in TT by default (astropy's epoch_scale)", () => {
    for (const s of ["J2000", "J2000.0", " J2000.000 "]) {
      const t = Time.parse(s);
      expect(t.scale).toBe("tt");
      expect(t.mjd).toBe(51544.5);
      expect(t.isot).toBe("2000-01-01T12:00:00.000");
    }
    expect(Time.parse(2015.5, { format: "jyear" }).mjd).toBe(57205.875);
    expect(Time.parse(2000.5, { format: "jyear" }).isot).toBe("2000-07-02T03:00:00.000");
    expect(Time.parse("J2015.5", { format: "jyear_str" }).jyearStr).toBe("J2015.500");
    expect(Time.fromJyear(2000).toFormat("jyear")).toBe(2000);
  });
  it("reads Besselian epochs", () => {
    const t = Time.parse("B1950");
    expect(t.scale).toBe("tt");
    expect(dsec(t.mjd, 33281.92345905)).toBeLessThan(1e-6);
    expect(t.isot).toBe("1949-12-31T22:09:46.862");
    expect(Time.fromByear(1950).byearStr).toBe("B1950.000");
    expect(Time.parse(1950, { format: "byear" }).byear).toBeCloseTo(1950, 12);
  });
  it("lists its formats and round-trips each", () => {
    const t = Time.parse("2010-03-04T05:06:07.089", { scale: "tt" });
    for (const f of TIME_FORMATS) {
      const back = Time.parse(t.toFormat(f), { format: f, scale: "tt" });
      // Numeric epochs hold ~1e-13 yr (a few µs); strings hold their printed precision.
      const tol = f.endsWith("_str") ? 0.0005 * 365.25 * 86400 : f === "jd" ? 1e-4 : 1e-5;
      expect(Math.abs(back.diffSeconds(t))).toBeLessThan(tol);
    }
  });
});

describe("errors say what and how to fix", () => {
  const bad: [string, RegExp][] = [
    ["2004-13-04T22:04:48", /month 13.*months run from 01 to 12/],
    ["2004-02-30", /day 30.*2004-02 has 29 days/],
    ["2003-02-29", /day 29.*2003-02 has 28 days/],
    ["2004-12-04T24:00:00", /hour 24/],
    ["2004-12-04T22:60:00", /minute 60/],
    ["2004-12-04T22:04:48+01:00", /time-zone offsets are not supported/],
    ["2004-12-04X22:04:48", /malformed ISO 8601 time '2004-12-04X22:04:48'/],
    ["2004-12-4", /malformed ISO 8601/],
    ["yesterday", /cannot read the time 'yesterday'.*ISO time/],
    ["53343.92", /number in a string is ambiguous/],
    ["", /cannot read the time ''/],
  ];
  for (const [text, re] of bad) {
    it(`rejects '${text}'`, () => {
      expect(() => Time.parse(text)).toThrow(UnitError);
      expect(() => Time.parse(text)).toThrow(re);
    });
  }
  it("rejects 'Z' with a scale other than UTC", () => {
    expect(() => Time.parse("2004-12-04T22:04:48Z", { scale: "tt" })).toThrow(/ends in 'Z'.*scale 'tt'/);
  });
  it("rejects unknown scales and formats", () => {
    expect(() => Time.parse("2004-12-04", { scale: "gps" })).toThrow(/unknown time scale 'gps'.*utc, tai, tt, tdb, ut1/);
    expect(() => Time.parse(5, { format: "unix" })).toThrow(/unknown time format 'unix'.*mjd, jd, isot/);
    expect(() => parseTimeScale("local")).toThrow(UnitError);
    expect(parseTimeFormat("ISOT")).toBe("isot");
  });
  it("rejects values that do not fit the format", () => {
    expect(() => Time.parse(53343, { format: "isot" })).toThrow(/format 'isot' needs a string/);
    expect(() => Time.parse("abc", { format: "mjd" })).toThrow(/format 'mjd' needs a finite number, got 'abc'/);
    expect(() => Time.parse("B1950", { format: "jyear_str" })).toThrow(/malformed Julian epoch 'B1950'/);
    expect(() => Time.parse(Number.NaN)).toThrow(/format 'mjd' needs a finite number, got 'NaN'/);
    expect(() => Time.fromMjd(Infinity)).toThrow(UnitError);
    expect(() => Time.parse(new Date(Number.NaN))).toThrow(/invalid Date/);
    expect(() => Time.parse({} as unknown as string)).toThrow(/cannot read a time from object/);
    expect(() => Time.parse("2004-12-04").toIso(12)).toThrow(/precision must be an integer from 0 to 9/);
    expect(() => Time.parse("2004-12-04").addSeconds(Number.NaN)).toThrow(/seconds to add must be a finite number/);
  });
});
