/**
 * The Nelder–Mead backend (fmin with restarts): known minima, bounds, NaN.
 */
import { describe, expect, test } from "vitest";
import { minimize, minimizeNelderMead } from "@gammats/fit";
import { expectClose } from "./helpers.js";
import { COVARIANCE_3D, MEAN_3D, gaussianStat, invert3, rosenbrock } from "./test-functions.js";

describe("minimizeNelderMead", () => {
  test("Rosenbrock from (-1.2, 1)", () => {
    const r = minimizeNelderMead(rosenbrock, [-1.2, 1], { tol: 1e-4 });
    expect(r.success).toBe(true);
    expect(r.method).toBe("nelder-mead");
    expectClose(r.x, [1, 1], 0, 1e-2, "x");
    expect(Number.isNaN(r.edm)).toBe(true);
  });

  test("correlated 3-d quadratic (a shrink-needing problem: restarts instead of fmin's broken shrink)", () => {
    const f = gaussianStat(MEAN_3D, invert3(COVARIANCE_3D));
    const r = minimize(f, [0, 0, 0], { method: "nelder-mead" });
    expect(r.success).toBe(true);
    expectClose(r.x, MEAN_3D, 0, 0.05, "x");
    expect(r.fval).toBeLessThan(2e-3);
  });

  test("non-smooth |x| + |y − 1|: reaches the kink", () => {
    const r = minimizeNelderMead((x) => Math.abs(x[0]!) + Math.abs(x[1]! - 1), [3, -2], { tol: 1e-4 });
    expect(r.success).toBe(true);
    expectClose(r.x, [0, 1], 0, 1e-3, "x");
  });

  test("bounded: minimum beyond the upper bound ends on it", () => {
    const r = minimizeNelderMead((x) => (x[0]! - 3) ** 2 + (x[1]! - 1) ** 2, [0.5, 0], { lower: [0, NaN], upper: [2, NaN] });
    expect(r.x[0]).toBeCloseTo(2, 3);
    expect(r.x[0]).toBeLessThanOrEqual(2);
  });

  test("NaN objective: failure, no hang", () => {
    const r = minimizeNelderMead(() => NaN, [1]);
    expect(r.success).toBe(false);
    expect(r.status).toBe("nan-objective");
    const partial = minimizeNelderMead((x) => (x[0]! < 2 ? (x[0]! - 3) ** 2 : NaN), [0], { maxfev: 400 });
    expect(partial.nfev).toBeLessThanOrEqual(400);
    expect(partial.x[0]).toBeLessThan(2);
  });
});
