/**
 * Sky regions from and to text: DS9 region strings as astropy regions reads and writes
 * them ("icrs;circle(83.633,22.014,0.1)"), and the `on_region` circle of an analysis
 * config ({frame, lon, lat, radius}).
 */
import { DataError, parseFrame, toInternal } from "@gammats/core";
import type { FrameName } from "@gammats/core";
import { CircleSkyRegion } from "./circle-region.js";
import { EllipseSkyRegion } from "./ellipse-region.js";
import { PointSkyRegion } from "./point-region.js";
import { PolygonSkyRegion } from "./polygon-region.js";
import { RectangleSkyRegion } from "./rectangle-region.js";
import type { SkyRegion } from "./sky-region.js";

const R2D = 180 / Math.PI;
const SKY_FRAMES: Record<string, FrameName> = { icrs: "icrs", fk5: "fk5", j2000: "fk5", galactic: "galactic" };
const OTHER_FRAMES = ["image", "physical", "fk4", "b1950", "ecliptic", "linear", "amplifier", "detector", "wcs"];
const UNSUPPORTED_SHAPES = ["annulus", "line", "text", "vector", "ruler", "compass", "projection", "panda", "epanda", "bpanda", "composite"];

function ds9Error(message: string, where: string, hint: string): DataError {
  return new DataError(`DS9 region: ${message} in '${where}'`, { hint });
}

// Sexagesimal "5:34:31.9", "5h34m31.9s", "+22d00m52s" in units of `unit` (hours or degrees).
function parseSexagesimal(text: string, perUnit: number, where: string): number {
  const parts = text
    .replace(/[hdms]/gi, ":")
    .split(":")
    .filter((p) => p.trim() !== "");
  const sign = text.trim().startsWith("-") ? -1 : 1;
  const nums = parts.map((p) => Math.abs(Number(p)));
  if (nums.length === 0 || nums.length > 3 || nums.some((v) => !Number.isFinite(v))) {
    throw ds9Error(`cannot read angle '${text}'`, where, "write decimal degrees or h:m:s / d:m:s");
  }
  const value = (nums[0] ?? 0) + (nums[1] ?? 0) / 60 + (nums[2] ?? 0) / 3600;
  return sign * value * perUnit;
}

function parseNumber(text: string, where: string): number {
  const v = Number(text);
  if (text.trim() === "" || !Number.isFinite(v)) throw ds9Error(`cannot read number '${text}'`, where, "write decimal degrees, e.g. 83.633");
  return v;
}

// A position coordinate; `isLon` selects hours for sexagesimal equatorial longitudes.
function parseCoord(text: string, frame: FrameName, isLon: boolean, where: string): number {
  const t = text.trim();
  if (/[ip]/i.test(t)) throw ds9Error(`pixel coordinate '${t}' in a sky region`, where, "give sky coordinates in degrees");
  if (t.endsWith("r")) return parseNumber(t.slice(0, -1), where) * R2D;
  if (t.endsWith("d") && !/[hms:]/.test(t)) return parseNumber(t.slice(0, -1), where);
  if (/[dh]/.test(t)) return parseSexagesimal(t, /h/.test(t) ? 15 : 1, where);
  if (t.includes(":")) return parseSexagesimal(t, isLon && frame !== "galactic" ? 15 : 1, where);
  return parseNumber(t, where);
}

// A size or angle: default unit degree; suffixes " ' d r.
function parseSize(text: string, where: string): number {
  const t = text.trim();
  const last = t.slice(-1);
  const scale: Record<string, number> = { '"': 1 / 3600, "'": 1 / 60, d: 1, r: R2D };
  if (/[ip]$/.test(t)) throw ds9Error(`pixel size '${t}' in a sky region`, where, "give sizes in degrees (or with \" ' d r)");
  if (last in scale) return parseNumber(t.slice(0, -1), where) * scale[last];
  return parseNumber(t, where);
}

