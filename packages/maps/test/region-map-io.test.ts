// RegionNDMap FITS I/O without Python: the layout Gammapy 1.0 writes (HDU names, columns,
// REGION table in pixels with the WCS header) and round trips; the live test reads and
// writes the same files with Gammapy.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { binTableHdu, imageHdu, readFitsSync, writeFitsSync } from "@gammats/fits";
import {
  CircleSkyRegion,
  EllipseSkyRegion,
  MapAxis,
  PointSkyRegion,
  PolygonSkyRegion,
  RectangleSkyRegion,
  RegionGeom,
  RegionNDMap,
  readRegionNDMap,
  readRegionTable,
  regionGeomFromFits,
  regionGeomToHdus,
  regionNDMapToHdus,
  writeRegionNDMap,
} from "@gammats/maps";
import type { EllipseSkyRegion as Ellipse } from "@gammats/maps";
import { expectClose } from "./helpers.js";

const dir = mkdtempSync(join(tmpdir(), "gammats-region-io-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const energy = MapAxis.fromEnergyBounds(1, 10, 3, { unit: "TeV" });

describe("gadf layout", () => {
  it("writes the HDUs and columns Gammapy writes", () => {
    const map = RegionNDMap.create("icrs;circle(83.633,22.014,0.1)", { axes: [energy], data: [0, 1, 2], unit: "cm-2 s-1" });
    const path = join(dir, "circle.fits");
    writeRegionNDMap(path, map);
    const file = readFitsSync(path);
    expect([...file].map((h) => h.name)).toEqual(["PRIMARY", "SKYMAP", "SKYMAP_BANDS", "SKYMAP_REGION"]);
    const sky = file.hdu("SKYMAP");
    expect(sky.columns.map((c) => c.name)).toEqual(["CHANNEL", "DATA"]);
    expect(sky.header.getString("AXCOLS1")).toBe("E_MIN,E_MAX");
    expect(sky.header.getString("INTERP1")).toBe("log");
    expect(sky.readFloat64("DATA").unit).toBe("cm-2 s-1");
    const reg = file.hdu("SKYMAP_REGION");
    // Gammapy: ('circle', 1799.5, 899.5, 1.0, 0.0) with CRPIX 1800.5, 900.5 (0-based pixels).
    expect(reg.readStrings("SHAPE")).toEqual(["circle"]);
    expectClose([reg.readFloat64("X").data[0], reg.readFloat64("Y").data[0], reg.readFloat64("R").data[0]], [1799.5, 899.5, 1], 1e-9, 0, "pixels");
    expect(reg.readFloat64("R").unit).toBe("pix");
    expect(reg.header.getString("CTYPE1")).toBe("RA---TAN");
    expect(reg.header.getString("RADESYS")).toBe("ICRS");
    expect(reg.header.getString("WCSSHAPE")).toBe("(3600,1800)");
  });

  it("writes ellipse semi-axes, rotbox full sides and pads vector cells", () => {
    const geom = new RegionGeom([new EllipseSkyRegion(83.633, 22.014, 0.4, 0.2, 30), new RectangleSkyRegion(83.9, 22.2, 0.4, 0.2, 0), new CircleSkyRegion(83.5, 21.9, 0.1)], {
      axes: [energy],
    });
    const hdus = regionGeomToHdus(geom, { hduBands: "X_BANDS", hduRegion: "X_REGION" });
    const path = join(dir, "shapes.fits");
    writeFitsSync(path, [imageHdu(), ...hdus]);
    const reg = readFitsSync(path).hdu("X_REGION");
    expect(reg.readStrings("SHAPE")).toEqual(["ellipse", "rotbox", "circle"]);
    const r = reg.readFloat64("R");
    expect(r.shape).toEqual([3, 2]);
    const fine = geom.wcs!.binsz;
    // Near (not at) the reference point, so compare sizes in pixels to 1e-4.
    expectClose(r.data, [0.2 / fine, 0.1 / fine, 0.4 / fine, 0.2 / fine, 0.1 / fine, 0], 1e-4, 1e-12, "R");
    const { regions, wcs } = readRegionTable(reg);
    expect(wcs.equals(geom.wcs!)).toBe(true);
    expect(regions.map((x) => x.kind)).toEqual(["ellipse", "rectangle", "circle"]);
    expectClose([(regions[0] as Ellipse).width, (regions[0] as Ellipse).height, (regions[0] as Ellipse).angle], [0.4, 0.2, 30], 1e-9, 1e-9, "ellipse back");
  });
});

describe("round trips", () => {
  it("keeps data, unit, axes, regions and WCS", () => {
    const energyTrue = MapAxis.fromEnergyBounds(0.5, 20, 2, { unit: "TeV", name: "energy_true" });
    const regs = [new EllipseSkyRegion(184.557, -5.784, 0.5, 0.25, 40, "galactic")];
    const map = RegionNDMap.create(regs, { axes: [energy, energyTrue], data: [1, 2, NaN, 4, 5, 6], unit: "TeV-1", meta: { TELESCOP: "HESS" } });
    const path = join(dir, "cube.fits");
    writeRegionNDMap(path, map, { hdu: "npred" });
    const back = readRegionNDMap(path, { hdu: "NPRED" });
    expectClose(back.data, [1, 2, null, 4, 5, 6], 0, 0, "data");
    expect(back.unit).toBe("TeV-1");
    expect(back.meta.TELESCOP).toBe("HESS");
    expect(back.geom.axesNames).toEqual(["lon", "lat", "energy", "energy_true"]);
    expectClose((back.geom.axes[1] as MapAxis).edges, energyTrue.edges, 1e-15, 0, "edges");
    const e = back.geom.regions[0] as Ellipse;
    expect([e.kind, e.frame]).toEqual(["ellipse", "galactic"]);
    expectClose([e.center.lon, e.center.lat, e.width, e.height, e.angle], [184.557, -5.784, 0.5, 0.25, 40], 1e-10, 1e-10, "ellipse");
    expect(back.geom.wcs!.equals(map.geom.wcs!)).toBe(true);
    expectClose([back.geom.solidAngle()], [map.geom.solidAngle()], 1e-12, 0, "solid angle");
  });

  it("keeps polygons, points and region-less maps", () => {
    const poly = RegionNDMap.create([new PolygonSkyRegion([83, 84, 83.5], [22, 22, 23])], { axes: [energy] });
    const p1 = join(dir, "poly.fits");
    writeRegionNDMap(p1, poly);
    const back = readRegionNDMap(p1).geom.regions[0] as PolygonSkyRegion;
    expectClose(back.lon, [83, 84, 83.5], 0, 1e-10, "vertex lon");
    expectClose(back.lat, [22, 22, 23], 0, 1e-10, "vertex lat");

    const point = RegionNDMap.create([new PointSkyRegion(266.4, -28.9)], { axes: [energy], data: [7, 8, 9] });
    const p2 = join(dir, "point.fits.gz");
    writeRegionNDMap(p2, point);
    const pb = readRegionNDMap(p2);
    expect(pb.geom.isAllPointSkyRegions).toBe(true);
    expectClose([pb.geom.regions[0].center.lon, pb.geom.regions[0].center.lat], [266.4, -28.9], 0, 1e-10, "point");

    const none = RegionNDMap.create(null, { axes: [energy], data: [1, 2, 3] });
    const p3 = join(dir, "none.fits");
    writeRegionNDMap(p3, none);
    expect(readFitsSync(p3).has("SKYMAP_REGION")).toBe(false);
    expect(readRegionNDMap(p3).geom.regions).toEqual([]);
  });

  it("reads an OGIP-style geometry (EBOUNDS + REGION)", () => {
    const geom = RegionGeom.create("icrs;circle(83.633,22.014,0.11)", { axes: [energy] });
    const path = join(dir, "ogip.fits");
    writeFitsSync(path, [imageHdu(), ...regionGeomToHdus(geom, { format: "ogip" })]);
    const file = readFitsSync(path);
    expect([...file].map((h) => h.name)).toEqual(["PRIMARY", "EBOUNDS", "REGION"]);
    const back = regionGeomFromFits(file, { format: "ogip" });
    expect(back.axes[0].nbin).toBe(3);
    expectClose([(back.regions[0] as CircleSkyRegion).radius], [0.11], 1e-9, 0, "radius");
  });
});

describe("errors say what and where", () => {
  it("refuses to write a map without axes (Gammapy cannot either)", () => {
    expect(() => regionNDMapToHdus(RegionNDMap.create("icrs;circle(1,2,0.1)"))).toThrow(/without non-spatial axes/);
  });

  it("names the file and HDU of bad input", () => {
    const map = RegionNDMap.create("icrs;circle(1,2,0.1)", { axes: [energy] });
    const hdus = regionNDMapToHdus(map);
    // DATA with the wrong number of rows.
    const bad = join(dir, "bad-data.fits");
    writeFitsSync(bad, [hdus[0], binTableHdu({ name: "SKYMAP", columns: [{ name: "DATA", data: Float64Array.of(1, 2) }] }), hdus[2], hdus[3]]);
    expect(() => readRegionNDMap(bad)).toThrow(/DATA has 2 values but the axes in SKYMAP_BANDS give 3 bins/);
    // A region shape gammats does not know.
    const annulus = join(dir, "annulus.fits");
    const region = binTableHdu({
      name: "SKYMAP_REGION",
      columns: [
        { name: "SHAPE", data: ["annulus"] },
        { name: "X", data: Float64Array.of(1) },
        { name: "Y", data: Float64Array.of(1) },
        { name: "R", data: Float64Array.of(1, 2), shape: [1, 2] },
      ],
      header: map.geom.wcs!.toHeaderCards(),
    });
    writeFitsSync(annulus, [hdus[0], hdus[1], hdus[2], region]);
    expect(() => readRegionNDMap(annulus)).toThrow(/region shape 'annulus' \(row 0\) is not supported/);
    // A rotated WCS.
    const rotated = join(dir, "rotated.fits");
    writeFitsSync(rotated, [hdus[0], hdus[1], hdus[2], binTableHdu({ name: "SKYMAP_REGION", columns: region.columns, header: [...map.geom.wcs!.toHeaderCards(), ["PC1_2", 0.5]] })]);
    expect(() => readRegionNDMap(rotated)).toThrow(/rotated region WCS \(PC1_2\)/);
    // Missing bands table.
    const nobands = join(dir, "nobands.fits");
    writeFitsSync(nobands, [hdus[0], hdus[1]]);
    expect(() => readRegionNDMap(nobands)).toThrow(/no HDU 'SKYMAP_BANDS'/);
  });
});
