/**
 * Live cross-check of map datasets against Gammapy 1.0: the same datasets (plain arrays,
 * Gaussian PSF and edisp maps) are built in Gammapy, written with MapDataset.write and read
 * here; npred of point, Gaussian (elliptical, galactic frame), disk, generalised Gaussian,
 * shell and shell2 models through PSF and edisp must agree to 1e-6 of the npred maximum,
 * before and after parameter changes that move cut-outs; statistics, residuals,
 * info_dict, the evaluators' cut-outs, stacking, the info table, on/off WStat and cut-outs
 * must agree; files written here must read in Gammapy with the same contents and npred.
 * Skips (reason printed) without /usr/bin/python3 with Gammapy.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { conversionFactor } from "@gammats/core";
import { WcsGeom, WcsNDMap } from "@gammats/maps";
import { Models } from "@gammats/modeling";
import {
  Datasets,
  gtiMjd,
  mapAlpha,
  mapDatasetCutout,
  mapDatasetOnOffFromMapDataset,
  mapEvaluators,
  mapInfoDict,
  mapNpred,
  mapNpredBackground,
  mapNpredSignal,
  mapResiduals,
  mapStatSum,
  readDatasetsYaml,
  readMapDataset,
  writeDatasetsYaml,
  writeMapDataset,
} from "@gammats/datasets";
import type { AnyMapDataset, InfoDict, MapDataset, MapDatasetOnOff, PsfMapLike, EDispKernelMapLike } from "@gammats/datasets";
import { BINSZ_IRF, BKG, ERECO, ETRUE, GEOM_SPEC, MODELS, bkgModel, datasetSpec, etrue, irfMapDataset, relToMax, skyModels } from "./map-fixtures.js";

const PYTHON = "/usr/bin/python3";
const SCRIPT = new URL("./map_gammapy.py", import.meta.url).pathname;

type Json = Record<string, unknown>;

function dec(x: number | string): number {
  if (typeof x === "number") return x;
  return x === "nan" ? NaN : x === "inf" ? Infinity : x === "-inf" ? -Infinity : Number(x);
}

function arr(a: unknown): Float64Array {
  return Float64Array.from(a as (number | string)[], dec);
}

/** Agreement to `rtol` of the largest |expected|. */
function expectMaxRel(actual: ArrayLike<number>, expected: ArrayLike<number>, rtol: number, what: string): number {
  expect(actual.length, `${what}: length`).toBe(expected.length);
  const r = relToMax(actual, expected);
  if (!(r <= rtol)) throw new Error(`${what}: differs from Gammapy by ${r.toExponential(3)} of the maximum (tolerance ${rtol})`);
  return r;
}

/** Element-wise agreement (relative + absolute), NaN matches NaN. */
function expectClose(actual: ArrayLike<number>, expected: ArrayLike<number>, rtol: number, what: string, atol = 0): void {
  expect(actual.length, `${what}: length`).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) {
    const x = actual[i]!;
    const y = expected[i]!;
    if (Number.isNaN(y)) {
      if (!Number.isNaN(x)) throw new Error(`${what}[${i}]: ${x}, Gammapy NaN`);
      continue;
    }
    if (!(Math.abs(x - y) <= rtol * Math.max(Math.abs(x), Math.abs(y)) + atol)) throw new Error(`${what}[${i}]: ${x} vs Gammapy ${y}`);
  }
}

const INFO_KEYS: (keyof InfoDict)[] = [
  "counts",
  "excess",
  "sqrt_ts",
  "background",
  "npred",
  "npred_background",
  "npred_signal",
  "exposure_min",
  "exposure_max",
  "livetime",
  "ontime",
  "counts_rate",
  "background_rate",
  "excess_rate",
  "n_bins",
  "n_fit_bins",
  "stat_sum",
];

function cm2s(map: WcsNDMap): Float64Array {
  const f = conversionFactor(map.unit, "cm2 s");
  return Float64Array.from(map.data, (v) => v * f);
}

function expectInfo(ours: InfoDict, theirs: Json, rtol: number, what: string, keys: readonly string[] = INFO_KEYS): void {
  for (const k of keys) {
    const v = (ours as unknown as Record<string, number>)[k]!;
    expectClose([v], [dec(theirs[k] as number)], rtol, `${what}.${k}`, 1e-9);
  }
}

let available = false;
let reason = "";
let dir = "";
let gp: Json = {};
let input: Json = {};

/** Datasets made here (Gaussian PSF and edisp maps on the IRF grid) and written for Gammapy to read. */
let written: { first: MapDataset; onoff: MapDatasetOnOff; indexed: Datasets<AnyMapDataset> };

