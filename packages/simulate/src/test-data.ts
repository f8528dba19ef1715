/**
 * The repository's test data: four wobble runs around a Crab-like point source, one
 * empty-field run (full-enclosure IRFs), and two point-like runs, simulated with the
 * synthetic IRFs from fixed seeds. `node scripts/simulate-data.mjs` calls
 * {@link makeTestData}; the same code gives the same bytes.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { Time, getObservatoryLocation, icrsToAltAz, offsetBy, timeToMet } from "@gammats/core";
import type { EarthLocation } from "@gammats/core";
import { Models, PointSpatialModel, PowerLawSpectralModel, SkyModel, modelsToYaml } from "@gammats/modeling";
import { defaultTimeRef, writeDl3Run } from "./dl3-writer.js";
import type { RunIrfHdu, RunMeta, WrittenRun } from "./dl3-writer.js";
import { sampleEvents } from "./event-sampler.js";
import { writeIndexFiles } from "./index-files.js";
import { samplerIrfsFromIrfs } from "./irf-sampler-adapter.js";
import { Random, deriveSeed } from "@gammats/core";
import { syntheticShapes } from "./synthetic-shapes.js";
import { syntheticIrfs, syntheticPointLikeIrfs, syntheticRadMax } from "./synthetic-irfs.js";
import type { SyntheticRadMaxOptions } from "./synthetic-irfs.js";
import { testDataReadme } from "./test-data-readme.js";

/** Base seed of the test data; each run draws from `deriveSeed(TEST_DATA_SEED, obsId)`. */
export const TEST_DATA_SEED = 20231215;

/** Directional cut of the point-like runs: clip(0.1 (E / TeV)^-0.2, 0.07, 0.25) deg. */
export const TEST_DATA_RAD_MAX: Readonly<Required<SyntheticRadMaxOptions>> = Object.freeze({ at1TeV: 0.1, index: 0.2, min: 0.07, max: 0.25 });

/** The injected source: a power law at the Crab position. */
export const TEST_DATA_SOURCE = Object.freeze({
  name: "crab-sim",
  ra: 83.633,
  dec: 22.0145,
  index: 2.5,
  /** [cm-2 s-1 TeV-1] at the reference energy. */
  amplitude: 3.5e-11,
  /** [TeV]. */
  reference: 1,
});

/**
 * The injected source as a SkyModel (what a fit of the test data should recover).
 *
 * @returns a new model
 */
export function testDataSourceModel(): SkyModel {
  const s = TEST_DATA_SOURCE;
  return new SkyModel({
    name: s.name,
    spectral: new PowerLawSpectralModel({ index: s.index, amplitude: `${s.amplitude} cm-2 s-1 TeV-1`, reference: `${s.reference} TeV` }),
    spatial: new PointSpatialModel({ lon_0: `${s.ra} deg`, lat_0: `${s.dec} deg`, frame: "icrs" }),
  });
}

/** One simulated run. */
export interface TestDataRun {
  /** OBS_ID. */
  obsId: number;
  /** IRF layout and target directory. */
  kind: "full-enclosure" | "point-like";
  /** Pointing, ICRS [deg]. */
  pointing: { ra: number; dec: number };
  /** Wobble offset and position angle from the source [deg], if a wobble run. */
  wobble?: { offset: number; pa: number };
  /** Start of the run (UTC, ISO). */
  start: string;
  /** Observation time [s]. */
  ontime: number;
  /** Dead-time correction factor (LIVETIME / ONTIME). */
  deadc: number;
  /** Observatory site name (core's OBSERVATORY_LOCATIONS). */
  site: string;
  /** Whether the source is simulated. */
  withSource: boolean;
  /** Background IRF shipped and sampled: "bkg_2d" or "bkg_3d" (none written for point-like runs). */
  background: "bkg_2d" | "bkg_3d";
  /** OBJECT. */
  object: string;
}

function wobble(obsId: number, kind: TestDataRun["kind"], pa: number, start: string, ontime: number, deadc: number, site: string): TestDataRun {
  const offset = 0.5;
  const p = offsetBy(TEST_DATA_SOURCE.ra, TEST_DATA_SOURCE.dec, pa, offset);
  return {
    obsId,
    kind,
    pointing: { ra: p.lon, dec: p.lat },
    wobble: { offset, pa },
    start,
    ontime,
    deadc,
    site,
    withSource: true,
    background: "bkg_2d",
    object: "Crab (simulated)",
  };
}

