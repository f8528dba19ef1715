/**
 * HESSE right after the minimiser, seeded with its last gradient (as Gammapy's Fit.run
 * hands its Minuit object to HESSE), on an objective whose curvature jumps away from the
 * minimum — as a point source's likelihood does at pixel centres (bilinear pixel
 * weights). Minuit's HESSE keeps the curvature at the gradient's small step when it
 * agrees with the gradient's; a fresh step search aims at a rise of ≈ sqrt(eps2)·|f|,
 * which for a large statistic lands beyond the jump and reports the steeper curvature.
 */
import { describe, expect, test } from "vitest";
import { Fit, hesse, minimize } from "@gammats/fit";
import { Parameter, Parameters } from "@gammats/modeling";

// Curvature 2 (σ = 1) within 0.3 of the minimum at 0.1, C¹ and 9 times steeper beyond;
// the offset makes the statistic as large as a 3D likelihood (≈ 2e4).
const KINK = 0.3;
function kinked(x: number): number {
  const d = Math.abs(x - 0.1);
  const inner = Math.min(d, KINK);
  const outer = Math.max(d - KINK, 0);
  return 2e4 + inner * inner + 2 * KINK * outer + 9 * outer * outer;
}
const f = (x: Float64Array): number => kinked(x[0]!);

describe("HESSE seeded with the minimiser's last gradient", () => {
  test("gives the curvature next to the minimum; a fresh search the one across the kink", () => {
    const r = minimize(f, [1.5], { step: [1] });
    expect(r.success).toBe(true);
    expect(Math.abs(r.x[0]! - 0.1)).toBeLessThan(0.03); // EDM < 2e-4: within 0.02 σ
    expect(r.derivatives?.step[0]).toBeLessThan(KINK);
    const seeded = hesse(f, r.x, { step: [1], seed: r.derivatives! });
    expect(seeded.errors[0]).toBeCloseTo(1, 2);
    const fresh = hesse(f, r.x, { step: [1] });
    expect(fresh.errors[0]).toBeLessThan(0.8);
  });

  test("Fit.run seeds its covariance; Fit.covariance alone searches afresh", () => {
    const x = new Parameter({ name: "x", value: 1.5 });
    const parameters = new Parameters([x]);
    const fit = new Fit();
    const result = fit.run(parameters, () => kinked(x.value));
    expect(result.success).toBe(true);
    expect(Math.abs(x.value - 0.1)).toBeLessThan(0.03);
    expect(x.error).toBeCloseTo(1, 2);
    fit.covariance(parameters, () => kinked(x.value));
    expect(x.error).toBeLessThan(0.8);
  });
});
