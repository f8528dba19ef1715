import { describe, expect, test } from "vitest";
import { gzipSync } from "node:zlib";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { FitsError, IoError } from "@gammats/core";
import { binTableHdu, encodeFits, imageHdu, readFits, readFitsSync } from "@gammats/fits";
import { EMPTY_PRIMARY, rawFits, tempDir } from "./helpers.js";

/** Runs fn and returns the FitsError it must throw. */
function fitsError(fn: () => unknown): FitsError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(FitsError);
    return e as FitsError;
  }
  throw new Error("expected a FitsError");
}

const bintable = (cards: string[], data?: Uint8Array) =>
  rawFits([
    { cards: EMPTY_PRIMARY },
    {
      cards: ["XTENSION= 'BINTABLE'", "BITPIX  =                    8", "NAXIS   =                    2", ...cards],
      data,
    },
  ]);

const naxes = (n1: number, n2: number, pcount = 0) => [
  `NAXIS1  = ${String(n1).padStart(20)}`,
  `NAXIS2  = ${String(n2).padStart(20)}`,
  `PCOUNT  = ${String(pcount).padStart(20)}`,
  "GCOUNT  =                    1",
];

describe("input that is not FITS", () => {
  test("empty, text, PNG, HTML", () => {
    expect(fitsError(() => readFitsSync(new Uint8Array(0), { name: "e.fits" })).message).toMatch(/empty input.*file e\.fits, HDU 0, byte 0/);
    expect(fitsError(() => readFitsSync(Buffer.from("hello world, not fits"))).message).toMatch(/not a FITS file: it starts with "hello wor"/);
    const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0]);
    expect(fitsError(() => readFitsSync(png)).offset).toBe(0);
  });

  test("corrupt and truncated gzip", () => {
    const bad = Uint8Array.from([0x1f, 0x8b, 8, 0, 1, 2, 3, 4, 5, 6, 7, 8]);
    expect(fitsError(() => readFitsSync(bad, { name: "x.fits.gz" })).message).toMatch(/corrupt or truncated gzip data.*file x\.fits\.gz/);
    const gz = gzipSync(encodeFits([binTableHdu({ columns: [{ name: "A", data: new Float64Array(1000) }] })]));
    expect(fitsError(() => readFitsSync(gz.subarray(0, gz.length - 100))).message).toMatch(/gzip/);
  });

  test("async reader reports the same errors", async () => {
    await expect(readFits(Buffer.from("nope"))).rejects.toThrow(/not a FITS file/);
    await expect(readFits(Uint8Array.from([0x1f, 0x8b, 0, 0]))).rejects.toThrow(/gzip/);
  });

  test("missing path and directory give IoError", async () => {
    const { dir, cleanup } = tempDir();
    try {
      expect(() => readFitsSync(join(dir, "missing.fits"))).toThrow(IoError);
      expect(() => readFitsSync(join(dir, "missing.fits"))).toThrow(/no such file: .*missing\.fits/);
      expect(() => readFitsSync(dir)).toThrow(/is a directory/);
      await expect(readFits(join(dir, "missing.fits"))).rejects.toThrow(IoError);
    } finally {
      cleanup();
    }
  });
});

