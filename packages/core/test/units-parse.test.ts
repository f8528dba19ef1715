import { describe, expect, test } from "vitest";
import { BASE_QUANTITIES, formatUnit, parseUnit, UnitError, unitsEqual } from "@gammats/core";

// SI scale and [length, mass, time, angle] exponents of each unit, from
// /usr/bin/python3 -c 'import astropy.units as u; x = u.Unit(s).decompose(); print(x.scale, x.bases, x.powers)'
// (astropy 5.2.1).
const ASTROPY_SI: readonly (readonly [string, number, readonly number[]])[] = [
  // energy
  ["eV", 1.602176634e-19, [2, 1, -2, 0]],
  ["keV", 1.602176634e-16, [2, 1, -2, 0]],
  ["MeV", 1.6021766339999998e-13, [2, 1, -2, 0]],
  ["GeV", 1.6021766339999998e-10, [2, 1, -2, 0]],
  ["TeV", 1.602176634e-7, [2, 1, -2, 0]],
  ["PeV", 0.0001602176634, [2, 1, -2, 0]],
  ["erg", 1.0000000000000001e-7, [2, 1, -2, 0]],
  ["J", 1, [2, 1, -2, 0]],
  // angle
  ["deg", 0.017453292519943295, [0, 0, 0, 1]],
  ["rad", 1, [0, 0, 0, 1]],
  ["arcmin", 0.0002908882086657216, [0, 0, 0, 1]],
  ["arcsec", 4.84813681109536e-6, [0, 0, 0, 1]],
  ["mas", 4.84813681109536e-9, [0, 0, 0, 1]],
  // time
  ["s", 1, [0, 0, 1, 0]],
  ["ms", 0.001, [0, 0, 1, 0]],
  ["min", 60, [0, 0, 1, 0]],
  ["h", 3600, [0, 0, 1, 0]],
  ["d", 86400, [0, 0, 1, 0]],
  ["yr", 31557600, [0, 0, 1, 0]],
  // length
  ["mm", 0.001, [1, 0, 0, 0]],
  ["cm", 0.01, [1, 0, 0, 0]],
  ["m", 1, [1, 0, 0, 0]],
  ["km", 1000, [1, 0, 0, 0]],
  ["au", 149597870700, [1, 0, 0, 0]],
  ["pc", 3.085677581491367e16, [1, 0, 0, 0]],
  ["kpc", 3.085677581491367e19, [1, 0, 0, 0]],
  ["Mpc", 3.085677581491367e22, [1, 0, 0, 0]],
  // area, solid angle, frequency
  ["m2", 1, [2, 0, 0, 0]],
  ["cm2", 0.0001, [2, 0, 0, 0]],
  ["km2", 1e6, [2, 0, 0, 0]],
  ["sr", 1, [0, 0, 0, 2]],
  ["deg2", 0.00030461741978670857, [0, 0, 0, 2]],
  ["Hz", 1, [0, 0, -1, 0]],
  // flux units used by models
  ["cm-2 s-1", 10000, [-2, 0, -1, 0]],
  ["cm-2 s-1 TeV-1", 62415090744.607635, [-4, -1, 1, 0]],
  ["erg cm-2 s-1", 0.001, [0, 1, -3, 0]],
  ["TeV-1 cm-2 s-1 sr-1", 62415090744.607635, [-4, -1, 1, -2]],
  ["sr-1", 1, [0, 0, 0, -2]],
  ["s-1 MeV-1 sr-1", 6241509074460.764, [-2, -1, 1, -2]],
];

function rel(a: number, b: number): number {
  return Math.abs(a - b) / Math.abs(b);
}

describe("parseUnit: every unit family against astropy's SI decomposition", () => {
  test.each(ASTROPY_SI)("%s", (text, scale, dims) => {
    const u = parseUnit(text);
    expect(rel(u.scale, scale)).toBeLessThan(1e-14);
    expect([...u.dims]).toEqual(dims);
  });

  test("base quantities are length, mass, time, angle", () => {
    expect(BASE_QUANTITIES).toEqual(["length", "mass", "time", "angle"]);
  });
});

