/**
 * WcsGeom: the geometry of a sky map — a celestial {@link Wcs}, the image size and the
 * non-spatial axes — following Gammapy 1.0's `WcsGeom` (regular geometries: one pixel
 * grid for every image plane). Data of maps on it have the shape
 * `[axes[n-1].nbin, ..., axes[0].nbin, ny, nx]`, C order (NAXIS1 = x fastest).
 */
import { DataError, parseFrame, transformFrame } from "@gammats/core";
import type { FrameName, LonLatArrays } from "@gammats/core";
import type { CardInput, FitsHeader } from "@gammats/fits";
import { axesToGadfBands } from "../axis-tables.js";
import type { MapAxis } from "../map-axis.js";
import { cutoutShape, overlapSlicesTrim } from "./cutout.js";
import { anglePair, wcsForCreate } from "./geom-create.js";
import type { AngleInput, SkyDirInput, WcsGeomSizing } from "./geom-create.js";
import { pixelGrid, pixToIndex, separationFrom } from "./image-coords.js";
import { cachedSeparation, cachedWindow, imageGeometryKey } from "./pixel-coords-cache.js";
import { resolveCoords } from "./map-coord.js";
import type { MapCoords } from "./map-coord.js";
import { checkMapMemory } from "./memory-guard.js";
import { regionMaskImage } from "./region-mask.js";
import type { RegionsInput } from "./region-mask.js";
import { solidAngleKernel } from "./solid-angle.js";
import type { Wcs } from "./wcs.js";
import { wcsFromHeader, wcsToHeaderCards } from "./wcs-header.js";
import type { HeaderWhere } from "./wcs-header.js";

/** Options of {@link WcsGeom.create}. */
export interface WcsGeomCreateOptions extends WcsGeomSizing {
  /** Non-spatial axes (first = fastest after the spatial ones); default none. */
  axes?: readonly MapAxis[];
  /** Memory limit of a float64 map on this geometry [bytes]; default getMapMemoryLimit(). */
  maxBytes?: number;
}

/** Pixel-centre ("center") or pixel-corner ("edges") coordinates. */
export type CoordMode = "center" | "edges";

/** Sky coordinates of an image grid, row-major over `shape` = [ny, nx]. */
export interface ImageCoords extends LonLatArrays {
  /** [ny, nx] for centres, [ny + 1, nx + 1] for edges. */
  shape: [number, number];
  /** Frame of lon/lat. */
  frame: FrameName;
}

/**
 * A WCS sky-map geometry with optional non-spatial axes.
 *
 * @example
 * ```ts
 * const energy = MapAxis.fromEnergyBounds(1, 10, 3, { unit: "TeV" });
 * const geom = WcsGeom.create({ skydir: [83.63, 22.01], binsz: 0.02, width: [3, 2.5], proj: "TAN", axes: [energy] });
 * geom.dataShape;             // [3, 125, 150]
 * geom.wcs.crpix;             // [75.5, 63]
 * geom.solidAngle()[0];       // 1.2164e-7 sr
 * ```
 */
export class WcsGeom {
  /** The celestial WCS of the image planes. */
  readonly wcs: Wcs;
  /** Image size [nx, ny]. */
  readonly npix: readonly [number, number];
  /** Non-spatial axes. */
  readonly axes: readonly MapAxis[];
  private solidAngleCache: Float64Array | undefined;

  /**
   * @param wcs - the projection
   * @param npix - image size [nx, ny]
   * @param axes - non-spatial axes (default none)
   * @throws DataError for a non-positive or non-integer size or duplicate / reserved axis names
   */
  constructor(wcs: Wcs, npix: readonly [number, number], axes: readonly MapAxis[] = []) {
    if (!npix.every((n) => Number.isInteger(n) && n >= 1)) {
      throw new DataError(`WcsGeom: image size must be positive integers, got ${npix.join(" x ")}`, { hint: "check npix / WCSSHAPE" });
    }
    const names = axes.map((a) => a.name);
    const bad = names.find((n, i) => n === "lon" || n === "lat" || n === "frame" || names.indexOf(n) !== i);
    if (bad !== undefined) {
      throw new DataError(`WcsGeom: axis name '${bad}' is duplicated or reserved`, { hint: "give the non-spatial axes unique names other than lon, lat, frame" });
    }
    this.wcs = wcs;
    this.npix = [npix[0], npix[1]];
    this.axes = [...axes];
  }

