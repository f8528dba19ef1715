/**
 * Plain YAML reading for the other YAML files of a Gammapy session (datasets index,
 * gammats' session manifest), read as PyYAML reads them (YAML 1.1), so packages that do
 * not depend on the `yaml` library can read what {@link emitYaml} writes.
 */
import { ConfigError } from "@gammats/core";
import { LineCounter, parseDocument } from "yaml";

/**
 * Parses YAML text (YAML 1.1, as PyYAML) into plain values.
 *
 * @param text - YAML text
 * @param options - `file` named in error messages
 * @returns the plain value (objects, arrays, strings, numbers, booleans, null)
 * @throws ConfigError naming the file and line for malformed YAML
 * @example
 * ```ts
 * parseYaml("datasets:\n- name: stacked\n  type: SpectrumDatasetOnOff\n"); // { datasets: [{ name: "stacked", ... }] }
 * ```
 */
export function parseYaml(text: string, options: { file?: string } = {}): unknown {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { version: "1.1", lineCounter, uniqueKeys: true, prettyErrors: false });
  const error = doc.errors[0];
  if (error !== undefined) {
    const line = lineCounter.linePos(error.pos[0]).line;
    throw new ConfigError(`invalid YAML: ${error.message.split("\n")[0]}${line ? ` (line ${line})` : ""}`, "", {
      ...(options.file === undefined ? {} : { file: options.file }),
    });
  }
  return doc.toJS({ maxAliasCount: 100 });
}
