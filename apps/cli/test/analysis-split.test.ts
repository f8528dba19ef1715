/**
 * `gammats analysis data_reduction` then `gammats analysis optimise` (PIG 12's split) on
 * the bundled simulated data, against one `gammats analysis run` of the same config:
 * the numbers must be identical, the session folder must hold one run at a time, and
 * the options must behave as their help says.
 */
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { gammats } from "./cli-helpers.js";
import type { CliRun } from "./cli-helpers.js";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "../../..");
const CONFIG = "examples/simulated-1d.yaml";
const tmp = mkdtempSync(join(tmpdir(), "gammats-split-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

type Summary = Record<string, unknown> & {
  fit?: { success: boolean; total_stat: number; parameters: { name: string; value: number; error: number }[] };
  timings_s: Record<string, number>;
};
const summaryOf = (dir: string) => JSON.parse(readFileSync(join(dir, "summary.json"), "utf8")) as Summary;

describe("gammats analysis data_reduction + optimise", () => {
  const full = join(tmp, "full");
  const session = join(tmp, "session");
  let reduction: CliRun;
  let optimise: CliRun;
  let reduced: Summary;
  beforeAll(() => {
    expect(gammats(["analysis", "run", "--config", CONFIG, "--out", full], ROOT).status).toBe(0);
    reduction = gammats(["analysis", "data_reduction", "--config", CONFIG, "--out", session], ROOT);
    reduced = summaryOf(session);
    optimise = gammats(["analysis", "optimise", "--session", session], ROOT);
  });

  test("data_reduction writes a session with observations and datasets only", () => {
    expect(reduction.stderr).toBe("");
    expect(reduction.status).toBe(0);
    expect(reduction.stdout).toContain("Observations: 4 selected (1001, 1002, 1003, 1004)");
    expect(reduction.stdout).toMatch(/stacked\s+481\s+813\s+0\.083333/);
    expect(reduction.stdout).not.toContain("Fit:");
    expect(reduction.stdout).toContain(`Next: gammats analysis optimise --session ${session}`);
    expect(Object.keys(reduced)).toEqual(["gammats_version", "config_sha256", "observations", "datasets", "timings_s", "peak_rss_mb"]);
    expect(Object.keys(reduced.timings_s)).toEqual(["observations", "datasets", "total"]);
  });

  test("optimise on that session gives exactly the numbers of a single run", () => {
    expect(optimise.stderr).toBe("");
    expect(optimise.status).toBe(0);
    expect(optimise.stdout).toContain("\tsuccess    : True");
    expect(optimise.stdout).toContain("Flux points:");
    expect(optimise.stdout).toContain("Light curve:");
    const split = summaryOf(session);
    const single = summaryOf(full);
    for (const key of ["config_sha256", "observations", "datasets", "fit", "flux_points", "light_curve"]) {
      expect(split[key], key).toEqual(single[key]);
    }
    expect(split.fit!.parameters[0]!.value).toBeCloseTo(2.5045, 3); // Gammapy 1.0: 2.504470
    expect(Object.keys(split.timings_s)).toEqual(["fit", "flux_points", "light_curve", "total"]);
    // The session now holds the same products as the single run's folder.
    expect(readdirSync(session).sort()).toEqual(readdirSync(full).sort());
  });

  test("a second optimise refuses to replace the fit without --overwrite, before any work", () => {
    const before = statSync(join(session, "fit-result.yaml")).mtimeMs;
    const r = gammats(["analysis", "optimise", "--session", session], ROOT);
    expect(r.status).toBe(1);
    expect(r.stdout).toBe("");
    expect(r.stderr).toBe(`error: the session holds a fit already: ${session}. pass --overwrite (overwrite: true) to replace it, or write elsewhere with --out\n`);
    expect(statSync(join(session, "fit-result.yaml")).mtimeMs).toBe(before);
  });

  test("optimize (alias) with --models and --out: other start values, same optimum, session untouched", () => {
    const out = join(tmp, "other");
    const before = statSync(join(session, "fit-result.yaml")).mtimeMs;
    // test-data/models.yaml starts at the injected values and adds a spatial part, which a 1D fit ignores.
    const r = gammats(["analysis", "optimize", "--session", session, "--models", "test-data/models.yaml", "--out", out], ROOT);
    expect(r.status, r.stderr).toBe(0);
    const index = summaryOf(out).fit!.parameters.find((p) => p.name === "index")!;
    const reference = summaryOf(full).fit!.parameters.find((p) => p.name === "index")!;
    expect(Math.abs(index.value - reference.value)).toBeLessThan(0.01 * reference.error);
    expect(statSync(join(session, "fit-result.yaml")).mtimeMs).toBe(before);
  });

  test("data-reduction (alias) honours the refusal to overwrite", () => {
    const r = gammats(["analysis", "data-reduction", "--config", CONFIG, "--out", session], ROOT);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/^error: the output folder holds products of an earlier run .*--overwrite/);
  });
});

describe("gammats analysis optimise: bad input", () => {
  test("no --session, or a folder that is no session", () => {
    const none = gammats(["analysis", "optimise"], tmp);
    expect(none.status).toBe(1);
    expect(none.stderr).toBe("error: no session given. Add --session <folder written by gammats analysis data_reduction>\n");
    const empty = mkdtempSync(join(tmp, "empty-"));
    const r = gammats(["analysis", "optimise", "--session", empty], tmp);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`error: no gammats session here (session.yaml is missing): ${empty}`);
  });

  test("a session without models and a config without models_file asks for --models", () => {
    const cwd = mkdtempSync(join(tmp, "nomodels-"));
    const config = readFileSync(join(ROOT, CONFIG), "utf8")
      .replace(/ {2}models_file: .*\n/, "")
      .replace("datastore: test-data/dl3", `datastore: ${join(ROOT, "test-data/dl3")}`)
      .replace("obs_ids: [1001, 1002, 1003, 1004]", "obs_ids: [1001]");
    writeFileSync(join(cwd, "config.yaml"), config);
    expect(gammats(["analysis", "data_reduction", "--config", "config.yaml", "--out", "s"], cwd).status).toBe(0);
    const r = gammats(["analysis", "optimise", "--session", "s"], cwd);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("key 'general.models_file': no models to fit: the session has none and general.models_file is not set. pass --models model.yaml");
    expect(existsSync(join(cwd, "s", "fit-result.yaml"))).toBe(false);
    const missing = gammats(["analysis", "optimise", "--session", "s", "--models", "nope.yaml"], cwd);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toBe(`error: models file not found: ${join(cwd, "nope.yaml")}\n`);
  });

  test("--help names the options; analysis --help lists both commands", () => {
    const help = gammats(["analysis", "optimise", "--help"], tmp);
    expect(help.status).toBe(0);
    expect(help.stdout).toContain("Usage: gammats analysis optimise|optimize [options]");
    for (const flag of ["--session <dir>", "--models <file>", "--out <dir>", "--overwrite"]) expect(help.stdout).toContain(flag);
    const dr = gammats(["analysis", "data_reduction", "--help"], tmp);
    expect(dr.stdout).toContain("Usage: gammats analysis data_reduction|data-reduction [options]");
    expect(dr.stdout).toContain("--config <file>");
    const group = gammats(["analysis", "--help"], tmp);
    expect(group.stdout).toMatch(/data_reduction\|data-reduction \[options\]\s+select observations/);
    expect(group.stdout).toMatch(/optimise\|optimize \[options\]\s+fit a saved session/);
  });
});
