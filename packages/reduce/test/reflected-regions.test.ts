// Reflected and wobble region finders on synthetic geometries: what the algorithm
// guarantees (same distance from the pointing, no overlap, exclusion respected, limits),
// the reference image, pixel rotation and angular size, and the typed errors.
import { describe, expect, it } from "vitest";
import { DataError, UnitError, angularSeparation, createLogger } from "@gammats/core";
import { CircleSkyRegion, EllipseSkyRegion, PointSkyRegion, RectangleSkyRegion, WcsGeom } from "@gammats/maps";
import type { SkyRegion } from "@gammats/maps";
import {
  ReflectedRegionsFinder,
  WobbleRegionsFinder,
  angleDeg,
  angleRad,
  centerPixel,
  excludedPixels,
  referenceWcs,
  regionAngularSize,
  rotatePixelRegion,
  rotationAnnulus,
} from "@gammats/reduce";
import { exclusionMap } from "./reflected-cases.js";

const POINTING = { lon: 83.633, lat: 21.514 };
const ON = new CircleSkyRegion(83.633, 22.014, 0.11);
const sep = (a: SkyRegion, b: { lon: number; lat: number }): number => angularSeparation(a.center.lon, a.center.lat, b.lon, b.lat);

describe("angle options", () => {
  it("reads degrees and quantities, radians exactly", () => {
    expect(angleRad("0.1 rad", "x")).toBe(0.1);
    expect(angleRad(180, "x")).toBeCloseTo(Math.PI, 15);
    expect(angleRad("30 arcmin", "x")).toBeCloseTo(Math.PI / 360, 15);
    expect(angleDeg("36 arcsec", "x")).toBeCloseTo(0.01, 15);
  });

  it("refuses non-angles and non-finite values", () => {
    expect(() => angleRad("1 TeV", "minDistance")).toThrow(UnitError);
    expect(() => angleRad(Number.NaN, "minDistance")).toThrow(/minDistance must be a finite angle/);
  });
});

describe("reference image", () => {
  it("is a TAN image at the pointing, 4 x distance + 0.3 deg wide", () => {
    const wcs = referenceWcs(ON, POINTING, 0.01);
    // Distance 0.5 deg: width 2.3 deg = 230 pixels.
    expect(wcs.npix).toEqual([230, 230]);
    expect(wcs.crpix).toEqual([115.5, 115.5]);
    expect(wcs.cdelt).toEqual([-0.01, 0.01]);
    const c = centerPixel(wcs, POINTING);
    expect(c.x).toBeCloseTo(114.5, 9);
    expect(c.y).toBeCloseTo(114.5, 9);
  });

  it("uses the frame of the on region", () => {
    const gal = ON.toFrame("galactic");
    const wcs = referenceWcs(gal, POINTING, 0.02);
    expect(wcs.frame).toBe("galactic");
    expect(wcs.npix).toEqual([115, 115]);
    const c = centerPixel(wcs, POINTING);
    expect(c.x).toBeCloseTo(57, 9);
  });

  it("refuses a bad bin size or centre", () => {
    expect(() => referenceWcs(ON, POINTING, 0)).toThrow(DataError);
    expect(() => referenceWcs(ON, { lon: 0, lat: 95 }, 0.01)).toThrow(/not a valid sky direction/);
  });
});

