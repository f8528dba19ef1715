/**
 * Every kind of config problem gives a typed error that names the key path, the bad
 * value, the line, and the fix; several problems come as one ConfigErrors.
 */
import { describe, expect, test } from "vitest";
import { ConfigError, ConfigErrors } from "@gammats/core";
import { AnalysisConfig, didYouMean, editDistance } from "@gammats/config";

/** The single problem of a config text (fails when there are none or several). */
function problem(yaml: string): ConfigError {
  try {
    AnalysisConfig.fromYaml(yaml, { file: "bad.yaml" });
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigErrors);
    const errors = (e as ConfigErrors).errors;
    expect(errors).toHaveLength(1);
    return errors[0];
  }
  throw new Error("expected a ConfigErrors");
}

describe("config errors", () => {
  test("unknown key: path, line/column and a 'did you mean' from edit distance", () => {
    const e = problem("datasets:\n  stak: false\n");
    expect(e.path).toBe("datasets.stak");
    expect(e.file).toBe("bad.yaml");
    expect(e.message).toBe("bad.yaml, key 'datasets.stak': unknown key 'stak' (line 2, column 3). Did you mean 'stack'?");
  });

  test("unknown key without a close match lists the allowed keys", () => {
    const e = problem("fit:\n  minimizer: migrad\n");
    expect(e.path).toBe("fit.minimizer");
    expect(e.hint).toBe("Allowed keys in 'fit': fit_range");
  });

  test("unknown section", () => {
    const e = problem("fluxpoints: {source: crab}\n");
    expect(e.path).toBe("fluxpoints");
    expect(e.hint).toBe("Did you mean 'flux_points'?");
  });

  test("wrong type", () => {
    const e = problem("datasets: {stack: 'maybe'}\n");
    expect(e.path).toBe("datasets.stack");
    expect(e.message).toContain("expected true or false, got 'maybe' (line 1, column 19)");
    expect(e.hint).toBe("Write true or false");
  });

  test("a scalar where a list belongs", () => {
    const e = problem("datasets: {safe_mask: {methods: aeff-max}}\n");
    expect(e.path).toBe("datasets.safe_mask.methods");
    expect(e.hint).toBe("Write a list, e.g. [aeff-max]");
  });

  test("wrong unit, through parseQuantity", () => {
    const e = problem("fit:\n  fit_range: {min: 1 deg, max: 10 TeV}\n");
    expect(e.path).toBe("fit.fit_range.min");
    expect(e.message).toContain("energy expected, got 1 deg (line 2, column 20)");
  });

  test("unknown unit", () => {
    const e = problem("datasets: {geom: {wcs: {binsize: 0.1 degs}}}\n");
    expect(e.path).toBe("datasets.geom.wcs.binsize");
    expect(e.message).toMatch(/degs/);
  });

  test("a quantity without unit", () => {
    const e = problem("datasets: {on_region: {radius: 0.1}}\n");
    expect(e.path).toBe("datasets.on_region.radius");
    expect(e.message).toContain("expected an angle or null (empty), got the number 0.1");
    expect(e.hint).toBe("Add the unit, e.g. '0.1 deg'");
  });

  test("bad enum value lists the allowed values", () => {
    const e = problem("datasets: {background: {method: rings}}\n");
    expect(e.path).toBe("datasets.background.method");
    expect(e.message).toContain("'rings' is not allowed");
    expect(e.hint).toBe("Did you mean 'ring'? Use one of reflected, fov_background, ring, null");
  });

  test("bad list item names its index", () => {
    const e = problem("observations: {required_irf: [aeff, edsip]}\n");
    expect(e.path).toBe("observations.required_irf[1]");
    expect(e.hint).toContain("Did you mean 'edisp'?");
  });

  test("bad time string", () => {
    const e = problem("observations: {obs_time: {start: '2019-02-30', stop: '2019-03-01'}}\n");
    expect(e.path).toBe("observations.obs_time.start");
    expect(e.message).toMatch(/2019-02-30/);
  });

  test("MJD numbers are refused as Gammapy refuses them", () => {
    const e = problem("light_curve: {time_intervals: {start: 58000, stop: 58001}}\n".replace("58001", "'2018-01-01'"));
    expect(e.path).toBe("light_curve.time_intervals.start");
    expect(e.hint).toMatch(/^Write the time as a string/);
  });

  test("start and stop must pair up", () => {
    const e = problem("light_curve: {time_intervals: {start: ['2019-12-01', '2019-12-02'], stop: ['2019-12-02']}}\n");
    expect(e.path).toBe("light_curve.time_intervals");
    expect(e.message).toContain("start and stop do not pair up");
  });

  test("a list of times must share one astropy format (Gammapy refuses mixed lists)", () => {
    const e = problem("light_curve: {time_intervals: {start: [J2020.0, '2020-06-01'], stop: ['2020-02-01', '2020-07-01']}}\n");
    expect(e.path).toBe("light_curve.time_intervals.start");
    expect(e.message).toContain("the times 'J2020.0', '2020-06-01' mix formats");
    expect(() => AnalysisConfig.fromYaml("observations: {obs_time: {start: ['2020-01-01', '2020-01-02T10:00:00'], stop: ['2020-01-01 12:00', '2020-01-02 12:00']}}")).not.toThrow();
    expect(problem("observations: {obs_time: {start: ['2020-01-01 10:00', '2020-01-02T10:00:00'], stop: ['2020-01-01', '2020-01-03']}}").path).toBe("observations.obs_time.start");
  });

  test("obs_ids and obs_file together are refused", () => {
    const e = problem("observations: {obs_ids: [1], obs_file: ids.txt}\n");
    expect(e.path).toBe("observations");
  });

  test("unknown log level", () => {
    const e = problem("general: {log: {level: loud}}\n");
    expect(e.path).toBe("general.log.level");
    expect(e.hint).toBe("Use one of debug, info, warning, error or critical");
  });

  test("log levels are case-insensitive as in Python", () => {
    for (const level of ["INFO", "Debug", "warning", "WARN", "critical", "NOTSET"]) {
      expect(AnalysisConfig.fromYaml(`general: {log: {level: ${level}}}`).data.general.log.level).toBe(level);
    }
  });

  test("null where Gammapy forbids it", () => {
    expect(problem("general: {outdir: null}\n").path).toBe("general.outdir");
    expect(problem("datasets: {type: ~}\n").path).toBe("datasets.type");
    expect(problem("fit:\n").path).toBe("fit");
  });

  test("several problems: one ConfigErrors listing all, in text order", () => {
    const text = "datasets:\n  type: 4d\n  stak: true\nfit:\n  fit_range: {min: 1 m}\n";
    let caught: unknown;
    try {
      AnalysisConfig.fromYaml(text, { file: "many.yaml" });
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(ConfigErrors);
    const errors = (caught as ConfigErrors).errors;
    expect(errors.map((e) => e.path)).toEqual(["datasets.type", "datasets.stak", "fit.fit_range.min"]);
    expect((caught as ConfigErrors).message.split("\n")[0]).toBe("3 problems in the configuration many.yaml");
  });

  test("malformed YAML: line and column from the yaml parser", () => {
    let caught: unknown;
    try {
      AnalysisConfig.fromYaml("datasets:\n  type: 3d\n   stack: false\n", { file: "broken.yaml" });
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(ConfigError);
    expect((caught as ConfigError).message).toMatch(/^broken\.yaml: malformed YAML: Nested mappings are not allowed in compact mappings \(line 2, column 9\)/);
  });

  test("duplicate keys are malformed YAML", () => {
    expect(() => AnalysisConfig.fromYaml("fit: {}\nfit: {}\n")).toThrow(/malformed YAML: Map keys must be unique \(line 2, column 1\)/);
  });

  test("a document that is not a mapping", () => {
    expect(() => AnalysisConfig.fromYaml("- datasets\n")).toThrow(/must be a mapping of sections, got a list/);
  });

  test("object input reports without positions", () => {
    expect(() => new AnalysisConfig({ datasets: { type: "2d" as "1d" } })).toThrow(
      "key 'datasets.type': '2d' is not allowed. Did you mean '1d'? Use one of 1d, 3d",
    );
  });

  test("an empty text gives the defaults", () => {
    expect(AnalysisConfig.fromYaml("").toJSON()).toEqual(new AnalysisConfig().toJSON());
    expect(AnalysisConfig.fromYaml("# only a comment\n").data.datasets.type).toBe("1d");
  });
});

describe("did you mean", () => {
  test("edit distance", () => {
    expect(editDistance("stak", "stack")).toBe(1);
    expect(editDistance("kitten", "sitting")).toBe(3);
    expect(editDistance("", "abc")).toBe(3);
    expect(editDistance("edsip", "edisp")).toBe(1);
    expect(editDistance("ab", "ba")).toBe(1);
  });

  test("suggests close words only", () => {
    expect(didYouMean("energy_tru", ["energy", "energy_true"])).toBe("energy_true");
    expect(didYouMean("Stack", ["stack", "type"])).toBe("stack");
    expect(didYouMean("aeff_max", ["aeff-default", "aeff-max"])).toBe("aeff-max");
    expect(didYouMean("xyz", ["energy", "geom"])).toBeUndefined();
  });
});
