import { describe, expect, it } from "vitest";
import {
  DataError,
  OBSERVATORY_LOCATIONS,
  altAzToIcrs,
  angularSeparation,
  checkEarthLocation,
  earthRotationAngle,
  fovAltAzToIcrs,
  geodeticToGeocentric,
  getObservatoryLocation,
  icrsToAltAz,
  icrsToFovAltAz,
  nutationIau2000b,
  skyToFov,
} from "@gammats/core";

const ARCSEC = 1 / 3600;
// astropy 5.2, bundled IERS-B: Crab from H.E.S.S. at 2019-12-01T22:00:00 UTC.
const T = { mjdTt: 58818.91746740741, mjdUt1: 58818.91666469837 };
const PM = { polarMotionX: 0.12143516666666668, polarMotionY: 0.27088191666666667 };
const CRAB_ALTAZ = { az: 32.07036468853243, alt: 37.64859877115477 };

describe("observatories and locations", () => {
  it("has Gammapy's observatory_locations (astropy EarthLocation values)", () => {
    const expected: Record<string, [number, number, number]> = {
      hess: [16.500222222222224, -23.271777777777775, 1835],
      cta_south: [-70.31634444444444, -24.68342777777777, 2150],
      cta_north: [-17.892004999999983, 28.762164000000006, 2147],
      magic: [-17.88999999999993, 28.761944444444445, 2200],
      veritas: [-110.95215833333333, 31.675058333333336, 1268],
      hawc: [-97.30944444444447, 18.996666666666666, 4100],
      hegra: [28.761666666666667, 17.890833333333333, 2200],
      milagro: [-106.67624999999995, 35.87835, 2530],
      whipple: [-110.87833333333336, 31.68111111111111, 2606],
      astri: [-16.505830555555576, 28.300000000000004, 2370],
      fact: [-17.89111600000001, 28.761646999999996, 2200],
    };
    expect(Object.keys(OBSERVATORY_LOCATIONS).sort()).toEqual(Object.keys(expected).sort());
    for (const [name, [lon, lat, h]] of Object.entries(expected)) {
      const loc = getObservatoryLocation(name);
      expect(loc.lon, name).toBeCloseTo(lon, 10);
      expect(loc.lat, name).toBeCloseTo(lat, 10);
      expect(loc.height, name).toBeCloseTo(h, 6);
    }
    expect(getObservatoryLocation(" CTA-South ")).toBe(OBSERVATORY_LOCATIONS.cta_south);
  });

  it("rejects unknown observatories and bad locations", () => {
    expect(() => getObservatoryLocation("lhaaso")).toThrow(/unknown observatory 'lhaaso'.*hess/);
    expect(() => getObservatoryLocation("toString")).toThrow(DataError);
    expect(() => checkEarthLocation({ lon: 0, lat: 100, height: 0 })).toThrow(/latitude 100 deg/);
    expect(() => checkEarthLocation({ lon: 0, lat: 0, height: Number.NaN })).toThrow(/finite/);
    expect(() => checkEarthLocation({ lon: 0, lat: 0, height: 1835e3 })).toThrow(/metres/);
  });

  it("converts geodetic to geocentric on WGS84", () => {
    const eq = geodeticToGeocentric({ lon: 0, lat: 0, height: 0 });
    expect([...eq]).toEqual([6378137, 0, 0]);
    const pole = geodeticToGeocentric({ lon: 0, lat: 90, height: 0 });
    expect(pole[2]).toBeCloseTo(6356752.314245, 5); // WGS84 polar radius
  });
});

