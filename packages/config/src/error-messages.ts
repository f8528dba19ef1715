/**
 * Turns schema violations (ajv errors) into {@link ConfigError}s that name the key path,
 * the bad value and the fix, one per offending key.
 */
import { ConfigError } from "@gammats/core";
import type { ErrorObject } from "ajv/dist/2020.js";
import { didYouMean } from "./did-you-mean.js";
import type { SchemaNode, ValueKind } from "./schema.js";
import { resolveRef, schemaAt } from "./schema.js";
import { KIND_EXAMPLES, kindName } from "./value-kinds.js";
import type { TextPosition } from "./yaml-text.js";

/** Where a config came from, for messages. */
export interface ErrorContext {
  file?: string;
  locate?: (path: readonly (string | number)[], options?: { key?: boolean }) => TextPosition | undefined;
}

/**
 * Dotted display form of a key path: `datasets.safe_mask.methods[1]`.
 *
 * @param path - key segments, numbers for list indices
 * @example
 * ```ts
 * formatKeyPath(["observations", "obs_ids", 2]); // "observations.obs_ids[2]"
 * ```
 */
export function formatKeyPath(path: readonly (string | number)[]): string {
  return path.map((s, i) => (typeof s === "number" ? `[${s}]` : i === 0 ? s : `.${s}`)).join("");
}

