/**
 * The defaulted config equals Gammapy 1.0's `AnalysisConfig()`, recorded in
 * fixtures/gammapy-1.0-defaults.json (Gammapy's own JSON dump), so this runs without Python.
 */
import { readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
import { AnalysisConfig } from "@gammats/config";
import { normalize } from "./normalize.js";

const gammapy = JSON.parse(readFileSync(new URL("fixtures/gammapy-1.0-defaults.json", import.meta.url), "utf8")) as Record<string, unknown>;

describe("defaults", () => {
  const config = new AnalysisConfig();

  test("equal Gammapy 1.0's AnalysisConfig() value by value", () => {
    expect(normalize(config.toJSON())).toEqual(normalize(gammapy));
  });

  test("have Gammapy's keys in Gammapy's order at every depth", () => {
    const keys = (v: unknown): unknown =>
      v !== null && typeof v === "object" && !Array.isArray(v)
        ? Object.entries(v).map(([k, c]) => [k, keys(c)])
        : null;
    // Free-form `parameters` dicts compare as values above; here only the structure.
    expect(JSON.stringify(keys(config.toJSON()))).toBe(JSON.stringify(keys(gammapy)));
  });

  test("spot values", () => {
    const d = config.data;
    expect(d.datasets.type).toBe("1d");
    expect(d.datasets.stack).toBe(true);
    expect(d.datasets.geom.axes.energy).toEqual({ min: "1 TeV", max: "10 TeV", nbins: 5 });
    expect(d.datasets.geom.axes.energy_true).toEqual({ min: "0.5 TeV", max: "20 TeV", nbins: 16 });
    expect(d.observations.required_irf).toEqual(["aeff", "edisp", "psf", "bkg"]);
    expect(d.datasets.map_selection).toEqual(["counts", "exposure", "background", "psf", "edisp"]);
    expect(d.flux_points.parameters).toEqual({ selection_optional: "all" });
    expect(d.observations.datastore).toBe("$GAMMAPY_DATA/hess-dl3-dr1");
    expect(d.general.log.level).toBe("info");
  });

  test("a partial energy axis does not inherit the axis default (as in Gammapy)", () => {
    const c = new AnalysisConfig({ datasets: { geom: { axes: { energy: { nbins: 3 } } } } });
    expect(c.data.datasets.geom.axes.energy).toEqual({ min: null, max: null, nbins: 3 });
    expect(c.data.datasets.geom.axes.energy_true.nbins).toBe(16);
  });

  test("the data are frozen", () => {
    expect(Object.isFrozen(config.data.datasets.geom.axes.energy)).toBe(true);
    expect(() => {
      (config.data.datasets as { stack: boolean }).stack = false;
    }).toThrow(TypeError);
  });
});
