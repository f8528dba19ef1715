/**
 * Pixel-centre coordinates and separations are cached per image geometry (by value):
 * equal geometries that are different objects share them, callers get copies they may
 * change, and the numbers are those of a fresh computation.
 */
import { WcsGeom } from "@gammats/maps";
import { separationFrom } from "../src/wcs/image-coords.js";
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
