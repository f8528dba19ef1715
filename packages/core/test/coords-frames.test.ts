import { describe, expect, it } from "vitest";
import {
  DataError,
  FRAME_NAMES,
  angularSeparation,
  coordOffsetBy,
  coordPositionAngle,
  coordSeparation,
  coordsToFrame,
  frameRotationMatrix,
  parseFrame,
  skyCoord,
  toFrame,
  transformFrame,
} from "@gammats/core";

// Reference numbers: astropy 5.2.1 (SkyCoord.transform_to), printed with repr().
const CRAB_GAL = { lon: 184.55745621589548, lat: -5.784359313384402 };
const CRAB_FK5 = { lon: 83.63308762468984, lat: 22.014494786634884 };
const GC_ICRS = { lon: 266.4049882865447, lat: -28.93617776179147 };
const ICRS_POLE_GAL = { lon: 122.93192525541662, lat: 27.128252414968003 };
const GAL_POLE_FK5 = { lon: 192.8594812065348, lat: 27.12825118085624 };
const SEAM_GAL = { lon: 85.1987896247721, lat: -69.01348689605268 }; // ICRS (359.9999, -10)

function close(a: { lon: number; lat: number }, b: { lon: number; lat: number }, tol = 1e-9): void {
  expect(angularSeparation(a.lon, a.lat, b.lon, b.lat)).toBeLessThan(tol);
  expect(Math.abs(a.lat - b.lat)).toBeLessThan(tol);
}

describe("parseFrame", () => {
  it("accepts the three frames case-insensitively", () => {
    expect(parseFrame("ICRS")).toBe("icrs");
    expect(parseFrame(" Galactic ")).toBe("galactic");
    expect(parseFrame("FK5")).toBe("fk5");
    expect([...FRAME_NAMES]).toEqual(["icrs", "fk5", "galactic"]);
  });

  it("rejects unknown names with a DataError listing the allowed ones and the source", () => {
    expect(() => parseFrame("fk4", "RADECSYS of events.fits")).toThrow(DataError);
    expect(() => parseFrame("fk4", "RADECSYS of events.fits")).toThrow(
      /unknown sky frame 'fk4' in RADECSYS of events\.fits.*icrs, fk5, galactic/,
    );
    expect(() => transformFrame(0, 0, "icrs", "altaz" as never)).toThrow(/use one of: icrs, fk5, galactic/);
  });
});

