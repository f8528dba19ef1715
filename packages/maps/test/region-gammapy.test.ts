// Live cross-checks of sky regions, RegionGeom and RegionNDMap FITS I/O against Gammapy 1.0
// and astropy regions 0.7, run with /usr/bin/python3 (one spawn for everything). Points are
// placed 1e-6 (relative) inside and outside every edge of large shapes — where a spherical
// or flat-sky shortcut instead of regions' TAN projection would give other answers — plus
// random points around. Skips, printing why, when Python or Gammapy is missing.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { transformFrame } from "@gammats/core";
import {
  CircleSkyRegion,
  EllipseSkyRegion,
  MapAxis,
  PointSkyRegion,
  PolygonSkyRegion,
  RectangleSkyRegion,
  RegionGeom,
  RegionNDMap,
  parseDs9Regions,
  pixelRegionToSky,
  readRegionNDMap,
  regionsToDs9,
  writeRegionNDMap,
} from "@gammats/maps";
import type { SkyRegion } from "@gammats/maps";
import { expectClose } from "./helpers.js";

const PYTHON = process.env.GAMMATS_PYTHON ?? "/usr/bin/python3";

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
const rand = rng(4242);

interface Case {
  name: string;
  ds9: string;
  /** Frame of the query points. */
  frame: "icrs" | "galactic" | "fk5";
  lon: number[];
  lat: number[];
}

// Points 1e-6 (relative) on both sides of the edge of each pixel shape, mapped to the sky
// with the geometry's own WCS, then into the query frame; plus random points around.
function edgePoints(geom: RegionGeom, frame: Case["frame"]): { lon: number[]; lat: number[] } {
  const wcs = geom.wcs!;
  const xs: number[] = [];
  const ys: number[] = [];
  const eps = 1e-6;
  for (const region of geom.regions) {
    const p = region.toPixel(wcs);
    const ring = (f: (t: number, s: number) => [number, number]): void => {
      for (let k = 0; k < 24; k++) {
        const t = (2 * Math.PI * (k + 0.37)) / 24;
        for (const s of [1 - eps, 1 + eps]) {
          const [x, y] = f(t, s);
          xs.push(x);
          ys.push(y);
        }
      }
    };
    if (p.kind === "circle") ring((t, s) => [p.x + s * p.radius * Math.cos(t), p.y + s * p.radius * Math.sin(t)]);
    if (p.kind === "ellipse" || p.kind === "rectangle") {
      const c = Math.cos((p.angle * Math.PI) / 180);
      const sn = Math.sin((p.angle * Math.PI) / 180);
      const rot = (u: number, v: number): [number, number] => [p.x + c * u - sn * v, p.y + sn * u + c * v];
      if (p.kind === "ellipse") ring((t, s) => rot((s * p.width * Math.cos(t)) / 2, (s * p.height * Math.sin(t)) / 2));
      else {
        for (let k = 0; k < 12; k++) {
          const f = -0.45 + (0.9 * k) / 11;
          for (const s of [1 - eps, 1 + eps]) {
            xs.push(...[rot((s * p.width) / 2, f * p.height), rot((-s * p.width) / 2, f * p.height)].map((q) => q[0]));
            ys.push(...[rot((s * p.width) / 2, f * p.height), rot((-s * p.width) / 2, f * p.height)].map((q) => q[1]));
            xs.push(...[rot(f * p.width, (s * p.height) / 2), rot(f * p.width, (-s * p.height) / 2)].map((q) => q[0]));
            ys.push(...[rot(f * p.width, (s * p.height) / 2), rot(f * p.width, (-s * p.height) / 2)].map((q) => q[1]));
          }
        }
      }
    }
    if (p.kind === "polygon") {
      const n = p.x.length;
      // Centroid-scaled copies of points along each edge: just inside and just outside.
      const cx = p.x.reduce((a, b) => a + b, 0) / n;
      const cy = p.y.reduce((a, b) => a + b, 0) / n;
      for (let i = 0; i < n; i++) {
        const j = (i + 1) % n;
        for (const f of [0.2, 0.5, 0.8]) {
          const ex = p.x[i] + f * (p.x[j] - p.x[i]);
          const ey = p.y[i] + f * (p.y[j] - p.y[i]);
          for (const s of [1 - eps, 1 + eps]) {
            xs.push(cx + s * (ex - cx));
            ys.push(cy + s * (ey - cy));
          }
        }
      }
    }
  }
  // Random points over the bounding region of all shapes, 1.5 times larger.
  const x0 = Math.min(...xs);
  const x1 = Math.max(...xs);
  const y0 = Math.min(...ys);
  const y1 = Math.max(...ys);
  for (let k = 0; k < 150; k++) {
    xs.push((x0 + x1) / 2 + 1.5 * (rand() - 0.5) * (x1 - x0));
    ys.push((y0 + y1) / 2 + 1.5 * (rand() - 0.5) * (y1 - y0));
  }
  const sky = wcs.pixelToWorld(Float64Array.from(xs), Float64Array.from(ys));
  const q = transformFrame(sky.lon, sky.lat, wcs.frame, frame);
  return { lon: Array.from(q.lon), lat: Array.from(q.lat) };
}