describe("pixel rotation and angular size", () => {
  it("rotates centres counter-clockwise and turns shape angles", () => {
    const c = rotatePixelRegion({ kind: "circle", x: 11, y: 1, radius: 2 }, 1, 1, Math.PI / 2);
    expect(c.kind === "circle" && [c.x, c.y, c.radius]).toEqual([expect.closeTo(1, 12), expect.closeTo(11, 12), 2]);
    const e = rotatePixelRegion({ kind: "ellipse", x: 0, y: 5, width: 4, height: 2, angle: 10 }, 0, 0, Math.PI);
    expect(e.kind === "ellipse" && [e.x, e.y, e.angle]).toEqual([expect.closeTo(0, 12), expect.closeTo(-5, 12), expect.closeTo(190, 12)]);
    const p = rotatePixelRegion({ kind: "polygon", x: Float64Array.of(1, 2), y: Float64Array.of(0, 0) }, 0, 0, Math.PI / 2);
    expect(p.kind === "polygon" && [...p.y]).toEqual([expect.closeTo(1, 12), expect.closeTo(2, 12)]);
  });

  it("measures 2 asin(r / d) up to the pixel grid, the same across the ±π cut", () => {
    const exact = 2 * Math.asin(11 / 50);
    const below = regionAngularSize({ kind: "circle", x: 100, y: 50, radius: 11 }, [201, 201], 100, 100);
    const above = regionAngularSize({ kind: "circle", x: 100, y: 150, radius: 11 }, [201, 201], 100, 100);
    expect(below).toBeLessThan(exact);
    expect(below).toBeGreaterThan(exact - 2 / 50);
    // The region straddling atan2's ±π cut (above the centre) is unwrapped: same size.
    expect(above).toBeCloseTo(below, 12);
  });

  it("bounds the ring the rotated copies stay in", () => {
    const ring = rotationAnnulus({ kind: "circle", x: 165, y: 115, radius: 11 }, 115, 115);
    expect(ring.rMin).toBeCloseTo(36.5, 12);
    expect(ring.rMax).toBeCloseTo(Math.hypot(61.5, 11.5) + 2, 12);
  });

  it("refuses a region that holds no pixel centre", () => {
    expect(() => regionAngularSize({ kind: "circle", x: 10.5, y: 10.5, radius: 0.3 }, [20, 20], 0, 0)).toThrow(/smaller binsz/);
  });
});

describe("ReflectedRegionsFinder", () => {
  it("places non-overlapping copies at the on region's distance", () => {
    const { regions } = new ReflectedRegionsFinder().run(ON, POINTING);
    expect(regions.length).toBe(12);
    for (const r of regions) {
      expect(r.kind).toBe("circle");
      // Rotation in the tangent plane keeps the distance from the tangent point.
      expect(sep(r, POINTING)).toBeCloseTo(sep(ON, POINTING), 9);
      expect(sep(r, ON.center)).toBeGreaterThan(2 * 0.11);
    }
    for (let i = 1; i < regions.length; i++) expect(sep(regions[i], regions[i - 1].center)).toBeGreaterThan(2 * 0.11 * 0.95);
  });

  it("honours maxRegionNumber, minDistance and minDistanceInput", () => {
    expect(new ReflectedRegionsFinder({ maxRegionNumber: 3 }).run(ON, POINTING).regions.length).toBe(3);
    const wide = new ReflectedRegionsFinder({ minDistance: "0.2 rad" }).run(ON, POINTING).regions;
    expect(wide.length).toBeLessThan(12);
    const far = new ReflectedRegionsFinder({ minDistanceInput: 90 }).run(ON, POINTING).regions;
    // No off region within 90 deg (position angle about the pointing) of the on region.
    for (const r of far) expect(sep(r, ON.center)).toBeGreaterThan(2 * 0.5 * Math.sin(Math.PI / 4));
  });

  it("skips regions touching excluded pixels", () => {
    const excluded = new CircleSkyRegion(84.1, 21.55, 0.15);
    const mask = exclusionMap(WcsGeom.create({ skydir: [83.633, 21.514], binsz: 0.02, width: 3 }), [excluded]);
    const free = new ReflectedRegionsFinder().run(ON, POINTING).regions;
    const { regions } = new ReflectedRegionsFinder().run(ON, POINTING, mask);
    expect(regions.length).toBeGreaterThan(0);
    expect(regions.length).toBeLessThan(free.length);
    for (const r of regions) expect(sep(r, excluded.center)).toBeGreaterThan(0.15 + 0.11 - 0.03);
    expect(excludedPixels(referenceWcs(ON, POINTING, 0.01), mask).x.length).toBeGreaterThan(600);
  });

  it("finds nothing when the pointing lies inside the on region", () => {
    expect(new ReflectedRegionsFinder().run(new CircleSkyRegion(83.633, 21.6, 0.2), POINTING).regions).toEqual([]);
  });

  it("keeps ellipse and rectangle shapes, turning their angle", () => {
    const ell = new EllipseSkyRegion(83.633, 22.014, 0.3, 0.15, 30);
    const { regions } = new ReflectedRegionsFinder().run(ell, POINTING);
    expect(regions.length).toBeGreaterThan(3);
    const first = regions[0];
    expect(first.kind).toBe("ellipse");
    if (first.kind === "ellipse") {
      expect(first.width).toBeCloseTo(0.3, 4);
      expect(first.angle).not.toBeCloseTo(30, 1);
    }
    expect(new ReflectedRegionsFinder().run(new RectangleSkyRegion(83.633, 22.014, 0.3, 0.15, 0), POINTING).regions[0].kind).toBe("rectangle");
  });

  it("refuses points and bad options with typed errors", () => {
    expect(() => new ReflectedRegionsFinder().run(new PointSkyRegion(83.633, 22.014), POINTING)).toThrow(/WobbleRegionsFinder/);
    expect(() => new ReflectedRegionsFinder({ angleIncrement: 0 })).toThrow(/angleIncrement must be > 0/);
    expect(() => new ReflectedRegionsFinder({ maxRegionNumber: 0 })).toThrow(/maxRegionNumber must be a positive integer/);
    expect(() => new ReflectedRegionsFinder({ binsz: "-1 deg" })).toThrow(DataError);
    const bad = { geom: { npix: [10, 10] as const, skyToPix: () => ({ x: new Float64Array(), y: new Float64Array() }) }, data: new Uint8Array(5) };
    expect(() => new ReflectedRegionsFinder().run(ON, POINTING, bad)).toThrow(/5 values for a 10 x 10 image/);
  });
});

