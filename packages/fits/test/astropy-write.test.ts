import { afterAll, describe, expect, test } from "vitest";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { binTableHdu, imageHdu, readFitsSync, writeFitsSync } from "@gammats/fits";
import type { ColumnInput } from "@gammats/fits";
import { astropyDump, compareWithAstropy } from "./astropy-compare.js";
import { asciiTableBytes, astropyMissing, fromPy, runPython, tempDir } from "./helpers.js";

const skip = astropyMissing();
if (skip) console.warn(`skipping astropy cross-check of written files: ${skip}`);

const n = 5;
const columns: ColumnInput[] = [
  { name: "EVENT_ID", data: BigInt64Array.from({ length: n }, (_, i) => BigInt(i) * 4000000000n), disp: "I12" },
  { name: "UID", data: Uint32Array.from([0, 1, 2147483648, 4294967295, 7]) },
  { name: "U16", data: Uint16Array.from([0, 1, 32768, 65535, 7]) },
  { name: "U64", data: BigUint64Array.from([0n, 1n, 2n ** 63n, 2n ** 64n - 1n, 7n]) },
  { name: "S8", data: Int8Array.from([-128, -1, 0, 1, 127]) },
  { name: "I16", data: Int16Array.from([-32768, -1, 0, 1, 32767]) },
  { name: "I32", data: Int32Array.from([-2147483648, -1, 0, 1, 2147483647]) },
  { name: "BYTE", data: Uint8Array.from([0, 1, 127, 128, 255]) },
  { name: "ENERGY", data: Float32Array.from([0.1, 1, 10, NaN, 1e-30]), unit: "TeV" },
  { name: "TIME", data: Float64Array.from([101962602.82030201, 0, -1.5, Math.PI, 1e300]), unit: "s" },
  { name: "OBJECT", data: ["Crab", "PKS 2155-304", "", "it's", "  lead"] },
  { name: "FLAG", data: [true, false, true, true, false] },
  { name: "BITS", data: Uint8Array.from({ length: n * 10 }, (_, i) => (i * 7) % 3 === 0 ? 1 : 0), shape: [n, 10], format: "X" },
  { name: "CPLX", data: Float32Array.from({ length: n * 2 }, (_, i) => i - 3), format: "C" },
  { name: "MATRIX", data: Float32Array.from({ length: n * 4 * 3 * 2 }, (_, i) => i * 0.25), shape: [n, 4, 3, 2], unit: "sr-1" },
  { name: "VEC", data: Float64Array.from({ length: n * 3 }, (_, i) => i), shape: [n, 3], unit: "deg" },
  { name: "NAMES", data: Array.from({ length: n * 2 }, (_, i) => `n${i}`), shape: [n, 2] },
  { name: "VLA", data: Array.from({ length: n }, (_, i) => Float32Array.from({ length: i }, (_, j) => j / 2)) },
  { name: "SCALED", data: Int16Array.from([0, 1, 2, 3, -1]), scale: 0.5, zero: 10, nullValue: -1 },
];

const header: [string, unknown, string?][] = [
  ["OBS_ID", 20136, "observation number"],
  ["LIVETIME", 1521.02685546875, "[s] live time"],
  ["EQUINOX", 2000, "written as float"],
  ["BIGNUM", 9223372036854775807n, "int64 max"],
  ["FLAGT", true],
  ["Z", { re: 1.5, im: -2 }, "complex"],
  ["UNDEF", null, "undefined value"],
  ["QUOTE", "O'Hara", "escaped quote"],
  ["LONGSTR", "https://github.com/open-gamma-ray-astro/gamma-astro-data-formats/" + "x".repeat(120), "a long string over CONTINUE cards with a comment that is long as well"],
  ["HIERARCH GAMMATS LONG KEYWORD", 3.25, "hierarch"],
  ["COMMENT", undefined, "a comment card"],
  ["HISTORY", undefined, "a history card"],
];

