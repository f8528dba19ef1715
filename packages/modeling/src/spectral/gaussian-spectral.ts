/**
 * Gaussian line dN/dE = amplitude / (σ√(2π)) exp(-(E - mean)² / 2σ²) with closed-form
 * integral and energy flux (Gammapy's GaussianSpectralModel, "gauss").
 */
import { buildParameters, copyParameters, type ParameterInputs, type ParameterSpec } from "../model-parameters.js";
import { erf } from "../special.js";
import { SpectralModel, bounds, type EnergyBounds, type SpectralKind } from "./spectral-model.js";

/** Parameters of {@link GaussianSpectralModel} (Gammapy 1.0 order and defaults). */
export const GAUSSIAN_SPECTRAL_PARAMETERS = [
  { name: "amplitude", value: 1e-12, unit: "cm-2 s-1", isNorm: true, interp: "log" },
  { name: "mean", value: 1, unit: "TeV" },
  { name: "sigma", value: 2, unit: "TeV" },
] as const satisfies readonly ParameterSpec[];

/**
 * Gaussian spectral line.
 *
 * @example
 * ```ts
 * const g = new GaussianSpectralModel({ amplitude: "1e-12 cm-2 s-1", mean: "5 TeV", sigma: "1 TeV" });
 * g.integral(4, 6)[0];   // 6.827e-13 (68% of the amplitude)
 * ```
 */
export class GaussianSpectralModel extends SpectralModel {
  /** Type names accepted in YAML. */
  static readonly tags = ["GaussianSpectralModel", "gauss"] as const;
  /** Parameter declarations. */
  static readonly defaults = GAUSSIAN_SPECTRAL_PARAMETERS;

  /**
   * @param options - amplitude [cm-2 s-1], mean [TeV], sigma [TeV]
   * @throws ConfigError for unknown names; UnitError for wrong units
   */
  constructor(options: ParameterInputs<typeof GAUSSIAN_SPECTRAL_PARAMETERS> = {}) {
    super(GaussianSpectralModel.tags, buildParameters("GaussianSpectralModel", GAUSSIAN_SPECTRAL_PARAMETERS, options));
  }

  /** Always "flux". */
  get kind(): SpectralKind {
    return "flux";
  }

  /** @inheritDoc */
  evaluate(energy: Float64Array, out: Float64Array = new Float64Array(energy.length)): Float64Array {
    const p = this.parameters.list;
    const [amplitude, mean, sigma] = [p[0]!.internalValue, p[1]!.internalValue, p[2]!.internalValue];
    const norm = amplitude / (sigma * Math.sqrt(2 * Math.PI));
    for (let i = 0; i < energy.length; i++) {
      const d = energy[i]! - mean;
      out[i] = norm * Math.exp(-(d * d) / (2 * sigma * sigma));
    }
    return out;
  }

  /** Closed form amplitude/2 · [erf((E - mean)/(√2 σ))]. @inheritDoc */
  override integral(emin: EnergyBounds, emax: EnergyBounds): Float64Array {
    const [lo, hi] = bounds(emin, emax);
    const p = this.parameters.list;
    const [amplitude, mean, sigma] = [p[0]!.internalValue, p[1]!.internalValue, p[2]!.internalValue];
    const s = Math.SQRT2 * sigma;
    for (let i = 0; i < lo.length; i++) lo[i] = (amplitude / 2) * (erf((hi[i]! - mean) / s) - erf((lo[i]! - mean) / s));
    return lo;
  }

  /** Closed form (the Gaussian's first moment over the bin). @inheritDoc */
  override energyFlux(emin: EnergyBounds, emax: EnergyBounds): Float64Array {
    const [lo, hi] = bounds(emin, emax);
    const p = this.parameters.list;
    const [amplitude, mean, sigma] = [p[0]!.internalValue, p[1]!.internalValue, p[2]!.internalValue];
    const s = Math.SQRT2 * sigma;
    const a = (amplitude * sigma) / Math.sqrt(2 * Math.PI);
    const b = (amplitude * mean) / 2;
    for (let i = 0; i < lo.length; i++) {
      const uMin = (lo[i]! - mean) / s;
      const uMax = (hi[i]! - mean) / s;
      lo[i] = a * (Math.exp(-uMin * uMin) - Math.exp(-uMax * uMax)) + b * (erf(uMax) - erf(uMin));
    }
    return lo;
  }

  /** @inheritDoc */
  copy(): GaussianSpectralModel {
    return new GaussianSpectralModel(copyParameters(this.parameters));
  }
}
