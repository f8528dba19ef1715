/**
 * Which steps a config asks for, and the config's free-form parameters as options.
 */
import { describe, expect, test } from "vitest";
import { STEPS, mapParameters, resolveSteps } from "@gammats/analysis";
import { AnalysisConfig } from "@gammats/config";

const full = AnalysisConfig.fromYaml(`
general: {models_file: model.yaml}
flux_points: {energy: {min: 1 TeV, max: 10 TeV, nbins: 2}}
light_curve: {energy_edges: {min: 1 TeV, max: 10 TeV, nbins: 1}}
`);

describe("resolveSteps", () => {
  test("the config decides: fit with models_file, flux points / light curve with their energy bins", () => {
    expect(resolveSteps(full)).toEqual(["observations", "datasets", "fit", "flux-points", "light-curve"]);
    expect(resolveSteps(new AnalysisConfig())).toEqual(["observations", "datasets"]);
    expect(resolveSteps(new AnalysisConfig({ general: { models_file: "m.yaml" } }))).toEqual(["observations", "datasets", "fit"]);
    expect(resolveSteps(new AnalysisConfig({ datasets: { type: "3d" }, general: { models_file: "m.yaml" } }))).toEqual([
      "observations",
      "datasets",
      "fit",
      "excess-map",
    ]);
  });

  test("requested steps bring the steps they need, in running order", () => {
    expect(resolveSteps(full, ["light-curve"])).toEqual(["observations", "datasets", "fit", "light-curve"]);
    expect(resolveSteps(full, ["datasets", "observations"])).toEqual(["observations", "datasets"]);
    expect(STEPS).toHaveLength(6);
  });

  test("a requested step the config cannot run names the key to set", () => {
    const none = new AnalysisConfig();
    expect(() => resolveSteps(none, ["fit"])).toThrow(/general\.models_file/);
    expect(() => resolveSteps(full.update({ flux_points: { energy: { min: null } } }), ["flux-points"])).toThrow(/flux_points\.energy/);
    expect(() => resolveSteps(full, ["excess-map"])).toThrow(/datasets\.type/);
  });
});

describe("mapParameters", () => {
  const specs = { aeff_percent: { option: "aeffPercent", kind: "number" }, offset_max: { option: "offsetMax", kind: "angle" } } as const;

  test("snake_case keys become the options", () => {
    expect(mapParameters(full, "datasets.safe_mask.parameters", { aeff_percent: 10, offset_max: "2.5 deg" }, specs)).toEqual({
      options: { aeffPercent: 10, offsetMax: "2.5 deg" },
      ignored: [],
    });
    expect(mapParameters(full, "x.parameters", { n_jobs: 4 }, specs, ["n_jobs"]).ignored).toEqual(["n_jobs"]);
  });

  test("unknown keys and wrong kinds name the key", () => {
    expect(() => mapParameters(full, "datasets.safe_mask.parameters", { bias: 10 }, specs)).toThrow(
      /datasets\.safe_mask\.parameters\.bias.*known parameters: aeff_percent, offset_max/s,
    );
    expect(() => mapParameters(full, "datasets.safe_mask.parameters", { aeff_percent: "ten" }, specs)).toThrow(/aeff_percent' must be a number/);
  });
});
