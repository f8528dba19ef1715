/**
 * Sum, difference or product of two spectral models (Gammapy's CompoundSpectralModel,
 * "compound"); integrals are numerical, as in Gammapy.
 */
import { ConfigError } from "@gammats/core";
import { Parameters } from "../parameters.js";
import { SpectralModel, type SpectralKind } from "./spectral-model.js";

/** Operators Gammapy writes for compound models (Python `operator` function names). */
export const COMPOUND_OPERATORS = ["add", "sub", "mul"] as const;

/** One of {@link COMPOUND_OPERATORS}. */
export type CompoundOperator = (typeof COMPOUND_OPERATORS)[number];

/**
 * Arithmetic combination of two spectral models; its parameters are those of `model1`
 * followed by those of `model2` (the same objects).
 *
 * @example
 * ```ts
 * const sum = new CompoundSpectralModel(new PowerLawSpectralModel(), new PowerLawSpectralModel({ index: 3 }), "add");
 * sum.evaluate(Float64Array.of(1));   // [2e-12]
 * ```
 */
export class CompoundSpectralModel extends SpectralModel {
  /** Type names accepted in YAML. */
  static readonly tags = ["CompoundSpectralModel", "compound"] as const;
  /** First operand. */
  readonly model1: SpectralModel;
  /** Second operand. */
  readonly model2: SpectralModel;
  /** "add", "sub" or "mul". */
  readonly operator: CompoundOperator;

  /**
   * @param model1 - first operand
   * @param model2 - second operand
   * @param operator - "add", "sub" or "mul"
   * @throws ConfigError for another operator
   */
  constructor(model1: SpectralModel, model2: SpectralModel, operator: CompoundOperator) {
    if (!(COMPOUND_OPERATORS as readonly string[]).includes(operator)) {
      throw new ConfigError(`unknown compound operator '${String(operator)}'`, "operator", {
        hint: `use one of ${COMPOUND_OPERATORS.join(", ")}`,
      });
    }
    super(CompoundSpectralModel.tags, Parameters.fromStack([model1.parameters, model2.parameters]));
    this.model1 = model1;
    this.model2 = model2;
    this.operator = operator;
  }

  /** A product is a flux when either factor is; a sum or difference has the kind of `model1`. */
  get kind(): SpectralKind {
    if (this.operator === "mul") return this.model1.kind === "flux" || this.model2.kind === "flux" ? "flux" : "norm";
    return this.model1.kind;
  }

  /** @inheritDoc */
  evaluate(energy: Float64Array, out: Float64Array = new Float64Array(energy.length)): Float64Array {
    const second = this.model2.evaluate(energy);
    this.model1.evaluate(energy, out);
    const n = energy.length;
    if (this.operator === "add") for (let i = 0; i < n; i++) out[i]! += second[i]!;
    else if (this.operator === "sub") for (let i = 0; i < n; i++) out[i]! -= second[i]!;
    else for (let i = 0; i < n; i++) out[i]! *= second[i]!;
    return out;
  }

  /** @inheritDoc */
  copy(): CompoundSpectralModel {
    return new CompoundSpectralModel(this.model1.copy(), this.model2.copy(), this.operator);
  }
}
