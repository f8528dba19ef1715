/**
 * RegionGeom: the geometry of a 1D (spectral) map — one spatial "pixel" of arbitrary
 * shape (a sky region or a union of them) plus non-spatial axes — following Gammapy 1.0's
 * `RegionGeom`, including its TAN reference WCS and how it measures solid angles.
 */
import { DataError, angularSeparation, parseFrame, toInternal, transformFrame } from "@gammats/core";
import type { FrameName, LonLat } from "@gammats/core";
import type { MapAxis } from "../map-axis.js";
import type { TimeMapAxis } from "../time-map-axis.js";
import { icrsGeometricMedian } from "./geometric-median.js";
import { pixelRegionArea, pixelRegionBbox, pixelRegionContains } from "./pixel-region.js";
import type { PixelRegion } from "./pixel-region.js";
import { parseDs9Regions } from "./region-parse.js";
import { unionPixelCount } from "./region-union-area.js";
import { regionSkyBox, wrap180 } from "./region-sky-box.js";
import type { SkyBox } from "./region-sky-box.js";
import { RegionWcs } from "./region-wcs.js";
import { DEFAULT_BINSZ_WCS, toFloat64 } from "./sky-region.js";
import type { SkyRegion } from "./sky-region.js";

/** A non-spatial axis of a region geometry. */
export type RegionAxis = MapAxis | TimeMapAxis;

/** Options of {@link RegionGeom.create} and the constructor. */
export interface RegionGeomOptions {
  /** Non-spatial axes, first = fastest after the spatial ones in `data`. Default none. */
  axes?: readonly RegionAxis[];
  /** Projection to evaluate the regions in; default: all-sky TAN around the region centre. */
  wcs?: RegionWcs;
  /** Pixel size of the default projection, degrees or "0.1 deg". Default 0.1 deg. */
  binszWcs?: number | string;
}

// Gammapy oversamples its WCS ten times to count the pixels of compound regions.
const UNION_OVERSAMPLING = 10;
const SR_PER_DEG2 = (Math.PI / 180) ** 2;

function binszOf(value: number | string | undefined): number {
  if (value === undefined) return DEFAULT_BINSZ_WCS;
  return typeof value === "number" ? value : toInternal(value, "angle");
}

function defaultWcs(regions: readonly SkyRegion[], binsz: number): RegionWcs {
  if (regions.length === 1) {
    const r = regions[0];
    return RegionWcs.create(r.center.lon, r.center.lat, r.frame, binsz);
  }
  // Gammapy centres a union on the geometric median of the centres, in ICRS.
  const c = icrsGeometricMedian(regions.map((r) => ({ ...r.center, frame: r.frame })));
  return RegionWcs.create(c.lon, c.lat, "icrs", binsz);
}

/**
 * A region on the sky with non-spatial axes. Data of maps on it have the shape
 * `[axes[n-1].nbin, ..., axes[0].nbin, 1, 1]` (Gammapy's order: the first axis varies
 * fastest after the two unit spatial dimensions).
 *
 * @example
 * ```ts
 * const energy = MapAxis.fromEnergyBounds(1, 10, 3, { unit: "TeV" });
 * const geom = RegionGeom.create("icrs;circle(83.633,22.014,0.1)", { axes: [energy] });
 * geom.dataShape;                                    // [3, 1, 1]
 * geom.solidAngle();                                 // 9.5698e-6 sr
 * geom.contains(Float64Array.of(184.557), Float64Array.of(-5.784), "galactic"); // Uint8Array [1]
 * ```
 */
export class RegionGeom {
  /** The regions whose union is the spatial bin (empty when the geometry has no region). */
  readonly regions: readonly SkyRegion[];
  /** Non-spatial axes. */
  readonly axes: readonly RegionAxis[];
  /** Projection the regions are evaluated in; null without regions. */
  readonly wcs: RegionWcs | null;
  private centerCache: LonLat | undefined;
  private pixelRegionCache: PixelRegion[] | undefined;
  private skyBoxCache: SkyBox | null | undefined;

