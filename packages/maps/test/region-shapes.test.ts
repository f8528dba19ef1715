// Sky regions without Python: projection numbers, containment conventions and solid angles
// checked against values Gammapy 1.0 / astropy regions 0.7 printed (hard-coded).
import { describe, expect, it } from "vitest";
import { offsetBy, transformFrame } from "@gammats/core";
import {
  CircleSkyRegion,
  EllipseSkyRegion,
  PointSkyRegion,
  PolygonSkyRegion,
  RectangleSkyRegion,
  RegionWcs,
  pixelRegionArea,
  pixelRegionBbox,
  pixelRegionContains,
  unionPixelCount,
} from "@gammats/maps";
import { expectClose } from "./helpers.js";

function ring(lon: number, lat: number, pas: number[], seps: number[]): { lon: Float64Array; lat: Float64Array } {
  const lons: number[] = [];
  const lats: number[] = [];
  for (const pa of pas) {
    for (const s of seps) {
      const p = offsetBy(lon, lat, pa, s);
      lons.push(p.lon);
      lats.push(p.lat);
    }
  }
  return { lon: Float64Array.from(lons), lat: Float64Array.from(lats) };
}

describe("RegionWcs (Gammapy's RegionGeom WCS)", () => {
  it("is an all-sky TAN grid centred on the region", () => {
    const w = RegionWcs.create(83.633, 22.014, "icrs");
    expect(w.crval).toEqual([83.633, 22.014]);
    expect(w.crpix).toEqual([1800.5, 900.5]);
    expect(w.npix).toEqual([3600, 1800]);
    expect(w.cdelt).toEqual([-0.1, 0.1]);
    // 360 / 0.07 = 5142.86 -> 5143 pixels, odd: reference on a pixel centre (Gammapy header).
    const g = RegionWcs.create(184.5, -5.7, "galactic", 0.07);
    expect(g.crpix).toEqual([2572, 1286]);
    expect(g.npix).toEqual([5143, 2571]);
  });

  it("projects as astropy's world_to_pixel / pixel_to_world", () => {
    const w = RegionWcs.create(83.633, 22.014, "icrs");
    const p = w.worldToPixel(Float64Array.of(83.7, 90, 263), Float64Array.of(22, 30, -22));
    expectClose(p.x.subarray(0, 2), [1798.8787865753793, 1743.6554443327593], 1e-13, 0, "x");
    expectClose(p.y.subarray(0, 2), [899.3601360597263, 981.4494468058249], 1e-13, 0, "y");
    // The antipode has no TAN image: NaN, as astropy.
    expect(Number.isNaN(p.x[2]) && Number.isNaN(p.y[2])).toBe(true);
    const s = w.pixelToWorld(Float64Array.of(100.25), Float64Array.of(1500.5));
    expectClose([s.lon[0], s.lat[0]], [163.42755522617603, 24.089368761261063], 1e-13, 0, "world");
  });

  it("measures scale and north at the reference point and off it", () => {
    const w = RegionWcs.create(83.633, 22.014, "icrs");
    const c = w.pixelScaleAngle(83.633, 22.014, "icrs");
    expectClose([c.scale, c.northAngle], [0.1, 90], 1e-9, 0, "at reference");
    // Galactic north at the Crab is tilted by the pole's position angle in ICRS.
    const g = transformFrame(83.633, 22.014, "icrs", "galactic");
    const t = w.pixelScaleAngle(g.lon, g.lat, "galactic");
    expect(Math.abs(t.northAngle - 90)).toBeGreaterThan(1);
    expectClose([t.scale], [0.1], 1e-9, 0, "scale");
  });

  it("round-trips its header cards", () => {
    const w = RegionWcs.create(10, -60, "fk5", 0.05);
    const cards = w.toHeaderCards();
    expect(cards.map((c) => c[0])).toContain("EQUINOX");
    expect(cards.find((c) => c[0] === "WCSSHAPE")).toEqual(["WCSSHAPE", "(7200,3600)"]);
  });

  it("rejects a zero bin size", () => {
    expect(() => RegionWcs.create(0, 0, "icrs", 0)).toThrow(/bin size must be a positive angle/);
  });
});

