// Reads one H.E.S.S. DR1 run file (gzip included) with every HDU fully decoded, N times,
// and prints median times for @gammats/fits and for astropy doing the same.
//
//   npx tsc -b packages/fits && node bench/fits-read.mjs [file] [repeats]
//
// Uses the BUILT package (packages/fits/dist). astropy runs in /usr/bin/python3 and times
// itself (interpreter start-up excluded).
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { gunzipSync } from "node:zlib";

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, "..");
const fits = await import(join(repo, "packages/fits/dist/index.js")).catch(() => {
  console.error("build first: npx tsc -b packages/fits");
  process.exit(1);
});

const data = process.env.GAMMAPY_DATA ?? resolve(repo, "../shared/gammapy-data");
const file = process.argv[2] ?? join(data, "hess-dl3-dr1/data/hess_dl3_dr1_obs_id_020136.fits.gz");
const repeats = Number(process.argv[3] ?? 30);

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
};
const ms = (t) => `${t.toFixed(2)} ms`;

/** Decodes every HDU; returns the number of values so nothing is optimised away. */
function decodeAll(f) {
  let n = 0;
  for (const hdu of f.hdus) {
    if (hdu.type === "image") n += hdu.readImage().data.length;
    else if (hdu.type === "bintable" || hdu.type === "table") {
      for (const c of hdu.columns) n += hdu.readColumn(c.name).data.length;
    }
  }
  return n;
}

const raw = readFileSync(file);
const gz = fits.isGzip(raw);
const plain = gz ? gunzipSync(raw) : raw;
const times = { total: [], gunzip: [], parse: [], decode: [] };
let values = 0;
for (let i = 0; i < repeats + 3; i++) {
  const t0 = performance.now();
  const f = fits.readFitsSync(file);
  values = decodeAll(f);
  const t1 = performance.now();
  if (gz) gunzipSync(raw);
  const t2 = performance.now();
  const p = fits.readFitsSync(plain);
  const t3 = performance.now();
  decodeAll(p);
  const t4 = performance.now();
  if (i < 3) continue; // warm-up
  times.total.push(t1 - t0);
  times.gunzip.push(t2 - t1);
  times.parse.push(t3 - t2);
  times.decode.push(t4 - t3);
}

const py = `
import sys, time, warnings
import numpy as np
from astropy.io import fits
warnings.simplefilter("ignore")
path, n = sys.argv[1], int(sys.argv[2])
ts = []
for i in range(n + 3):
    t0 = time.perf_counter()
    with fits.open(path, memmap=False) as hl:
        for h in hl:
            if isinstance(h, (fits.BinTableHDU, fits.TableHDU)):
                for c in h.columns:
                    np.asarray(h.data[c.name])
            else:
                h.data
    if i >= 3:
        ts.append((time.perf_counter() - t0) * 1000)
ts.sort()
print(ts[len(ts) // 2])
`;
const r = spawnSync("/usr/bin/python3", ["-c", py, file, String(repeats)], { encoding: "utf8" });
const astropy = r.status === 0 ? Number(r.stdout.trim()) : undefined;

console.log(`file: ${file} (${gz ? `${(raw.length / 1e6).toFixed(2)} MB gzipped, ` : ""}${(plain.length / 1e6).toFixed(2)} MB plain)`);
console.log(`repeats: ${repeats} (median), values decoded per read: ${values}`);
console.log(`@gammats/fits read + decode all HDUs: ${ms(median(times.total))}`);
console.log(`  of which gunzip ${ms(median(times.gunzip))}, header parse ${ms(median(times.parse))}, decode ${ms(median(times.decode))}`);
console.log(astropy === undefined ? `astropy: not run (${r.stderr.trim().split("\n").pop()})` : `astropy fits.open + all columns: ${ms(astropy)}`);
if (astropy !== undefined) console.log(`ratio astropy / gammats: ${(astropy / median(times.total)).toFixed(1)}x`);
