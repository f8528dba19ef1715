/**
 * Models YAML interchange with Gammapy 1.0: files Gammapy wrote load in gammats with the
 * same parameters and covariance; files gammats writes are byte-identical to Gammapy's and
 * load in Gammapy's Models.read identically (live, when /usr/bin/python3 has Gammapy).
 */
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, test } from "vitest";
import { SkyModel, readModels, writeModels, type Models } from "@gammats/modeling";
import { expectClose, runGammapy } from "./helpers.js";

/** What both sides print about a Models collection (see gammapy-models.py). */
interface Dump {
  names: string[];
  datasets_names: Record<string, string[] | null>;
  frames: Record<string, string>;
  parameters: {
    id: string;
    value: number;
    unit: string;
    min: number | null;
    max: number | null;
    frozen: boolean;
    error: number;
    is_norm: boolean;
  }[];
  covariance: number[];
  linked: [number, number][];
}

const script = fileURLToPath(new URL("./gammapy-models.py", import.meta.url));
const fixtureDir = fileURLToPath(new URL("./fixtures/gammapy-written/", import.meta.url));

function dump(models: Models): Dump {
  const pars = models.parameters.list;
  const ids = models.parametersUniqueNames;
  const linked: [number, number][] = [];
  pars.forEach((p, i) => pars.forEach((q, j) => i < j && p === q && linked.push([i, j])));
  const frames: Record<string, string> = {};
  const datasets: Record<string, string[] | null> = {};
  for (const m of models) {
    datasets[m.name] = m.datasetsNames === undefined ? null : [...m.datasetsNames];
    if (m instanceof SkyModel && m.spatial) frames[m.name] = m.spatial.frame;
  }
  return {
    names: models.names,
    datasets_names: datasets,
    frames,
    parameters: pars.map((p, i) => ({
      id: ids[i]!,
      value: p.value,
      unit: p.unit,
      min: Number.isNaN(p.min) ? null : p.min,
      max: Number.isNaN(p.max) ? null : p.max,
      frozen: p.frozen,
      error: p.error,
      is_norm: p.isNorm,
    })),
    covariance: Array.from(models.covariance),
    linked,
  };
}

function expectSameModels(actual: Dump, expected: Dump): void {
  expect(actual.names).toEqual(expected.names);
  expect(actual.datasets_names).toEqual(expected.datasets_names);
  expect(actual.frames).toEqual(expected.frames);
  expect(actual.linked).toEqual(expected.linked);
  expect(actual.parameters.map((p) => [p.id, p.unit, p.min, p.max, p.frozen, p.is_norm])).toEqual(
    expected.parameters.map((p) => [p.id, p.unit, p.min, p.max, p.frozen, p.is_norm]),
  );
  expectClose(
    actual.parameters.map((p) => p.value),
    expected.parameters.map((p) => p.value),
    1e-15,
    0,
    "values",
  );
  expectClose(
    actual.parameters.map((p) => p.error),
    expected.parameters.map((p) => p.error),
    1e-15,
    0,
    "errors",
  );
  expectClose(actual.covariance, expected.covariance, 1e-15, 0, "covariance");
}

describe("Gammapy-written models (stored files)", () => {
  const expected = JSON.parse(readFileSync(join(fixtureDir, "gammapy-dump.json"), "utf8")) as Dump;

  test("load with identical parameters, links, frames and covariance", () => {
    const models = readModels(join(fixtureDir, "models.yaml"));
    expectSameModels(dump(models), expected);
    // The shared index is one object, used by both models.
    const [i, j] = expected.linked[0]!;
    expect(models.parameters.list[i]).toBe(models.parameters.list[j]);
    expect(models.covarianceFile).toBe("models_covariance.dat");
  });

  test("written back by gammats: byte-identical YAML and covariance table", () => {
    const models = readModels(join(fixtureDir, "models.yaml"));
    const dir = mkdtempSync(join(tmpdir(), "gammats-models-"));
    writeModels(models, join(dir, "models.yaml"));
    expect(readFileSync(join(dir, "models.yaml"), "utf8")).toBe(readFileSync(join(fixtureDir, "models.yaml"), "utf8"));
    expect(readFileSync(join(dir, "models_covariance.dat"), "utf8")).toBe(
      readFileSync(join(fixtureDir, "models_covariance.dat"), "utf8"),
    );
    // and gammats reads its own output identically
    expectSameModels(dump(readModels(join(dir, "models.yaml"))), expected);
  });
});

describe("live Gammapy interchange", () => {
  // gammats writes a file that differs from anything Gammapy wrote (new values, units,
  // bounds, a model); one Python run then writes Gammapy's file and reads gammats'.
  const models = readModels(join(fixtureDir, "models.yaml"));
  const src1 = models.get("src1") as SkyModel;
  src1.spectral.parameters.get("reference").setQuantity(300, "GeV");
  src1.spectral.parameters.get("amplitude").value = 4.2e-12;
  src1.spatial!.parameters.get("sigma").min = 0.01;
  src1.spatial!.parameters.get("e").frozen = false;
  models.add(new SkyModel({ name: "extra", spectral: (models.get("src2") as SkyModel).spectral.copy(), datasetsNames: ["d1", "d2"] }));
  const out = mkdtempSync(join(tmpdir(), "gammats-out-"));
  writeModels(models, join(out, "mine.yaml"));
  const dir = mkdtempSync(join(tmpdir(), "gammats-gammapy-"));
  const live = runGammapy<{ written: Dump; read: Dump }>([script, "both", dir, join(out, "mine.yaml")]);

  test.skipIf(live === undefined)("YAML written by Gammapy now loads identically in gammats", () => {
    expectSameModels(dump(readModels(join(dir, "models.yaml"))), live!.written);
  });

  test.skipIf(live === undefined)("YAML written by gammats loads identically in Gammapy's Models.read", () => {
    expect(existsSync(join(out, "mine_covariance.dat"))).toBe(true);
    expectSameModels(live!.read, dump(models));
  });
});