describe.skipIf(Boolean(skip))("files we write read the same in astropy", () => {
  const { dir, cleanup } = tempDir();
  afterAll(cleanup);
  const path = join(dir, "written.fits");
  const gzPath = join(dir, "written.fits.gz");
  const asciiPath = join(dir, "ascii.fits");
  const hdus = [
    imageHdu({ data: Float32Array.from({ length: 12 }, (_, i) => i / 3), shape: [3, 4], header: header.map(([k, v, c]) => [k, v as never, c]) }),
    binTableHdu({ name: "EVENTS", columns, header: [["HDUCLAS1", "EVENTS", "class"]] }),
    imageHdu({ name: "U16IMG", data: Uint16Array.from([0, 1, 65535, 32768]), shape: [2, 2] }),
    imageHdu({ name: "I64IMG", data: BigInt64Array.from([-1n, 2n ** 62n]), shape: [2] }),
    imageHdu({ name: "SCALEDIMG", data: Int32Array.from([1, 2, 3]), bscale: 2, bzero: 1, header: [["BUNIT", "count"]] }),
  ];

  test("fits.open: every card and every column / image value agrees", () => {
    writeFitsSync(path, hdus);
    writeFitsSync(gzPath, hdus);
    writeFileSync(asciiPath, asciiTableBytes());
    const dumps = astropyDump([path, gzPath, asciiPath]);
    for (const [i, p] of [path, gzPath, asciiPath].entries()) {
      expect(compareWithAstropy(readFitsSync(p), dumps[i]), p).toEqual([]);
    }
    // And what astropy read is what we meant to write.
    const cards = dumps[0].hdus![0].cards;
    const get = (k: string) => fromPy(cards.find((c) => c[0] === k)?.[1]);
    expect(get("LIVETIME")).toBe(1521.02685546875);
    expect(get("BIGNUM")).toBe(9223372036854775807n);
    expect(get("LONGSTR")).toBe(header[8][1]);
    expect(cards.find((c) => c[0] === "LONGSTR")?.[2]).toBe(header[8][2]);
    expect(get("GAMMATS LONG KEYWORD")).toBe(3.25);
    expect(get("Z")).toEqual({ re: 1.5, im: -2 });
    expect(get("UNDEF")).toBeNull();
    expect(dumps[0].hdus![1].columns!.find((c) => c.name === "UID")?.sample).toEqual([0, 1, 2147483648, 4294967295, 7]);
    expect(dumps[2].hdus![1].columns!.find((c) => c.name === "X")?.sample).toEqual([12345, -1.25, 0]);
  });

  test("astropy.table.Table.read: names, units, dtypes, shapes and values", () => {
    writeFitsSync(path, hdus, { overwrite: true });
    const script = `
import json, sys, warnings
import numpy as np
from astropy.table import Table
warnings.simplefilter("ignore")
t = Table.read(sys.argv[1], hdu="EVENTS")
def val(x):
    if isinstance(x, bytes): return x.decode()
    if isinstance(x, (complex, np.complexfloating)): return [float(x.real), float(x.imag)]
    if isinstance(x, (float, np.floating)): return "NaN" if x != x else float(x)
    if isinstance(x, (bool, np.bool_)): return bool(x)
    if isinstance(x, (int, np.integer)): return int(x) if abs(int(x)) < 2**53 else {"bigint": str(int(x))}
    return str(x)
out = {}
for name in t.colnames:
    c = t[name]
    if c.dtype.kind == "O":
        vals = [[val(v) for v in np.ravel(row)] for row in c]
    else:
        vals = [val(v) for v in np.ravel(np.ma.getdata(c))]
    out[name] = {"unit": None if c.unit is None else c.unit.to_string("fits"), "kind": c.dtype.kind, "shape": list(c.shape), "values": vals,
                 "masked": [bool(m) for m in np.ravel(np.ma.getmaskarray(c))] if np.ma.isMaskedArray(c) else None}
print(json.dumps({"names": t.colnames, "cols": out}))
`;
    const r = runPython<{ names: string[]; cols: Record<string, { unit: string | null; kind: string; shape: number[]; values: unknown[]; masked: boolean[] | null }> }>(["-c", script, path]);
    expect(r.names).toEqual(columns.map((c) => c.name));
    const col = (name: string) => r.cols[name];
    expect(col("ENERGY").unit).toBe("TeV");
    expect(col("VEC").unit).toBe("deg");
    expect(col("MATRIX").unit).toBe("sr-1");
    expect(col("UID").kind).toBe("u");
    expect(col("U16").kind).toBe("u");
    expect(col("U64").values.map(fromPy)).toEqual([0, 1, 2n ** 63n, 2n ** 64n - 1n, 7]);
    // astropy 5.2 turns B with TZERO -128 into float64 (we give Int8Array); values agree.
    expect(col("S8").values).toEqual([-128, -1, 0, 1, 127]);
    expect(col("EVENT_ID").values).toEqual([0, 4000000000, 8000000000, 12000000000, 16000000000]);
    expect(col("ENERGY").values.map(fromPy)).toEqual([0.1, 1, 10, NaN, 1e-30].map(Math.fround));
    expect(col("TIME").values).toEqual([101962602.82030201, 0, -1.5, Math.PI, 1e300]);
    expect(col("OBJECT").values).toEqual(["Crab", "PKS 2155-304", "", "it's", "  lead"]);
    expect(col("FLAG").values).toEqual([true, false, true, true, false]);
    expect(col("BITS").shape).toEqual([n, 10]);
    expect(col("BITS").values).toEqual(Array.from({ length: n * 10 }, (_, i) => (i * 7) % 3 === 0));
    expect(col("CPLX").values).toEqual(Array.from({ length: n }, (_, i) => [2 * i - 3, 2 * i - 2]));
    expect(col("MATRIX").shape).toEqual([n, 4, 3, 2]);
    expect(col("MATRIX").values).toEqual(Array.from({ length: n * 24 }, (_, i) => i * 0.25));
    expect(col("NAMES").shape).toEqual([n, 2]);
    expect(col("NAMES").values).toEqual(Array.from({ length: n * 2 }, (_, i) => `n${i}`));
    expect(col("VLA").values).toEqual(Array.from({ length: n }, (_, i) => Array.from({ length: i }, (_, j) => j / 2)));
    // astropy ignores TNULL on scaled columns (9.5 for the null); we give NaN, see the dump script.
    expect(col("SCALED").values).toEqual([10, 10.5, 11, 11.5, 9.5]);
  });
});
