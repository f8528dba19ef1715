import { describe, expect, test } from "vitest";
import { formatUnit, parseUnit, physicalType } from "@gammats/core";

// Every TUNITn / BUNIT string in the 114 FITS files of /work/shared/gammapy-data
// (H.E.S.S. DL3 DR1 and CTA 1DC), listed with astropy.io.fits, with astropy 5.2.1's
// decomposition: SI scale and exponents of [m, kg, s, rad].
// '1/s/MeV/sr' (CTA 1DC background) is refused by astropy's generic parser but read by
// its OGIP parser (u.Unit(s, format="ogip")); those numbers are given here.
const DATA_UNITS: readonly (readonly [string, number, readonly number[], string | undefined])[] = [
  ["1/s/MeV/sr", 6241509074460.764, [-2, -1, 1, -2], "background_rate"],
  ["MeV-1 s-1 sr-1", 6241509074460.764, [-2, -1, 1, -2], "background_rate"],
  ["TeV", 1.602176634e-7, [2, 1, -2, 0], "energy"],
  ["deg", 0.017453292519943295, [0, 0, 0, 1], "angle"],
  ["m2", 1, [2, 0, 0, 0], "area"],
  ["s", 1, [0, 0, 1, 0], "time"],
  ["sr^-1", 1, [0, 0, 0, -2], "inverse_solid_angle"],
];

// TUNIT strings the FITS/IRF readers meet elsewhere (Gammapy-written files, other DL3).
// Numbers from astropy, except "ct"/"count"/"": dimensionless by gammats' convention
// (astropy keeps ct as a base unit of its own).
const OTHER_TUNITS: readonly (readonly [string, number, readonly number[]])[] = [
  ["cm2", 0.0001, [2, 0, 0, 0]],
  ["1/s", 1, [0, 0, -1, 0]],
  ["s-1 MeV-1 sr-1", 6241509074460.764, [-2, -1, 1, -2]],
  ["1 / (MeV s sr)", 6241509074460.764, [-2, -1, 1, -2]],
  ["ct", 1, [0, 0, 0, 0]],
  ["count", 1, [0, 0, 0, 0]],
  ["", 1, [0, 0, 0, 0]],
];

describe("TUNIT/BUNIT strings of the real data files", () => {
  test.each(DATA_UNITS)("'%s'", (text, scale, dims, type) => {
    const u = parseUnit(text);
    expect(Math.abs(u.scale - scale) / scale).toBeLessThan(1e-14);
    expect([...u.dims]).toEqual(dims);
    expect(physicalType(u)).toBe(type);
    // the canonical spelling parses back to the same unit
    expect(parseUnit(formatUnit(u)).scale).toBe(u.scale);
  });

  test.each(OTHER_TUNITS)("'%s'", (text, scale, dims) => {
    const u = parseUnit(text);
    expect(Math.abs(u.scale - scale) / scale).toBeLessThan(1e-14);
    expect([...u.dims]).toEqual(dims);
  });
});
