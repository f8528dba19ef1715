/**
 * YAML reading and writing follow PyYAML's YAML 1.1 rules, so a config means the same in
 * gammats and Gammapy, and what gammats writes reads back to the same config.
 */
import { describe, expect, test } from "vitest";
import { AnalysisConfig } from "@gammats/config";
import { parseConfigYaml, stringifyConfigYaml } from "../src/yaml-text.js";

describe("YAML as PyYAML reads it", () => {
  test("plain scalars resolve as in PyYAML (checked against yaml.safe_load)", () => {
    const { data } = parseConfigYaml("a: [., 1e3, 1.0e+3, 0x1f, 017, 09, '1:30', 1:30, y, yes, Off, ~, 2019-12-01, 1_000, .5, -.5]\n");
    expect(data).toEqual({ a: [".", "1e3", 1000, 31, 15, "09", "1:30", 90, "y", true, false, null, "2019-12-01", 1000, 0.5, "-.5"] });
  });

  test("strings PyYAML would read as something else are quoted on output", () => {
    const text = stringifyConfigYaml({ v: ["yes", "2019-12-01", "017", "1:30", "null", "", "1.0e+3", ".", "1e3", "3d", "0.5 deg"] });
    expect(text).toBe('v: ["yes", "2019-12-01", "017", "1:30", "null", "", "1.0e+3", ., 1e3, 3d, 0.5 deg]\n');
  });

  test("numbers are written so PyYAML reads numbers back", () => {
    expect(stringifyConfigYaml({ v: [1e-12, 1e21, 2, 0.5, NaN, -Infinity] })).toBe("v: [1.0e-12, 1.0e+21, 2, 0.5, .nan, -.inf]\n");
  });

  test("stack: yes / containment_correction: off are booleans, as in Gammapy", () => {
    const c = AnalysisConfig.fromYaml("datasets: {stack: no, containment_correction: On}\n");
    expect(c.data.datasets.stack).toBe(false);
    expect(c.data.datasets.containment_correction).toBe(true);
  });

  test("unquoted dates stay strings for the time keys", () => {
    const c = AnalysisConfig.fromYaml("observations: {obs_time: {start: 2019-12-01, stop: 2020-03-01 12:00:00}}\n");
    expect(c.data.observations.obs_time).toEqual({ start: "2019-12-01", stop: "2020-03-01 12:00:00" });
  });

  test("leaf mappings and lists are written in flow style, like Gammapy", () => {
    const text = new AnalysisConfig().toYaml();
    expect(text).toContain("\n      energy: {min: 1 TeV, max: 10 TeV, nbins: 5}\n");
    expect(text).toContain("\n  required_irf: [aeff, edisp, psf, bkg]\n");
    expect(text.startsWith("general:\n  log: {level: info, filename: null,")).toBe(true);
  });

  test("toYaml -> fromYaml round trip keeps every value", () => {
    const c = AnalysisConfig.fromYaml(
      [
        "general: {outdir: ., log: {format: '%(asctime)s - %(message)s'}}",
        "observations: {obs_ids: [23523, 23526], obs_time: {start: ['2019-12-01', '2020-01-01T00:00:00'], stop: ['2019-12-02', '2020-01-02T00:00:00']}}",
        "datasets: {type: 3d, background: {method: ring, parameters: {r_in: 0.7 deg, nested: {x: [1, yes]}}}}",
        "flux_points: {source: 'no', parameters: {n_sigma_ul: 1.0e+1}}",
      ].join("\n"),
    );
    const again = AnalysisConfig.fromYaml(c.toYaml());
    expect(again.toJSON()).toEqual(c.toJSON());
    expect(again.data.flux_points.source).toBe("no");
    expect(again.data.general.outdir).toBe(".");
  });

  test("positions point at keys and values", () => {
    const { locate } = parseConfigYaml("datasets:\n  geom:\n    wcs: {binsize: 0.1 deg}\n  methods: [a, b]\n");
    expect(locate(["datasets", "geom", "wcs", "binsize"])).toEqual({ line: 3, col: 20 });
    expect(locate(["datasets", "geom"], { key: true })).toEqual({ line: 2, col: 3 });
    expect(locate(["datasets", "methods", 1])).toEqual({ line: 4, col: 16 });
    expect(locate(["datasets", "nothing"])).toBeUndefined();
  });
});