/** Splits an ajv instancePath ("/a/b/0") into segments, numbers for list indices. */
export function parseInstancePath(instancePath: string): (string | number)[] {
  if (instancePath === "") return [];
  return instancePath
    .slice(1)
    .split("/")
    .map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"))
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

/** Short description of a value for messages: `the number 0.1`, `'fk5'`. */
export function describeValue(value: unknown): string {
  if (value === null) return "null (empty)";
  if (typeof value === "string") return `'${value}'`;
  if (typeof value === "number" || typeof value === "boolean") return `the ${typeof value} ${String(value)}`;
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object") return "a mapping";
  return typeof value;
}

const TYPE_WORDS: Readonly<Record<string, string>> = {
  string: "a string",
  integer: "an integer",
  number: "a number",
  boolean: "true or false",
  null: "null (empty)",
  array: "a list",
  object: "a mapping of keys",
};

function expectedTypes(node: SchemaNode | undefined): string {
  if (!node) return "another type";
  const n = resolveRef(node);
  if (n.enum) return `one of ${formatEnum(n.enum)}`;
  const types = n.type === undefined ? [] : Array.isArray(n.type) ? (n.type as string[]) : [n.type as string];
  const words = types.map((t) => (t === "string" && n.kind ? kindName(n.kind) : TYPE_WORDS[t] ?? t));
  if (types.includes("array") && n.items) {
    const i = words.indexOf("a list");
    const item = resolveRef(n.items);
    words[i] = `a list of ${item.kind ? `${kindName(item.kind).replace(/^an? /, "")}s` : item.enum ? "names" : `${(item.type as string) ?? "value"}s`}`;
  }
  return words.length <= 1 ? (words[0] ?? "another type") : `${words.slice(0, -1).join(", ")} or ${words.at(-1)}`;
}

function formatEnum(values: readonly unknown[]): string {
  return values.map((v) => (v === null ? "null" : String(v))).join(", ");
}

function typeHint(node: SchemaNode | undefined, value: unknown): string {
  const n = node ? resolveRef(node) : undefined;
  if ((n?.kind === "angle" || n?.kind === "energy") && typeof value === "number") {
    return `Add the unit, e.g. '${value} ${n.kind === "angle" ? "deg" : "TeV"}'`;
  }
  if (n?.kind === "time" && typeof value === "number") {
    return `Write the time as a string such as ${KIND_EXAMPLES.time}; astropy cannot tell a bare number's format, so Gammapy rejects MJD numbers here`;
  }
  if (n?.kind && typeof value !== "object") return `Write ${kindName(n.kind)} such as ${KIND_EXAMPLES[n.kind]}`;
  const types = n?.type === undefined ? [] : Array.isArray(n.type) ? n.type : [n.type];
  if (types.includes("array") && !Array.isArray(value)) return `Write a list, e.g. [${typeof value === "string" || typeof value === "number" ? value : "..."}]`;
  if (types.includes("boolean")) return "Write true or false";
  if (types.includes("object")) return "Write a mapping, e.g. {} for none";
  if (types.includes("integer")) return "Write a whole number without quotes";
  return `Write ${expectedTypes(n)}`;
}

// Per key, keep the most telling error: a custom `kind` check beats a type mismatch,
// which beats an enum miss (ajv reports both for `3` where a frame name is expected).
const PRIORITY: Readonly<Record<string, number>> = { additionalProperties: 0, kind: 1, type: 2, enum: 3 };

/**
 * Converts ajv errors into one {@link ConfigError} per offending key (and one per
 * unknown key), in document order.
 *
 * @param errors - ajv errors from a validator compiled with `verbose: true`
 * @param context - file name and a position lookup for "line L, column C"
 * @example
 * ```ts
 * const problems = configErrorsFromAjv(validate.errors ?? [], { file: "config.yaml" });
 * ```
 */
export function configErrorsFromAjv(errors: readonly ErrorObject[], context: ErrorContext = {}): ConfigError[] {
  const best = new Map<string, ErrorObject>();
  const unknown: Located[] = [];
  for (const e of errors) {
    if (e.keyword === "additionalProperties") {
      unknown.push(unknownKey(e, context));
      continue;
    }
    const prev = best.get(e.instancePath);
    if (!prev || (PRIORITY[e.keyword] ?? 9) < (PRIORITY[prev.keyword] ?? 9)) best.set(e.instancePath, e);
  }
  const all = [...unknown, ...[...best.values()].map((e) => valueError(e, context))];
  // Report in the order of the text when positions are known (sort is stable).
  const rank = (p: Located) => (p.pos ? p.pos.line * 1e6 + p.pos.col : 0);
  return all.sort((a, b) => rank(a) - rank(b)).map((p) => p.error);
}

/** A problem and where it sits in the text. */
interface Located {
  error: ConfigError;
  pos: TextPosition | undefined;
}

function at(pos: TextPosition | undefined): string {
  return pos ? ` (line ${pos.line}, column ${pos.col})` : "";
}

function unknownKey(e: ErrorObject, context: ErrorContext): Located {
  const parent = parseInstancePath(e.instancePath);
  const name = String((e.params as { additionalProperty: string }).additionalProperty);
  const path = [...parent, name];
  const pos = context.locate?.(path, { key: true });
  const allowed = Object.keys(schemaAt(parent)?.properties ?? {});
  const guess = didYouMean(name, allowed);
  const hint = guess
    ? `Did you mean '${guess}'?`
    : `Allowed keys ${parent.length ? `in '${formatKeyPath(parent)}'` : "at the top level"}: ${allowed.join(", ")}`;
  const error = new ConfigError(`unknown key '${name}'${at(pos)}`, formatKeyPath(path), { file: context.file, hint });
  return { error, pos };
}

function valueError(e: ErrorObject, context: ErrorContext): Located {
  const path = parseInstancePath(e.instancePath);
  const pos = context.locate?.(path);
  return { error: valueProblem(e, path, at(pos), context.file), pos };
}

function valueProblem(e: ErrorObject, path: (string | number)[], where: string, file: string | undefined): ConfigError {
  const node = schemaAt(path);
  const opts = (hint: string) => ({ file, hint });
  const keyPath = formatKeyPath(path);
  switch (e.keyword) {
    case "kind": {
      const p = e.params as { message: string; hint: string; kind: ValueKind };
      return new ConfigError(`${p.message}${where}`, keyPath, opts(p.hint));
    }
    case "enum": {
      const allowed = (e.params as { allowedValues: unknown[] }).allowedValues;
      const guess = typeof e.data === "string" ? didYouMean(e.data, allowed.filter((v): v is string => typeof v === "string")) : undefined;
      return new ConfigError(
        `${describeValue(e.data)} is not allowed${where}`,
        keyPath,
        opts(`${guess ? `Did you mean '${guess}'? ` : ""}Use one of ${formatEnum(allowed)}`),
      );
    }
    case "type":
      return new ConfigError(`expected ${expectedTypes(node)}, got ${describeValue(e.data)}${where}`, keyPath, opts(typeHint(node, e.data)));
    default:
      return new ConfigError(`${e.message ?? "invalid value"}${where}`, keyPath, opts("See the key's description in the schema"));
  }
}
