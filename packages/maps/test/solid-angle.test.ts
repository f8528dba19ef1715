/**
 * solidAngleKernel (shared corner and edge terms, loops inlined) against a per-pixel
 * evaluation of the same formula — Vincenty separations and position angles of each
 * pixel's corners, two planar triangles — value for value, on several projections.
 */
import { describe, expect, test } from "vitest";
import { WcsGeom } from "../src/wcs/wcs-geom.js";
import { solidAngleKernel } from "../src/wcs/solid-angle.js";
import { seededRandom } from "./wcs-live.js";

const D2R = Math.PI / 180;

function sep(l1: number, b1: number, l2: number, b2: number): number {
  const dl = l2 - l1;
  const [sdl, cdl] = [Math.sin(dl), Math.cos(dl)];
  const [sb1, cb1, sb2, cb2] = [Math.sin(b1), Math.cos(b1), Math.sin(b2), Math.cos(b2)];
  const n1 = cb2 * sdl;
  const n2 = cb1 * sb2 - sb1 * cb2 * cdl;
  return Math.atan2(Math.sqrt(n1 * n1 + n2 * n2), sb1 * sb2 + cb1 * cb2 * cdl);
}

function pa(l1: number, b1: number, l2: number, b2: number): number {
  const dl = l2 - l1;
  return Math.atan2(Math.sin(dl) * Math.cos(b2), Math.sin(b2) * Math.cos(b1) - Math.cos(b2) * Math.sin(b1) * Math.cos(dl));
}

function perPixel(nx: number, ny: number, lon: Float64Array, lat: Float64Array): Float64Array {
  const out = new Float64Array(nx * ny);
  const w = nx + 1;
  const c = (j: number, i: number): [number, number] => [lon[j * w + i]! * D2R, lat[j * w + i]! * D2R];
  for (let j = 0; j < ny; j++) {
    for (let i = 0; i < nx; i++) {
      const a = c(j, i);
      const b = c(j + 1, i);
      const cc = c(j, i + 1);
      const d = c(j + 1, i + 1);
      const low = sep(...a, ...b);
      const left = sep(...a, ...cc);
      const up = sep(...cc, ...d);
      const right = sep(...b, ...d);
      const angleB = pa(...b, ...d) - pa(...b, ...a);
      const angleC = pa(...cc, ...d) - pa(...a, ...cc);
      out[j * nx + i] = Math.abs(0.5 * low * right * Math.sin(angleB) + 0.5 * up * left * Math.sin(angleC));
    }
  }
  return out;
}

describe("solidAngleKernel", () => {
  const geoms = [
    WcsGeom.create({ skydir: [83.633, 22.014], binsz: 0.04, width: [3.48, 5], frame: "icrs" }),
    WcsGeom.create({ skydir: [0, 89.5], binsz: 0.1, width: 3, frame: "galactic", proj: "TAN" }),
    WcsGeom.create({ skydir: [266.4, -28.9], binsz: 0.5, width: [20, 10], frame: "icrs", proj: "AIT" }),
  ];
  for (const g of geoms) {
    test(`${g.wcs.projection} ${g.npix}: the per-pixel formula exactly`, () => {
      const e = g.getCoord({ mode: "edges" });
      const [nx, ny] = g.npix;
      const got = solidAngleKernel(nx, ny, e.lon, e.lat, new Float64Array(nx * ny));
      expect(Array.from(got)).toEqual(Array.from(perPixel(nx, ny, e.lon, e.lat)));
    });
  }

  test("sin is odd and cos even, bit for bit (the back position angle relies on it)", () => {
    const rnd = seededRandom(3);
    for (let k = 0; k < 20000; k++) {
      const x = (rnd() - 0.5) * 10 ** (6 * rnd() - 5);
      expect(Math.sin(-x)).toBe(-Math.sin(x));
      expect(Math.cos(-x)).toBe(Math.cos(x));
    }
  });
});
