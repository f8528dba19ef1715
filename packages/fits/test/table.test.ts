import { describe, expect, test } from "vitest";
import { binTableHdu, encodeFits, imageHdu, readFitsSync } from "@gammats/fits";
import type { ColumnInput, NumericArray, TableColumn } from "@gammats/fits";
import { EMPTY_PRIMARY, rawFits } from "./helpers.js";

const N = 4;
const numericCases: Array<[string, NumericArray, string, string, number | bigint | undefined]> = [
  ["B", Uint8Array.from([0, 1, 200, 255]), "1B", "Uint8Array", undefined],
  ["SB", Int8Array.from([-128, -1, 0, 127]), "1B", "Int8Array", -128],
  ["I", Int16Array.from([-32768, -1, 0, 32767]), "1I", "Int16Array", undefined],
  ["UI", Uint16Array.from([0, 1, 32768, 65535]), "1I", "Uint16Array", 32768],
  ["J", Int32Array.from([-2147483648, -1, 0, 2147483647]), "1J", "Int32Array", undefined],
  ["UJ", Uint32Array.from([0, 1, 2147483648, 4294967295]), "1J", "Uint32Array", 2147483648],
  ["K", BigInt64Array.from([-(2n ** 63n), -1n, 2n ** 53n + 1n, 2n ** 63n - 1n]), "1K", "BigInt64Array", undefined],
  ["UK", BigUint64Array.from([0n, 1n, 2n ** 63n, 2n ** 64n - 1n]), "1K", "BigUint64Array", 9223372036854775808n],
  ["E", Float32Array.from([-1.5, 1e-30, NaN, 3.4e38]), "1E", "Float32Array", undefined],
  ["D", Float64Array.from([-1.5, 5e-324, NaN, Math.PI]), "1D", "Float64Array", undefined],
];

function values(col: TableColumn): unknown[] {
  return Array.from(col.data as ArrayLike<unknown>);
}