function makeRegion(shape: string, args: string[], frame: FrameName, where: string): SkyRegion {
  const need = (n: number, form: string): void => {
    if (args.length !== n) throw ds9Error(`${shape} needs ${n} parameters, got ${args.length}`, where, `write ${form}`);
  };
  const lon = (i: number): number => parseCoord(args[i], frame, true, where);
  const lat = (i: number): number => parseCoord(args[i], frame, false, where);
  const size = (i: number): number => parseSize(args[i], where);
  switch (shape) {
    case "circle":
      need(3, "circle(lon,lat,radius)");
      return new CircleSkyRegion(lon(0), lat(1), size(2), frame);
    case "point":
      need(2, "point(lon,lat)");
      return new PointSkyRegion(lon(0), lat(1), frame);
    case "ellipse":
      need(5, "ellipse(lon,lat,semi_axis_1,semi_axis_2,angle) (elliptical annuli are not supported)");
      // DS9 writes semi-axes; regions' width/height are full axes.
      return new EllipseSkyRegion(lon(0), lat(1), 2 * size(2), 2 * size(3), size(4), frame);
    case "box":
      if (args.length === 4) return new RectangleSkyRegion(lon(0), lat(1), size(2), size(3), 0, frame);
      need(5, "box(lon,lat,width,height,angle) (box annuli are not supported)");
      return new RectangleSkyRegion(lon(0), lat(1), size(2), size(3), size(4), frame);
    case "polygon": {
      if (args.length < 6 || args.length % 2 !== 0) {
        throw ds9Error(`polygon needs an even number (>= 6) of coordinates, got ${args.length}`, where, "write polygon(lon1,lat1,lon2,lat2,lon3,lat3,...)");
      }
      const n = args.length / 2;
      const lons = new Float64Array(n);
      const lats = new Float64Array(n);
      for (let i = 0; i < n; i++) {
        lons[i] = lon(2 * i);
        lats[i] = lat(2 * i + 1);
      }
      return new PolygonSkyRegion(lons, lats, frame);
    }
    default:
      throw ds9Error(
        UNSUPPORTED_SHAPES.includes(shape) ? `shape '${shape}' is not supported` : `unknown shape '${shape}'`,
        where,
        "use circle, point, ellipse, box or polygon",
      );
  }
}

/**
 * Parses DS9 region text into sky regions, following astropy regions: frame lines or
 * "frame;" prefixes, shapes circle/point/ellipse (semi-axes)/box/polygon, coordinates
 * in degrees (or with d/r suffixes, or sexagesimal — hours for equatorial longitudes),
 * sizes in degrees or with " ' d r; comments (#...) and "global" lines ignored.
 *
 * @param text - e.g. "icrs;circle(83.633,22.014,0.1)" or a whole .reg file
 * @returns the regions in order
 * @throws DataError for a shape without a frame, pixel (image) regions, exclusions
 *   ("-circle"), unsupported shapes or unreadable parameters; the message quotes the line
 * @example
 * ```ts
 * parseDs9Regions("icrs;circle(83.633,22.014,0.1)")[0].radius;          // 0.1
 * parseDs9Regions("galactic;ellipse(184.5,-5.7,0.2,0.1,30)")[0].width;   // 0.4
 * ```
 */
