/**
 * Plain-scalar rules of PyYAML (what Gammapy reads configs with), for the `yaml` package.
 *
 * The `yaml` package's YAML 1.1 schema is close to PyYAML but not equal: it reads `.` as
 * NaN, `1e3` as a number and `y`/`n` as booleans, where PyYAML sees strings. A config
 * must mean the same in gammats and in Gammapy, so the bool, int and float tags are
 * replaced by PyYAML's resolvers (from its `resolver.py` patterns). These tags also drive
 * quoting on output: a string is quoted exactly when PyYAML would read it as non-string.
 */
import type { ScalarTag, Tags } from "yaml";

const BOOL = /^(?:yes|Yes|YES|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF)$/;
const INT = /^(?:[-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+|[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+)$/;
const FLOAT =
  /^(?:[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+][0-9]+)?|\.[0-9][0-9_]*(?:[eE][-+][0-9]+)?|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/;

/** Base-60 value of "1:30:15" style numbers (YAML 1.1 sexagesimal). */
function sexagesimal(body: string): number {
  return body.split(":").reduce((acc, part) => acc * 60 + Number(part), 0);
}

function resolveInt(text: string): number {
  const s = text.replace(/_/g, "");
  const sign = s.startsWith("-") ? -1 : 1;
  const body = s.replace(/^[-+]/, "");
  if (body.startsWith("0b")) return sign * parseInt(body.slice(2), 2);
  if (body.startsWith("0x")) return sign * parseInt(body.slice(2), 16);
  if (body.includes(":")) return sign * sexagesimal(body);
  if (body.length > 1 && body.startsWith("0")) return sign * parseInt(body, 8);
  return sign * parseInt(body, 10);
}

function resolveFloat(text: string): number {
  const s = text.replace(/_/g, "").toLowerCase();
  if (s.endsWith(".nan")) return NaN;
  if (s.endsWith(".inf")) return s.startsWith("-") ? -Infinity : Infinity;
  const sign = s.startsWith("-") ? -1 : 1;
  const body = s.replace(/^[-+]/, "");
  return body.includes(":") ? sign * sexagesimal(body) : sign * parseFloat(body);
}

/** A float PyYAML reads back as a float: it needs a dot and a signed exponent. */
function formatFloat(value: number): string {
  if (Number.isNaN(value)) return ".nan";
  if (!Number.isFinite(value)) return value > 0 ? ".inf" : "-.inf";
  const s = String(value); // "0.5", "1e-12", "1.5e+21", "3"
  const [mantissa, exponent] = s.split("e");
  const m = mantissa.includes(".") ? mantissa : `${mantissa}.0`;
  return exponent === undefined ? m : `${m}e${exponent}`;
}

const boolTag: ScalarTag = {
  identify: (v) => typeof v === "boolean",
  default: true,
  tag: "tag:yaml.org,2002:bool",
  test: BOOL,
  resolve: (s) => /^(?:yes|true|on)$/i.test(s),
  stringify: ({ value }) => (value ? "true" : "false"),
};

const intTag: ScalarTag = {
  // Beyond 2^53 a JS number is written as a float, as PyYAML would not read "1e+21".
  identify: (v) => typeof v === "number" && Number.isSafeInteger(v),
  default: true,
  tag: "tag:yaml.org,2002:int",
  test: INT,
  resolve: resolveInt,
  stringify: ({ value }) => String(value),
};

const floatTag: ScalarTag = {
  identify: (v) => typeof v === "number",
  default: true,
  tag: "tag:yaml.org,2002:float",
  test: FLOAT,
  resolve: resolveFloat,
  stringify: ({ value }) => formatFloat(value as number),
};

const REPLACED = new Set(["tag:yaml.org,2002:bool", "tag:yaml.org,2002:int", "tag:yaml.org,2002:float"]);
const TIMESTAMP = "tag:yaml.org,2002:timestamp";

function tagName(t: Tags[number]): string | undefined {
  return typeof t === "object" && "tag" in t ? t.tag : undefined;
}

/**
 * `customTags` for reading: the YAML 1.1 tags with PyYAML's bool/int/float rules, and
 * without timestamps, because the time keys hold astropy time strings ("2019-12-01").
 *
 * @param tags - the `yaml` package's YAML 1.1 tags
 * @example
 * ```ts
 * parse("a: 1e3\nb: .", { version: "1.1", customTags: pyyamlReadTags }); // { a: "1e3", b: "." }
 * ```
 */
export function pyyamlReadTags(tags: Tags): Tags {
  const kept = tags.filter((t) => !REPLACED.has(tagName(t) ?? "") && tagName(t) !== TIMESTAMP);
  return [boolTag, intTag, floatTag, ...kept];
}

/**
 * `customTags` for writing: as {@link pyyamlReadTags} but keeping timestamps, so
 * date-like strings are quoted (PyYAML would read them as dates).
 *
 * @param tags - the `yaml` package's YAML 1.1 tags
 * @example
 * ```ts
 * new Document({ t: "2019-12-01" }, { version: "1.1", customTags: pyyamlWriteTags }).toString(); // t: "2019-12-01"
 * ```
 */
export function pyyamlWriteTags(tags: Tags): Tags {
  return [boolTag, intTag, floatTag, ...tags.filter((t) => !REPLACED.has(tagName(t) ?? ""))];
}
