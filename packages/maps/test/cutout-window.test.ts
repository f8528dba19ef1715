/**
 * copyImageWindow: its paths (whole image, whole rows, row by row) against a plain
 * per-element reference, on random windows.
 */
import { describe, expect, test } from "vitest";
import { copyImageWindow } from "../src/wcs/cutout.js";
import type { OverlapSlices } from "../src/wcs/cutout.js";
import { seededRandom } from "./wcs-live.js";

type Data = Float64Array | Float32Array | Uint8Array;

function reference(nPlanes: number, src: Data, sny: number, snx: number, s: OverlapSlices, dst: Data, dny: number, dnx: number, dy0: number, dx0: number): void {
  for (let p = 0; p < nPlanes; p++) {
    for (let y = s.y0; y < s.y1; y++) {
      for (let x = s.x0; x < s.x1; x++) dst[p * dny * dnx + (y - s.y0 + dy0) * dnx + (x - s.x0 + dx0)] = src[p * sny * snx + y * snx + x]!;
    }
  }
}

const rnd = seededRandom(11);
const int = (n: number): number => Math.floor(rnd() * n);

describe("copyImageWindow", () => {
  const kinds: [string, (n: number) => Data][] = [
    ["float64", (n) => Float64Array.from({ length: n }, () => (rnd() < 0.05 ? NaN : rnd() * 100 - 50))],
    ["float32", (n) => Float32Array.from({ length: n }, () => rnd() * 10)],
    ["bool", (n) => Uint8Array.from({ length: n }, () => (rnd() < 0.5 ? 1 : 0))],
  ];
  for (const [name, make] of kinds) {
    test(`${name}: random windows, short and long rows, equal to the element-wise copy`, () => {
      for (let trial = 0; trial < 60; trial++) {
        const snx = 1 + int(trial % 3 === 0 ? 300 : 40);
        const sny = 1 + int(30);
        const nPlanes = 1 + int(4);
        const x0 = int(snx);
        const y0 = int(sny);
        const s = { x0, x1: x0 + 1 + int(snx - x0), y0, y1: y0 + 1 + int(sny - y0) };
        const w = s.x1 - s.x0;
        const h = s.y1 - s.y0;
        // Destination: sometimes exactly the window (the cut-out case), sometimes larger.
        const exact = trial % 2 === 0;
        const dnx = exact ? w : w + int(5);
        const dny = exact ? h : h + int(5);
        const dx0 = exact ? 0 : int(dnx - w + 1);
        const dy0 = exact ? 0 : int(dny - h + 1);
        const src = make(nPlanes * sny * snx);
        const fresh = (): Data => (src instanceof Float64Array ? new Float64Array(nPlanes * dny * dnx).fill(-7) : src instanceof Float32Array ? new Float32Array(nPlanes * dny * dnx).fill(-7) : new Uint8Array(nPlanes * dny * dnx).fill(3));
        const got = fresh();
        const want = fresh();
        copyImageWindow(nPlanes, src, sny, snx, s, got, dny, dnx, dy0, dx0);
        reference(nPlanes, src, sny, snx, s, want, dny, dnx, dy0, dx0);
        expect(Array.from(got)).toEqual(Array.from(want));
      }
    });
  }

  test("whole image and whole rows", () => {
    const src = Float64Array.from({ length: 2 * 5 * 7 }, (_, i) => i);
    const all = new Float64Array(src.length);
    copyImageWindow(2, src, 5, 7, { x0: 0, x1: 7, y0: 0, y1: 5 }, all, 5, 7, 0, 0);
    expect(Array.from(all)).toEqual(Array.from(src));
    const rows = new Float64Array(2 * 2 * 7);
    copyImageWindow(2, src, 5, 7, { x0: 0, x1: 7, y0: 1, y1: 3 }, rows, 2, 7, 0, 0);
    expect(Array.from(rows.subarray(0, 14))).toEqual(Array.from(src.subarray(7, 21)));
    expect(Array.from(rows.subarray(14))).toEqual(Array.from(src.subarray(42, 56)));
  });
});
