/**
 * The REGION table of Gammapy's region maps: the regions converted to pixels of the
 * geometry's TAN WCS, in the FITS region layout astropy regions 0.7 writes (columns
 * SHAPE, X, Y, R, ROTANG; 0-based pixels as regions writes them; ellipse R = semi-axes;
 * rectangles as "rotbox" with full sides) and the WCS cards in the same header.
 */
import { FitsError } from "@gammats/core";
import { binTableHdu } from "@gammats/fits";
import type { BinTableHduSpec, ColumnInput, Hdu } from "@gammats/fits";
import { CircleSkyRegion } from "./circle-region.js";
import { EllipseSkyRegion } from "./ellipse-region.js";
import { PointSkyRegion } from "./point-region.js";
import { PolygonSkyRegion } from "./polygon-region.js";
import { RectangleSkyRegion } from "./rectangle-region.js";
import type { PixelRegion } from "./pixel-region.js";
import { RegionWcs } from "./region-wcs.js";
import type { SkyRegion } from "./sky-region.js";

interface RegionRow {
  shape: string;
  x: number[];
  y: number[];
  r: number[];
  rotang: number;
}

function rowOf(p: PixelRegion): RegionRow {
  switch (p.kind) {
    case "circle":
      return { shape: "circle", x: [p.x], y: [p.y], r: [p.radius], rotang: 0 };
    case "point":
      return { shape: "point", x: [p.x], y: [p.y], r: [0], rotang: 0 };
    case "ellipse":
      return { shape: "ellipse", x: [p.x], y: [p.y], r: [p.width / 2, p.height / 2], rotang: p.angle };
    case "rectangle":
      return { shape: "rotbox", x: [p.x], y: [p.y], r: [p.width, p.height], rotang: p.angle };
    case "polygon":
      return { shape: "polygon", x: Array.from(p.x), y: Array.from(p.y), r: [0], rotang: 0 };
  }
}

// regions pads vector cells with zeros to the longest row; all-scalar columns stay scalar.
function paddedColumn(name: string, rows: number[][], unit: string): ColumnInput {
  const width = Math.max(...rows.map((r) => r.length));
  const data = new Float64Array(rows.length * width);
  rows.forEach((r, i) => data.set(r, i * width));
  return width === 1 ? { name, data, unit } : { name, data, unit, shape: [rows.length, width] };
}

/**
 * Describes the REGION table HDU of regions projected with a WCS.
 *
 * @param regions - the regions (their union is the spatial bin)
 * @param wcs - the geometry's projection
 * @param name - EXTNAME, e.g. "SKYMAP_REGION" (gadf) or "REGION" (OGIP)
 * @returns the HDU description
 * @example
 * ```ts
 * regionTableHdu(geom.regions, geom.wcs, "SKYMAP_REGION");
 * ```
 */
export function regionTableHdu(regions: readonly SkyRegion[], wcs: RegionWcs, name: string): BinTableHduSpec {
  const rows = regions.map((r) => rowOf(r.toPixel(wcs)));
  return binTableHdu({
    name,
    columns: [
      { name: "SHAPE", data: rows.map((r) => r.shape) },
      paddedColumn("X", rows.map((r) => r.x), "pix"),
      paddedColumn("Y", rows.map((r) => r.y), "pix"),
      paddedColumn("R", rows.map((r) => r.r), "pix"),
      { name: "ROTANG", data: Float64Array.from(rows, (r) => r.rotang), unit: "deg" },
    ],
    header: wcs.toHeaderCards(),
  });
}

/** Row values of a numeric column ([nrows] or [nrows, m] cells). */
function cells(hdu: Hdu, name: string): ((row: number) => Float64Array) | undefined {
  if (!hdu.hasColumn(name)) return undefined;
  const col = hdu.readFloat64(name);
  const per = col.shape.slice(1).reduce((a, b) => a * b, 1);
  return (row) => col.data.subarray(row * per, (row + 1) * per);
}

/**
 * Converts a pixel region back to the sky with a WCS (as regions' `to_sky`: sizes with
 * the pixel scale at the centre, angles corrected by the tilt of north there).
 *
 * @param p - the pixel region
 * @param wcs - the projection
 * @returns the sky region, in the WCS frame
 */
