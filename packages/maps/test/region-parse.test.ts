// DS9 region strings (as astropy regions reads and writes them) and the config's on_region.
import { describe, expect, it } from "vitest";
import {
  CircleSkyRegion,
  EllipseSkyRegion,
  PointSkyRegion,
  PolygonSkyRegion,
  RectangleSkyRegion,
  parseDs9Regions,
  regionFromOnRegion,
  regionsToDs9,
} from "@gammats/maps";
import { expectClose } from "./helpers.js";

describe("parseDs9Regions", () => {
  it("reads the string Gammapy writes", () => {
    const [r] = parseDs9Regions("icrs;circle(83.633,22.014,0.1)");
    expect(r).toBeInstanceOf(CircleSkyRegion);
    const c = r as CircleSkyRegion;
    expect([c.frame, c.center.lon, c.center.lat, c.radius]).toEqual(["icrs", 83.633, 22.014, 0.1]);
  });

  it("turns DS9 ellipse semi-axes into full widths; box sides stay full", () => {
    const [e, b] = parseDs9Regions("galactic;ellipse(184.5,-5.7,0.2,0.1,30)\ngalactic;box(184.5,-5.7,0.4,0.2,30)");
    expect([(e as EllipseSkyRegion).width, (e as EllipseSkyRegion).height, (e as EllipseSkyRegion).angle]).toEqual([0.4, 0.2, 30]);
    expect([(b as RectangleSkyRegion).width, (b as RectangleSkyRegion).height]).toEqual([0.4, 0.2]);
    expect(b.frame).toBe("galactic");
  });

  it("reads units, sexagesimal coordinates and frame lines as regions does", () => {
    // regions: fk5;circle(5:34:31.9,+22:00:52,0.1) -> (83.63291667, 22.01444444) deg
    const [a] = parseDs9Regions("fk5;circle(5:34:31.9,+22:00:52,0.1)");
    expectClose([a.center.lon, a.center.lat], [83.63291666666666, 22.014444444444443], 1e-14, 0, "sexagesimal");
    expect(a.frame).toBe("fk5");
    const [m, s, r, d] = parseDs9Regions("icrs\ncircle(83.6,22.0,6')\ncircle(83.6,22.0,30\")\ncircle(1,2,0.1r)\ncircle(1d,2d,0.1d)");
    expectClose([(m as CircleSkyRegion).radius, (s as CircleSkyRegion).radius, (r as CircleSkyRegion).radius, (d as CircleSkyRegion).radius], [0.1, 30 / 3600, 5.729577951308232, 0.1], 1e-14, 0, "sizes");
    // In galactic, colon-separated longitudes are degrees, not hours.
    const [g] = parseDs9Regions("galactic;point(10:30:00,-1:30:00)");
    expectClose([g.center.lon, g.center.lat], [10.5, -1.5], 1e-14, 0, "galactic dms");
    const [h] = parseDs9Regions("j2000; point(5h34m31.9s, 22d00m52s) # color=red");
    expect(h.frame).toBe("fk5");
    expectClose([h.center.lon, h.center.lat], [83.63291666666666, 22.014444444444443], 1e-14, 0, "hms");
  });

  it("skips headers, globals and comments; keeps the order of shapes", () => {
    const text = "# Region file format: DS9 version 4.1\nglobal color=green dashlist=8 3\nicrs\npolygon(83,22,84,22,83.5,23)\npoint(83.2,22.1) # point=x\nbox(1,2,3,4)";
    const regs = parseDs9Regions(text);
    expect(regs.map((r) => r.kind)).toEqual(["polygon", "point", "rectangle"]);
    expect(Array.from((regs[0] as PolygonSkyRegion).lat)).toEqual([22, 22, 23]);
    expect((regs[2] as RectangleSkyRegion).angle).toBe(0);
  });

  it("refuses what it cannot represent, saying how to fix it", () => {
    expect(() => parseDs9Regions("circle(1,2,3)")).toThrow(/no coordinate frame.*'icrs;circle/);
    expect(() => parseDs9Regions("image;circle(100,100,20)")).toThrow(/frame 'image' is not supported.*icrs, fk5 or galactic/);
    expect(() => parseDs9Regions("icrs;-circle(1,2,0.1)")).toThrow(/exclusion regions are not supported/);
    expect(() => parseDs9Regions("icrs;annulus(1,2,0.1,0.2)")).toThrow(/shape 'annulus' is not supported/);
    expect(() => parseDs9Regions("icrs;circle(1,2)")).toThrow(/circle needs 3 parameters, got 2 in 'icrs;circle\(1,2\)'/);
    expect(() => parseDs9Regions("icrs;circle(1,abc,0.1)")).toThrow(/cannot read number 'abc'/);
    expect(() => parseDs9Regions("icrs;circle(1,2,-0.1)")).toThrow(/radius must be a positive angle/);
  });
});

describe("regionsToDs9", () => {
  it("writes what astropy regions writes", () => {
    // Strings printed by regions 0.7 Regions(...).serialize(format="ds9").
    expect(regionsToDs9([new CircleSkyRegion(83.633, 22.014, 0.1)])).toBe(
      "# Region file format: DS9 astropy/regions\nicrs\ncircle(83.63300000,22.01400000,0.10000000)\n",
    );
    expect(
      regionsToDs9([
        new CircleSkyRegion(83.633, 22.014, 0.1),
        new PointSkyRegion(184.557, -5.784, "galactic"),
        new EllipseSkyRegion(83.633, 22.014, 0.4, 0.2, 30),
        new RectangleSkyRegion(184.557, -5.784, 0.4, 0.2, 30, "galactic"),
        new PolygonSkyRegion([83, 84, 83.5], [22, 22, 23]),
      ]),
    ).toBe(
      "# Region file format: DS9 astropy/regions\n" +
        "icrs; circle(83.63300000,22.01400000,0.10000000)\n" +
        "galactic; point(184.55700000,-5.78400000)\n" +
        "icrs; ellipse(83.63300000,22.01400000,0.20000000,0.10000000,30.00000000)\n" +
        "galactic; box(184.55700000,-5.78400000,0.40000000,0.20000000,30.00000000)\n" +
        "icrs; polygon(83.00000000,22.00000000,84.00000000,22.00000000,83.50000000,23.00000000)\n",
    );
    expect(regionsToDs9([])).toBe("");
  });

  it("round-trips through the parser", () => {
    const regs = [new EllipseSkyRegion(266.4, -28.9, 0.6, 0.25, -15, "icrs"), new CircleSkyRegion(0.5, -0.3, 0.2, "galactic")];
    const back = parseDs9Regions(regionsToDs9(regs));
    expect(back.map((r) => r.kind)).toEqual(["ellipse", "circle"]);
    const e = back[0] as EllipseSkyRegion;
    expect([e.center.lon, e.center.lat, e.width, e.height, e.angle]).toEqual([266.4, -28.9, 0.6, 0.25, -15]);
    expect(back[1].frame).toBe("galactic");
    expect(regs[0].toDs9()).toBe("# Region file format: DS9 astropy/regions\nicrs\nellipse(266.40000000,-28.90000000,0.30000000,0.12500000,-15.00000000)\n");
  });
});

describe("regionFromOnRegion", () => {
  it("makes a circle from the config's strings or numbers", () => {
    const r = regionFromOnRegion({ frame: "icrs", lon: "83.633 deg", lat: "22.014 deg", radius: "6.6 arcmin" });
    expect(r).toBeInstanceOf(CircleSkyRegion);
    expectClose([(r as CircleSkyRegion).radius], [0.11], 1e-14, 0, "radius");
    const g = regionFromOnRegion({ frame: "galactic", lon: 184.557, lat: -5.784, radius: 0.2 });
    expect([g.frame, g.center.lon]).toEqual(["galactic", 184.557]);
  });

  it("makes a point region for radius 0", () => {
    const p = regionFromOnRegion({ frame: "icrs", lon: "83.633 deg", lat: "22.014 deg", radius: "0 deg" });
    expect(p).toBeInstanceOf(PointSkyRegion);
  });

  it("names the missing or bad key", () => {
    expect(() => regionFromOnRegion({ frame: "icrs", lon: null, lat: 1, radius: 1 })).toThrow(/on_region.lon is not set/);
    expect(() => regionFromOnRegion({ frame: null, lon: 1, lat: 1, radius: 1 })).toThrow(/on_region.frame is not set/);
    expect(() => regionFromOnRegion({ frame: "icrs", lon: 1, lat: 1, radius: -0.1 })).toThrow(/on_region.radius must be >= 0/);
    expect(() => regionFromOnRegion({ frame: "icrs", lon: "1 TeV", lat: 1, radius: 1 })).toThrow(/angle expected/);
    expect(() => regionFromOnRegion({ frame: "altaz", lon: 1, lat: 1, radius: 1 })).toThrow(/unknown sky frame 'altaz' in on_region.frame/);
  });
});
