/**
 * The schema file itself: dialect, a description and a default for every key, Gammapy's
 * allowed values, and the helpers that look keys up in it.
 */
import { describe, expect, test } from "vitest";
import { Ajv2020 } from "ajv/dist/2020.js";
import { analysisConfigSchema, analysisConfigSchemaText, keyPathsOfKind, schemaAt } from "@gammats/config";
import type { SchemaNode } from "@gammats/config";

describe("analysis config schema", () => {
  const schema = analysisConfigSchema();

  test("is a 2020-12 JSON Schema that ajv compiles", () => {
    expect(schema.$schema).toBe("https://json-schema.org/draft/2020-12/schema");
    const ajv = new Ajv2020({ strict: false });
    expect(() => ajv.compile(JSON.parse(analysisConfigSchemaText()) as object)).not.toThrow();
  });

  test("every kind keyword names a kind the validator knows (validate.ts skips the meta-schema check)", () => {
    const kinds = new Set<string>();
    const walk = (value: unknown): void => {
      if (value === null || typeof value !== "object") return;
      for (const [k, v] of Object.entries(value)) {
        if (k === "kind" && typeof v === "string") kinds.add(v);
        walk(v);
      }
    };
    walk(schema);
    expect([...kinds].sort()).toEqual(["angle", "energy", "log-level", "path", "time"]);
  });

  test("every key has a description and a default; every object forbids unknown keys", () => {
    const missing: string[] = [];
    const walk = (node: SchemaNode, path: string) => {
      for (const [key, child] of Object.entries(node.properties ?? {})) {
        const p = path ? `${path}.${key}` : key;
        if (!child.description) missing.push(`${p}: description`);
        if (!("default" in child)) missing.push(`${p}: default`);
        const resolved = schemaAt(p.split("."))!;
        if (resolved.properties) {
          if (resolved.additionalProperties !== false) missing.push(`${p}: additionalProperties`);
          walk(resolved, p);
        }
      }
    };
    walk(schema, "");
    expect(missing).toEqual([]);
  });

  test("sections are Gammapy's, in Gammapy's order", () => {
    expect(Object.keys(schema.properties!)).toEqual([
      "general", "observations", "datasets", "fit", "flux_points", "excess_map", "light_curve",
    ]);
  });

  test("allowed values are Gammapy 1.0's enums", () => {
    expect(schemaAt(["datasets", "type"])?.enum).toEqual(["1d", "3d"]);
    expect(schemaAt(["datasets", "on_region", "frame"])?.enum).toEqual(["icrs", "galactic", null]);
    expect(schemaAt(["datasets", "background", "method"])?.enum).toEqual(["reflected", "fov_background", "ring", null]);
    expect(schemaAt(["datasets", "safe_mask", "methods", 0])?.enum).toEqual([
      "aeff-default", "aeff-max", "edisp-bias", "offset-max", "bkg-peak",
    ]);
    expect(schemaAt(["observations", "required_irf", 0])?.enum).toEqual([
      "events", "gti", "aeff", "bkg", "edisp", "psf", "rad_max",
    ]);
    expect(schemaAt(["datasets", "map_selection", 0])?.enum).toEqual(["counts", "exposure", "background", "psf", "edisp"]);
  });

  test("schemaAt resolves $refs and stops outside the schema", () => {
    expect(schemaAt(["datasets", "geom", "wcs", "binsize"])?.kind).toBe("angle");
    expect(schemaAt(["fit", "fit_range", "max"])?.kind).toBe("energy");
    expect(schemaAt(["datasets", "stak"])).toBeUndefined();
    expect(schemaAt(["datasets", "background", "parameters", "r_in"])).toBeUndefined();
  });

  test("keyPathsOfKind lists the path-valued keys that get $VAR expansion", () => {
    expect(keyPathsOfKind("path")).toEqual([
      "general.log.filename", "general.outdir", "general.datasets_file", "general.models_file",
      "observations.datastore", "observations.obs_file", "datasets.background.exclusion",
    ]);
    expect(keyPathsOfKind("time")).toEqual([
      "observations.obs_time.start", "observations.obs_time.stop",
      "light_curve.time_intervals.start", "light_curve.time_intervals.stop",
    ]);
    expect(keyPathsOfKind("energy")).toHaveLength(12);
    expect(keyPathsOfKind("angle")).toHaveLength(14);
  });
});
