/**
 * The commented config template (PIG 12): every key with its default value and a comment
 * saying what it does, all commented out, generated from the JSON Schema.
 */
import { isPlainObject } from "./plain-objects.js";
import type { PlainObject } from "./plain-objects.js";
import { analysisConfigSchema, resolveRef } from "./schema.js";
import type { SchemaNode } from "./schema.js";
import { validateConfig } from "./validate.js";
import { stringifyConfigYaml } from "./yaml-text.js";

const WIDTH = 90;
const INDENT = "  ";

// Header lines start with "##" so that they stay comments once a user uncomments every
// line by removing one leading "# ".
const HEADER = [
  "## gammats analysis configuration: same keys, types and defaults as Gammapy 1.0's AnalysisConfig.",
  "## Every key is commented out and shows its default. Uncomment the ones you change (and the",
  "## section lines above them); a key left commented keeps its default.",
  "## Quantities carry their unit ('0.1 deg', '1 TeV'); times are strings ('2019-12-01T20:00:00');",
  "## paths may use $VAR or ${VAR} from the environment.",
  "## Check a config with:  gammats analysis validate --filename config.yaml",
  "## Editor completion:    gammats analysis schema --filename analysis-config.schema.json, then",
  "##                       put '# yaml-language-server: $schema=analysis-config.schema.json' on top.",
];

/** Splits a text into lines of at most `width` characters at spaces. */
function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(/\s+/)) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else {
      line = line ? `${line} ${word}` : word;
    }
  }
  if (line) lines.push(line);
  return lines;
}

function allowedNote(node: SchemaNode): string | undefined {
  const n = resolveRef(node);
  const list = (values: readonly unknown[]) => values.map((v) => (v === null ? "null" : String(v))).join(", ");
  if (n.enum) return `Allowed: ${list(n.enum)}.`;
  const items = n.items ? resolveRef(n.items) : undefined;
  if (items?.enum) return `Allowed items: ${list(items.enum)}.`;
  return undefined;
}

/** Lines (uncommented, indented) for the keys of one object. */
function objectLines(node: SchemaNode, value: PlainObject, depth: number): string[] {
  const out: string[] = [];
  const pad = INDENT.repeat(depth);
  for (const [key, child] of Object.entries(resolveRef(node).properties ?? {})) {
    const resolved = resolveRef(child);
    const text = [child.description ?? resolved.description ?? "", allowedNote(child) ?? ""].join(" ").trim();
    for (const l of wrap(text, WIDTH - pad.length - 4)) out.push(`${pad}# ${l}`);
    const v = value[key];
    if (resolved.properties && isPlainObject(v)) {
      out.push(`${pad}${key}:`);
      out.push(...objectLines(child, v, depth + 1));
    } else {
      out.push(`${pad}${stringifyConfigYaml({ [key]: v }).trimEnd()}`);
    }
  }
  return out;
}

/**
 * Uncomments a template line: removes the first "#" and one space after it. Applied to
 * every line of {@link configTemplate} this gives a valid config equal to the defaults.
 *
 * @param line - a template line
 * @example
 * ```ts
 * uncommentLine("#   binsize: 0.02 deg"); // "  binsize: 0.02 deg"
 * ```
 */
export function uncommentLine(line: string): string {
  return line.replace(/^# ?/, "");
}

/**
 * The commented YAML template: a header, then every section and key with a comment and
 * its default value, every line commented out.
 *
 * @example
 * ```ts
 * writeFileSync("config.yaml", configTemplate());
 * ```
 */
export function configTemplate(): string {
  const defaults = validateConfig({});
  const schema = analysisConfigSchema();
  const lines = [...HEADER];
  for (const [section, node] of Object.entries(schema.properties ?? {})) {
    lines.push("");
    const body = objectLines({ properties: { [section]: node } }, defaults as unknown as PlainObject, 0);
    lines.push(...body.map((l) => `# ${l}`));
  }
  return `${lines.join("\n")}\n`;
}