  /**
   * @param regions - one region, a list (their union), or null for no region
   * @param options - axes, wcs, binszWcs
   * @throws DataError for duplicate axis names or a bad bin size
   */
  constructor(regions: SkyRegion | readonly SkyRegion[] | null, options: RegionGeomOptions = {}) {
    this.regions = regions === null ? [] : Array.isArray(regions) ? [...(regions as readonly SkyRegion[])] : [regions as SkyRegion];
    this.axes = [...(options.axes ?? [])];
    const names = this.axes.map((a) => a.name);
    const dup = names.find((n, i) => names.indexOf(n) !== i);
    if (dup !== undefined) {
      throw new DataError(`RegionGeom: axis name '${dup}' appears twice in [${names.join(", ")}]`, { hint: "give each axis a distinct name" });
    }
    this.wcs = options.wcs ?? (this.regions.length > 0 ? defaultWcs(this.regions, binszOf(options.binszWcs)) : null);
  }

  /**
   * Creates a region geometry from a DS9 string, a region, a list of regions or null.
   *
   * @param region - e.g. "icrs;circle(83.633,22.014,0.1)", a SkyRegion, SkyRegion[], or null
   * @param options - axes, wcs, binszWcs (default 0.1 deg)
   * @returns the geometry
   * @throws DataError for unreadable DS9 text or bad options
   * @example
   * ```ts
   * RegionGeom.create("galactic;box(184.557,-5.784,0.4,0.2,30)").frame; // "galactic"
   * ```
   */
  static create(region: string | SkyRegion | readonly SkyRegion[] | null, options: RegionGeomOptions = {}): RegionGeom {
    const regions = typeof region === "string" ? parseDs9Regions(region) : region;
    return new RegionGeom(regions, options);
  }

  /** The region when there is exactly one, else undefined. */
  get region(): SkyRegion | undefined {
    return this.regions.length === 1 ? this.regions[0] : undefined;
  }

  /** Frame of the geometry: the region's, the WCS frame for unions, "icrs" without region. */
  get frame(): FrameName {
    if (this.regions.length === 1) return this.regions[0].frame;
    return this.wcs?.frame ?? "icrs";
  }

  /** Pixel size of the projection [deg] (Gammapy's `binsz_wcs`); NaN without region. */
  get binszWcs(): number {
    return this.wcs?.binsz ?? NaN;
  }

  /** Whether every region is a point (then the geometry contains every direction). */
  get isAllPointSkyRegions(): boolean {
    return this.regions.length > 0 && this.regions.every((r) => r.kind === "point");
  }

  /** Shape of map data: [axes reversed..., 1, 1]. */
  get dataShape(): number[] {
    return [...this.axes.map((a) => a.nbin).reverse(), 1, 1];
  }

  /** Number of data dimensions (axes + 2). */
  get ndim(): number {
    return this.axes.length + 2;
  }

  /** Number of data values (product of the axis sizes). */
  get size(): number {
    return this.axes.reduce((n, a) => n * a.nbin, 1);
  }

  /** All axis names as Gammapy lists them: "lon", "lat", then the non-spatial axes. */
  get axesNames(): string[] {
    return ["lon", "lat", ...this.axes.map((a) => a.name)];
  }

  /**
   * Looks up a non-spatial axis by name.
   *
   * @param name - e.g. "energy"
   * @returns the axis
   * @throws DataError naming the available axes when absent
   * @example
   * ```ts
   * geom.axis("energy").nbin; // 3
   * ```
   */
  axis(name: string): RegionAxis {
    const axis = this.axes.find((a) => a.name === name);
    if (axis === undefined) {
      throw new DataError(`RegionGeom has no axis '${name}'`, { hint: `available: ${this.axes.map((a) => a.name).join(", ") || "none"}` });
    }
    return axis;
  }

  /**
   * Centre of the geometry as Gammapy's `center_skydir`: the centre of the integer-pixel
   * bounding box of the regions in the WCS, in the WCS frame — the region centre for a
   * single symmetric region, a pixel-quantised box centre for unions.
   *
   * @returns the direction [deg] (NaN without region)
   */
  get centerSkydir(): LonLat {
    if (this.centerCache !== undefined) return this.centerCache;
    if (this.wcs === null || this.regions.length === 0) return { lon: NaN, lat: NaN };
    const boxes = this.regions.map((r) => pixelRegionBbox(r.toPixel(this.wcs as RegionWcs)));
    const b = boxes.reduce((u, v) => ({
      ixmin: Math.min(u.ixmin, v.ixmin),
      ixmax: Math.max(u.ixmax, v.ixmax),
      iymin: Math.min(u.iymin, v.iymin),
      iymax: Math.max(u.iymax, v.iymax),
    }));
    const c = this.wcs.pixelToWorld(Float64Array.of(0.5 * (b.ixmin + b.ixmax - 1)), Float64Array.of(0.5 * (b.iymin + b.iymax - 1)));
    this.centerCache = { lon: c.lon[0], lat: c.lat[0] };
    return this.centerCache;
  }

