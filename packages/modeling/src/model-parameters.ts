/**
 * Declarations of a model's parameters (name, default, unit, bounds) and the builder that
 * turns user input (numbers, "1e-12 cm-2 s-1 TeV-1" strings, Parameter objects) into them.
 */
import { ConfigError, parseQuantity, formatUnit } from "@gammats/core";
import { Parameter, type ParameterInterp, type ScaleMethod } from "./parameter.js";
import { Parameters } from "./parameters.js";

/**
 * One parameter of a model class, as the class declares it (Gammapy's class attributes).
 * `unit` is both the default unit and the unit the evaluation kernel computes in.
 */
export interface ParameterSpec {
  /** Name, e.g. "index". */
  readonly name: string;
  /** Default value [unit]. */
  readonly value: number;
  /** Default and internal unit ("" for dimensionless). */
  readonly unit: string;
  /** Default lower bound [unit]; NaN when absent. */
  readonly min?: number;
  /** Default upper bound [unit]; NaN when absent. */
  readonly max?: number;
  /** Frozen by default? */
  readonly frozen?: boolean;
  /** The flux normalisation of the model? */
  readonly isNorm?: boolean;
  /** Scan scaling; default "lin". */
  readonly interp?: ParameterInterp;
  /** Autoscale method; default "scale10". */
  readonly scaleMethod?: ScaleMethod;
}

/**
 * What a model constructor accepts for one parameter: a number in the default unit, a
 * quantity string such as "0.3 deg" or "1e-12 cm-2 s-1 TeV-1", or a Parameter object
 * (kept by reference, which links it between models).
 */
export type ParameterInput = number | string | Parameter;

/** Constructor options of a model: one optional input per declared parameter name. */
export type ParameterInputs<S extends readonly ParameterSpec[]> = {
  [K in S[number]["name"]]?: ParameterInput;
};

/**
 * A fresh parameter with the declared defaults.
 *
 * @param spec - the declaration
 * @example
 * ```ts
 * defaultParameter({ name: "index", value: 2, unit: "" }).value;  // 2
 * ```
 */
export function defaultParameter(spec: ParameterSpec): Parameter {
  return new Parameter({
    name: spec.name,
    value: spec.value,
    unit: spec.unit,
    internalUnit: spec.unit,
    min: spec.min ?? NaN,
    max: spec.max ?? NaN,
    frozen: spec.frozen ?? false,
    isNorm: spec.isNorm ?? false,
    interp: spec.interp ?? "lin",
    scaleMethod: spec.scaleMethod === undefined ? "scale10" : spec.scaleMethod,
  });
}

/**
 * Builds the parameter list of a model from its declarations and user input.
 *
 * @param modelName - model class name, for messages (e.g. "PowerLawSpectralModel")
 * @param specs - declared parameters, in Gammapy's order
 * @param inputs - optional value per name (number [default unit], quantity string, Parameter)
 * @returns the parameters in declaration order
 * @throws ConfigError for an unknown name; UnitError for a unit that does not fit
 * @example
 * ```ts
 * buildParameters("PowerLawSpectralModel", POWER_LAW_PARAMETERS, { index: 2.3, reference: "300 GeV" });
 * ```
 */
export function buildParameters(
  modelName: string,
  specs: readonly ParameterSpec[],
  inputs: Readonly<Record<string, ParameterInput | undefined>> = {},
): Parameters {
  const known = new Set(specs.map((s) => s.name));
  for (const key of Object.keys(inputs)) {
    if (!known.has(key)) {
      throw new ConfigError(`${modelName} has no parameter '${key}'`, key, {
        hint: `its parameters are: ${specs.map((s) => s.name).join(", ")}`,
      });
    }
  }
  return new Parameters(specs.map((spec) => parameterFromInput(modelName, spec, inputs[spec.name])));
}

function parameterFromInput(modelName: string, spec: ParameterSpec, input: ParameterInput | undefined): Parameter {
  if (input instanceof Parameter) {
    if (input.name !== spec.name) {
      throw new ConfigError(`${modelName}: parameter object '${input.name}' given for '${spec.name}'`, spec.name);
    }
    if (input.internalUnit !== spec.unit) input.bindInternalUnit(spec.unit);
    return input;
  }
  const p = defaultParameter(spec);
  if (typeof input === "number") {
    p.value = input;
  } else if (typeof input === "string") {
    const q = parseQuantity(input);
    p.setQuantity(q.value, formatUnit(q.unit));
  }
  return p;
}

/**
 * Copies of a model's parameters keyed by name, to build a copy of the model.
 *
 * @param parameters - the parameters to copy
 * @example
 * ```ts
 * const copy = new PowerLawSpectralModel(copyParameters(pl.parameters));
 * ```
 */
export function copyParameters(parameters: Parameters): Record<string, Parameter> {
  const out: Record<string, Parameter> = {};
  for (const p of parameters) out[p.name] = p.copy();
  return out;
}
