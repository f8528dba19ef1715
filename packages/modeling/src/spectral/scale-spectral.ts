/**
 * ScaleSpectralModel: another spectral model times a dimensionless `norm` (Gammapy's
 * ScaleSpectralModel, tags "ScaleSpectralModel" / "scale"). The flux estimators put the
 * source's spectrum inside one, so that a single norm scales the whole spectrum whatever
 * its parameters are.
 */
import { Parameter } from "../parameter.js";
import { Parameters } from "../parameters.js";
import { SpectralModel } from "./spectral-model.js";
import type { EnergyBounds, SpectralKind } from "./spectral-model.js";

/**
 * `norm × model(E)`. Its only parameter is `norm`: the wrapped model's parameters are not
 * part of the list, so a fit of the scaled model keeps the spectral shape fixed.
 *
 * @example
 * ```ts
 * const scaled = new ScaleSpectralModel(new PowerLawSpectralModel({ amplitude: "1e-12 cm-2 s-1 TeV-1" }));
 * scaled.norm.value = 2;
 * scaled.valueAt(1);          // 2e-12
 * scaled.integral(1, 10)[0];  // 2 × the power law's integral
 * ```
 */
export class ScaleSpectralModel extends SpectralModel {
  /** Type names. */
  static readonly tags = ["ScaleSpectralModel", "scale"] as const;
  /** The scaled model (shared, not copied). */
  readonly model: SpectralModel;

  /**
   * @param model - the model to scale; must give fluxes (a norm model cannot be a source spectrum)
   * @param norm - initial norm (default 1)
   */
  constructor(model: SpectralModel, norm: number | Parameter = 1) {
    const p =
      typeof norm === "number" ? new Parameter({ name: "norm", value: norm, unit: "", interp: "log", isNorm: true }) : norm;
    super(ScaleSpectralModel.tags, new Parameters([p]));
    this.model = model;
  }

  /** The norm parameter. */
  get norm(): Parameter {
    return this.parameters.list[0]!;
  }

  /** Same kind as the scaled model. */
  get kind(): SpectralKind {
    return this.model.kind;
  }

  /**
   * norm × model(E).
   *
   * @param energy - energies [TeV]
   * @param out - optional output (must not alias `energy` if the scaled model forbids it)
   * @returns values [unit of the scaled model]
   */
  evaluate(energy: Float64Array, out?: Float64Array): Float64Array {
    const result = this.model.evaluate(energy, out);
    const norm = this.norm.value;
    for (let i = 0; i < result.length; i++) result[i]! *= norm;
    return result;
  }

  /**
   * norm × the scaled model's integral (closed form when it has one, as Gammapy).
   *
   * @param emin - lower bounds [TeV]
   * @param emax - upper bounds [TeV]
   * @returns integrals [cm-2 s-1]
   */
  override integral(emin: EnergyBounds, emax: EnergyBounds): Float64Array {
    const result = this.model.integral(emin, emax);
    const norm = this.norm.value;
    for (let i = 0; i < result.length; i++) result[i]! *= norm;
    return result;
  }

  /** A copy with a copied norm; the scaled model is copied too. */
  copy(): ScaleSpectralModel {
    return new ScaleSpectralModel(this.model.copy(), this.norm.copy());
  }
}
