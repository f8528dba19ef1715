/**
 * Smoothly broken power law amplitude (E/E0)^-index1 · (1 + (E/Eb)^((index2-index1)/β'))^-β',
 * β' = β · sign(index2 - index1) (Gammapy's SmoothBrokenPowerLawSpectralModel, "sbpl").
 */
import { buildParameters, copyParameters, type ParameterInputs, type ParameterSpec } from "../model-parameters.js";
import { SpectralModel, type SpectralKind } from "./spectral-model.js";

/** Parameters of {@link SmoothBrokenPowerLawSpectralModel} (Gammapy 1.0 order and defaults). */
export const SMOOTH_BROKEN_POWER_LAW_PARAMETERS = [
  { name: "index1", value: 2, unit: "" },
  { name: "index2", value: 2, unit: "" },
  { name: "amplitude", value: 1e-12, unit: "cm-2 s-1 TeV-1", isNorm: true, interp: "log" },
  { name: "ebreak", value: 1, unit: "TeV" },
  { name: "reference", value: 1, unit: "TeV", frozen: true },
  { name: "beta", value: 1, unit: "", frozen: true },
] as const satisfies readonly ParameterSpec[];

/**
 * Smoothly broken power-law spectral model.
 *
 * @example
 * ```ts
 * const sbpl = new SmoothBrokenPowerLawSpectralModel({ index1: 2, index2: 3, ebreak: "1 TeV" });
 * sbpl.evaluate(Float64Array.of(1));   // [5e-13]: the break halves the flux at E = Eb for beta 1
 * ```
 */
export class SmoothBrokenPowerLawSpectralModel extends SpectralModel {
  /** Type names accepted in YAML. */
  static readonly tags = ["SmoothBrokenPowerLawSpectralModel", "sbpl"] as const;
  /** Parameter declarations. */
  static readonly defaults = SMOOTH_BROKEN_POWER_LAW_PARAMETERS;

  /**
   * @param options - index1, index2, amplitude [cm-2 s-1 TeV-1], ebreak [TeV], reference [TeV], beta
   * @throws ConfigError for unknown names; UnitError for wrong units
   */
  constructor(options: ParameterInputs<typeof SMOOTH_BROKEN_POWER_LAW_PARAMETERS> = {}) {
    super(
      SmoothBrokenPowerLawSpectralModel.tags,
      buildParameters("SmoothBrokenPowerLawSpectralModel", SMOOTH_BROKEN_POWER_LAW_PARAMETERS, options),
    );
  }

  /** Always "flux". */
  get kind(): SpectralKind {
    return "flux";
  }

  /** @inheritDoc */
  evaluate(energy: Float64Array, out: Float64Array = new Float64Array(energy.length)): Float64Array {
    const p = this.parameters.list;
    const index1 = p[0]!.internalValue;
    const index2 = p[1]!.internalValue;
    const amplitude = p[2]!.internalValue;
    const ebreak = p[3]!.internalValue;
    const reference = p[4]!.internalValue;
    // With equal indices beta' is 0 and the break term is NaN^0 = 1 (as in numpy).
    const beta = p[5]!.internalValue * Math.sign(index2 - index1);
    const power = (index2 - index1) / beta;
    for (let i = 0; i < energy.length; i++) {
      const e = energy[i]!;
      out[i] = amplitude * Math.pow(e / reference, -index1) * Math.pow(1 + Math.pow(e / ebreak, power), -beta);
    }
    return out;
  }

  /** @inheritDoc */
  copy(): SmoothBrokenPowerLawSpectralModel {
    return new SmoothBrokenPowerLawSpectralModel(copyParameters(this.parameters));
  }
}
