// Reads EVERY HDU of EVERY FITS file under the gammapy-data folder with @gammats/fits and
// with astropy, and compares card by card and column by column (exact, via the canonical
// digests of packages/fits/test/astropy_dump.py). Prints mismatches; exit code 1 if any.
// Too slow for CI (~1 min).
//
//   npx tsc -b packages/fits && node bench/fits-sweep.mjs [folder]
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { readdirSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, "..");
const fits = await import(join(repo, "packages/fits/dist/index.js")).catch(() => {
  console.error("build first: npx tsc -b packages/fits");
  process.exit(1);
});
const root = process.argv[2] ?? process.env.GAMMAPY_DATA ?? resolve(repo, "../shared/gammapy-data");
const DUMP = join(repo, "packages/fits/test/astropy_dump.py");

function walk(dir) {
  const out = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...walk(p));
    else if (/\.(fits|fit|fts)(\.gz)?$/i.test(e.name)) out.push(p);
  }
  return out.sort();
}

// --- canonical digests, the same rules as astropy_dump.py and packages/fits/test/helpers.ts
const SENTINEL = 1.2345e300;
const sha = (b) => createHash("sha256").update(b).digest("hex");
function canonical(data, kind) {
  if (kind === "f" || kind === "c") {
    const f = new Float64Array(data.length);
    for (let i = 0; i < data.length; i++) {
      const v = Number(data[i]);
      f[i] = Number.isNaN(v) ? SENTINEL : v;
    }
    return new Uint8Array(f.buffer);
  }
  if (kind === "b") return Uint8Array.from(data, (v) => (v ? 1 : 0));
  const big = kind === "u" ? new BigUint64Array(data.length) : new BigInt64Array(data.length);
  for (let i = 0; i < data.length; i++) big[i] = BigInt(data[i]);
  return new Uint8Array(big.buffer);
}
function columnDigest(col, kind) {
  if (col.kind === "string") return sha(Buffer.from(col.data.join("\x00"), "latin1"));
  if (col.kind === "varlen") {
    const parts = [];
    const lengths = new BigInt64Array(col.data.length);
    col.data.forEach((row, i) => {
      if (typeof row === "string") {
        parts.push(Buffer.from(row, "latin1"));
        lengths[i] = 1n;
      } else {
        const k = row instanceof Float32Array || row instanceof Float64Array ? "f" : col.info.varCode === "L" ? "b" : row instanceof Uint16Array || row instanceof Uint32Array || row instanceof BigUint64Array ? "u" : "i";
        parts.push(canonical(row, k));
        lengths[i] = BigInt(row.length);
      }
    });
    return sha(Buffer.concat([...parts, new Uint8Array(lengths.buffer)]));
  }
  return sha(canonical(col.data, kind));
}
const fromPy = (v) => (v && typeof v === "object" && "bigint" in v ? BigInt(v.bigint) : v === "NaN" ? NaN : v);
const same = (a, b) =>
  typeof a === "object" && a !== null && typeof b === "object" && b !== null
    ? JSON.stringify(a) === JSON.stringify(b)
    : a === b || (Number.isNaN(a) && Number.isNaN(b));

function compare(ours, py) {
  const bad = [];
  if (py.error) return [`astropy failed: ${py.error}`];
  if (ours.hdus.length !== py.hdus.length) bad.push(`HDU count ${ours.hdus.length} vs ${py.hdus.length}`);
  let cards = 0;
  let columns = 0;
  for (const ph of py.hdus) {
    const hdu = ours.hdus[ph.index];
    if (!hdu) continue;
    const at = `HDU ${ph.index} ${ph.name}`;
    if (hdu.name.toUpperCase() !== ph.name.toUpperCase() || hdu.version !== ph.ver) bad.push(`${at}: name/ver`);
    if (hdu.header.length !== ph.cards.length) bad.push(`${at}: ${hdu.header.length} cards vs ${ph.cards.length}`);
    ph.cards.forEach(([k, v, c], i) => {
      const card = hdu.header.cards[i];
      if (!card) return;
      const mine = card.kind === "commentary" ? [card.key, card.comment, ""] : [card.key, card.value, card.comment];
      cards++;
      if (mine[0] !== k || !same(mine[1], fromPy(v)) || mine[2] !== c) bad.push(`${at} card ${i}: ${String(mine)} vs ${JSON.stringify([k, v, c])}`);
    });
    for (const pc of ph.columns ?? []) {
      columns++;
      if (pc.error) {
        bad.push(`${at} ${pc.name}: astropy ${pc.error}`);
        continue;
      }
      const col = hdu.readColumn(pc.name);
      const shape = col.kind === "complex" ? col.shape.slice(0, -1) : col.shape;
      if (JSON.stringify(shape) !== JSON.stringify(pc.shape)) bad.push(`${at} ${pc.name}: shape [${shape}] vs [${pc.shape}]`);
      if (columnDigest(col, pc.kind) !== pc.digest) bad.push(`${at} ${pc.name}: values differ`);
    }
    if (ph.image && hdu.type === "image") {
      const img = hdu.readImage();
      if (JSON.stringify(img.shape) !== JSON.stringify(ph.image.shape)) bad.push(`${at}: image shape`);
      if (ph.image.digest && sha(canonical(img.data, ph.image.kind)) !== ph.image.digest) bad.push(`${at}: image values differ`);
    }
  }
  return { bad, cards, columns };
}

const files = walk(root);
if (files.length === 0) {
  console.error(`no FITS files under ${root}`);
  process.exit(1);
}
console.log(`${files.length} FITS files under ${root}`);
const t0 = performance.now();
let totals = { hdus: 0, cards: 0, columns: 0, mismatches: 0, oursMs: 0 };
const BATCH = 16;
for (let b = 0; b < files.length; b += BATCH) {
  const batch = files.slice(b, b + BATCH);
  const r = spawnSync("/usr/bin/python3", [DUMP, ...batch], { encoding: "utf8", maxBuffer: 1 << 28 });
  if (r.status !== 0) {
    console.error(`astropy_dump.py failed: ${r.stderr}`);
    process.exit(1);
  }
  const dumps = JSON.parse(r.stdout).files;
  batch.forEach((path, i) => {
    const name = relative(root, path);
    let result;
    try {
      const t = performance.now();
      const ours = fits.readFitsSync(path);
      result = compare(ours, dumps[i]);
      totals.oursMs += performance.now() - t;
      totals.hdus += ours.hdus.length;
    } catch (e) {
      result = { bad: [`our reader threw ${e.name}: ${e.message}`], cards: 0, columns: 0 };
    }
    const bad = Array.isArray(result) ? result : result.bad;
    totals.cards += result.cards ?? 0;
    totals.columns += result.columns ?? 0;
    totals.mismatches += bad.length;
    if (bad.length) console.log(`MISMATCH ${name}\n  ${bad.slice(0, 20).join("\n  ")}`);
  });
}
console.log(
  `compared ${files.length} files, ${totals.hdus} HDUs, ${totals.cards} cards, ${totals.columns} columns: ` +
    `${totals.mismatches} mismatches (our read + decode + digest: ${(totals.oursMs / 1000).toFixed(1)} s; total ${((performance.now() - t0) / 1000).toFixed(1)} s)`,
);
process.exit(totals.mismatches ? 1 : 0);
