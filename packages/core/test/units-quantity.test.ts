import { describe, expect, test } from "vitest";
import {
  formatQuantity,
  formatUnit,
  GammatsError,
  INTERNAL_UNITS,
  isPhysicalType,
  parseQuantity,
  parseUnit,
  PHYSICAL_TYPES,
  physicalType,
  quantity,
  toInternal,
  UnitError,
  type PhysicalType,
} from "@gammats/core";

function rel(a: number, b: number): number {
  return Math.abs(a - b) / Math.abs(b);
}

describe("parseQuantity", () => {
  const GOOD: readonly (readonly [string, number, string])[] = [
    ["3 deg", 3, "deg"],
    ["1e-12 cm-2 s-1 TeV-1", 1e-12, "cm-2 s-1 TeV-1"],
    ["300 GeV", 300, "GeV"],
    ["1 h", 1, "h"],
    ["-1.5 deg", -1.5, "deg"],
    [".5 TeV", 0.5, "TeV"],
    ["+2. TeV", 2, "TeV"],
    ["  0.1 TeV  ", 0.1, "TeV"],
    ["3TeV", 3, "TeV"],
    ["3eV", 3, "eV"],
    ["2E3 s", 2000, "s"],
    ["1.5e-3 km", 0.0015, "km"],
    ["5 / s", 5, "s-1"],
    ["3", 3, ""],
    ["10 counts", 10, "ct"],
    ["4 1 / (cm2 s TeV)", 4, "cm-2 s-1 TeV-1"],
    ["3 2 TeV", 3, "2 TeV"],
  ];
  test.each(GOOD)("%s", (text, value, unit) => {
    const q = parseQuantity(text);
    expect(q.value).toBe(value);
    expect(formatUnit(q.unit)).toBe(unit);
  });

  test("nan and inf as Python and astropy read them", () => {
    expect(parseQuantity("inf deg").value).toBe(Infinity);
    expect(parseQuantity("-inf TeV").value).toBe(-Infinity);
    expect(parseQuantity("Infinity s").value).toBe(Infinity);
    expect(parseQuantity("nan deg").value).toBeNaN();
  });

  test("a bare number without expected type is dimensionless", () => {
    const q = parseQuantity(3);
    expect(q.value).toBe(3);
    expect(formatUnit(q.unit)).toBe("");
    expect(parseQuantity(0.5, "dimensionless").value).toBe(0.5);
    expect(parseQuantity("2", "").value).toBe(2);
  });

  test("expected physical type or unit string with compatible dimensions", () => {
    expect(formatUnit(parseQuantity("300 GeV", "energy").unit)).toBe("GeV");
    expect(parseQuantity("1 erg", "TeV").value).toBe(1);
    expect(parseQuantity("2 deg2", "solid_angle").value).toBe(2);
    expect(parseQuantity("2 deg2", "sr").value).toBe(2);
    expect(parseQuantity("1e-11 erg-1 m-2 s-1", "differential_flux").value).toBe(1e-11);
    expect(parseQuantity("1 / (MeV s sr)", "background_rate").value).toBe(1);
  });

  const BAD: readonly (readonly [string | number, PhysicalType | string | undefined, RegExp])[] = [
    ["3 deg", "energy", /^energy expected, got 3 deg\. write e\.g\. '3 TeV'$/],
    [3, "energy", /^energy expected, got 3 \(no unit\)\. write e\.g\. '3 TeV'$/],
    ["3", "angle", /^angle expected, got 3 \(no unit\)\. write e\.g\. '3 deg'$/],
    ["0.1 TeV", "deg", /^a unit compatible with 'deg' \(angle\) expected, got 0\.1 TeV\. write e\.g\. '0\.1 deg'$/],
    ["1 deg", "sr", /solid_angle\) expected, got 1 deg/],
    ["1 cm-2 s-1", "differential_flux", /^differential_flux expected, got 1 cm-2 s-1\. write e\.g\. '1 cm-2 s-1 TeV-1'$/],
    ["2 deg", "dimensionless", /^dimensionless expected, got 2 deg\. write e\.g\. '2'$/],
    ["3 parsec", undefined, /unknown unit 'parsec' at column 3 of quantity '3 parsec'.*did you mean 'pc'/],
    ["3 TeVs", "energy", /unknown unit 'TeVs' at column 3 of quantity '3 TeVs'.*'TeV s'/],
    ["3..2 TeV", "energy", /^malformed number '3\.\.2' in quantity '3\.\.2 TeV'/],
    ["1.2.3 deg", undefined, /malformed number '1\.2\.3'/],
    ["3,5 deg", undefined, /malformed number '3,5'/],
    ["- 3 TeV", undefined, /malformed number '-'/],
    ["TeV", "energy", /^no number in quantity 'TeV'\. write the value before the unit, e\.g\. '1 TeV'$/],
    ["(TeV)", undefined, /no number in quantity '\(TeV\)'/],
    ["", "energy", /^empty quantity string\. write a number and a unit, e\.g\. '1 TeV'$/],
    ["   ", undefined, /empty quantity string/],
    ["5 / parsec", undefined, /unknown unit 'parsec' at column 5 of quantity '5 \/ parsec'/],
    ["  2 deg cm-", undefined, /unexpected '-' at column 11 of quantity '  2 deg cm-'/],
    ["3 TeV)", undefined, /unexpected '\)' at column 6 of quantity '3 TeV\)'/],
  ];
  test.each(BAD)("%s (expected %s) is a UnitError", (text, expected, message) => {
    let caught: unknown;
    try {
      parseQuantity(text, expected);
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(UnitError);
    expect(caught).toBeInstanceOf(GammatsError);
    expect((caught as Error).message).toMatch(message);
  });

  test("non-string, non-number input is a UnitError", () => {
    expect(() => parseQuantity({} as unknown as string)).toThrow(/quantity must be a string or a number, got object/);
  });

  test("quantity() builds from a value and a unit", () => {
    const q = quantity(3, "deg");
    expect(q.value).toBe(3);
    expect(formatQuantity(q)).toBe("3 deg");
    expect(formatQuantity(quantity(2))).toBe("2");
  });
});

