import { describe, expect, test } from "vitest";
import { formatQuantity, formatUnit, parseQuantity, parseUnit, quantity, unitsEqual } from "@gammats/core";

// Unit strings from configs, FITS TUNIT cards and model files; each must survive
// format -> parse unchanged and format to a fixed point.
const UNITS = [
  "", "ct", "count", "TeV", "keV", "erg", "J", "deg", "rad", "arcmin", "arcsec", "mas",
  "s", "ms", "min", "h", "d", "yr", "mm", "cm", "m", "km", "pc", "kpc", "Mpc", "m2",
  "cm2", "km2", "sr", "deg2", "Hz", "cm-2 s-1 TeV-1", "erg cm-2 s-1", "1 / (cm2 s TeV)",
  "TeV-1 s-1 cm-2", "cm^-2 s^-1", "cm**-2", "m2 s", "1/(s MeV sr)", "s-1 MeV-1 sr-1",
  "1 / (MeV s sr)", "MeV-1 s-1 sr-1", "1/s", "sr^-1", "TeV-1 cm-2 s-1 sr-1", "sr-1",
  "m(1/2)", "m^(3/2) s", "10**-3 m", "1e-12 cm-2", "erg / s cm2",
];

describe("formatUnit round trip", () => {
  test.each(UNITS)("'%s'", (text) => {
    const u = parseUnit(text);
    const s = formatUnit(u);
    const back = parseUnit(s);
    expect(unitsEqual(back, u)).toBe(true);
    expect(back.factor).toBe(u.factor);
    expect(formatUnit(back)).toBe(s);
  });

  test("canonical spelling: attached powers, positives first, repeats merged", () => {
    expect(formatUnit(parseUnit("1 / (cm2 s TeV)"))).toBe("cm-2 s-1 TeV-1");
    expect(formatUnit(parseUnit("s-1 erg cm-2"))).toBe("erg s-1 cm-2");
    expect(formatUnit(parseUnit("cm cm cm-1 s"))).toBe("cm s");
    expect(formatUnit(parseUnit("m^(3/2) s"))).toBe("m(3/2) s");
    expect(formatUnit(parseUnit("m^0.25"))).toBe("m(1/4)");
  });
});

describe("formatQuantity round trip", () => {
  const QUANTITIES = [
    "3 deg", "1e-12 cm-2 s-1 TeV-1", "300 GeV", "1 h", "-1.5 deg", ".5 TeV", "0.1 TeV",
    "2.5e-7 erg cm-2 s-1", "4", "inf deg", "-inf TeV", "1 / (MeV s sr)", "3 2 TeV",
  ];
  test.each(QUANTITIES)("'%s'", (text) => {
    const q = parseQuantity(text);
    const s = formatQuantity(q);
    const back = parseQuantity(s);
    expect(back.value).toBe(q.value);
    expect(unitsEqual(back.unit, q.unit)).toBe(true);
    expect(formatQuantity(back)).toBe(s);
  });

  test("fixed spellings", () => {
    expect(formatQuantity(parseQuantity(".5 TeV"))).toBe("0.5 TeV");
    expect(formatQuantity(parseQuantity("1 / (MeV s sr)"))).toBe("1 MeV-1 s-1 sr-1");
    expect(formatQuantity(quantity(NaN, "deg"))).toBe("nan deg");
    expect(formatQuantity(quantity(1e-12, "cm-2 s-1 TeV-1"))).toBe("1e-12 cm-2 s-1 TeV-1");
    expect(Number.isNaN(parseQuantity("nan deg").value)).toBe(true);
  });
});
