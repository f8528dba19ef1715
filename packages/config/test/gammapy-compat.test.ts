/**
 * Gammapy 1.0 compatibility: Gammapy's example configs and the shared reference cases
 * load unchanged in gammats; what gammats writes loads in Gammapy's AnalysisConfig.read
 * with identical values; the defaulted config equals Gammapy's key by key.
 * Skips (with a printed reason) when /usr/bin/python3 or Gammapy is missing.
 */
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { AnalysisConfig } from "@gammats/config";
import { reasonToSkip, runPython } from "./gammapy.js";
import { normalize } from "./normalize.js";

const GAMMAPY_CONFIG_DIR = "/usr/lib/python3/dist-packages/gammapy/analysis/config";
const CASES_DIR = "/work/shared/reference/cases";

const sources: Record<string, string> = {
  "example-1d": join(GAMMAPY_CONFIG_DIR, "example-1d.yaml"),
  "example-3d": join(GAMMAPY_CONFIG_DIR, "example-3d.yaml"),
  docs: join(GAMMAPY_CONFIG_DIR, "docs.yaml"),
  "edge-cases": new URL("fixtures/edge-cases.yaml", import.meta.url).pathname,
};
if (existsSync(CASES_DIR)) {
  for (const name of readdirSync(CASES_DIR)) sources[`case ${name}`] = join(CASES_DIR, name, "config.yaml");
}

const SCRIPT = `
import json, sys
from gammapy.analysis import AnalysisConfig
files = json.load(sys.stdin)
out = {"default": json.loads(AnalysisConfig().json()), "read": {}}
for name, path in files.items():
    try:
        out["read"][name] = {"ok": json.loads(AnalysisConfig.read(path).json())}
    except Exception as e:
        out["read"][name] = {"error": repr(e)}
print(json.dumps(out))
`;

type Json = Record<string, unknown>;
type Outcome = { ok?: Json; error?: string };

// gammats reads every source and writes it back; Gammapy then reads both versions.
const tmp = mkdtempSync(join(tmpdir(), "gammats-compat-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const present = Object.entries(sources).filter(([, path]) => existsSync(path));
const configs = new Map(present.map(([name, path]) => [name, AnalysisConfig.readSync(path)]));
const files: Record<string, string> = {};
for (const [name, path] of present) {
  files[name] = path;
  const written = join(tmp, `${name.replace(/\W+/g, "-")}.gammats.yaml`);
  writeFileSync(written, configs.get(name)!.toYaml());
  files[`${name} (gammats)`] = written;
}
const result = runPython<{ default: Json; read: Record<string, Outcome> }>(SCRIPT, files);
const skip = reasonToSkip(result);

describe.skipIf(skip !== undefined)("Gammapy 1.0 AnalysisConfig compatibility", () => {
  const out = result.ok ? result.value : { default: {}, read: {} };

  test("the sources exist (Gammapy examples and the three reference cases)", () => {
    expect(present.length).toBeGreaterThanOrEqual(7);
  });

  test("defaulted config equals Gammapy's AnalysisConfig() key by key", () => {
    expect(normalize(new AnalysisConfig().toJSON())).toEqual(normalize(out.default));
    // Same keys in the same order at every depth, not just equal values.
    expect(JSON.stringify(Object.keys(new AnalysisConfig().toJSON()))).toBe(JSON.stringify(Object.keys(out.default)));
  });

  test("edge cases mean the same in Gammapy (PyYAML 1.1 booleans, quoted strings, units)", () => {
    expect(out.read["edge-cases"].ok).toMatchObject({
      general: { log: { level: "DEBUG" }, n_jobs: 4 },
      datasets: { stack: false, containment_correction: false, geom: { wcs: { binsize: "0.0005 rad" } } },
      flux_points: { source: "yes" },
      light_curve: { source: "2019-12-01" },
    });
  });

  for (const [name] of present) {
    test(`${name}: gammats output loads in Gammapy with identical values`, () => {
      const original = out.read[name];
      const roundTrip = out.read[`${name} (gammats)`];
      expect(original.error).toBeUndefined();
      expect(roundTrip.error).toBeUndefined();
      expect(roundTrip.ok).toEqual(original.ok);
    });

    test(`${name}: gammats reads the same values as Gammapy`, () => {
      expect(normalize(configs.get(name)!.toJSON())).toEqual(normalize(out.read[name].ok));
    });
  }
});
