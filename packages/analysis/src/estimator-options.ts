/**
 * `flux_points.parameters` / `light_curve.parameters` (Gammapy's estimator keywords) as
 * the estimators' camelCase options, and the shared part of both steps: the energy edges
 * and the source.
 */
import { ConfigError } from "@gammats/core";
import type { Fit } from "@gammats/fit";
import type { FluxPointsEstimatorOptions } from "@gammats/estimators";
import type { StepContext } from "./context.js";
import { energyAxisFromConfig } from "./datasets-step.js";
import { mapParameters } from "./maker-options.js";

const FLUX_PARAMETERS = {
  selection_optional: { option: "selectionOptional", kind: "string-or-list" },
  n_sigma: { option: "nSigma", kind: "number" },
  n_sigma_ul: { option: "nSigmaUl", kind: "number" },
  norm_min: { option: "normMin", kind: "number" },
  norm_max: { option: "normMax", kind: "number" },
  norm_n_values: { option: "normNValues", kind: "integer" },
  norm_values: { option: "normValues", kind: "number-list" },
  reoptimize: { option: "reoptimize", kind: "boolean" },
} as const;

const LIGHT_CURVE_PARAMETERS = { ...FLUX_PARAMETERS, atol: { option: "atol", kind: "number" } } as const;

/**
 * Estimator options from a `flux_points` or `light_curve` section.
 *
 * @param ctx - the step context
 * @param section - "flux_points" or "light_curve"
 * @param fit - the session's fitter, whose settings the estimators reuse (as Gammapy
 *   passes `fit=self.fit`)
 * @returns energy edges [TeV], source and the mapped parameters
 * @throws ConfigError naming the key when the energy bins are unset or a parameter is
 *   unknown or of the wrong kind
 */
export function estimatorOptions(ctx: StepContext, section: "flux_points" | "light_curve", fit: Fit): FluxPointsEstimatorOptions & { atol?: number } {
  const key = section === "flux_points" ? "flux_points.energy" : "light_curve.energy_edges";
  const axis = energyAxisFromConfig(ctx, key);
  if (axis === null) {
    throw new ConfigError("the energy bins are not set", key, {
      ...(ctx.config.file === undefined ? {} : { file: ctx.config.file }),
      hint: "give min, max and nbins, e.g. {min: 1 TeV, max: 10 TeV, nbins: 2}",
    });
  }
  const settings = ctx.config.data[section];
  const specs = section === "flux_points" ? FLUX_PARAMETERS : LIGHT_CURVE_PARAMETERS;
  const { options, ignored } = mapParameters(ctx.config, `${section}.parameters`, settings.parameters, specs, ["n_jobs", "sum_over_energy_groups"]);
  const sumOver = settings.parameters["sum_over_energy_groups"];
  if (sumOver !== undefined && sumOver !== false) {
    throw new ConfigError("sum_over_energy_groups is not supported", `${section}.parameters.sum_over_energy_groups`, {
      hint: "remove it (the estimators fit each energy bin's datasets jointly)",
    });
  }
  if (ignored.includes("n_jobs")) ctx.logger.debug(`${section}.parameters.n_jobs is ignored: the estimators run in-process`);
  return {
    ...(options as FluxPointsEstimatorOptions),
    energyEdges: axis.edgesIn("TeV"),
    source: settings.source,
    // Gammapy's Analysis hands its own Fit to the estimators, whose confidence backend is
    // its optimiser's (MINOS for minuit), not the estimators' own default (scipy).
    confidenceBackend: fit.backend === "variable-metric" ? "minuit" : "scipy",
    fitOptions: {
      backend: fit.backend,
      tol: fit.tol,
      strategy: fit.strategy,
      up: fit.up,
      ...(fit.maxfev === undefined ? {} : { maxfev: fit.maxfev }),
      // A bin's fit that fails (an empty bin, a source outside the maps) is recorded in
      // its row and summarised by the step; one warning per bin and fit would bury it.
      logger: {
        debug: (m: string) => ctx.logger.debug(m),
        info: (m: string) => ctx.logger.info(m),
        warning: (m: string) => ctx.logger.debug(m),
        error: (m: string) => ctx.logger.error(m),
      },
    },
  };
}
