/**
 * Gammapy's datasets index (`Datasets.write` / `read`): file names and types per kind,
 * the YAML text, the models file, a round trip of spectrum and map datasets together, and
 * errors that name the entry.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { RegionNDMap } from "@gammats/maps";
import { Models } from "@gammats/modeling";
import {
  Datasets,
  createSpectrumDataset,
  createSpectrumDatasetOnOff,
  mapDataset,
  mapDatasetOnOff,
  mapStatSum,
  readDatasetsYaml,
  statSum,
  writeDatasetsYaml,
} from "@gammats/datasets";
import type { AnyDataset, MapDataset } from "@gammats/datasets";
import { bkgModel, countsMap, datasetSpec, ereco, etrue, exposureMap, gaussEdisp, gaussKernel, skyModels } from "./map-fixtures.js";

const dir = mkdtempSync(join(tmpdir(), "gammats-datasets-yaml-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function mapFixture(name: string): MapDataset {
  const spec = datasetSpec(1);
  return mapDataset({
    name,
    counts: countsMap(spec.counts),
    background: countsMap(spec.background),
    exposure: exposureMap(spec),
    psf: gaussKernel(spec.psf_sigma),
    edisp: gaussEdisp(),
    maskSafe: countsMap(spec.mask_safe, "bool"),
    livetime: 100,
  });
}

function spectra(): AnyDataset[] {
  const region = "icrs;circle(83.63,22.01,0.1)";
  const counts = RegionNDMap.create(region, { axes: [ereco()], data: [5, 3, 1] });
  return [
    createSpectrumDataset({ name: "cash", counts, background: RegionNDMap.create(region, { axes: [ereco()], data: [1, 1, 0.5] }) }),
    createSpectrumDatasetOnOff({
      name: "23523",
      counts,
      countsOff: RegionNDMap.create(region, { axes: [ereco()], data: [9, 6, 2] }),
      acceptance: 1,
      acceptanceOff: 3,
      exposure: RegionNDMap.create(region, { axes: [etrue()], unit: "cm2 s", data: [1e9, 2e9, 3e9, 3e9, 3e9, 2e9] }),
      edisp: gaussEdisp(),
      livetime: 1000,
    }),
  ];
}

describe("datasets index", () => {
  test("writes Gammapy's file names and YAML; reads all four kinds back with their models", () => {
    const map = mapFixture("map run");
    const onoff = mapDatasetOnOff({ ...mapFixture("ring"), countsOff: countsMap(datasetSpec(2).counts), acceptance: 1, acceptanceOff: 10 });
    const datasets = new Datasets<AnyDataset>([map, onoff, ...spectra()]);
    const sources = skyModels().slice(0, 2);
    for (const m of sources) m.datasetsNames = ["map run", "ring"];
    datasets.models = new Models([...sources, bkgModel("map run")]);
    const index = join(dir, "out", "datasets.yaml");
    const written = writeDatasetsYaml(datasets, index, { modelsPath: join(dir, "out", "models.yaml") });
    const names = written.map((p) => p.slice(dir.length + 5));
    expect(names.slice(0, 4)).toEqual(["map_run.fits", "ring.fits", "cash.fits", "pha_obs23523.fits"]);
    expect(names).toContain("pha_obs23523_rmf.fits");
    expect(names.slice(-2)).toEqual(["datasets.yaml", "models.yaml"]);
    const text = readFileSync(index, "utf8");
    expect(text).toContain("name: map run");
    expect(text).toContain("type: MapDatasetOnOff");
    expect(text).toContain("filename: pha_obs23523.fits");
    expect(text).not.toContain("format");

    const back = readDatasetsYaml(index, { modelsPath: join(dir, "out", "models.yaml") });
    expect(back.names).toEqual(["map run", "ring", "cash", "23523"]);
    expect(back.list.map((d) => d.tag)).toEqual(["MapDataset", "MapDatasetOnOff", "SpectrumDataset", "SpectrumDatasetOnOff"]);
    expect(back.models.names).toEqual(["pt", "gs", "map run-bkg"]);
    const [m0, m1] = back.list as [MapDataset, AnyDataset];
    expect(m0.models!.names).toEqual(["pt", "gs", "map run-bkg"]);
    expect(m1.models!.names).toEqual(["pt", "gs"]);
    expect(mapStatSum(m0)).toBeCloseTo(mapStatSum(map), 8);
    expect(statSum(back.get("cash") as never)).toBeCloseTo(statSum(datasets.get("cash") as never), 10);
    expect(() => writeDatasetsYaml(datasets, index)).toThrow(/refusing to overwrite an existing file/);
  });

  test("gadf for on/off spectra is marked in the index and read back as such", () => {
    const index = join(dir, "gadf", "datasets.yaml");
    writeDatasetsYaml(spectra(), index, { spectrumFormat: "gadf" });
    const text = readFileSync(index, "utf8");
    expect(text).toContain("filename: 23523.fits");
    expect(text).toContain("format: gadf");
    const back = readDatasetsYaml(index);
    expect(back.get("23523").tag).toBe("SpectrumDatasetOnOff");
  });

  test("errors name the entry and the fix", () => {
    const sub = join(dir, "bad");
    mkdirSync(sub);
    writeFileSync(join(sub, "a.yaml"), "datasets:\n- name: x\n  type: FluxPointsDataset\n  filename: x.fits\n");
    expect(() => readDatasetsYaml(join(sub, "a.yaml"))).toThrow(/dataset 'x' has type "FluxPointsDataset"/);
    writeFileSync(join(sub, "b.yaml"), "models: []\n");
    expect(() => readDatasetsYaml(join(sub, "b.yaml"))).toThrow(/no 'datasets' list/);
  });
});
