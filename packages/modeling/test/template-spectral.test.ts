/**
 * TemplateSpectralModel against Gammapy 1.0: log-log interpolation with extrapolation,
 * single-point tables, the numerical integral, and the YAML `energy`/`values` tables.
 * Reference numbers from /usr/bin/python3 (Gammapy 1.0):
 *   m = TemplateSpectralModel(energy=[0.3, 1, 3, 10, 30] * u.TeV,
 *       values=[2e-10, 1e-11, 8e-13, 2e-14, 1e-15] * u.Unit("cm-2 s-1 TeV-1"))
 *   m(e), m.integral(...), m.energy_flux(...), Models([SkyModel(m, name="src")]).to_yaml()
 */
import { describe, expect, test } from "vitest";
import { SkyModel, TemplateSpectralModel, modelsFromYaml, modelsToYaml, Models } from "@gammats/modeling";
import { expectClose } from "./helpers.js";

const ENERGY = [0.3, 1, 3, 10, 30];
const VALUES = [2e-10, 1e-11, 8e-13, 2e-14, 1e-15];

// Gammapy 1.0, m(e) at these energies [cm-2 s-1 TeV-1] (0.1, 20, 100 TeV outside or between nodes).
const E_TEST = [0.1, 0.3, 0.5, 1, 2, 3, 5.5, 10, 20, 30, 100];
const DNDE = [
  3.0775557709510503e-9, 2.000000000000003e-10, 5.610797836904504e-11, 1.000000000000002e-11, 2.0320146551132664e-12,
  8.000000000000015e-13, 1.2489314802873286e-13, 2.0000000000000013e-14, 3.021144244200088e-15, 1.0000000000000013e-15,
  3.751431042444948e-17,
];

// Models([SkyModel(spectral_model=m, name="src")]).to_yaml(), Gammapy 1.0.
const GAMMAPY_YAML = `components:
-   name: src
    type: SkyModel
    spectral:
        type: TemplateSpectralModel
        parameters:
        -   name: norm
            value: 1.0
        energy:
            data:
            - 0.3
            - 1.0
            - 3.0
            - 10.0
            - 30.0
            unit: TeV
        values:
            data:
            - 2.0e-10
            - 1.0e-11
            - 8.0e-13
            - 2.0e-14
            - 1.0e-15
            unit: 1 / (cm2 s TeV)
`;

describe("TemplateSpectralModel", () => {
  const model = new TemplateSpectralModel({ energy: ENERGY, values: VALUES });

  test("evaluates like Gammapy inside and outside the table", () => {
    expectClose(model.evaluate(Float64Array.from(E_TEST)), DNDE, 1e-12, 0, "dnde");
    expect(model.kind).toBe("flux");
    expect(model.parameters.list.map((p) => [p.name, p.value, p.frozen])).toEqual([["norm", 1, true]]);
  });

  test("integral and energy flux follow Gammapy's numerical scheme", () => {
    expectClose(model.integral(1, 10), [6.916419552396538e-12], 1e-9, 0, "integral");
    expectClose(model.integral([0.2, 2], [0.5, 50]), [5.4862832475205554e-11, 2.4554332151344766e-12], 1e-9, 0, "bins");
    expectClose(model.energyFlux(1, 10), [1.425131452368005e-11], 1e-9, 0, "energy flux");
  });

  test("norm scales, units convert, a single point is constant", () => {
    const scaled = new TemplateSpectralModel({ energy: ENERGY, values: VALUES, norm: 2.5 });
    expectClose([scaled.valueAt(5.5)], [2.5 * DNDE[6]!], 1e-12);
    const gev = new TemplateSpectralModel({
      energy: ENERGY.map((e) => e * 1000),
      energyUnit: "GeV",
      values: VALUES.map((v) => v / 1000),
      valuesUnit: "cm-2 s-1 GeV-1",
    });
    expectClose(gev.evaluate(Float64Array.from(E_TEST)), DNDE, 1e-9, 0, "GeV table");
    // Gammapy 1.0: TemplateSpectralModel(energy=[2] TeV, values=[3e-12]) at 0.5, 2, 7 TeV.
    const one = new TemplateSpectralModel({ energy: [2], values: [3e-12] });
    expectClose(one.evaluate(Float64Array.of(0.5, 2, 7)), [3e-12, 3e-12, 3e-12], 1e-12);
    expect(new TemplateSpectralModel({ energy: [1, 10], values: [0.5, 0.9], valuesUnit: "" }).kind).toBe("norm");
    expect(() => new TemplateSpectralModel({ energy: [1, 10], values: [1] })).toThrow(/2 energies and 1 values/);
  });

  test("reads Gammapy's YAML with identical tables and writes the same text", () => {
    const models = modelsFromYaml(GAMMAPY_YAML);
    const spectral = (models.get("src") as SkyModel).spectral as TemplateSpectralModel;
    expect(spectral).toBeInstanceOf(TemplateSpectralModel);
    expect([...spectral.energy.data]).toEqual(ENERGY);
    expect(spectral.energy.unit).toBe("TeV");
    expect([...spectral.values.data]).toEqual(VALUES);
    expectClose(spectral.evaluate(Float64Array.from(E_TEST)), DNDE, 1e-12, 0, "read model");
    expect(modelsToYaml(models)).toBe(GAMMAPY_YAML);
  });

  test("a model built in gammats round-trips through YAML", () => {
    const models = new Models([new SkyModel({ name: "src", spectral: new TemplateSpectralModel({ energy: ENERGY, values: VALUES, norm: 3 }) })]);
    const text = modelsToYaml(models);
    expect(text).toContain("        energy:\n            data:\n            - 0.3\n");
    expect(text).toContain("            unit: cm-2 s-1 TeV-1\n");
    const back = (modelsFromYaml(text).get("src") as SkyModel).spectral as TemplateSpectralModel;
    expect([...back.values.data]).toEqual(VALUES);
    expect(back.parameters.list[0]!.value).toBe(3);
    expect(modelsToYaml(modelsFromYaml(text))).toBe(text);
  });

  test("reports a malformed table with its key path", () => {
    const bad = GAMMAPY_YAML.replace("            - 0.3\n", "            - abc\n");
    expect(() => modelsFromYaml(bad)).toThrow(/energy.*data|data\[0\]/);
  });
});