  private requireRegion(what: string): RegionWcs {
    if (this.wcs === null || this.regions.length === 0) {
      throw new DataError(`RegionGeom.${what}: the geometry has no region`, { hint: "create it with a region, e.g. RegionGeom.create('icrs;circle(83.633,22.014,0.1)')" });
    }
    return this.wcs;
  }

  /**
   * Tests which directions lie in the union of the regions (all of them for a geometry
   * of points only, as Gammapy).
   *
   * @param lon - longitudes [deg]
   * @param lat - latitudes [deg]
   * @param frame - their frame, default {@link frame}
   * @returns mask, 1 inside
   * @throws DataError without region, for arrays of different lengths or bad latitudes
   * @example
   * ```ts
   * geom.contains(Float64Array.of(83.633, 80), Float64Array.of(22.014, 22)); // Uint8Array [1, 0]
   * ```
   */
  contains(lon: ArrayLike<number>, lat: ArrayLike<number>, frame: FrameName | string = this.frame): Uint8Array {
    const wcs = this.requireRegion("contains");
    const f = parseFrame(frame);
    const lon64 = toFloat64(lon);
    const lat64 = toFloat64(lat);
    const box = this.isAllPointSkyRegions || lat64.length !== lon64.length ? null : this.skyBox();
    // Without a box every direction is projected (worldToPixel also reports unequal lengths).
    if (box === null) return this.containsProjected(wcs, wcs.worldToPixel(lon64, lat64, f), null, lon64.length);
    // Only directions inside the conservative sky box are projected and tested.
    const c = f === wcs.frame ? { lon: lon64, lat: lat64 } : transformFrame(lon64, lat64, f, wcs.frame);
    const n = lon64.length;
    const rows = new Uint32Array(n);
    let m = 0;
    const { latMin, latMax, lon0, dlonMax } = box;
    for (let i = 0; i < n; i++) {
      const b = c.lat[i];
      if (b >= latMin && b <= latMax && Math.abs(wrap180(c.lon[i] - lon0)) <= dlonMax) rows[m++] = i;
    }
    const subLon = new Float64Array(m);
    const subLat = new Float64Array(m);
    for (let k = 0; k < m; k++) {
      subLon[k] = c.lon[rows[k]];
      subLat[k] = c.lat[rows[k]];
    }
    return this.containsProjected(wcs, wcs.worldToPixel(subLon, subLat, wcs.frame), rows.subarray(0, m), n);
  }

  /** Containment of projected directions; `rows` maps them to the output (null: one to one). */
  private containsProjected(wcs: RegionWcs, pix: { x: Float64Array; y: Float64Array }, rows: Uint32Array | null, n: number): Uint8Array {
    const out = new Uint8Array(n);
    if (this.isAllPointSkyRegions) return out.fill(1);
    const m = pix.x.length;
    const inside = new Uint8Array(m);
    const one = new Uint8Array(m);
    for (const region of this.pixelRegions(wcs)) {
      pixelRegionContains(region, pix.x, pix.y, one);
      for (let i = 0; i < m; i++) inside[i] |= one[i];
    }
    if (rows === null) return inside;
    for (let k = 0; k < m; k++) out[rows[k]] = inside[k];
    return out;
  }

  /** The regions in the pixels of the geometry's WCS (computed once). */
  private pixelRegions(wcs: RegionWcs): PixelRegion[] {
    this.pixelRegionCache ??= this.regions.map((r) => r.toPixel(wcs));
    return this.pixelRegionCache;
  }

  /** The containment prefilter box (computed once; null when none is safe). */
  private skyBox(): SkyBox | null {
    if (this.skyBoxCache === undefined) this.skyBoxCache = regionSkyBox(this.regions, this.wcs!);
    return this.skyBoxCache;
  }

