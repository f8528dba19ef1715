/**
 * WcsNDMap: data on a {@link WcsGeom} — a typed array in the geometry's data shape
 * ([...axes reversed, ny, nx], C order), a unit and free-form metadata — with Gammapy
 * 1.0's `WcsNDMap` operations: lookup and interpolation by coordinates, event binning,
 * reductions over axes, cut-outs, resampling and reprojection, convolution, smoothing
 * and FITS writing (reading: `readWcsMap` / `SkyMap.read`).
 */
import { DataError, conversionFactor, toInternal } from "@gammats/core";
import { writeFitsSync } from "@gammats/fits";
import type { MapAxis } from "../map-axis.js";
import { convolveSame, smoothImage } from "./convolve.js";
import { FftConvolvePlan, preferFft } from "./fft-convolve.js";
import { copyImageWindow, rintHalfEven } from "./cutout.js";
import { fillEvents } from "./fill-events.js";
import type { AngleInput, SkyDirInput } from "./geom-create.js";
import { interpToGeomData } from "./interp-to-geom.js";
import type { InterpToGeomOptions } from "./interp-to-geom.js";
import { resolveCoords } from "./map-coord.js";
import type { MapCoords } from "./map-coord.js";
import { wcsMapToHdus } from "./map-hdus.js";
import type { MapData, MapDType, WriteWcsMapOptions } from "./map-hdus.js";
import { interpPlan, interpPoint, interpPointsLeadFixed } from "./map-interp.js";
import type { InterpMethod } from "./map-interp.js";
import { checkMapMemory } from "./memory-guard.js";
import type { RegionsInput } from "./region-mask.js";
import { sumOverAxesKernel } from "./reduce-axes.js";
import { blockReduce, reprojectOversampled, upsampleReplicate } from "./resample.js";
import { stackWindow } from "./stack.js";
import { WcsGeom } from "./wcs-geom.js";
import type { WcsGeomCreateOptions } from "./wcs-geom.js";

/** Options of {@link WcsNDMap.fromGeom}. */
export interface WcsNDMapOptions {
  /** Initial data in the data shape (copied when not already of the map's type); default zeros. */
  data?: ArrayLike<number>;
  /** Data type; default that of `data` when it is a Float32Array / Uint8Array, else "float64". */
  dtype?: MapDType;
  /** Unit of the values; default "". */
  unit?: string;
  /** Metadata (written as JSON to META). */
  meta?: Record<string, unknown>;
  /** Memory limit [bytes]; default getMapMemoryLimit(). */
  maxBytes?: number;
}

/** Options of the interpolation methods. */
export interface InterpOptions {
  /** "linear" (default) or "nearest", in pixel coordinates. */
  method?: InterpMethod;
  /** Value outside the map; null (default) extrapolates linearly from the edge pixels. */
  fillValue?: number | null;
}

/** A convolution kernel: data of shape [ky, kx] (one for every plane) or [nPlanes, ky, kx]. */
export interface ConvolutionKernel {
  /** Kernel values, C order. */
  readonly data: ArrayLike<number>;
  /** [ky, kx] or [..., ky, kx]. */
  readonly shape: readonly number[];
}

const BYTES: Record<MapDType, number> = { float64: 8, float32: 4, bool: 1 };

function allocate(dtype: MapDType, n: number): MapData {
  if (dtype === "float32") return new Float32Array(n);
  if (dtype === "bool") return new Uint8Array(n);
  return new Float64Array(n);
}

function dtypeOf(data: MapData): MapDType {
  return data instanceof Float32Array ? "float32" : data instanceof Uint8Array ? "bool" : "float64";
}

/**
 * A sky map with non-spatial axes (Gammapy's `WcsNDMap`).
 *
 * @example
 * ```ts
 * const energy = MapAxis.fromEnergyBounds(0.5, 50, 10, { unit: "TeV" });
 * const counts = WcsNDMap.create({ skydir: [83.63, 22.01], binsz: 0.02, width: 3, proj: "TAN", axes: [energy] });
 * counts.fillByCoord({ lon: ra, lat: dec, energy: e });   // bin events
 * counts.sumOverAxes().data;                              // counts image, keepdims
 * counts.smooth("0.05 deg").interpByCoord({ lon: 83.63, lat: 22.01, energy: 1 });
 * ```
 */
