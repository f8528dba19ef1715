import { describe, expect, test } from "vitest";
import { formatCard, formatFloat, parseCard, parseNumberToken, toCard } from "@gammats/fits";
import type { FitsCard } from "@gammats/fits";

const pad = (s: string) => s.padEnd(80);

describe("parseCard", () => {
  test("strings: '' escapes, trailing spaces dropped, leading kept, comment trimmed", () => {
    expect(parseCard(pad("OBSERVER= 'O''Hara  '  /  who  "))).toEqual({
      key: "OBSERVER",
      value: "O'Hara",
      comment: "who",
      kind: "string",
    });
    expect(parseCard(pad("A       = '  lead'")).value).toBe("  lead");
    expect(parseCard(pad("A       = ''")).value).toBe("");
    expect(parseCard(pad("A       = '        '")).value).toBe("");
    expect(parseCard(pad("A       = 'a/b' / c/d")).value).toBe("a/b");
    expect(parseCard(pad("A       = 'a/b' / c/d")).comment).toBe("c/d");
  });

  test("logicals, integers, floats with E and D exponents", () => {
    expect(parseCard(pad("SIMPLE  =                    T")).value).toBe(true);
    expect(parseCard(pad("X       =                    F / no")).value).toBe(false);
    expect(parseCard(pad("NAXIS2  =                11243 / rows"))).toMatchObject({ value: 11243, kind: "integer" });
    expect(parseCard(pad("N       =                  -42")).value).toBe(-42);
    expect(parseCard(pad("F       =           101962602."))).toMatchObject({ value: 101962602, kind: "float" });
    expect(parseCard(pad("F       =     6.6450240000E+08")).value).toBe(664502400);
    expect(parseCard(pad("F       =              1.5D-03")).value).toBe(0.0015);
    expect(parseCard(pad("F       =               -.5e2")).value).toBe(-50);
    expect(parseCard(pad("F       = 0.000742870370370241")).value).toBe(0.000742870370370241);
  });

  test("64-bit integers stay exact as bigint beyond 2^53", () => {
    expect(parseCard(pad("TZERO1  =  9223372036854775808")).value).toBe(9223372036854775808n);
    expect(parseCard(pad("BIG     = -9223372036854775808")).value).toBe(-9223372036854775808n);
    expect(parseCard(pad("SAFE    =     9007199254740991")).value).toBe(9007199254740991);
    expect(parseCard(pad("UNSAFE  =     9007199254740993")).value).toBe(9007199254740993n);
    expect(parseCard(pad("LONG    = 123456789012345678901234")).value).toBe(123456789012345678901234n);
    expect(parseNumberToken("+0000000000000000012")).toEqual({ value: 12, kind: "integer" });
  });

  test("complex, undefined, commentary, HIERARCH, invalid", () => {
    expect(parseCard(pad("Z       = (1.5, -2) / z")).value).toEqual({ re: 1.5, im: -2 });
    expect(parseCard(pad("U       =                      / undefined"))).toEqual({
      key: "U",
      value: null,
      comment: "undefined",
      kind: "undefined",
    });
    expect(parseCard(pad("COMMENT   FITS (Flexible"))).toEqual({
      key: "COMMENT",
      value: undefined,
      comment: "  FITS (Flexible",
      kind: "commentary",
    });
    expect(parseCard(pad("HISTORY = not a value")).comment).toBe("= not a value");
    expect(parseCard(pad("")).key).toBe("");
    expect(parseCard(pad("HIERARCH ESO DET CHIP NAME = 'ccd1' / chip"))).toEqual({
      key: "ESO DET CHIP NAME",
      value: "ccd1",
      comment: "chip",
      kind: "string",
      hierarch: true,
    });
    const bad = parseCard(pad("BAD     = 1.2.3"));
    expect(bad.invalid).toBe(true);
    expect(bad.comment).toBe("1.2.3");
    expect(parseCard(pad("BAD     = 'unterminated")).invalid).toBe(true);
    expect(parseCard(pad("BAD     = (1, ")).invalid).toBe(true);
  });
});

