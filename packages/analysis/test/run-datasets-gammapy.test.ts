/**
 * The `datasets/` folder of a run (`gammats analysis run --out DIR`, i.e. runAnalysisFile)
 * reads in Gammapy 1.0's `Datasets.read`: on/off datasets as OGIP, with the same counts,
 * counts_off, acceptance, exposure, safe mask and energy dispersion gammats holds. Skipped with the reason printed when
 * /usr/bin/python3 has no Gammapy.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, expect, test } from "vitest";
import { runAnalysisFile } from "@gammats/analysis";
import { REPO, SIMULATED_CONFIG, quiet } from "./helpers.js";

const PYTHON = "/usr/bin/python3";
const probe = existsSync(PYTHON) ? spawnSync(PYTHON, ["-c", "import gammapy"], { encoding: "utf8" }) : undefined;
const reason = probe === undefined ? `${PYTHON} not found` : probe.status !== 0 ? "Gammapy is not installed for /usr/bin/python3" : undefined;
if (reason) console.log(`skipping the Gammapy read of a run's datasets/: ${reason}`);
const tmp = mkdtempSync(join(tmpdir(), "gammats-run-datasets-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const SCRIPT = `
import json, sys
from gammapy.datasets import Datasets
from gammapy.irf import EDispKernel
ds = Datasets.read(sys.argv[1] + "/datasets/datasets.yaml")
d = ds[0]
print(json.dumps({"names": ds.names, "tag": d.tag, "counts": d.counts.data.ravel().tolist(),
  "counts_off": d.counts_off.data.ravel().tolist(), "acceptance": d.acceptance.data.ravel().tolist(),
  "acceptance_off": d.acceptance_off.data.ravel().tolist(), "exposure": d.exposure.quantity.to_value("cm2 s").ravel().tolist(),
  "mask_safe": d.mask_safe.data.ravel().astype(int).tolist(), "rmf": EDispKernel.read(sys.argv[1] + "/datasets/pha_obsstacked_rmf.fits").pdf_matrix.ravel().tolist()}))
`;

test.skipIf(reason !== undefined)("Gammapy's Datasets.read reads a run's datasets/ with the same arrays", async () => {
  const out = join(tmp, "run");
  const { analysis } = await runAnalysisFile(SIMULATED_CONFIG, { outDir: out, cwd: REPO, logger: quiet });
  const r = spawnSync(PYTHON, ["-c", SCRIPT, out], { encoding: "utf8" });
  expect(r.status, r.stderr).toBe(0);
  const got = JSON.parse(r.stdout.trim().split("\n").pop()!) as Record<string, unknown>;
  const d = analysis.datasets!.get(0);
  if (d.tag !== "SpectrumDatasetOnOff") throw new Error(`expected an on/off dataset, got ${d.tag}`);
  expect(got.names).toEqual(analysis.datasets!.names);
  expect(got.tag).toBe("SpectrumDatasetOnOff");
  expect(got.counts).toEqual(Array.from(d.counts!.data));
  expect(got.counts_off).toEqual(Array.from(d.countsOff!.data));
  expect(got.acceptance).toEqual(Array.from(d.acceptance!.data));
  expect(got.acceptance_off).toEqual(Array.from(d.acceptanceOff!.data));
  expect(got.mask_safe).toEqual(Array.from(d.maskSafe!));
  // The RMF Gammapy reads holds the kernel bit for bit.
  expect(got.rmf).toEqual(Array.from(d.edisp!.kernel.pdfMatrix));
  const exposure = got.exposure as number[];
  expect(exposure.length).toBe(d.exposure!.data.length);
  // Gammapy takes ARF × livetime: equal to the last few bits.
  exposure.forEach((v, i) => expect(Math.abs(v - d.exposure!.data[i]!)).toBeLessThanOrEqual(1e-12 * Math.abs(d.exposure!.data[i]!)));
});
