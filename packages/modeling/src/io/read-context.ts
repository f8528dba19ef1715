/**
 * Shared pieces of the model-file readers: the reading context (file, logger, links,
 * line lookup), key paths, and checks that fail with a ConfigError naming path and line.
 */
import { ConfigError, type Logger } from "@gammats/core";
import type { Parameter } from "../parameter.js";

/** A key path into the document, e.g. ["components", 0, "spectral"]. */
export type KeyPath = readonly (string | number)[];

/** State of one read: where messages point, where warnings go, shared (linked) parameters. */
export interface Context {
  /** File name for messages. */
  file: string | undefined;
  /** Receives warnings (missing parameters). */
  logger: Logger;
  /** Missing parameters are errors. */
  strict: boolean;
  /** Key path → 1-based line, when the text is known. */
  locate: ((path: KeyPath) => number | undefined) | undefined;
  /** Parameters by `link` label, shared between models. */
  links: Map<string, Parameter>;
  /** Directory of the models file: template files not found as given are looked up there. */
  baseDir?: string | undefined;
}

/** A YAML mapping. */
export type Mapping = Record<string, unknown>;

/**
 * Formats a key path as "components[0].spectral.parameters[2]".
 *
 * @param path - key path
 */
export function formatKeyPath(path: KeyPath): string {
  let s = "";
  for (const k of path) s += typeof k === "number" ? `[${k}]` : s === "" ? k : `.${k}`;
  return s;
}

/** Throws a ConfigError with the key path, the line (when known), the file and a hint. */
export function fail(ctx: Context, path: KeyPath, message: string, hint?: string, cause?: unknown): never {
  const line = ctx.locate?.(path);
  throw new ConfigError(line === undefined ? message : `${message} (line ${line})`, formatKeyPath(path), {
    ...(hint === undefined ? {} : { hint }),
    ...(ctx.file === undefined ? {} : { file: ctx.file }),
    cause,
  });
}

/** True for a YAML mapping (not a list, not null). */
export function isMapping(v: unknown): v is Mapping {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** The value as a mapping, or a ConfigError saying what was found instead. */
export function expectMapping(ctx: Context, v: unknown, path: KeyPath, what: string): Mapping {
  if (!isMapping(v)) fail(ctx, path, `${what} must be a mapping, got ${describe(v)}`);
  return v;
}

/** Short description of a value for messages ("a list", "string \"x\""). */
export function describe(v: unknown): string {
  if (v === undefined) return "nothing";
  if (v === null) return "null";
  if (Array.isArray(v)) return "a list";
  return typeof v === "object" ? "a mapping" : `${typeof v} ${JSON.stringify(v)}`;
}

/** Fails on the first key not in `allowed`, listing the allowed ones. */
export function checkKeys(ctx: Context, obj: Mapping, allowed: readonly string[], path: KeyPath, what: string): void {
  for (const key of Object.keys(obj)) {
    if (!allowed.includes(key)) fail(ctx, [...path, key], `unknown key '${key}' in ${what}`, `allowed keys: ${allowed.join(", ")}`);
  }
}

/** A number from a number, null (NaN) or a numeric string (".nan", "inf", "1e-3"); else fails. */
export function toNumber(ctx: Context, v: unknown, path: KeyPath, what: string): number {
  if (v === null) return NaN;
  if (typeof v === "number") return v;
  if (typeof v === "string") {
    const t = v.trim();
    if (/^[-+]?\.?nan$/i.test(t)) return NaN;
    const inf = /^([-+]?)\.?inf(inity)?$/i.exec(t);
    if (inf) return inf[1] === "-" ? -Infinity : Infinity;
    if (t !== "" && !Number.isNaN(Number(t))) return Number(t);
  }
  return fail(ctx, path, `${what} must be a number, got ${describe(v)}`);
}

/** A boolean from a boolean or "true"/"false" in any case; else fails. */
export function toBoolean(ctx: Context, v: unknown, path: KeyPath, what: string): boolean {
  if (typeof v === "boolean") return v;
  if (typeof v === "string" && /^(true|false)$/i.test(v)) return v.toLowerCase() === "true";
  return fail(ctx, path, `${what} must be true or false, got ${describe(v)}`);
}