describe("bad headers", () => {
  test("no END card", () => {
    const text = Buffer.from(["SIMPLE  =                    T", "BITPIX  =                    8", "NAXIS   =                    0"].map((c) => c.padEnd(80)).join("").padEnd(2880), "latin1");
    const e = fitsError(() => readFitsSync(text, { name: "noend.fits" }));
    expect(e.message).toMatch(/header has no END card before the end of the file/);
    expect(e.file).toBe("noend.fits");
    expect(e.hdu).toBe(0);
    expect(e.offset).toBe(2880);
  });

  test("bad NAXIS, BITPIX, missing NAXISn", () => {
    const prim = (cards: string[]) => rawFits([{ cards: ["SIMPLE  =                    T", ...cards] }]);
    expect(fitsError(() => readFitsSync(prim(["BITPIX  =                    8", "NAXIS   =                   -1"]))).key).toBe("NAXIS");
    expect(fitsError(() => readFitsSync(prim(["BITPIX  =                    8", "NAXIS   =                  1.5"]))).message).toMatch(/NAXIS must be an integer in \[0, 999\], found 1.5/);
    expect(fitsError(() => readFitsSync(prim(["BITPIX  =                    8", "NAXIS   = 'two'"]))).message).toMatch(/found 'two'/);
    expect(fitsError(() => readFitsSync(prim(["BITPIX  =                   12", "NAXIS   =                    0"]))).message).toMatch(/BITPIX must be one of/);
    expect(fitsError(() => readFitsSync(prim(["BITPIX  =                    8", "NAXIS   =                    1"]))).message).toMatch(/missing mandatory keyword NAXIS1/);
    expect(fitsError(() => readFitsSync(prim(["NAXIS   =                    0"]))).key).toBe("BITPIX");
    const huge = prim(["BITPIX  =                   64", "NAXIS   =                    3", "NAXIS1  =     9007199254740991", "NAXIS2  =     9007199254740991", "NAXIS3  =                    8"]);
    expect(fitsError(() => readFitsSync(huge)).message).toMatch(/overflows/);
  });

  test("non-header bytes where a header should be", () => {
    const bytes = rawFits([{ cards: EMPTY_PRIMARY }, { cards: ["XTENSION= 'IMAGE   '", "BITPIX  =                    8"] }]);
    bytes[2880 + 80 + 3] = 0x01;
    const e = fitsError(() => readFitsSync(bytes));
    expect(e.message).toMatch(/invalid byte 0x01 in a header keyword/);
    expect(e.hdu).toBe(1);
    expect(e.offset).toBe(2880 + 83);
  });

  test("extension headers: first card, table structure, TFORM nonsense", () => {
    const noXt = rawFits([{ cards: EMPTY_PRIMARY }, { cards: ["XTENSION= 1", "BITPIX  =                    8", "NAXIS   =                    0"] }]);
    expect(fitsError(() => readFitsSync(noXt)).message).toMatch(/does not start with XTENSION/);
    const t16 = rawFits([{ cards: EMPTY_PRIMARY }, { cards: ["XTENSION= 'BINTABLE'", "BITPIX  =                   16", "NAXIS   =                    2", ...naxes(2, 1)] }]);
    expect(fitsError(() => readFitsSync(t16)).message).toMatch(/needs BITPIX = 8 and NAXIS = 2/);
    const noPcount = rawFits([{ cards: EMPTY_PRIMARY }, { cards: ["XTENSION= 'BINTABLE'", "BITPIX  =                    8", "NAXIS   =                    2", "NAXIS1  =                    0", "NAXIS2  =                    0"] }]);
    expect(fitsError(() => readFitsSync(noPcount)).key).toBe("PCOUNT");

    const tform = (form: string) => bintable([...naxes(4, 1), "TFIELDS =                    1", `TFORM1  = '${form}'`], new Uint8Array(4));
    for (const bad of ["3Z", "E4E", "-1E", "2PE(3)", "1P", "", "X2"]) {
      const e = fitsError(() => readFitsSync(tform(bad)).hdu(1).readTable());
      expect(e.key).toBe("TFORM1");
    }
    expect(fitsError(() => readFitsSync(tform("2E")).hdu(1).columns).message).toMatch(/need 8 bytes per row but NAXIS1 is 4/);
    const noForm = bintable([...naxes(4, 1), "TFIELDS =                    1"], new Uint8Array(4));
    expect(fitsError(() => readFitsSync(noForm).hdu(1).columns).message).toMatch(/missing or non-string TFORM1/);
    const noFields = bintable(naxes(4, 1), new Uint8Array(4));
    expect(fitsError(() => readFitsSync(noFields).hdu(1).columns).key).toBe("TFIELDS");
  });
});

