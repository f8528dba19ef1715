/**
 * A small YAML emitter for model files in PyYAML's block style as Gammapy writes them
 * (`yaml.dump(..., sort_keys=False, indent=4, default_flow_style=False)`): mappings
 * indented by 4, sequences of mappings as "-   key: ...", sequences of scalars as "- x".
 * Floats use PyYAML's spelling so that Gammapy reads them as floats.
 */
import { yamlFloat } from "./python-float.js";

/** Values the emitter writes. Numbers are floats unless wrapped with {@link yamlInt}. */
export type YamlValue = string | number | boolean | null | YamlInt | YamlValue[] | { [key: string]: YamlValue };

/** An integer to be written without a decimal point. */
export interface YamlInt {
  /** The integer. */
  readonly int: number;
}

/**
 * Marks a number to be written as an integer.
 *
 * @param value - integer value
 */
export function yamlInt(value: number): YamlInt {
  return { int: value };
}

// Plain scalars YAML 1.1 (PyYAML) would resolve to something other than a string.
const RESERVED = /^(?:y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF|null|Null|NULL|~)$/;
const NUMBER_LIKE = /^[-+]?(?:\.?[0-9]|\.(?:inf|Inf|INF|nan|NaN|NAN))/;
const SAFE_PLAIN = /^[A-Za-z_/][A-Za-z0-9_ .\-/+@()]*$/;
// PyYAML's YAML 1.1 implicit int, float and timestamp resolvers: a string starting with a
// digit is written plain ("1 / sr", as Gammapy's template unit) unless it matches one.
const YAML11_INT = /^(?:[-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+|[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+)$/;
const YAML11_FLOAT = /^(?:[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+][0-9]+)?|\.[0-9_]+(?:[eE][-+][0-9]+)?|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/;
const YAML11_TIMESTAMP = /^(?:[0-9]{4}-[0-9]{2}-[0-9]{2}|[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:[Tt]|[ \t]+)[0-9]{1,2}:[0-9]{2}:[0-9]{2}(?:\.[0-9]*)?(?:[ \t]*(?:Z|[-+][0-9]{1,2}(?::[0-9]{2})?))?)$/;
const DIGIT_PLAIN = /^[0-9][A-Za-z0-9_ .\-/+@()]*$/;
// Also quoted: what a YAML 1.2 reader would take for a number ("1e5"), to be safe both ways.
const YAML12_NUMBER = /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$|^0o[0-7]+$|^0x[0-9a-fA-F]+$/;

function plainDigitString(s: string): boolean {
  if (!DIGIT_PLAIN.test(s) || s.endsWith(" ")) return false;
  return !YAML11_INT.test(s) && !YAML11_FLOAT.test(s) && !YAML11_TIMESTAMP.test(s) && !YAML12_NUMBER.test(s);
}

/**
 * A string as a YAML scalar: plain when safe, else single-quoted ('' for a quote), or
 * double-quoted JSON when it has control characters.
 *
 * @param s - the string
 */
export function yamlString(s: string): string {
  if (s !== "" && SAFE_PLAIN.test(s) && !s.endsWith(" ") && !RESERVED.test(s) && !NUMBER_LIKE.test(s)) return s;
  if (plainDigitString(s)) return s;
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(s)) return JSON.stringify(s);
  return `'${s.replace(/'/g, "''")}'`;
}

function scalar(v: YamlValue): string | undefined {
  if (v === null) return "null";
  if (typeof v === "string") return yamlString(v);
  if (typeof v === "number") return yamlFloat(v);
  if (typeof v === "boolean") return v ? "true" : "false";
  if (Array.isArray(v)) return v.length === 0 ? "[]" : undefined;
  if (isInt(v)) return String(v.int);
  return Object.keys(v).length === 0 ? "{}" : undefined;
}

function isInt(v: object): v is YamlInt {
  return "int" in v && typeof (v as YamlInt).int === "number" && Object.keys(v).length === 1;
}

function emitMapping(obj: { [key: string]: YamlValue }, indent: number, lines: string[], firstPrefix?: string): void {
  let first = true;
  const pad = " ".repeat(indent);
  for (const [key, value] of Object.entries(obj)) {
    const prefix = first && firstPrefix !== undefined ? firstPrefix : pad;
    first = false;
    const s = scalar(value);
    if (s !== undefined) {
      lines.push(`${prefix}${yamlString(key)}: ${s}`);
    } else if (Array.isArray(value)) {
      lines.push(`${prefix}${yamlString(key)}:`);
      emitSequence(value, indent, lines);
    } else {
      lines.push(`${prefix}${yamlString(key)}:`);
      emitMapping(value as { [key: string]: YamlValue }, indent + 4, lines);
    }
  }
}

function emitSequence(items: YamlValue[], indent: number, lines: string[]): void {
  const pad = " ".repeat(indent);
  for (const item of items) {
    const s = scalar(item);
    if (s !== undefined) lines.push(`${pad}- ${s}`);
    else if (Array.isArray(item)) {
      throw new TypeError("nested sequences are not used in model files");
    } else emitMapping(item as { [key: string]: YamlValue }, indent + 4, lines, `${pad}-   `);
  }
}

/**
 * Writes a mapping as a YAML document in Gammapy's layout.
 *
 * @param data - top-level mapping (key order is kept)
 * @returns YAML text ending with a newline
 * @example
 * ```ts
 * emitYaml({ components: [{ name: "crab", type: "SkyModel" }] });
 * // "components:\n-   name: crab\n    type: SkyModel\n"
 * ```
 */
export function emitYaml(data: { [key: string]: YamlValue }): string {
  const lines: string[] = [];
  emitMapping(data, 0, lines);
  return lines.join("\n") + "\n";
}
