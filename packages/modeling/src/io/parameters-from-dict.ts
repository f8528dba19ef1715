/**
 * `parameters:` lists → Parameter objects, merged with the model's declarations the way
 * Gammapy merges them (`_build_parameters_from_dict`), plus parameter links.
 */
import { formatUnit, parseQuantity } from "@gammats/core";
import type { ParameterSpec } from "../model-parameters.js";
import { Parameter } from "../parameter.js";
import {
  checkKeys,
  describe,
  expectMapping,
  fail,
  formatKeyPath,
  toBoolean,
  toNumber,
  type Context,
  type KeyPath,
  type Mapping,
} from "./read-context.js";

const PARAMETER_KEYS = [
  "name",
  "value",
  "unit",
  "min",
  "max",
  "frozen",
  "error",
  "scale",
  "interp",
  "scale_method",
  "is_norm",
  "link",
  // Accepted for compatibility; likelihood-scan settings are not stored.
  "scan_min",
  "scan_max",
  "scan_n_values",
  "scan_n_sigma",
  "scan_values",
];

/** Builds one parameter from its declaration merged with the file's entry (Gammapy's merge). */
function readParameter(ctx: Context, spec: ParameterSpec, entry: Mapping | undefined, path: KeyPath, model: string): Parameter {
  const e = entry ?? {};
  const at = (key: string): KeyPath => [...path, key];
  checkKeys(ctx, e, PARAMETER_KEYS, path, `parameter '${spec.name}' of ${model}`);
  let value = spec.value;
  let unit = spec.unit;
  if (e["unit"] !== undefined && e["unit"] !== null) {
    if (typeof e["unit"] !== "string") fail(ctx, at("unit"), `unit must be a string, got ${describe(e["unit"])}`);
    unit = e["unit"];
  }
  if (typeof e["value"] === "string" && /[a-zA-Z]{2}|\s[a-zA-Z]/.test(e["value"].trim())) {
    // A quantity string ("1 TeV") sets value and unit, overriding `unit` (as Gammapy).
    try {
      const q = parseQuantity(e["value"]);
      value = q.value;
      unit = formatUnit(q.unit);
    } catch (err) {
      fail(ctx, at("value"), `parameter '${spec.name}' of ${model}: bad value ${JSON.stringify(e["value"])}`, undefined, err);
    }
  } else if (e["value"] !== undefined) {
    value = toNumber(ctx, e["value"], at("value"), `value of parameter '${spec.name}'`);
  }
  // Gammapy stores a plain number as the factor, so `scale: s` multiplies the value by s.
  const scale = e["scale"] === undefined ? 1 : toNumber(ctx, e["scale"], at("scale"), "scale");
  const interp = e["interp"] ?? spec.interp ?? "lin";
  if (interp !== "lin" && interp !== "log" && interp !== "sqrt") {
    fail(ctx, at("interp"), `invalid interp ${JSON.stringify(interp)}`, "use one of lin, log, sqrt");
  }
  const method = e["scale_method"] === undefined ? (spec.scaleMethod === undefined ? "scale10" : spec.scaleMethod) : e["scale_method"];
  if (method !== "scale10" && method !== "factor1" && method !== null) {
    fail(ctx, at("scale_method"), `invalid scale_method ${JSON.stringify(method)}`, "use scale10, factor1 or null");
  }
  const options = {
    name: spec.name,
    value: value * scale,
    unit: "",
    scale,
    min: e["min"] === undefined ? (spec.min ?? NaN) : toNumber(ctx, e["min"], at("min"), "min"),
    max: e["max"] === undefined ? (spec.max ?? NaN) : toNumber(ctx, e["max"], at("max"), "max"),
    frozen: e["frozen"] === undefined ? (spec.frozen ?? false) : toBoolean(ctx, e["frozen"], at("frozen"), "frozen"),
    error: e["error"] === undefined ? 0 : toNumber(ctx, e["error"], at("error"), "error"),
    isNorm: e["is_norm"] === undefined ? (spec.isNorm ?? false) : toBoolean(ctx, e["is_norm"], at("is_norm"), "is_norm"),
    interp,
    scaleMethod: method,
  } as const;
  const p = new Parameter(options);
  try {
    p.unit = unit;
    p.bindInternalUnit(spec.unit);
  } catch (err) {
    fail(
      ctx,
      e["unit"] !== undefined ? at("unit") : e["value"] !== undefined ? at("value") : path,
      `parameter '${spec.name}' of ${model} has unit '${unit}', which does not fit`,
      spec.unit === "" ? "it is dimensionless: write unit: ''" : `use a unit convertible to '${spec.unit}'`,
      err,
    );
  }
  if (e["link"] !== undefined) {
    if (typeof e["link"] !== "string") fail(ctx, at("link"), `link must be a string, got ${describe(e["link"])}`);
    const shared = ctx.links.get(e["link"]);
    if (shared !== undefined) return shared;
    p.linkLabel = e["link"];
    ctx.links.set(e["link"], p);
  }
  return p;
}

/**
 * Reads a `parameters:` list against a model's declarations.
 *
 * @param ctx - reading context
 * @param list - the list from the file (undefined = all defaults)
 * @param specs - declarations in Gammapy's order
 * @param path - key path of the list
 * @param model - model type name for messages
 * @returns one Parameter per declaration
 * @throws ConfigError for unknown or repeated names, bad fields, units that do not fit
 */
export function readParameters(
  ctx: Context,
  list: unknown,
  specs: readonly ParameterSpec[],
  path: KeyPath,
  model: string,
): Record<string, Parameter> {
  const entries = list ?? [];
  if (!Array.isArray(entries)) fail(ctx, path, `parameters of ${model} must be a list, got ${describe(list)}`);
  const byName = new Map<string, { entry: Mapping; index: number }>();
  entries.forEach((entry, i) => {
    const m = expectMapping(ctx, entry, [...path, i], "a parameter entry");
    if (typeof m["name"] !== "string") fail(ctx, [...path, i], `parameter entry without a name in ${model}`, "add name: <parameter>");
    const name = m["name"];
    if (!specs.some((s) => s.name === name)) {
      fail(ctx, [...path, i, "name"], `${model} has no parameter '${name}'`, `its parameters are: ${specs.map((s) => s.name).join(", ")}`);
    }
    if (byName.has(name)) fail(ctx, [...path, i, "name"], `parameter '${name}' is given twice in ${model}`);
    byName.set(name, { entry: m, index: i });
  });
  const out: Record<string, Parameter> = {};
  for (const spec of specs) {
    const found = byName.get(spec.name);
    if (found === undefined && entries.length > 0) {
      if (ctx.strict) fail(ctx, path, `parameter '${spec.name}' of ${model} is missing`, `add - {name: ${spec.name}, value: ...}`);
      ctx.logger.warning(
        `${ctx.file ?? "models"}: parameter '${spec.name}' not defined in ${formatKeyPath(path)}; using default ${spec.value} ${spec.unit}`.trim(),
      );
    }
    out[spec.name] = readParameter(ctx, spec, found?.entry, found ? [...path, found.index] : path, model);
  }
  return out;
}