/** The runs of the test data. */
export const TEST_DATA_RUNS: readonly TestDataRun[] = Object.freeze([
  wobble(1001, "full-enclosure", 0, "2023-12-15T21:50:00", 1680, 0.95, "hess"),
  wobble(1002, "full-enclosure", 180, "2023-12-15T22:20:00", 1680, 0.95, "hess"),
  wobble(1003, "full-enclosure", 90, "2023-12-15T22:50:00", 1680, 0.95, "hess"),
  wobble(1004, "full-enclosure", 270, "2023-12-15T23:20:00", 1680, 0.95, "hess"),
  {
    obsId: 1005,
    kind: "full-enclosure",
    pointing: { ra: 75, dec: 28 },
    start: "2023-12-16T22:30:00",
    ontime: 1680,
    deadc: 0.95,
    site: "hess",
    withSource: false,
    background: "bkg_3d",
    object: "empty field",
  },
  wobble(2001, "point-like", 45, "2023-12-17T06:40:00", 1200, 0.9, "veritas"),
  wobble(2002, "point-like", 225, "2023-12-17T07:05:00", 1200, 0.9, "veritas"),
]);

/** What was simulated for one run. */
export interface TestDataRunResult {
  obsId: number;
  kind: TestDataRun["kind"];
  /** Path relative to the output directory. */
  file: string;
  pointing: { ra: number; dec: number };
  wobble?: { offset: number; pa: number } | undefined;
  altAz: { alt: number; az: number };
  tstart: number;
  tstop: number;
  ontime: number;
  livetime: number;
  seed: number;
  background: TestDataRun["background"];
  nEvents: number;
  nSource: number;
  nBackground: number;
  expectedSource: number;
  expectedBackground: number;
}

/** What {@link makeTestData} wrote. */
export interface TestDataResult {
  seed: number;
  runs: TestDataRunResult[];
}

/** Data-store directory of each kind of run, relative to the output directory. */
export const TEST_DATA_DIRS = Object.freeze({ "full-enclosure": "dl3", "point-like": "dl3-point-like" });

function meanAltAz(ra: number, dec: number, site: EarthLocation, start: Time, ontime: number): { alt: number; az: number } {
  const mid = start.addSeconds(ontime / 2);
  // UT1 is taken equal to UTC: the pointing keywords are informative, 1 s does not matter.
  const { alt, az } = icrsToAltAz(ra, dec, site, { mjdTt: mid.tt().mjd, mjdUt1: mid.utc().mjd });
  return { alt, az };
}

/**
 * Simulates and writes the test data: `dl3/` (full-enclosure runs), `dl3-point-like/`,
 * `models.yaml` (the injected source, Gammapy format), `injected.json` and `README.md`.
 *
 * With `options.source` another source is injected (e.g. an extended one, to test the
 * recovery of an extension); then only `models.yaml` describes it (no `injected.json`
 * or `README.md`, which describe the bundled test data).
 *
 * @param outDir - output directory (created if missing)
 * @param runs - runs to simulate; default {@link TEST_DATA_RUNS}
 * @param options - `source`: the sky model to inject instead of {@link testDataSourceModel}
 * @returns what was written
 * @throws IoError when a file cannot be written
 */
