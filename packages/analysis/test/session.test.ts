/**
 * The Analysis session on the bundled simulated data: step order and its errors, models
 * in and out, datasets in Gammapy's layout, and a whole session saved and restored —
 * a restored session fits to the identical result.
 */
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { Analysis, commitProducts } from "@gammats/analysis";
import { AnalysisConfig } from "@gammats/config";
import { ConfigError, DataError, IoError } from "@gammats/core";
import { REPO, SIMULATED_CONFIG, quiet, recordingLogger } from "./helpers.js";

const tmp = mkdtempSync(join(tmpdir(), "gammats-session-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
let config: AnalysisConfig;
beforeAll(async () => {
  config = await AnalysisConfig.read(SIMULATED_CONFIG);
});

async function reduced(): Promise<Analysis> {
  const a = new Analysis(config, { cwd: REPO, logger: quiet });
  await a.getObservations();
  await a.getDatasets();
  return a;
}

describe("Analysis steps", () => {
  test("each step says what is missing before it", async () => {
    const a = new Analysis(config, { cwd: REPO, logger: quiet });
    await expect(a.getDatasets()).rejects.toThrow(DataError);
    await expect(a.getDatasets()).rejects.toThrow("run getObservations() first");
    expect(() => a.runFit()).toThrow("run getDatasets() or readDatasets() first");
    expect(() => a.models).toThrow(DataError);
    expect(() => a.getFluxPoints()).toThrow("No datasets defined");
    const b = await reduced();
    expect(() => b.runFit()).toThrow(ConfigError);
    expect(() => b.runFit()).toThrow("call readModels/setModels or set general.models_file");
  });

  test("logs through the logger it is given, as Gammapy's session", async () => {
    const log = recordingLogger();
    const a = new Analysis(config, { cwd: REPO, logger: log });
    await a.getObservations();
    expect(log.lines).toContain("INFO: Number of selected observations: 4");
  });

  test("general.log: level and file (relative to the working folder, filemode w starts afresh)", async () => {
    writeFileSync(join(tmp, "old.log"), "stale line\n");
    const c = config.update({ general: { log: { level: "debug", filename: "old.log", filemode: "w" } } });
    const a = new Analysis(c, { cwd: tmp });
    a.logger.debug("a debug line");
    const text = readFileSync(join(tmp, "old.log"), "utf8");
    expect(text).not.toContain("stale line");
    expect(text).toMatch(/DEBUG: a debug line\n$/);
    expect(() => new Analysis(config.update({ general: { log: { level: "loud" } } }))).toThrow(/general\.log\.level/);
  });

  test("updateConfig merges and keeps the rest", () => {
    const a = new Analysis(config, { cwd: REPO, logger: quiet });
    a.updateConfig({ datasets: { stack: false } });
    expect(a.config.data.datasets.stack).toBe(false);
    expect(a.config.data.observations.obs_ids).toEqual([1001, 1002, 1003, 1004]);
  });

  test("stack: false gives one dataset per run, named by observation id", async () => {
    const a = new Analysis(config.update({ datasets: { stack: false } }), { cwd: REPO, logger: quiet });
    await a.getObservations();
    const ds = await a.getDatasets();
    expect(ds.names).toEqual(["1001", "1002", "1003", "1004"]);
    // The stacked counts of the default config, split by run.
    expect(ds.list.reduce((s, d) => s + d.counts!.data.reduce((x, y, i) => x + (d.maskSafe![i] ? y : 0), 0), 0)).toBe(481);
  });

  test("unknown maker parameters are refused naming the key", async () => {
    const a = new Analysis(config.update({ datasets: { safe_mask: { parameters: { aeff_prcent: 10 } } } }), { cwd: REPO, logger: quiet });
    await a.getObservations();
    await expect(a.getDatasets()).rejects.toThrow(/datasets\.safe_mask\.parameters\.aeff_prcent.*known parameters: aeff_percent/s);
  });

  test("3d datasets without a map frame are refused with a typed error naming the key", async () => {
    const a = new Analysis(config.update({ datasets: { type: "3d" } }), { cwd: REPO, logger: quiet });
    await a.getObservations();
    await expect(a.getDatasets()).rejects.toThrow(/datasets\.geom\.wcs\.skydir\.frame/);
  });
});

describe("models", () => {
  test("readModels defaults to general.models_file; setModels extends, models= replaces", async () => {
    const a = await reduced();
    await a.readModels();
    expect(a.models.names).toEqual(["crab-sim"]);
    const yaml = readFileSync(join(REPO, "test-data/models.yaml"), "utf8").replace("name: crab-sim", "name: other");
    a.setModels(yaml);
    expect(a.models.names).toEqual(["other", "crab-sim"]);
    a.setModels(yaml.replace("name: other", "name: third"), { extend: false });
    expect(a.models.names).toEqual(["third"]);
    expect(() => a.setModels(yaml.replace("name: other", "name: third"))).toThrow(ConfigError);
  });

  test("writeModels writes the fitted models with their covariance; refuses to overwrite", async () => {
    const a = await reduced();
    await a.readModels();
    a.runFit();
    const file = join(tmp, "fitted.yaml");
    await a.writeModels(file);
    expect(existsSync(join(tmp, "fitted_covariance.dat"))).toBe(true);
    await expect(a.writeModels(file)).rejects.toThrow(IoError);
    const b = await reduced();
    await b.readModels(file);
    const pa = a.models.get("crab-sim").parameters;
    const pb = b.models.get("crab-sim").parameters;
    expect(pb.get("index").value).toBe(pa.get("index").value);
    expect(pb.get("index").error).toBe(pa.get("index").error);
    expect(pb.get("amplitude").error).toBeGreaterThan(0);
  });
});

describe("datasets files", () => {
  test("writeDatasets / readDatasets in Gammapy's layout (OGIP for on/off) keep the counts", async () => {
    const a = await reduced();
    const index = join(tmp, "gammapy-layout", "datasets.yaml");
    const written = await a.writeDatasets(index);
    expect(written.map((p) => p.slice(index.length - "datasets.yaml".length))).toEqual([
      "pha_obsstacked.fits",
      "pha_obsstacked_arf.fits",
      "pha_obsstacked_bkg.fits",
      "pha_obsstacked_rmf.fits",
      "datasets.yaml",
    ]);
    expect(readFileSync(index, "utf8")).toContain("type: SpectrumDatasetOnOff");
    await expect(a.writeDatasets(index)).rejects.toThrow(IoError);
    const b = new Analysis(config.update({ general: { models_file: null } }), { cwd: REPO, logger: quiet });
    const ds = await b.readDatasets(index);
    expect(ds.names).toEqual(["stacked"]);
    expect(Array.from(ds.get(0).counts!.data)).toEqual(Array.from(a.datasets!.get(0).counts!.data));
  });

  test("readDatasets without a path or general.datasets_file names the key", async () => {
    const a = new Analysis(config, { cwd: REPO, logger: quiet });
    await expect(a.readDatasets()).rejects.toThrow(/general\.datasets_file/);
  });
});

describe("session write and read", () => {
  test("a restored session fits to the identical result", async () => {
    const a = await reduced();
    await a.readModels();
    await a.write(join(tmp, "before-fit"));
    const b = await Analysis.read(join(tmp, "before-fit"), { cwd: REPO, logger: quiet });
    expect(b.observationIds).toEqual([1001, 1002, 1003, 1004]);
    const ra = a.runFit();
    const rb = b.runFit();
    expect(rb.totalStat).toBe(ra.totalStat);
    expect(rb.nfev).toBe(ra.nfev);
    expect(Array.from(rb.parameters.values)).toEqual(Array.from(ra.parameters.values));
    expect(Array.from(rb.parameters.errors)).toEqual(Array.from(ra.parameters.errors));
    expect(Array.from(b.models.covariance)).toEqual(Array.from(a.models.covariance));
  });

  test("everything comes back: fit result, models with covariance, flux points, light curve", async () => {
    const a = await reduced();
    await a.readModels();
    a.runFit();
    a.getFluxPoints();
    a.getLightCurve();
    const dir = join(tmp, "complete");
    const files = await a.write(dir);
    expect(files).toEqual(expect.arrayContaining(["session.yaml", "config.yaml", "datasets/datasets.yaml", "datasets/pha_obsstacked.fits", "models.yaml", "models_covariance.dat", "fit-result.yaml", "flux_points.fits", "light_curve.fits"]));
    const b = await Analysis.read(dir, { cwd: REPO, logger: quiet });
    expect(b.config.data).toEqual(a.config.data);
    expect(b.fitResult).toMatchObject({ success: true, totalStat: a.fitResult!.totalStat, nfev: a.fitResult!.nfev, backend: "variable-metric", method: "migrad" });
    expect(Array.from(b.fitResult!.covariance)).toEqual(Array.from(a.fitResult!.covariance));
    expect(b.models.get("crab-sim").parameters.get("amplitude").error).toBe(a.models.get("crab-sim").parameters.get("amplitude").error);
    expect(Array.from(b.fluxPoints!.norm)).toEqual(Array.from(a.fluxPoints!.norm));
    expect(Array.from(b.fluxPoints!.energyRef)).toEqual(Array.from(a.fluxPoints!.energyRef));
    expect(Array.from(b.lightCurve!.timeMin!)).toEqual(Array.from(a.lightCurve!.timeMin!));
    expect(Array.from(b.lightCurve!.sed("flux").value)).toEqual(Array.from(a.lightCurve!.sed("flux").value));
  });

  test("an earlier session is not overwritten unless asked; then its stale files go", async () => {
    const a = await reduced();
    await a.readModels();
    a.runFit();
    const dir = join(tmp, "twice");
    await a.write(dir);
    writeFileSync(join(dir, "notes.txt"), "mine");
    await expect(a.write(dir)).rejects.toThrow(/holds products of an earlier run/);
    const b = await reduced(); // no models, no fit
    await b.write(dir, { overwrite: true });
    const left = readdirSync(dir).sort();
    expect(left).toEqual(["config.yaml", "datasets", "notes.txt", "session.yaml"]);
    expect(readdirSync(join(dir, "datasets")).sort()).toEqual(["datasets.yaml", "pha_obsstacked.fits", "pha_obsstacked_arf.fits", "pha_obsstacked_bkg.fits", "pha_obsstacked_rmf.fits"]);
  });

  test("a failing write leaves the folder untouched", async () => {
    const dir = join(tmp, "untouched");
    await expect(
      commitProducts(dir, false, (t) => {
        writeFileSync(join(t, "summary.json"), "{}");
        throw new DataError("boom");
      }),
    ).rejects.toThrow("boom");
    expect(readdirSync(dir)).toEqual([]);
  });

  test("reading a folder without a session says so", async () => {
    await expect(Analysis.read(tmp)).rejects.toThrow(/no gammats session here/);
  });
});
