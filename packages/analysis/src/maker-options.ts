/**
 * Free-form `parameters` of the config (Gammapy passes them as keyword arguments to its
 * makers and estimators) turned into gammats' camelCase options. Only known keys pass:
 * an unknown one is a ConfigError naming the key and listing the known ones, which is
 * what Gammapy's TypeError would say, but before any work is done.
 */
import { ConfigError } from "@gammats/core";
import type { AnalysisConfig } from "@gammats/config";

/** How one snake_case key maps: the option name and a check of its value. */
export interface OptionSpec {
  /** Name of the camelCase option. */
  readonly option: string;
  /** Accepted value kinds. */
  readonly kind: "number" | "integer" | "angle" | "boolean" | "string-or-list" | "number-list";
}

function kindOk(kind: OptionSpec["kind"], v: unknown): boolean {
  switch (kind) {
    case "number":
      return typeof v === "number" && Number.isFinite(v);
    case "integer":
      return typeof v === "number" && Number.isInteger(v);
    case "angle":
      return (typeof v === "number" && Number.isFinite(v)) || typeof v === "string";
    case "boolean":
      return typeof v === "boolean";
    case "string-or-list":
      return typeof v === "string" || (Array.isArray(v) && v.every((x) => typeof x === "string"));
    case "number-list":
      return Array.isArray(v) && v.every((x) => typeof x === "number");
  }
}

const KIND_TEXT: Record<OptionSpec["kind"], string> = {
  number: "a number",
  integer: "an integer",
  angle: "an angle such as '0.1 rad' or a number of degrees",
  boolean: "true or false",
  "string-or-list": "a string or a list of strings",
  "number-list": "a list of numbers",
};

/**
 * Maps a `parameters` object to options.
 *
 * @param config - the config (for the file named in errors)
 * @param keyPath - where the parameters sit, e.g. "datasets.safe_mask.parameters"
 * @param parameters - the free-form object from the config
 * @param specs - known snake_case keys and how they map
 * @param ignored - keys accepted for Gammapy compatibility but without effect here (e.g. n_jobs)
 * @returns the options (camelCase keys), plus the ignored keys that were given
 * @throws ConfigError naming the key for an unknown key or a value of the wrong kind
 * @example
 * ```ts
 * mapParameters(config, "datasets.safe_mask.parameters", { aeff_percent: 10 }, { aeff_percent: { option: "aeffPercent", kind: "number" } });
 * // { options: { aeffPercent: 10 }, ignored: [] }
 * ```
 */
export function mapParameters(
  config: AnalysisConfig,
  keyPath: string,
  parameters: Readonly<Record<string, unknown>>,
  specs: Readonly<Record<string, OptionSpec>>,
  ignored: readonly string[] = [],
): { options: Record<string, unknown>; ignored: string[] } {
  const options: Record<string, unknown> = {};
  const given: string[] = [];
  const where = config.file === undefined ? {} : { file: config.file };
  for (const [key, value] of Object.entries(parameters)) {
    if (ignored.includes(key)) {
      given.push(key);
      continue;
    }
    const spec = specs[key];
    if (spec === undefined) {
      const known = [...Object.keys(specs), ...ignored];
      throw new ConfigError(`unknown parameter '${key}'`, `${keyPath}.${key}`, {
        ...where,
        hint: known.length > 0 ? `known parameters: ${known.join(", ")}` : "this section takes no parameters",
      });
    }
    if (!kindOk(spec.kind, value)) {
      throw new ConfigError(`'${key}' must be ${KIND_TEXT[spec.kind]}, got ${JSON.stringify(value)}`, `${keyPath}.${key}`, where);
    }
    options[spec.option] = value;
  }
  return { options, ignored: given };
}
