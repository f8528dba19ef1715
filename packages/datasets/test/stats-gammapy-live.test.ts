/**
 * Live cross-check of the fit and counts statistics against Gammapy 1.0 (scipy 1.10):
 * seeded random arrays with zeros, empty and negative predictions, tiny values and masks
 * go to `/usr/bin/python3`; every per-bin value, sum, TS, significance, error, upper limit
 * and matching excess must agree. Skips (reason printed) without Python or Gammapy.
 */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { describe, expect, test } from "vitest";
import {
  CashCountsStatistic,
  WStatCountsStatistic,
  cash,
  cashSum,
  cstat,
  liMaSignificance,
  wstat,
  wstatBin,
  wstatMuBkg,
  wstatSum,
} from "@gammats/datasets";
import type { CountsStatistic } from "@gammats/datasets";

// Reads {fit?, cash_counts?, wstat_counts?} as JSON on stdin, writes Gammapy's values;
// non-finite numbers travel as the strings "nan", "inf", "-inf".
const SCRIPT = String.raw`
import json, sys, warnings
import numpy as np
warnings.simplefilter("ignore")
from gammapy.stats import (cash, cstat, wstat, get_wstat_mu_bkg, cash_sum_cython,
                           CashCountsStatistic, WStatCountsStatistic)

def enc(a):
    a = np.asarray(a, dtype=float).ravel()
    return [x if np.isfinite(x) else ("nan" if np.isnan(x) else ("inf" if x > 0 else "-inf")) for x in a.tolist()]

def dec(a):
    return np.array([float(x) for x in a], dtype=float)

inp = json.load(sys.stdin)
out = {}
if "fit" in inp:
    f = inp["fit"]
    n, mu = dec(f["n"]), dec(f["mu"])
    non, noff, alpha, musig = dec(f["n_on"]), dec(f["n_off"]), dec(f["alpha"]), dec(f["mu_sig"])
    mask = np.array(f["mask"], dtype=bool)
    ws = wstat(non, noff, alpha, musig)
    out["fit"] = {
        "cash": enc(cash(n, mu)),
        "cstat": enc(cstat(n, mu)),
        "cash_sum": enc([cash_sum_cython(n, mu)]),
        "cash_sum_masked": enc([cash_sum_cython(n[mask], mu[mask])]),
        "wstat": enc(ws),
        "wstat_bare": enc(wstat(non, noff, alpha, musig, extra_terms=False)),
        "mu_bkg": enc(get_wstat_mu_bkg(non, noff, alpha, musig)),
        "wstat_sum": enc([np.sum(np.nan_to_num(ws), dtype=np.float64)]),
        "wstat_sum_masked": enc([np.sum(np.nan_to_num(ws)[mask], dtype=np.float64)]),
    }

def counts(stat, sig):
    return {
        "n_sig": enc(stat.n_sig), "n_bkg": enc(stat.n_bkg), "error": enc(stat.error),
        "stat_null": enc(stat.stat_null), "stat_max": enc(stat.stat_max),
        "ts": enc(stat.ts), "sqrt_ts": enc(stat.sqrt_ts), "p_value": enc(stat.p_value),
        "errn": enc(stat.compute_errn(1)), "errp": enc(stat.compute_errp(1)),
        "errn2": enc(stat.compute_errn(2)), "errp2": enc(stat.compute_errp(2)),
        "ul": enc(stat.compute_upper_limit(3)), "ul2": enc(stat.compute_upper_limit(2)),
        "match": {str(s): enc(stat.n_sig_matching_significance(s)) for s in sig},
    }

if "cash_counts" in inp:
    c = inp["cash_counts"]
    out["cash_counts"] = counts(CashCountsStatistic(dec(c["n_on"]), dec(c["mu_bkg"])), c["sig"])
if "wstat_counts" in inp:
    c = inp["wstat_counts"]
    st = WStatCountsStatistic(dec(c["n_on"]), dec(c["n_off"]), dec(c["alpha"]), dec(c["mu_sig"]))
    out["wstat_counts"] = counts(st, c["sig"])
json.dump(out, sys.stdout)
`;

type Encoded = (number | string)[];
type CountsRef = Record<string, Encoded> & { match: Record<string, Encoded> };
interface Reference {
  fit: Record<string, Encoded>;
  cash_counts: CountsRef;
  wstat_counts: CountsRef;
}

