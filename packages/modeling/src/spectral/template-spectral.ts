/**
 * Tabulated spectrum (Gammapy's TemplateSpectralModel, "template"): values given at
 * energies, interpolated in log-log and scaled by a frozen `norm`; integrals are numerical.
 */
import { conversionFactor, DataError, isCompatible, unitsEqual } from "@gammats/core";
import { ScaledGridInterpolator } from "@gammats/maps";
import type { InterpScale } from "@gammats/maps";
import { buildParameters, copyParameters, type ParameterInputs, type ParameterSpec } from "../model-parameters.js";
import { SpectralModel, type SpectralKind } from "./spectral-model.js";

/** Parameters of {@link TemplateSpectralModel} (Gammapy 1.0: a frozen, log-scanned `norm`). */
export const TEMPLATE_SPECTRAL_PARAMETERS = [
  { name: "norm", value: 1, unit: "", interp: "log", isNorm: true, frozen: true },
] as const satisfies readonly ParameterSpec[];

/** An array with its unit, as written to YAML (`{data, unit}`). */
export interface TemplateArray {
  /** Numbers [unit]. */
  readonly data: Float64Array;
  /** Unit string as given (written back unchanged); "" for dimensionless. */
  readonly unit: string;
}

/** Options of {@link TemplateSpectralModel}. */
export interface TemplateSpectralModelOptions {
  /** Strictly increasing energies [energyUnit]. */
  energy: ArrayLike<number>;
  /** Energy unit. Default "TeV". */
  energyUnit?: string;
  /** Values at `energy` [valuesUnit], one per energy. */
  values: ArrayLike<number>;
  /** Unit of the values: a dN/dE unit, or "" for a dimensionless template (e.g. absorption). Default "cm-2 s-1 TeV-1". */
  valuesUnit?: string;
  /** Norm parameter (dimensionless). Default 1, frozen. */
  norm?: ParameterInputs<typeof TEMPLATE_SPECTRAL_PARAMETERS>["norm"];
  /** Scale the values are interpolated in. Default "log" (Gammapy's `values_scale`). */
  valuesScale?: InterpScale;
}

const FLUX_UNIT = "cm-2 s-1 TeV-1";

/** Factor to the target unit, exactly 1 for equal units (so arrays round-trip unchanged). */
function factorTo(from: string, to: string, what: string): number {
  if (unitsEqual(from, to)) return 1;
  if (!isCompatible(from, to)) {
    throw new DataError(`TemplateSpectralModel: ${what} unit '${from}' is not convertible to '${to}'`, {
      hint: what === "energy" ? "give energies in an energy unit such as TeV or GeV" : `give values in ${to} or dimensionless`,
    });
  }
  return conversionFactor(from, to);
}

/**
 * Spectral model from a table of energies and values: `norm` × the values interpolated
 * linearly in log(value) against log(energy), extrapolated beyond the table, clipped at
 * 0; a single-point table is constant (nearest). Values in a dN/dE unit make a "flux"
 * model, dimensionless values a "norm" model.
 *
 * @example
 * ```ts
 * const m = new TemplateSpectralModel({ energy: [1, 10], values: [1e-11, 1e-13] });
 * m.valueAt(3.1622776601683795);   // 1e-12 (exact power law between nodes)
 * ```
 */
export class TemplateSpectralModel extends SpectralModel {
  /** Type names accepted in YAML. */
  static readonly tags = ["TemplateSpectralModel", "template"] as const;
  /** Parameter declarations. */
  static readonly defaults = TEMPLATE_SPECTRAL_PARAMETERS;

  /** Energies as given. */
  readonly energy: TemplateArray;
  /** Values as given. */
  readonly values: TemplateArray;
  /** Interpolation scale of the values. */
  readonly valuesScale: InterpScale;
  private readonly interpolator: ScaledGridInterpolator;
  private readonly fluxKind: SpectralKind;

  /**
   * @param options - energies, values, their units, norm and value scale
   * @throws DataError when lengths differ, the table is empty, units do not convert, or
   *   energies are not positive and strictly increasing
   */
  constructor(options: TemplateSpectralModelOptions) {
    super(
      TemplateSpectralModel.tags,
      buildParameters("TemplateSpectralModel", TEMPLATE_SPECTRAL_PARAMETERS, options.norm === undefined ? {} : { norm: options.norm }),
    );
    const n = options.energy.length;
    if (n === 0 || options.values.length !== n) {
      throw new DataError(`TemplateSpectralModel: ${n} energies and ${options.values.length} values`, {
        hint: "give at least one energy and exactly one value per energy",
      });
    }
    this.energy = { data: Float64Array.from(options.energy), unit: options.energyUnit ?? "TeV" };
    this.values = { data: Float64Array.from(options.values), unit: options.valuesUnit ?? FLUX_UNIT };
    this.valuesScale = options.valuesScale ?? "log";
    this.fluxKind = isCompatible(this.values.unit, "") ? "norm" : "flux";

    const fe = factorTo(this.energy.unit, "TeV", "energy");
    const fv = factorTo(this.values.unit, this.fluxKind === "norm" ? "" : FLUX_UNIT, "values");
    const e = this.energy.data.map((x) => x * fe);
    const v = this.values.data.map((x) => x * fv);
    this.interpolator = new ScaledGridInterpolator([e], v, {
      pointsScale: ["log"],
      valuesScale: this.valuesScale,
      method: n === 1 ? "nearest" : "linear",
      fillValue: "extrapolate",
      clip: true,
    });
  }

  /** "flux" for dN/dE values, "norm" for dimensionless ones. */
  get kind(): SpectralKind {
    return this.fluxKind;
  }

  /** @inheritDoc */
  evaluate(energy: Float64Array, out: Float64Array = new Float64Array(energy.length)): Float64Array {
    this.interpolator.evaluate([energy], out);
    const norm = this.parameters.list[0]!.internalValue;
    for (let i = 0; i < energy.length; i++) out[i]! *= norm;
    return out;
  }

  /** @inheritDoc */
  copy(): TemplateSpectralModel {
    const { norm } = copyParameters(this.parameters);
    return new TemplateSpectralModel({
      energy: this.energy.data,
      energyUnit: this.energy.unit,
      values: this.values.data,
      valuesUnit: this.values.unit,
      valuesScale: this.valuesScale,
      norm: norm!,
    });
  }
}