export function makeTestData(outDir: string, runs: readonly TestDataRun[] = TEST_DATA_RUNS, options: { source?: SkyModel } = {}): TestDataResult {
  const source = options.source ?? testDataSourceModel();
  const shapes = syntheticShapes();
  const full = syntheticIrfs(shapes);
  const pointLike = syntheticPointLikeIrfs(syntheticRadMax(TEST_DATA_RAD_MAX), shapes);
  const ref = defaultTimeRef();
  const written: Record<TestDataRun["kind"], WrittenRun[]> = { "full-enclosure": [], "point-like": [] };
  const results: TestDataRunResult[] = [];
  for (const run of runs) {
    const dir = join(outDir, TEST_DATA_DIRS[run.kind]);
    mkdirSync(join(dir, "data"), { recursive: true });
    const start = Time.fromIso(run.start, "utc");
    const tstart = Math.round(timeToMet(start, ref));
    const gti: [number, number][] = [[tstart, tstart + run.ontime]];
    const livetime = run.ontime * run.deadc;
    const seed = deriveSeed(TEST_DATA_SEED, run.obsId);
    const bkg = run.background === "bkg_2d" ? full.bkg2d : full.bkg3d;
    const sim = sampleEvents({
      irfs: samplerIrfsFromIrfs({ aeff: full.aeff, edisp: full.edisp, psf: full.psf, background: bkg }),
      pointing: run.pointing,
      livetime,
      gti,
      models: run.withSource ? [source] : [],
      offsetMax: 2.5,
      random: new Random(seed),
    });
    const site = getObservatoryLocation(run.site);
    const altAz = meanAltAz(run.pointing.ra, run.pointing.dec, site, start, run.ontime);
    const meta: RunMeta = {
      obsId: run.obsId,
      pointing: run.pointing,
      altAz,
      gti,
      livetime,
      timeRef: ref,
      object: run.object,
      target: run.withSource ? { ra: TEST_DATA_SOURCE.ra, dec: TEST_DATA_SOURCE.dec } : undefined,
      obsMode: run.wobble ? "WOBBLE" : "POINTING",
      location: site,
      nTels: 4,
    };
    const irfHdus: RunIrfHdu[] =
      run.kind === "full-enclosure"
        ? [
            { type: "aeff", hduClass: "aeff_2d", hdu: full.aeff.toHdu({ extname: "AEFF", float32: true }) },
            { type: "edisp", hduClass: "edisp_2d", hdu: full.edisp.toHdu({ extname: "EDISP", float32: true }) },
            { type: "psf", hduClass: "psf_table", hdu: full.psf.toHdu({ extname: "PSF", float32: true }) },
            { type: "bkg", hduClass: run.background, hdu: bkg.toHdu({ extname: "BKG", float32: true }) },
          ]
        : [
            { type: "aeff", hduClass: "aeff_2d", hdu: pointLike.aeff.toHdu({ extname: "AEFF", float32: true }) },
            { type: "edisp", hduClass: "edisp_2d", hdu: pointLike.edisp.toHdu({ extname: "EDISP", float32: true }) },
            { type: "rad_max", hduClass: "rad_max_2d", hdu: pointLike.radMax.toHdu({ extname: "RAD_MAX", float32: true }) },
          ];
    const name = `run_${String(run.obsId).padStart(6, "0")}.fits.gz`;
    const ev = sim.events;
    written[run.kind].push(
      writeDl3Run(join(dir, "data", name), { time: ev.time, ra: ev.ra, dec: ev.dec, energy: ev.energy, mcId: ev.mcId }, meta, irfHdus),
    );
    let nSource = 0;
    for (let i = 0; i < ev.mcId.length; i++) if (ev.mcId[i] !== 0) nSource++;
    results.push({
      obsId: run.obsId,
      kind: run.kind,
      file: `${TEST_DATA_DIRS[run.kind]}/data/${name}`,
      pointing: run.pointing,
      wobble: run.wobble,
      altAz,
      tstart: gti[0]![0],
      tstop: gti[0]![1],
      ontime: run.ontime,
      livetime,
      seed,
      background: run.background,
      nEvents: ev.time.length,
      nSource,
      nBackground: ev.time.length - nSource,
      expectedSource: sim.expected.sources[0]?.expected ?? 0,
      expectedBackground: sim.expected.background,
    });
  }
  for (const kind of ["full-enclosure", "point-like"] as const) {
    if (written[kind].length > 0) writeIndexFiles(join(outDir, TEST_DATA_DIRS[kind]), written[kind], "data");
  }
  const result: TestDataResult = { seed: TEST_DATA_SEED, runs: results };
  writeFileSync(join(outDir, "models.yaml"), modelsToYaml(new Models([source])));
  if (options.source !== undefined) return result;
  writeFileSync(join(outDir, "injected.json"), `${JSON.stringify(injectedJson(result), null, 2)}\n`);
  writeFileSync(join(outDir, "README.md"), testDataReadme(result, shapes, TEST_DATA_RAD_MAX, TEST_DATA_SOURCE));
  return result;
}

function injectedJson(result: TestDataResult): unknown {
  const s = TEST_DATA_SOURCE;
  return {
    generator: "node scripts/simulate-data.mjs (makeTestData of @gammats/simulate)",
    seed: result.seed,
    source: {
      name: s.name,
      spatial: { type: "PointSpatialModel", frame: "icrs", lon_0_deg: s.ra, lat_0_deg: s.dec },
      spectral: { type: "PowerLawSpectralModel", index: s.index, amplitude_cm2_s_tev: s.amplitude, reference_tev: s.reference },
    },
    irfs: { shapes: syntheticShapes(), units: "TeV, deg, cm2, s-1 TeV-1 sr-1", point_like_rad_max: { formula: "clip(at1TeV * (E / TeV)^-index, min, max) deg, E reconstructed", ...TEST_DATA_RAD_MAX } },
    runs: result.runs,
  };
}
