/**
 * trapzLogLog (the row kernel) against powerLawSegmentIntegral (one segment), value for
 * value, on random integrands with zeros, NaN, equal neighbours and index-1 segments.
 */
import { describe, expect, test } from "vitest";
import { powerLawSegmentIntegral, trapzLogLog } from "../src/trapz-log-log.js";

function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

describe("trapzLogLog", () => {
  test("equals powerLawSegmentIntegral per segment (zeros, NaN, ties, x^-1)", () => {
    const rnd = lcg(5);
    const x = Float64Array.of(0.1, 0.3, 1, 1, 3.7, 10, 100);
    const m = 400;
    const y = new Float64Array(x.length * m);
    for (let i = 0; i < x.length; i++) {
      for (let j = 0; j < m; j++) {
        const r = rnd();
        y[i * m + j] = r < 0.05 ? 0 : r < 0.08 ? NaN : r < 0.1 ? Infinity : 10 ** (4 * rnd() - 2);
      }
    }
    // Columns with a power law of index 1 (the log branch) and equal values.
    for (let i = 0; i < x.length; i++) {
      y[i * m] = 3 / x[i]!;
      y[i * m + 1] = 2.5;
    }
    const out = trapzLogLog(y, x, m, new Float64Array((x.length - 1) * m));
    for (let i = 0; i + 1 < x.length; i++) {
      for (let j = 0; j < m; j++) {
        const want = powerLawSegmentIntegral(x[i]!, x[i + 1]!, y[i * m + j]!, y[(i + 1) * m + j]!);
        expect(Object.is(out[i * m + j], want) || out[i * m + j] === want).toBe(true);
      }
    }
    expect(out[m]).toBeCloseTo(3 * Math.log(1 / 0.3), 12); // ∫ 3/x over [0.3, 1]
  });
});