describe("formatCard", () => {
  const roundTrip = (card: FitsCard) => {
    const images = formatCard(card);
    for (const im of images) expect(im).toHaveLength(80);
    return images;
  };

  test("fixed format: values right-justified to column 30, strings from column 11", () => {
    expect(roundTrip(toCard(["NAXIS", 2, "axes"]))[0]).toBe(pad("NAXIS   =                    2 / axes"));
    expect(roundTrip(toCard(["SIMPLE", true]))[0]).toBe(pad("SIMPLE  =                    T"));
    expect(roundTrip(toCard(["EXTNAME", "GTI"]))[0]).toBe(pad("EXTNAME = 'GTI     '"));
    expect(roundTrip(toCard(["X", "it's"]))[0]).toBe(pad("X       = 'it''s   '"));
    expect(roundTrip(toCard(["E", ""]))[0]).toBe(pad("E       = ''"));
    expect(roundTrip(toCard({ key: "EQUINOX", value: 2000, kind: "float" }))[0]).toBe(pad("EQUINOX =               2000.0"));
    expect(roundTrip(toCard(["U", null, "unknown"]))[0]).toBe(pad("U       =                      / unknown"));
    expect(roundTrip(toCard(["COMMENT", undefined, "hello"]))[0]).toBe(pad("COMMENT hello"));
  });

  test("every value kind reads back identically", () => {
    const cards: FitsCard[] = [
      toCard(["S", "O'Hara & co", "c"]),
      toCard(["I", -1234567890123]),
      toCard(["B", 9223372036854775808n]),
      toCard(["F", 1 / 3]),
      toCard(["G", -1.2345678901234567e-300]),
      toCard(["H", 6.02214076e23]),
      toCard(["L", false]),
      toCard(["Z", { re: 1.5, im: -0.25 }]),
      toCard(["U", null]),
      toCard(["LONGKEYWORD", 3.5, "hierarch"]),
    ];
    for (const card of cards) {
      const back = parseCard(roundTrip(card)[0]);
      expect(back.key).toBe(card.key);
      expect(back.value).toEqual(card.value);
      expect(back.comment).toBe(card.comment);
      expect(back.kind).toBe(card.kind);
    }
  });

  test("long strings go over CONTINUE cards with '&' and the comment at the end", () => {
    const value = "x".repeat(70) + "''" + "y".repeat(100);
    const images = roundTrip(toCard(["LONG", value, "a comment"]));
    expect(images.length).toBe(3);
    expect(images[0].startsWith("LONG    = 'xxx")).toBe(true);
    expect(images[0].trimEnd().endsWith("&'")).toBe(true);
    expect(images[1].startsWith("CONTINUE  '")).toBe(true);
    expect(images[2]).toContain("/ a comment");
    const longComment = roundTrip(toCard(["LONG", "z".repeat(100), "c".repeat(120)]));
    expect(longComment.length).toBeGreaterThan(2);
  });

  test("long commentary text is split over several cards", () => {
    const images = roundTrip(toCard(["HISTORY", undefined, "h".repeat(150)]));
    expect(images.map((i) => i.slice(8).trimEnd()).join("")).toBe("h".repeat(150));
  });

  test("errors: NaN, non-ASCII, value of the wrong kind", () => {
    expect(() => formatFloat(NaN, "X")).toThrow(/cannot hold NaN/);
    expect(() => formatCard(toCard(["X", "café"]))).toThrow(/not printable ASCII/);
    expect(() => formatCard({ key: "X", value: "s", comment: "", kind: "integer" })).toThrow(/does not match its kind/);
    expect(() => formatCard(toCard(["HIERARCH " + "K".repeat(60), "v".repeat(30)]))).toThrow(/longer than 80/);
  });
});
