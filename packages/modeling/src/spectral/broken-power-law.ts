/**
 * Broken power law: amplitude (E/Eb)^-index1 below the break, (E/Eb)^-index2 above
 * (Gammapy's BrokenPowerLawSpectralModel, "bpl"); integrals are numerical, as in Gammapy.
 */
import { buildParameters, copyParameters, type ParameterInputs, type ParameterSpec } from "../model-parameters.js";
import { SpectralModel, type SpectralKind } from "./spectral-model.js";

/** Parameters of {@link BrokenPowerLawSpectralModel} (Gammapy 1.0 order and defaults). */
export const BROKEN_POWER_LAW_PARAMETERS = [
  { name: "index1", value: 2, unit: "" },
  { name: "index2", value: 2, unit: "" },
  { name: "amplitude", value: 1e-12, unit: "cm-2 s-1 TeV-1", isNorm: true, interp: "log" },
  { name: "ebreak", value: 1, unit: "TeV" },
] as const satisfies readonly ParameterSpec[];

/**
 * Broken power-law spectral model.
 *
 * @example
 * ```ts
 * const bpl = new BrokenPowerLawSpectralModel({ index1: 1.5, index2: 3, ebreak: "2 TeV" });
 * bpl.evaluate(Float64Array.of(1, 4));   // [1e-12 · 0.5^-1.5, 1e-12 · 2^-3]
 * ```
 */
export class BrokenPowerLawSpectralModel extends SpectralModel {
  /** Type names accepted in YAML. */
  static readonly tags = ["BrokenPowerLawSpectralModel", "bpl"] as const;
  /** Parameter declarations. */
  static readonly defaults = BROKEN_POWER_LAW_PARAMETERS;

  /**
   * @param options - index1, index2, amplitude [cm-2 s-1 TeV-1], ebreak [TeV]
   * @throws ConfigError for unknown names; UnitError for wrong units
   */
  constructor(options: ParameterInputs<typeof BROKEN_POWER_LAW_PARAMETERS> = {}) {
    super(BrokenPowerLawSpectralModel.tags, buildParameters("BrokenPowerLawSpectralModel", BROKEN_POWER_LAW_PARAMETERS, options));
  }

  /** Always "flux". */
  get kind(): SpectralKind {
    return "flux";
  }

  /** @inheritDoc */
  evaluate(energy: Float64Array, out: Float64Array = new Float64Array(energy.length)): Float64Array {
    const p = this.parameters.list;
    const [index1, index2, amplitude, ebreak] = [p[0]!.internalValue, p[1]!.internalValue, p[2]!.internalValue, p[3]!.internalValue];
    for (let i = 0; i < energy.length; i++) {
      const x = energy[i]! / ebreak;
      out[i] = amplitude * Math.pow(x, x < 1 ? -index1 : -index2);
    }
    return out;
  }

  /** @inheritDoc */
  copy(): BrokenPowerLawSpectralModel {
    return new BrokenPowerLawSpectralModel(copyParameters(this.parameters));
  }
}
