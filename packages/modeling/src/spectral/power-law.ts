/**
 * Power law dN/dE = amplitude · (E / reference)^-index, with closed-form integral and
 * energy flux (Gammapy's PowerLawSpectralModel, tags "PowerLawSpectralModel" / "pl").
 */
import { buildParameters, copyParameters, type ParameterInputs, type ParameterSpec } from "../model-parameters.js";
import { powerLawIntegral } from "./integrate-spectrum.js";
import { SpectralModel, bounds, type EnergyBounds, type SpectralKind } from "./spectral-model.js";

/** Parameters of {@link PowerLawSpectralModel}: name, default, unit, flags (Gammapy 1.0). */
export const POWER_LAW_PARAMETERS = [
  { name: "index", value: 2, unit: "" },
  { name: "amplitude", value: 1e-12, unit: "cm-2 s-1 TeV-1", isNorm: true, interp: "log" },
  { name: "reference", value: 1, unit: "TeV", frozen: true },
] as const satisfies readonly ParameterSpec[];

/**
 * Power-law kernel: out[i] = amplitude · (energy[i] / reference)^-index.
 *
 * @param energy - energies [TeV]
 * @param index - spectral index
 * @param amplitude - dN/dE at the reference energy [cm-2 s-1 TeV-1]
 * @param reference - reference energy [TeV]
 * @param out - output (may be `energy`)
 * @returns out
 * @example
 * ```ts
 * powerLaw(Float64Array.of(10), 2, 1e-12, 1, new Float64Array(1));  // [1e-14]
 * ```
 */
export function powerLaw(
  energy: Float64Array,
  index: number,
  amplitude: number,
  reference: number,
  out: Float64Array,
): Float64Array {
  for (let i = 0; i < energy.length; i++) out[i] = amplitude * Math.pow(energy[i]! / reference, -index);
  return out;
}

/**
 * ∫ E · amplitude (E/reference)^-index dE over [emin, emax], with the logarithmic limit
 * for index = 2 (Gammapy's `evaluate_energy_flux`).
 *
 * @param emin - lower bound [TeV]
 * @param emax - upper bound [TeV]
 * @param index - spectral index
 * @param amplitude - [cm-2 s-1 TeV-1]
 * @param reference - [TeV]
 * @returns energy flux [TeV cm-2 s-1]
 */
export function powerLawEnergyFlux(emin: number, emax: number, index: number, amplitude: number, reference: number): number {
  const val = 2 - index;
  const prefactor = amplitude * reference * reference;
  if (Math.abs(val) <= 1e-8) return prefactor * Math.log(emax / emin);
  return (prefactor / val) * (Math.pow(emax / reference, val) - Math.pow(emin / reference, val));
}

/**
 * Power-law spectral model.
 *
 * @example
 * ```ts
 * const pl = new PowerLawSpectralModel({ index: 2.6, amplitude: "5e-11 cm-2 s-1 TeV-1" });
 * pl.evaluate(Float64Array.of(1, 10));   // [5e-11, 1.2559e-13]
 * pl.integral(1, 10)[0];                 // 3.0465e-11 cm-2 s-1
 * ```
 */
export class PowerLawSpectralModel extends SpectralModel {
  /** Type names accepted in YAML. */
  static readonly tags = ["PowerLawSpectralModel", "pl"] as const;
  /** Parameter declarations. */
  static readonly defaults = POWER_LAW_PARAMETERS;

  /**
   * @param options - index, amplitude [cm-2 s-1 TeV-1], reference [TeV]: numbers in
   *   those units, quantity strings, or Parameter objects
   * @throws ConfigError for unknown names; UnitError for wrong units
   */
  constructor(options: ParameterInputs<typeof POWER_LAW_PARAMETERS> = {}) {
    super(PowerLawSpectralModel.tags, buildParameters("PowerLawSpectralModel", POWER_LAW_PARAMETERS, options));
  }

  /** Always "flux". */
  get kind(): SpectralKind {
    return "flux";
  }

  /** @inheritDoc */
  evaluate(energy: Float64Array, out: Float64Array = new Float64Array(energy.length)): Float64Array {
    const p = this.parameters.list;
    return powerLaw(energy, p[0]!.internalValue, p[1]!.internalValue, p[2]!.internalValue, out);
  }

  /** Closed form (Gammapy's `evaluate_integral`). @inheritDoc */
  override integral(emin: EnergyBounds, emax: EnergyBounds): Float64Array {
    const [lo, hi] = bounds(emin, emax);
    const p = this.parameters.list;
    const index = p[0]!.internalValue;
    const amplitude = p[1]!.internalValue;
    const reference = p[2]!.internalValue;
    for (let i = 0; i < lo.length; i++) lo[i] = powerLawIntegral(lo[i]!, hi[i]!, index, amplitude, reference);
    return lo;
  }

  /** Closed form (Gammapy's `evaluate_energy_flux`). @inheritDoc */
  override energyFlux(emin: EnergyBounds, emax: EnergyBounds): Float64Array {
    const [lo, hi] = bounds(emin, emax);
    const p = this.parameters.list;
    const index = p[0]!.internalValue;
    const amplitude = p[1]!.internalValue;
    const reference = p[2]!.internalValue;
    for (let i = 0; i < lo.length; i++) lo[i] = powerLawEnergyFlux(lo[i]!, hi[i]!, index, amplitude, reference);
    return lo;
  }

  /**
   * Decorrelation (pivot) energy E0 · exp(cov(amplitude, index) / (amplitude · σ_index²))
   * (Fermi-LAT 1FGL, arXiv:0910.4881 eq. 1).
   *
   * @returns pivot energy [TeV]; NaN when the index error is 0
   */
  pivotEnergy(): number {
    const p = this.parameters.list;
    const sigma = p[0]!.error;
    const cov = this.parameters.getCovariance(0, 1) * p[1]!.unitToInternal;
    return p[2]!.internalValue * Math.exp(cov / (p[1]!.internalValue * sigma * sigma));
  }

  /** @inheritDoc */
  copy(): PowerLawSpectralModel {
    return new PowerLawSpectralModel(copyParameters(this.parameters));
  }
}