describe("bad data", () => {
  test("data shorter than declared", () => {
    const bytes = encodeFits([binTableHdu({ name: "EVENTS", columns: [{ name: "E", data: new Float64Array(2000) }] })]);
    const cut = bytes.subarray(0, bytes.length - 2880 * 2);
    const e = fitsError(() => readFitsSync(cut, { name: "cut.fits" }));
    expect(e.message).toMatch(/data shorter than declared: the header says 16000 bytes from byte 5760/);
    expect(e.hdu).toBe(1);
    expect(e.offset).toBe(cut.length);
    // Missing only the final padding is accepted.
    const unpadded = bytes.subarray(0, 5760 + 16000);
    expect(readFitsSync(unpadded).hdu("EVENTS").readFloat64("E").data.length).toBe(2000);
  });

  test("bytes after the last HDU are ignored with a warning", () => {
    const bytes = Buffer.concat([encodeFits([binTableHdu({ columns: [{ name: "A", data: new Int32Array(3) }] })]), Buffer.alloc(100, 0)]);
    const warnings: string[] = [];
    const file = readFitsSync(bytes, { logger: { debug() {}, info() {}, warning: (m) => warnings.push(m), error() {} } });
    expect(file.hdus.length).toBe(2);
    expect(warnings[0]).toMatch(/ignoring 100 bytes after the last HDU/);
  });

  test("variable-length descriptors outside the heap, bad THEAP", () => {
    const desc = new Uint8Array(8);
    new DataView(desc.buffer).setInt32(0, 5);
    new DataView(desc.buffer).setInt32(4, 2);
    const bytes = bintable([...naxes(8, 1, 6), "TFIELDS =                    1", "TTYPE1  = 'V'", "TFORM1  = '1PE(5)'"], Uint8Array.from([...desc, 0, 0, 0, 0, 0, 0]));
    const e = fitsError(() => readFitsSync(bytes, { name: "v.fits" }).hdu(1).readColumn("V"));
    expect(e.message).toMatch(/descriptor of column V row 0 \(count 5, heap offset 2\) points outside the heap of 6 bytes/);
    expect(e.offset).toBe(2880 * 2);
    const theap = bintable([...naxes(8, 1, 6), "TFIELDS =                    1", "TTYPE1  = 'V'", "TFORM1  = '1PE(5)'", "THEAP   =                   99"], new Uint8Array(14));
    expect(fitsError(() => readFitsSync(theap).hdu(1).readColumn("V")).key).toBe("THEAP");
  });

  test("random groups are refused when decoding", () => {
    const bytes = rawFits([{ cards: ["SIMPLE  =                    T", "BITPIX  =                    8", "NAXIS   =                    2", "NAXIS1  =                    0", "NAXIS2  =                    2", "GROUPS  =                    T", "PCOUNT  =                    1", "GCOUNT  =                    2"], data: new Uint8Array(6) }]);
    const hdu = readFitsSync(bytes).primary;
    expect(hdu.dataSize).toBe(6);
    expect(fitsError(() => hdu.readImage()).message).toMatch(/random-groups data are not supported/);
  });

  test("unknown HDU names list what exists", () => {
    const file = readFitsSync(encodeFits([binTableHdu({ name: "GTI", columns: [] })]), { name: "f.fits" });
    expect(fitsError(() => file.hdu("EVENTS")).message).toMatch(/no HDU 'EVENTS'; the file has 0:PRIMARY 1:GTI \(file f\.fits\)/);
    expect(fitsError(() => file.hdu(5)).message).toMatch(/no HDU index 5/);
    expect(fitsError(() => file.hdu("GTI", 2)).message).toMatch(/version 2/);
    expect(file.find("gti", 1)?.index).toBe(1);
    const named = readFitsSync(encodeFits([imageHdu({ name: "MAIN" })]));
    expect(named.hdu("primary").name).toBe("MAIN");
  });

  test("file paths appear in errors of lazily decoded data", () => {
    const { dir, cleanup } = tempDir();
    try {
      const path = join(dir, "bad.fits");
      const desc = new Uint8Array(8);
      new DataView(desc.buffer).setInt32(0, 100);
      writeFileSync(path, bintable([...naxes(8, 1), "TFIELDS =                    1", "TTYPE1  = 'V'", "TFORM1  = '1PB'"], desc));
      const e = fitsError(() => readFitsSync(path).hdu(1).readColumn("V"));
      expect(e.file).toBe(path);
      expect(e.key).toBe("V");
    } finally {
      cleanup();
    }
  });
});
