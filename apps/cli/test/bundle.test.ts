/**
 * The bundled binary (dist/gammats.mjs, scripts/bundle.mjs) against the unbundled build
 * (dist/main.js): what bundling can break is whatever a module finds relative to its own
 * file — the package.json version, the config schema, the reduction worker of n_jobs > 1.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, test } from "vitest";
import { BUNDLE, MAIN, gammats } from "./cli-helpers.js";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "../../..");
const tmp = mkdtempSync(join(tmpdir(), "gammats-bundle-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const packageVersion = (dir: string) => (JSON.parse(readFileSync(join(ROOT, dir, "package.json"), "utf8")) as { version: string }).version;

describe("the bundled gammats binary", () => {
  test("reports the package version, as the unbundled build does", () => {
    for (const bin of [BUNDLE, MAIN]) {
      const r = gammats(["--version"], ROOT, {}, bin);
      expect(r.status, r.stderr).toBe(0);
      expect(r.stdout.trim()).toBe(packageVersion("apps/cli"));
    }
  });

  test("finds the config schema: schema and validate give what the unbundled build gives", () => {
    const schema = gammats(["analysis", "schema"], ROOT);
    expect(schema.status, schema.stderr).toBe(0);
    expect(schema.stdout).toBe(readFileSync(join(ROOT, "packages/config/schema/analysis-config.schema.json"), "utf8"));
    const args = ["analysis", "validate", "--filename", "examples/simulated-1d.yaml"];
    const bundled = gammats(args, ROOT);
    expect(bundled.status, bundled.stderr).toBe(0);
    expect(bundled.stdout).toBe(gammats(args, ROOT, {}, MAIN).stdout);
    const bad = gammats(["analysis", "validate", "--filename", writeConfig("datasets: {tpye: 1d}\n")], ROOT);
    expect(bad.status).not.toBe(0);
    expect(bad.stderr).toContain("unknown key 'tpye'");
  });

  test("n_jobs: 2 runs the bundled reduction worker and gives the numbers of the in-process run", () => {
    const example = readFileSync(join(ROOT, "examples/simulated-1d.yaml"), "utf8");
    const config = (nJobs: number) =>
      writeConfig(example.replace("general:\n", `general:\n  n_jobs: ${nJobs}\n`).replace("log: {level: warning}", "log: {level: info}"), `n${nJobs}.yaml`);
    const two = gammats(["analysis", "run", "--config", config(2), "--out", join(tmp, "two"), "--steps", "datasets,fit"], ROOT);
    expect(two.status, two.stderr).toBe(0);
    expect(two.stderr).toContain("INFO: Using 2 worker threads.");
    expect(two.stderr).not.toMatch(/WARNING|in-process/);
    const one = gammats(["analysis", "run", "--config", config(1), "--out", join(tmp, "one"), "--steps", "datasets,fit"], ROOT, {}, MAIN);
    expect(one.status, one.stderr).toBe(0);
    const fitted = (dir: string) => (JSON.parse(readFileSync(join(tmp, dir, "summary.json"), "utf8")) as { fit: { parameters: unknown } }).fit.parameters;
    expect(fitted("two")).toEqual(fitted("one"));
  });
});

/** Writes a config file into the temporary folder and returns its path. */
function writeConfig(text: string, name = "config.yaml"): string {
  const file = join(tmp, name);
  writeFileSync(file, text);
  return file;
}