const CASES: Omit<Case, "lon" | "lat">[] = [
  { name: "icrs circle r=3", ds9: "icrs;circle(83.633,22.014,3)", frame: "icrs" },
  { name: "galactic circle queried in icrs", ds9: "galactic;circle(184.557,-5.784,2.5)", frame: "icrs" },
  { name: "icrs ellipse", ds9: "icrs;ellipse(83.633,22.014,3,1.2,30)", frame: "icrs" },
  { name: "galactic ellipse queried in icrs", ds9: "galactic;ellipse(0,0,2,1,-70)", frame: "icrs" },
  { name: "icrs box", ds9: "icrs;box(266.4,-28.9,4,2,20)", frame: "icrs" },
  { name: "galactic box queried in icrs", ds9: "galactic;box(120,40,3,1.5,45)", frame: "icrs" },
  { name: "icrs circle queried in galactic", ds9: "icrs;circle(10,-60,2)", frame: "galactic" },
  { name: "fk5 ellipse queried in icrs", ds9: "fk5;ellipse(150,2,1,3,10)", frame: "icrs" },
  { name: "circle across RA 0", ds9: "icrs;circle(359.5,5,2)", frame: "icrs" },
  { name: "ellipse near the pole", ds9: "icrs;ellipse(45,84,6,3,60)", frame: "icrs" },
  { name: "union galactic ellipse + icrs circle", ds9: "galactic;ellipse(184.557,-5.784,1,0.5,30)\nicrs;circle(84.5,22.5,0.6)", frame: "icrs" },
  { name: "union of icrs circles", ds9: "icrs\ncircle(83.633,22.014,0.5)\ncircle(85,21,0.5)\ncircle(84,23.5,0.4)", frame: "galactic" },
];

const POLYGONS: { name: string; region: PolygonSkyRegion; frame: Case["frame"] }[] = [
  { name: "icrs polygon", region: new PolygonSkyRegion([80, 86, 85, 81.5], [20, 19.5, 25, 24], "icrs"), frame: "icrs" },
  { name: "galactic polygon queried in icrs", region: new PolygonSkyRegion([10, 14, 12], [-2, -1, 3], "galactic"), frame: "icrs" },
];

