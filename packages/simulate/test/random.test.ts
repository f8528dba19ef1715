import { describe, expect, it } from "vitest";
import { Random, deriveSeed, logFactorial } from "@gammats/core";
import { sampleLinearPdf, trapezoidCdf, pickNode } from "@gammats/simulate";
import { mean, variance } from "./helpers.js";

describe("Random", () => {
  it("gives the same stream for the same seed and different streams for close seeds", () => {
    const a = new Random(42);
    const b = new Random(42);
    const c = new Random(43);
    const xa = Array.from({ length: 5 }, () => a.nextUint32());
    expect(Array.from({ length: 5 }, () => b.nextUint32())).toEqual(xa);
    expect(Array.from({ length: 5 }, () => c.nextUint32())).not.toEqual(xa);
    expect(deriveSeed(1, 1001)).not.toBe(deriveSeed(1, 1002));
    expect(deriveSeed(1, 1001)).toBe(deriveSeed(1, 1001));
  });

  it("draws uniforms in [0, 1) with mean 1/2 and variance 1/12", () => {
    const rng = new Random(1);
    const x = rng.fillUniform(new Float64Array(200_000));
    expect(x.reduce((m, v) => Math.min(m, v), 1)).toBeGreaterThanOrEqual(0);
    expect(x.reduce((m, v) => Math.max(m, v), 0)).toBeLessThan(1);
    expect(Math.abs(mean(x) - 0.5)).toBeLessThan(3 * Math.sqrt(1 / 12 / x.length));
    expect(Math.abs(variance(x) - 1 / 12)).toBeLessThan(0.002);
  });

  it("draws standard normals", () => {
    const rng = new Random(2);
    const x = Float64Array.from({ length: 200_000 }, () => rng.normal());
    expect(Math.abs(mean(x))).toBeLessThan(3 / Math.sqrt(x.length));
    expect(Math.abs(variance(x) - 1)).toBeLessThan(3 * Math.sqrt(2 / x.length));
    const tail = x.filter((v) => v > 1.959964).length / x.length;
    expect(Math.abs(tail - 0.025)).toBeLessThan(3 * Math.sqrt((0.025 * 0.975) / x.length));
  });

  it.each([0.3, 4.5, 9.99, 10, 37, 1000, 5e5])("draws Poisson deviates with mean and variance %d", (mu) => {
    const rng = new Random(3);
    const n = 50_000;
    const x = Float64Array.from({ length: n }, () => rng.poisson(mu));
    expect(x.every((k) => Number.isInteger(k) && k >= 0)).toBe(true);
    expect(Math.abs(mean(x) - mu)).toBeLessThan(4 * Math.sqrt(mu / n));
    // Var of the sample variance ≈ (μ + 2μ²) / n for a Poisson law.
    expect(Math.abs(variance(x) - mu)).toBeLessThan(4 * Math.sqrt((mu + 2 * mu * mu) / n));
    if (mu === 4.5) {
      // P(k = 0) = exp(-4.5)
      const p0 = x.filter((k) => k === 0).length / n;
      expect(Math.abs(p0 - Math.exp(-4.5))).toBeLessThan(4 * Math.sqrt(Math.exp(-4.5) / n));
    }
  });

  it("computes log factorials across the table/Stirling switch", () => {
    let exact = 0;
    for (let k = 1; k <= 60; k++) {
      exact += Math.log(k);
      expect(Math.abs(logFactorial(k) - exact)).toBeLessThan(1e-10 * Math.max(1, exact));
    }
  });
});

describe("inverse-CDF sampling of piecewise-linear densities", () => {
  it("inverts a triangular density exactly", () => {
    // p(x) = 2x on [0, 1]: F(x) = x², quantile sqrt(u).
    const x = Float64Array.of(0, 1);
    const p = Float64Array.of(0, 2);
    const cdf = new Float64Array(2);
    expect(trapezoidCdf(2, x, p, 0, cdf, 0)).toBe(1);
    for (const u of [0.01, 0.25, 0.5, 0.9]) expect(sampleLinearPdf(2, x, p, 0, cdf, 0, u)).toBeCloseTo(Math.sqrt(u), 12);
  });

  it("skips zero-mass intervals and lands on the right segment", () => {
    const x = Float64Array.of(0, 1, 2, 3);
    const p = Float64Array.of(0, 0, 1, 1);
    const cdf = new Float64Array(4);
    const total = trapezoidCdf(4, x, p, 0, cdf, 0);
    expect(total).toBe(1.5);
    // Mass 0.5 on [1, 2] (density x - 1), 1 on [2, 3]: u = 1/3 is the end of [1, 2].
    expect(sampleLinearPdf(4, x, p, 0, cdf, 0, 1e-9)).toBeGreaterThan(1);
    expect(sampleLinearPdf(4, x, p, 0, cdf, 0, 1 / 3)).toBeCloseTo(2, 9);
    expect(sampleLinearPdf(4, x, p, 0, cdf, 0, 2 / 3)).toBeCloseTo(2.5, 9);
  });

  it("picks neighbouring nodes with the interpolation weights", () => {
    const grid = Float64Array.of(0, 1, 2);
    expect(pickNode(grid, 0.25, 0.2)).toBe(1);
    expect(pickNode(grid, 0.25, 0.3)).toBe(0);
    expect(pickNode(grid, -1, 0.9)).toBe(0);
    expect(pickNode(grid, 5, 0.1)).toBe(2);
  });
});
