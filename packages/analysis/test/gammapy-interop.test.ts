/**
 * What gammats writes in Gammapy's layouts reads in Gammapy 1.0: the datasets index with
 * OGIP files, the fitted models, the flux points FITS table. Skipped with the reason
 * printed when /usr/bin/python3 has no Gammapy.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, expect, test } from "vitest";
import { Analysis, writeFluxPointsFits } from "@gammats/analysis";
import { AnalysisConfig } from "@gammats/config";
import { REPO, SIMULATED_CONFIG, quiet } from "./helpers.js";

const PYTHON = "/usr/bin/python3";
const probe = existsSync(PYTHON) ? spawnSync(PYTHON, ["-c", "import gammapy"], { encoding: "utf8" }) : undefined;
const reason = probe === undefined ? `${PYTHON} not found` : probe.status !== 0 ? "Gammapy is not installed for /usr/bin/python3" : undefined;
if (reason) console.log(`skipping the Gammapy read-back test: ${reason}`);
const tmp = mkdtempSync(join(tmpdir(), "gammats-interop-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const SCRIPT = `
import json, sys
from gammapy.datasets import Datasets
from gammapy.estimators import FluxPoints
from gammapy.modeling.models import Models
d = sys.argv[1]
ds = Datasets.read(d + "/datasets.yaml")
m = Models.read(d + "/models.yaml")
fp = FluxPoints.read(d + "/flux_points.fits")
t = fp.to_table(sed_type="dnde")
print(json.dumps({"names": ds.names, "counts": float(ds[0].counts.data.sum()), "counts_off": float(ds[0].counts_off.data.sum()),
  "index": m["crab-sim"].spectral_model.index.value, "index_err": m["crab-sim"].spectral_model.index.error,
  "dnde": [float(x) for x in t["dnde"]]}))
`;

test.skipIf(reason !== undefined)("Gammapy reads the datasets, models and flux points gammats writes", async () => {
  const a = new Analysis(await AnalysisConfig.read(SIMULATED_CONFIG), { cwd: REPO, logger: quiet });
  await a.getObservations();
  await a.getDatasets();
  await a.readModels();
  a.runFit();
  const fp = a.getFluxPoints();
  await a.writeDatasets(join(tmp, "datasets.yaml"));
  await a.writeModels(join(tmp, "models.yaml"));
  writeFluxPointsFits(fp, join(tmp, "flux_points.fits"));
  const r = spawnSync(PYTHON, ["-c", SCRIPT, tmp], { encoding: "utf8" });
  expect(r.status, r.stderr).toBe(0);
  const g = JSON.parse(r.stdout.trim().split("\n").at(-1)!) as { names: string[]; counts: number; counts_off: number; index: number; index_err: number; dnde: number[] };
  const d = a.datasets!.get(0);
  expect(g.names).toEqual(["stacked"]);
  expect(g.counts).toBe(d.counts!.data.reduce((s, v) => s + v, 0));
  expect(g.counts_off).toBe(d.tag === "SpectrumDatasetOnOff" ? d.countsOff!.data.reduce((s, v) => s + v, 0) : NaN);
  const index = a.models.get("crab-sim").parameters.get("index");
  expect(g.index).toBe(index.value);
  expect(g.index_err).toBeCloseTo(index.error, 12);
  const dnde = fp.sed("dnde").value;
  g.dnde.forEach((v, i) => expect(v).toBeCloseTo(dnde[i]!, 20));
  for (let i = 0; i < g.dnde.length; i++) expect(Math.abs(g.dnde[i]! / dnde[i]! - 1)).toBeLessThan(1e-12);
});
