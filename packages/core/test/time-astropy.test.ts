/**
 * Live cross-check against astropy.time run by /usr/bin/python3: random times 1990-2030 in
 * every scale, ISO round trips, leap seconds, Julian epochs, UT1 and the METs of real
 * H.E.S.S. DR1 and CTA 1DC event files. Skips (with the reason printed) when Python,
 * astropy or the data are absent.
 */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { Time, metToMjd, metToTime, timeRefFromHeader } from "@gammats/core";
import type { TimeScale } from "@gammats/core";

const PYTHON = "/usr/bin/python3";
const REPO = fileURLToPath(new URL("../../..", import.meta.url));
const DATA = process.env.GAMMAPY_DATA ?? resolve(REPO, "../shared/gammapy-data");
const FILES = [
  `${DATA}/hess-dl3-dr1/data/hess_dl3_dr1_obs_id_023523.fits.gz`,
  `${DATA}/cta-1dc/data/baseline/gps/gps_baseline_110380.fits`,
];

function pythonProblem(): string | undefined {
  if (!existsSync(PYTHON)) return `${PYTHON} not found`;
  const r = spawnSync(PYTHON, ["-c", "import astropy.time, astropy.io.fits"], { encoding: "utf8" });
  return r.status === 0 ? undefined : `astropy not importable by ${PYTHON}: ${r.stderr.trim().split("\n").pop()}`;
}
const problem = pythonProblem();
if (problem) console.log(`skipping astropy cross-checks: ${problem}`);

// Converts everything the TypeScript side sends and answers with two-part MJDs
// (jd1 - 2400000.5, jd2) so that no precision is lost on the way.
const SCRIPT = String.raw`
import json, sys, warnings
warnings.simplefilter("ignore")
from astropy.utils import iers
iers.conf.auto_download = False
from astropy.time import Time, TimeDelta
from astropy.io import fits
import numpy as np
req = json.load(sys.stdin)
def parts(t):
    return [[float(a) - 2400000.5, float(b)] for a, b in zip(np.atleast_1d(t.jd1), np.atleast_1d(t.jd2))]
out = {"mjd": {}}
for scale, pairs in req["mjd"].items():
    a = np.array(pairs)
    t = Time(a[:, 0], a[:, 1], format="mjd", scale=scale)
    t.precision = 6
    out["mjd"][scale] = {s: parts(getattr(t, s)) for s in ["utc", "tai", "tt", "tdb"]}
    out["mjd"][scale]["isot"] = list(t.isot)
    out["mjd"][scale]["jyear"] = list(t.jyear)
t = Time(req["iso"], scale="utc")
t.precision = 9
out["iso"] = {"parts": parts(t), "isot": list(t.isot), "tt": list(t.tt.isot)}
out["jyear"] = parts(Time(req["jyear"], format="jyear"))
u = np.array(req["ut1"])
t = Time(u[:, 0], u[:, 1], format="mjd", scale="utc")
t.delta_ut1_utc = u[:, 2]
out["ut1"] = parts(t.ut1)
out["files"] = []
for f in req["files"]:
    h = fits.open(f)[1]
    hd = h.header
    head = {k: hd.get(k) for k in ["MJDREFI", "MJDREFF", "TIMESYS", "TIMEUNIT", "TIMEREF", "TSTART", "TSTOP"]}
    ref = Time(float(hd["MJDREFI"]) + float(hd["MJDREFF"]), format="mjd", scale=hd["TIMESYS"].lower())
    met = h.data["TIME"][:50].astype(float)
    tt = ref + TimeDelta(met, format="sec")
    start = ref + TimeDelta(hd["TSTART"], format="sec")
    out["files"].append({"header": head, "met": list(met), "tt": parts(tt), "utc": parts(tt.utc),
                         "start_utc": start.utc.isot, "start_tt": parts(start)[0]})
print(json.dumps(out))
`;

/** Seeded uniform numbers in [0, 1) (mulberry32). */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SCALES: TimeScale[] = ["utc", "tai", "tt"];
const MJD_1990 = 47892;
const MJD_2030 = 62502;
const LEAP_DAYS = [48256, 48803, 49169, 49534, 50083, 50630, 51179, 53735, 54831, 56108, 57203, 57753]; // days ending in a leap second since 1990
const N = 300;

const random = rng(20240601);
const inputs: Record<string, [number, number][]> = {};
for (const s of SCALES) {
  const pairs: [number, number][] = [];
  for (let i = 0; i < N; i++) pairs.push([MJD_1990 + Math.floor(random() * (MJD_2030 - MJD_1990)), random()]);
  // Instants inside, just before and just after each leap second.
  for (const d of LEAP_DAYS) pairs.push([d, 86400.25 / 86401], [d, 86399.9 / 86401], [d + 1, 0.3 / 86400]);
  inputs[s] = pairs;
}
const isoStrings = [
  "2016-12-31T23:59:60.000000000",
  "2016-12-31T23:59:60.999999000",
  "2015-06-30T23:59:60.123456789",
  "1998-12-31T23:59:59.999999999",
  ...Array.from({ length: 60 }, () => Time.fromMjd(MJD_1990 + random() * (MJD_2030 - MJD_1990)).toIso(9)),
];
const jyears = Array.from({ length: 40 }, () => 1990 + random() * 40);
const ut1 = Array.from({ length: 40 }, (): [number, number, number] => [
  MJD_1990 + Math.floor(random() * (MJD_2030 - MJD_1990)),
  random(),
  random() * 1.8 - 0.9,
]);

