/**
 * Number and YAML spelling that Python (repr, PyYAML) and astropy tables use, so that
 * Gammapy reads gammats files as it reads its own.
 */
import { describe, expect, test } from "vitest";
import { emitYaml, formatCovarianceTable, parseCovarianceTable, pythonFloatRepr, yamlFloat, yamlString } from "@gammats/modeling";
import { runGammapy } from "./helpers.js";

const SAMPLES = [0.1, 2, 2.3, -0.5, 1e-5, 0.0001, 1.5e-4, 123456789.125, 1e15, 1e16, 1.2345e16, 4e-26, 3e-12, 0.010000000000000002, 5e22, -7.25e-300];

describe("Python float spelling", () => {
  test("repr(float) cases", () => {
    expect(SAMPLES.map(pythonFloatRepr)).toEqual([
      "0.1", "2.0", "2.3", "-0.5", "1e-05", "0.0001", "0.00015", "123456789.125", "1000000000000000.0", "1e+16",
      "1.2345e+16", "4e-26", "3e-12", "0.010000000000000002", "5e+22", "-7.25e-300",
    ]);
    expect([NaN, Infinity, -Infinity, 0, -0].map(pythonFloatRepr)).toEqual(["nan", "inf", "-inf", "0.0", "-0.0"]);
  });

  test("PyYAML floats always carry a point (PyYAML reads 5e-11 as a string)", () => {
    expect([3e-12, 1e16, 2, NaN, -Infinity].map(yamlFloat)).toEqual(["3.0e-12", "1.0e+16", "2.0", ".nan", "-.inf"]);
  });

  const live = runGammapy<string[]>(["-c", `import json; print(json.dumps([repr(float(x)) for x in ${JSON.stringify(SAMPLES)}]))`]);
  test.skipIf(live === undefined)("matches Python's repr live", () => {
    expect(SAMPLES.map(pythonFloatRepr)).toEqual(live);
  });
});

describe("YAML emitter", () => {
  test("Gammapy's layout: 4-space mappings, '-   ' for mappings in lists, '- ' for scalars", () => {
    const text = emitYaml({
      components: [{ name: "crab", datasets_names: ["a", "b"], spectral: { type: "pl", parameters: [] }, flag: true }],
      covariance: "x_covariance.dat",
    });
    expect(text).toBe(
      [
        "components:",
        "-   name: crab",
        "    datasets_names:",
        "    - a",
        "    - b",
        "    spectral:",
        "        type: pl",
        "        parameters: []",
        "    flag: true",
        "covariance: x_covariance.dat",
        "",
      ].join("\n"),
    );
  });

  test("strings YAML 1.1 would misread are quoted", () => {
    expect(["", "yes", "No", "off", "null", "123", "1e5", "cm-2 s-1 TeV-1", "it's", "a: b", "#x", "index@ab_12"].map(yamlString)).toEqual([
      "''", "'yes'", "'No'", "'off'", "'null'", "'123'", "'1e5'", "cm-2 s-1 TeV-1", "'it''s'", "'a: b'", "'#x'", "index@ab_12",
    ]);
  });
});

describe("covariance table", () => {
  test("astropy fixed_width layout, and back", () => {
    const text = formatCovarianceTable(["m.spectral.index", "m.spectral.amplitude"], [0.010000000000000002, 1e-14, 1e-14, 4e-26]);
    expect(text).toBe(
      [
        "|           Parameters |                    0 |     1 |",
        "|     m.spectral.index | 0.010000000000000002 | 1e-14 |",
        "| m.spectral.amplitude |                1e-14 | 4e-26 |",
        "",
      ].join("\n"),
    );
    const back = parseCovarianceTable(text);
    expect(back.names).toEqual(["m.spectral.index", "m.spectral.amplitude"]);
    expect(Array.from(back.data)).toEqual([0.010000000000000002, 1e-14, 1e-14, 4e-26]);
    expect(() => parseCovarianceTable("| Parameters | 0 | 1 |\n| a | 1 | 2 |\n", "c.dat")).toThrow(/2 value columns but 1 rows: c.dat/);
  });
});
