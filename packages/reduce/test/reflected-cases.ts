/**
 * The reflected-regions cases compared with Gammapy 1.0 (stored numbers and live runs of
 * reflected_gammapy.py), and the builders that turn one case into gammats objects.
 */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { expect } from "vitest";
import { angularSeparation } from "@gammats/core";
import { DataStore } from "@gammats/data-store";
import type { Observation } from "@gammats/data-store";
import { createSpectrumDataset } from "@gammats/datasets";
import { CircleSkyRegion, EllipseSkyRegion, MapAxis, PointSkyRegion, RectangleSkyRegion, RegionGeom, RegionNDMap, WcsGeom, WcsNDMap } from "@gammats/maps";
import type { SkyRegion } from "@gammats/maps";
import { ReflectedRegionsBackgroundMaker, ReflectedRegionsFinder, WobbleRegionsFinder } from "@gammats/reduce";
import type { ExclusionMask, RegionsFinder } from "@gammats/reduce";

const here = dirname(fileURLToPath(import.meta.url));
export const REPO = resolve(here, "../../..");
export const PYTHON = process.env.GAMMATS_PYTHON ?? "/usr/bin/python3";
export const SCRIPT = join(here, "reflected_gammapy.py");
export const REFERENCE_FILE = join(here, "reflected-gammapy-reference.json");

export interface RegionSpec {
  kind: "circle" | "ellipse" | "rectangle" | "point";
  lon: number;
  lat: number;
  frame?: "icrs" | "galactic";
  radius?: number;
  width?: number;
  height?: number;
  angle?: number;
}

export interface MaskSpec {
  skydir: [number, number];
  frame: "icrs" | "galactic";
  binsz: number;
  width: number;
  proj: "CAR" | "TAN";
  /** Excluded circle: ICRS lon, lat, radius [deg]. */
  excl: [number, number, number];
}

export interface Case {
  name: string;
  store?: "hess" | "point";
  obs: number;
  finder?: "wobble";
  /** Gammapy keyword arguments of the finder. */
  options?: Record<string, string | number>;
  region: RegionSpec;
  mask?: MaskSpec;
  maker?: boolean;
}

/** One case's Gammapy result. */
export interface CaseResult {
  error?: string;
  regions: { kind: string; lon: number; lat: number; radius?: number; width?: number; height?: number; angle?: number }[];
  wcs: { crval: number[]; crpix: number[]; cdelt: number[]; npix: number[] };
  mask?: { wcs: { crval: number[]; crpix: number[]; cdelt: number[]; npix: number[] }; excluded: number };
  counts_off?: number[] | null;
  acceptance_off?: number[];
  acceptance?: number[];
}

const ON = { lon: 83.633, lat: 22.014 };
const circle = (radius: number): RegionSpec => ({ kind: "circle", ...ON, radius });
const SRC = { kind: "point" as const, lon: 83.633, lat: 22.0145 };

export const CASES: Case[] = [
  { name: "23523-r0.11", obs: 23523, region: circle(0.11), maker: true },
  { name: "23523-r0.1", obs: 23523, region: circle(0.1), maker: true },
  { name: "23592-r0.11", obs: 23592, region: circle(0.11), maker: true },
  { name: "23592-r0.1", obs: 23592, region: circle(0.1), maker: true },
  { name: "23592-mindist", obs: 23592, region: circle(0.11), options: { min_distance_input: "0.2 rad", max_region_number: 5 }, maker: true },
  {
    name: "23523-mindist",
    obs: 23523,
    region: circle(0.1),
    options: { min_distance: "0.1 rad", angle_increment: "5 deg", min_distance_input: "30 deg" },
    maker: true,
  },
  {
    name: "23592-mask",
    obs: 23592,
    region: circle(0.11),
    mask: { skydir: [82.0, 22.0], frame: "icrs", binsz: 0.02, width: 5, proj: "CAR", excl: [81.2, 23.3, 0.3] },
    maker: true,
  },
  {
    name: "23592-mask-tan",
    obs: 23592,
    region: circle(0.11),
    mask: { skydir: [82.0, 22.0], frame: "icrs", binsz: 0.02, width: 5, proj: "TAN", excl: [81.2, 23.3, 0.3] },
    maker: true,
  },
  {
    name: "23523-mask",
    obs: 23523,
    region: circle(0.11),
    mask: { skydir: [83.633, 21.5], frame: "icrs", binsz: 0.02, width: 4, proj: "TAN", excl: [83.9, 21.05, 0.3] },
    maker: true,
  },
  {
    name: "23592-mask-gal",
    obs: 23592,
    region: circle(0.1),
    mask: { skydir: [184.0, -6.5], frame: "galactic", binsz: 0.05, width: 6, proj: "CAR", excl: [82.3, 20.6, 0.3] },
    maker: true,
  },
  {
    name: "23592-mask-gal-tan",
    obs: 23592,
    region: circle(0.1),
    mask: { skydir: [184.0, -6.5], frame: "galactic", binsz: 0.05, width: 6, proj: "TAN", excl: [82.3, 20.6, 0.3] },
    maker: true,
  },
  { name: "23523-ellipse", obs: 23523, region: { kind: "ellipse", ...ON, width: 0.3, height: 0.15, angle: 30 }, maker: true },
  { name: "23592-rect", obs: 23592, region: { kind: "rectangle", ...ON, width: 0.3, height: 0.15, angle: -20 }, maker: true },
  { name: "23523-inside", obs: 23523, region: circle(0.6), maker: true },
  { name: "23592-galactic", obs: 23592, region: { kind: "circle", lon: 184.5575, lat: -5.7843, radius: 0.11, frame: "galactic" }, maker: true },
  { name: "23523-wobble", obs: 23523, finder: "wobble", options: { n_off_regions: 3 }, region: circle(0.11), maker: true },
  { name: "23523-wobble-overlap", obs: 23523, finder: "wobble", options: { n_off_regions: 20 }, region: circle(0.11), maker: true },
  { name: "2001-point", store: "point", obs: 2001, finder: "wobble", options: { n_off_regions: 3 }, region: SRC, maker: true },
  { name: "2002-point", store: "point", obs: 2002, finder: "wobble", options: { n_off_regions: 5 }, region: SRC, maker: true },
  { name: "2001-point-overlap", store: "point", obs: 2001, finder: "wobble", options: { n_off_regions: 15 }, region: SRC, maker: true },
  {
    name: "2002-point-mask",
    store: "point",
    obs: 2002,
    finder: "wobble",
    options: { n_off_regions: 3 },
    region: SRC,
    mask: { skydir: [83.3, 21.7], frame: "icrs", binsz: 0.02, width: 3, proj: "TAN", excl: [82.9, 21.3, 0.2] },
    maker: true,
  },
];

