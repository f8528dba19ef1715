/**
 * The committed JSON Schema of the analysis config (`schema/analysis-config.schema.json`)
 * and helpers to look up the part of it that describes a key path.
 */
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

/** Value kinds the custom `kind` keyword of the schema knows. */
export type ValueKind = "angle" | "energy" | "time" | "path" | "log-level";

/** The subset of JSON Schema the config schema uses. */
export interface SchemaNode {
  readonly $ref?: string;
  readonly type?: string | readonly string[];
  readonly enum?: readonly unknown[];
  readonly properties?: Readonly<Record<string, SchemaNode>>;
  readonly additionalProperties?: boolean;
  readonly items?: SchemaNode;
  readonly default?: unknown;
  readonly description?: string;
  readonly title?: string;
  readonly kind?: ValueKind;
}

/** The root schema node, with its `$defs`. */
export interface RootSchema extends SchemaNode {
  readonly $schema: string;
  readonly $defs: Readonly<Record<string, SchemaNode>>;
}

/** A copy beside the module: where a bundle (the CLI's dist/gammats.mjs) puts the schema. */
const BUNDLED_SCHEMA_FILE = fileURLToPath(new URL("./analysis-config.schema.json", import.meta.url));

/**
 * Absolute path of the schema file. The committed file sits beside `src/` and `dist/`, so
 * the same relative URL works from the sources (tests) and from the build; a bundle lives
 * elsewhere and ships a copy beside itself, which is looked for first.
 */
export const SCHEMA_FILE = existsSync(BUNDLED_SCHEMA_FILE)
  ? BUNDLED_SCHEMA_FILE
  : fileURLToPath(new URL("../schema/analysis-config.schema.json", import.meta.url));

let cached: RootSchema | undefined;

/**
 * The analysis-config JSON Schema (2020-12 dialect), parsed once and frozen.
 *
 * @throws Error when the schema file is missing from the installation (a packaging bug)
 * @example
 * ```ts
 * analysisConfigSchema().properties?.datasets?.description;
 * ```
 */
export function analysisConfigSchema(): RootSchema {
  cached ??= freeze(JSON.parse(readFileSync(SCHEMA_FILE, "utf8")) as RootSchema);
  return cached;
}

/**
 * The schema text exactly as committed, e.g. to hand to yaml-language-server.
 *
 * @example
 * ```ts
 * writeFileSync("analysis-config.schema.json", analysisConfigSchemaText());
 * ```
 */
export function analysisConfigSchemaText(): string {
  return readFileSync(SCHEMA_FILE, "utf8");
}

function freeze<T>(value: T): T {
  if (value !== null && typeof value === "object") {
    for (const v of Object.values(value)) freeze(v);
    Object.freeze(value);
  }
  return value;
}

/**
 * Follows a `$ref` (only local `#/$defs/Name` refs occur) and returns the node it
 * points at merged under the referring node's own keywords (description, default).
 *
 * @param node - a schema node, possibly with `$ref`
 * @example
 * ```ts
 * resolveRef({ $ref: "#/$defs/LogConfig" }).properties?.level;
 * ```
 */
export function resolveRef(node: SchemaNode): SchemaNode {
  if (!node.$ref) return node;
  const name = /^#\/\$defs\/(\w+)$/.exec(node.$ref)?.[1];
  const target = name ? analysisConfigSchema().$defs[name] : undefined;
  if (!target) throw new Error(`schema: unresolvable $ref ${node.$ref}`);
  const { $ref: _ignored, ...own } = node;
  return { ...target, ...own };
}

/**
 * The schema node describing a key path, or undefined when the path leaves the schema
 * (unknown key, or inside a free-form `parameters` object).
 *
 * @param path - key segments; array indices are numbers
 * @example
 * ```ts
 * schemaAt(["datasets", "geom", "wcs", "binsize"])?.kind; // "angle"
 * ```
 */
export function schemaAt(path: readonly (string | number)[]): SchemaNode | undefined {
  let node: SchemaNode | undefined = analysisConfigSchema();
  for (const seg of path) {
    if (!node) return undefined;
    node = resolveRef(node);
    node = typeof seg === "number" ? node.items : node.properties?.[seg];
  }
  return node ? resolveRef(node) : undefined;
}

/**
 * Dotted key paths of every value of a kind, in schema order.
 *
 * @param kind - value kind, e.g. "path"
 * @example
 * ```ts
 * keyPathsOfKind("path"); // ["general.log.filename", "general.outdir", ...]
 * ```
 */
export function keyPathsOfKind(kind: ValueKind): string[] {
  const out: string[] = [];
  const walk = (node: SchemaNode, path: string): void => {
    const n = resolveRef(node);
    if (n.kind === kind) out.push(path);
    for (const [k, child] of Object.entries(n.properties ?? {})) walk(child, path ? `${path}.${k}` : k);
  };
  walk(analysisConfigSchema(), "");
  return out;
}