export function pixelRegionToSky(p: PixelRegion, wcs: RegionWcs): SkyRegion {
  if (p.kind === "polygon") {
    const v = wcs.pixelToWorld(p.x, p.y);
    return new PolygonSkyRegion(v.lon, v.lat, wcs.frame);
  }
  const c = wcs.pixelToWorld(Float64Array.of(p.x), Float64Array.of(p.y));
  const [lon, lat] = [c.lon[0], c.lat[0]];
  if (p.kind === "point") return new PointSkyRegion(lon, lat, wcs.frame);
  const s = wcs.pixelScaleAngle(lon, lat, wcs.frame);
  if (p.kind === "circle") return new CircleSkyRegion(lon, lat, p.radius * s.scale, wcs.frame);
  const angle = p.angle - (s.northAngle - 90);
  const Shape = p.kind === "ellipse" ? EllipseSkyRegion : RectangleSkyRegion;
  return new Shape(lon, lat, p.width * s.scale, p.height * s.scale, angle, wcs.frame);
}

/**
 * Reads a FITS REGION table (with its WCS header) as sky regions.
 *
 * @param hdu - the REGION table HDU
 * @param file - file path for error messages
 * @returns the regions (in the WCS frame) and the WCS
 * @throws FitsError for a missing column, an unsupported shape (annulus, pie, ...) or a
 *   WCS that is not a plain TAN projection
 * @example
 * ```ts
 * const { regions, wcs } = readRegionTable(readFitsSync(path).hdu("SKYMAP_REGION"));
 * ```
 */
export function readRegionTable(hdu: Hdu, file?: string): { regions: SkyRegion[]; wcs: RegionWcs } {
  const hduName = hdu.header.has("EXTNAME") ? hdu.header.getString("EXTNAME").trim() : "REGION";
  const where = { ...(file === undefined ? {} : { file }), hdu: hduName };
  const wcs = RegionWcs.fromHeader(hdu.header, where);
  const shapes = hdu.hasColumn("SHAPE") ? hdu.readStrings("SHAPE") : new Array<string>(hdu.nrows).fill("point");
  const x = cells(hdu, "X");
  const y = cells(hdu, "Y");
  const r = cells(hdu, "R");
  const rot = cells(hdu, "ROTANG");
  const regions: SkyRegion[] = [];
  for (let row = 0; row < hdu.nrows; row++) {
    // Gammapy reads excluded shapes ("!circle") as included ones; so do we.
    const shape = shapes[row].trim().toLowerCase().replace(/^!/, "");
    const need = (col: ((row: number) => Float64Array) | undefined, colName: string, n: number): Float64Array => {
      const v = col?.(row);
      if (v === undefined || v.length < n) {
        throw new FitsError(`region row ${row} (${shape}) needs ${n} value(s) in column ${colName}`, { ...where, key: colName }, {
          hint: "write the table with Gammapy or gammats",
        });
      }
      return v;
    };
    const angle = (): number => (rot === undefined ? 0 : rot(row)[0]);
    let p: PixelRegion;
    switch (shape) {
      case "point":
        p = { kind: "point", x: need(x, "X", 1)[0], y: need(y, "Y", 1)[0] };
        break;
      case "circle":
        p = { kind: "circle", x: need(x, "X", 1)[0], y: need(y, "Y", 1)[0], radius: need(r, "R", 1)[0] };
        break;
      case "ellipse": {
        const rr = need(r, "R", 2);
        p = { kind: "ellipse", x: need(x, "X", 1)[0], y: need(y, "Y", 1)[0], width: 2 * rr[0], height: 2 * rr[1], angle: angle() };
        break;
      }
      case "box":
      case "rotbox": {
        const rr = need(r, "R", 2);
        p = { kind: "rectangle", x: need(x, "X", 1)[0], y: need(y, "Y", 1)[0], width: rr[0], height: rr[1], angle: shape === "rotbox" ? angle() : 0 };
        break;
      }
      case "rectangle":
      case "rotrectangle": {
        const [xx, yy] = [need(x, "X", 2), need(y, "Y", 2)];
        const a = shape === "rotrectangle" ? angle() : 0;
        p = { kind: "rectangle", x: (xx[0] + xx[1]) / 2, y: (yy[0] + yy[1]) / 2, width: xx[1] - xx[0], height: yy[1] - yy[0], angle: a };
        break;
      }
      case "polygon": {
        let [xx, yy] = [need(x, "X", 3), need(y, "Y", 3)];
        // Rows are zero-padded to the longest row: drop trailing (0, 0) padding vertices.
        let n = xx.length;
        while (n > 3 && xx[n - 1] === 0 && yy[n - 1] === 0) n--;
        [xx, yy] = [xx.slice(0, n), yy.slice(0, n)];
        p = { kind: "polygon", x: xx, y: yy };
        break;
      }
      default:
        throw new FitsError(`region shape '${shapes[row].trim()}' (row ${row}) is not supported`, { ...where, key: "SHAPE" }, {
          hint: "use circle, point, ellipse, box/rotbox, rectangle or polygon",
        });
    }
    regions.push(pixelRegionToSky(p, wcs));
  }
  return { regions, wcs };
}
