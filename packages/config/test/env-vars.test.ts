/**
 * `$VAR` / `${VAR}` expansion in path-valued keys, at use time (as Gammapy's make_path),
 * with an error naming the variable when it is unset.
 */
import { describe, expect, test } from "vitest";
import { ConfigError } from "@gammats/core";
import { envVarNames } from "@gammats/core";
import { AnalysisConfig, expandEnvVars } from "@gammats/config";

const env = { GAMMAPY_DATA: "/data/gammapy", RUN: "run7" };

describe("environment variables in paths", () => {
  test("$VAR and ${VAR} forms", () => {
    expect(expandEnvVars("$GAMMAPY_DATA/hess-dl3-dr1", { env })).toBe("/data/gammapy/hess-dl3-dr1");
    expect(expandEnvVars("${GAMMAPY_DATA}/x/${RUN}_out", { env })).toBe("/data/gammapy/x/run7_out");
    expect(expandEnvVars("plain/path.fits", { env })).toBe("plain/path.fits");
    expect(envVarNames("${HOME}/a/$RUN/b")).toEqual(["HOME", "RUN"]);
  });

  test("an unset variable is a ConfigError naming it and the key", () => {
    let caught: unknown;
    try {
      expandEnvVars("$NOPE_DIR/a/${ALSO_NOT}", { env, keyPath: "observations.datastore", file: "c.yaml" });
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(ConfigError);
    const e = caught as ConfigError;
    expect(e.path).toBe("observations.datastore");
    expect(e.message).toMatch(/^c\.yaml, key 'observations\.datastore': environment variables \$NOPE_DIR, \$ALSO_NOT in '\$NOPE_DIR\/a\/\$\{ALSO_NOT\}' are not set/);
  });

  test("configs keep variables as written and expand them when a path is used", () => {
    const c = new AnalysisConfig({ datasets: { background: { exclusion: "${GAMMAPY_DATA}/ex.fits" } } });
    expect(c.data.observations.datastore).toBe("$GAMMAPY_DATA/hess-dl3-dr1");
    expect(c.toYaml()).toContain("datastore: $GAMMAPY_DATA/hess-dl3-dr1");
    expect(c.path("observations.datastore", { env })).toBe("/data/gammapy/hess-dl3-dr1");
    expect(c.path("datasets.background.exclusion", { env })).toBe("/data/gammapy/ex.fits");
    expect(c.path("general.models_file", { env })).toBeNull();
    expect(() => c.path("observations.datastore", { env: {} })).toThrow(/key 'observations\.datastore': environment variable \$GAMMAPY_DATA .* is not set/);
  });

  test("relative paths resolve against baseDir when asked", () => {
    const c = new AnalysisConfig({ general: { models_file: "model.yaml" } });
    expect(c.path("general.models_file")).toBe("model.yaml");
    expect(c.path("general.models_file", { baseDir: "/cases/crab" })).toBe("/cases/crab/model.yaml");
    expect(c.path("observations.datastore", { env, baseDir: "/cases" })).toBe("/data/gammapy/hess-dl3-dr1");
  });

  test("an unclosed ${ is refused at validation", () => {
    expect(() => new AnalysisConfig({ general: { outdir: "${OUT/x" } })).toThrow(/unclosed '\$\{'/);
  });
});