const SCRIPT = String.raw`
import json, sys, warnings
warnings.simplefilter("ignore")
import numpy as np
import astropy.units as u
from astropy.coordinates import SkyCoord, Angle
from astropy.io import fits
from astropy.wcs import WCS
from regions import Regions, PolygonSkyRegion, CircleSkyRegion, EllipseSkyRegion, RectangleSkyRegion, PointSkyRegion
from gammapy.maps import RegionGeom, RegionNDMap, MapAxis
from gammapy.utils.regions import compound_region_to_regions

def arr(x):
    return [None if not np.isfinite(v) else float(v) for v in np.ravel(x)]

inp = json.load(sys.stdin)
out = {"contains": {}, "polygons": {}, "solid": {}, "ds9": {}, "read": {}, "written": {}}

def region_facts(r):
    f = {"kind": type(r).__name__, "frame": r.center.frame.name if hasattr(r, "center") else r.vertices.frame.name}
    if hasattr(r, "center"):
        f["lon"] = float(r.center.data.lon.deg); f["lat"] = float(r.center.data.lat.deg)
    for k in ("radius", "width", "height", "angle"):
        if hasattr(r, k):
            f[k] = float(getattr(r, k).to_value("deg"))
    return f

for c in inp["cases"]:
    geom = RegionGeom.create(c["ds9"])
    sc = SkyCoord(c["lon"], c["lat"], unit="deg", frame=c["frame"])
    out["contains"][c["name"]] = {
        "mask": [int(v) for v in geom.contains(sc)],
        "solid": float(geom.solid_angle().to_value("sr")),
        "crval": [float(v) for v in geom.wcs.wcs.crval],
        "center": [float(geom.center_skydir.data.lon.deg), float(geom.center_skydir.data.lat.deg)],
        "sep": [float(v) for v in geom.separation(sc[:5]).deg],
    }

for p in inp["polygons"]:
    wcs = WCS(fits.Header(p["header"]))
    reg = PolygonSkyRegion(SkyCoord(p["vlon"], p["vlat"], unit="deg", frame=p["vframe"]))
    sc = SkyCoord(p["lon"], p["lat"], unit="deg", frame=p["frame"])
    out["polygons"][p["name"]] = {"mask": [int(v) for v in reg.contains(sc, wcs)], "area": float(reg.to_pixel(wcs).area)}

from regions import RegionMeta, RegionVisual
for s, ours in zip(inp["ds9"], inp["ds9_ours"]):
    regs = Regions.parse(s, format="ds9")
    facts = [region_facts(r) for r in regs]
    for r in regs:
        # parsed regions carry include=1 and colours, which regions writes as a global line
        r.meta = RegionMeta()
        r.visual = RegionVisual()
    back = Regions.parse(ours, format="ds9")
    out["ds9"][s] = {"facts": facts, "text": regs.serialize(format="ds9"), "ours": [region_facts(r) for r in back]}

for name, path in inp["read"].items():
    m = RegionNDMap.read(path)
    facts = {
        "data": arr(m.data),
        "shape": list(m.data.shape),
        "unit": m.unit.to_string(),
        "axes": [{"name": a.name, "edges": [float(v) for v in a.edges.value], "unit": a.unit.to_string(), "interp": a.interp} for a in m.geom.axes],
        "regions": [] if m.geom.region is None else [region_facts(r) for r in compound_region_to_regions(m.geom.region)],
    }
    if m.geom.region is not None:
        facts["solid"] = float(m.geom.solid_angle().to_value("sr"))
        facts["crval"] = [float(v) for v in m.geom.wcs.wcs.crval]
    out["read"][name] = facts

d = inp["dir"]
e = MapAxis.from_energy_bounds("0.5 TeV", "50 TeV", 4, name="energy")
et = MapAxis.from_energy_bounds("0.3 TeV", "100 TeV", 3, name="energy_true")
specs = {
    "circle": ("icrs;circle(83.633,22.014,0.11)", [e], "cm2 s", "float64"),
    "ellipse2d": ("galactic;ellipse(184.557,-5.784,0.6,0.2,25)", [e, et], "", "float32"),
    "union": ("icrs\ncircle(83.0,22.5,0.11)\ncircle(84.2,21.7,0.11)\ncircle(83.2,21.4,0.11)", [e], "", "float64"),
    "point": ("icrs;point(83.633,22.014)", [e], "TeV-1", "float64"),
    "box": ("galactic;box(0.5,-0.3,0.4,0.25,70)", [et], "sr-1", "float64"),
}
for name, (ds9, axes, unit, dtype) in specs.items():
    m = RegionNDMap.create(ds9, axes=axes, unit=unit, dtype=dtype)
    m.data = (np.arange(m.data.size).reshape(m.data.shape) * 1.5 + 0.25).astype(dtype)
    path = d + "/py_" + name + ".fits"
    m.write(path, overwrite=True)
    probe = SkyCoord(inp["probe_lon"], inp["probe_lat"], unit="deg", frame="icrs")
    back = RegionNDMap.read(path)
    out["written"][name] = {
        "path": path,
        "data": [float(v) for v in np.ravel(m.data)],
        "regions": [region_facts(r) for r in compound_region_to_regions(back.geom.region)],
        "solid": float(back.geom.solid_angle().to_value("sr")),
        "contains": [int(v) for v in back.geom.contains(probe)],
        "center": [float(back.geom.center_skydir.data.lon.deg), float(back.geom.center_skydir.data.lat.deg)],
    }
print(json.dumps(out))
`;

interface PyOut {
  contains: Record<string, { mask: number[]; solid: number; crval: number[]; center: number[]; sep: number[] }>;
  polygons: Record<string, { mask: number[]; area: number }>;
  ds9: Record<string, { facts: RegionFacts[]; text: string; ours: RegionFacts[] }>;
  read: Record<string, { data: (number | null)[]; shape: number[]; unit: string; axes: { name: string; edges: number[]; unit: string; interp: string }[]; regions: RegionFacts[]; solid?: number; crval?: number[] }>;
  written: Record<string, { path: string; data: number[]; regions: RegionFacts[]; solid: number; contains: number[]; center: number[] }>;
}
interface RegionFacts {
  kind: string;
  frame: string;
  lon?: number;
  lat?: number;
  radius?: number;
  width?: number;
  height?: number;
  angle?: number;
}

