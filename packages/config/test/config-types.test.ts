/**
 * The TypeScript types are generated from the schema; this fails when the committed
 * src/config-types.ts differs from what the generator makes of the committed schema.
 */
import { readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
// @ts-expect-error -- plain .mjs script without type declarations
import { generateTypes, readSchema, TYPES_URL } from "../scripts/gen-types.mjs";

describe("generated config types", () => {
  test("src/config-types.ts is up to date with the schema (run: node packages/config/scripts/gen-types.mjs)", () => {
    const fresh = (generateTypes as (s: unknown) => string)((readSchema as () => unknown)());
    expect(readFileSync(TYPES_URL as URL, "utf8")).toBe(fresh);
  });

  test("the generator follows schema changes", () => {
    const schema = (readSchema as () => { $defs: Record<string, { properties: Record<string, unknown> }> })();
    schema.$defs.LogConfig.properties.color = { type: "boolean", description: "Colour the output.", default: false };
    const text = (generateTypes as (s: unknown) => string)(schema);
    expect(text).toMatch(/export interface LogConfig \{[^}]*color: boolean;/s);
    expect(text).toContain("@defaultValue `false`");
  });

  test("the generator refuses inline objects it cannot name", () => {
    const schema = (readSchema as () => { properties: Record<string, unknown> })();
    schema.properties.extra = { type: "object", properties: { a: { type: "string" } } };
    expect(() => (generateTypes as (s: unknown) => string)(schema)).toThrow(/inline object/);
  });
});