/** The reco energy axis of the maker cases: 0.5–30 TeV, 20 log bins. */
export function energyAxis(): MapAxis {
  return MapAxis.fromEnergyBounds(0.5, 30, 20, { unit: "TeV", name: "energy" });
}

/** The H.E.S.S. DR1 folder, or why it is missing. */
export function hessData(): { dir?: string; reason?: string } {
  const base = process.env.GAMMAPY_DATA ?? resolve(REPO, "../shared/gammapy-data");
  const dir = join(base, "hess-dl3-dr1");
  return existsSync(join(dir, "hdu-index.fits.gz")) ? { dir } : { reason: `no H.E.S.S. DR1 under ${base} (set GAMMAPY_DATA)` };
}

/** The project's point-like test store. */
export function pointData(): { dir?: string; reason?: string } {
  const dir = join(REPO, "test-data/dl3-point-like");
  return existsSync(join(dir, "hdu-index.fits.gz")) ? { dir } : { reason: `no ${dir}` };
}

const stores = new Map<string, DataStore>();

/** The observation of a case (data stores opened once). */
export function observationOf(c: Case): Observation {
  const store = c.store ?? "hess";
  const where = store === "hess" ? hessData() : pointData();
  if (where.dir === undefined) throw new Error(where.reason);
  let ds = stores.get(store);
  if (ds === undefined) {
    ds = DataStore.fromDir(where.dir);
    stores.set(store, ds);
  }
  return ds.obs(c.obs, store === "point" ? "point-like" : "full-enclosure");
}

/** The on region of a case. */
export function regionOf(s: RegionSpec): SkyRegion {
  const frame = s.frame ?? "icrs";
  if (s.kind === "circle") return new CircleSkyRegion(s.lon, s.lat, s.radius!, frame);
  if (s.kind === "ellipse") return new EllipseSkyRegion(s.lon, s.lat, s.width!, s.height!, s.angle!, frame);
  if (s.kind === "rectangle") return new RectangleSkyRegion(s.lon, s.lat, s.width!, s.height!, s.angle!, frame);
  return new PointSkyRegion(s.lon, s.lat, frame);
}

/** The finder of a case, its Gammapy keyword arguments mapped to gammats options. */
export function finderOf(c: Case): RegionsFinder {
  const o = c.options ?? {};
  if (c.finder === "wobble") return new WobbleRegionsFinder({ nOffRegions: Number(o.n_off_regions) });
  return new ReflectedRegionsFinder({
    angleIncrement: o.angle_increment,
    minDistance: o.min_distance,
    minDistanceInput: o.min_distance_input,
    maxRegionNumber: o.max_region_number === undefined ? undefined : Number(o.max_region_number),
  });
}

/**
 * The exclusion mask of a case, as a Gammapy user builds it: a boolean WcsNDMap that is
 * false inside the excluded circle (`~geom.region_mask([circle])`).
 */
export function maskOf(s: MaskSpec): ExclusionMask {
  const geom = WcsGeom.create({ skydir: s.skydir, binsz: s.binsz, width: s.width, frame: s.frame, proj: s.proj });
  return exclusionMap(geom, [new CircleSkyRegion(s.excl[0], s.excl[1], s.excl[2], "icrs")]);
}