const KIND: Record<string, string> = {
  circle: "CircleSkyRegion",
  point: "PointSkyRegion",
  ellipse: "EllipseSkyRegion",
  rectangle: "RectangleSkyRegion",
  polygon: "PolygonSkyRegion",
};

function expectRegionMatches(r: SkyRegion, f: RegionFacts, tol: number, what: string): void {
  expect(KIND[r.kind], `${what} kind`).toBe(f.kind);
  expect(r.frame, `${what} frame`).toBe(f.frame);
  expectClose([r.center.lon, r.center.lat], [f.lon!, f.lat!], 0, 1e-9, `${what} centre`);
  if (r.kind === "circle") expectClose([r.radius], [f.radius!], tol, 0, `${what} radius`);
  if (r.kind === "ellipse" || r.kind === "rectangle") {
    expectClose([r.width, r.height], [f.width!, f.height!], tol, 0, `${what} size`);
    const d = (((r.angle - f.angle!) % 360) + 540) % 360 - 180;
    expect(Math.abs(d), `${what} angle ${r.angle} vs ${f.angle}`).toBeLessThan(tol * 100);
  }
}

const DS9_INPUTS = [
  "icrs;circle(83.633,22.014,0.1)",
  "galactic;ellipse(184.557,-5.784,0.2,0.1,30)",
  "fk5;box(5:34:31.9,+22:00:52,6',30\",15)",
  "icrs\npolygon(83,22,84,22,83.5,23)\npoint(83.2,22.1)",
  "# Region file format: DS9\nglobal color=green\ngalactic\ncircle(0.1d,-0.2d,0.001r) # color=red",
];

const probeLon = [83.633, 83.7, 83.0, 83.1, 184, 266.4, 84.2];
const probeLat = [22.014, 22.1, 22.5, 22.55, -5, -28.9, 21.7];

let py: PyOut | undefined;
let dir = "";
const cases: Case[] = [];
const polys: (typeof POLYGONS[number] & { lon: number[]; lat: number[] })[] = [];
const energy = MapAxis.fromEnergyBounds(1, 100, 6, { unit: "TeV" });
const energyTrue = MapAxis.fromEnergyBounds(0.5, 200, 4, { unit: "TeV", name: "energy_true" });
const written: Record<string, RegionNDMap> = {};

beforeAll(() => {
  if (!existsSync(PYTHON)) {
    console.log(`skipping live Gammapy region checks: ${PYTHON} not found`);
    return;
  }
  dir = mkdtempSync(join(tmpdir(), "gammats-region-"));
  for (const c of CASES) cases.push({ ...c, ...edgePoints(RegionGeom.create(c.ds9), c.frame) });
  for (const p of POLYGONS) polys.push({ ...p, ...edgePoints(new RegionGeom(p.region), p.frame) });

  // gammats writes, Gammapy reads.
  const seq = (n: number, f: (i: number) => number): number[] => Array.from({ length: n }, (_, i) => f(i));
  written.circle = RegionNDMap.create("icrs;circle(83.633,22.014,0.11)", { axes: [energy], unit: "cm2 s", data: seq(6, (i) => 1e9 * (i + 1)) });
  written.cube = RegionNDMap.create([new EllipseSkyRegion(184.557, -5.784, 0.5, 0.25, 40, "galactic")], {
    axes: [energy, energyTrue],
    data: seq(24, (i) => (i % 5 === 3 ? NaN : i * 0.5)),
  });
  written.union = RegionNDMap.create(
    [new CircleSkyRegion(83.633, 22.014, 0.1), new RectangleSkyRegion(184.0, -6.0, 0.3, 0.2, 10, "galactic")],
    { axes: [energy], unit: "", data: seq(6, (i) => i) },
  );
  written.point = RegionNDMap.create([new PointSkyRegion(266.4, -28.9, "icrs")], { axes: [energyTrue], unit: "m2", data: [1, 2, 3, 4] });
  written.noregion = RegionNDMap.create(null, { axes: [energy], unit: "TeV-1 s-1", data: seq(6, (i) => -i) });
  const readPaths: Record<string, string> = {};
  for (const [name, m] of Object.entries(written)) {
    readPaths[name] = join(dir, `ts_${name}.fits`);
    writeRegionNDMap(readPaths[name], m);
  }

  const input = {
    dir,
    cases,
    polygons: polys.map((p) => ({
      name: p.name,
      header: Object.fromEntries(p.region.defaultWcs().toHeaderCards()),
      vlon: Array.from(p.region.lon),
      vlat: Array.from(p.region.lat),
      vframe: p.region.frame,
      lon: p.lon,
      lat: p.lat,
      frame: p.frame,
    })),
    ds9: DS9_INPUTS,
    ds9_ours: DS9_INPUTS.map((t) => regionsToDs9(parseDs9Regions(t))),
    read: readPaths,
    probe_lon: probeLon,
    probe_lat: probeLat,
  };
  const run = spawnSync(PYTHON, ["-c", SCRIPT], { input: JSON.stringify(input), encoding: "utf8", maxBuffer: 64 << 20 });
  if (run.status !== 0) {
    console.log(`skipping live Gammapy region checks: ${(run.stderr ?? "").trim().split("\n").slice(-1)[0]}`);
    return;
  }
  py = JSON.parse(run.stdout) as PyOut;
}, 120_000);

