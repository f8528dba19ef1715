/**
 * Reading and writing files: missing files, refused overwrites, atomic writes, $VAR in
 * the path, and the shared reference cases.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { IoError } from "@gammats/core";
import { AnalysisConfig } from "@gammats/config";

const dir = mkdtempSync(join(tmpdir(), "gammats-config-io-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("config files", () => {
  test("read of a missing file: IoError with the path", async () => {
    const path = join(dir, "missing.yaml");
    await expect(AnalysisConfig.read(path)).rejects.toThrow(IoError);
    await expect(AnalysisConfig.read(path)).rejects.toThrow(`file not found: ${path}. Check the path and the current folder`);
    expect(() => AnalysisConfig.readSync(path)).toThrow(IoError);
  });

  test("write then read gives the same config and remembers the file", async () => {
    const path = join(dir, "a.yaml");
    const c = new AnalysisConfig({ datasets: { type: "3d", stack: false } });
    await c.write(path);
    const back = await AnalysisConfig.read(path);
    expect(back.toJSON()).toEqual(c.toJSON());
    expect(back.file).toBe(path);
    expect(AnalysisConfig.readSync(path).toJSON()).toEqual(c.toJSON());
  });

  test("write refuses to overwrite without the flag, and leaves the file alone", async () => {
    const path = join(dir, "keep.yaml");
    writeFileSync(path, "precious\n");
    const c = new AnalysisConfig();
    await expect(c.write(path)).rejects.toThrow(IoError);
    await expect(c.write(path)).rejects.toThrow(/file exists already.*keep\.yaml\. Pass overwrite: true/);
    expect(() => c.writeSync(path)).toThrow(/file exists already/);
    expect(readFileSync(path, "utf8")).toBe("precious\n");
    await c.write(path, { overwrite: true });
    expect(readFileSync(path, "utf8")).toBe(c.toYaml());
  });

  test("writes leave no temporary files behind", async () => {
    const sub = mkdtempSync(join(dir, "tmp-"));
    await new AnalysisConfig().write(join(sub, "x.yaml"));
    new AnalysisConfig().writeSync(join(sub, "y.yaml"));
    expect(readdirSync(sub).sort()).toEqual(["x.yaml", "y.yaml"]);
  });

  test("write into a missing folder: IoError with the path", async () => {
    const path = join(dir, "no", "such", "dir.yaml");
    await expect(new AnalysisConfig().write(path)).rejects.toThrow(`cannot write the file: its folder does not exist: ${path}`);
  });

  test("$VAR in the file name is expanded, as Gammapy's read does", async () => {
    process.env.GAMMATS_TEST_DIR = dir;
    await new AnalysisConfig().write(join(dir, "env.yaml"));
    expect((await AnalysisConfig.read("$GAMMATS_TEST_DIR/env.yaml")).file).toBe(join(dir, "env.yaml"));
    expect(() => AnalysisConfig.readSync("$GAMMATS_UNSET_VAR/x.yaml")).toThrow(/\$GAMMATS_UNSET_VAR .*is not set/);
    delete process.env.GAMMATS_TEST_DIR;
  });
});

const CASES = "/work/shared/reference/cases";
const cases = existsSync(CASES) ? readdirSync(CASES) : [];
if (cases.length === 0) console.warn(`SKIP reference cases: ${CASES} not found`);

describe.skipIf(cases.length === 0)("shared reference cases load unchanged", () => {
  for (const name of cases) {
    test(name, () => {
      const c = AnalysisConfig.readSync(join(CASES, name, "config.yaml"));
      expect(c.data.general.models_file).toBe("model.yaml");
      expect(c.data.observations.obs_ids).toEqual([23592, 23559]);
    });
  }
});
