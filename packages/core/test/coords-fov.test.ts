import { describe, expect, it } from "vitest";
import {
  DataError,
  angularSeparation,
  fovToSky,
  offsetFrameToSky,
  skyToFov,
  skyToOffsetFrame,
} from "@gammats/core";

// Reference numbers: gammapy 1.0 sky_to_fov / fov_to_sky (astropy 5.2 SkyOffsetFrame).
const GAMMAPY_SKY_TO_FOV: Array<[number, number, number, number, number, number]> = [
  [1, 1, 0, 0, -0.9999999999999998, 1.0],
  [269, 0, 270, 0, 0.9999999999999887, 0],
  [1, 60, 0, 60, -0.4999809621361458, 0.003778652756480381],
  [83.2, 22.9, 83.63308, 22.0145, 0.3989941114862452, 0.8860652334575317],
];

describe("skyToFov / fovToSky (Gammapy sign convention)", () => {
  it("reproduces gammapy's sky_to_fov numbers", () => {
    for (const [lon, lat, lonP, latP, fl, fb] of GAMMAPY_SKY_TO_FOV) {
      const r = skyToFov(lon, lat, lonP, latP);
      expect(r.lon).toBeCloseTo(fl, 12);
      expect(r.lat).toBeCloseTo(fb, 12);
    }
  });

  it("reproduces gammapy's fov_to_sky and inverts skyToFov", () => {
    const s = fovToSky(1, 0.5, 83.63308, 22.0145);
    expect(s.lon).toBeCloseTo(82.55063379837371, 12);
    expect(s.lat).toBeCloseTo(22.510959278285956, 12);
    const f = skyToFov(s.lon, s.lat, 83.63308, 22.0145);
    expect(f.lon).toBeCloseTo(1, 12);
    expect(f.lat).toBeCloseTo(0.5, 12);
    expect(fovToSky(1, 1, 0, 0).lon).toBeCloseTo(359, 12);
  });

  it("fov_theta equals the separation from the pointing, also at a pole pointing", () => {
    const lon = Float64Array.of(10, 100, 200, 300, 359.999);
    const lat = Float64Array.of(88, 89.5, 87, 85, 89.99);
    const f = skyToFov(lon, lat, 0, 90);
    const sep = angularSeparation(lon, lat, 0, 90);
    for (let i = 0; i < lon.length; i++) {
      const theta = angularSeparation(f.lon[i], f.lat[i], 0, 0);
      expect(theta).toBeCloseTo(sep[i], 12);
    }
    const back = fovToSky(f.lon, f.lat, 0, 90);
    const d = angularSeparation(back.lon, back.lat, lon, lat);
    for (const v of d) expect(v).toBeLessThan(1e-12);
  });

  it("broadcasts per-element pointings and writes into `out` in place", () => {
    const lon = Float64Array.of(83.2, 84.0);
    const lat = Float64Array.of(22.9, 21.5);
    const out = { lon: lon.slice(), lat: lat.slice() };
    const r = skyToFov(out.lon, out.lat, Float64Array.of(83.63308, 83.63308), 22.0145, out);
    expect(r.lon).toBe(out.lon);
    expect(r.lon[0]).toBeCloseTo(0.3989941114862452, 12);
    expect(r.lat[0]).toBeCloseTo(0.8860652334575317, 12);
    const back = fovToSky(r.lon, r.lat, 83.63308, 22.0145);
    expect(back.lon[1]).toBeCloseTo(84.0, 12);
    expect(back.lat[1]).toBeCloseTo(21.5, 12);
  });

  it("reports bad input", () => {
    expect(() => skyToFov(0, 0, 0, 95)).toThrow(/latPnt = 95 deg/);
    expect(() => fovToSky(0, -91, 0, 0)).toThrow(/fovLat = -91 deg/);
    expect(() => skyToFov(Float64Array.of(1, 2), Float64Array.of(1), 0, 0)).toThrow(DataError);
    expect(() => fovToSky(Float64Array.of(1), 0, 0, 0, { lon: new Float64Array(1), lat: new Float64Array(2) })).toThrow(
      /out\.lat' has 2 elements, expected 1/,
    );
  });
});

describe("skyToOffsetFrame / offsetFrameToSky (astropy SkyOffsetFrame)", () => {
  it("is skyToFov without the longitude sign flip, longitudes in [-180, 180)", () => {
    for (const [lon, lat, lonP, latP, fl, fb] of GAMMAPY_SKY_TO_FOV) {
      const r = skyToOffsetFrame(lon, lat, lonP, latP);
      expect(r.lon).toBeCloseTo(-fl, 12);
      expect(r.lat).toBeCloseTo(fb, 12);
    }
    expect(skyToOffsetFrame(180, 0, 0, 0).lon).toBe(-180);
    expect(skyToFov(180, 0, 0, 0).lon).toBe(180);
    const s = offsetFrameToSky(-1, 0.5, 83.63308, 22.0145);
    expect(s.lon).toBeCloseTo(82.55063379837371, 12);
    expect(s.lat).toBeCloseTo(22.510959278285956, 12);
  });
});

describe("skyToOffsetFrame with one pointing (hoisted pointing trig)", () => {
  it("gives bit-identical values to the per-direction pointing path", () => {
    let seed = 12345;
    const rnd = (): number => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    const n = 2000;
    const lon = new Float64Array(n);
    const lat = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      lon[i] = rnd() * 720 - 180;
      lat[i] = rnd() * 180 - 90;
    }
    lat[0] = 90;
    lat[1] = -90;
    lon[2] = NaN;
    lat[3] = NaN;
    lon[4] = Infinity;
    for (const [lp, bp] of [[83.633, 22.014], [0, 0], [359.99, -89.9], [180, 90], [12.5, -90]] as const) {
      for (const f of [skyToOffsetFrame, skyToFov]) {
        const one = f(lon, lat, lp, bp);
        const many = f(lon, lat, new Float64Array(n).fill(lp), new Float64Array(n).fill(bp));
        for (let i = 0; i < n; i++) {
          expect(Object.is(one.lon[i], many.lon[i]) || (Number.isNaN(one.lon[i]) && Number.isNaN(many.lon[i]))).toBe(true);
          expect(Object.is(one.lat[i], many.lat[i]) || (Number.isNaN(one.lat[i]) && Number.isNaN(many.lat[i]))).toBe(true);
        }
      }
    }
    expect(skyToOffsetFrame(new Float64Array(0), new Float64Array(0), 1, 2).lon.length).toBe(0);
  });
});

describe("skyToOffsetFrame in place", () => {
  it("gives the same values with the inputs as outputs", () => {
    const lon = Float64Array.of(83.2, 84.1, 82.5, NaN, 90);
    const lat = Float64Array.of(22.9, 21.5, 23.1, 22, -89);
    const want = skyToOffsetFrame(lon, lat, 83.633, 22.014);
    const got = skyToOffsetFrame(lon, lat, 83.633, 22.014, { lon, lat });
    expect(got.lon).toBe(lon);
    expect(Array.from(got.lon)).toEqual(Array.from(want.lon));
    expect(Array.from(got.lat)).toEqual(Array.from(want.lat));
  });
});