afterAll(() => {
  if (dir !== "") rmSync(dir, { recursive: true, force: true });
});

describe("contains near the edges vs Gammapy RegionGeom.contains", () => {
  it.each(CASES.map((c) => c.name))("%s", (name) => {
    if (py === undefined) return;
    const c = cases.find((x) => x.name === name)!;
    const ref = py.contains[name];
    const geom = RegionGeom.create(c.ds9);
    const mask = Array.from(geom.contains(c.lon, c.lat, c.frame));
    const inside = ref.mask.filter((v) => v === 1).length;
    // Non-trivial: the test points straddle the edges.
    expect(inside).toBeGreaterThan(20);
    expect(inside).toBeLessThan(ref.mask.length - 20);
    const diff = mask.map((v, i) => (v !== ref.mask[i] ? i : -1)).filter((i) => i >= 0);
    expect(diff, `points that disagree (of ${mask.length})`).toEqual([]);
  });
});

describe("solid angles, WCS centres and separations vs Gammapy", () => {
  it.each(CASES.map((c) => c.name))("%s", (name) => {
    if (py === undefined) return;
    const c = cases.find((x) => x.name === name)!;
    const ref = py.contains[name];
    const geom = RegionGeom.create(c.ds9);
    const union = geom.regions.length > 1;
    // Unions: Gammapy's centre comes from scipy's optimiser (1e-5 deg tolerance), and the
    // mask count on the 0.01 deg grid moves by a pixel or two with it.
    expectClose([geom.solidAngle()], [ref.solid], union ? 2e-3 : 1e-9, 0, `${name} solid angle`);
    expectClose(geom.wcs!.crval, ref.crval, 0, union ? 1e-4 : 1e-9, `${name} crval`);
    expectClose([geom.centerSkydir.lon, geom.centerSkydir.lat], ref.center, 0, union ? 1e-4 : 1e-9, `${name} center`);
    const sep = geom.separation(c.lon.slice(0, 5), c.lat.slice(0, 5), c.frame);
    expectClose(sep, ref.sep, 0, union ? 1e-4 : 1e-9, `${name} separation`);
  });
});

describe("polygons vs regions PolygonSkyRegion.contains with the same WCS", () => {
  it.each(POLYGONS.map((p) => p.name))("%s", (name) => {
    if (py === undefined) return;
    const p = polys.find((x) => x.name === name)!;
    const ref = py.polygons[name];
    const mask = Array.from(p.region.contains(p.lon, p.lat, p.frame));
    expect(mask).toEqual(ref.mask);
    expect(ref.mask.filter((v) => v === 1).length).toBeGreaterThan(20);
    const wcs = p.region.defaultWcs();
    expectClose([p.region.area(wcs) / wcs.pixelArea], [ref.area], 1e-9, 0, "pixel area");
  });
});

