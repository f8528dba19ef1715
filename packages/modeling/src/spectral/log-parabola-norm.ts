/**
 * Dimensionless log parabola norm · x^(-alpha - beta ln x), x = E/E0
 * (Gammapy's LogParabolaNormSpectralModel, "lp-norm"; natural-log curvature).
 */
import { buildParameters, copyParameters, type ParameterInputs, type ParameterSpec } from "../model-parameters.js";
import { logParabola } from "./log-parabola.js";
import { SpectralModel, type SpectralKind } from "./spectral-model.js";

/** Parameters of {@link LogParabolaNormSpectralModel} (Gammapy 1.0 order and defaults). */
export const LOG_PARABOLA_NORM_PARAMETERS = [
  { name: "norm", value: 1, unit: "", isNorm: true, interp: "log" },
  { name: "reference", value: 10, unit: "TeV", frozen: true },
  { name: "alpha", value: 2, unit: "" },
  { name: "beta", value: 1, unit: "" },
] as const satisfies readonly ParameterSpec[];

/**
 * Log-parabola norm model.
 *
 * @example
 * ```ts
 * new LogParabolaNormSpectralModel().evaluate(Float64Array.of(10));   // [1]
 * ```
 */
export class LogParabolaNormSpectralModel extends SpectralModel {
  /** Type names accepted in YAML. */
  static readonly tags = ["LogParabolaNormSpectralModel", "lp-norm"] as const;
  /** Parameter declarations. */
  static readonly defaults = LOG_PARABOLA_NORM_PARAMETERS;

  /**
   * @param options - norm, reference [TeV], alpha, beta (ln convention)
   * @throws ConfigError for unknown names; UnitError for wrong units
   */
  constructor(options: ParameterInputs<typeof LOG_PARABOLA_NORM_PARAMETERS> = {}) {
    super(
      LogParabolaNormSpectralModel.tags,
      buildParameters("LogParabolaNormSpectralModel", LOG_PARABOLA_NORM_PARAMETERS, options),
    );
  }

  /** Always "norm". */
  get kind(): SpectralKind {
    return "norm";
  }

  /** @inheritDoc */
  evaluate(energy: Float64Array, out: Float64Array = new Float64Array(energy.length)): Float64Array {
    const p = this.parameters.list;
    return logParabola(energy, p[0]!.internalValue, p[1]!.internalValue, p[2]!.internalValue, p[3]!.internalValue, out);
  }

  /** @inheritDoc */
  copy(): LogParabolaNormSpectralModel {
    return new LogParabolaNormSpectralModel(copyParameters(this.parameters));
  }
}
