/**
 * `update` merges as Gammapy's AnalysisConfig.update (pydantic deep_update): mappings
 * merge at every depth, lists are replaced; a given key always wins (Gammapy drops keys
 * equal to the default, a difference kept on purpose).
 */
import { describe, expect, test } from "vitest";
import { ConfigErrors } from "@gammats/core";
import { AnalysisConfig } from "@gammats/config";

describe("AnalysisConfig.update", () => {
  const base = AnalysisConfig.fromYaml(
    "datasets: {type: 3d, stack: false, safe_mask: {methods: [aeff-max, offset-max]}, background: {method: ring, parameters: {a: 1, b: 2}}}\n",
  );

  test("returns a new config and leaves the old one alone", () => {
    const next = base.update("datasets: {type: 1d}");
    expect(next).not.toBe(base);
    expect(next.data.datasets.type).toBe("1d");
    expect(base.data.datasets.type).toBe("3d");
  });

  test("lists are replaced, not concatenated (as Gammapy)", () => {
    expect(base.update("datasets: {safe_mask: {methods: [edisp-bias]}}").data.datasets.safe_mask.methods).toEqual(["edisp-bias"]);
  });

  test("free-form parameters merge key by key (as Gammapy)", () => {
    expect(base.update("datasets: {background: {parameters: {c: 3}}}").data.datasets.background.parameters).toEqual({ a: 1, b: 2, c: 3 });
  });

  test("sibling keys survive a nested update", () => {
    const next = base.update({ datasets: { background: { method: "fov_background" } } });
    expect(next.data.datasets.background.method).toBe("fov_background");
    expect(next.data.datasets.stack).toBe(false);
    expect(next.data.datasets.safe_mask.methods).toEqual(["aeff-max", "offset-max"]);
  });

  test("a given key wins even when it equals the default (Gammapy would drop it)", () => {
    expect(base.update("datasets: {stack: true}").data.datasets.stack).toBe(true);
    expect(base.update("datasets: {background: {method: null}}").data.datasets.background.method).toBeNull();
  });

  test("from another config, only its given keys count", () => {
    const other = new AnalysisConfig({ fit: { fit_range: { min: "1 TeV" } } });
    const next = base.update(other);
    expect(next.data.fit.fit_range.min).toBe("1 TeV");
    expect(next.data.datasets.type).toBe("3d"); // other's defaulted "1d" does not count
  });

  test("an invalid update is reported with its key path and line", () => {
    let caught: unknown;
    try {
      base.update("fit:\n  fit_range: {min: 3 deg}\n");
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(ConfigErrors);
    expect((caught as ConfigErrors).errors[0].path).toBe("fit.fit_range.min");
    expect((caught as ConfigErrors).errors[0].message).toContain("(line 2, column 20)");
  });

  test("an invalid partial object is refused", () => {
    expect(() => base.update({ datasets: { stak: true } as never })).toThrow(/unknown key 'stak'.*Did you mean 'stack'/);
  });

  test("keeps the file name", () => {
    const c = AnalysisConfig.fromYaml("", { file: "a.yaml" });
    expect(c.update("fit: {}").file).toBe("a.yaml");
  });
});
