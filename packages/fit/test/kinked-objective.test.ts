/**
 * The variable-metric minimiser on an objective that is exactly linear where it starts and
 * C¹ with a curvature jump further on: the WStat of bins with 0 on counts as a function
 * of a signal norm (a faint flux point). Linear: no curvature to scale the first step or
 * the gradient's difference step; the jump: a difference step that straddles it gives a
 * gradient of the wrong sign.
 */
import { describe, expect, test } from "vitest";
import { minimizeVariableMetric } from "@gammats/fit";

const ALPHA = 1 / 41;
const N_OFF = [2, 3, 2, 1, 3, 2];
const SIGNAL = [0.5, 0.33, 0.2, 0.47, 0.3, 0.18];

// WStat with n_on = 0 and the background profiled out (Gammapy's wstat).
function wstatNoOn(nOff: number, mu: number): number {
  const c = ALPHA * nOff - (1 + ALPHA) * mu;
  const bkg = (c + Math.sqrt(c * c + 4 * ALPHA * (ALPHA + 1) * nOff * mu)) / (2 * ALPHA * (ALPHA + 1));
  return 2 * (mu + (1 + ALPHA) * bkg - (nOff === 0 ? 0 : nOff * Math.log(bkg)));
}

const stat = (x: Float64Array): number => N_OFF.reduce((s, n, i) => s + wstatNoOn(n, x[0]! * SIGNAL[i]!), 0);

describe("minimizeVariableMetric on a linear-then-curved objective", () => {
  // Minimum by a dense scan: the norm is negative (no on counts at all).
  let best = 0;
  for (let k = -2000; k <= 0; k++) if (stat(Float64Array.of(k * 1e-4)) < stat(Float64Array.of(best))) best = k * 1e-4;

  test.each([["default", {}], ["0.1", { step: [0.1] }], ["1", { step: [1] }]] as const)("finds the negative minimum from norm 1 (initial step %s)", (_, options) => {
    expect(best).toBeCloseTo(-0.0563, 3);
    const r = minimizeVariableMetric(stat, [1], options);
    expect(r.success).toBe(true);
    expect(Math.abs(r.x[0]! - best)).toBeLessThan(2e-3);
    expect(r.fval - stat(Float64Array.of(best))).toBeLessThan(2e-4);
  });
});