describe("containment conventions", () => {
  it("a circle is a circle in the TAN plane, not a spherical cap", () => {
    // Gammapy: points 2.995 and 2.997 deg from the centre of a 3 deg circle are inside,
    // 2.998 deg is outside (its tangent-plane distance 3.0007 deg exceeds the radius).
    const c = new CircleSkyRegion(83.633, 22.014, 3, "icrs");
    const pts = ring(83.633, 22.014, [0, 77, 200], [2.995, 2.997, 2.998, 2.999, 3.001]);
    expect(Array.from(c.contains(pts.lon, pts.lat))).toEqual([1, 1, 0, 0, 0, 1, 1, 0, 0, 0, 1, 1, 0, 0, 0]);
  });

  it("ellipse width runs along longitude, angle turns it from west towards north", () => {
    const e = new EllipseSkyRegion(10, 0, 2, 0.5, 30, "icrs");
    const pts = ring(10, 0, [300, 120, 30, 210, 0, 90, 270], [0.9]);
    expect(Array.from(e.contains(pts.lon, pts.lat))).toEqual([1, 1, 0, 0, 0, 0, 0]);
  });

  it("rectangles in galactic follow the same convention, also for icrs queries", () => {
    const r = new RectangleSkyRegion(10, 0, 2, 0.5, 30, "galactic");
    const pts = ring(10, 0, [300, 120, 30, 210, 0, 90, 270], [0.9]);
    expect(Array.from(r.contains(pts.lon, pts.lat))).toEqual([1, 1, 0, 0, 0, 0, 0]);
    const icrs = transformFrame(pts.lon, pts.lat, "galactic", "icrs");
    expect(Array.from(r.contains(icrs.lon, icrs.lat, "icrs"))).toEqual([1, 1, 0, 0, 0, 0, 0]);
  });

  it("toFrame keeps the shape: the same directions are inside", () => {
    const shapes = [
      new EllipseSkyRegion(184.557, -5.784, 3, 1, 25, "galactic"),
      new RectangleSkyRegion(266.4, -28.9, 2, 0.7, -40, "icrs"),
      new PolygonSkyRegion([10, 14, 12], [-2, -1, 3], "galactic"),
      new CircleSkyRegion(83.633, 22.014, 1.5, "fk5"),
    ];
    const lon: number[] = [];
    const lat: number[] = [];
    for (let i = 0; i < 400; i++) {
      lon.push(((i * 0.618034) % 1) * 8 - 4);
      lat.push(((i * 0.414214) % 1) * 8 - 4);
    }
    for (const s of shapes) {
      const g = transformFrame(s.center.lon, s.center.lat, s.frame, "icrs");
      const pts = { lon: Float64Array.from(lon, (v) => g.lon + v), lat: Float64Array.from(lat, (v) => g.lat + v) };
      const other = s.toFrame(s.frame === "icrs" ? "galactic" : "icrs");
      const a = s.contains(pts.lon, pts.lat, "icrs");
      const b = other.contains(pts.lon, pts.lat, "icrs");
      expect(a.reduce((x, y) => x + y, 0), `${s.kind} inside count`).toBeGreaterThan(10);
      expect(Array.from(b), `${s.kind} ${s.frame} -> ${other.frame}`).toEqual(Array.from(a));
    }
  });

  it("a point region contains nothing (regions' convention)", () => {
    const p = new PointSkyRegion(83.633, 22.014);
    expect(Array.from(p.contains([83.633, 0], [22.014, 0]))).toEqual([0, 0]);
    expect(p.solidAngle()).toBe(0);
  });

  it("a polygon uses the even-odd rule in pixels", () => {
    // A concave "C": the notch is outside.
    const poly = { kind: "polygon" as const, x: Float64Array.of(0, 4, 4, 1, 1, 4, 4, 0), y: Float64Array.of(0, 0, 1, 1, 3, 3, 4, 4) };
    const m = pixelRegionContains(poly, Float64Array.of(0.5, 2, 2, 3.5, 5, NaN), Float64Array.of(2, 2, 0.5, 3.5, 2, 2));
    expect(Array.from(m)).toEqual([1, 0, 1, 1, 0, 0]);
    expect(pixelRegionArea(poly)).toBeCloseTo(16 - 6, 12);
  });
});

describe("solid angles as Gammapy's RegionGeom.solid_angle", () => {
  it("flat tangent-plane areas", () => {
    expectClose([new CircleSkyRegion(83.633, 22.014, 0.1).solidAngle()], [9.569838482078837e-6], 1e-9, 0, "circle");
    expectClose([new EllipseSkyRegion(83.633, 22.014, 0.4, 0.2, 30).solidAngle()], [1.913967696415767e-5], 1e-9, 0, "ellipse");
    expectClose([new RectangleSkyRegion(184.557, -5.784, 0.4, 0.2, 30, "galactic").solidAngle()], [2.4369393584222197e-5], 1e-9, 0, "box");
    // A spherical cap would be 2π(1 - cos 3°) = 8.6096e-3 sr, 0.07 % less.
    expectClose([new CircleSkyRegion(0, 0, 3).solidAngle()], [Math.PI * (3 * (Math.PI / 180)) ** 2], 1e-9, 0, "3 deg");
  });

  it("pixel bounding boxes and union counts", () => {
    expect(pixelRegionBbox({ kind: "circle", x: 1799.5, y: 899.5, radius: 1 })).toEqual({ ixmin: 1799, ixmax: 1801, iymin: 899, iymax: 901 });
    expect(pixelRegionBbox({ kind: "point", x: 1799.5, y: 899.5 })).toEqual({ ixmin: 1800, ixmax: 1800, iymin: 900, iymax: 900 });
    const a = { kind: "circle" as const, x: 0, y: 0, radius: 1.5 };
    expect(unionPixelCount([a])).toBe(9);
    // Overlapping circles: shared pixels counted once (9 + 9 - 6).
    expect(unionPixelCount([a, { ...a, x: 1 }])).toBe(12);
  });
});

describe("constructor errors name what and how to fix", () => {
  it("rejects bad sizes, positions and polygons", () => {
    expect(() => new CircleSkyRegion(83.6, 22, 0)).toThrow(/radius must be a positive angle.*point region/);
    expect(() => new CircleSkyRegion(83.6, 95, 0.1)).toThrow(/latitude in \[-90, 90\]/);
    expect(() => new EllipseSkyRegion(0, 0, 1, -1)).toThrow(/height must be a positive angle/);
    expect(() => new RectangleSkyRegion(0, 0, 1, 1, NaN)).toThrow(/angle must be a finite number/);
    expect(() => new PolygonSkyRegion([0, 1], [0, 1])).toThrow(/needs >= 3 vertices/);
    expect(() => new PointSkyRegion(0, 0, "ecliptic")).toThrow(/unknown sky frame 'ecliptic'/);
  });
});