export class WcsNDMap {
  /** Geometry. */
  readonly geom: WcsGeom;
  /** Data, C order over {@link shape}. */
  readonly data: MapData;
  /** Unit of the values ("" for none). */
  readonly unit: string;
  /** Metadata. */
  meta: Record<string, unknown>;

  /**
   * @param geom - geometry
   * @param data - data of length geom.size (used as is)
   * @param unit - unit (default "")
   * @param meta - metadata (default {})
   * @throws DataError when the data length does not match the geometry
   */
  constructor(geom: WcsGeom, data: MapData, unit = "", meta: Record<string, unknown> = {}) {
    if (data.length !== geom.size) {
      throw new DataError(`WcsNDMap: data has ${data.length} values but the geometry [${geom.dataShape.join(", ")}] needs ${geom.size}`, {
        hint: "give data in the geometry's data shape ([...axes reversed, ny, nx])",
      });
    }
    this.geom = geom;
    this.data = data;
    this.unit = unit;
    this.meta = meta;
  }

  /**
   * A map on a geometry: zeros, or a copy of `data` in the map's type. All-sky maps get
   * NaN in pixels outside the projection, as Gammapy's default data.
   *
   * @param geom - geometry
   * @param options - data, dtype, unit, meta, maxBytes
   * @returns the map
   * @throws DataError when the data do not fit the geometry or exceed the memory limit
   * @example
   * ```ts
   * WcsNDMap.fromGeom(geom, { unit: "cm2 s" });
   * ```
   */
  static fromGeom(geom: WcsGeom, options: WcsNDMapOptions = {}): WcsNDMap {
    const given = options.data;
    const dtype =
      options.dtype ?? (given instanceof Float32Array ? "float32" : given instanceof Uint8Array ? "bool" : "float64");
    checkMapMemory(geom.dataShape, BYTES[dtype], "WcsNDMap", options.maxBytes);
    let data: MapData;
    if (given !== undefined && dtypeOf(given as MapData) === dtype && ArrayBuffer.isView(given)) data = given as MapData;
    else {
      data = allocate(dtype, geom.size);
      if (given !== undefined) {
        if (given.length !== geom.size) {
          throw new DataError(`WcsNDMap: data has ${given.length} values but the geometry needs ${geom.size}`, {
            hint: "give data in the geometry's data shape",
          });
        }
        if (dtype === "bool") for (let i = 0; i < given.length; i++) data[i] = given[i] ? 1 : 0;
        else for (let i = 0; i < given.length; i++) data[i] = given[i]!;
      } else if (geom.isAllsky && dtype !== "bool") {
        const c = geom.getCoord();
        const np = c.lon.length;
        for (let p = 0; p < geom.planeCount; p++) for (let k = 0; k < np; k++) if (Number.isNaN(c.lon[k])) data[p * np + k] = NaN;
      }
    }
    return new WcsNDMap(geom, data, options.unit ?? "", options.meta ?? {});
  }

  /**
   * Creates an empty map as Gammapy's `Map.create` (note: default binsz 0.1 deg there,
   * unlike `WcsGeom.create`).
   *
   * @param options - geometry options (see WcsGeom.create) plus dtype, unit, meta
   * @returns the map
   * @example
   * ```ts
   * WcsNDMap.create({ skydir: [0, 0], frame: "galactic", width: [10, 4] }).geom.npix; // [100, 40]
   * ```
   */
  static create(options: WcsGeomCreateOptions & WcsNDMapOptions = {}): WcsNDMap {
    const geom = WcsGeom.create({ ...options, binsz: options.binsz ?? 0.1 });
    return WcsNDMap.fromGeom(geom, options);
  }