describe("parseUnit: spellings of products, powers and quotients", () => {
  // Each pair is the same unit written two ways; formatted with the canonical spelling.
  const SAME: readonly (readonly [string, string, string])[] = [
    ["cm-2 s-1 TeV-1", "1 / (cm2 s TeV)", "cm-2 s-1 TeV-1"],
    ["TeV-1 s-1 cm-2", "cm-2 s-1 TeV-1", "TeV-1 s-1 cm-2"],
    ["cm^-2 s^-1", "cm-2 s-1", "cm-2 s-1"],
    ["cm**-2", "cm-2", "cm-2"],
    ["cm**(-2)", "cm-2", "cm-2"],
    ["m2 s", "s m^2", "m2 s"],
    ["1/(s MeV sr)", "s-1 MeV-1 sr-1", "s-1 MeV-1 sr-1"],
    ["1 / (MeV s sr)", "MeV-1 s-1 sr-1", "MeV-1 s-1 sr-1"],
    ["1/s/MeV/sr", "s-1 MeV-1 sr-1", "s-1 MeV-1 sr-1"],
    ["erg / s cm2", "erg cm-2 s-1", "erg s-1 cm-2"],
    ["m.s-1", "m/s", "m s-1"],
    ["m2.s-1", "m2 s-1", "m2 s-1"],
    ["m*s", "m s", "m s"],
    ["m+2", "m2", "m2"],
    ["m(2)", "m2", "m2"],
    ["m(1/2) m(1/2)", "m", "m"],
    ["m^(1/2)", "m(1/2)", "m(1/2)"],
    ["sr^-1", "sr-1", "sr-1"],
    ["deg deg", "deg2", "deg2"],
    ["cm2 cm-2", "", ""],
    ["1/s", "Hz", "s-1"],
    ["/s", "Hz", "s-1"],
    [" / (s cm2)", "cm-2 s-1", "s-1 cm-2"],
    ["count", "", "ct"],
    ["counts", "ct", "ct"],
    ["10**-3 m", "mm", "0.001 m"],
    ["1e-12 cm-2", "cm-2", "1e-12 cm-2"],
  ];
  test.each(SAME)("%s", (a, b, canonical) => {
    const ua = parseUnit(a);
    if (a === "1e-12 cm-2") expect(unitsEqual(ua, parseUnit(b))).toBe(false);
    else expect(unitsEqual(ua, parseUnit(b))).toBe(true);
    expect(formatUnit(ua)).toBe(canonical);
  });

  test("the scale of a numeric factor multiplies the unit", () => {
    expect(parseUnit("1e-12 cm-2").scale).toBeCloseTo(1e-8, 20);
    expect(parseUnit("10**-3 m").factor).toBe(0.001);
  });

  test("empty and blank strings are dimensionless with scale 1", () => {
    for (const s of ["", "   "]) {
      const u = parseUnit(s);
      expect([...u.dims]).toEqual([0, 0, 0, 0]);
      expect(u.scale).toBe(1);
      expect(formatUnit(u)).toBe("");
    }
  });

  test("ct, count, counts and ph are dimensionless", () => {
    for (const s of ["ct", "count", "counts", "ph"]) {
      expect([...parseUnit(s).dims]).toEqual([0, 0, 0, 0]);
      expect(parseUnit(s).scale).toBe(1);
    }
  });

  test("prefixes are case-sensitive: mm is not Mm, ms is not Ms", () => {
    expect(parseUnit("mm").scale).toBe(1e-3);
    expect(parseUnit("Mm").scale).toBe(1e6);
    expect(parseUnit("ms").scale).toBe(1e-3);
    expect(parseUnit("Ms").scale).toBe(1e6);
    expect(parseUnit("min").scale).toBe(60);
  });

  test("parsed units are frozen and cached", () => {
    const u = parseUnit("cm-2 s-1");
    expect(Object.isFrozen(u)).toBe(true);
    expect(parseUnit("cm-2 s-1")).toBe(u);
  });
});

describe("parseUnit: errors name the bad token and the text", () => {
  const BAD: readonly (readonly [string, RegExp])[] = [
    ["parsec", /unknown unit 'parsec' at column 1 of unit string 'parsec'.*did you mean 'pc'/],
    ["TeVs", /unknown unit 'TeVs' at column 1 of unit string 'TeVs'.*'TeV s'/],
    ["cm-2 s-1 tev-1", /unknown unit 'tev' at column 10 .*did you mean 'TeV'/],
    ["foo", /unknown unit 'foo' at column 1 of unit string 'foo'/],
    ["MEV", /unknown unit 'MEV'.*did you mean 'MeV'/],
    ["KEV2", /unknown unit 'KEV'.*did you mean 'keV'/],
    ["Deg", /unknown unit 'Deg'.*case-sensitive; did you mean 'deg'/],
    ["cm-", /unexpected '-' at column 3 of unit string 'cm-'/],
    ["s -1", /unexpected '-' at column 3 of unit string 's -1'/],
    ["(cm", /unexpected end, expected '\)' at column 4 of unit string '\(cm'/],
    ["cm)", /unexpected '\)' at column 3/],
    ["cm^", /unexpected end, expected a number \(exponent\)/],
    ["cm^x", /unexpected 'x', expected a number \(exponent\)/],
    ["m(1/0)", /zero denominator in exponent at column 2/],
    ["m^(1/0)", /zero denominator in exponent/],
    ["TeV / ", /unexpected end, expected a unit/],
    ["TeV $", /unexpected character '\$' at column 5/],
    ["0 m", /scale factor '0' must be positive/],
  ];
  test.each(BAD)("%s", (text, message) => {
    expect(() => parseUnit(text)).toThrow(UnitError);
    expect(() => parseUnit(text)).toThrow(message);
  });

  test("a non-string argument is a UnitError", () => {
    expect(() => parseUnit(3 as unknown as string)).toThrow(/unit must be a string, got number 3/);
  });
});
