/**
 * RegionGeom.contains projects only the directions inside a conservative sky box around
 * its regions; the answer must equal projecting every direction (each region's own
 * `contains` in the geometry's WCS), for unions, frames, the RA wrap and high latitudes.
 */
import { describe, expect, it } from "vitest";
import { Random } from "@gammats/core";
import { CircleSkyRegion, EllipseSkyRegion, RectangleSkyRegion, RegionGeom } from "@gammats/maps";
import type { SkyRegion } from "@gammats/maps";

const u = (rng: Random, a: number, b: number) => a + (b - a) * rng.uniform();

function randomRegion(rng: Random, lon0: number, lat0: number, frame: string): SkyRegion {
  const lon = (lon0 + u(rng, -2, 2) + 360) % 360;
  const lat = Math.max(-89, Math.min(89, lat0 + u(rng, -2, 2)));
  const kind = Math.floor(u(rng, 0, 3));
  if (kind === 0) return new CircleSkyRegion(lon, lat, u(rng, 0.05, 1.5), frame);
  if (kind === 1) return new EllipseSkyRegion(lon, lat, u(rng, 0.1, 3), u(rng, 0.1, 2), u(rng, 0, 180), frame);
  return new RectangleSkyRegion(lon, lat, u(rng, 0.1, 3), u(rng, 0.1, 2), u(rng, 0, 180), frame);
}

describe("RegionGeom.contains with the sky-box prefilter", () => {
  it.each([
    ["icrs near the RA wrap", 0.5, 10, "icrs"],
    ["galactic centre", 0, 0, "galactic"],
    ["icrs at high latitude", 120, 75, "icrs"],
    ["Crab field", 83.6, 22, "icrs"],
  ] as const)("equals projecting every direction: %s", (_label, lon0, lat0, frame) => {
    const rng = new Random(20261126);
    for (let trial = 0; trial < 20; trial++) {
      const regions = Array.from({ length: 1 + Math.floor(u(rng, 0, 3)) }, () => randomRegion(rng, lon0, lat0, frame));
      const geom = new RegionGeom(regions);
      const n = 4000;
      const lon = new Float64Array(n);
      const lat = new Float64Array(n);
      for (let i = 0; i < n; i++) {
        lon[i] = (lon0 + u(rng, -6, 6) + 360) % 360;
        lat[i] = Math.max(-90, Math.min(90, lat0 + u(rng, -6, 6)));
      }
      const fast = geom.contains(lon, lat, frame);
      const reference = new Uint8Array(n);
      for (const r of regions) {
        const one = r.contains(lon, lat, frame, geom.wcs!);
        for (let i = 0; i < n; i++) reference[i] |= one[i]!;
      }
      expect(Array.from(fast)).toEqual(Array.from(reference));
      expect(reference.some((v) => v === 1)).toBe(true);
    }
  });
});
