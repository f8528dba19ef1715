import { describe, expect, test } from "vitest";
import { gzipSync } from "node:zlib";
import { FitsError } from "@gammats/core";
import { binTableHdu, encodeFits, imageHdu, readFitsSync } from "@gammats/fits";
import type { FitsFile } from "@gammats/fits";
import { asciiTableBytes, seeded } from "./helpers.js";

/** A file with every HDU kind and most column kinds, to damage. */
function sample(): Uint8Array {
  const n = 50;
  const base = encodeFits([
    imageHdu({ data: Int16Array.from({ length: 60 }, (_, i) => i - 30), shape: [6, 10], bscale: 0.5, bzero: 3, blank: -30 }),
    binTableHdu({
      name: "EVENTS",
      columns: [
        { name: "ID", data: BigInt64Array.from({ length: n }, (_, i) => BigInt(i)) },
        { name: "UID", data: Uint32Array.from({ length: n }, (_, i) => i * 1000) },
        { name: "E", data: Float32Array.from({ length: n }, (_, i) => i / 7) },
        { name: "T", data: Float64Array.from({ length: n }, (_, i) => i * 1.5) },
        { name: "NAME", data: Array.from({ length: n }, (_, i) => `src${i}`) },
        { name: "FLAG", data: Array.from({ length: n }, (_, i) => i % 3 === 0) },
        { name: "BITS", data: new Uint8Array(n * 5).fill(1), shape: [n, 5], format: "X" },
        { name: "VEC", data: new Float32Array(n * 6), shape: [n, 2, 3] },
        { name: "VLA", data: Array.from({ length: n }, (_, i) => Float64Array.from({ length: i % 4 }, (_, j) => j)) },
      ],
      header: [["LONGSTR", "x".repeat(200), "long"], ["HIERARCH A LONG KEY", 1]],
    }),
    imageHdu({ name: "IMG", data: Float32Array.from({ length: 24 }, (_, i) => i), shape: [2, 3, 4] }),
  ]);
  const ascii = asciiTableBytes();
  return new Uint8Array(Buffer.concat([base, ascii.subarray(2880)]));
}

/** Decodes everything; returns normally or throws. */
function decodeAll(file: FitsFile): number {
  let values = 0;
  for (const hdu of file) {
    hdu.header.getNumber("NAXIS", 0);
    if (hdu.type === "image") values += hdu.readImage().data.length;
    else if (hdu.type === "bintable" || hdu.type === "table") for (const c of hdu.readTable().all()) values += c.data.length;
  }
  return values;
}

/** Reads damaged bytes: a FitsError or a complete decode are the only acceptable outcomes. */
function outcome(bytes: Uint8Array, label: string): "ok" | "error" {
  try {
    decodeAll(readFitsSync(bytes));
    return "ok";
  } catch (e) {
    if (e instanceof FitsError) {
      expect(e.message.length, label).toBeGreaterThan(10);
      return "error";
    }
    throw new Error(`${label}: ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}`);
  }
}

describe("damaged files give a FitsError or a valid read, never anything else", () => {
  const good = sample();
  const rand = seeded(20240611);

  test("the undamaged sample decodes", () => {
    const file = readFitsSync(good);
    expect(file.hdus.map((h) => h.name)).toEqual(["PRIMARY", "EVENTS", "IMG", "ASCII"]);
    // 60 pixels + 6 x 50 scalars + 250 bits + 300 vector values + 50 VLA rows + 24 pixels + 12 ASCII cells.
    expect(decodeAll(file)).toBe(996);
  });

  test("truncation at every block boundary and 400 seeded offsets", () => {
    const offsets = new Set<number>();
    for (let b = 0; b <= good.length; b += 2880) for (const d of [-1, 0, 1, 80]) offsets.add(Math.max(0, Math.min(good.length, b + d)));
    for (let i = 0; i < 400; i++) offsets.add(Math.floor(rand() * good.length));
    // A cut reads fine exactly when it falls between the end of an HDU's data and the
    // next header (fewer HDUs, last one missing only padding); anything else must fail.
    const hdus = readFitsSync(good).hdus;
    const readable = (cut: number) =>
      hdus.some((h, k) => cut >= h.dataOffset + h.dataSize && cut <= (hdus[k + 1]?.headerOffset ?? good.length));
    for (const cut of offsets) {
      expect(outcome(good.subarray(0, cut), `truncated at ${cut}`), `cut ${cut}`).toBe(readable(cut) ? "ok" : "error");
    }
  });

  test("2000 seeded corruptions of header and data bytes", () => {
    const file = readFitsSync(good);
    const headerRanges = file.hdus.map((h) => [h.headerOffset, h.dataOffset] as const);
    const printable = " =/'()0123456789.-+ETFABIJKDLXPQ&";
    const seen = { ok: 0, error: 0 };
    for (let i = 0; i < 2000; i++) {
      const bytes = good.slice();
      const nbytes = 1 + Math.floor(rand() * 4);
      for (let k = 0; k < nbytes; k++) {
        const [lo, hi] = rand() < 0.8 ? headerRanges[Math.floor(rand() * headerRanges.length)] : [0, bytes.length];
        const at = lo + Math.floor(rand() * (hi - lo));
        bytes[at] = rand() < 0.7 ? printable.charCodeAt(Math.floor(rand() * printable.length)) : Math.floor(rand() * 256);
      }
      seen[outcome(bytes, `corruption ${i}`)]++;
    }
    expect(seen.ok + seen.error).toBe(2000);
    expect(seen.error).toBeGreaterThan(50);
  });

  test("gzip truncated at seeded offsets", () => {
    const gz = gzipSync(good);
    for (let i = 0; i < 40; i++) {
      const cut = Math.floor(rand() * gz.length);
      expect(outcome(gz.subarray(0, cut), `gzip cut ${cut}`)).toBe("error");
    }
  });
});
