/**
 * The IRF map stacking kernel against a direct per-element transcription of its formula
 * (T ← nan→0((T·E_T + nan→0(O·E_O)·w) / (E_T + nan→0(E_O)·w_E)) in the overlap, nan_to_num
 * everywhere), on random data with NaN and ±inf, for windows that are inside, offset,
 * full-width, partly outside or disjoint.
 */
import { describe, expect, it } from "vitest";
import { stackIrfMapData } from "../src/maps/irf-map-stack.js";
import type { IrfStackLayout } from "../src/maps/irf-map-stack.js";

const n2n = (v: number): number => (v !== v ? 0 : v === Infinity ? Number.MAX_VALUE : v === -Infinity ? -Number.MAX_VALUE : v);

function reference(layout: IrfStackLayout, t: Float64Array, te: Float64Array, o: Float64Array, oe: Float64Array, wIrf: Float64Array, wExp: Float64Array): void {
  const [dnx, dny] = layout.target;
  const [snx, sny] = layout.other;
  const [x0, y0] = layout.offset;
  const di = dnx * dny;
  const si = snx * sny;
  const inside = (x: number, y: number): boolean => x >= 0 && x < dnx && y >= 0 && y < dny;
  const teOld = te.slice();
  for (let e = 0; e < layout.nExposurePlanes; e++) {
    for (let y = 0; y < sny; y++) {
      for (let x = 0; x < snx; x++) {
        if (!inside(x + x0, y + y0)) continue;
        const ve = Number.isFinite(oe[e * si + y * snx + x]!) ? oe[e * si + y * snx + x]! : 0;
        te[e * di + (y + y0) * dnx + x + x0] = teOld[e * di + (y + y0) * dnx + x + x0]! + ve * wExp[e * si + y * snx + x]!;
      }
    }
  }
  for (let p = 0; p < layout.nPlanes; p++) {
    const e = layout.exposurePlaneOf[p]!;
    for (let y = 0; y < sny; y++) {
      for (let x = 0; x < snx; x++) {
        if (!inside(x + x0, y + y0)) continue;
        const d = p * di + (y + y0) * dnx + x + x0;
        const de = e * di + (y + y0) * dnx + x + x0;
        let v = o[p * si + y * snx + x]! * oe[e * si + y * snx + x]!;
        if (!Number.isFinite(v)) v = 0;
        v *= wIrf[p * si + y * snx + x]!;
        t[d] = (t[d]! * teOld[de]! + v) / te[de]!;
      }
    }
  }
  for (let i = 0; i < layout.nPlanes * di; i++) t[i] = n2n(t[i]!);
}

describe("stackIrfMapData", () => {
  let seed = 11;
  const rnd = (): number => ((seed = (seed * 16807) % 2147483647) / 2147483647);
  const data = (n: number): Float64Array =>
    Float64Array.from({ length: n }, () => {
      const r = rnd();
      return r < 0.05 ? NaN : r < 0.07 ? Infinity : r < 0.08 ? -Infinity : r < 0.15 ? 0 : rnd() * 10;
    });
  it.each([
    ["inside", [9, 7], [4, 3], [2, 3]],
    ["full width", [9, 7], [9, 3], [0, 2]],
    ["full width and height", [9, 7], [9, 7], [0, 0]],
    ["left part, full height", [9, 7], [5, 7], [0, 0]],
    ["right part, full height", [9, 7], [5, 7], [4, 0]],
    ["partly outside", [9, 7], [6, 6], [-2, 4]],
    ["disjoint", [9, 7], [3, 3], [20, 1]],
  ] as const)("%s", (_name, target, other, offset) => {
    const nPlanes = 6;
    const nExposurePlanes = 3;
    const layout: IrfStackLayout = {
      nPlanes,
      nExposurePlanes,
      exposurePlaneOf: Int32Array.from({ length: nPlanes }, (_, p) => p % nExposurePlanes),
      target: [target[0], target[1]],
      other: [other[0], other[1]],
      offset: [offset[0], offset[1]],
    };
    const di = target[0] * target[1];
    const si = other[0] * other[1];
    const t = data(nPlanes * di);
    const te = Float64Array.from({ length: nExposurePlanes * di }, () => 1 + rnd());
    const o = data(nPlanes * si);
    const oe = data(nExposurePlanes * si);
    const wIrf = Float64Array.from({ length: nPlanes * si }, () => (rnd() < 0.3 ? 0 : 1));
    const wExp = Float64Array.from({ length: nExposurePlanes * si }, () => (rnd() < 0.3 ? 0 : 1));
    const t2 = t.slice();
    const te2 = te.slice();
    reference(layout, t2, te2, o, oe, wIrf, wExp);
    stackIrfMapData(layout, t, te, o, oe, {
      irf: wIrf,
      irfPlaneOf: Int32Array.from({ length: nPlanes }, (_, p) => p),
      exposure: wExp,
      exposurePlaneOf: Int32Array.from({ length: nExposurePlanes }, (_, e) => e),
    });
    expect(Array.from(t)).toEqual(Array.from(t2));
    expect(Array.from(te)).toEqual(Array.from(te2));
  });
});