describe("WobbleRegionsFinder", () => {
  it("places n copies at equal angles, points included", () => {
    const point = new PointSkyRegion(83.633, 22.014);
    const { regions } = new WobbleRegionsFinder({ nOffRegions: 3 }).run(point, POINTING);
    expect(regions.map((r) => r.kind)).toEqual(["point", "point", "point"]);
    // The middle one is the mirror image of the on position through the pointing.
    expect(regions[1].center.lon).toBeCloseTo(83.633, 9);
    expect(regions[1].center.lat).toBeCloseTo(21.014, 9);
    for (const r of regions) expect(sep(r, POINTING)).toBeCloseTo(sep(point, POINTING), 9);
  });

  it("returns no region, with a warning, when extended copies overlap", () => {
    const lines: string[] = [];
    const logger = createLogger({ level: "warning", write: (l) => lines.push(l) });
    expect(new WobbleRegionsFinder({ nOffRegions: 20, logger }).run(ON, POINTING).regions).toEqual([]);
    expect(lines.join("\n")).toMatch(/overlapping off regions/);
  });

  it("drops excluded positions", () => {
    const mask = exclusionMap(WcsGeom.create({ skydir: [83.633, 21.514], binsz: 0.02, width: 3 }), [new CircleSkyRegion(83.633, 21.014, 0.1)]);
    const { regions } = new WobbleRegionsFinder({ nOffRegions: 3 }).run(new PointSkyRegion(83.633, 22.014), POINTING, mask);
    expect(regions.length).toBe(2);
    for (const r of regions) expect(r.center.lat).toBeGreaterThan(21.4);
  });

  it("refuses a non-integer number of regions", () => {
    expect(() => new WobbleRegionsFinder({ nOffRegions: 2.5 })).toThrow(/nOffRegions must be a positive integer/);
  });
});