const encode = (a: ArrayLike<number>): Encoded =>
  Array.from(a, (x) => (Number.isFinite(x) ? x : Number.isNaN(x) ? "nan" : x > 0 ? "inf" : "-inf"));
const decode = (a: Encoded): number[] => a.map((x) => (typeof x === "number" ? x : Number(x === "nan" ? NaN : x === "inf" ? Infinity : -Infinity)));

// mulberry32: small, seeded, reproducible.
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const random = rng(20240611);
// Poisson-distributed counts by inversion; a fifth of them forced to 0.
function counts(mean: number): number {
  if (random() < 0.2) return 0;
  const u = random();
  let k = 0;
  let p = Math.exp(-mean);
  let cdf = p;
  while (u > cdf && k < 1000) {
    k++;
    p *= mean / k;
    cdf += p;
  }
  return k;
}
function prediction(mean: number): number {
  const u = random();
  if (u < 0.08) return 0;
  if (u < 0.12) return -0.5 * random();
  if (u < 0.16) return 10 ** (-27 + 4 * random());
  return mean * (0.5 + random());
}

const N_FIT = 400;
const fit = { n: [] as number[], mu: [] as number[], n_on: [] as number[], n_off: [] as number[], alpha: [] as number[], mu_sig: [] as number[], mask: [] as number[] };
for (let i = 0; i < N_FIT; i++) {
  const mean = 30 * random() ** 2;
  fit.n.push(counts(mean));
  fit.mu.push(prediction(mean));
  const alpha = 0.02 + 1.5 * random();
  const bkg = 20 * random() ** 2;
  fit.n_on.push(counts(bkg * alpha + mean));
  fit.n_off.push(counts(bkg));
  fit.alpha.push(alpha);
  fit.mu_sig.push(prediction(mean));
  fit.mask.push(random() < 0.8 ? 1 : 0);
}

// Edge bins on top: empty and negative predictions, the truncation boundary, NaN, α = 0,
// negative signal predictions, a vanishing signal.
const EDGES: [number, number, number, number, number, number][] = [
  // n, mu, n_on, n_off, alpha, mu_sig
  [0, 0, 0, 0, 0.5, 0],
  [1, 0, 0, 0, 0.5, 2],
  [3, 1e-25, 0, 5, 0.2, 3],
  [3, 1.0000000180025095e-25, 4, 0, 0.3, 10],
  [4, NaN, 3, 2, 0, 1],
  [-1, 2, 3, 7, 0.1, -5],
  [NaN, 0, 5, 20, 0.5, -8],
  [0, NaN, 2, 9, 0.25, 1e-30],
];
for (const [n, mu, nOn, nOff, alpha, muSig] of EDGES) {
  fit.n.push(n);
  fit.mu.push(mu);
  fit.n_on.push(nOn);
  fit.n_off.push(nOff);
  fit.alpha.push(alpha);
  fit.mu_sig.push(muSig);
  fit.mask.push(1);
}
const N_BINS = fit.n.length;

const N_COUNTS = 60;
const cashIn = { n_on: [] as number[], mu_bkg: [] as number[] };
const wstatIn = { n_on: [] as number[], n_off: [] as number[], alpha: [] as number[], mu_sig: [] as number[] };
for (let i = 0; i < N_COUNTS; i++) {
  const bkg = 40 * random() ** 2;
  const sig = random() < 0.3 ? 0 : 20 * random() ** 2;
  cashIn.n_on.push(counts(bkg + sig));
  cashIn.mu_bkg.push(random() < 0.05 ? 0 : bkg);
  const alpha = 0.02 + random();
  wstatIn.n_on.push(counts(alpha * bkg + sig));
  wstatIn.n_off.push(counts(bkg));
  wstatIn.alpha.push(alpha);
  wstatIn.mu_sig.push(i % 2 === 0 ? 0 : 3 * random());
}
// Edge cases on top: n_on = 0, n_off = 0, both, an exact zero excess, a large count.
cashIn.n_on.push(0, 0, 7, 1000);
cashIn.mu_bkg.push(0, 3.5, 7, 900);
wstatIn.n_on.push(0, 0, 6, 5, 1000, 3);
wstatIn.n_off.push(0, 12, 0, 20, 5000, 30);
wstatIn.alpha.push(0.3, 0.25, 0.5, 0.25, 0.2, 0.1);
wstatIn.mu_sig.push(0, 0, 0, 0, 10, 0);
const SIGNIFICANCES = [5, 3, 0, -1.5];

