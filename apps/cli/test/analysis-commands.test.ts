/**
 * `gammats analysis config|validate|schema` through the built binary: outputs, exit
 * codes, refused overwrites, bad configs, help and version.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeEach, describe, expect, test } from "vitest";
import { AnalysisConfig, analysisConfigSchemaText, configTemplate, uncommentLine } from "@gammats/config";
import { gammats } from "./cli-helpers.js";

const root = mkdtempSync(join(tmpdir(), "gammats-cli-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let dir = root;
beforeEach(() => {
  dir = mkdtempSync(join(root, "t-")); // a fresh folder per test
});

const pkg = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as { version: string };

describe("gammats", () => {
  test("--version prints the package version", () => {
    const r = gammats(["--version"], root);
    expect(r.status).toBe(0);
    expect(r.stdout.trim()).toBe(pkg.version);
  });

  test("--help on every command", () => {
    for (const args of [[], ["analysis"], ["analysis", "config"], ["analysis", "validate"], ["analysis", "schema"]]) {
      const r = gammats([...args, "--help"], root);
      expect(r.status, args.join(" ")).toBe(0);
      expect(r.stdout).toContain(`Usage: gammats${args.length ? " " + args.join(" ") : ""} [options]`);
    }
    expect(gammats(["analysis", "config", "--help"], root).stdout).toContain("--config <file>    alias of --filename");
  });

  test("an unknown command suggests the right one, exit 1", () => {
    const r = gammats(["analysis", "valdate"], root);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("error: unknown command 'valdate'");
    expect(r.stderr).toContain("Did you mean validate?");
  });
});

describe("gammats analysis config", () => {
  test("writes the commented template to config.yaml by default", () => {
    const r = gammats(["analysis", "config"], dir);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe("Configuration template written to config.yaml\n");
    const text = readFileSync(join(dir, "config.yaml"), "utf8");
    expect(text).toBe(configTemplate());
    expect(text.split("\n").filter((l) => l !== "" && !l.startsWith("#"))).toEqual([]);
  });

  test("uncommenting every line of the written file gives the defaults", () => {
    gammats(["analysis", "config", "--filename", "t.yaml"], dir);
    const lines = readFileSync(join(dir, "t.yaml"), "utf8").split("\n").map(uncommentLine);
    writeFileSync(join(dir, "full.yaml"), lines.join("\n"));
    const r = gammats(["analysis", "validate", "--filename", "full.yaml"], dir);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(new AnalysisConfig().toYaml());
  });

  test("refuses to overwrite without --overwrite (exit 1, file untouched)", () => {
    writeFileSync(join(dir, "config.yaml"), "mine\n");
    const r = gammats(["analysis", "config"], dir);
    expect(r.status).toBe(1);
    expect(r.stdout).toBe("");
    expect(r.stderr).toBe("error: config.yaml exists already. Add --overwrite to replace it, or choose another name with --filename\n");
    expect(readFileSync(join(dir, "config.yaml"), "utf8")).toBe("mine\n");
    expect(gammats(["analysis", "config", "--overwrite"], dir).status).toBe(0);
    expect(readFileSync(join(dir, "config.yaml"), "utf8")).toBe(configTemplate());
  });

  test("--config is an alias of --filename; different values conflict", () => {
    expect(gammats(["analysis", "config", "--config", "alias.yaml"], dir).status).toBe(0);
    expect(existsSync(join(dir, "alias.yaml"))).toBe(true);
    const r = gammats(["analysis", "config", "--filename", "a.yaml", "--config", "b.yaml"], dir);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("--filename a.yaml and --config b.yaml name different files");
  });

  test("a missing folder is a clear error", () => {
    const r = gammats(["analysis", "config", "--filename", "no/such/c.yaml"], dir);
    expect(r.status).toBe(1);
    expect(r.stderr).toBe("error: cannot write the file: its folder does not exist: no/such/c.yaml. Create the folder first or fix the path\n");
  });
});

describe("gammats analysis validate", () => {
  test("prints the fully defaulted config on stdout", () => {
    writeFileSync(join(dir, "c.yaml"), "datasets:\n  type: 3d\n  stack: no\n");
    const r = gammats(["analysis", "validate", "--config", "c.yaml"], dir);
    expect(r.status).toBe(0);
    expect(r.stderr).toBe("");
    const back = AnalysisConfig.fromYaml(r.stdout);
    expect(back.data.datasets.type).toBe("3d");
    expect(back.data.datasets.stack).toBe(false);
    expect(back.data.datasets.geom.wcs.binsize).toBe("0.02 deg");
    expect(r.stdout).toBe(AnalysisConfig.fromYaml("datasets: {type: 3d, stack: false}").toYaml());
  });

  test("a bad config: every problem on stderr, nothing on stdout, exit 1, no stack trace", () => {
    writeFileSync(join(dir, "bad.yaml"), "datasets:\n  stak: true\n  geom: {wcs: {binsize: 0.1 TeV}}\n");
    const r = gammats(["analysis", "validate", "--filename", "bad.yaml"], dir);
    expect(r.status).toBe(1);
    expect(r.stdout).toBe("");
    expect(r.stderr).toBe(
      [
        "error: 2 problems in the configuration bad.yaml",
        "  - bad.yaml, key 'datasets.stak': unknown key 'stak' (line 2, column 3). Did you mean 'stack'?",
        "  - bad.yaml, key 'datasets.geom.wcs.binsize': angle expected, got 0.1 TeV (line 3, column 25). Write e.g. '0.1 deg'",
        "",
      ].join("\n"),
    );
  });

  test("--debug adds the stack trace", () => {
    writeFileSync(join(dir, "bad.yaml"), "fit: []\n");
    const r = gammats(["analysis", "validate", "--filename", "bad.yaml", "--debug"], dir);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/^error: 1 problem in the configuration bad\.yaml\n/);
    expect(r.stderr).toMatch(/\n\s+at .*validate/);
  });

  test("malformed YAML and missing files", () => {
    writeFileSync(join(dir, "broken.yaml"), "datasets: [1,\n");
    const broken = gammats(["analysis", "validate", "--filename", "broken.yaml"], dir);
    expect(broken.status).toBe(1);
    expect(broken.stderr).toMatch(/^error: broken\.yaml: malformed YAML: .*\(line \d+, column \d+\)/);
    const missing = gammats(["analysis", "validate", "--filename", "nope.yaml"], dir);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toBe("error: file not found: nope.yaml. Check the path and the current folder\n");
  });

  test("without a file name: usage error", () => {
    const r = gammats(["analysis", "validate"], dir);
    expect(r.status).toBe(1);
    expect(r.stderr).toBe("error: no configuration file given. Add --filename config.yaml\n");
  });

  test("$VAR in the file name is expanded", () => {
    writeFileSync(join(dir, "e.yaml"), "fit: {fit_range: {min: 1 TeV}}\n");
    const r = gammats(["analysis", "validate", "--filename", "$CFG_DIR/e.yaml"], root, { CFG_DIR: dir });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("fit_range: {min: 1 TeV, max: null}");
  });
});

describe("gammats analysis schema", () => {
  test("prints the JSON Schema on stdout", () => {
    const r = gammats(["analysis", "schema"], dir);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(analysisConfigSchemaText());
    expect((JSON.parse(r.stdout) as { $schema: string }).$schema).toBe("https://json-schema.org/draft/2020-12/schema");
  });

  test("writes it with --filename, refusing to overwrite without --overwrite", () => {
    expect(gammats(["analysis", "schema", "--filename", "s.json"], dir).status).toBe(0);
    expect(readFileSync(join(dir, "s.json"), "utf8")).toBe(analysisConfigSchemaText());
    const again = gammats(["analysis", "schema", "--config", "s.json"], dir);
    expect(again.status).toBe(1);
    expect(again.stderr).toContain("error: s.json exists already");
    expect(gammats(["analysis", "schema", "--filename", "s.json", "--overwrite"], dir).status).toBe(0);
  });
});
