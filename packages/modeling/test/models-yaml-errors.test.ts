/**
 * Bad model files give ConfigErrors that say what is wrong, where (key path, line, file)
 * and how to fix it; Gammapy's leniencies (missing parameters, short tags) are kept.
 */
import { describe, expect, test } from "vitest";
import { ConfigError, type Logger } from "@gammats/core";
import { ExpCutoffPowerLawSpectralModel, SkyModel, modelsFromYaml } from "@gammats/modeling";

function component(spectral: string, extra = ""): string {
  return `components:
- name: src
  type: SkyModel
${extra}  spectral:
${spectral}`;
}

function error(text: string, options = {}): ConfigError {
  try {
    modelsFromYaml(text, { file: "bad.yaml", ...options });
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    return e as ConfigError;
  }
  throw new Error("expected an error");
}

describe("errors name what, where and the fix", () => {
  test("unknown spectral type lists the known ones", () => {
    const e = error(component("    type: PowerLawSpectralMode\n"));
    expect(e.message).toContain("unknown spectral model type 'PowerLawSpectralMode'");
    expect(e.message).toContain("known types: PowerLawSpectralModel, PowerLawNormSpectralModel");
    expect(e.message).toContain("(line 5)");
    expect(e.path).toBe("components[0].spectral.type");
    expect(e.file).toBe("bad.yaml");
  });

  test("unknown component and spatial types", () => {
    expect(error("components:\n- name: x\n  type: TemplateNPredModel\n").message).toMatch(
      /unknown model type 'TemplateNPredModel'.*known component types: SkyModel, sky-model, FoVBackgroundModel, fov-bkg/,
    );
    const e = error(component("    type: pl\n", "  spatial: {type: ConstantFluxSpatialModel}\n"));
    expect(e.message).toMatch(/unknown spatial model type 'ConstantFluxSpatialModel'.*PointSpatialModel, GaussianSpatialModel, DiskSpatialModel/);
  });

  test("parameter with a wrong unit", () => {
    const e = error(component("    type: pl\n    parameters:\n    - {name: reference, value: 1, unit: deg}\n"));
    expect(e.message).toContain("parameter 'reference' of PowerLawSpectralModel has unit 'deg', which does not fit");
    expect(e.message).toContain("use a unit convertible to 'TeV'");
    expect(e.path).toBe("components[0].spectral.parameters[0].unit");
    expect(e.message).toContain("(line 7)");
  });

  test("unknown parameter name, unknown key, duplicate", () => {
    expect(error(component("    type: ecpl\n    parameters:\n    - {name: lambda, value: 0.1}\n")).message).toMatch(
      /ExpCutoffPowerLawSpectralModel has no parameter 'lambda'.*index, amplitude, reference, lambda_, alpha/,
    );
    expect(error(component("    type: pl\n    parameters:\n    - {name: index, valeu: 2}\n")).message).toMatch(
      /unknown key 'valeu' in parameter 'index'.*allowed keys: name, value, unit/,
    );
    expect(error(component("    type: pl\n    parameters:\n    - {name: index}\n    - {name: index}\n")).message).toMatch(
      /parameter 'index' is given twice/,
    );
    expect(error(component("    type: pl\n", "  colour: red\n")).message).toMatch(/unknown key 'colour' in SkyModel/);
  });

  test("missing parameter: default with a warning (as Gammapy), an error when strict", () => {
    const warnings: string[] = [];
    const logger: Logger = { debug() {}, info() {}, warning: (m) => warnings.push(m), error() {} };
    const text = component("    type: ecpl\n    parameters:\n    - {name: index, value: 2.1}\n");
    const sky = modelsFromYaml(text, { logger }).get("src") as SkyModel;
    expect(sky.spectral).toBeInstanceOf(ExpCutoffPowerLawSpectralModel);
    expect(sky.spectral.parameters.values).toEqual(Float64Array.of(2.1, 1e-12, 1, 0.1, 1));
    expect(warnings).toHaveLength(4);
    expect(warnings[2]).toContain("parameter 'lambda_' not defined in components[0].spectral.parameters; using default 0.1 TeV-1");
    expect(error(text, { strict: true }).message).toMatch(/parameter 'amplitude' of ExpCutoffPowerLawSpectralModel is missing/);
  });

  test("other mistakes: frame, temporal, norm model in a SkyModel, bad numbers, YAML syntax", () => {
    expect(error(component("    type: pl\n", "  spatial: {type: point, frame: fk5}\n")).message).toMatch(
      /unknown frame "fk5".*use one of icrs, galactic/,
    );
    expect(error(component("    type: pl\n", "  temporal: {type: TemplatePhaseCurveTemporalModel}\n")).message).toMatch(
      /unknown temporal model type 'TemplatePhaseCurveTemporalModel'.*ConstantTemporalModel, LinearTemporalModel/,
    );
    expect(error(component("    type: PowerLawNormSpectralModel\n")).message).toMatch(
      /SkyModel needs a spectral model in flux units, got PowerLawNormSpectralModel/,
    );
    expect(error(component("    type: pl\n    parameters:\n    - {name: index, value: two}\n")).message).toMatch(
      /bad value "two"|value of parameter 'index' must be a number/,
    );
    expect(error("components:\n- name: [unclosed\n").message).toMatch(/invalid YAML.*line/);
    expect(error("components:\n- {name: a, type: fov-bkg}\n").message).toMatch(/FoVBackgroundModel must name exactly one dataset/);
    expect(error("componets: []\n").message).toMatch(/unknown key 'componets'.*allowed keys: components, covariance/);
  });
});

describe("Gammapy's leniencies", () => {
  test("short tags, quantity strings, YAML 1.1 booleans, scale, 'nan' bounds, compound models", () => {
    const text = `components:
- name: a
  type: sky-model
  spectral:
    type: compound
    operator: mul
    model1:
      type: lp
      parameters:
      - {name: reference, value: 1 TeV}
      - {name: amplitude, value: 1.0e-12, unit: cm-2 s-1 TeV-1, frozen: yes, min: .nan, max: nan}
    model2:
      type: ecpl-norm
      parameters:
      - {name: index, value: 0.5, scale: 2.0}
- type: fov-bkg
  datasets_names: [d1]
`;
    const models = modelsFromYaml(text);
    const sky = models.get("a") as SkyModel;
    expect(sky.spectral.tag[0]).toBe("CompoundSpectralModel");
    expect(sky.parameters.get("amplitude").frozen).toBe(true);
    expect(sky.parameters.get("amplitude").min).toBeNaN();
    // value × scale, as Gammapy's Parameter(value=0.5, scale=2) gives 1.0
    expect(sky.parameters.list[4]!.name).toBe("index");
    expect(sky.parameters.list[4]!.value).toBe(1);
    expect(models.get(1).name).toBe("d1-bkg");
  });
});