function writeOurFiles(paths: Json): typeof written {
  const first = irfMapDataset(1, "tsds");
  writeMapDataset(paths["ts_first"] as string, first, { overwrite: true });
  const onoff = mapDatasetOnOffFromMapDataset(first, 1, 5, { countsOff: new WcsNDMap(first.counts!.geom, Float64Array.from(datasetSpec(2).counts)), name: "tsonoff" });
  writeMapDataset(paths["ts_onoff"] as string, onoff, { overwrite: true });
  // A datasets index with a models file: both datasets (Gammapy drops nothing from map datasets).
  const indexed = new Datasets<AnyMapDataset>([first, onoff]);
  indexed.models = new Models([...skyModels(), bkgModel("tsds")]);
  writeDatasetsYaml(indexed, paths["ts_index"] as string, { modelsPath: paths["ts_models"] as string });
  return { first, onoff, indexed };
}

function runPython(payload: Json): Json {
  const r = spawnSync(PYTHON, [SCRIPT], { input: JSON.stringify(payload), encoding: "utf8", maxBuffer: 1 << 28 });
  if (r.status !== 0) throw new Error(`map_gammapy.py failed: ${r.stderr.slice(-3000)}`);
  return JSON.parse(r.stdout) as Json;
}

beforeAll(() => {
  if (!existsSync(PYTHON)) {
    reason = `${PYTHON} not found`;
    return;
  }
  const probe = spawnSync(PYTHON, ["-c", "import gammapy; print(gammapy.__version__)"], { encoding: "utf8" });
  if (probe.status !== 0 || !probe.stdout.startsWith("1.0")) {
    reason = `Gammapy 1.0 is not importable with ${PYTHON} (${probe.stderr.trim().split("\n").pop() ?? probe.stdout.trim()})`;
    return;
  }
  dir = mkdtempSync(join(tmpdir(), "gammats-map-live-"));
  mkdirSync(join(dir, "gp")); // Gammapy's Datasets.write does not create folders
  input = {
    mode: "all",
    geom: GEOM_SPEC,
    ereco: ERECO,
    etrue: ETRUE,
    binsz_irf: BINSZ_IRF,
    first: datasetSpec(1),
    second: datasetSpec(2),
    models: MODELS,
    bkg: BKG,
    changes: [
      { model: "gs", name: "lon_0", value: 184.65 },
      { model: "gs", name: "sigma", value: 0.12 },
      { model: "pt", name: "amplitude", value: 6e-12 },
      { model: "dk", name: "r_0", value: 0.2 },
      { model: "ds1-bkg", name: "tilt", value: 0.2 },
    ],
    onoff: {
      counts_off: datasetSpec(2).counts.map((c, i) => c * 4 + (i % 3)),
      acceptance_off: datasetSpec(1).counts.map((_, i) => 5 + 0.1 * (i % 3)),
    },
    cutout: { lon: 83.6, lat: 22.0, frame: "icrs", width: 0.6 },
    paths: {
      gp_first: join(dir, "gp-first.fits"),
      gp_second: join(dir, "gp-second.fits"),
      gp_onoff: join(dir, "gp-onoff.fits"),
      ts_first: join(dir, "ts-first.fits"),
      ts_onoff: join(dir, "ts-onoff.fits"),
      gp_index: join(dir, "gp", "datasets.yaml"),
      gp_models: join(dir, "gp", "models.yaml"),
      ts_index: join(dir, "ts", "datasets.yaml"),
      ts_models: join(dir, "ts", "models.yaml"),
    },
  };
  written = writeOurFiles(input["paths"] as Json);
  gp = runPython(input);
  available = true;
}, 120_000);

afterAll(() => {
  if (dir !== "") rmSync(dir, { recursive: true, force: true });
});

function skipIfUnavailable(): boolean {
  if (!available) console.log(`skipped: ${reason}`);
  return !available;
}

/** The PSF kernel Gammapy's evaluators used (one for all: the PSF map is uniform), as a fixed kernel. */
function gammapyKernel(evaluators: Record<string, Json>): { psfKernelMap: WcsNDMap } {
  const withPsf = Object.values(evaluators).filter((e) => e["psf"] !== undefined);
  const first = arr(withPsf[0]!["psf"]);
  for (const e of withPsf) expect(relToMax(arr(e["psf"]), first)).toBeLessThan(1e-12);
  const npix = withPsf[0]!["psf_npix"] as [number, number];
  const geom = WcsGeom.create({ skydir: GEOM_SPEC.skydir, binsz: GEOM_SPEC.binsz, npix, proj: GEOM_SPEC.proj, axes: [etrue()] });
  return { psfKernelMap: new WcsNDMap(geom, first) };
}