  /**
   * A boolean map of the pixels inside (or outside) the union of sky regions (Gammapy's
   * `geom.region_mask`).
   *
   * @param geom - geometry
   * @param regions - one region, a list, or DS9 text
   * @param inside - true (default): 1 inside; false: 1 outside (an exclusion mask)
   * @returns a "bool" map
   * @example
   * ```ts
   * const exclusion = WcsNDMap.regionMask(geom, "icrs;circle(83.63,22.01,0.3)", false);
   * ```
   */
  static regionMask(geom: WcsGeom, regions: RegionsInput, inside = true): WcsNDMap {
    return new WcsNDMap(geom, geom.regionMask(regions, inside));
  }

  /** Data type of the values. */
  get dtype(): MapDType {
    return dtypeOf(this.data);
  }

  /** Whether the map is a boolean mask. */
  get isMask(): boolean {
    return this.data instanceof Uint8Array;
  }

  /** Data shape ([...axes reversed, ny, nx]). */
  get shape(): number[] {
    return this.geom.dataShape;
  }

  /** C-order strides of {@link shape}, in elements. */
  get strides(): number[] {
    const s = this.shape;
    const out = new Array<number>(s.length);
    let acc = 1;
    for (let k = s.length - 1; k >= 0; k--) {
      out[k] = acc;
      acc *= s[k]!;
    }
    return out;
  }

  /**
   * A copy, with optional replacements.
   *
   * @param changes - geom, data, unit, meta to use instead
   * @returns the new map (data copied unless given)
   */
  copy(changes: { geom?: WcsGeom; data?: MapData; unit?: string; meta?: Record<string, unknown> } = {}): WcsNDMap {
    const data = changes.data ?? (this.data.slice() as MapData);
    return new WcsNDMap(changes.geom ?? this.geom, data, changes.unit ?? this.unit, changes.meta ?? structuredClone(this.meta));
  }

  private sizes(): number[] {
    return [this.geom.npix[0], this.geom.npix[1], ...this.geom.axes.map((a) => a.nbin)];
  }

