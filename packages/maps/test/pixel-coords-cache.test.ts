/**
 * Pixel-centre coordinates and separations are cached per image geometry (by value):
 * equal geometries that are different objects share them, callers get copies they may
 * change, and the numbers are those of a fresh computation; cut-outs of one geometry
 * (whole-pixel CRPIX shifts) share one canvas with the same numbers.
 */
import { WcsGeom } from "@gammats/maps";
import { pixelGrid, separationFrom } from "../src/wcs/image-coords.js";
import { solidAngleKernel } from "../src/wcs/solid-angle.js";
import { describe, expect, it } from "vitest";

describe("pixel-coordinate cache", () => {
  it("equal geometries share values; results are copies", () => {
    const a = WcsGeom.create({ skydir: [83.63, 22.01], binsz: 0.1, width: 2, frame: "icrs" });
    const b = WcsGeom.create({ skydir: [83.63, 22.01], binsz: 0.1, width: 2, frame: "icrs" });
    const c1 = a.getCoord();
    const lon0 = c1.lon[5]!;
    c1.lon[5] = 999; // the caller's copy
    const c2 = b.getCoord();
    expect(c2.lon[5]).toBe(lon0);
    const sep1 = a.separation(83.63, 21.51, "icrs");
    const fresh = separationFrom(83.63, 21.51, c2.lon, c2.lat, new Float64Array(c2.lon.length));
    expect(Array.from(sep1)).toEqual(Array.from(fresh));
    sep1[0] = -1;
    expect(b.separation(83.63, 21.51, "icrs")[0]).toBe(fresh[0]);
    // Another direction, another geometry: their own values.
    expect(a.separation(83.63, 22.01, "icrs")[0]).not.toBe(fresh[0]);
    const shifted = WcsGeom.create({ skydir: [83.73, 22.01], binsz: 0.1, width: 2, frame: "icrs" });
    expect(shifted.getCoord().lon[5]).not.toBe(lon0);
  });
});

describe("whole-pixel-shifted geometries share canvases", () => {
  // The direct computation, without any cache.
  const fresh = (g: WcsGeom, offset: number): { lon: Float64Array; lat: Float64Array } => {
    const n = offset === 0 ? 0 : 1;
    const { x, y } = pixelGrid(g.npix[0] + n, g.npix[1] + n, offset);
    return g.wcs.pixToSky(x, y);
  };
  const freshSolidAngle = (g: WcsGeom): Float64Array => {
    const e = fresh(g, -0.5);
    return solidAngleKernel(g.npix[0], g.npix[1], e.lon, e.lat, new Float64Array(g.npix[0] * g.npix[1]));
  };
  const same = (a: ArrayLike<number>, b: ArrayLike<number>): void => {
    expect(a.length).toBe(b.length);
    for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) expect([i, a[i]]).toEqual([i, b[i]]);
  };

  it.each([
    ["CAR", "icrs", [83.633, 22.014], 0.04, 63],
    ["TAN", "galactic", [-12.3, 1.7], 0.05, 40.5],
    ["AIT", "icrs", [10, -80], 2, 45.25],
  ] as const)("%s cut-outs in any order give the values of a fresh computation", (proj, frame, skydir, binsz, size) => {
    const ref = WcsGeom.create({ skydir: [skydir[0], skydir[1]], binsz, npix: [Math.round(size * 2), Math.round(size * 2)], frame, proj });
    // Overlapping, disjoint, contained and out-of-image windows (random order, seeded).
    let seed = 7;
    const rnd = (): number => ((seed = (seed * 16807) % 2147483647) / 2147483647);
    for (let k = 0; k < 12; k++) {
      const x0 = Math.floor(rnd() * size * 2.4) - size * 0.2;
      const y0 = Math.floor(rnd() * size * 2.4) - size * 0.2;
      const w = 1 + Math.floor(rnd() * size);
      const h = 1 + Math.floor(rnd() * size);
      const g = new WcsGeom(ref.wcs.copy({ crpix: [ref.wcs.crpix[0] - x0, ref.wcs.crpix[1] - y0] }), [w, h]);
      const c = g.getCoord();
      const f = fresh(g, 0);
      same(c.lon, f.lon);
      same(c.lat, f.lat);
      const e = g.getCoord({ mode: "edges" });
      const fe = fresh(g, -0.5);
      same(e.lon, fe.lon);
      same(e.lat, fe.lat);
      same(g.solidAngle(), freshSolidAngle(g));
      const sep = g.separation(skydir[0] + 0.3, skydir[1] - 0.2);
      same(sep, separationFrom(skydir[0] + 0.3, skydir[1] - 0.2, f.lon, f.lat, new Float64Array(f.lon.length)));
    }
  });

  it("CRPIX off the exact grid: only the exact WCS shares (still the fresh values)", () => {
    const ref = WcsGeom.create({ skydir: [83.633, 22.014], binsz: 0.1, npix: [20, 20], frame: "icrs" });
    const a = new WcsGeom(ref.wcs.copy({ crpix: [10.1, 10.3] }), [20, 20]);
    const b = new WcsGeom(ref.wcs.copy({ crpix: [7.1, 10.3] }), [20, 20]);
    for (const g of [a, b, a]) {
      same(g.getCoord().lon, fresh(g, 0).lon);
      same(g.solidAngle(), freshSolidAngle(g));
    }
  });
});