function gammapy(): Reference | undefined {
  const py = process.env.GAMMATS_PYTHON ?? "/usr/bin/python3";
  if (!existsSync(py)) {
    console.log(`skipping live Gammapy statistics comparison: ${py} not found`);
    return undefined;
  }
  const input = {
    fit: Object.fromEntries(Object.entries(fit).map(([k, v]) => [k, k === "mask" ? v : encode(v)])),
    cash_counts: { ...cashIn, sig: SIGNIFICANCES },
    wstat_counts: { ...wstatIn, sig: SIGNIFICANCES },
  };
  const run = spawnSync(py, ["-c", SCRIPT], { input: JSON.stringify(input), encoding: "utf8", maxBuffer: 64 << 20 });
  if (run.status !== 0) {
    const why = (run.stderr ?? String(run.error ?? "")).trim().split("\n").pop();
    console.log(`skipping live Gammapy statistics comparison: ${why}`);
    return undefined;
  }
  return JSON.parse(run.stdout) as Reference;
}

let worst = 0;
let worstWhat = "";
/** |a − e| <= rtol·|e| + atol element-wise; an expected NaN must be NaN, ±∞ equal. */
function expectClose(actual: ArrayLike<number>, expectedEncoded: Encoded, rtol: number, atol: number, what: string): void {
  const expected = decode(expectedEncoded);
  expect(actual.length, `${what} length`).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) {
    const e = expected[i];
    const a = actual[i];
    if (Number.isNaN(e) || !Number.isFinite(e)) {
      if (!Object.is(a, e)) expect.fail(`${what}[${i}] = ${a}, expected ${e}`);
      continue;
    }
    const d = Math.abs(a - e);
    if (!(d <= atol + rtol * Math.abs(e))) expect.fail(`${what}[${i}] = ${a}, expected ${e} (rtol ${rtol}, atol ${atol})`);
    if (Math.abs(e) > atol && d / Math.abs(e) > worst) {
      worst = d / Math.abs(e);
      worstWhat = `${what}[${i}]`;
    }
  }
}

const ref = gammapy();
const f64 = (a: number[]): Float64Array => Float64Array.from(a);

