import { describe, expect, test } from "vitest";
import { chmodSync, existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { IoError } from "@gammats/core";
import { binTableHdu, encodeFits, encodeFitsChunks, imageHdu, isGzip, readFits, readFitsSync, writeFits, writeFitsSync } from "@gammats/fits";
import { tempDir } from "./helpers.js";

const hdus = () => [
  imageHdu({ header: [["ORIGIN", "gammats", "test"]] }),
  binTableHdu({
    name: "EVENTS",
    columns: [
      { name: "ENERGY", data: Float32Array.from([0.5, 1, 2]), unit: "TeV" },
      { name: "TIME", data: Float64Array.from([1, 2, 3]), unit: "s" },
    ],
  }),
];

describe("writeFits", () => {
  test("sync: plain file, refuses to overwrite, overwrites on request, leaves no temp file", () => {
    const { dir, cleanup } = tempDir();
    try {
      const path = join(dir, "events.fits");
      writeFitsSync(path, hdus());
      const bytes = readFileSync(path);
      expect(bytes.length % 2880).toBe(0);
      expect(isGzip(bytes)).toBe(false);
      expect(Buffer.from(bytes.subarray(0, 30)).toString("latin1")).toBe("SIMPLE  =                    T");
      expect(() => writeFitsSync(path, hdus())).toThrow(IoError);
      expect(() => writeFitsSync(path, hdus())).toThrow(/refusing to overwrite an existing file \(pass \{ overwrite: true \}\): .*events\.fits/);
      writeFitsSync(path, [imageHdu({ data: Int16Array.from([7]) })], { overwrite: true });
      expect(Array.from(readFitsSync(path).primary.readImage().data as Int16Array)).toEqual([7]);
      expect(readdirSync(dir)).toEqual(["events.fits"]);
    } finally {
      cleanup();
    }
  });

  test("gzip by name, detected by magic bytes whatever the name", async () => {
    const { dir, cleanup } = tempDir();
    try {
      const gz = join(dir, "events.fits.gz");
      await writeFits(gz, hdus());
      expect(isGzip(readFileSync(gz))).toBe(true);
      const file = await readFits(gz);
      expect(file.path).toBe(gz);
      expect(Array.from(file.hdu("EVENTS").readFloat64("ENERGY").data)).toEqual([0.5, 1, 2]);

      const disguised = join(dir, "gzipped-but-named.fits");
      writeFileSync(disguised, gzipSync(encodeFits(hdus())));
      expect(readFitsSync(disguised).hdu("EVENTS").nrows).toBe(3);

      const plainGz = join(dir, "plain.fits.gz");
      writeFitsSync(plainGz, hdus(), { gzip: false });
      expect(isGzip(readFileSync(plainGz))).toBe(false);
      expect(readFitsSync(plainGz).hdu(1).nrows).toBe(3);

      await expect(writeFits(gz, hdus())).rejects.toThrow(/refusing to overwrite/);
      await writeFits(gz, hdus(), { overwrite: true });
      expect(readdirSync(dir).sort()).toEqual(["events.fits.gz", "gzipped-but-named.fits", "plain.fits.gz"]);
    } finally {
      cleanup();
    }
  });

  test("an encoding error leaves nothing behind and the old file intact", () => {
    const { dir, cleanup } = tempDir();
    try {
      const path = join(dir, "keep.fits");
      writeFitsSync(path, hdus());
      const before = readFileSync(path);
      const bad = [binTableHdu({ columns: [{ name: "A", data: ["é"] }] })];
      expect(() => writeFitsSync(path, bad, { overwrite: true })).toThrow(/not ASCII/);
      expect(readFileSync(path)).toEqual(before);
      expect(readdirSync(dir)).toEqual(["keep.fits"]);
    } finally {
      cleanup();
    }
  });

  test("a write failure is an IoError and cleans up", async () => {
    const { dir, cleanup } = tempDir();
    try {
      expect(() => writeFitsSync(join(dir, "no", "such", "dir.fits"), hdus())).toThrow(/cannot write FITS file \(ENOENT\)/);
      if (process.getuid?.() !== 0) {
        chmodSync(dir, 0o500);
        await expect(writeFits(join(dir, "ro.fits"), hdus())).rejects.toThrow(IoError);
        chmodSync(dir, 0o700);
      }
      expect(existsSync(join(dir, "ro.fits"))).toBe(false);
    } finally {
      cleanup();
    }
  });

  test("reading bytes and reading a path agree; Buffer with an offset works", () => {
    const bytes = encodeFits(hdus());
    const shifted = Buffer.concat([Buffer.alloc(3), Buffer.from(bytes)]).subarray(3);
    expect(shifted.byteOffset % 8).not.toBe(0);
    const file = readFitsSync(shifted);
    expect(Array.from(file.hdu("EVENTS").readFloat64("TIME").data)).toEqual([1, 2, 3]);
    expect(file.hdu("EVENTS").readColumn("ENERGY").unit).toBe("TeV");
  });
});

describe("writeFitsSync piece by piece (writev)", () => {
  // Random HDUs of every padding case: empty images, data ending on and off a block, tables.
  const randomHdus = (seed: number, count: number) => {
    let x = seed;
    const rand = () => ((x = (x * 1103515245 + 12345) % 2147483648) / 2147483648);
    const out = [imageHdu({ header: [["SEED", seed]] })];
    for (let k = 0; k < count; k++) {
      const n = [0, 1, 360, 720, 721, Math.floor(rand() * 5000)][k % 6]!;
      if (k % 3 === 2) {
        out.push(binTableHdu({ name: `T${k}`, columns: [{ name: "X", data: Float64Array.from({ length: n }, rand) }] }));
      } else {
        const data = k % 2 === 0 ? Float64Array.from({ length: n }, () => rand() * 1e6 - 5e5) : Float32Array.from({ length: n }, rand);
        out.push(imageHdu({ name: `I${k}`, data, shape: [n] }));
      }
    }
    return out;
  };

  test("the file holds exactly encodeFits' bytes; the pieces add up to them", () => {
    const { dir, cleanup } = tempDir();
    try {
      for (const [seed, count] of [[1, 0], [2, 1], [3, 7], [4, 12]] as const) {
        const list = randomHdus(seed, count);
        const path = join(dir, `r${seed}.fits`);
        writeFitsSync(path, list);
        const expected = encodeFits(list);
        expect(Buffer.compare(readFileSync(path), Buffer.from(expected))).toBe(0);
        expect(Buffer.compare(Buffer.concat(encodeFitsChunks(list)), Buffer.from(expected))).toBe(0);
      }
    } finally {
      cleanup();
    }
  });

  test("more pieces than one writev takes (IOV_MAX): the rest follows, nothing lost", () => {
    const { dir, cleanup } = tempDir();
    try {
      const list = randomHdus(5, 700); // ~2000 pieces
      expect(encodeFitsChunks(list).length).toBeGreaterThan(1024);
      const path = join(dir, "many.fits");
      writeFitsSync(path, list);
      expect(Buffer.compare(readFileSync(path), Buffer.from(encodeFits(list)))).toBe(0);
      expect(readFitsSync(path).hdus.length).toBe(701);
    } finally {
      cleanup();
    }
  });
});

describe("reading gzipped FITS (output chunk sized from the gzip trailer)", () => {
  test("one member, several members, a trailer that lies: the same HDUs, sync and async", async () => {
    const list = [imageHdu({ name: "BIG", data: Float64Array.from({ length: 50_000 }, (_, i) => Math.sin(i)), shape: [50_000] })];
    const plain = Buffer.from(encodeFits(list));
    const oneMember = gzipSync(plain);
    // Two gzip members: the trailer names only the second one's size.
    const twoMembers = Buffer.concat([gzipSync(plain.subarray(0, 2880 * 7)), gzipSync(plain.subarray(2880 * 7))]);
    const lying = Buffer.from(oneMember);
    lying.writeUInt32LE(10, lying.length - 4); // ISIZE says 10 bytes
    for (const gz of [oneMember, twoMembers]) {
      for (const file of [readFitsSync(gz), await readFits(gz)]) {
        expect(Array.from(file.hdu("BIG").readImage().data as Float64Array)).toEqual(Array.from(list[0]!.data as Float64Array));
      }
    }
    // zlib verifies ISIZE itself: a wrong one is an error either way, not wrong data.
    expect(() => readFitsSync(lying)).toThrow();
  });
});

describe("written headers (golden)", () => {
  test("a GTI table: mandatory keywords in order, fixed format, END, block padding", () => {
    const bytes = encodeFits([
      binTableHdu({
        name: "GTI",
        columns: [
          { name: "START", data: Float64Array.from([0]), unit: "s" },
          { name: "STOP", data: Float64Array.from([1800]), unit: "s" },
        ],
        header: [["MJDREFI", 51910, "reference MJD"], ["TIMESYS", "TT"], ["TSTART", 101962602, ""]],
      }),
    ]);
    const text = Buffer.from(bytes.subarray(2880, 2880 * 2)).toString("latin1");
    const cards = text.match(/.{80}/g) ?? [];
    expect(cards.slice(0, 19).map((c) => c.trimEnd())).toEqual([
      "XTENSION= 'BINTABLE'           / binary table extension",
      "BITPIX  =                    8 / array data type",
      "NAXIS   =                    2 / number of array dimensions",
      "NAXIS1  =                   16 / length of a row [bytes]",
      "NAXIS2  =                    1 / number of rows",
      "PCOUNT  =                    0 / heap size [bytes]",
      "GCOUNT  =                    1 / number of groups",
      "TFIELDS =                    2 / number of columns",
      "EXTNAME = 'GTI     '           / extension name",
      "TTYPE1  = 'START   '",
      "TFORM1  = '1D      '",
      "TUNIT1  = 's       '",
      "TTYPE2  = 'STOP    '",
      "TFORM2  = '1D      '",
      "TUNIT2  = 's       '",
      "MJDREFI =                51910 / reference MJD",
      "TIMESYS = 'TT      '",
      "TSTART  =            101962602",
      "END",
    ]);
    expect(cards.slice(19).every((c) => c === " ".repeat(80))).toBe(true);
    expect(bytes.length).toBe(2880 * 3);
    const data = new DataView(bytes.buffer, bytes.byteOffset + 2880 * 2);
    expect([data.getFloat64(0), data.getFloat64(8), data.getUint8(16)]).toEqual([0, 1800, 0]);
  });
});
