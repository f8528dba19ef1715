import { describe, expect, test } from "vitest";
import { FitsError } from "@gammats/core";
import { FitsHeader, encodeFits, imageHdu, readFitsSync } from "@gammats/fits";
import { EMPTY_PRIMARY, rawFits } from "./helpers.js";

describe("FitsHeader", () => {
  const h = new FitsHeader(
    [
      ["OBS_ID", 20136, "observation"],
      ["LIVETIME", 1521.02685546875],
      ["OBJECT", "MSH15-52"],
      ["EXTEND", true],
      ["TZERO1", 9223372036854775808n],
      ["UNDEF", null, "nothing"],
      ["COMMENT", undefined, "first"],
      ["HISTORY", undefined, "made"],
      ["COMMENT", undefined, "second"],
      ["OBS_ID", 1, "duplicate"],
      ["HIERARCH ESO TEL NAME", "UT1"],
    ],
    { file: "x.fits", hdu: 1 },
  );

  test("lookup is case-insensitive, first occurrence wins, order kept", () => {
    expect(h.get("obs_id")).toBe(20136);
    expect(h.getAll("OBS_ID").map((c) => c.value)).toEqual([20136, 1]);
    expect(h.comment("OBS_ID")).toBe("observation");
    expect(h.has("livetime")).toBe(true);
    expect(h.has("MISSING")).toBe(false);
    expect(h.get("MISSING")).toBeUndefined();
    expect(h.get("UNDEF")).toBeNull();
    expect(h.comments()).toEqual(["first", "second"]);
    expect(h.history()).toEqual(["made"]);
    expect(h.length).toBe(11);
    expect([...h].map((c) => c.key).slice(0, 3)).toEqual(["OBS_ID", "LIVETIME", "OBJECT"]);
    expect(h.keys()).toContain("ESO TEL NAME");
    expect(h.get("ESO TEL NAME")).toBe("UT1");
    expect(h.get("HIERARCH ESO TEL NAME")).toBe("UT1");
  });

  test("typed getters, fallbacks and their errors", () => {
    expect(h.getNumber("LIVETIME")).toBe(1521.02685546875);
    expect(h.getNumber("TZERO1")).toBe(9223372036854775808);
    expect(h.getInteger("TZERO1")).toBe(9223372036854775808n);
    expect(h.getInteger("OBS_ID")).toBe(20136);
    expect(h.getString("OBJECT")).toBe("MSH15-52");
    expect(h.getBoolean("EXTEND")).toBe(true);
    expect(h.getNumber("DEADC", 1)).toBe(1);
    expect(h.getNumber("UNDEF", 7)).toBe(7);
    expect(h.getString("NOPE", "")).toBe("");
    expect(() => h.getNumber("DEADC")).toThrow(FitsError);
    expect(() => h.getNumber("DEADC")).toThrow(/missing numeric keyword DEADC \(file x\.fits, HDU 1, key DEADC\)/);
    expect(() => h.getNumber("OBJECT")).toThrow(/should be a number, found 'MSH15-52'/);
    expect(() => h.getString("OBS_ID")).toThrow(/should be a string/);
    expect(() => h.getBoolean("OBJECT")).toThrow(/logical/);
    expect(() => h.getInteger("LIVETIME")).toThrow(/an integer/);
    try {
      h.getString("MISSING");
    } catch (e) {
      expect((e as FitsError).key).toBe("MISSING");
      expect((e as FitsError).file).toBe("x.fits");
    }
  });

  test("set, append, remove, clone", () => {
    const c = h.clone();
    c.set("OBJECT", "Crab");
    expect(c.get("OBJECT")).toBe("Crab");
    expect(h.get("OBJECT")).toBe("MSH15-52");
    const f = h.clone().set("LIVETIME", 1500);
    expect(f.card("LIVETIME")).toMatchObject({ value: 1500, kind: "float" });
    c.set("NEW", 2.5, "added");
    expect(c.cards[c.length - 1]).toMatchObject({ key: "NEW", value: 2.5, comment: "added", kind: "float" });
    expect(c.remove("OBS_ID")).toBe(2);
    expect(c.has("OBS_ID")).toBe(false);
    expect(c.get("LIVETIME")).toBe(1521.02685546875);
    c.set("COMMENT", null, "third");
    expect(c.comments()).toEqual(["first", "second", "third"]);
  });
});

describe("headers read from files", () => {
  test("CONTINUE long strings merge, as astropy does", () => {
    const bytes = rawFits([
      {
        cards: [
          ...EMPTY_PRIMARY,
          "LONG    = 'abc&'  / first part",
          "CONTINUE  'def&'  / second",
          "CONTINUE  'ghi' / third",
          "AFTER   = 1",
          "CONTINUE  'orphan'",
          "PLAIN   = 'x'",
          "CONTINUE  'y'",
        ],
      },
    ]);
    const h = readFitsSync(bytes).primary.header;
    expect(h.get("LONG")).toBe("abcdefghi");
    expect(h.comment("LONG")).toBe("first part second third");
    expect(h.get("AFTER")).toBe(1);
    expect(h.card("CONTINUE")?.kind).toBe("commentary");
    expect(h.get("PLAIN")).toBe("xy");
    expect(h.length).toBe(3 + 4);
  });

  test("written long strings and HIERARCH cards read back", () => {
    const long = "https://example.org/" + "a".repeat(150) + "'quoted'";
    const bytes = encodeFits([
      imageHdu({
        header: [
          ["LONGSTR", long, "a long comment ".repeat(8).trim()],
          ["HIERARCH ESO OBS NAME", "run 1"],
          ["COMMENT", undefined, "c".repeat(100)],
          ["NOTE", null],
        ],
      }),
    ]);
    const h = readFitsSync(bytes).primary.header;
    expect(h.get("LONGSTR")).toBe(long);
    expect(h.comment("LONGSTR")).toBe("a long comment ".repeat(8).trim());
    expect(h.get("ESO OBS NAME")).toBe("run 1");
    expect(h.card("ESO OBS NAME")?.hierarch).toBe(true);
    expect(h.comments().join("")).toBe("c".repeat(100));
    expect(h.get("NOTE")).toBeNull();
  });

  test("invalid non-structural cards are kept and reported to the logger", () => {
    const bytes = rawFits([{ cards: [...EMPTY_PRIMARY, "WEIRD   = 1.2.3 / bad"] }]);
    const warnings: string[] = [];
    const logger = { debug() {}, info() {}, warning: (m: string) => warnings.push(m), error() {} };
    const h = readFitsSync(bytes, { logger, name: "mem.fits" }).primary.header;
    expect(h.card("WEIRD")?.invalid).toBe(true);
    expect(h.get("WEIRD")).toBeNull();
    expect(warnings.join()).toMatch(/mem\.fits: HDU 0: unparsable value of WEIRD/);
  });
});
