import { describe, expect, it } from "vitest";
import { envVarNames, erf, erfc, substituteEnvVars } from "@gammats/core";

// scipy.special.erf / erfc (double precision).
const SCIPY: [number, number, number][] = [
  [0.5, 0.5204998778130465, 0.4795001221869535],
  [-1, -0.8427007929497148, 1.8427007929497148],
  [2.4, 0.999311486103355, 0.0006885138966450789],
  [2.6, 0.9997639655834707, 0.000236034416529349],
  [3, 0.9999779095030014, 2.2090496998585445e-5],
  [6, 1.0, 2.1519736712498913e-17],
  [10, 1.0, 2.0884875837625446e-45],
];

describe("special functions", () => {
  it.each(SCIPY)("erf and erfc at %d agree with scipy to a few ulp", (x, e, ec) => {
    expect(erf(x)).toBeCloseTo(e, 15);
    expect(Math.abs(erfc(x) - ec) / ec).toBeLessThan(1e-14);
  });
  it("NaN in, NaN out", () => {
    expect(erf(NaN)).toBeNaN();
    expect(erfc(NaN)).toBeNaN();
  });
});

describe("environment variables in paths", () => {
  it("substitutes $VAR and ${VAR} and lists unset ones", () => {
    expect(substituteEnvVars("$A/x/${B}", { A: "/data", B: "run" })).toEqual({ value: "/data/x/run", missing: [] });
    expect(substituteEnvVars("$A/$NOPE", { A: "/d" })).toEqual({ value: "/d/$NOPE", missing: ["NOPE"] });
    expect(envVarNames("${HOME}/data/$RUN")).toEqual(["HOME", "RUN"]);
  });
});
