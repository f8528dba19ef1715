/**
 * The commented template: every line commented out, a comment for every key, and
 * uncommenting every line gives a valid config equal to the defaults.
 */
import { describe, expect, test } from "vitest";
import { AnalysisConfig, configTemplate, schemaAt, uncommentLine } from "@gammats/config";
import type { SchemaNode } from "@gammats/config";

describe("config template", () => {
  const text = configTemplate();
  const lines = text.trimEnd().split("\n");

  test("every non-empty line is commented out", () => {
    expect(lines.filter((l) => l !== "" && !l.startsWith("#"))).toEqual([]);
    expect(AnalysisConfig.fromYaml(text).toJSON()).toEqual(new AnalysisConfig().toJSON());
  });

  test("uncommenting every line gives a valid config equal to the defaults", () => {
    const uncommented = lines.map(uncommentLine).join("\n");
    expect(uncommented).toContain("\ndatasets:\n");
    expect(AnalysisConfig.fromYaml(uncommented).toJSON()).toEqual(new AnalysisConfig().toJSON());
  });

  test("every key has a comment line right above it", () => {
    const uncommented = lines.map(uncommentLine);
    const keys: string[] = [];
    const walk = (node: SchemaNode, path: string[]) => {
      for (const key of Object.keys(node.properties ?? {})) {
        keys.push(key);
        const child = schemaAt([...path, key])!;
        if (child.properties) walk(child, [...path, key]);
      }
    };
    walk(schemaAt([])!, []);
    const keyLines = uncommented
      .map((l, i) => ({ l, i }))
      .filter(({ l }) => /^\s*[a-z_]+:/.test(l));
    expect(keyLines).toHaveLength(keys.length);
    for (const { l, i } of keyLines) expect(uncommented[i - 1]).toMatch(/^\s*# \S/);
    expect(keyLines.map(({ l }) => l.trim().split(":")[0])).toEqual(keys);
  });

  test("comments carry the allowed values from the schema", () => {
    const joined = text.replace(/\n#\s*#\s*/g, " "); // comments re-flowed onto one line
    expect(joined).toContain("Allowed: 1d, 3d.");
    expect(joined).toContain("Allowed items: aeff-default, aeff-max, edisp-bias, offset-max, bkg-peak.");
    expect(text).toMatch(/#\s+binsize: 0\.02 deg\n/);
  });

  test("lines stay within 100 characters", () => {
    expect(lines.filter((l) => l.length > 100)).toEqual([]);
  });
});
