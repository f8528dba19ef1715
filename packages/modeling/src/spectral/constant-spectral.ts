/**
 * Constant dN/dE (Gammapy's ConstantSpectralModel, "const"); integrals are numerical, as in Gammapy.
 */
import { buildParameters, copyParameters, type ParameterInputs, type ParameterSpec } from "../model-parameters.js";
import { SpectralModel, type SpectralKind } from "./spectral-model.js";

/** Parameters of {@link ConstantSpectralModel} (Gammapy 1.0 defaults). */
export const CONSTANT_SPECTRAL_PARAMETERS = [
  { name: "const", value: 1e-12, unit: "cm-2 s-1 TeV-1", isNorm: true },
] as const satisfies readonly ParameterSpec[];

/**
 * Constant spectral model.
 *
 * @example
 * ```ts
 * new ConstantSpectralModel({ const: 2e-12 }).integral(1, 3)[0];   // 4e-12
 * ```
 */
export class ConstantSpectralModel extends SpectralModel {
  /** Type names accepted in YAML. */
  static readonly tags = ["ConstantSpectralModel", "const"] as const;
  /** Parameter declarations. */
  static readonly defaults = CONSTANT_SPECTRAL_PARAMETERS;

  /**
   * @param options - const [cm-2 s-1 TeV-1]
   * @throws ConfigError for unknown names; UnitError for wrong units
   */
  constructor(options: ParameterInputs<typeof CONSTANT_SPECTRAL_PARAMETERS> = {}) {
    super(ConstantSpectralModel.tags, buildParameters("ConstantSpectralModel", CONSTANT_SPECTRAL_PARAMETERS, options));
  }

  /** Always "flux". */
  get kind(): SpectralKind {
    return "flux";
  }

  /** @inheritDoc */
  evaluate(energy: Float64Array, out: Float64Array = new Float64Array(energy.length)): Float64Array {
    return out.fill(this.parameters.list[0]!.internalValue, 0, energy.length);
  }

  /** @inheritDoc */
  copy(): ConstantSpectralModel {
    return new ConstantSpectralModel(copyParameters(this.parameters));
  }
}
