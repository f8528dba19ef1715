/**
 * YAML parsing and writing of configs, with the YAML 1.1 rules PyYAML (and so Gammapy)
 * applies, and line/column lookup for error messages.
 */
import { ConfigError } from "@gammats/core";
import { Document, LineCounter, isMap, isScalar, isSeq, parseDocument, visit } from "yaml";
import type { Node, ParseOptions, DocumentOptions, SchemaOptions } from "yaml";
import { pyyamlReadTags, pyyamlWriteTags } from "./pyyaml-tags.js";

/** A 1-based position in the YAML text. */
export interface TextPosition {
  line: number;
  col: number;
}

/** A parsed config text: the plain data, plus where each key path sits in the text. */
export interface ParsedYaml {
  /** The document as plain JS (null for an empty text). */
  data: unknown;
  /**
   * Position of the value at a key path, or of the key itself with `{ key: true }`
   * (used for unknown keys); undefined when the path is not in the text.
   */
  locate(path: readonly (string | number)[], options?: { key?: boolean }): TextPosition | undefined;
}

// PyYAML reads YAML 1.1: `yes`/`no`/`on`/`off` are booleans, `1:30` is a number, `1e3`
// and `.` are strings. Parse (and quote on output) the same way, so a config means the
// same in both programs; see pyyaml-tags.ts.
const PARSE_OPTIONS: ParseOptions & DocumentOptions & SchemaOptions = { version: "1.1", customTags: pyyamlReadTags };

/**
 * Parses config YAML text.
 *
 * @param text - YAML source
 * @param file - file name for error messages
 * @throws ConfigError "malformed YAML ... (line L, column C)" on a syntax error or a
 *   duplicate key
 * @example
 * ```ts
 * const { data, locate } = parseConfigYaml("datasets:\n  type: 3d\n");
 * locate(["datasets", "type"]); // { line: 2, col: 9 }
 * ```
 */
export function parseConfigYaml(text: string, file?: string): ParsedYaml {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { ...PARSE_OPTIONS, lineCounter });
  if (doc.errors.length > 0) {
    const problems = doc.errors.map((e) => {
      const pos = e.linePos?.[0];
      const where = pos ? ` (line ${pos.line}, column ${pos.col})` : "";
      const what = e.message.split("\n")[0].replace(/ at line \d+, column \d+:?$/, "");
      return `${what}${where}`;
    });
    throw new ConfigError(`malformed YAML: ${problems.join("; ")}`, "", {
      file,
      hint: "Check indentation, colons and quotes near that line",
    });
  }
  const locate = (path: readonly (string | number)[], options: { key?: boolean } = {}): TextPosition | undefined => {
    let node: unknown = doc.contents;
    let keyNode: unknown;
    for (const seg of path) {
      if (isMap(node)) {
        const pair = node.items.find((p) => (isScalar(p.key) ? String(p.key.value) : String(p.key)) === String(seg));
        if (!pair) return undefined;
        keyNode = pair.key;
        node = pair.value ?? pair.key;
      } else if (isSeq(node) && typeof seg === "number") {
        node = node.items[seg];
        keyNode = node;
      } else {
        return undefined;
      }
    }
    const target = (options.key ? keyNode : node) as Node | undefined;
    const offset = target?.range?.[0];
    return offset === undefined ? undefined : lineCounter.linePos(offset);
  };
  return { data: doc.toJS({ maxAliasCount: 100 }) as unknown, locate };
}

/**
 * Writes a config tree as YAML that PyYAML reads back to the same values: strings
 * such as `yes` or `2019-12-01` are quoted, leaf mappings and lists use flow style
 * (`{min: 1 TeV, max: 10 TeV, nbins: 5}`) as Gammapy writes them.
 *
 * @param data - plain config tree
 * @example
 * ```ts
 * stringifyConfigYaml({ fit: { fit_range: { min: "1 TeV", max: null } } });
 * // "fit:\n  fit_range: {min: 1 TeV, max: null}\n"
 * ```
 */
export function stringifyConfigYaml(data: unknown): string {
  const doc = new Document(data, { version: "1.1", customTags: pyyamlWriteTags });
  visit(doc, {
    Map(_, node) {
      // The top level stays in block style, so `{ key: value }` prints as `key: value`.
      if (node === doc.contents) return;
      if (node.items.every((p) => isScalar(p.value) || p.value === null)) node.flow = true;
    },
    Seq(_, node) {
      if (node.items.every((n) => isScalar(n))) node.flow = true;
    },
  });
  return doc.toString({ indent: 2, lineWidth: 0, flowCollectionPadding: false, nullStr: "null" });
}
