/**
 * interpByPix with one position (x, y given once) and many axis values takes a path that
 * locates the position once; it must give exactly the values of the point-by-point path
 * (the same coordinates given per point), fill values, NaN and extrapolation included.
 */
import { describe, expect, it } from "vitest";
import { MapAxis } from "../src/map-axis.js";
import { WcsGeom } from "../src/wcs/wcs-geom.js";
import { WcsNDMap } from "../src/wcs/wcs-nd-map.js";

function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

const same = (a: Float64Array, b: Float64Array): boolean => a.length === b.length && a.every((v, i) => Object.is(v, b[i]));

describe("interpByPix: one position, many axis values", () => {
  const rnd = lcg(5);
  const rad = MapAxis.fromEdges(Float64Array.from({ length: 9 }, (_, i) => i * 0.1), { name: "rad", unit: "deg" });
  const energy = MapAxis.fromEnergyBounds(0.1, 100, 5, { name: "energy_true" });
  const geom = WcsGeom.create({ skydir: [83.6, 22], binsz: 0.5, width: [3, 2], axes: [rad, energy] });
  const data = Float64Array.from({ length: geom.size }, () => (rnd() < 0.1 ? 0 : rnd() * 5));
  data[17] = NaN;
  data[40] = Infinity;
  const map = new WcsNDMap(geom, data);
  const n = 60;
  const r = Float64Array.from({ length: n }, (_, i) => (i === 13 ? NaN : -1.5 + i * 0.17));
  const e = Float64Array.from({ length: n }, () => -0.7 + rnd() * 6);
  for (const method of ["linear", "nearest"] as const) {
    for (const fillValue of [null, -1]) {
      for (const [x, y] of [[2.3, 1.6], [0, 3], [-0.4, 1.2], [5.7, 0.2], [NaN, 1]]) {
        it(`${method}, fill ${fillValue}, position (${x}, ${y})`, () => {
          const options = fillValue === null ? { method } : { method, fillValue };
          const fast = map.interpByPix([[x!], [y!], r, e], options);
          const slow = map.interpByPix([new Float64Array(n).fill(x!), new Float64Array(n).fill(y!), r, e], options);
          expect(same(fast, slow)).toBe(true);
          const oneAxis = map.interpByPix([[x!], [y!], [2.5], e], options);
          expect(same(oneAxis, map.interpByPix([new Float64Array(n).fill(x!), [y!], [2.5], e], options))).toBe(true);
        });
      }
    }
  }
});
