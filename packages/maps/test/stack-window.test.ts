/**
 * The window stacking kernel against a direct per-element transcription (dst += nan→0(src·scale)·w
 * over the window), on random data with NaN and ±inf, for broadcast and per-plane weights,
 * windows at the edges and inside, float32 and float64 targets.
 */
import { describe, expect, it } from "vitest";
import { stackWindow } from "../src/wcs/stack.js";
import type { OverlapSlices } from "../src/wcs/cutout.js";

function reference(
  nPlanes: number, src: ArrayLike<number>, sny: number, snx: number, win: OverlapSlices, dst: Float64Array | Float32Array,
  dny: number, dnx: number, x0: number, y0: number, scale: number, weights: ArrayLike<number> | undefined, nanToNum: boolean,
): void {
  const img = sny * snx;
  for (let p = 0; p < nPlanes; p++) {
    for (let y = win.y0; y < win.y1; y++) {
      for (let x = win.x0; x < win.x1; x++) {
        let v = src[p * img + y * snx + x]! * scale;
        if (nanToNum && !Number.isFinite(v)) v = 0;
        if (weights !== undefined) v *= weights[(weights.length > img ? p * img : 0) + y * snx + x]!;
        dst[(p * dny + y + y0) * dnx + x + x0] += v;
      }
    }
  }
}

describe("stackWindow", () => {
  let seed = 5;
  const rnd = (): number => ((seed = (seed * 16807) % 2147483647) / 2147483647);
  const data = (n: number): Float64Array =>
    Float64Array.from({ length: n }, () => {
      const r = rnd();
      return r < 0.05 ? NaN : r < 0.07 ? Infinity : r < 0.08 ? -Infinity : r < 0.15 ? 0 : rnd() * 10 - 3;
    });
  it.each([
    ["whole small map inside", { y0: 0, y1: 4, x0: 0, x1: 5 }, 2, 3, "image", true, Float64Array],
    ["partial window, per-plane weights", { y0: 1, y1: 3, x0: 2, x1: 5 }, 0, 0, "planes", true, Float64Array],
    ["no weights, keep NaN", { y0: 0, y1: 4, x0: 1, x1: 4 }, 4, 1, "none", false, Float64Array],
    ["float32 target", { y0: 2, y1: 4, x0: 0, x1: 3 }, 6, 5, "image", true, Float32Array],
    ["empty window", { y0: 2, y1: 2, x0: 0, x1: 5 }, 0, 0, "image", true, Float64Array],
  ] as const)("%s", (_name, win, x0, y0, wKind, nanToNum, Arr) => {
    const [nPlanes, sny, snx, dny, dnx] = [3, 4, 5, 9, 11];
    const src = data(nPlanes * sny * snx);
    const weights = wKind === "none" ? undefined : Float64Array.from({ length: (wKind === "planes" ? nPlanes : 1) * sny * snx }, () => (rnd() < 0.3 ? 0 : rnd()));
    const dst = Arr.from({ length: nPlanes * dny * dnx }, () => rnd());
    const expected = dst.slice();
    reference(nPlanes, src, sny, snx, win, expected, dny, dnx, x0, y0, 1e4, weights, nanToNum);
    stackWindow(nPlanes, src, sny, snx, win, dst, dny, dnx, x0, y0, 1e4, weights, nanToNum);
    expect(Array.from(dst)).toEqual(Array.from(expected));
  });
});
