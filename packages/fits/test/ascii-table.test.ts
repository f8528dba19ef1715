import { describe, expect, test } from "vitest";
import { readFitsSync } from "@gammats/fits";
import { asciiTableBytes } from "./helpers.js";

describe("ASCII tables", () => {
  test("strings, integers, F without a point, D exponents, TNULL and blanks", () => {
    const hdu = readFitsSync(asciiTableBytes()).hdu("ASCII");
    expect(hdu.type).toBe("table");
    expect(hdu.nrows).toBe(3);
    expect(hdu.readStrings("NAME")).toEqual(["Crab", "PKS2155", ""]);
    expect(Array.from(hdu.readFloat64("N").data)).toEqual([42, -7, 0]);
    // "12345" under F8.3: no implied decimals, as astropy reads it.
    expect(Array.from(hdu.readFloat64("X").data)).toEqual([12345, -1.25, 0]);
    expect(hdu.readColumn("X").unit).toBe("deg");
    const y = hdu.readColumn("Y");
    expect(Array.from(y.data as Float64Array)).toEqual([15, NaN, 2.5]);
    expect(y.kind === "number" && Array.from(y.nulls ?? [])).toEqual([0, 1, 0]);
  });

  test("errors: bad number field, TBCOL outside the row, bad TFORM", () => {
    const bad = readFitsSync(asciiTableBytes(["Crab      4x  12345  1.5D+01"]), { name: "a.fits" }).hdu(1);
    expect(() => bad.readColumn("N")).toThrow(/ASCII-table field '4x' of column N row 0 is not a number \(file a\.fits, HDU 1, key N, byte \d+\)/);
    const text = Buffer.from(asciiTableBytes()).toString("latin1");
    const badCol = Buffer.from(text.replace("TBCOL4  =                   22", "TBCOL4  =                   29"), "latin1");
    expect(() => readFitsSync(badCol).hdu(1).columns).toThrow(/TBCOL4 = 29 puts the field outside the 30-character row/);
    const badForm = Buffer.from(text.replace("TFORM2  = 'I4      '", "TFORM2  = 'Q4      '"), "latin1");
    expect(() => readFitsSync(badForm).hdu(1).readTable()).toThrow(/TFORM2 = Q4 is not an ASCII-table format/);
  });
});
