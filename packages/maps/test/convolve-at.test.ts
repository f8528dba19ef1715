/**
 * convolveSameAt over the pixels nonZeroPixels lists must give exactly what
 * convolveSameSparse gives (same sums, same order), edges and NaN included.
 */
import { describe, expect, it } from "vitest";
import { convolveSameAt, convolveSameSparse, nonZeroPixels } from "../src/wcs/convolve.js";

const same = (a: Float64Array, b: Float64Array): boolean => a.length === b.length && a.every((v, i) => Object.is(v, b[i]));

describe("convolveSameAt", () => {
  it("equals convolveSameSparse on a sparse image with edge pixels and a NaN", () => {
    const ny = 9;
    const nx = 11;
    const img = new Float64Array(ny * nx);
    img[0] = 1.5;
    img[4 * nx + 5] = 0.3;
    img[4 * nx + 6] = 2.7;
    img[ny * nx - 1] = 0.9;
    img[2 * nx + 10] = NaN;
    const ky = 5;
    const kx = 7;
    const kernel = Float64Array.from({ length: ky * kx }, (_, i) => (i % 6 === 0 ? 0 : Math.sin(i) ** 2 / 10));
    const idx = new Int32Array(ny * nx);
    const n = nonZeroPixels(img, 0, ny * nx, idx);
    expect(n).toBe(5);
    const a = convolveSameAt(idx, n, img, 0, ny, nx, kernel, 0, ky, kx, new Float64Array(ny * nx).fill(7), 0);
    const b = convolveSameSparse(img, 0, ny, nx, kernel, 0, ky, kx, new Float64Array(ny * nx).fill(7), 0);
    expect(same(a, b)).toBe(true);
    expect(a[4 * nx + 5]).not.toBe(0);
  });
});
