/**
 * The excess-map summary takes the peak of sqrt_ts and the non-NaN excess sum in one
 * pass: the numbers of the two separate loops, bit for bit, with NaN, ±∞ and ties.
 */
import { describe, expect, test } from "vitest";
import { MapAxis, WcsGeom } from "@gammats/maps";
import { PowerLawSpectralModel } from "@gammats/modeling";
import { FluxMaps, excessMapSummary } from "../src/index.js";

function lcg(seed: number): () => number {
  let s = seed;
  return () => (s = (s * 16807) % 2147483647) / 2147483647;
}

describe("excessMapSummary", () => {
  const axis = MapAxis.fromEdges([1, 3, 10], { name: "energy", unit: "TeV", interp: "log" });
  const geom = WcsGeom.create({ skydir: [83.6, 22], binsz: 0.1, npix: [9, 7], frame: "icrs", axes: [axis] });

  test("peak and excess sum as two separate loops", () => {
    const rnd = lcg(7);
    const special = [NaN, -Infinity, Infinity, -0, 2.5];
    const fill = (p: number) => Float64Array.from({ length: geom.size }, (_, i) => (rnd() < p ? special[i % special.length]! : rnd() * 10 - 5));
    const cases: [Float64Array, Float64Array][] = [
      [fill(0.1), fill(0.1)],
      [new Float64Array(geom.size).fill(NaN), fill(0.3)],
      [new Float64Array(geom.size).fill(2.5), new Float64Array(geom.size).fill(NaN)],
    ];
    for (const [sqrtTs, excess] of cases) {
      const maps = new FluxMaps(geom, { norm: new Float64Array(geom.size), sqrt_ts: sqrtTs, npred_excess: excess }, new PowerLawSpectralModel(), { nSigma: 1, nSigmaUl: 2 });
      const s = excessMapSummary(maps);
      let best = -1;
      let max = -Infinity;
      for (let i = 0; i < sqrtTs.length; i++) {
        if (sqrtTs[i]! > max) {
          max = sqrtTs[i]!;
          best = i;
        }
      }
      let sum = 0;
      for (let i = 0; i < excess.length; i++) if (!Number.isNaN(excess[i]!)) sum += excess[i]!;
      expect(Object.is(s.excess_sum, sum)).toBe(true);
      if (best < 0) expect(s.max_sqrt_ts).toBeNull();
      else {
        expect(Object.is(s.max_sqrt_ts, max)).toBe(true);
        const pixel = best % (9 * 7);
        const sky = geom.pixToSky(Float64Array.of(pixel % 9), Float64Array.of(Math.floor(pixel / 9)));
        expect([s.lon_deg, s.lat_deg]).toEqual([sky.lon[0], sky.lat[0]]);
      }
    }
  });
});
