/**
 * Brent and secant root finders: roots, and iteration counts equal to scipy 1.10's
 * `root_scalar` (the numbers below come from it), which is what makes Gammapy's errors and
 * matching excesses reproducible, down to its NaN-input and non-convergent cases.
 */
import { describe, expect, test } from "vitest";
import { brentq, secant } from "@gammats/core";

function expectRel(actual: number, expected: number, rtol: number): void {
  expect(Math.abs(actual - expected), `${actual} vs ${expected}`).toBeLessThanOrEqual(rtol * Math.abs(expected));
}

describe("brentq", () => {
  // [name, f, a, b, scipy root, iterations, function calls, converged]
  const cases: [string, (x: number) => number, number, number, number, number, number, boolean][] = [
    ["x² − 2", (x) => x * x - 2, 0, 2, 1.4142135623731364, 8, 9, true],
    ["x² − 2 reversed bracket", (x) => x * x - 2, 2, 0, 1.4142135623730951, 9, 10, true],
    ["x³ − 2x − 5", (x) => x ** 3 - 2 * x - 5, 2, 3, 2.094551481542327, 7, 8, true],
    ["eˣ − 10", (x) => Math.exp(x) - 10, 0, 5, 2.302585092994085, 10, 11, true],
    ["step at 0.3", (x) => (x < 0.3 ? -1 : 1), 0, 1, 0.3000000000010914, 40, 41, true],
    // A triple root: scipy runs out of its 100 iterations here too.
    ["(x − 1)³", (x) => (x - 1) ** 3, -3, 10, 0.9999999999906876, 100, 102, false],
    // NaN everywhere: the product sign test passes and bisection walks to the initial
    // contrapoint 0 (not to the bracket) — Gammapy's errn with α = 0 ends exactly there.
    ["NaN", () => NaN, 0.5, 1, 1.8189894035458565e-12, 40, 41, true],
  ];
  for (const [name, f, a, b, root, iterations, calls, converged] of cases) {
    test(name, () => {
      const r = brentq(f, a, b);
      expectRel(r.root, root, 1e-14);
      expect(r.iterations).toBe(iterations);
      expect(r.functionCalls).toBe(calls);
      expect(r.converged).toBe(converged);
    });
  }

  test("root at an end point returns it without iterating", () => {
    expect(brentq((x) => x - 0.3, 0.3, 1)).toMatchObject({ root: 0.3, converged: true, iterations: 0 });
    expect(brentq((x) => x - 1, 0.3, 1)).toMatchObject({ root: 1, converged: true, iterations: 0 });
  });

  test("no sign change: refused with NaN", () => {
    const r = brentq((x) => x * x + 1, 0.3, 1);
    expect(r.flag).toBe("sign error");
    expect(r.converged).toBe(false);
    expect(r.root).toBeNaN();
  });

  test("tolerances are honoured", () => {
    const r = brentq((x) => Math.cos(x) - x, 0, 1, { xtol: 1e-4 });
    expect(Math.abs(r.root - 0.7390851332151607)).toBeLessThan(1e-4);
    expect(r.iterations).toBeLessThan(brentq((x) => Math.cos(x) - x, 0, 1).iterations);
  });
});

describe("secant", () => {
  const cases: [string, (x: number) => number, number, number, number, number, number, boolean][] = [
    ["x² − 2", (x) => x * x - 2, 1, 1.0001, 1.414213562373095, 6, 7, true],
    ["x³ − 2x − 5", (x) => x ** 3 - 2 * x - 5, 2, 2.0002, 2.0945514815423265, 5, 6, true],
    ["atan", (x) => Math.atan(x), 1.4, 1.4001, 3.1169375693906288e-15, 5, 6, true],
    // Equal function values: scipy returns the midpoint as converged.
    ["constant", () => 1, 0, 1, 0.5, 1, 2, true],
  ];
  for (const [name, f, x0, x1, root, iterations, calls, converged] of cases) {
    test(name, () => {
      const r = secant(f, x0, x1);
      expectRel(r.root, root, 1e-13);
      expect(r.iterations).toBe(iterations);
      expect(r.functionCalls).toBe(calls);
      expect(r.converged).toBe(converged);
    });
  }

  test("NaN function: 50 iterations, not converged", () => {
    const r = secant(() => NaN, 0, 1);
    expect(r).toMatchObject({ converged: false, iterations: 50, functionCalls: 52, flag: "maxiter" });
  });

  test("equal starting points are refused", () => {
    expect(secant((x) => x, 1, 1)).toMatchObject({ converged: false, flag: "equal starting points" });
  });
});