  /**
   * Values at integer pixel indices; indices outside the map give `fillValue`.
   *
   * @param idx - one index array per dimension (x, y, axes...), broadcast
   * @param fillValue - value outside the map (default NaN)
   * @returns the values
   */
  getByIdx(idx: readonly ArrayLike<number>[], fillValue = NaN): Float64Array {
    const sizes = this.sizes();
    if (idx.length !== sizes.length) {
      throw new DataError(`WcsNDMap.getByIdx: ${idx.length} index arrays for ${sizes.length} dimensions`, { hint: "give x, y and one per axis" });
    }
    const n = Math.max(...idx.map((a) => a.length));
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      let flat = 0;
      let stride = 1;
      let ok = true;
      for (let k = 0; k < sizes.length; k++) {
        const a = idx[k]!;
        const v = a.length === 1 ? a[0]! : a[i]!;
        if (!(v >= 0 && v < sizes[k]!)) {
          ok = false;
          break;
        }
        flat += v * stride;
        stride *= sizes[k]!;
      }
      out[i] = ok ? this.data[flat]! : fillValue;
    }
    return out;
  }

  /**
   * Values of the pixels containing the given coordinates (Gammapy's `get_by_coord`):
   * pixel coordinates rounded half-to-even.
   *
   * @param coords - { lon, lat, frame?, <axis>: values }
   * @param fillValue - value outside the map (default NaN)
   * @returns the values
   * @example
   * ```ts
   * counts.getByCoord({ lon: 83.63, lat: 22.01, energy: 1.2 });
   * ```
   */
  getByCoord(coords: MapCoords, fillValue = NaN): Float64Array {
    const pix = this.geom.coordToPix(coords);
    return this.getByIdx(pix.map((p) => p.map((v) => (Number.isNaN(v) ? -1 : rintHalfEven(v)))), fillValue);
  }

  /**
   * Interpolates at pixel coordinates (Gammapy's `interp_by_pix`).
   *
   * @param pix - one pixel-coordinate array per dimension (x, y, axes...), broadcast
   * @param options - method (default "linear"), fillValue (default null: extrapolate)
   * @returns interpolated values
   */
  interpByPix(pix: readonly ArrayLike<number>[], options: InterpOptions = {}): Float64Array {
    const sizes = this.sizes();
    if (pix.length !== sizes.length) {
      throw new DataError(`WcsNDMap.interpByPix: ${pix.length} coordinate arrays for ${sizes.length} dimensions`, { hint: "give x, y and one per axis" });
    }
    const plan = interpPlan(this.data, sizes);
    const n = Math.max(...pix.map((a) => a.length));
    const p = new Float64Array(sizes.length);
    const out = new Float64Array(n);
    const method = options.method ?? "linear";
    const fill = options.fillValue ?? null;
    let lead = 0;
    while (lead < pix.length && pix[lead]!.length === 1) lead++;
    // One position (x, y) for many axis values: the position's part is computed once.
    if (lead > 0 && lead < pix.length && n > 1) return interpPointsLeadFixed(plan, pix, lead, n, method, fill, out);
    for (let i = 0; i < n; i++) {
      for (let k = 0; k < sizes.length; k++) {
        const a = pix[k]!;
        p[k] = a.length === 1 ? a[0]! : a[i]!;
      }
      out[i] = interpPoint(plan, p, method, fill);
    }
    return out;
  }

  /**
   * Interpolates at map coordinates, linearly in pixel space as Gammapy's
   * `interp_by_coord` (axes in their own pixel scale, e.g. log energy).
   *
   * @param coords - { lon, lat, frame?, <axis>: values }
   * @param options - method, fillValue
   * @returns interpolated values
   * @example
   * ```ts
   * exposure.interpByCoord({ lon: 83.63, lat: 22.01, energy_true: [1, 2, 5] });
   * ```
   */
  interpByCoord(coords: MapCoords, options: InterpOptions = {}): Float64Array {
    return this.interpByPix(this.geom.coordToPix(coords), options);
  }

  /**
   * Adds weights (default 1 each) to the pixels containing the coordinates — event
   * binning (Gammapy's `fill_by_coord`). Points outside the map are skipped. One pass,
   * in chunks with reused scratch arrays.
   *
   * @param coords - { lon, lat, frame?, <axis>: values }
   * @param weights - one weight per point (default 1)
   * @returns this map
   * @throws DataError for a mask map or weights of the wrong length
   * @example
   * ```ts
   * counts.fillByCoord({ lon: events.ra, lat: events.dec, frame: "icrs", energy: events.energy });
   * ```
   */
  fillByCoord(coords: MapCoords, weights?: ArrayLike<number>): this {
    if (this.isMask) throw new DataError("WcsNDMap.fillByCoord: cannot add weights to a boolean mask", { hint: "fill a float map" });
    const c = resolveCoords(coords, this.geom.frame, this.geom.axes, "WcsNDMap.fillByCoord");
    if (weights !== undefined && weights.length !== c.n && weights.length !== 1) {
      throw new DataError(`WcsNDMap.fillByCoord: ${weights.length} weights for ${c.n} points`, { hint: "give one weight per point" });
    }
    fillEvents(this.geom, this.data as Float64Array | Float32Array, c, weights);
    return this;
  }

  /**
   * Sums over non-spatial axes, skipping NaN values (Gammapy's `sum_over_axes`).
   *
   * @param options - axesNames (default all), keepdims (default true: summed axes kept with one bin)
   * @returns the reduced map
   * @example
   * ```ts
   * counts.sumOverAxes({ keepdims: false }).geom.isImage; // true
   * ```
   */
  sumOverAxes(options: { axesNames?: readonly string[]; keepdims?: boolean } = {}): WcsNDMap {
    const names = options.axesNames ?? this.geom.axes.map((a) => a.name);
    const keep = options.keepdims ?? true;
    const reduce = new Set(names.map((n) => this.geom.axisIndex(n)));
    const axes = this.geom.axes;
    const outAxes: MapAxis[] = [];
    axes.forEach((a, i) => {
      if (!reduce.has(i)) outAxes.push(a);
      else if (keep) outAxes.push(a.squash());
    });
    const geom = this.geom.withAxes(outAxes);
    const img = this.geom.npix[0] * this.geom.npix[1];
    const out = sumOverAxesKernel(this.data, axes.map((a) => a.nbin), axes.map((_, i) => reduce.has(i)), img, new Float64Array(geom.size));
    return new WcsNDMap(geom, out, this.unit, { ...this.meta });
  }

  /**
   * The image plane at given non-spatial bin indices.
   *
   * @param idx - one bin index per axis
   * @returns an image map (data copied)
   */
  getImageByIdx(idx: readonly number[]): WcsNDMap {
    const axes = this.geom.axes;
    if (idx.length !== axes.length || idx.some((v, a) => !(Number.isInteger(v) && v >= 0 && v < axes[a]!.nbin))) {
      throw new DataError(`WcsNDMap.getImageByIdx: invalid indices [${idx.join(", ")}]`, {
        hint: `give one index per axis within [${axes.map((a) => `0..${a.nbin - 1}`).join(", ")}]`,
      });
    }
    let plane = 0;
    let stride = 1;
    axes.forEach((a, k) => {
      plane += idx[k]! * stride;
      stride *= a.nbin;
    });
    const img = this.geom.npix[0] * this.geom.npix[1];
    return new WcsNDMap(this.geom.toImage(), this.data.slice(plane * img, (plane + 1) * img) as MapData, this.unit, { ...this.meta });
  }

  /**
   * Cut-out around a sky position (Gammapy's `cutout`, mode "trim").
   *
   * @param position - centre [lon, lat] or { lon, lat, frame }
   * @param width - width, one angle or [lon, lat] [deg or quantity]
   * @param options - oddNpix
   * @returns the cut-out map (same dtype)
   */
  cutout(position: SkyDirInput, width: AngleInput | readonly [AngleInput, AngleInput], options: { oddNpix?: boolean } = {}): WcsNDMap {
    const geom = this.geom.cutout(position, width, options);
    const [x0, y0] = this.geom.offsetOf(geom);
    const [nx, ny] = geom.npix;
    const data = allocate(this.dtype, geom.size);
    const s = { x0, x1: x0 + nx, y0, y1: y0 + ny };
    copyImageWindow(this.geom.planeCount, this.data, this.geom.npix[1], this.geom.npix[0], s, data, ny, nx, 0, 0);
    return new WcsNDMap(geom, data, this.unit, { ...this.meta });
  }

  /**
   * Adds another map into this one (Gammapy's `stack`): maps on equal geometries, or a
   * cut-out of this map's pixel grid (partly outside is fine: only the overlap is added).
   * Values are converted to this map's unit; non-finite values count as 0 by default.
   *
   * @param other - the map to add (same non-spatial axes)
   * @param options - weights (a map on `other`'s image or full geometry), nanToNum (default true)
   * @returns this map
   * @throws DataError for geometries that are not aligned or different axes; UnitError for incompatible units
   * @example
   * ```ts
   * stacked.stack(datasetCounts);   // counts of one observation into the stacked counts
   * ```
   */
  stack(other: WcsNDMap, options: { weights?: WcsNDMap; nanToNum?: boolean } = {}): this {
    if (this.isMask) throw new DataError("WcsNDMap.stack: cannot add into a boolean mask", { hint: "stack float maps" });
    const sameAxes = other.geom.axes.length === this.geom.axes.length && other.geom.axes.every((a, i) => a.equals(this.geom.axes[i]!));
    if (!sameAxes) throw new DataError("WcsNDMap.stack: the maps have different non-spatial axes", { hint: "stack maps with the same axes" });
    const [x0, y0] = this.geom.offsetOf(other.geom);
    const [snx, sny] = other.geom.npix;
    const [dnx, dny] = this.geom.npix;
    const win = {
      x0: Math.max(0, -x0),
      x1: Math.min(snx, dnx - x0),
      y0: Math.max(0, -y0),
      y1: Math.min(sny, dny - y0),
    };
    if (win.x1 <= win.x0 || win.y1 <= win.y0) return this;
    const w = options.weights;
    if (w !== undefined && !(w.geom.toImage().equals(other.geom.toImage()) && (w.geom.isImage || w.data.length === other.data.length))) {
      throw new DataError("WcsNDMap.stack: the weights are not on the other map's geometry", { hint: "give weights on other.geom or other.geom.toImage()" });
    }
    const scale = this.unit === other.unit ? 1 : conversionFactor(other.unit, this.unit);
    stackWindow(this.geom.planeCount, other.data, sny, snx, win, this.data as Float64Array | Float32Array, dny, dnx, x0, y0, scale, w?.data, options.nanToNum ?? true);
    return this;
  }

  /**
   * Finer map, each pixel replicated factor x factor times (Gammapy's `upsample`, order 0).
   *
   * @param factor - integer >= 1
   * @param options - preserveCounts (default true): scale by the sub-pixel / pixel solid angle
   * @returns the new map
   */
  upsample(factor: number, options: { preserveCounts?: boolean; maxBytes?: number } = {}): WcsNDMap {
    const geom = this.geom.upsample(factor);
    const dtype = this.isMask ? "float64" : this.dtype;
    checkMapMemory(geom.dataShape, BYTES[dtype], "WcsNDMap.upsample", options.maxBytes);
    const out = upsampleReplicate(this.data, this.geom.planeCount, this.geom, geom, factor, options.preserveCounts ?? true, new Float64Array(geom.size));
    return new WcsNDMap(geom, dtype === "float32" ? Float32Array.from(out) : out, this.unit, { ...this.meta });
  }

  /**
   * Coarser map from factor x factor blocks (Gammapy's `downsample`): NaN-ignoring sums,
   * or means when not preserving counts.
   *
   * @param factor - integer dividing the image size
   * @param options - preserveCounts (default true), weights (a map of the same geometry)
   * @returns the new map
   */
  downsample(factor: number, options: { preserveCounts?: boolean; weights?: WcsNDMap } = {}): WcsNDMap {
    const geom = this.geom.downsample(factor);
    const [nx, ny] = this.geom.npix;
    const out = blockReduce(this.data, this.geom.planeCount, ny, nx, factor, !(options.preserveCounts ?? true), options.weights?.data, new Float64Array(geom.size));
    return new WcsNDMap(geom, this.dtype === "float32" ? Float32Array.from(out) : out, this.unit, { ...this.meta });
  }

  /**
   * Reprojects onto another geometry as Gammapy's `reproject_to_geom`: the map is
   * oversampled until its pixels are `precisionFactor` times smaller than the target's,
   * and every sub-pixel is added to the target pixel containing its centre (sums when
   * preserving counts, else means). Non-spatial axes are kept.
   *
   * @param geom - target geometry (image, or with the same axes as this map)
   * @param options - preserveCounts (default false), precisionFactor (default 10)
   * @returns the reprojected map
   * @throws DataError when the target has non-spatial axes different from the map's
   * @example
   * ```ts
   * counts.reprojectTo(WcsGeom.create({ skydir: [184.56, -5.78], frame: "galactic", binsz: 0.05, width: 2 }), { preserveCounts: true });
   * ```
   */
  reprojectTo(geom: WcsGeom, options: { preserveCounts?: boolean; precisionFactor?: number } = {}): WcsNDMap {
    const target = this.targetWithAxes(geom, "reprojectTo");
    const precision = options.precisionFactor ?? 10;
    const base = Math.min(...target.pixelScales) / Math.min(...this.geom.pixelScales);
    const factor = base >= precision ? 1 : Math.ceil(precision / base);
    const out = reprojectOversampled(this.data, this.geom.planeCount, this.geom, target, factor, options.preserveCounts ?? false, new Float64Array(target.size));
    return new WcsNDMap(target, this.dtype === "float32" ? Float32Array.from(out) : out, this.unit, { ...this.meta });
  }

  /**
   * Interpolates the map onto another geometry (Gammapy's `interp_to_geom`): values at
   * the target pixel centres (and axis centres) by {@link interpByCoord}; masks by
   * nearest pixel. With `preserveCounts`, values are divided by the source pixel solid
   * angle before and multiplied by the target's after.
   *
   * @param geom - target geometry; its axes are interpolated too
   * @param options - preserveCounts (default false), fillValue (default 0), method (default "linear")
   * @returns the new map
   */
  interpToGeom(geom: WcsGeom, options: InterpToGeomOptions = {}): WcsNDMap {
    if (options.preserveCounts && geom.axes.length > 0 && this.geom.axes.length > 0 && !geom.axes[0]!.equals(this.geom.axes[0]!)) {
      throw new DataError(`WcsNDMap.interpToGeom: axis '${geom.axes[0]!.name}' differs from the map's`, {
        hint: "preserveCounts needs the same first axis; interpolate without it or resample the axis first",
      });
    }
    const out = interpToGeomData(this.geom, this.data, this.isMask, geom, options);
    const data: MapData = this.isMask ? Uint8Array.from(out) : this.dtype === "float32" ? Float32Array.from(out) : out;
    return new WcsNDMap(geom, data, this.unit, { ...this.meta });
  }

  /**
   * Convolves every image plane with a kernel ("same" output window, zeros outside),
   * directly in pixel space for small kernels, by FFT when `preferFft` says it is
   * cheaper (results agree to ~1e-15 of each plane's maximum). A 2D kernel applies to
   * all planes; a kernel with leading dimensions gives one kernel per plane; a kernel
   * map with axes applied to an image gives a cube on the kernel's axes (as Gammapy
   * with a PSFKernel).
   *
   * @param kernel - a WcsNDMap (e.g. a PSF kernel map) or { data, shape }
   * @returns the convolved map (float64)
   * @throws DataError for incompatible pixel sizes or kernel planes
   * @example
   * ```ts
   * npred.convolve(psfKernelMap);
   * ```
   */
  convolve(kernel: WcsNDMap | ConvolutionKernel): WcsNDMap {
    const shape = kernel instanceof WcsNDMap ? kernel.shape : [...kernel.shape];
    if (shape.length < 2) throw new DataError(`WcsNDMap.convolve: kernel shape [${shape.join(", ")}] has fewer than 2 dimensions`, { hint: "give [ky, kx]" });
    const ky = shape[shape.length - 2]!;
    const kx = shape[shape.length - 1]!;
    const kPlanes = shape.slice(0, -2).reduce((a, b) => a * b, 1);
    let geom = this.geom;
    if (kernel instanceof WcsNDMap) {
      const [a, b] = kernel.geom.pixelScales;
      const [c, d] = this.geom.pixelScales;
      if (Math.abs(a - c) > 1e-5 * Math.abs(c) || Math.abs(b - d) > 1e-5 * Math.abs(d)) {
        throw new DataError(`WcsNDMap.convolve: kernel pixel size ${a} deg differs from the map's ${c} deg`, { hint: "make the kernel on the map's geometry" });
      }
      if (this.geom.isImage && kernel.geom.axes.length > 0) geom = this.geom.toCube(kernel.geom.axes);
    } else if (this.geom.isImage && kPlanes > 1) {
      throw new DataError("WcsNDMap.convolve: a kernel with planes needs a cube map (or a kernel map with axes)", { hint: "pass the kernel as a WcsNDMap" });
    }
    if (kPlanes > 1 && kPlanes !== geom.planeCount) {
      throw new DataError(`WcsNDMap.convolve: kernel has ${kPlanes} planes, the map ${geom.planeCount}`, { hint: "give a 2D kernel or one per image plane" });
    }
    const [nx, ny] = geom.npix;
    const img = nx * ny;
    const out = new Float64Array(geom.size);
    const kSize = ky * kx;
    const kData = kernel.data;
    if (preferFft(ny, nx, ky, kx)) {
      // Large kernels: FFT (same window, equal to the direct sum to round-off).
      new FftConvolvePlan(ny, nx, ky, kx).convolveWithKernel(this.data, geom.planeCount, kData, kPlanes, out);
      return new WcsNDMap(geom, out, this.unit, { ...this.meta });
    }
    for (let pl = 0; pl < geom.planeCount; pl++) {
      const srcPlane = this.geom.isImage ? 0 : pl;
      const kPlane = sub(kData, kPlanes > 1 ? pl * kSize : 0, kSize);
      const plane = this.data.subarray(srcPlane * img, (srcPlane + 1) * img);
      // The kernel reads a Float64Array (one monomorphic hot loop); other types are copied once per plane.
      const src = plane instanceof Float64Array ? plane : Float64Array.from(plane);
      convolveSame(src, ny, nx, kPlane, ky, kx, out.subarray(pl * img, (pl + 1) * img));
    }
    return new WcsNDMap(geom, out, this.unit, { ...this.meta });
  }

  /**
   * Smooths every image plane (Gammapy's `smooth`): "gauss" (width = sigma), "disk"
   * (width = radius) or "box" (width = side), with scipy's reflecting boundaries.
   *
   * @param width - in pixels (number) or an angle string ("0.1 deg"), converted with the mean pixel scale
   * @param kernel - "gauss" (default), "disk" or "box"
   * @returns the smoothed map (float64)
   * @throws DataError for a non-positive width or an unknown kernel
   * @example
   * ```ts
   * counts.smooth("0.05 deg").data;
   * ```
   */
  smooth(width: number | string, kernel: "gauss" | "disk" | "box" = "gauss"): WcsNDMap {
    const [sx, sy] = this.geom.pixelScales;
    const w = typeof width === "number" ? width : toInternal(width, "angle") / ((sx + sy) / 2);
    if (!(w > 0) || !Number.isFinite(w)) throw new DataError(`WcsNDMap.smooth: width must be > 0, got ${width}`, { hint: "give pixels or e.g. '0.1 deg'" });
    if (kernel !== "gauss" && kernel !== "disk" && kernel !== "box") {
      throw new DataError(`WcsNDMap.smooth: unknown kernel '${String(kernel)}'`, { hint: "use gauss, disk or box" });
    }
    const [nx, ny] = this.geom.npix;
    const img = nx * ny;
    const out = new Float64Array(this.geom.size);
    const scratch = new Float64Array(img);
    for (let p = 0; p < this.geom.planeCount; p++) {
      smoothImage(sub(this.data, p * img, img), ny, nx, w, kernel, out.subarray(p * img, (p + 1) * img), scratch);
    }
    return new WcsNDMap(this.geom, out, this.unit, { ...this.meta });
  }

  /**
   * Writes the map in Gammapy's "gadf" layout (see `wcsMapToHdus`); atomic.
   *
   * @param path - output path (".gz" compresses)
   * @param options - hdu (default "PRIMARY"), hduBands, overwrite (default false)
   * @throws IoError when the file exists and overwrite is false
   * @example
   * ```ts
   * counts.write("counts.fits", { hdu: "COUNTS", overwrite: true });
   * ```
   */
  write(path: string, options: WriteWcsMapOptions = {}): void {
    writeFitsSync(path, wcsMapToHdus(this, options), { overwrite: options.overwrite ?? false });
  }

  /** Short description: geometry, unit, dtype. */
  toString(): string {
    return `WcsNDMap\n\n\tgeom  : WcsGeom\n\taxes  : [${this.geom.axesNames.map((n) => `'${n}'`).join(", ")}]\n\tshape : (${[...this.geom.npix, ...this.geom.axes.map((a) => a.nbin)].join(", ")})\n\tunit  : ${this.unit}\n\tdtype : ${this.dtype}\n`;
  }

  private targetWithAxes(geom: WcsGeom, what: string): WcsGeom {
    if (geom.isImage) return geom.withAxes(this.geom.axes);
    const same = geom.axes.length === this.geom.axes.length && geom.axes.every((a, i) => a.equals(this.geom.axes[i]!));
    if (!same) {
      throw new DataError(`WcsNDMap.${what}: the target's non-spatial axes differ from the map's`, {
        hint: "reproject to the image geometry (geom.toImage()) and resample the axes separately",
      });
    }
    return geom;
  }
}

function sub(data: ArrayLike<number>, offset: number, length: number): ArrayLike<number> {
  if (ArrayBuffer.isView(data)) return (data as unknown as Float64Array).subarray(offset, offset + length);
  return Array.prototype.slice.call(data, offset, offset + length) as number[];
}
