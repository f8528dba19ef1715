/**
 * The batch forms of ScaledGridInterpolator (evaluateGrid, evaluateGridPoints) must give
 * exactly the values of `evaluate` on the flattened points — zero-weight corners skipped,
 * zero rows filled, unrolled rows and the post-fill included — so they are compared bit
 * for bit on seeded random grids with zeros, nodes hit exactly, extrapolation and NaN.
 */
import { ScaledGridInterpolator } from "@gammats/maps";
import type { GridPostFill, InterpScale } from "@gammats/maps";
import { describe, expect, it } from "vitest";

function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

/** Outer product of per-axis coordinates, flattened (C order). */
function flatten(axes: ArrayLike<number>[]): Float64Array[] {
  const n = axes.reduce((p, a) => p * a.length, 1);
  let inner = n;
  return axes.map((a) => {
    inner /= a.length;
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) out[i] = a[Math.floor(i / inner) % a.length]!;
    return out;
  });
}

function grid(rnd: () => number, shape: number[], zeroFraction: number): Float64Array {
  const n = shape.reduce((a, b) => a * b, 1);
  return Float64Array.from({ length: n }, () => (rnd() < zeroFraction ? 0 : rnd() * 10));
}

const same = (a: Float64Array, b: Float64Array): boolean => a.length === b.length && a.every((v, i) => Object.is(v, b[i]));

describe("grid product kernel: identical to point-by-point evaluation", () => {
  const nodes = [
    Float64Array.of(0.5, 1, 2, 5, 10), // log
    Float64Array.of(0.2, 0.4, 0.6, 0.8, 1, 1.2, 1.4), // lin (hit exactly below)
    Float64Array.of(0, 0.5, 1, 1.5, 2, 2.5), // lin
  ];
  for (const [valuesScale, zeros] of [["lin", 0.5], ["log", 0.3], ["sqrt", 0.2]] as [InterpScale, number][]) {
    it(`3D, ${valuesScale} values, ${zeros * 100}% zeros: evaluateGrid, with and without a post-fill`, () => {
      const rnd = lcg(42);
      const interp = new ScaledGridInterpolator(nodes, grid(rnd, [5, 7, 6], zeros), { pointsScale: ["log", "lin", "lin"], valuesScale });
      const e = Float64Array.of(0.3, 0.7, 2, 3.3, 12);
      const m = Float64Array.from(nodes[1]!); // exactly on the nodes: zero-weight corners
      const o = Float64Array.from({ length: 40 }, (_, i) => (i === 7 ? NaN : -0.3 + i * 0.08));
      const flat = flatten([e, m, o]);
      expect(same(interp.evaluateGrid([e, m, o]), interp.evaluate(flat))).toBe(true);
      // Post-fill: a mask on some points of some rows, and non-finite results.
      const post: GridPostFill = {
        value: -1,
        nonFinite: true,
        rowMask: (row) => (row % 3 === 0 ? Uint8Array.from(o, (_, i) => (i % 5 === 0 ? 1 : 0)) : null),
      };
      const expected = interp.evaluate(flat);
      for (let i = 0; i < expected.length; i++) {
        const row = Math.floor(i / o.length);
        if ((row % 3 === 0 && (i % o.length) % 5 === 0) || !Number.isFinite(expected[i]!)) expected[i] = -1;
      }
      expect(same(interp.evaluateGrid([e, m, o], undefined, { post }), expected)).toBe(true);
    });
  }

  it("evaluateGridPoints: energies × (lon, lat) pixels, as evaluate on the flattened points", () => {
    const rnd = lcg(7);
    const lon = Float64Array.of(-2, -1, 0, 1, 2);
    const lat = Float64Array.of(-2, -1, 0, 1, 2);
    const interp = new ScaledGridInterpolator([nodes[0]!, lon, lat], grid(rnd, [5, 5, 5], 0.4), { pointsScale: ["log", "lin", "lin"], valuesScale: "log" });
    const e = Float64Array.of(0.5, 1, 1.7, 4, 11);
    const n = 300;
    const pl = Float64Array.from({ length: n }, () => rnd() * 5 - 2.5);
    const pb = Float64Array.from({ length: n }, () => rnd() * 5 - 2.5);
    pl[10] = NaN;
    const flatE = new Float64Array(e.length * n);
    const flatL = new Float64Array(e.length * n);
    const flatB = new Float64Array(e.length * n);
    for (let k = 0; k < e.length; k++) {
      flatE.fill(e[k]!, k * n, (k + 1) * n);
      flatL.set(pl, k * n);
      flatB.set(pb, k * n);
    }
    expect(same(interp.evaluateGridPoints([e], [pl, pb]), interp.evaluate([flatE, flatL, flatB]))).toBe(true);
  });

  for (const [valuesScale, fillValue] of [["lin", "extrapolate"], ["log", 0], ["sqrt", NaN]] as [InterpScale, number | "extrapolate"][]) {
    it(`rows of one point (long dimension looped innermost), ${valuesScale} values, fill ${fillValue}`, () => {
      const rnd = lcg(11);
      const ny = Float64Array.of(0, 1, 2, 3);
      const nx = Float64Array.of(0, 1, 2);
      const interp = new ScaledGridInterpolator([nodes[0]!, nodes[2]!, ny, nx], grid(rnd, [5, 6, 4, 3], 0.3), {
        pointsScale: ["log", "lin", "lin", "lin"],
        valuesScale,
        fillValue,
      });
      const e = Float64Array.of(0.3, 1, 2.2, 12);
      const r = Float64Array.from({ length: 70 }, (_, i) => (i === 9 ? NaN : -0.4 + i * 0.05));
      for (const [y, x] of [[1.3, 0.6], [2, 1], [-0.5, 2.5], [NaN, 1]]) {
        const axes = [e, r, Float64Array.of(y!), Float64Array.of(x!)];
        expect(same(interp.evaluateGrid(axes), interp.evaluate(flatten(axes)))).toBe(true);
        // The long dimension last but one, and first.
        const a3 = [e, Float64Array.of(1.1), r, Float64Array.of(x!)];
        expect(same(interp.evaluateGrid(a3), interp.evaluate(flatten(a3)))).toBe(true);
        const a1 = [Float64Array.of(3), r, Float64Array.of(y!), Float64Array.of(x!)];
        expect(same(interp.evaluateGrid(a1), interp.evaluate(flatten(a1)))).toBe(true);
      }
    });
  }

  it("zero rows: a row whose corners are all zero is exactly scaleInverse(0) (lin: 0, log: 1 before clip)", () => {
    const values = new Float64Array(2 * 3 * 4); // all zero
    values[23] = 5;
    const interp = new ScaledGridInterpolator([[1, 2], [0, 1, 2], [0, 1, 2, 3]], values);
    const out = interp.evaluateGrid([[1.5], [0, 0.5, 1], [-1, 0.5, 3.5]]);
    const flat = interp.evaluate(flatten([Float64Array.of(1.5), Float64Array.of(0, 0.5, 1), Float64Array.of(-1, 0.5, 3.5)]));
    expect(same(out, flat)).toBe(true);
    expect(Array.from(out.subarray(0, 6))).toEqual([0, 0, 0, 0, 0, 0]);
  });
});
