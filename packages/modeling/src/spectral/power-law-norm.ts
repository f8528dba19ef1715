/**
 * Dimensionless power law norm · (E / reference)^-tilt, the spectral correction of
 * FoVBackgroundModel (Gammapy's PowerLawNormSpectralModel, "pl-norm").
 */
import { buildParameters, copyParameters, type ParameterInputs, type ParameterSpec } from "../model-parameters.js";
import { powerLawIntegral } from "./integrate-spectrum.js";
import { powerLaw, powerLawEnergyFlux } from "./power-law.js";
import { SpectralModel, bounds, type EnergyBounds, type SpectralKind } from "./spectral-model.js";

/** Parameters of {@link PowerLawNormSpectralModel} (Gammapy 1.0 order and defaults). */
export const POWER_LAW_NORM_PARAMETERS = [
  { name: "norm", value: 1, unit: "", isNorm: true, interp: "log" },
  { name: "tilt", value: 0, unit: "", frozen: true },
  { name: "reference", value: 1, unit: "TeV", frozen: true },
] as const satisfies readonly ParameterSpec[];

/**
 * Power-law norm model (dimensionless).
 *
 * @example
 * ```ts
 * const bkg = new PowerLawNormSpectralModel({ norm: 1.1, tilt: 0.1 });
 * bkg.evaluate(Float64Array.of(10));   // [0.8737...] = 1.1 · 10^-0.1
 * ```
 */
export class PowerLawNormSpectralModel extends SpectralModel {
  /** Type names accepted in YAML. */
  static readonly tags = ["PowerLawNormSpectralModel", "pl-norm"] as const;
  /** Parameter declarations. */
  static readonly defaults = POWER_LAW_NORM_PARAMETERS;

  /**
   * @param options - norm, tilt, reference [TeV]
   * @throws ConfigError for unknown names; UnitError for wrong units
   */
  constructor(options: ParameterInputs<typeof POWER_LAW_NORM_PARAMETERS> = {}) {
    super(PowerLawNormSpectralModel.tags, buildParameters("PowerLawNormSpectralModel", POWER_LAW_NORM_PARAMETERS, options));
  }

  /** Always "norm". */
  get kind(): SpectralKind {
    return "norm";
  }

  /** @inheritDoc */
  evaluate(energy: Float64Array, out: Float64Array = new Float64Array(energy.length)): Float64Array {
    const p = this.parameters.list;
    return powerLaw(energy, p[1]!.internalValue, p[0]!.internalValue, p[2]!.internalValue, out);
  }

  /** Closed form [TeV]. @inheritDoc */
  override integral(emin: EnergyBounds, emax: EnergyBounds): Float64Array {
    const [lo, hi] = bounds(emin, emax);
    const p = this.parameters.list;
    const [norm, tilt, reference] = [p[0]!.internalValue, p[1]!.internalValue, p[2]!.internalValue];
    for (let i = 0; i < lo.length; i++) lo[i] = powerLawIntegral(lo[i]!, hi[i]!, tilt, norm, reference);
    return lo;
  }

  /** Closed form [TeV²]. @inheritDoc */
  override energyFlux(emin: EnergyBounds, emax: EnergyBounds): Float64Array {
    const [lo, hi] = bounds(emin, emax);
    const p = this.parameters.list;
    const [norm, tilt, reference] = [p[0]!.internalValue, p[1]!.internalValue, p[2]!.internalValue];
    for (let i = 0; i < lo.length; i++) lo[i] = powerLawEnergyFlux(lo[i]!, hi[i]!, tilt, norm, reference);
    return lo;
  }

  /** @inheritDoc */
  copy(): PowerLawNormSpectralModel {
    return new PowerLawNormSpectralModel(copyParameters(this.parameters));
  }
}