describe("binary table round trips", () => {
  const columns: ColumnInput[] = numericCases.map(([name, data]) => ({ name, data, unit: name === "D" ? "TeV" : undefined }));
  columns.push(
    { name: "STR", data: ["EVENTS", "", "  lead", "it's"] },
    { name: "STR10", data: ["a", "b", "c", "d"], format: "10A" },
    { name: "LOG", data: [true, false, true, false] },
    { name: "LOGU8", data: Uint8Array.from([1, 0, 0, 1]), format: "L" },
    { name: "BITS", data: Uint8Array.from([1, 0, 1, 1, 1, 1, 1, 1, 1, 1, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0]), shape: [N, 11], format: "X" },
    { name: "CPLX", data: Float32Array.from([1, 2, 3, 4, 5, 6, 7, 8]), format: "C" },
    { name: "DCPLX", data: Float64Array.from([1, -2, 3, -4, 5, -6, 7, -8, 0, 0, 1, 1, 2, 2, 3, 3]), shape: [N, 2, 2], format: "M" },
    { name: "VEC", data: Float32Array.from({ length: N * 3 }, (_, i) => i / 4), shape: [N, 3] },
    { name: "CUBE", data: Float64Array.from({ length: N * 2 * 3 * 5 }, (_, i) => i), shape: [N, 2, 3, 5], unit: "sr^-1" },
    { name: "AS_E", data: Float64Array.from([0.1, 0.2, 0.3, 0.4]), format: "E" },
    { name: "STRARR", data: ["ab", "cd", "ef", "gh", "ij", "kl", "mn", "op"], shape: [N, 2], format: "3A" },
    { name: "VLA", data: [Float32Array.from([1, 2]), Float32Array.from([]), Float32Array.from([3, 4, 5]), Float32Array.from([6])] },
    { name: "VLAI", data: [Int16Array.from([1]), Int16Array.from([-2, 3]), Int16Array.from([]), Int16Array.from([7, 8, 9])] },
    { name: "VLAS", data: ["short", "", "a longer string", "x"], format: "PA" },
  );
  const bytes = encodeFits([binTableHdu({ name: "ALL", columns, header: [["OBS_ID", 1, "id"]] })]);
  const file = readFitsSync(bytes);
  const hdu = file.hdu("ALL");
  const table = hdu.readTable();

  test("layout: empty primary in front, mandatory keywords in order", () => {
    expect(file.hdus.length).toBe(2);
    expect(file.primary.header.get("NAXIS")).toBe(0);
    expect(hdu.header.cards.slice(0, 8).map((c) => c.key)).toEqual(["XTENSION", "BITPIX", "NAXIS", "NAXIS1", "NAXIS2", "PCOUNT", "GCOUNT", "TFIELDS"]);
    expect(hdu.header.getNumber("PCOUNT")).toBeGreaterThan(0);
    expect(hdu.nrows).toBe(N);
    expect(table.names.length).toBe(columns.length);
    expect(hdu.header.get("OBS_ID")).toBe(1);
  });

  for (const [name, data, tform, cls, tzero] of numericCases) {
    test(`numeric ${tform} ${cls}`, () => {
      const col = hdu.readColumn(name);
      expect(col.kind).toBe("number");
      expect(col.info.format).toBe(tform);
      expect(col.info.zero).toBe(tzero ?? 0);
      expect(col.data.constructor.name).toBe(cls);
      expect(col.shape).toEqual([N]);
      expect(values(col)).toEqual(Array.from(data as ArrayLike<unknown>));
    });
  }

  test("units, vector columns, TDIM and float conversion", () => {
    expect(hdu.readColumn("D").unit).toBe("TeV");
    const vec = hdu.readColumn("VEC");
    expect(vec.shape).toEqual([N, 3]);
    expect(vec.info.format).toBe("3E");
    expect(hdu.header.has("TDIM" + (vec.info.index + 1))).toBe(false);
    const cube = hdu.readColumn("CUBE");
    expect(cube.shape).toEqual([N, 2, 3, 5]);
    expect(hdu.header.get(`TDIM${cube.info.index + 1}`)).toBe("(5,3,2)");
    expect(values(cube)).toEqual(Array.from({ length: N * 30 }, (_, i) => i));
    expect(cube.unit).toBe("sr^-1");
    const e = hdu.readColumn("AS_E");
    expect(e.data).toBeInstanceOf(Float32Array);
    expect(values(e)).toEqual([0.1, 0.2, 0.3, 0.4].map(Math.fround));
    expect(Array.from(hdu.readFloat64("UK").data)).toEqual([0, 1, 2 ** 63, 2 ** 64]);
    expect(hdu.readFloat64("VEC").shape).toEqual([N, 3]);
  });

  test("strings, string arrays, logicals, bits, complex", () => {
    expect(hdu.readStrings("STR")).toEqual(["EVENTS", "", "  lead", "it's"]);
    expect(hdu.readColumn("STR10").info.format).toBe("10A");
    const arr = hdu.readColumn("STRARR");
    expect(arr.shape).toEqual([N, 2]);
    expect(arr.data).toEqual(["ab", "cd", "ef", "gh", "ij", "kl", "mn", "op"]);
    expect(hdu.header.get(`TDIM${arr.info.index + 1}`)).toBe("(3,2)");
    expect(values(hdu.readColumn("LOG"))).toEqual([1, 0, 1, 0]);
    expect(values(hdu.readColumn("LOGU8"))).toEqual([1, 0, 0, 1]);
    const bits = hdu.readColumn("BITS");
    expect(bits.kind).toBe("bits");
    expect(bits.shape).toEqual([N, 11]);
    expect(values(bits)).toEqual(Array.from(columns.find((c) => c.name === "BITS")!.data as Uint8Array));
    const c = hdu.readColumn("CPLX");
    expect(c.kind).toBe("complex");
    expect(c.shape).toEqual([N, 2]);
    expect(values(c)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    const m = hdu.readColumn("DCPLX");
    expect(m.shape).toEqual([N, 2, 2]);
    expect(m.info.format).toBe("2M");
    expect(values(m)[15]).toBe(3);
  });

  test("variable-length arrays", () => {
    const vla = hdu.readColumn("VLA");
    expect(vla.kind).toBe("varlen");
    expect(vla.info.format).toBe("1PE(3)");
    expect((vla.data as Float32Array[]).map((r) => Array.from(r))).toEqual([[1, 2], [], [3, 4, 5], [6]]);
    expect((hdu.readColumn("VLAI").data as Int16Array[]).map((r) => Array.from(r))).toEqual([[1], [-2, 3], [], [7, 8, 9]]);
    expect(hdu.readColumn("VLAS").data).toEqual(["short", "", "a longer string", "x"]);
  });

  test("BinTable caches, readColumn gives fresh copies, lookups are case-insensitive", () => {
    expect(table.column("vec")).toBe(table.column("VEC"));
    expect(hdu.readColumn("VEC").data).not.toBe(hdu.readColumn("VEC").data);
    expect(table.has("cube")).toBe(true);
    expect(hdu.hasColumn("nope")).toBe(false);
    expect(table.all().length).toBe(columns.length);
    expect(table.float64("J").data[0]).toBe(-2147483648);
    expect(table.strings("STR")[0]).toBe("EVENTS");
    expect(() => table.column("NOPE")).toThrow(/no column NOPE; columns are B, SB/);
    expect(() => table.strings("D")).toThrow(/not a character column/);
    expect(() => table.float64("STR")).toThrow(/is string, not numeric/);
    expect(() => hdu.readImage()).toThrow(/readImage needs an image HDU/);
    expect(() => file.primary.readTable()).toThrow(/needs a table HDU/);
  });
});

describe("hand-made tables: TSCAL/TZERO, TNULL, TDIM, THEAP, logical nulls", () => {
  function table(cards: string[], rowList: number[][]) {
    const row = rowList[0];
    const nrows = rowList.length;
    const pcount = 0;
    const rows = Uint8Array.from(rowList.flat());
    return rawFits([
      { cards: EMPTY_PRIMARY.concat("EXTEND  =                    T") },
      {
        cards: [
          "XTENSION= 'BINTABLE'",
          "BITPIX  =                    8",
          "NAXIS   =                    2",
          `NAXIS1  = ${String(row.length).padStart(20)}`,
          `NAXIS2  = ${String(nrows).padStart(20)}`,
          `PCOUNT  = ${String(pcount).padStart(20)}`,
          "GCOUNT  =                    1",
          ...cards,
        ],
        data: rows,
      },
    ]);
  }

  test("TSCAL/TZERO scale to Float64Array; TNULL gives nulls and NaN", () => {
    const bytes = table(
      ["TFIELDS =                    2", "TTYPE1  = 'S'", "TFORM1  = 'I'", "TSCAL1  =                  0.5", "TZERO1  =                  1.0", "TNULL1  =                    2", "TTYPE2  = 'N'", "TFORM2  = 'B'", "TNULL2  =                    6"],
      [
        [0, 0, 5],
        [0, 1, 6],
        [0, 2, 7],
      ],
    );
    const hdu = readFitsSync(bytes).hdu(1);
    const s = hdu.readColumn("S");
    expect(Array.from(s.data as Float64Array)).toEqual([1, 1.5, NaN]);
    expect(s.kind === "number" && Array.from(s.nulls ?? [])).toEqual([0, 0, 1]);
    expect(Array.from(hdu.readColumn("S", { raw: true }).data as Int16Array)).toEqual([0, 1, 2]);
    const n = hdu.readColumn("N");
    expect(Array.from(n.data as Uint8Array)).toEqual([5, 6, 7]);
    expect(n.kind === "number" && Array.from(n.nulls ?? [])).toEqual([0, 1, 0]);
    expect(Array.from(hdu.readFloat64("N").data)).toEqual([5, NaN, 7]);
  });

  test("logical undefined bytes, TDIM mismatch ignored, THEAP honoured", () => {
    const L = [84, 70, 0];
    const bytes = rawFits([
      { cards: EMPTY_PRIMARY },
      {
        cards: ["XTENSION= 'BINTABLE'", "BITPIX  =                    8", "NAXIS   =                    2", "NAXIS1  =                   15", "NAXIS2  =                    1", "PCOUNT  =                   20", "GCOUNT  =                    1", "TFIELDS =                    3",
          "TTYPE1  = 'L'", "TFORM1  = '3L'", "TTYPE2  = 'V'", "TFORM2  = '1PB(2)'", "TTYPE3  = 'W'", "TFORM3  = '4B'", "TDIM3   = '(3,3)'", "THEAP   =                   25"],
        data: Uint8Array.from([...L, 0, 0, 0, 2, 0, 0, 0, 0, 9, 8, 7, 6, ...new Array(10).fill(0), 42, 43, 0, 0, 0, 0, 0, 0, 0, 0]),
      },
    ]);
    const hdu = readFitsSync(bytes).hdu(1);
    const l = hdu.readColumn("L");
    expect(Array.from(l.data as Uint8Array)).toEqual([1, 0, 0]);
    expect(l.kind === "logical" && Array.from(l.nulls ?? [])).toEqual([0, 0, 1]);
    expect(Array.from((hdu.readColumn("V").data as Uint8Array[])[0])).toEqual([42, 43]);
    expect(hdu.readColumn("W").shape).toEqual([1, 4]);
  });

  test("reading an HDU from a read file back into a new file keeps it byte for byte", () => {
    const src = readFitsSync(encodeFits([imageHdu({ data: Int16Array.from([1, 2]), bzero: 5 }), binTableHdu({ name: "T", columns: [{ name: "X", data: Float64Array.from([1, 2, 3]) }] })]));
    const copy = readFitsSync(encodeFits([src.hdu(0), src.hdu("T")]));
    expect(Array.from(copy.hdu("T").readFloat64("X").data)).toEqual([1, 2, 3]);
    expect(Array.from(copy.primary.readImage().data as Float64Array)).toEqual([6, 7]);
    expect(copy.hdu("T").readRawData()).toEqual(src.hdu("T").readRawData());
  });
});

describe("writer column errors", () => {
  const enc = (c: ColumnInput[]) => () => encodeFits([binTableHdu({ columns: c })]);
  test("mismatched rows, shapes, formats", () => {
    expect(enc([{ name: "A", data: new Float32Array(3) }, { name: "B", data: new Float32Array(2) }])).toThrow(/column B has 2 rows but column A has 3/);
    expect(enc([{ name: "A", data: new Float32Array(5), shape: [2, 2] }])).toThrow(/column A: shape \[2, 2\] does not match the 5 values/);
    expect(enc([{ name: "A", data: new Float32Array(2), format: "Z" }])).toThrow(/not a TFORM code/);
    expect(enc([{ name: "A", data: ["toolong"], format: "3A" }])).toThrow(/does not fit format/);
    expect(enc([{ name: "A", data: ["é"] }])).toThrow(/not ASCII/);
    expect(enc([{ name: "A", data: new Float64Array([1.5]), format: "K" }])).toThrow(/cannot be stored as a 64-bit integer/);
    expect(enc([{ name: "A", data: new Uint16Array([1]), zero: 3 }])).toThrow(/carry their own TZERO/);
    expect(enc([{ name: "A", data: new Float64Array(3), format: "C" }])).toThrow(/column A: shape \[1.5\] must hold non-negative integers \(3 values\)/);
  });
});