describe("DS9 strings vs regions' parser and writer", () => {
  it.each(DS9_INPUTS)("%s", (text) => {
    if (py === undefined) return;
    const ref = py.ds9[text];
    const ours = parseDs9Regions(text);
    expect(ours.length).toBe(ref.facts.length);
    ours.forEach((r, i) => {
      const f = ref.facts[i];
      expect(KIND[r.kind]).toBe(f.kind);
      if (r.kind !== "polygon") expectRegionMatches(r, f, 1e-12, `region ${i}`);
    });
    // Same text as regions' serializer (which names fk5 "j2000"); regions reads ours back.
    expect(regionsToDs9(ours).replace(/^fk5$/m, "j2000")).toBe(ref.text);
    ref.ours.forEach((f, i) => {
      expect(f.kind).toBe(ref.facts[i].kind);
      if (f.lon !== undefined) expectClose([f.lon, f.lat!], [ref.facts[i].lon!, ref.facts[i].lat!], 0, 1e-8, "centre");
      for (const k of ["radius", "width", "height", "angle"] as const) {
        if (f[k] !== undefined) expectClose([f[k]!], [ref.facts[i][k]!], 0, 1e-8, k);
      }
    });
    expect(regionsToDs9(parseDs9Regions(ref.text)).replace(/^fk5$/m, "j2000")).toBe(ref.text);
  });
});

describe("RegionNDMap written by gammats, read by Gammapy", () => {
  it.each(["circle", "cube", "union", "point", "noregion"])("%s", (name) => {
    if (py === undefined) return;
    const m = written[name];
    const ref = py.read[name];
    expectClose(m.data, ref.data, 0, 0, "data");
    expect(ref.shape).toEqual(m.shape);
    if (m.unit !== "") expect(ref.unit.replace(/[()]/g, "").split(/\s*\/\s*|\s+/).length).toBeGreaterThan(0);
    expect(ref.axes.map((a) => a.name)).toEqual(m.geom.axes.map((a) => a.name));
    m.geom.axes.forEach((a, i) => expectClose(ref.axes[i].edges, (a as MapAxis).edges, 1e-12, 0, `${a.name} edges`));
    expect(ref.regions.length).toBe(m.geom.regions.length);
    // Gammapy reads regions back through the pixels of the WCS (in the WCS frame: icrs for
    // unions). Off the reference point that round trip changes sizes by ~1e-6; our reader
    // repeats it exactly, and the regions agree with ours to that level.
    m.geom.regions.forEach((r, i) => {
      const back = pixelRegionToSky(r.toPixel(m.geom.wcs!), m.geom.wcs!);
      expectRegionMatches(back, ref.regions[i], 1e-9, `region ${i} via pixels`);
      expectRegionMatches(r.toFrame(ref.regions[i].frame), ref.regions[i], 1e-5, `region ${i}`);
    });
    if (m.geom.regions.length > 0) {
      expectClose(m.geom.wcs!.crval, ref.crval!, 0, 1e-9, "crval");
      expectClose([m.geom.solidAngle()], [ref.solid!], m.geom.regions.length > 1 ? 2e-3 : 1e-9, 0, "solid angle");
    }
  });

  it("keeps the map unit", () => {
    if (py === undefined) return;
    expect(py.read.circle.unit.replace(/\s+/g, " ")).toBe("cm2 s");
    expect(py.read.noregion.unit).toBe("1 / (s TeV)");
  });
});

describe("RegionNDMap written by Gammapy, read by gammats", () => {
  it.each(["circle", "ellipse2d", "union", "point", "box"])("%s", (name) => {
    if (py === undefined) return;
    const ref = py.written[name];
    const m = readRegionNDMap(ref.path);
    expectClose(m.data, ref.data, 0, 0, "data");
    expect(m.geom.regions.length).toBe(ref.regions.length);
    m.geom.regions.forEach((r, i) => expectRegionMatches(r, ref.regions[i], 1e-9, `region ${i}`));
    expectClose([m.geom.solidAngle()], [ref.solid], m.geom.regions.length > 1 ? 2e-3 : 1e-9, 0, "solid angle");
    expect(Array.from(m.geom.contains(probeLon, probeLat, "icrs"))).toEqual(ref.contains);
    expectClose([m.geom.centerSkydir.lon, m.geom.centerSkydir.lat], ref.center, 0, 1e-9, "center_skydir");
  });

  it("reads units and axes", () => {
    if (py === undefined) return;
    const circle = readRegionNDMap(py.written.circle.path);
    expect(circle.unit).toBe("cm2 s");
    expect(circle.geom.axes.map((a) => a.name)).toEqual(["energy"]);
    expectClose((circle.geom.axes[0] as MapAxis).edges, [0.5, 1.5811388300841898, 5, 15.811388300841896, 50], 1e-12, 0, "edges");
    const cube = readRegionNDMap(py.written.ellipse2d.path);
    expect(cube.shape).toEqual([3, 4, 1, 1]);
    expect(cube.geom.axes.map((a) => a.name)).toEqual(["energy", "energy_true"]);
  });
});
