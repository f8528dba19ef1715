/**
 * Shared test helpers: where the real data and astropy are, running astropy scripts,
 * canonical digests matching astropy_dump.py, a seeded random generator, temp dirs.
 */
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { NumericArray, TableColumn } from "@gammats/fits";

const here = dirname(fileURLToPath(import.meta.url));
export const REPO = resolve(here, "../../..");
export const PYTHON = "/usr/bin/python3";
export const DUMP_SCRIPT = join(here, "astropy_dump.py");

/** The gammapy-data folder, or undefined (with the reason) when absent. */
export function gammapyData(): { dir?: string; reason?: string } {
  const dir = process.env.GAMMAPY_DATA ?? resolve(REPO, "../shared/gammapy-data");
  if (!existsSync(join(dir, "hess-dl3-dr1"))) return { reason: `no gammapy-data at ${dir} (set GAMMAPY_DATA)` };
  return { dir };
}

let astropyState: string | undefined | null = null;
/** undefined when /usr/bin/python3 with astropy works, else the reason. */
export function astropyMissing(): string | undefined {
  if (astropyState !== null) return astropyState;
  if (!existsSync(PYTHON)) return (astropyState = `${PYTHON} not found`);
  const r = spawnSync(PYTHON, ["-c", "import astropy, numpy"], { encoding: "utf8" });
  astropyState = r.status === 0 ? undefined : `astropy not importable by ${PYTHON}: ${r.stderr.trim().split("\n").pop()}`;
  return astropyState;
}

/** Runs a python script (inline source or a file path with args) and parses its JSON stdout. */
export function runPython<T>(args: string[], input?: string): T {
  const r = spawnSync(PYTHON, args, { encoding: "utf8", input, maxBuffer: 1 << 28 });
  if (r.status !== 0) throw new Error(`python failed: ${r.stderr}`);
  return JSON.parse(r.stdout) as T;
}

/** A JSON value from python: bigints arrive as {bigint: "..."}, NaN as "NaN". */
export function fromPy(v: unknown): unknown {
  if (v !== null && typeof v === "object" && "bigint" in (v as object)) return BigInt((v as { bigint: string }).bigint);
  if (v === "NaN") return NaN;
  return v;
}

const NAN_SENTINEL = 1.2345e300;

function sha(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}

/** Canonical bytes of numbers as in astropy_dump.py (little-endian host assumed). */
export function canonicalNumbers(data: NumericArray, kind: string): Uint8Array {
  if (kind === "f" || kind === "c") {
    const f = new Float64Array(data.length);
    for (let i = 0; i < data.length; i++) {
      const v = Number(data[i]);
      f[i] = Number.isNaN(v) ? NAN_SENTINEL : v;
    }
    return new Uint8Array(f.buffer);
  }
  if (kind === "b") return Uint8Array.from(data as ArrayLike<number>, (v) => (v ? 1 : 0));
  const big = kind === "u" ? new BigUint64Array(data.length) : new BigInt64Array(data.length);
  for (let i = 0; i < data.length; i++) big[i] = BigInt(data[i]);
  return new Uint8Array(big.buffer);
}

/** Digest of a decoded column, in astropy_dump.py's canonical form for the given dtype kind. */
export function columnDigest(col: TableColumn, kind: string): string {
  switch (col.kind) {
    case "string":
      return sha(Buffer.from(col.data.join("\x00"), "latin1"));
    case "varlen": {
      const parts: Uint8Array[] = [];
      const lengths = new BigInt64Array(col.data.length);
      col.data.forEach((row, i) => {
        if (typeof row === "string") {
          parts.push(Buffer.from(row, "latin1"));
          lengths[i] = 1n;
        } else {
          const k = row instanceof Float32Array || row instanceof Float64Array ? "f" : row instanceof Uint8Array && col.info.varCode === "L" ? "b" : row instanceof Uint16Array || row instanceof Uint32Array || row instanceof BigUint64Array ? "u" : "i";
          parts.push(canonicalNumbers(row, k));
          lengths[i] = BigInt(row.length);
        }
      });
      return sha(Buffer.concat([...parts, new Uint8Array(lengths.buffer)]));
    }
    default:
      return sha(canonicalNumbers(col.data, kind));
  }
}

/** Digest of image data in astropy_dump.py's canonical form. */
export function arrayDigest(data: NumericArray, kind: string): string {
  return sha(canonicalNumbers(data, kind));
}

/** Seeded uniform generator in [0, 1) (mulberry32). */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A fresh temporary directory and its remover. */
export function tempDir(): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), "gammats-fits-"));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** The largest elementwise relative difference |a - b| / max(|a|, |b|) (NaN matching NaN counts 0). */
export function maxRelDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) return Infinity;
  let worst = 0;
  for (let i = 0; i < a.length; i++) {
    const x = a[i];
    const y = b[i];
    if (Number.isNaN(x) && Number.isNaN(y)) continue;
    const d = Math.abs(x - y) / Math.max(Math.abs(x), Math.abs(y), 1e-300);
    worst = Math.max(worst, Number.isNaN(d) ? Infinity : d);
  }
  return worst;
}

/** One hand-made HDU: card images (END added) and raw data bytes. */
export interface RawHdu {
  cards: string[];
  data?: Uint8Array;
}

/** Builds FITS bytes from hand-written cards, to test what the writer never produces. */
export function rawFits(hdus: RawHdu[]): Uint8Array {
  const parts: Uint8Array[] = [];
  for (const h of hdus) {
    const text = [...h.cards, "END"].map((c) => c.padEnd(80)).join("");
    const head = new Uint8Array(Math.ceil(text.length / 2880) * 2880).fill(32);
    head.set(Buffer.from(text, "latin1"));
    parts.push(head);
    if (h.data && h.data.length) {
      const d = new Uint8Array(Math.ceil(h.data.length / 2880) * 2880);
      d.set(h.data);
      parts.push(d);
    }
  }
  return new Uint8Array(Buffer.concat(parts));
}

/** The mandatory cards of an empty primary HDU. */
export const EMPTY_PRIMARY = ["SIMPLE  =                    T", "BITPIX  =                    8", "NAXIS   =                    0"];

/** A small ASCII table (TABLE extension) written by hand, also used by the astropy test. */
export function asciiTableBytes(rows: string[] = ["Crab      42  12345  1.5D+01", "PKS2155   -7 -1.250      ***", "          0       0   2.5   "]): Uint8Array {
  return rawFits([
    { cards: [...EMPTY_PRIMARY, "EXTEND  =                    T"] },
    {
      cards: [
        "XTENSION= 'TABLE   '",
        "BITPIX  =                    8",
        "NAXIS   =                    2",
        "NAXIS1  =                   30",
        `NAXIS2  = ${String(rows.length).padStart(20)}`,
        "PCOUNT  =                    0",
        "GCOUNT  =                    1",
        "TFIELDS =                    4",
        "TTYPE1  = 'NAME    '",
        "TFORM1  = 'A8      '",
        "TBCOL1  =                    1",
        "TTYPE2  = 'N       '",
        "TFORM2  = 'I4      '",
        "TBCOL2  =                    9",
        "TTYPE3  = 'X       '",
        "TFORM3  = 'F8.3    '",
        "TBCOL3  =                   13",
        "TUNIT3  = 'deg     '",
        "TTYPE4  = 'Y       '",
        "TFORM4  = 'D9.1    '",
        "TBCOL4  =                   22",
        "TNULL4  = '***     '",
        "EXTNAME = 'ASCII   '",
      ],
      data: Buffer.from(rows.map((r) => r.padEnd(30)).join(""), "latin1"),
    },
  ]);
}
