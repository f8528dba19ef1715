/**
 * The steps of an analysis run, in order, and which of them a config asks for — the
 * rules of Gammapy's high-level workflow (and of shared/reference/gammapy_summary.py):
 * observations and datasets always; the fit when `general.models_file` is set; flux
 * points when `flux_points.energy` is set; the light curve when
 * `light_curve.energy_edges` is set; the excess map for one stacked 3D dataset.
 */
import { ConfigError } from "@gammats/core";
import type { AnalysisConfig } from "@gammats/config";

/** The steps, in the order they run. */
export const STEPS = ["observations", "datasets", "fit", "flux-points", "light-curve", "excess-map"] as const;

/** One of {@link STEPS}. */
export type StepName = (typeof STEPS)[number];

/** What each step needs to have run before it. */
const NEEDS: Record<StepName, StepName | null> = {
  observations: null,
  datasets: "observations",
  fit: "datasets",
  "flux-points": "fit",
  "light-curve": "fit",
  "excess-map": "datasets",
};

/**
 * Whether a string names a step.
 *
 * @param name - e.g. "flux-points"
 */
export function isStepName(name: string): name is StepName {
  return (STEPS as readonly string[]).includes(name);
}

/** Why the config does not allow a step, or undefined when it does. */
function notConfigured(config: AnalysisConfig, step: StepName): [string, string, string] | undefined {
  const d = config.data;
  switch (step) {
    case "fit":
      return d.general.models_file === null ? ["the fit needs models", "general.models_file", "set general.models_file to a models YAML file"] : undefined;
    case "flux-points":
      return d.flux_points.energy.min === null ? ["flux points need energy bins", "flux_points.energy", "give flux_points.energy {min, max, nbins}"] : undefined;
    case "light-curve":
      return d.light_curve.energy_edges.min === null
        ? ["the light curve needs energy bins", "light_curve.energy_edges", "give light_curve.energy_edges {min, max, nbins}"]
        : undefined;
    case "excess-map":
      return d.datasets.type !== "3d" || !d.datasets.stack
        ? ["the excess map needs one stacked 3d dataset", "datasets.type", "set datasets.type: 3d and datasets.stack: true"]
        : undefined;
    default:
      return undefined;
  }
}

/**
 * The steps to run: those the config asks for, or the requested ones together with the
 * steps they need (e.g. flux-points brings observations, datasets and fit), in order.
 *
 * @param config - the analysis configuration
 * @param requested - steps asked for explicitly (e.g. `--steps`); default: the config's
 * @returns the steps, in running order
 * @throws ConfigError naming the key when a requested step (or one it needs) is not
 *   possible with this config
 * @example
 * ```ts
 * resolveSteps(config);                   // ["observations", "datasets", "fit", "flux-points"]
 * resolveSteps(config, ["flux-points"]);  // ["observations", "datasets", "fit", "flux-points"]
 * ```
 */
export function resolveSteps(config: AnalysisConfig, requested?: readonly StepName[]): StepName[] {
  if (requested === undefined) return STEPS.filter((s) => notConfigured(config, s) === undefined);
  const chosen = new Set<StepName>();
  for (const r of requested) {
    for (let step: StepName | null = r; step !== null; step = NEEDS[step]) chosen.add(step);
  }
  for (const step of STEPS) {
    const why = chosen.has(step) ? notConfigured(config, step) : undefined;
    if (why !== undefined) {
      const [what, key, hint] = why;
      throw new ConfigError(`step ${step}: ${what}`, key, { ...(config.file === undefined ? {} : { file: config.file }), hint });
    }
  }
  return STEPS.filter((s) => chosen.has(s));
}