  /**
   * Angular distance from {@link centerSkydir} to directions.
   *
   * @param lon - longitudes [deg]
   * @param lat - latitudes [deg]
   * @param frame - their frame, default {@link frame}
   * @returns separations [deg]
   * @throws DataError without region
   * @example
   * ```ts
   * geom.separation(Float64Array.of(83.633), Float64Array.of(23.014)); // Float64Array [1]
   * ```
   */
  separation(lon: ArrayLike<number>, lat: ArrayLike<number>, frame: FrameName | string = this.frame): Float64Array {
    const wcs = this.requireRegion("separation");
    const f = parseFrame(frame);
    // Separations do not depend on the frame: convert the centre, not every direction.
    const c = f === wcs.frame ? this.centerSkydir : transformFrame(this.centerSkydir.lon, this.centerSkydir.lat, wcs.frame, f);
    const lons = toFloat64(lon);
    return angularSeparation(c.lon, c.lat, lons, toFloat64(lat), new Float64Array(lons.length));
  }

  /**
   * Solid angle of the region as Gammapy computes it: for one region its area in the
   * tangent plane (analytic); for a union, the count of pixel centres inside on a grid
   * ten times finer than `binszWcs`, around the union's geometric-median centre.
   *
   * @returns the solid angle [sr] (0 for points)
   * @throws DataError without region
   * @example
   * ```ts
   * RegionGeom.create("icrs;circle(83.633,22.014,0.1)").solidAngle(); // 9.569838482e-6
   * ```
   */
  solidAngle(): number {
    const wcs = this.requireRegion("solidAngle");
    if (this.regions.length === 1) return pixelRegionArea(this.regions[0].toPixel(wcs)) * wcs.pixelArea * SR_PER_DEG2;
    const fine = defaultWcs(this.regions, wcs.binsz / UNION_OVERSAMPLING);
    const count = unionPixelCount(this.regions.map((r) => r.toPixel(fine)));
    return (count / UNION_OVERSAMPLING ** 2) * wcs.pixelArea * SR_PER_DEG2;
  }

  private copyWith(axes: readonly RegionAxis[]): RegionGeom {
    return new RegionGeom(this.regions, { axes, ...(this.wcs ? { wcs: this.wcs } : {}) });
  }

  /**
   * The same region without non-spatial axes.
   *
   * @returns a new geometry of shape [1, 1]
   * @example
   * ```ts
   * geom.toImage().dataShape; // [1, 1]
   * ```
   */
  toImage(): RegionGeom {
    return this.copyWith([]);
  }

  /**
   * The same region with more axes appended.
   *
   * @param axes - axes to append
   * @returns a new geometry
   * @throws DataError for a repeated axis name
   */
  toCube(axes: readonly RegionAxis[]): RegionGeom {
    return this.copyWith([...this.axes, ...axes]);
  }

  /**
   * The geometry with one axis squashed into a single bin spanning its range.
   *
   * @param name - axis name
   * @returns a new geometry
   * @throws DataError for an unknown axis
   */
  squash(name: string): RegionGeom {
    const target = this.axis(name);
    return this.copyWith(this.axes.map((a) => (a === target ? a.squash() : a)));
  }

  /**
   * The geometry without one axis.
   *
   * @param name - axis name
   * @returns a new geometry
   * @throws DataError for an unknown axis
   */
  drop(name: string): RegionGeom {
    const target = this.axis(name);
    return this.copyWith(this.axes.filter((a) => a !== target));
  }

  /**
   * The same regions and axes with a default projection of another pixel size.
   *
   * @param binsz - pixel size, degrees or "0.05 deg"
   * @returns a new geometry
   */
  toBinszWcs(binsz: number | string): RegionGeom {
    return new RegionGeom(this.regions, { axes: this.axes, binszWcs: binsz });
  }

  /**
   * Whether two geometries have the same data shape and matching axes (regions are not
   * compared, as in Gammapy).
   *
   * @param other - the other geometry
   * @param rtol - relative tolerance of axis values, default 1e-6
   * @param atol - absolute tolerance, default 1e-6
   * @returns true when equivalent
   */
  isAllclose(other: RegionGeom, rtol = 1e-6, atol = 1e-6): boolean {
    if (this.axes.length !== other.axes.length) return false;
    return this.axes.every((a, i) => {
      const b = other.axes[i];
      if (a.name !== b.name || a.nbin !== b.nbin) return false;
      if ("referenceMjd" in a || "referenceMjd" in b) {
        return "referenceMjd" in a && "referenceMjd" in b && (a as TimeMapAxis).isAllclose(b as TimeMapAxis, atol);
      }
      return (a as MapAxis).isAllclose(b as MapAxis, { rtol, atol });
    });
  }
}
