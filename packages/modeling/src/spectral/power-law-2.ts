/**
 * Power law normalised by its integral flux between emin and emax (Gammapy's
 * PowerLaw2SpectralModel, "pl-2"): dN/dE = amplitude (1-index) / (emax - emin (emin/emax)^-index) · (E/emax)^-index.
 */
import { buildParameters, copyParameters, type ParameterInputs, type ParameterSpec } from "../model-parameters.js";
import { SpectralModel, bounds, type EnergyBounds, type SpectralKind } from "./spectral-model.js";

/** Parameters of {@link PowerLaw2SpectralModel} (Gammapy 1.0 order and defaults). */
export const POWER_LAW_2_PARAMETERS = [
  { name: "amplitude", value: 1e-12, unit: "cm-2 s-1", isNorm: true, interp: "log" },
  { name: "index", value: 2, unit: "" },
  { name: "emin", value: 0.1, unit: "TeV", frozen: true },
  { name: "emax", value: 100, unit: "TeV", frozen: true },
] as const satisfies readonly ParameterSpec[];

/**
 * Integral-flux power law.
 *
 * @example
 * ```ts
 * const pl2 = new PowerLaw2SpectralModel({ amplitude: "2e-12 cm-2 s-1", index: 2.3 });
 * pl2.integral(0.1, 100)[0];   // 2e-12 (the amplitude, by construction)
 * ```
 */
export class PowerLaw2SpectralModel extends SpectralModel {
  /** Type names accepted in YAML. */
  static readonly tags = ["PowerLaw2SpectralModel", "pl-2"] as const;
  /** Parameter declarations. */
  static readonly defaults = POWER_LAW_2_PARAMETERS;

  /**
   * @param options - amplitude [cm-2 s-1], index, emin [TeV], emax [TeV]
   * @throws ConfigError for unknown names; UnitError for wrong units
   */
  constructor(options: ParameterInputs<typeof POWER_LAW_2_PARAMETERS> = {}) {
    super(PowerLaw2SpectralModel.tags, buildParameters("PowerLaw2SpectralModel", POWER_LAW_2_PARAMETERS, options));
  }

  /** Always "flux". */
  get kind(): SpectralKind {
    return "flux";
  }

  /** @inheritDoc */
  evaluate(energy: Float64Array, out: Float64Array = new Float64Array(energy.length)): Float64Array {
    const p = this.parameters.list;
    const [amplitude, index, emin, emax] = [p[0]!.internalValue, p[1]!.internalValue, p[2]!.internalValue, p[3]!.internalValue];
    // Written with E/emax so the energies stay dimensionless, as Gammapy does.
    const norm = (amplitude * (1 - index)) / (emax - emin * Math.pow(emin / emax, -index));
    for (let i = 0; i < energy.length; i++) out[i] = norm * Math.pow(energy[i]! / emax, -index);
    return out;
  }

  /** Closed form: amplitude (E2^(1-Γ) - E1^(1-Γ)) / (emax^(1-Γ) - emin^(1-Γ)). @inheritDoc */
  override integral(emin: EnergyBounds, emax: EnergyBounds): Float64Array {
    const [lo, hi] = bounds(emin, emax);
    const p = this.parameters.list;
    const [amplitude, index, e0min, e0max] = [p[0]!.internalValue, p[1]!.internalValue, p[2]!.internalValue, p[3]!.internalValue];
    const g = 1 - index;
    const bottom = Math.pow(e0max, g) - Math.pow(e0min, g);
    for (let i = 0; i < lo.length; i++) lo[i] = (amplitude * (Math.pow(hi[i]!, g) - Math.pow(lo[i]!, g))) / bottom;
    return lo;
  }

  /** @inheritDoc */
  copy(): PowerLaw2SpectralModel {
    return new PowerLaw2SpectralModel(copyParameters(this.parameters));
  }
}
