import { describe, expect, it } from "vitest";
import {
  DataError,
  angleDifference,
  angularSeparation,
  offsetBy,
  positionAngle,
  wrapAngle,
  wrapAngles,
  wrapTo180,
  wrapTo360,
} from "@gammats/core";

describe("angle wrapping", () => {
  it("wraps into [wrapAt - 360, wrapAt) and never returns the excluded end", () => {
    expect(wrapTo360(-10)).toBe(350);
    expect(wrapTo360(720.5)).toBe(0.5);
    expect(wrapTo360(360)).toBe(0);
    expect(wrapTo360(-1e-20)).toBe(0); // -1e-20 + 360 rounds to 360
    expect(wrapTo180(180)).toBe(-180);
    expect(wrapTo180(350)).toBe(-10);
    expect(wrapAngle(190, 180)).toBe(-170);
    expect(wrapAngle(-90, 90)).toBe(-90);
    expect(wrapAngle(90, 90)).toBe(-270);
    expect(Number.isNaN(wrapTo360(Number.NaN))).toBe(true);
    expect(angleDifference(1, 359)).toBe(2);
    expect(angleDifference(359, 1)).toBe(-2);
  });

  it("wraps arrays, in place when asked", () => {
    const a = Float64Array.of(-90, 370, 180);
    expect([...wrapAngles(a, 180)]).toEqual([-90, 10, -180]);
    const out = wrapAngles(a, 360, a);
    expect(out).toBe(a);
    expect([...a]).toEqual([270, 10, 180]);
  });
});

describe("angularSeparation", () => {
  it("matches astropy and stays exact for tiny and antipodal separations", () => {
    // astropy 5.2: 0.9717485310721955; 1e-9 deg apart: 9.999981973989445e-10
    expect(angularSeparation(83.63308, 22.0145, 83.2, 22.9)).toBeCloseTo(0.9717485310721955, 13);
    // (20 + 1e-9 is itself only good to 3.6e-15 in double precision)
    expect(Math.abs(angularSeparation(10, 20, 10, 20 + 1e-9) - 1e-9)).toBeLessThan(1e-14);
    expect(angularSeparation(10, 20, 190, -20)).toBe(180);
    expect(angularSeparation(0, 90, 123, 90)).toBeLessThan(1e-12); // cos(90 deg) is 6e-17, not 0
    expect(angularSeparation(0, 0, 90, 0)).toBeCloseTo(90, 13);
    // across the RA seam
    expect(angularSeparation(359.5, 0, 0.5, 0)).toBeCloseTo(1, 13);
  });

  it("broadcasts numbers against arrays and fills `out`", () => {
    const ra = Float64Array.of(83.63308, 84.63308, 83.63308);
    const dec = Float64Array.of(22.0145, 22.0145, 23.0145);
    const out = new Float64Array(3);
    const s = angularSeparation(ra, dec, 83.63308, 22.0145, out);
    expect(s).toBe(out);
    expect(s[0]).toBe(0);
    expect(s[2]).toBeCloseTo(1, 13);
    expect(s[1]).toBeCloseTo(Math.acos(Math.sin(0.3842) ** 2 + Math.cos(0.3842) ** 2 * Math.cos(Math.PI / 180)) * (180 / Math.PI), 2);
  });

  it("reports bad input", () => {
    expect(() => angularSeparation(Float64Array.of(1, 2), Float64Array.of(1), 0, 0)).toThrow(
      /'lat1' has 1 elements but 'lon1' has 2/,
    );
    expect(() => angularSeparation(0, 0, 0, 100)).toThrow(/lat2 = 100 deg/);
    expect(() => angularSeparation(Float64Array.of(1), 0, 0, 0, new Float64Array(3))).toThrow(DataError);
  });
});

describe("positionAngle", () => {
  it("is measured east of north in [0, 360) as astropy's position_angle", () => {
    expect(positionAngle(10, 0, 10, 1)).toBeCloseTo(0, 13);
    expect(positionAngle(10, 0, 11, 0)).toBeCloseTo(90, 13);
    expect(positionAngle(10, 0, 10, -1)).toBeCloseTo(180, 13);
    expect(positionAngle(10, 0, 9, 0)).toBeCloseTo(270, 13);
    expect(positionAngle(359.5, 0, 0.5, 0)).toBeCloseTo(90, 13);
    // astropy 5.2: 335.7599027295218
    expect(positionAngle(83.63308, 22.0145, 83.2, 22.9)).toBeCloseTo(335.7599027295218, 11);
    const p = positionAngle(Float64Array.of(10, 10), 0, Float64Array.of(10, 9.999999), Float64Array.of(-1, 0));
    expect(p[0]).toBeCloseTo(180, 13);
    expect(p[1]).toBeGreaterThanOrEqual(0);
    expect(p[1]).toBeCloseTo(270, 10);
  });
});

describe("offsetBy", () => {
  it("matches astropy's directional_offset_by and inverts separation + position angle", () => {
    // astropy 5.2: Crab offset by 2 deg at PA 30 -> (84.72538893432817, 23.742888770048246)
    const o = offsetBy(83.63308, 22.0145, 30, 2);
    expect(o.lon).toBeCloseTo(84.72538893432817, 11);
    expect(o.lat).toBeCloseTo(23.742888770048246, 11);
    expect(angularSeparation(83.63308, 22.0145, o.lon, o.lat)).toBeCloseTo(2, 12);
    expect(positionAngle(83.63308, 22.0145, o.lon, o.lat)).toBeCloseTo(30, 11);
  });

  it("crosses the RA seam and handles starts on and next to the poles", () => {
    expect(offsetBy(359.9, 0, 90, 0.2).lon).toBeCloseTo(0.1, 12);
    // north pole: end longitude = lon + 180 - pa; south pole: lon + pa (astropy)
    const n = offsetBy(10, 90, 30, 5);
    expect(n.lon).toBeCloseTo(160, 12);
    expect(n.lat).toBeCloseTo(85, 12);
    const s = offsetBy(10, -90, 30, 5);
    expect(s.lon).toBeCloseTo(40, 12);
    expect(s.lat).toBeCloseTo(-85, 12);
    // 1e-7 deg off the pole the result is still exact (mpmath reference, 50 digits)
    const e = offsetBy(180, 89.9999999, 260.48671348951757, 22.084761529695243);
    expect(e.lon).toBeCloseTo(99.51328675355129, 9);
    expect(e.lat).toBeCloseTo(67.91523845377713, 12);
  });

  it("ring of position angles in array form, zero separation returns the start", () => {
    const pa = Float64Array.from({ length: 36 }, (_, i) => 10 * i);
    const ring = offsetBy(83.63308, 22.0145, pa, 0.5);
    const sep = angularSeparation(ring.lon, ring.lat, 83.63308, 22.0145);
    for (const v of sep) expect(v).toBeCloseTo(0.5, 12);
    const back = positionAngle(83.63308, 22.0145, ring.lon, ring.lat);
    for (let i = 0; i < 36; i++) expect(Math.abs(angleDiff(back[i], pa[i]))).toBeLessThan(1e-9);
    const z = offsetBy(12, 34, 56, 0);
    expect(z.lon).toBeCloseTo(12, 13);
    expect(z.lat).toBeCloseTo(34, 13);
    expect(() => offsetBy(0, -91, 0, 1)).toThrow(DataError);
    expect(() => offsetBy(Float64Array.of(1, 2), 0, Float64Array.of(1, 2, 3), 1)).toThrow(/'positionAngle' has 3/);
  });
});

function angleDiff(a: number, b: number): number {
  return ((a - b + 540) % 360) - 180;
}