describe("transformFrame against astropy numbers", () => {
  it("Crab ICRS -> Galactic and FK5 J2000", () => {
    close(transformFrame(83.63308, 22.0145, "icrs", "galactic"), CRAB_GAL);
    close(transformFrame(83.63308, 22.0145, "icrs", "fk5"), CRAB_FK5);
    // The frame bias moves the Crab by about 30 mas.
    const d = angularSeparation(83.63308, 22.0145, CRAB_FK5.lon, CRAB_FK5.lat) * 3.6e6;
    expect(d).toBeGreaterThan(20);
    expect(d).toBeLessThan(40);
  });

  it("Galactic centre, the ICRS pole, the galactic pole and the RA seam", () => {
    close(transformFrame(0, 0, "galactic", "icrs"), GC_ICRS);
    close(transformFrame(0, 90, "icrs", "galactic"), ICRS_POLE_GAL);
    close(transformFrame(0, 90, "galactic", "fk5"), GAL_POLE_FK5);
    close(transformFrame(359.9999, -10, "icrs", "galactic"), SEAM_GAL);
  });

  it("array form with in-place output, and round trips through every pair", () => {
    const lon = Float64Array.of(0, 359.9999999, 83.63308, 266.4, 10, 200);
    const lat = Float64Array.of(90, -5, 22.0145, -28.9, -90, 0);
    for (const a of FRAME_NAMES) {
      for (const b of FRAME_NAMES) {
        const fwd = transformFrame(lon, lat, a, b);
        const back = transformFrame(fwd.lon.slice(), fwd.lat.slice(), b, a);
        const sep = angularSeparation(back.lon, back.lat, lon, lat);
        for (const s of sep) expect(s).toBeLessThan(1e-12);
        for (const v of fwd.lon) expect(v >= 0 && v < 360).toBe(true);
      }
    }
    const lo = Float64Array.of(83.63308);
    const la = Float64Array.of(22.0145);
    const res = transformFrame(lo, la, "icrs", "galactic", { lon: lo, lat: la });
    expect(res.lon).toBe(lo);
    close({ lon: lo[0], lat: la[0] }, CRAB_GAL);
  });

  it("rotation matrices are orthonormal and compose", () => {
    const m = frameRotationMatrix("icrs", "galactic");
    for (let i = 0; i < 3; i++) {
      for (let j = 0; j < 3; j++) {
        const dot = m[3 * i] * m[3 * j] + m[3 * i + 1] * m[3 * j + 1] + m[3 * i + 2] * m[3 * j + 2];
        expect(dot).toBeCloseTo(i === j ? 1 : 0, 14);
      }
    }
    // astropy: ICRS unit vectors expressed in Galactic (FK5-based definition, not Hipparcos')
    expect(m[0]).toBeCloseTo(-0.05487565771259158, 14);
    expect(m[8]).toBeCloseTo(0.4559838136873016, 14);
    expect(frameRotationMatrix("fk5", "fk5")).toEqual(Float64Array.of(1, 0, 0, 0, 1, 0, 0, 0, 1));
  });

  it("reports latitudes out of range, mismatched lengths and wrong output sizes", () => {
    expect(() => transformFrame(10, 91, "icrs", "galactic")).toThrow(/latitude lat = 91 deg is outside \[-90, 90\]/);
    expect(() => transformFrame(Float64Array.of(1, 2), Float64Array.of(0, -90.5), "icrs", "fk5")).toThrow(/lat\[1\]/);
    expect(() => transformFrame(Float64Array.of(1, 2), Float64Array.of(0), "icrs", "fk5")).toThrow(DataError);
    expect(() =>
      transformFrame(Float64Array.of(1), Float64Array.of(0), "icrs", "fk5", { lon: new Float64Array(2), lat: new Float64Array(1) }),
    ).toThrow(/out\.lon' has 2 elements, expected 1/);
    expect(() => transformFrame(1 as never, Float64Array.of(0), "icrs", "fk5")).toThrow(/both be numbers or both/);
  });
});

describe("SkyCoord records", () => {
  it("skyCoord validates, wraps and parses the frame", () => {
    expect(skyCoord(-10, 5, "ICRS")).toEqual({ lon: 350, lat: 5, frame: "icrs" });
    expect(skyCoord(360, 0).lon).toBe(0);
    expect(() => skyCoord(Number.NaN, 0)).toThrow(/finite/);
    expect(() => skyCoord(0, -95)).toThrow(DataError);
    expect(() => skyCoord(0, 0, "altaz")).toThrow(/unknown sky frame 'altaz'/);
  });

  it("toFrame, separation and position angle work across frames", () => {
    const crab = skyCoord(83.63308, 22.0145);
    const g = toFrame(crab, "Galactic");
    expect(g.frame).toBe("galactic");
    close(g, CRAB_GAL);
    expect(toFrame(crab, "icrs")).toEqual(crab);
    expect(coordSeparation(crab, g)).toBeLessThan(1e-12);
    // astropy: separation 0.9717485310721955, position angle 335.7599027295218
    const other = toFrame(skyCoord(83.2, 22.9), "galactic");
    expect(coordSeparation(crab, other)).toBeCloseTo(0.9717485310721955, 10);
    expect(coordPositionAngle(crab, other)).toBeCloseTo(335.7599027295218, 9);
    const off = coordOffsetBy(crab, 30, 2);
    expect(off.frame).toBe("icrs");
    close(off, { lon: 84.72538893432817, lat: 23.742888770048246 });
  });

  it("coordsToFrame converts arrays and copies when the frame is unchanged", () => {
    const c = { lon: Float64Array.of(83.63308), lat: Float64Array.of(22.0145), frame: "icrs" as const };
    const g = coordsToFrame(c, "galactic");
    close({ lon: g.lon[0], lat: g.lat[0] }, CRAB_GAL);
    const same = coordsToFrame(c, "ICRS");
    expect(same.lon).not.toBe(c.lon);
    expect(same.lon[0]).toBe(83.63308);
  });
});