interface Reply {
  mjd: Record<string, Record<string, [number, number][]> & { isot: string[]; jyear: number[] }>;
  iso: { parts: [number, number][]; isot: string[]; tt: string[] };
  jyear: [number, number][];
  ut1: [number, number][];
  files: {
    header: Record<string, unknown>;
    met: number[];
    tt: [number, number][];
    utc: [number, number][];
    start_utc: string;
    start_tt: [number, number];
  }[];
}

let reply: Reply | undefined;
function ask(): Reply {
  if (reply) return reply;
  const files = FILES.filter((f) => existsSync(f));
  if (files.length < FILES.length) console.log(`astropy MET check: data missing under ${DATA}, checking ${files.length} of ${FILES.length} files`);
  const input = JSON.stringify({ mjd: inputs, iso: isoStrings, jyear: jyears, ut1, files });
  const r = spawnSync(PYTHON, ["-c", SCRIPT], { input, encoding: "utf8", maxBuffer: 64 << 20 });
  if (r.status !== 0) throw new Error(`astropy script failed: ${r.stderr}`);
  reply = JSON.parse(r.stdout) as Reply;
  return reply;
}

/** |t - astropy| [s] for a two-part astropy value. */
const off = (t: Time, [a, b]: [number, number]): number => Math.abs((t.day - a) * 86400 + (t.frac - b) * 86400);

describe.skipIf(problem !== undefined)("agreement with astropy.time", () => {
  for (const from of SCALES) {
    it(`converts random ${from.toUpperCase()} times 1990-2030 to UTC, TAI and TT within 1 µs`, () => {
      const ref = ask().mjd[from]!;
      let worst = 0;
      inputs[from]!.forEach(([d, f], i) => {
        const t = Time.fromMjd(d, from, f);
        for (const to of ["utc", "tai", "tt"] as const) worst = Math.max(worst, off(t.toScale(to), ref[to]![i]!));
        expect(t.toIso(6)).toBe(ref.isot[i]);
        expect(Math.abs(t.jyear - ref.jyear[i]!)).toBeLessThan(1e-12);
      });
      expect(worst).toBeLessThan(1e-6);
    });
    it(`approximates TDB from ${from.toUpperCase()} within 10 µs`, () => {
      const ref = ask().mjd[from]!;
      let worst = 0;
      inputs[from]!.forEach(([d, f], i) => {
        worst = Math.max(worst, off(Time.fromMjd(d, from, f).tdb(), ref.tdb![i]!));
      });
      expect(worst).toBeLessThan(1e-5);
    });
  }
  it("reads and writes ISO strings (leap seconds included) as astropy", () => {
    const ref = ask().iso;
    isoStrings.forEach((s, i) => {
      const t = Time.parse(s);
      expect(off(t, ref.parts[i]!)).toBeLessThan(1e-6);
      expect(t.toIso(9)).toBe(ref.isot[i]);
      expect(t.tt().toIso(9)).toBe(ref.tt[i]);
    });
  });
  it("converts Julian epochs (TT) as astropy", () => {
    const ref = ask().jyear;
    jyears.forEach((y, i) => expect(off(Time.fromJyear(y), ref[i]!)).toBeLessThan(1e-6));
  });
  it("gives UT1 from UTC and dUT1 as astropy", () => {
    const ref = ask().ut1;
    ut1.forEach(([d, f, dut1], i) => expect(off(Time.fromMjd(d, "utc", f).ut1(dut1), ref[i]!)).toBeLessThan(1e-6));
  });
  it("gives the METs of real H.E.S.S. and CTA event files as astropy", () => {
    const files = ask().files;
    if (files.length === 0) console.log(`skipping MET files: no data under ${DATA}`);
    for (const f of files) {
      const ref = timeRefFromHeader(f.header);
      const start = metToTime(f.header.TSTART as number, ref);
      expect(off(start, f.start_tt)).toBeLessThan(1e-6);
      expect(start.utc().isot).toBe(f.start_utc);
      const met = Float64Array.from(f.met);
      const tt = metToMjd(met, ref, "tt");
      const utc = metToMjd(met, ref, "utc");
      f.met.forEach((m, i) => {
        expect(Math.abs(tt[i]! - (f.tt[i]![0] + f.tt[i]![1])) * 86400).toBeLessThan(1e-6);
        expect(Math.abs(utc[i]! - (f.utc[i]![0] + f.utc[i]![1])) * 86400).toBeLessThan(1e-6);
        expect(off(metToTime(m, ref).utc(), f.utc[i]!)).toBeLessThan(1e-6);
        expect(Math.abs(metToTime(m, ref).utc().toMet(ref) - m)).toBeLessThan(1e-6);
      });
    }
  });
});
