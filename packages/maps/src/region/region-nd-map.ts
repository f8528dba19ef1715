/**
 * RegionNDMap: values on a {@link RegionGeom} — counts, exposure, npred ... of a 1D
 * analysis — as a plain Float64Array in Gammapy's data order with a unit.
 */
import { DataError, conversionFactor } from "@gammats/core";
import type { FrameName } from "@gammats/core";
import { MapAxis } from "../map-axis.js";
import { RegionGeom } from "./region-geom.js";
import type { RegionAxis, RegionGeomOptions } from "./region-geom.js";
import type { SkyRegion } from "./sky-region.js";

/** Options of {@link RegionNDMap.create}. */
export interface RegionNDMapCreateOptions extends RegionGeomOptions {
  /** Unit of the values, e.g. "cm2 s", "" (default). */
  unit?: string;
  /** Initial values (length = geometry size); default zeros. */
  data?: ArrayLike<number>;
  /** Free-form metadata (header cards of the data HDU when written). */
  meta?: Record<string, string | number | boolean>;
}

/** Sky position for {@link RegionNDMap.getByCoord}: values outside the region become NaN. */
export interface RegionSkyCoords {
  lon: ArrayLike<number>;
  lat: ArrayLike<number>;
  frame?: FrameName | string;
}

function checkedData(data: ArrayLike<number> | undefined, size: number, what: string): Float64Array {
  if (data === undefined) return new Float64Array(size);
  if (data.length !== size) {
    throw new DataError(`${what}: data has ${data.length} values but the geometry needs ${size}`, {
      hint: "give one value per bin of the non-spatial axes (product of their nbin)",
    });
  }
  return Float64Array.from(data);
}

/**
 * An N-dimensional map on a region: `data` has {@link RegionGeom.dataShape}
 * ([axes reversed..., 1, 1], C order), so for axes [energy] it is just one value per
 * energy bin and for [energy, time] time is the slow index.
 *
 * @example
 * ```ts
 * const energy = MapAxis.fromEnergyBounds(1, 10, 3, { unit: "TeV" });
 * const counts = RegionNDMap.create("icrs;circle(83.633,22.014,0.1)", { axes: [energy], data: [5, 3, 1] });
 * counts.sumOverAxes().data;                                    // Float64Array [9]
 * counts.getByCoord({ energy: [1.5, 7, 20] });                 // Float64Array [5, 1, NaN]
 * ```
 */
export class RegionNDMap {
  /** The geometry. */
  readonly geom: RegionGeom;
  /** Values, C order over {@link RegionGeom.dataShape}. */
  readonly data: Float64Array;
  /** Unit of the values ("" when dimensionless). */
  readonly unit: string;
  /** Metadata (written as header cards of the data HDU). */
  readonly meta: Record<string, string | number | boolean>;

  /**
   * @param geom - the geometry
   * @param data - values (length {@link RegionGeom.size}; copied); default zeros
   * @param unit - unit of the values, default ""
   * @param meta - metadata, default {}
   * @throws DataError when the data length does not match the geometry
   */
  constructor(geom: RegionGeom, data?: ArrayLike<number>, unit = "", meta: Record<string, string | number | boolean> = {}) {
    this.geom = geom;
    this.data = checkedData(data, geom.size, "RegionNDMap");
    this.unit = unit;
    this.meta = { ...meta };
  }

  /**
   * Creates a map on a region given as DS9 text, region(s) or null.
   *
   * @param region - e.g. "icrs;circle(83.633,22.014,0.1)"
   * @param options - axes, unit, data, meta, wcs, binszWcs
   * @returns the map
   * @throws DataError for unreadable regions or mismatched data
   * @example
   * ```ts
   * RegionNDMap.create("icrs;point(83.633,22.014)", { axes: [energy], unit: "cm2 s" }).data.length; // energy.nbin
   * ```
   */
  static create(region: string | SkyRegion | readonly SkyRegion[] | null, options: RegionNDMapCreateOptions = {}): RegionNDMap {
    const { unit, data, meta, ...geomOptions } = options;
    return new RegionNDMap(RegionGeom.create(region, geomOptions), data, unit ?? "", meta ?? {});
  }

  /** Shape of {@link data} ([axes reversed..., 1, 1]). */
  get shape(): number[] {
    return this.geom.dataShape;
  }

  /**
   * A copy, optionally with other data, unit or geometry.
   *
   * @param changes - replacements
   * @returns a new map (data copied)
   */
  copy(changes: { geom?: RegionGeom; data?: ArrayLike<number>; unit?: string } = {}): RegionNDMap {
    return new RegionNDMap(changes.geom ?? this.geom, changes.data ?? this.data, changes.unit ?? this.unit, this.meta);
  }