describe("icrsToAltAz / altAzToIcrs", () => {
  const hess = getObservatoryLocation("hess");

  it("matches astropy for the Crab seen from H.E.S.S. (0.01\" with polar motion, 1\" without)", () => {
    const exact = icrsToAltAz(83.63308, 22.0145, hess, { ...T, ...PM });
    expect(angularSeparation(exact.az, exact.alt, CRAB_ALTAZ.az, CRAB_ALTAZ.alt)).toBeLessThan(0.01 * ARCSEC);
    const plain = icrsToAltAz(83.63308, 22.0145, hess, T);
    const d = angularSeparation(plain.az, plain.alt, CRAB_ALTAZ.az, CRAB_ALTAZ.alt);
    expect(d).toBeLessThan(1 * ARCSEC);
    expect(d).toBeGreaterThan(0.001 * ARCSEC); // polar motion matters at this level
    const back = altAzToIcrs(CRAB_ALTAZ.az, CRAB_ALTAZ.alt, hess, { ...T, ...PM });
    expect(angularSeparation(back.lon, back.lat, 83.63308, 22.0145)).toBeLessThan(0.01 * ARCSEC);
  });

  it("round-trips to 1e-8 arcsec and agrees between scalar and per-element times", () => {
    const n = 50;
    const ra = Float64Array.from({ length: n }, (_, i) => (i * 7.3) % 360);
    const dec = Float64Array.from({ length: n }, (_, i) => -89 + (i * 3.61) % 178);
    const tt = Float64Array.from({ length: n }, (_, i) => T.mjdTt + i * 0.001);
    const ut1 = Float64Array.from({ length: n }, (_, i) => T.mjdUt1 + i * 0.001);
    const h = icrsToAltAz(ra, dec, hess, { mjdTt: tt, mjdUt1: ut1 });
    const back = altAzToIcrs(h.az, h.alt, hess, { mjdTt: tt, mjdUt1: ut1 });
    const d = angularSeparation(back.lon, back.lat, ra, dec);
    for (const v of d) expect(v).toBeLessThan(1e-8 * ARCSEC);
    for (const i of [0, 17, 49]) {
      const one = icrsToAltAz(ra[i], dec[i], hess, { mjdTt: tt[i], mjdUt1: ut1[i] });
      // per-element times reuse precession-nutation for 0.005 d: differences stay < 0.002"
      expect(angularSeparation(one.az, one.alt, h.az[i], h.alt[i])).toBeLessThan(0.002 * ARCSEC);
    }
    for (const v of h.az) expect(v >= 0 && v < 360).toBe(true);
  });

  it("rotates with the Earth: one sidereal day later the sky is back within ~1\"", () => {
    const sidereal = 0.99726956633;
    const a = icrsToAltAz(83.63308, 22.0145, hess, T);
    const b = icrsToAltAz(83.63308, 22.0145, hess, { mjdTt: T.mjdTt + sidereal, mjdUt1: T.mjdUt1 + sidereal });
    const d = angularSeparation(a.az, a.alt, b.az, b.alt);
    expect(d).toBeLessThan(2 * ARCSEC); // aberration + precession drift in one day
    const c = icrsToAltAz(83.63308, 22.0145, hess, { mjdTt: T.mjdTt + 0.25, mjdUt1: T.mjdUt1 + 0.25 });
    expect(angularSeparation(a.az, a.alt, c.az, c.alt)).toBeGreaterThan(10);
  });

  it("reports bad times, polar motion and output sizes", () => {
    expect(() => icrsToAltAz(0, 0, hess, { mjdTt: 58000 } as never)).toThrow(/mjdTt and mjdUt1/);
    expect(() => icrsToAltAz(0, 0, hess, { ...T, polarMotionX: 300 })).toThrow(/polarMotionX = 300 arcsec/);
    expect(() => icrsToAltAz(0, 95, hess, T)).toThrow(/dec = 95 deg/);
    expect(() => altAzToIcrs(0, -95, hess, T)).toThrow(/alt = -95 deg/);
    expect(() =>
      icrsToAltAz(Float64Array.of(1, 2), 0, hess, { mjdTt: Float64Array.of(1, 2, 3), mjdUt1: 0 }),
    ).toThrow(/'time.mjdTt' has 3 elements but 'ra' has 2/);
    expect(() => icrsToAltAz(0, 0, { lon: 0, lat: 0 } as never, T)).toThrow(DataError);
  });
});

describe("ALTAZ-aligned FoV", () => {
  const site = getObservatoryLocation("cta_south");
  it("is sky_to_fov on (az, alt) and inverts", () => {
    const time = { mjdTt: 59000.1, mjdUt1: 59000.0992 };
    const pnt = icrsToAltAz(266.4, -28.9, site, time);
    const ra = Float64Array.of(266.4, 267.0, 265.5);
    const dec = Float64Array.of(-28.9, -28.0, -30.0);
    const fov = icrsToFovAltAz(ra, dec, pnt.az, pnt.alt, site, time);
    expect(Math.abs(fov.lon[0])).toBeLessThan(1e-12);
    expect(Math.abs(fov.lat[0])).toBeLessThan(1e-12);
    const h = icrsToAltAz(ra, dec, site, time);
    const direct = skyToFov(h.az, h.alt, pnt.az, pnt.alt);
    expect([...fov.lon]).toEqual([...direct.lon]);
    const back = fovAltAzToIcrs(fov.lon, fov.lat, pnt.az, pnt.alt, site, time);
    const d = angularSeparation(back.lon, back.lat, ra, dec);
    for (const v of d) expect(v).toBeLessThan(1e-9);
    // scalar inputs still give arrays
    expect(icrsToFovAltAz(266.4, -28.9, pnt.az, pnt.alt, site, time).lon).toBeInstanceOf(Float64Array);
  });
});

describe("earth orientation building blocks", () => {
  it("ERA at J2000.0 UT1 is 0.7790572732640 turns (IERS Conventions 2010)", () => {
    expect(earthRotationAngle(51544.5)).toBeCloseTo(2 * Math.PI * 0.779057273264, 12);
    expect(earthRotationAngle(51545.5) - earthRotationAngle(51544.5)).toBeCloseTo(2 * Math.PI * 0.00273781191135448, 10);
  });

  it("IAU 2000B nutation at J2000.0 matches ERFA nut00b", () => {
    // ERFA nut00b(2451545.0, 0): dpsi = -6.754261253992235e-05, deps = -2.7970923310985653e-05 rad
    const n = nutationIau2000b(51544.5);
    expect(n[0]).toBeCloseTo(-6.754261253992235e-5, 15);
    expect(n[1]).toBeCloseTo(-2.7970923310985653e-5, 15);
  });
});