describe.skipIf(ref === undefined)("agreement with Gammapy 1.0", () => {
  test("cash, cstat per bin and cash summed (all and masked)", () => {
    const r = ref!.fit;
    const n = f64(fit.n);
    const mu = f64(fit.mu);
    const mask = Uint8Array.from(fit.mask);
    // The inputs really contain the edge cases.
    expect(fit.n.filter((x) => x === 0).length).toBeGreaterThan(50);
    expect(fit.mu.filter((x) => x <= 1e-25).length).toBeGreaterThan(30);
    expectClose(cash(N_BINS, n, mu, new Float64Array(N_BINS)), r.cash, 1e-13, 1e-12, "cash");
    expectClose(cstat(N_BINS, n, mu, new Float64Array(N_BINS)), r.cstat, 1e-13, 1e-12, "cstat");
    expectClose([cashSum(N_BINS, n, mu)], r.cash_sum, 1e-13, 0, "cash_sum");
    expectClose([cashSum(N_BINS, n, mu, mask)], r.cash_sum_masked, 1e-13, 0, "cash_sum masked");
  });

  test("wstat per bin (with and without the goodness-of-fit terms), profile background, sums", () => {
    const r = ref!.fit;
    const [nOn, nOff, alpha, muSig] = [f64(fit.n_on), f64(fit.n_off), f64(fit.alpha), f64(fit.mu_sig)];
    const mask = Uint8Array.from(fit.mask);
    expectClose(wstat(N_BINS, nOn, nOff, alpha, muSig, new Float64Array(N_BINS)), r.wstat, 1e-12, 1e-10, "wstat");
    expectClose(wstat(N_BINS, nOn, nOff, alpha, muSig, new Float64Array(N_BINS), 0, false), r.wstat_bare, 1e-12, 1e-10, "wstat bare");
    expectClose(wstatMuBkg(N_BINS, nOn, nOff, alpha, muSig, new Float64Array(N_BINS)), r.mu_bkg, 1e-12, 1e-12, "mu_bkg");
    expectClose([wstatSum(N_BINS, nOn, nOff, alpha, muSig)], r.wstat_sum, 1e-12, 0, "wstat sum");
    expectClose([wstatSum(N_BINS, nOn, nOff, alpha, muSig, mask)], r.wstat_sum_masked, 1e-12, 0, "wstat sum masked");
    // α = 0 makes a bin NaN; the sums dropped it.
    const perBin = Array.from(nOn, (_, i) => wstatBin(nOn[i], nOff[i], alpha[i], muSig[i]));
    expect(perBin.filter(Number.isNaN).length).toBe(1);
    expect(Number.isFinite(wstatSum(N_BINS, nOn, nOff, alpha, muSig))).toBe(true);
  });

  const checkCounts = (stat: CountsStatistic, r: CountsRef, name: string): void => {
    // Closed-form quantities agree to rounding; the root-finding ones to 1e-6.
    expectClose(stat.nSig, r.n_sig, 1e-14, 1e-12, `${name} n_sig`);
    expectClose(stat.nBkg, r.n_bkg, 1e-14, 1e-12, `${name} n_bkg`);
    expectClose(stat.error, r.error, 1e-14, 1e-12, `${name} error`);
    expectClose(stat.statNull, r.stat_null, 1e-12, 1e-10, `${name} stat_null`);
    expectClose(stat.statMax, r.stat_max, 1e-12, 1e-10, `${name} stat_max`);
    expectClose(stat.ts, r.ts, 1e-10, 1e-10, `${name} ts`);
    expectClose(stat.sqrtTs, r.sqrt_ts, 1e-10, 1e-6, `${name} sqrt_ts`);
    expectClose(stat.pValue, r.p_value, 1e-10, 1e-12, `${name} p_value`);
    expectClose(stat.computeErrn(1), r.errn, 1e-6, 1e-9, `${name} errn`);
    expectClose(stat.computeErrp(1), r.errp, 1e-6, 1e-9, `${name} errp`);
    expectClose(stat.computeErrn(2), r.errn2, 1e-6, 1e-9, `${name} errn(2)`);
    expectClose(stat.computeErrp(2), r.errp2, 1e-6, 1e-9, `${name} errp(2)`);
    expectClose(stat.computeUpperLimit(), r.ul, 1e-6, 1e-9, `${name} ul`);
    expectClose(stat.computeUpperLimit(2), r.ul2, 1e-6, 1e-9, `${name} ul(2)`);
    for (const s of SIGNIFICANCES) {
      expectClose(stat.nSigMatchingSignificance(s), r.match[String(s)], 1e-6, 1e-7, `${name} n_sig matching ${s}`);
    }
  };

  test("CashCountsStatistic", () => {
    checkCounts(new CashCountsStatistic(cashIn.n_on, cashIn.mu_bkg), ref!.cash_counts, "cash");
  });

  test("WStatCountsStatistic, with and without a known signal", () => {
    const stat = new WStatCountsStatistic(wstatIn.n_on, wstatIn.n_off, wstatIn.alpha, wstatIn.mu_sig);
    checkCounts(stat, ref!.wstat_counts, "wstat");
    // Li & Ma eq. 17 is Gammapy's sqrt_ts where no signal is assumed.
    const rows = wstatIn.mu_sig.flatMap((m, i) => (m === 0 ? [i] : []));
    const n = rows.length;
    const pick = (a: number[]): Float64Array => Float64Array.from(rows, (i) => a[i]);
    const liMa = liMaSignificance(n, pick(wstatIn.n_on), pick(wstatIn.n_off), pick(wstatIn.alpha), new Float64Array(n));
    const expected = decode(ref!.wstat_counts.sqrt_ts);
    expectClose(liMa, encode(rows.map((i) => expected[i])), 1e-9, 1e-6, "Li & Ma");
    console.log(`statistics: largest relative difference to Gammapy ${worst.toExponential(2)} (${worstWhat})`);
  });
});