  /**
   * Creates a geometry as Gammapy's `WcsGeom.create`: npix = rint(width / binsz) (halves
   * to even) unless `npix` is given, CRPIX at the image centre, CDELT1 = -binsz.
   *
   * @param options - skydir, binsz (default 0.5 deg), width or npix (default all-sky),
   *   frame (default icrs), proj (default CAR), refpix, axes, maxBytes
   * @returns the geometry
   * @throws DataError for bad sizes, frames or projections, or when a float64 map on the
   *   geometry would exceed the memory limit (the message gives the size and the fix)
   * @example
   * ```ts
   * WcsGeom.create({ skydir: [0, 0], binsz: 0.1, width: 5, frame: "galactic" }).npix; // [50, 50]
   * ```
   */
  static create(options: WcsGeomCreateOptions = {}): WcsGeom {
    const { wcs, npix } = wcsForCreate(options);
    const axes = options.axes ?? [];
    checkMapMemory([...axes.map((a) => a.nbin), npix[1], npix[0]], 8, "WcsGeom.create", options.maxBytes);
    return new WcsGeom(wcs, npix, axes);
  }

  /**
   * Reads a geometry from a map HDU header (image size from WCSSHAPE, else NAXIS1/2).
   *
   * @param header - the image header
   * @param axes - the non-spatial axes (read from the BANDS HDU by the caller)
   * @param where - file and HDU for errors
   * @returns the geometry
   * @throws FitsError for an unsupported WCS or a missing image size
   * @example
   * ```ts
   * WcsGeom.fromHeader(hdu.header, readAxesTable(file.hdu("PRIMARY_BANDS")));
   * ```
   */
  static fromHeader(header: FitsHeader, axes: readonly MapAxis[] = [], where: HeaderWhere = {}): WcsGeom {
    const wcs = wcsFromHeader(header, where);
    const shape = header.has("WCSSHAPE") ? /^\(\s*(\d+)\s*,\s*(\d+)/.exec(String(header.get("WCSSHAPE")).trim()) : null;
    const npix: [number, number] = shape ? [Number(shape[1]), Number(shape[2])] : [header.getNumber("NAXIS1"), header.getNumber("NAXIS2")];
    return new WcsGeom(wcs, npix, axes);
  }

  /** Sky frame. */
  get frame(): FrameName {
    return this.wcs.frame;
  }

  /** Projection code. */
  get projection(): string {
    return this.wcs.projection;
  }

  /** Shape of map data: [...reversed axis sizes, ny, nx]. */
  get dataShape(): number[] {
    return [...this.axes.map((a) => a.nbin).reverse(), this.npix[1], this.npix[0]];
  }

  /** Number of data values (product of {@link dataShape}). */
  get size(): number {
    return this.npix[0] * this.npix[1] * this.planeCount;
  }

  /** Number of image planes (product of the axis sizes; 1 for an image). */
  get planeCount(): number {
    return this.axes.reduce((a, ax) => a * ax.nbin, 1);
  }

  /** True without non-spatial axes. */
  get isImage(): boolean {
    return this.axes.length === 0;
  }

  /** Names of all axes, Gammapy's order: lon, lat, then the non-spatial ones. */
  get axesNames(): string[] {
    return ["lon", "lat", ...this.axes.map((a) => a.name)];
  }

  /** Pixel scales [deg] along x and y at the reference point (|CDELT| for unrotated maps). */
  get pixelScales(): [number, number] {
    return this.wcs.pixelScales;
  }

  /** Image width [deg] along lon and lat: |CDELT| x npix (Gammapy's `width`). */
  get width(): [number, number] {
    return [Math.abs(this.wcs.cdelt[0]) * this.npix[0], Math.abs(this.wcs.cdelt[1]) * this.npix[1]];
  }

  /** Whether the image covers the whole sky (360 x 180 deg). */
  get isAllsky(): boolean {
    const [w, h] = this.width;
    return Math.abs(w - 360) <= 1e-8 + 1e-5 * 360 && Math.abs(h - 180) <= 1e-8 + 1e-5 * 180;
  }

  /** Pixel coordinates of the image centre, [(nx - 1) / 2, (ny - 1) / 2]. */
  get centerPix(): [number, number] {
    return [(this.npix[0] - 1) / 2, (this.npix[1] - 1) / 2];
  }

  /** Sky direction of the image centre [deg], in the geometry frame. */
  get centerSkydir(): { lon: number; lat: number; frame: FrameName } {
    const [x, y] = this.centerPix;
    const s = this.wcs.pixToSky(Float64Array.of(x), Float64Array.of(y));
    return { lon: s.lon[0]!, lat: s.lat[0]!, frame: this.frame };
  }

  /**
   * Pixel coordinates of sky directions (0-based; NaN without an image).
   *
   * @param lon - longitudes [deg]
   * @param lat - latitudes [deg]
   * @param frame - their frame (default the geometry's)
   * @returns pixel x and y
   * @example
   * ```ts
   * geom.skyToPix(Float64Array.of(83.63), Float64Array.of(22.01)); // { x: [74.5], y: [62] }
   * ```
   */
  skyToPix(lon: Float64Array, lat: Float64Array, frame: FrameName | string = this.frame): { x: Float64Array; y: Float64Array } {
    return this.wcs.skyToPix(lon, lat, frame);
  }

  /**
   * Sky directions of pixel coordinates, in the geometry frame.
   *
   * @param x - pixel x (0-based)
   * @param y - pixel y
   * @returns lon, lat [deg]
   */
  pixToSky(x: Float64Array, y: Float64Array): LonLatArrays {
    return this.wcs.pixToSky(x, y);
  }

  /**
   * Fractional pixel coordinates of map coordinates (Gammapy's `coord_to_pix`): x, y from
   * the WCS, then one array per non-spatial axis from the axis' `coordToPix`.
   *
   * @param coords - { lon, lat, frame?, <axis name>: values, ... }
   * @returns [x, y, ...axis pixels], each of the broadcast length
   * @throws DataError for missing axis coordinates or lengths that do not broadcast
   * @example
   * ```ts
   * geom.coordToPix({ lon: 83.63, lat: 22.01, energy: [1, 3] }); // [x, y, e] arrays of length 2
   * ```
   */
  coordToPix(coords: MapCoords): Float64Array[] {
    const c = resolveCoords(coords, this.frame, this.axes, "WcsGeom.coordToPix");
    const x = new Float64Array(c.n);
    const y = new Float64Array(c.n);
    this.wcs.skyToPixKernel(c.n, c.lon, c.lat, x, y);
    return [x, y, ...this.axes.map((a, i) => a.coordToPix(c.axes[i]!))];
  }

  /**
   * Pixel indices of map coordinates: pixel coordinates rounded half-to-even (NumPy's
   * rint, as Gammapy), -1 where outside the map (or with `clip`, clipped into it).
   *
   * @param coords - the coordinates
   * @param clip - clip finite indices into the map instead of -1 (default false)
   * @returns one Int32Array per dimension (x, y, axes...)
   */
  coordToIdx(coords: MapCoords, clip = false): Int32Array[] {
    const sizes = [this.npix[0], this.npix[1], ...this.axes.map((a) => a.nbin)];
    return this.coordToPix(coords).map((p, k) => pixToIndex(p, sizes[k]!, clip));
  }

  /**
   * Sky coordinates of the pixel centres (or corners) of the image, optionally in
   * another frame. Coordinates of the non-spatial axes are their `centers` / `edges`.
   *
   * @param options - mode "center" (default) or "edges"; frame (default the geometry's)
   * @returns lon/lat arrays, row-major over [ny, nx] (or [ny + 1, nx + 1] for edges):
   *   new arrays, the caller's to change
   * @example
   * ```ts
   * const c = geom.getCoord();
   * c.lon[0]; // longitude of pixel (0, 0)
   * ```
   */
  getCoord(options: { mode?: CoordMode; frame?: FrameName | string } = {}): ImageCoords {
    const edges = options.mode === "edges";
    const nx = this.npix[0] + (edges ? 1 : 0);
    const ny = this.npix[1] + (edges ? 1 : 0);
    const sky = this.cachedSky(edges ? -0.5 : 0);
    const frame = options.frame === undefined ? this.frame : parseFrame(options.frame);
    if (frame !== this.frame) {
      // NaN pixels (outside the projection) stay NaN through the rotation.
      const t = transformFrame(sky.lon, sky.lat, this.frame, frame);
      return { lon: t.lon, lat: t.lat, shape: [ny, nx], frame };
    }
    return { lon: sky.lon, lat: sky.lat, shape: [ny, nx], frame };
  }

  /**
   * Solid angle of every image pixel, as Gammapy 1.0 computes it: two planar triangles
   * per pixel from the corners' separations and position angles (cached).
   *
   * @returns ny x nx values, row-major [sr] (NaN where a corner is outside the projection)
   * @example
   * ```ts
   * WcsGeom.create({ binsz: 1, width: 1 }).solidAngle()[0]; // 3.0461e-4
   * ```
   */
  solidAngle(): Float64Array {
    if (this.solidAngleCache === undefined) {
      const [nx, ny] = this.npix;
      // Shared with equal and whole-pixel-shifted geometries (see pixel-coords-cache):
      // a pixel's value depends only on its own corners.
      this.solidAngleCache = cachedWindow("solid-angle", this.wcs, 0, 0, nx, ny, (x0, y0, w, h) => {
        const e = this.pixelSkyRect(x0, y0, w + 1, h + 1, -0.5);
        return [solidAngleKernel(w, h, e.lon, e.lat, new Float64Array(w * h))];
      })[0]!;
    }
    return this.solidAngleCache;
  }

  /**
   * Angular distance of every pixel centre from a direction.
   *
   * @param lon - longitude of the centre [deg]
   * @param lat - latitude of the centre [deg]
   * @param frame - frame of the centre (default the geometry's)
   * @returns ny x nx separations [deg]
   * @example
   * ```ts
   * geom.separation(83.63, 22.01, "icrs"); // Float64Array of ny * nx degrees
   * ```
   */
  separation(lon: number, lat: number, frame: FrameName | string = this.frame): Float64Array {
    const f = parseFrame(frame);
    const c = f === this.frame ? { lon, lat } : transformFrame(lon, lat, f, this.frame);
    const [nx, ny] = this.npix;
    // Cached by geometry and direction: one reduction asks for the offsets from its
    // pointing several times (exposure, PSF, edisp, safe mask).
    return cachedSeparation(imageGeometryKey(this.wcs, this.npix), nx * ny, c.lon, c.lat, () => {
      const coords = this.cachedSky(0);
      return separationFrom(c.lon, c.lat, coords.lon, coords.lat, coords.lon);
    });
  }

  /**
   * Sky coordinates (own frame) of the pixel centres (offset 0) or corners (offset -0.5),
   * shared with equal and whole-pixel-shifted geometries (see pixel-coords-cache); copies.
   */
  private cachedSky(offset: number): { lon: Float64Array; lat: Float64Array } {
    const n = offset === 0 ? 0 : 1;
    const [nx, ny] = this.npix;
    const [lon, lat] = cachedWindow(offset === 0 ? "centres" : `grid${offset}`, this.wcs, 0, 0, nx + n, ny + n, (x0, y0, w, h) => {
      const s = this.pixelSkyRect(x0, y0, w, h, offset);
      return [s.lon, s.lat];
    });
    return { lon: lon!, lat: lat! };
  }

  /** Sky coordinates (own frame) of a w × h grid of pixel positions from (x0, y0), shifted by `offset`. */
  private pixelSkyRect(x0: number, y0: number, w: number, h: number, offset: number): { lon: Float64Array; lat: Float64Array } {
    const { x, y } = pixelGrid(w, h, offset, x0, y0);
    return this.wcs.pixToSky(x, y, { lon: x, lat: y });
  }

  /**
   * Mask of the pixels whose centres lie in the union of sky regions (Gammapy's
   * `region_mask`), repeated over the image planes.
   *
   * @param regions - one region, a list or DS9 text
   * @param inside - true (default): 1 inside the regions; false: 1 outside (an exclusion mask)
   * @returns bytes in the geometry's data shape; wrap with `WcsNDMap.fromGeom(geom, { data, dtype: "bool" })`
   * @throws DataError for unparsable DS9 text
   * @example
   * ```ts
   * const exclusion = geom.regionMask(new CircleSkyRegion(83.63, 22.01, 0.3), false);
   * ```
   */
  regionMask(regions: RegionsInput, inside = true): Uint8Array {
    const [nx, ny] = this.npix;
    const image = regionMaskImage(this.wcs, nx, ny, regions);
    if (!inside) for (let k = 0; k < image.length; k++) image[k] = image[k] ? 0 : 1;
    if (this.isImage) return image;
    const out = new Uint8Array(this.size);
    for (let p = 0; p < this.planeCount; p++) out.set(image, p * image.length);
    return out;
  }

  /**
   * The 2D image geometry (no non-spatial axes).
   *
   * @returns this geometry's image plane
   */
  toImage(): WcsGeom {
    return this.isImage ? this : new WcsGeom(this.wcs, this.npix);
  }

  /**
   * A geometry with more non-spatial axes, appended after the existing ones (Gammapy's `to_cube`).
   *
   * @param axes - axes to add
   * @returns the new geometry
   */
  toCube(axes: readonly MapAxis[]): WcsGeom {
    return new WcsGeom(this.wcs, this.npix, [...this.axes, ...axes]);
  }

  /**
   * A copy with other non-spatial axes.
   *
   * @param axes - the axes
   * @returns the new geometry
   */
  withAxes(axes: readonly MapAxis[]): WcsGeom {
    return new WcsGeom(this.wcs, this.npix, axes);
  }

  /**
   * Index of a non-spatial axis by name.
   *
   * @param name - axis name
   * @returns its position in {@link axes}
   * @throws DataError when absent
   */
  axisIndex(name: string): number {
    const i = this.axes.findIndex((a) => a.name === name);
    if (i < 0) throw new DataError(`WcsGeom: no axis '${name}'`, { hint: `the axes are ${this.axes.map((a) => a.name).join(", ") || "none"}` });
    return i;
  }

  /**
   * The geometry with one axis squashed to a single bin spanning its range.
   *
   * @param name - axis name
   * @returns the new geometry
   */
  squash(name: string): WcsGeom {
    const i = this.axisIndex(name);
    return this.withAxes(this.axes.map((a, k) => (k === i ? a.squash() : a)));
  }

  /**
   * The geometry without one axis.
   *
   * @param name - axis name
   * @returns the new geometry
   */
  drop(name: string): WcsGeom {
    const i = this.axisIndex(name);
    return this.withAxes(this.axes.filter((_, k) => k !== i));
  }

  /**
   * Cut-out around a sky position, as Gammapy's `cutout` with mode "trim": the window is
   * width / pixel scale pixels (rounded half-to-even, at least 1) centred on the position,
   * clipped to the image; CRPIX moves by the window's origin so pixels stay aligned.
   *
   * @param position - centre [lon, lat] in the geometry frame or { lon, lat, frame }
   * @param width - full width, one angle or [lon, lat] [deg or quantity]
   * @param options - oddNpix: force odd pixel counts (Gammapy's `odd_npix`)
   * @returns the cut-out geometry; `cutoutOrigin(parent)` gives its position in the parent
   * @throws DataError when the window does not overlap the image
   * @example
   * ```ts
   * geom.cutout([83.63, 22.01], 1).npix; // [50, 50] for binsz 0.02
   * ```
   */
  cutout(position: SkyDirInput, width: AngleInput | readonly [AngleInput, AngleInput], options: { oddNpix?: boolean } = {}): WcsGeom {
    const shape = cutoutShape(anglePair(width, "cutout width"), this.pixelScales, options.oddNpix ?? false);
    const p = Array.isArray(position)
      ? { lon: position[0] as number, lat: position[1] as number, frame: this.frame as string }
      : (position as { lon: number; lat: number; frame?: string });
    const pix = this.wcs.skyToPix(Float64Array.of(p.lon), Float64Array.of(p.lat), p.frame ?? this.frame);
    const s = overlapSlicesTrim([this.npix[1], this.npix[0]], shape, [pix.y[0]!, pix.x[0]!]);
    const wcs = this.wcs.copy({ crpix: [this.wcs.crpix[0] - s.x0, this.wcs.crpix[1] - s.y0] });
    return new WcsGeom(wcs, [s.x1 - s.x0, s.y1 - s.y0], this.axes);
  }

  /**
   * Pixel offset [x0, y0] of an aligned geometry (a cut-out) in this one: its pixel (0, 0)
   * is this geometry's pixel (x0, y0).
   *
   * @param other - the cut-out (same projection and pixel size)
   * @returns [x0, y0], integers
   * @throws DataError when the geometries are not aligned on whole pixels
   */
  offsetOf(other: WcsGeom): [number, number] {
    const dx = this.wcs.crpix[0] - other.wcs.crpix[0];
    const dy = this.wcs.crpix[1] - other.wcs.crpix[1];
    const x0 = Math.round(dx);
    const y0 = Math.round(dy);
    if (Math.abs(dx - x0) > 1e-6 || Math.abs(dy - y0) > 1e-6 || !this.wcs.equals(other.wcs.copy({ crpix: this.wcs.crpix }))) {
      throw new DataError("WcsGeom: the geometries are not aligned on the same pixel grid", {
        hint: "use a cut-out of this geometry (same projection, reference and pixel size)",
      });
    }
    return [x0, y0];
  }

  /**
   * Finer geometry: each pixel split into factor x factor (Gammapy's `upsample`).
   *
   * @param factor - integer >= 1
   * @returns the new geometry
   */
  upsample(factor: number): WcsGeom {
    checkFactor(factor);
    return this.resampled(1 / factor, [this.npix[0] * factor, this.npix[1] * factor]);
  }

  /**
   * Coarser geometry: factor x factor pixels merged (Gammapy's `downsample`).
   *
   * @param factor - integer >= 1 dividing both image sizes
   * @returns the new geometry
   * @throws DataError when the image size is not divisible by the factor
   */
  downsample(factor: number): WcsGeom {
    checkFactor(factor);
    if (this.npix[0] % factor !== 0 || this.npix[1] % factor !== 0) {
      throw new DataError(`WcsGeom.downsample: image size ${this.npix.join(" x ")} is not divisible by ${factor}`, {
        hint: "pad or crop the map first, or choose a factor dividing both sizes",
      });
    }
    return this.resampled(factor, [this.npix[0] / factor, this.npix[1] / factor]);
  }

  private resampled(factor: number, npix: [number, number]): WcsGeom {
    // Pixel edges stay put: CRPIX' - 1/2 = (CRPIX - 1/2) / factor.
    const c = this.wcs.crpix;
    const wcs = this.wcs.copy({
      cdelt: [this.wcs.cdelt[0] * factor, this.wcs.cdelt[1] * factor],
      crpix: [(c[0] - 0.5) / factor + 0.5, (c[1] - 0.5) / factor + 0.5],
    });
    return new WcsGeom(wcs, npix, this.axes);
  }

  /**
   * FITS header cards of the geometry as Gammapy writes them: the WCS, AXCOLSn/INTERPn of
   * the non-spatial axes and WCSSHAPE.
   *
   * @returns cards
   * @example
   * ```ts
   * new FitsHeader(geom.toHeaderCards()).get("WCSSHAPE"); // "(150,125,3)"
   * ```
   */
  toHeaderCards(): CardInput[] {
    const cards = wcsToHeaderCards(this.wcs);
    if (this.axes.length > 0) {
      for (const [k, v] of Object.entries(axesToGadfBands(this.axes).header)) {
        if (/^(AXCOLS|INTERP)\d+$/.test(k)) cards.push([k, v]);
      }
    }
    cards.push(["WCSSHAPE", `(${[...this.npix, ...this.axes.map((a) => a.nbin)].join(",")})`]);
    return cards;
  }

  /**
   * Gammapy's geometry equality: same data shape, axes equal within 1e-6 and WCS
   * parameters within an absolute 1e-6.
   *
   * @param other - the other geometry
   * @param tolerance - WCS tolerance (default 1e-6)
   * @returns true when equal
   */
  equals(other: WcsGeom, tolerance = 1e-6): boolean {
    const a = this.dataShape;
    const b = other.dataShape;
    if (a.length !== b.length || a.some((v, i) => v !== b[i])) return false;
    if (!this.axes.every((ax, i) => ax.equals(other.axes[i]!))) return false;
    return this.wcs.equals(other.wcs, tolerance);
  }

  /**
   * Multi-line summary in the layout of Gammapy's repr.
   *
   * @returns the summary
   */
  toString(): string {
    const c = this.centerSkydir;
    const [w, h] = this.width;
    return [
      "WcsGeom",
      "",
      `\taxes       : [${this.axesNames.map((n) => `'${n}'`).join(", ")}]`,
      `\tshape      : (${[...this.npix, ...this.axes.map((a) => a.nbin)].join(", ")})`,
      `\tndim       : ${this.dataShape.length}`,
      `\tframe      : ${this.frame}`,
      `\tprojection : ${this.projection}`,
      `\tcenter     : ${c.lon.toFixed(1)} deg, ${c.lat.toFixed(1)} deg`,
      `\twidth      : ${w.toFixed(1)} deg x ${h.toFixed(1)} deg`,
      `\twcs ref    : ${this.wcs.crval[0].toFixed(1)} deg, ${this.wcs.crval[1].toFixed(1)} deg`,
      "",
    ].join("\n");
  }
}

function checkFactor(factor: number): void {
  if (!Number.isInteger(factor) || factor < 1) {
    throw new DataError(`resampling factor must be a positive integer, got ${factor}`, { hint: "use e.g. 2" });
  }
}
