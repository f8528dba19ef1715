/**
 * Test helpers of the 3D reduction: the Gammapy 1.0 numbers of gammapy_map_reduce.py
 * (stored in fixtures/, or live from /usr/bin/python3), the crab-3d-fov geometry and
 * reference dataset, and the reductions of large maps the script reports (per-plane sums,
 * every step-th value).
 */
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { createMapDataset } from "@gammats/datasets";
import type { MapDataset } from "@gammats/datasets";
import { CircleSkyRegion, MapAxis, WcsGeom, WcsNDMap } from "@gammats/maps";
import type { EnergyAxisName } from "@gammats/maps";
import type { Num } from "./helpers.js";

const here = dirname(fileURLToPath(import.meta.url));
const PYTHON = "/usr/bin/python3";

/** The request gammapy_map_reduce.py answers. */
export interface MapRequest {
  obs_ids: number[];
  skydir: [number, number];
  binsz: number;
  width: number;
  binsz_irf: number;
  energy: [number, number, number];
  energy_true: [number, number, number];
  offset_max: number;
  exclusion: [number, number, number];
  ring: [number, number];
  step: number;
  mask_energy: [number, number, number];
  mask_energy_true: [number, number, number];
}

/** A large map as the script reports it. */
export interface MapSummary {
  shape: number[];
  sums: Num[];
  sample: Num[];
}

/** FoV normalisation as the script reports it. */
export interface FovRef {
  norm: number;
  norm_error: number;
  tilt: number;
  mask_safe: number;
}

/** One run. */
export interface MapRunRef {
  obs_id: number;
  geom: { npix: [number, number]; crpix: [number, number] };
  geom_irf: { npix: [number, number]; crpix: [number, number] };
  counts: [number, number][];
  counts_sums: number[];
  exposure: MapSummary;
  livetime: number;
  background: MapSummary;
  psf: MapSummary;
  psf_exposure: MapSummary;
  edisp: MapSummary;
  edisp_exposure: MapSummary;
  gti_start: number[];
  gti_stop: number[];
  meta: Record<string, string | number>;
  masks: Record<string, { sums: number[]; sample: number[] }>;
  counts_in_safe: number;
  fov: Record<"scale" | "scale_excl" | "fit_excl" | "fit_tilt_excl", FovRef>;
}

/** Everything the script prints, with its request. */
export interface MapReduceRef {
  request: MapRequest;
  runs: MapRunRef[];
  stacked: {
    counts: MapSummary;
    counts_in_safe: number;
    background: MapSummary;
    background_in_safe: number;
    exposure: MapSummary;
    livetime: number;
    mask_safe: { sums: number[] };
    psf: MapSummary;
    edisp: MapSummary;
  };
  joint: { shape: number[]; counts_in_safe: number; norm: number }[];
  ring: { counts_off: MapSummary; acceptance: MapSummary; acceptance_off: MapSummary; alpha: MapSummary; mask_safe: number }[];
}

/** The stored Gammapy 1.0 numbers. */
export function storedMapReference(): MapReduceRef {
  return JSON.parse(readFileSync(join(here, "fixtures/gammapy-1.0-map-reduce.json"), "utf8")) as MapReduceRef;
}

/** Gammapy 1.0 run live on the request, or undefined with the reason printed. */
export function liveMapReference(request: MapRequest, dataDir: string): MapReduceRef | undefined {
  if (!existsSync(PYTHON)) {
    console.log(`skipping the live Gammapy 3D comparison: ${PYTHON} not found`);
    return undefined;
  }
  const run = spawnSync(PYTHON, [join(here, "gammapy_map_reduce.py")], {
    input: JSON.stringify(request),
    encoding: "utf8",
    maxBuffer: 64 << 20,
    env: { ...process.env, GAMMAPY_DATA: dataDir },
  });
  if (run.status !== 0) {
    if (/ModuleNotFoundError|ImportError/.test(run.stderr ?? "")) {
      console.log(`skipping the live Gammapy 3D comparison: ${(run.stderr ?? "").trim().split("\n").pop()}`);
      return undefined;
    }
    throw new Error(`gammapy_map_reduce.py failed: ${run.stderr}`);
  }
  return { request, ...(JSON.parse(run.stdout) as Omit<MapReduceRef, "request">) };
}

/** A log-spaced energy axis from [min, max, nbins]. */
export function energyAxis([lo, hi, n]: [number, number, number], name: EnergyAxisName = "energy"): MapAxis {
  return MapAxis.fromEnergyBounds(lo, hi, n, { unit: "TeV", name });
}

/** The counts geometry of the request (CAR, ICRS). */
export function requestGeom(req: MapRequest, energy: [number, number, number] = req.energy): WcsGeom {
  return WcsGeom.create({ skydir: req.skydir, binsz: req.binsz, width: req.width, frame: "icrs", proj: "CAR", axes: [energyAxis(energy)] });
}

/** The empty reference dataset of the request (Gammapy's `MapDataset.create`). */
export function requestReference(req: MapRequest, name = "stacked", energy = req.energy, energyTrue = req.energy_true): MapDataset {
  return createMapDataset(requestGeom(req, energy), { energyAxisTrue: energyAxis(energyTrue, "energy_true"), binszIrf: req.binsz_irf, name });
}

/** The exclusion mask of the request: an image on the full geometry, 0 inside the circle. */
export function requestExclusion(req: MapRequest): WcsNDMap {
  const image = requestGeom(req).toImage();
  const [ra, dec, r] = req.exclusion;
  return new WcsNDMap(image, image.regionMask(new CircleSkyRegion(ra, dec, r, "icrs"), false));
}

/** Sums over each image plane (NaN ignored), as the script's `plane_sums`. */
export function planeSums(map: WcsNDMap): number[] {
  const img = map.geom.npix[0] * map.geom.npix[1];
  const out: number[] = [];
  for (let p = 0; p < map.data.length / img; p++) {
    let s = 0;
    for (let k = p * img; k < (p + 1) * img; k++) if (!Number.isNaN(map.data[k]!)) s += map.data[k]!;
    out.push(s);
  }
  return out;
}

/** Every step-th value, as the script's `sample`. */
export function sampleOf(data: ArrayLike<number>, step: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < data.length; i += step) out.push(data[i]!);
  return out;
}

/** Sum of an array of any numeric type. */
export function sumOf(data: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < data.length; i++) s += data[i]!;
  return s;
}
