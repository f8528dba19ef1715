/**
 * Validation of a config tree against the committed JSON Schema with ajv: fills
 * defaults, checks types, enums and unknown keys, and checks quantities and times
 * through the custom `kind` keyword. All problems are collected into one error.
 */
import { ConfigError, ConfigErrors } from "@gammats/core";
import { Ajv2020 } from "ajv/dist/2020.js";
import type { Options, ValidateFunction } from "ajv/dist/2020.js";
import type { AnalysisConfigData } from "./config-types.js";
import { configErrorsFromAjv, describeValue, formatKeyPath } from "./error-messages.js";
import type { ErrorContext } from "./error-messages.js";
import { deepClone, isPlainObject } from "./plain-objects.js";
import { precompiledValidator } from "./precompiled-validator.js";
import type { PlainObject } from "./plain-objects.js";
import { analysisConfigSchema, resolveRef } from "./schema.js";
import type { SchemaNode } from "./schema.js";
import { kindKeywordCheck } from "./kind-keyword.js";
import { astropyTimeFormats } from "./value-kinds.js";

let compiled: ValidateFunction | undefined = precompiledValidator;

/**
 * The ajv instance the config schema is compiled with (also used by the CLI's bundle
 * script to generate the same validator as standalone code at build time).
 *
 * @param extra - further ajv options, e.g. `{ code: { source: true, esm: true } }`
 * @returns an Ajv2020 instance with the `kind` keyword
 * @example
 * ```ts
 * const validate = configAjv().compile(analysisConfigSchema());
 * ```
 */
export function configAjv(extra: Options = {}): Ajv2020 {
  const ajv = new Ajv2020({
    allErrors: true,
    useDefaults: true,
    verbose: true, // errors carry the offending data, used in messages
    allowUnionTypes: true,
    strict: true,
    // Checking the committed schema against the 2020-12 meta-schema means compiling the
    // meta-schema first: ~45 ms of every CLI start. The schema tests do that check
    // (test/schema.test.ts); validation of configs is the same either way.
    validateSchema: false,
    ...extra,
  });
  ajv.addKeyword({
    keyword: "kind",
    schemaType: "string",
    type: "string", // only strings are checked; other types fail `type` first
    errors: true,
    validate: kindKeywordCheck,
    metaSchema: { enum: ["angle", "energy", "time", "path", "log-level"] },
  });
  return ajv;
}

/**
 * The compiled validator: the one generated at build time in the CLI bundle
 * (`precompiled-validator.ts`), else compiled on first use (~50–90 ms).
 */
function validator(): ValidateFunction {
  if (compiled) return compiled;
  compiled = configAjv().compile(analysisConfigSchema() as unknown as Record<string, unknown>);
  return compiled;
}

/**
 * Validates a (partial) config tree and returns a new, fully defaulted tree with keys
 * in schema order. The input is not modified.
 *
 * @param input - plain data, e.g. parsed YAML (null/undefined mean "all defaults")
 * @param context - file name and YAML position lookup for the messages
 * @returns the complete config
 * @throws ConfigErrors listing every problem (unknown keys with "did you mean", wrong
 *   types, wrong units, values not in an enum, inconsistent time ranges)
 * @example
 * ```ts
 * const data = validateConfig({ datasets: { type: "3d" } });
 * data.datasets.geom.wcs.binsize; // "0.02 deg"
 * ```
 */
export function validateConfig(input: unknown, context: ErrorContext = {}): AnalysisConfigData {
  const data: unknown = input === null || input === undefined ? {} : deepClone(input);
  if (!isPlainObject(data)) {
    throw new ConfigErrors(
      [
        new ConfigError(`the configuration must be a mapping of sections, got ${describeValue(data)}`, "", {
          file: context.file,
          hint: "Start the file with a section such as 'datasets:'",
        }),
      ],
      context.file,
    );
  }
  const validate = validator();
  const problems = validate(data) ? [] : configErrorsFromAjv(validate.errors ?? [], context);
  if (problems.length === 0) problems.push(...crossChecks(data, context));
  if (problems.length > 0) throw new ConfigErrors(problems, context.file);
  return inSchemaOrder(data, analysisConfigSchema()) as unknown as AnalysisConfigData;
}

/** Rules that involve more than one key (the schema checks keys one by one). */
function crossChecks(data: PlainObject, context: ErrorContext): ConfigError[] {
  const out: ConfigError[] = [];
  const d = data as unknown as AnalysisConfigData;
  const ranges: [string[], { start: unknown; stop: unknown }][] = [
    [["observations", "obs_time"], d.observations.obs_time],
    [["light_curve", "time_intervals"], d.light_curve.time_intervals],
  ];
  for (const [path, { start, stop }] of ranges) {
    const n = (v: unknown) => (Array.isArray(v) ? v.length : v === null ? 0 : 1);
    const bothLists = Array.isArray(start) === Array.isArray(stop);
    if ((start === null) !== (stop === null) || !bothLists || n(start) !== n(stop)) {
      out.push(
        new ConfigError(
          `start and stop do not pair up (start: ${describeValue(start)}, stop: ${describeValue(stop)})`,
          formatKeyPath(path),
          { file: context.file, hint: "Give both as single times, or as lists of equal length (one start and stop per interval)" },
        ),
      );
    }
  }
  for (const [path, range] of ranges) {
    for (const end of ["start", "stop"] as const) {
      const list = range[end];
      if (!Array.isArray(list) || list.length < 2) continue;
      const common = list.map((t) => astropyTimeFormats(t as string)).reduce((a, b) => a.filter((f) => b.includes(f)));
      if (common.length === 0) {
        out.push(
          new ConfigError(`the times ${list.map((t) => `'${String(t)}'`).join(", ")} mix formats`, formatKeyPath([...path, end]), {
            file: context.file,
            hint: "astropy (and so Gammapy) reads a list in one format: write all as ISO times such as '2020-01-01T00:00:00', or all as epochs such as 'J2020.0'",
          }),
        );
      }
    }
  }
  const obs = d.observations;
  if (obs.obs_ids.length > 0 && obs.obs_file !== null) {
    out.push(
      new ConfigError("obs_ids and obs_file are both set", "observations", {
        file: context.file,
        hint: "Keep one of them: Gammapy refuses the pair as well",
      }),
    );
  }
  return out;
}

/** Copy with object keys ordered as the schema lists them (free-form objects keep theirs). */
function inSchemaOrder(value: unknown, node: SchemaNode): unknown {
  const n = resolveRef(node);
  if (!isPlainObject(value) || !n.properties) return value;
  const out: PlainObject = {};
  for (const [key, child] of Object.entries(n.properties)) {
    if (key in value) out[key] = inSchemaOrder(value[key], child);
  }
  return out;
}