  /**
   * The map with values converted to another unit.
   *
   * @param unit - target unit, compatible with {@link unit}
   * @returns a new map
   * @throws UnitError for incompatible units
   * @example
   * ```ts
   * exposure.toUnit("m2 s").data; // values / 1e4 for a map in cm2 s
   * ```
   */
  toUnit(unit: string): RegionNDMap {
    const f = conversionFactor(this.unit, unit);
    return this.copy({ data: this.data.map((v) => v * f), unit });
  }

  /**
   * Sums over non-spatial axes, ignoring NaN (as Gammapy's `sum_over_axes`).
   *
   * @param axesNames - axes to sum over, default all
   * @param keepdims - keep summed axes as single bins spanning their range (default true)
   * @returns a new map
   * @throws DataError for an unknown axis name
   * @example
   * ```ts
   * counts.sumOverAxes(["energy"], false).shape; // [1, 1]
   * ```
   */
  sumOverAxes(axesNames: readonly string[] = this.geom.axes.map((a) => a.name), keepdims = true): RegionNDMap {
    let geom = this.geom;
    let data = this.data;
    for (const name of axesNames) {
      const k = geom.axes.indexOf(geom.axis(name));
      // Axis k has stride prod(nbin of axes < k) in the [axes reversed] C order.
      const inner = geom.axes.slice(0, k).reduce((n, a) => n * a.nbin, 1);
      const nk = geom.axes[k].nbin;
      const outer = data.length / (inner * nk);
      const sum = new Float64Array(inner * outer);
      for (let o = 0; o < outer; o++) {
        for (let j = 0; j < nk; j++) {
          const base = (o * nk + j) * inner;
          for (let i = 0; i < inner; i++) {
            const v = data[base + i];
            if (!Number.isNaN(v)) sum[o * inner + i] += v;
          }
        }
      }
      geom = keepdims ? geom.squash(name) : geom.drop(name);
      data = sum;
    }
    return new RegionNDMap(geom, data, this.unit, this.meta);
  }

  /**
   * Values at the bins holding the given axis coordinates (nearest-bin lookup, as
   * Gammapy's `get_by_coord`); NaN outside an axis or, with `sky`, outside the region.
   *
   * @param coords - one array per non-spatial axis, by name, in the axis unit (MJD for
   *   time axes); arrays of length 1 broadcast
   * @param sky - optional directions; positions outside the region give NaN
   * @returns the values
   * @throws DataError for a missing axis or arrays of different lengths
   * @example
   * ```ts
   * counts.getByCoord({ energy: [1.5, 7] }); // Float64Array [5, 1]
   * ```
   */
  getByCoord(coords: Record<string, ArrayLike<number>>, sky?: RegionSkyCoords): Float64Array {
    const axes = this.geom.axes;
    const lengths = axes.map((a) => {
      const c = coords[a.name];
      if (c === undefined) {
        throw new DataError(`RegionNDMap.getByCoord: no coordinates for axis '${a.name}'`, { hint: `give ${axes.map((x) => x.name).join(", ")}` });
      }
      return c.length;
    });
    if (sky !== undefined) lengths.push(sky.lon.length);
    const n = Math.max(1, ...lengths);
    if (lengths.some((l) => l !== 1 && l !== n)) {
      throw new DataError(`RegionNDMap.getByCoord: coordinate arrays of lengths ${lengths.join(", ")}`, { hint: "give arrays of one common length (or length 1)" });
    }
    const idx = axes.map((a: RegionAxis) => {
      const c = Float64Array.from(coords[a.name]);
      return a instanceof MapAxis ? a.coordToIdx(c) : a.coordToIdx(c);
    });
    const inside = sky === undefined ? undefined : this.geom.contains(sky.lon, sky.lat, sky.frame ?? this.geom.frame);
    const out = new Float64Array(n);
    for (let p = 0; p < n; p++) {
      let flat = 0;
      let stride = 1;
      let ok = inside === undefined || inside[inside.length === 1 ? 0 : p] === 1;
      for (let k = 0; k < axes.length && ok; k++) {
        const ik = idx[k][idx[k].length === 1 ? 0 : p];
        if (ik < 0) ok = false;
        flat += ik * stride;
        stride *= axes[k].nbin;
      }
      out[p] = ok ? this.data[flat] : NaN;
    }
    return out;
  }
}