export function parseDs9Regions(text: string): SkyRegion[] {
  const regions: SkyRegion[] = [];
  let frame: FrameName | undefined;
  for (const rawLine of String(text).split(/\r?\n/)) {
    // A '#' starts a comment (or region properties) up to the end of the line.
    const line = rawLine.replace(/#.*$/, "");
    for (const piece of line.split(";")) {
      const token = piece.trim();
      if (token === "" || /^global\b/i.test(token)) continue;
      const lower = token.toLowerCase();
      if (lower in SKY_FRAMES) {
        frame = SKY_FRAMES[lower];
        continue;
      }
      if (OTHER_FRAMES.includes(lower)) {
        throw ds9Error(`coordinate frame '${token}' is not supported`, rawLine.trim(), "use icrs, fk5 or galactic sky coordinates");
      }
      const m = /^([+-]?)\s*([a-z_]+)\s*\((.*)\)\s*$/i.exec(token) ?? /^([+-]?)\s*([a-z_]+)\s+(.*)$/i.exec(token);
      if (m === null) throw ds9Error(`cannot read '${token}'`, rawLine.trim(), "write e.g. icrs;circle(83.633,22.014,0.1)");
      const [, sign, shapeRaw, params] = m;
      const shape = shapeRaw.toLowerCase();
      if (sign === "-") {
        throw ds9Error("exclusion regions are not supported", rawLine.trim(), "remove the leading '-' or the region");
      }
      if (frame === undefined) {
        throw ds9Error("no coordinate frame before the shape", rawLine.trim(), "start with a frame, e.g. 'icrs;circle(83.633,22.014,0.1)'");
      }
      const args = params.split(/\s*,\s*|\s+/).filter((a) => a !== "");
      regions.push(makeRegion(shape, args, frame, rawLine.trim()));
    }
  }
  return regions;
}

/**
 * DS9 text for regions, as astropy regions' `Regions.serialize(format="ds9")` writes it:
 * a header line, then one frame line and the shapes when all share a frame, else
 * "frame; shape" lines.
 *
 * @param regions - the regions
 * @returns the text ("" for no regions)
 * @example
 * ```ts
 * regionsToDs9([new CircleSkyRegion(83.633, 22.014, 0.1)]);
 * // "# Region file format: DS9 astropy/regions\nicrs\ncircle(83.63300000,22.01400000,0.10000000)\n"
 * ```
 */
export function regionsToDs9(regions: readonly SkyRegion[]): string {
  if (regions.length === 0) return "";
  let out = "# Region file format: DS9 astropy/regions\n";
  const frames = new Set(regions.map((r) => r.frame));
  if (frames.size === 1) {
    out += `${regions[0].frame}\n`;
    for (const r of regions) out += `${r.toDs9Shape()}\n`;
  } else {
    for (const r of regions) out += `${r.frame}; ${r.toDs9Shape()}\n`;
  }
  return out;
}

/** An analysis config's `on_region` circle: angles as numbers [deg] or strings with units. */
export interface OnRegionConfig {
  /** "icrs", "galactic" or "fk5". */
  frame: string | null;
  /** Centre longitude, e.g. 83.633 or "83.633 deg". */
  lon: number | string | null;
  /** Centre latitude. */
  lat: number | string | null;
  /** Radius; 0 makes a point region. */
  radius: number | string | null;
}

function angleOf(value: number | string | null, key: string): number {
  if (value === null || value === undefined) {
    throw new DataError(`on_region.${key} is not set`, { hint: "give frame, lon, lat and radius, e.g. lon: 83.633 deg" });
  }
  if (typeof value === "number") return value;
  return toInternal(value, "angle");
}

/**
 * The ON region of a 1D analysis from the config's `on_region`: a circle, or a point
 * region when the radius is 0 (point-like IRFs; Gammapy 1.0 refuses radius 0).
 *
 * @param config - {frame, lon, lat, radius}; numbers are degrees
 * @returns a CircleSkyRegion or PointSkyRegion
 * @throws DataError for a missing value, a negative radius or an unknown frame;
 *   UnitError for a string that is not an angle
 * @example
 * ```ts
 * regionFromOnRegion({ frame: "icrs", lon: "83.633 deg", lat: "22.014 deg", radius: "0.11 deg" }).kind; // "circle"
 * regionFromOnRegion({ frame: "icrs", lon: 83.633, lat: 22.014, radius: 0 }).kind;                     // "point"
 * ```
 */
export function regionFromOnRegion(config: OnRegionConfig): CircleSkyRegion | PointSkyRegion {
  if (config.frame === null || config.frame === undefined) {
    throw new DataError("on_region.frame is not set", { hint: "give frame: icrs or galactic" });
  }
  const frame = parseFrame(config.frame, "on_region.frame");
  const lon = angleOf(config.lon, "lon");
  const lat = angleOf(config.lat, "lat");
  const radius = angleOf(config.radius, "radius");
  if (radius < 0 || !Number.isFinite(radius)) {
    throw new DataError(`on_region.radius must be >= 0, got ${radius} deg`, { hint: "give e.g. radius: 0.11 deg (0 for a point)" });
  }
  return radius === 0 ? new PointSkyRegion(lon, lat, frame) : new CircleSkyRegion(lon, lat, radius, frame);
}