describe("physicalType", () => {
  const TYPES: readonly (readonly [string, PhysicalType | undefined])[] = [
    ["", "dimensionless"],
    ["ct", "dimensionless"],
    ["erg", "energy"],
    ["keV", "energy"],
    ["arcsec", "angle"],
    ["deg2", "solid_angle"],
    ["sr", "solid_angle"],
    ["yr", "time"],
    ["kpc", "length"],
    ["m2", "area"],
    ["Hz", "frequency"],
    ["1/s", "frequency"],
    ["sr^-1", "inverse_solid_angle"],
    ["deg-2", "inverse_solid_angle"],
    ["cm-2 s-1", "flux"],
    ["1 / (cm2 s TeV)", "differential_flux"],
    ["erg cm-2 s-1", "energy_flux"],
    ["cm-2 s-1 sr-1", "flux_per_solid_angle"],
    ["TeV-1 cm-2 s-1 sr-1", "differential_flux_per_solid_angle"],
    ["erg cm-2 s-1 sr-1", "energy_flux_per_solid_angle"],
    ["s-1 MeV-1 sr-1", "background_rate"],
    ["m2 s", undefined],
    ["kg", undefined],
    ["cm**-2", undefined],
  ];
  test.each(TYPES)("%s", (unit, type) => {
    expect(physicalType(unit)).toBe(type);
    expect(physicalType(parseUnit(unit))).toBe(type);
  });

  test("every physical type has an internal unit of that type", () => {
    expect(PHYSICAL_TYPES.length).toBe(16);
    for (const t of PHYSICAL_TYPES) {
      expect(isPhysicalType(t)).toBe(true);
      expect(physicalType(INTERNAL_UNITS[t])).toBe(t);
    }
    expect(isPhysicalType("TeV")).toBe(false);
    expect(isPhysicalType("toString")).toBe(false);
  });

  test("internal units are TeV, deg, cm2, s, sr", () => {
    expect(INTERNAL_UNITS.energy).toBe("TeV");
    expect(INTERNAL_UNITS.angle).toBe("deg");
    expect(INTERNAL_UNITS.area).toBe("cm2");
    expect(INTERNAL_UNITS.time).toBe("s");
    expect(INTERNAL_UNITS.solid_angle).toBe("sr");
    expect(INTERNAL_UNITS.differential_flux).toBe("cm-2 s-1 TeV-1");
    expect(Object.isFrozen(INTERNAL_UNITS)).toBe(true);
  });
});

describe("toInternal", () => {
  // Expected values: (u.Quantity(text)).to_value(internal unit) with astropy 5.2.1.
  const CASES: readonly (readonly [string, PhysicalType, number])[] = [
    ["300 GeV", "energy", 0.3],
    ["1 erg", "energy", 0.6241509074460764],
    ["1 h", "time", 3600],
    ["1 yr", "time", 31557600],
    ["30 arcmin", "angle", 0.5],
    ["1 rad", "angle", 57.29577951308232],
    ["1 deg2", "solid_angle", 0.00030461741978670857],
    ["1 m2", "area", 10000],
    ["1 pc", "length", 3.085677581491367e18],
    ["1e-12 erg-1 m-2 s-1", "differential_flux", 1.602176634e-16],
    ["3 2 TeV", "energy", 6],
    ["1e-11 erg cm-2 s-1", "energy_flux", 6.241509074460763e-12],
    ["1 deg-2", "inverse_solid_angle", 3282.8063500117437],
    ["2 MeV-1 s-1 sr-1", "background_rate", 2e6],
    ["1e-12 MeV-1 cm-2 s-1 deg-2", "differential_flux_per_solid_angle", 3.282806350011744e-3],
  ];
  test.each(CASES)("%s as %s", (text, type, value) => {
    expect(rel(toInternal(text, type), value)).toBeLessThan(1e-14);
    expect(rel(toInternal(parseQuantity(text), type), value)).toBeLessThan(1e-14);
  });

  test("a quantity of the wrong type is a UnitError", () => {
    expect(() => toInternal("3 deg", "energy")).toThrow(/^energy expected, got 3 deg\. write e\.g\. '3 TeV'$/);
    expect(() => toInternal(quantity(3, "deg"), "energy")).toThrow(/^energy expected, got 3 deg \(angle\)\. write e\.g\. '3 TeV'$/);
    expect(() => toInternal(quantity(3), "time")).toThrow(/^time expected, got 3 \(no unit\)\. write e\.g\. '3 s'$/);
    expect(() => toInternal("3", "time")).toThrow(/time expected, got 3 \(no unit\)/);
    expect(() => toInternal(3, "time")).toThrow(/^time expected, got 3 \(no unit\)\. write e\.g\. '3 s'$/);
    expect(toInternal(3, "dimensionless")).toBe(3);
    expect(toInternal("7 counts", "dimensionless")).toBe(7);
  });

  test("an unknown physical type is a UnitError listing the known ones", () => {
    expect(() => toInternal("3 TeV", "TeV" as PhysicalType)).toThrow(/unknown physical type 'TeV'.*use one of dimensionless, energy/);
  });
});