/**
 * A boolean exclusion map on a geometry: 0 where a pixel centre lies in an excluded region.
 */
export function exclusionMap(geom: WcsGeom, excluded: SkyRegion[]): WcsNDMap {
  return WcsNDMap.fromGeom(geom, { data: geom.regionMask(excluded, false), dtype: "bool" });
}

/** Runs the Gammapy script on cases; the results, or why not. */
export function runGammapy(cases: readonly Case[]): { results?: Record<string, CaseResult>; reason?: string } {
  const hess = hessData();
  if (hess.dir === undefined) return { reason: hess.reason };
  if (!existsSync(PYTHON)) return { reason: `${PYTHON} not found` };
  const probe = spawnSync(PYTHON, ["-c", "import gammapy, regions"], { encoding: "utf8" });
  if (probe.status !== 0) return { reason: `Gammapy not importable with ${PYTHON}: ${probe.stderr.trim().split("\n").pop()}` };
  const run = spawnSync(PYTHON, [SCRIPT], {
    input: JSON.stringify(cases),
    encoding: "utf8",
    env: { ...process.env, GAMMAPY_DATA: resolve(hess.dir, ".."), GAMMATS_TEST_DATA: join(REPO, "test-data") },
    maxBuffer: 64 * 1024 * 1024,
  });
  if (run.status !== 0) throw new Error(`reflected_gammapy.py failed: ${run.stderr}`);
  return { results: JSON.parse(run.stdout) as Record<string, CaseResult> };
}

/** Largest allowed distance between our off-region centres and Gammapy's [deg] (seen: 5e-14). */
export const CENTRE_TOLERANCE_DEG = 1e-9;

/**
 * Runs one case with gammats and compares it with Gammapy's result: reference WCS, number
 * and centres/sizes of the off regions, and (maker cases) counts_off, acceptance_off and
 * acceptance per energy bin.
 */
export function checkCase(c: Case, ref: CaseResult): void {
  expect(ref.error, `${c.name}: Gammapy failed`).toBeUndefined();
  let mask: ExclusionMask | undefined;
  if (c.mask !== undefined) {
    mask = maskOf(c.mask);
    let excluded = 0;
    for (let i = 0; i < mask.data.length; i++) if (!mask.data[i]) excluded++;
    expect(excluded, `${c.name}: excluded mask pixels`).toBe(ref.mask!.excluded);
  }
  const obs = observationOf(c);
  const region = regionOf(c.region);
  const finder = finderOf(c);
  const { regions, wcs } = finder.run(region, { lon: obs.pointing.ra, lat: obs.pointing.dec }, mask);
  expect([...wcs.crpix], `${c.name}: crpix`).toEqual(ref.wcs.crpix);
  expect([...wcs.npix], `${c.name}: npix`).toEqual(ref.wcs.npix);
  expect(wcs.crval[0]).toBeCloseTo(ref.wcs.crval[0], 9);
  expect(wcs.crval[1]).toBeCloseTo(ref.wcs.crval[1], 9);
  expect(regions.length, `${c.name}: number of off regions`).toBe(ref.regions.length);
  regions.forEach((r, i) => {
    const g = ref.regions[i];
    const sep = angularSeparation(r.center.lon, r.center.lat, g.lon, g.lat);
    expect(sep, `${c.name}: centre of region ${i}`).toBeLessThan(CENTRE_TOLERANCE_DEG);
    if (r.kind === "circle") expect(Math.abs(r.radius - g.radius!), `${c.name}: radius ${i}`).toBeLessThan(1e-9);
    if (r.kind === "ellipse" || r.kind === "rectangle") {
      expect(Math.abs(r.width - g.width!)).toBeLessThan(1e-9);
      expect(Math.abs(r.height - g.height!)).toBeLessThan(1e-9);
      expect(Math.abs(r.angle - g.angle!), `${c.name}: angle ${i}`).toBeLessThan(1e-6);
    }
  });
  if (!c.maker) return;
  const maker = new ReflectedRegionsBackgroundMaker({ regionFinder: finder, exclusionMask: mask });
  const counts = new RegionNDMap(new RegionGeom(region, { axes: [energyAxis()] }));
  const onoff = maker.run(createSpectrumDataset({ name: `obs-${c.obs}`, counts }), obs);
  expect([...onoff.acceptance!.data]).toEqual(ref.acceptance);
  expect([...onoff.acceptanceOff!.data], `${c.name}: acceptance_off`).toEqual(ref.acceptance_off);
  if (ref.acceptance_off![0] === 0) {
    // No off region (none found, or point regions whose RAD_MAX circles overlap). Gammapy's
    // dataset here has a zero background, so its counts_off is 0 / inf = 0; ours is null.
    expect(ref.counts_off?.every((v) => v === 0) ?? true).toBe(true);
    expect(onoff.countsOff).toBeNull();
    expect([...onoff.maskSafe!].every((v) => v === 0)).toBe(true);
  } else {
    expect([...onoff.countsOff!.data], `${c.name}: counts_off`).toEqual(ref.counts_off);
  }
}
