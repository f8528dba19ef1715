import { describe, expect, test } from "vitest";
import {
  conversionFactor,
  convert,
  convertArray,
  isCompatible,
  parseUnit,
  UnitError,
  unitsEqual,
} from "@gammats/core";

function rel(a: number, b: number): number {
  return Math.abs(a - b) / Math.abs(b);
}

// (1 * u.Unit(from)).to_value(u.Unit(to)) from astropy 5.2.1.
const ASTROPY_CONVERSIONS: readonly (readonly [string, string, number])[] = [
  ["TeV", "erg", 1.6021766339999997],
  ["erg", "TeV", 0.6241509074460764],
  ["GeV", "TeV", 0.001],
  ["TeV", "MeV", 1e6],
  ["PeV", "keV", 1e12],
  ["J", "eV", 6.241509074460763e18],
  ["deg2", "sr", 0.00030461741978670857],
  ["sr", "deg2", 3282.806350011744],
  ["deg", "rad", 0.017453292519943295],
  ["arcmin", "deg", 0.016666666666666666],
  ["arcsec", "deg", 0.0002777777777777778],
  ["mas", "arcsec", 0.001],
  ["yr", "d", 365.25],
  ["yr", "s", 31557600],
  ["h", "min", 60],
  ["ms", "s", 0.001],
  ["pc", "cm", 3.085677581491367e18],
  ["kpc", "km", 3.085677581491367e16],
  ["Mpc", "pc", 1e6],
  ["m2", "cm2", 10000],
  ["km2", "m2", 1e6],
  ["Hz", "s-1", 1],
  ["cm-2 s-1 TeV-1", "m-2 s-1 erg-1", 6241.509074460763],
  ["erg cm-2 s-1", "TeV cm-2 s-1", 0.6241509074460763],
  ["TeV-1 cm-2 s-1 sr-1", "MeV-1 m-2 s-1 deg-2", 3.046174197867086e-6],
  ["s-1 MeV-1 sr-1", "1 / (s TeV deg2)", 304.61741978670864],
  ["cm^-2 s^-1", "m-2 h-1", 36000000],
];

describe("conversionFactor against astropy", () => {
  test.each(ASTROPY_CONVERSIONS)("%s -> %s", (from, to, factor) => {
    expect(rel(conversionFactor(from, to), factor)).toBeLessThan(1e-14);
  });

  test("a unit converts to itself with factor 1 (to rounding)", () => {
    expect(Math.abs(conversionFactor("cm-2 s-1 TeV-1", "1 / (cm2 s TeV)") - 1)).toBeLessThan(1e-15);
    expect(conversionFactor("TeV", "TeV")).toBe(1);
  });

  test("Unit objects and strings mix", () => {
    expect(conversionFactor(parseUnit("GeV"), "TeV")).toBe(0.001);
  });
});

describe("convert and convertArray", () => {
  test("convert scales one value", () => {
    expect(convert(300, "GeV", "TeV")).toBeCloseTo(0.3, 15);
    expect(convert(2, "h", "s")).toBe(7200);
    expect(convert(-1.5, "deg", "arcmin")).toBeCloseTo(-90, 12);
  });

  test("convertArray uses one factor and fills a new array", () => {
    const v = new Float64Array([100, 1000, -50]);
    const out = convertArray(v, "GeV", "TeV");
    expect(out).not.toBe(v);
    expect([...out]).toEqual([100 * 0.001, 1000 * 0.001, -50 * 0.001]);
    expect([...v]).toEqual([100, 1000, -50]);
  });

  test("convertArray writes into a given output, also in place", () => {
    const v = new Float64Array([1, 2]);
    const out = new Float64Array(2);
    expect(convertArray(v, "deg2", "sr", out)).toBe(out);
    expect(rel(out[1]!, 2 * 0.00030461741978670857)).toBeLessThan(1e-15);
    expect(convertArray(v, "h", "s", v)).toBe(v);
    expect([...v]).toEqual([3600, 7200]);
  });

  test("convertArray rejects an output of the wrong length", () => {
    expect(() => convertArray(new Float64Array(3), "s", "h", new Float64Array(2))).toThrow(
      /output length 2 differs from input length 3/,
    );
  });
});

describe("incompatible dimensions", () => {
  const BAD: readonly (readonly [string, string, RegExp])[] = [
    ["deg", "TeV", /cannot convert 'deg' \(angle\) to 'TeV' \(energy\): the dimensions differ/],
    ["deg", "", /cannot convert 'deg' \(angle\) to '' \(dimensionless\)/],
    ["deg", "sr", /'deg' \(angle\) to 'sr' \(solid_angle\)/],
    ["m2 s", "cm2", /'m2 s' \(m2 s\) to 'cm2' \(area\)/],
    ["kg", "TeV", /'kg' \(kg\) to 'TeV' \(energy\)/],
    ["cm-2 s-1", "cm-2 s-1 TeV-1", /'cm-2 s-1' \(flux\) to 'cm-2 s-1 TeV-1' \(differential_flux\)/],
  ];
  test.each(BAD)("%s -> %s", (from, to, message) => {
    expect(() => conversionFactor(from, to)).toThrow(UnitError);
    expect(() => conversionFactor(from, to)).toThrow(message);
    expect(() => convert(1, from, to)).toThrow(UnitError);
    expect(() => convertArray(new Float64Array(1), from, to)).toThrow(UnitError);
    expect(isCompatible(from, to)).toBe(false);
  });

  test("a bad unit string in a conversion is a UnitError naming it", () => {
    expect(() => convert(1, "TeV", "parsec")).toThrow(/unknown unit 'parsec'/);
  });
});

describe("unitsEqual and isCompatible", () => {
  test("same unit, other spelling", () => {
    expect(unitsEqual("MeV-1 s-1 sr-1", "1 / (MeV s sr)")).toBe(true);
    expect(unitsEqual("Hz", "1/s")).toBe(true);
    expect(unitsEqual("1000 m", "km")).toBe(true);
    expect(unitsEqual("ct", "")).toBe(true);
  });

  test("compatible but different scale is not equal", () => {
    expect(unitsEqual("deg2", "sr")).toBe(false);
    expect(isCompatible("deg2", "sr")).toBe(true);
    expect(unitsEqual("TeV", "GeV")).toBe(false);
    expect(isCompatible("TeV", "erg")).toBe(true);
    expect(isCompatible("cm-2 s-1 TeV-1", "m-2 s-1 erg-1")).toBe(true);
  });
});