function withModels(ds: MapDataset, kernel: { psfKernelMap: WcsNDMap }): MapDataset {
  const out: MapDataset = { ...ds, psf: kernel };
  out.models = new Models([...skyModels(), bkgModel(ds.name)]);
  return out;
}

describe("map datasets agree with Gammapy 1.0", () => {
  test("reading Gammapy's file: maps, IRF maps, masks, GTI, livetime", () => {
    if (skipIfUnavailable()) return;
    const ds = readMapDataset((input["paths"] as Json)["gp_first"] as string) as MapDataset;
    expect(ds.tag).toBe("MapDataset");
    expect(ds.name).toBe("ds1");
    expect(ds.livetime).toBe(2400);
    const spec = datasetSpec(1);
    expectClose(ds.counts!.data, spec.counts, 0, "counts");
    expectClose(ds.exposure!.data, spec.exposure, 1e-15, "exposure");
    expectClose(ds.background!.data, spec.background, 1e-15, "background");
    expect(Array.from(ds.maskSafe!.data)).toEqual(spec.mask_safe);
    expect(Array.from(ds.maskFit!.data)).toEqual(spec.mask_fit);
    const psf = ds.psf as PsfMapLike;
    expect(psf.psfMap.geom.axes.map((a) => a.name)).toEqual(["rad", "energy_true"]);
    expect(psf.psfMap.geom.npix).toEqual([8, 6]); // 1.5 x 1.2 deg at 0.2 deg
    const edisp = ds.edisp as EDispKernelMapLike;
    expect(edisp.edispMap.geom.axes.map((a) => a.name)).toEqual(["energy", "energy_true"]);
    const mjd = gtiMjd(ds.gti!);
    expect(mjd.start[1]! - 55197).toBeCloseTo(2000 / 86400, 9);
  });

  test("npred per model, background and total through PSF and edisp (1e-6 of the maximum)", () => {
    if (skipIfUnavailable()) return;
    const read = readMapDataset((input["paths"] as Json)["gp_first"] as string) as MapDataset;
    const ds = withModels(read, gammapyKernel(gp["evaluators"] as Record<string, Json>));
    const worst: string[] = [];
    for (const m of MODELS) {
      const r = expectMaxRel(mapNpredSignal(ds, m.name).data, arr((gp["npred_signal"] as Json)[m.name]), 1e-6, `npred_signal ${m.name}`);
      worst.push(`${m.name} ${r.toExponential(1)}`);
    }
    expectMaxRel(mapNpredBackground(ds)!.data, arr(gp["npred_background"]), 1e-12, "npred_background");
    expectMaxRel(mapNpred(ds).data, arr(gp["npred"]), 1e-6, "npred");
    console.log(`npred vs Gammapy, per model (of its maximum): ${worst.join(", ")}`);
    // The "far" model misses the map; the others are cut out as Gammapy cuts them.
    const evs = mapEvaluators(ds);
    for (const [name, e] of Object.entries(gp["evaluators"] as Record<string, Json>)) {
      const ev = evs.get(name)!;
      expect(ev.contributes, name).toBe(e["contributes"]);
      if (!ev.contributes) continue;
      expect([...ev.geom.npix], `${name} npix`).toEqual(e["npix"]);
      expectClose(ev.geom.wcs.crpix, e["crpix"] as number[], 1e-9, `${name} crpix`);
    }
  });

  test("npred with kernels from the PSF map itself (@gammats/irf PSFMap.getPsfKernel)", () => {
    if (skipIfUnavailable()) return;
    const ds = readMapDataset((input["paths"] as Json)["gp_first"] as string) as MapDataset;
    ds.models = new Models([...skyModels(), bkgModel(ds.name)]);
    const r = expectMaxRel(mapNpred(ds).data, arr(gp["npred"]), 1e-6, "npred with PSF-map kernels");
    console.log(`npred with PSF-map kernels vs Gammapy: ${r.toExponential(1)} of the maximum`);
  });

  test("statistic, residuals and info_dict", () => {
    if (skipIfUnavailable()) return;
    const read = readMapDataset((input["paths"] as Json)["gp_first"] as string) as MapDataset;
    const ds = withModels(read, gammapyKernel(gp["evaluators"] as Record<string, Json>));
    expectClose([mapStatSum(ds)], [gp["stat_sum"] as number], 1e-8, "stat_sum");
    expectClose(mapResiduals(ds, "diff/sqrt(model)").data, arr(gp["residuals"]), 1e-5, "residuals", 1e-6);
    expectInfo(mapInfoDict(ds), gp["info"] as Json, 1e-6, "info");
  });

  test("npred after parameter changes (cut-outs re-centred, radii, amplitude, background tilt)", () => {
    if (skipIfUnavailable()) return;
    const read = readMapDataset((input["paths"] as Json)["gp_first"] as string) as MapDataset;
    const ds = withModels(read, gammapyKernel(gp["evaluators"] as Record<string, Json>));
    mapNpred(ds);
    for (const c of input["changes"] as { model: string; name: string; value: number }[]) {
      ds.models!.get(c.model).parameters.get(c.name).value = c.value;
    }
    expectMaxRel(mapNpred(ds).data, arr(gp["npred_changed"]), 1e-6, "npred after changes");
    expectClose([mapStatSum(ds)], [gp["stat_sum_changed"] as number], 1e-8, "stat_sum after changes");
    const evs = mapEvaluators(ds);
    for (const [name, e] of Object.entries(gp["evaluators_changed"] as Record<string, Json>)) {
      if (!e["contributes"]) continue;
      expectClose(evs.get(name)!.geom.wcs.crpix, e["crpix"] as number[], 1e-9, `${name} crpix after changes`);
    }
  });

  // rtol: Gammapy's stacked maps start from float32 zeros (Map.from_geom), so they carry
  // float32 rounding; maps read or cut out are float64.
  function expectDump(ds: AnyMapDataset, d: Json, what: string, rtol = 1e-12): void {
    expectClose(ds.counts!.data, arr(d["counts"]), rtol, `${what} counts`);
    expectClose(ds.exposure!.data, arr(d["exposure"]), rtol, `${what} exposure`);
    expectClose([ds.livetime ?? NaN], [dec(d["livetime"] as number)], 1e-12, `${what} livetime`);
    expect(Array.from(ds.maskSafe!.data), `${what} mask_safe`).toEqual(Array.from(arr(d["mask_safe"])));
    if (d["mask_fit"] === null) expect(ds.maskFit).toBeNull();
    else expect(Array.from(ds.maskFit!.data), `${what} mask_fit`).toEqual(Array.from(arr(d["mask_fit"])));
    const psf = ds.psf as PsfMapLike;
    expectClose(psf.psfMap.data, arr(d["psf"]), Math.max(rtol, 1e-9), `${what} psf`, 1e-12);
    expectClose(cm2s(psf.exposureMap!), arr(d["psf_exposure"]), rtol, `${what} psf exposure`);
    const edisp = ds.edisp as EDispKernelMapLike;
    expectClose(edisp.edispMap.data, arr(d["edisp"]), Math.max(rtol, 1e-9), `${what} edisp`, 1e-12);
    expectClose(cm2s(edisp.exposureMap!), arr(d["edisp_exposure"]), rtol, `${what} edisp exposure`);
    const mjd = gtiMjd(ds.gti!);
    expectClose(mjd.start, arr(d["gti_start"]), 1e-12, `${what} gti start`);
    expectClose(mjd.stop, arr(d["gti_stop"]), 1e-12, `${what} gti stop`);
    if (ds.tag === "MapDataset") expectClose(ds.background!.data, arr(d["background"]), Math.max(rtol, 1e-9), `${what} background`, 1e-12);
    else {
      expectClose(ds.countsOff!.data, arr(d["counts_off"]), 1e-12, `${what} counts_off`);
      expectClose(mapAlpha(ds), arr(d["alpha"]), 1e-12, `${what} alpha`);
    }
  }

  test("stacking (Datasets.stack) and the cumulative info table", () => {
    if (skipIfUnavailable()) return;
    const paths = input["paths"] as Json;
    const a = readMapDataset(paths["gp_first"] as string) as MapDataset;
    a.models = new Models([...skyModels(), bkgModel("ds1")]);
    // Gammapy stacks its dataset after the parameter changes (the background tilt matters).
    for (const c of input["changes"] as { model: string; name: string; value: number }[]) {
      a.models.get(c.model).parameters.get(c.name).value = c.value;
    }
    const b = readMapDataset(paths["gp_second"] as string) as MapDataset;
    const datasets = new Datasets([a, b]);
    const stacked = datasets.stack("stacked");
    expectDump(stacked, gp["stacked"] as Json, "stacked", 1e-6);
    expectInfo(mapInfoDict(stacked), gp["stacked_info"] as Json, 1e-6, "stacked info");
    const rows = datasets.infoTable({ cumulative: true });
    const theirs = gp["info_table"] as Json[];
    expect(rows.length).toBe(theirs.length);
    rows.forEach((row, i) => expectInfo(row, theirs[i]!, 1e-6, `info_table[${i}]`));
  });

  test("on/off dataset: WStat background and statistic, info_dict, Gammapy's on/off file", () => {
    if (skipIfUnavailable()) return;
    const paths = input["paths"] as Json;
    const read = readMapDataset(paths["gp_first"] as string) as MapDataset;
    const ds = withModels(read, gammapyKernel(gp["evaluators"] as Record<string, Json>));
    const o = input["onoff"] as { counts_off: number[]; acceptance_off: number[] };
    const geom = ds.counts!.geom;
    const onoff = mapDatasetOnOffFromMapDataset(ds, 1, new WcsNDMap(geom, Float64Array.from(o.acceptance_off)), {
      countsOff: new WcsNDMap(geom, Float64Array.from(o.counts_off)),
      name: "onoff",
    });
    onoff.models = new Models(skyModels());
    expectMaxRel(mapNpredBackground(onoff)!.data, arr(gp["onoff_npred_background"]), 1e-6, "on/off npred_background");
    expectMaxRel(mapNpred(onoff).data, arr(gp["onoff_npred"]), 1e-6, "on/off npred");
    expectClose([mapStatSum(onoff)], [gp["onoff_stat_sum"] as number], 1e-8, "on/off stat_sum");
    expectInfo(mapInfoDict(onoff), gp["onoff_info"] as Json, 1e-6, "on/off info", [...INFO_KEYS, "counts_off", "acceptance", "acceptance_off", "alpha"]);
    const fromFile = readMapDataset(paths["gp_onoff"] as string) as MapDatasetOnOff;
    expect(fromFile.tag).toBe("MapDatasetOnOff");
    expectClose(fromFile.countsOff!.data, o.counts_off, 0, "counts_off from Gammapy's file");
    expectClose(mapAlpha(fromFile), mapAlpha(onoff), 1e-15, "alpha from Gammapy's file");
  });

  test("reading Gammapy's datasets index with its models file", () => {
    if (skipIfUnavailable()) return;
    const paths = input["paths"] as Json;
    const datasets = readDatasetsYaml(paths["gp_index"] as string, { modelsPath: paths["gp_models"] as string });
    expect(datasets.names).toEqual(["ds1", "ds2"]);
    expect(datasets.list.map((d) => d.tag)).toEqual(["MapDataset", "MapDataset"]);
    expect(datasets.models.names).toContain("ds1-bkg");
    expectClose([datasets.statSum()], [gp["index_stat_sum"] as number], 1e-8, "joint statistic of Gammapy's index");
  });

  test("cut-out of a dataset", () => {
    if (skipIfUnavailable()) return;
    const read = readMapDataset((input["paths"] as Json)["gp_first"] as string) as MapDataset;
    const c = input["cutout"] as { lon: number; lat: number; frame: string; width: number };
    const cut = mapDatasetCutout(read, { lon: c.lon, lat: c.lat, frame: c.frame }, c.width, "cut");
    expect([...cut.counts!.geom.npix]).toEqual(gp["cutout_npix"]);
    expectClose(cut.counts!.geom.wcs.crpix, gp["cutout_crpix"] as number[], 1e-9, "cutout crpix");
    expectDump(cut, gp["cutout"] as Json, "cutout");
  });

  test("Gammapy reads the files written here: same maps and npred", () => {
    if (skipIfUnavailable()) return;
    const { first: ours, onoff, indexed } = written;
    const back = gp["read"] as Json;
    expect(back["index_names"]).toEqual(["tsds", "tsonoff"]);
    expect(back["index_tags"]).toEqual(["MapDataset", "MapDatasetOnOff"]);
    expectClose([indexed.statSum()], [back["index_stat_sum"] as number], 1e-8, "Gammapy's joint statistic of our index");
    const first = back["first"] as Json;
    expect(first["name"]).toBe("tsds");
    expectDump(ours, first, "Gammapy reading ours");
    const withBkg: MapDataset = { ...ours };
    withBkg.models = new Models([...skyModels(), bkgModel("tsds")]);
    expectMaxRel(mapNpred(withBkg).data, arr(back["first_npred"]), 1e-6, "Gammapy's npred of our file");
    expectDump(onoff, back["onoff"] as Json, "Gammapy reading our on/off file");
    const withModelsOnOff: MapDatasetOnOff = { ...onoff };
    withModelsOnOff.models = new Models(skyModels());
    expectClose([mapStatSum(withModelsOnOff)], [back["onoff_stat_sum"] as number], 1e-8, "Gammapy's WStat of our on/off file");
  });
});
