/**
 * Temporal models against Gammapy 1.0: evaluate and the normalised integral over several
 * intervals (stored numbers, and live when /usr/bin/python3 has Gammapy); the sine integral
 * against quadrature; light-curve templates from a Gammapy-written table.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, test } from "vitest";
import {
  ConstantTemporalModel,
  ExpDecayTemporalModel,
  GaussianTemporalModel,
  LightCurveTemplateTemporalModel,
  PowerLawTemporalModel,
  SineTemporalModel,
  TEMPORAL_MODEL_TYPES,
  findTemporalModelType,
  readLightCurveTemplate,
  type TemporalModel,
} from "@gammats/modeling";
import { expectClose, runGammapy } from "./helpers.js";

interface TemporalCase {
  tag: string;
  parameters: { name: string; value: number; unit: string }[];
  time: number[];
  value: (number | null)[];
  t_min: number[];
  t_max: number[];
  integral: (number | null)[];
  exact_integral: (number | null)[];
}
interface Reference {
  temporal: Record<string, TemporalCase>;
  constant_shares: number[];
}

const script = fileURLToPath(new URL("./gammapy-spatial-temporal.py", import.meta.url));
const stored = JSON.parse(
  readFileSync(new URL("./fixtures/gammapy-1.0-spatial-temporal-reference.json", import.meta.url), "utf8"),
) as Reference;
const lcFile = fileURLToPath(new URL("./fixtures/gammapy-written-more/lc.fits", import.meta.url));

const nan = (v: (number | null)[]): number[] => v.map((x) => x ?? NaN);

function build(c: TemporalCase): TemporalModel {
  const model = findTemporalModelType(c.tag)!.create({});
  for (const p of c.parameters) model.parameters.get(p.name).setQuantity(p.value, p.unit);
  return model;
}

function checkCases(ref: Reference): void {
  expect(Object.keys(ref.temporal).length).toBe(8);
  for (const [key, c] of Object.entries(ref.temporal)) {
    const model = build(c);
    expectClose(model.evaluate(Float64Array.from(c.time)), nan(c.value), 1e-12, 1e-15, `${key} evaluate`);
    const integral = model.integral(Float64Array.from(c.t_min), Float64Array.from(c.t_max));
    // Gammapy 1.0's sine integral has sin where cos belongs: compare that one with quadrature.
    expectClose(integral, nan(key === "sinus" ? c.exact_integral : c.integral), 1e-10, 0, `${key} integral`);
  }
  expect(ref.constant_shares).toEqual([0.25, 0.75]);
}

describe("against Gammapy 1.0", () => {
  test("stored numbers: evaluate and integral of every parametric model", () => {
    checkCases(stored);
    expect(TEMPORAL_MODEL_TYPES.map((t) => t.tags[1])).toEqual(["const", "linear", "exp-decay", "gauss", "gengauss", "powerlaw", "sinus"]);
  });

  const live = runGammapy<Reference>([script, "reference"]);
  test.skipIf(live === undefined)("live Gammapy run gives the same numbers", () => {
    checkCases(live!);
  });

  test("the sine closed form is the exact integral; Gammapy's differs from it", () => {
    const c = stored.temporal["sinus"]!;
    const ours = build(c).integral(Float64Array.from(c.t_min), Float64Array.from(c.t_max));
    expectClose(ours, nan(c.exact_integral), 1e-10);
    expect(Math.abs(ours[0]! - c.integral[0]!)).toBeGreaterThan(0.05);
  });
});

describe("normalisation and closed forms", () => {
  test("integral divides by the summed duration of all intervals (Gammapy)", () => {
    const c = new ConstantTemporalModel();
    expectClose(c.integral(Float64Array.of(59000, 59010), Float64Array.of(59001, 59013)), [0.25, 0.75], 1e-15);
    // one interval: the mean of the model over it
    const decay = new ExpDecayTemporalModel({ t0: "3 d", t_ref: 59000 });
    expectClose(decay.integral(Float64Array.of(59000), Float64Array.of(59003)), [1 - Math.exp(-1)], 1e-14);
    expect(() => c.integral(Float64Array.of(1, 2), Float64Array.of(3))).toThrow(/same length/);
  });

  test("units: sigma in hours, t_ref in MJD; power law with alpha = -1 uses the log", () => {
    const g = new GaussianTemporalModel({ t_ref: 59000, sigma: "12 h" });
    expectClose(g.evaluate(Float64Array.of(59000.5)), [Math.exp(-0.5)], 1e-15);
    const pl = new PowerLawTemporalModel({ alpha: -1, t_ref: 59000 });
    expectClose(pl.integral(Float64Array.of(59001), Float64Array.of(59010)), [Math.log(10) / 9], 1e-14);
  });

  test("sine: a whole period averages to 1", () => {
    const s = new SineTemporalModel({ amp: 0.7, omega: `${(2 * Math.PI) / 3} rad / d`, t_ref: 59000 });
    expectClose(s.integral(Float64Array.of(59000.4), Float64Array.of(59003.4)), [1], 1e-14);
  });
});

describe("light-curve template", () => {
  test("reads Gammapy's table: t_ref from MJDREFI + MJDREFF, linear, extrapolated, clipped", () => {
    const lc = readLightCurveTemplate(lcFile);
    expect(lc.parameters.get("t_ref").value).toBe(59000.5);
    expect(lc.timeUnit).toBe("d");
    expect(lc.filename).toBe(lcFile);
    // nodes: t = 0, 1, 2, 4 d → 1, 3, 2, 0.5
    const t = Float64Array.from([-1, -0.25, 0, 0.5, 1.5, 3, 4, 5, 10], (d) => 59000.5 + d);
    expectClose(lc.evaluate(t), [0, 0.5, 1, 2, 2.5, 1.25, 0.5, 0, 0], 1e-9);
  });

  test("seconds as time unit; the integral is Gammapy's sampled one", () => {
    const lc = new LightCurveTemplateTemporalModel({ time: [0, 86400, 172800], norm: [0, 2, 2], timeUnit: "s", t_ref: 59000 });
    expectClose(lc.evaluate(Float64Array.of(59000.5, 59001.5)), [1, 2], 1e-12);
    // linear ramp 0 → 2 over one day sampled at 100 points: sum · step = 1 · (1 + 1/99)
    expectClose(lc.integral(Float64Array.of(59000), Float64Array.of(59001)), [1 + 1 / 99], 1e-12);
    const copy = lc.copy();
    copy.parameters.get("t_ref").value = 59001;
    expect(lc.parameters.get("t_ref").value).toBe(59000);
  });
});
