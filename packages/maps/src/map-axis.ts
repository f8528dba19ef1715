/**
 * MapAxis: a binned (or sampled) non-spatial axis of a map or IRF — energy, offset,
 * migration, ... — with Gammapy's conventions for nodes, centres and pixel coordinates.
 */
import { DataError, INTERNAL_UNITS, conversionFactor, formatUnit, isCompatible, parseUnit, physicalType } from "@gammats/core";
import type { Quantity } from "@gammats/core";
import { coordsToIdx, coordsToPix, pixToCoords, pixToIdx } from "./axis-coordinates.js";
import { binsForDecades, checkAxisNodes, nodesFromBounds } from "./axis-nodes.js";
import { checkEnergyUnit, energyAxisName, energyIn, toEnergyQuantity } from "./energy-bounds.js";
import type { EnergyAxisName } from "./energy-bounds.js";
import { linspace } from "./linear-interp-1d.js";
import { scaleArray } from "./interpolation-scale.js";
import type { InterpScale } from "./interpolation-scale.js";

/** Whether the nodes of an axis are its bin edges or its bin centres. */
export type NodeType = "edges" | "center";

/** Options shared by the MapAxis constructor and factories. */
export interface MapAxisOptions {
  /** Axis name, e.g. "energy", "offset" (see {@link STANDARD_AXIS_NAMES}). Default "". */
  name?: string;
  /** Unit of the node values, e.g. "TeV", "deg", "" (dimensionless). Default "". */
  unit?: string;
  /** Scale in which pixel coordinates are linear. Default "lin". */
  interp?: InterpScale;
  /** Whether the nodes are bin edges or bin centres. Default "edges". */
  nodeType?: NodeType;
}

/** Options of {@link MapAxis.fromEnergyBounds}. */
export interface EnergyBoundsOptions {
  /** Unit of numeric bounds and of the axis. Default: the unit of `max` ("TeV" for numbers). */
  unit?: string;
  /** Treat `nbin` as bins per decade (total rounded up). Default false. */
  perDecade?: boolean;
  /** "energy" or "energy_true". Default "energy". */
  name?: EnergyAxisName;
  /** Default "edges". */
  nodeType?: NodeType;
}

/** Tolerances of {@link MapAxis.isAllclose}, as NumPy's `allclose`. */
export interface AllcloseOptions {
  /** Relative tolerance. Default 1e-5. */
  rtol?: number;
  /** Absolute tolerance [axis unit]. Default 1e-8. */
  atol?: number;
}

/**
 * A one-dimensional axis defined by nodes that are either bin edges or bin centres.
 *
 * Pixel coordinates are linear in the axis scale (`interp`): bin i covers pixels
 * [i − 0.5, i + 0.5) and its centre is at pixel i, so the centre of a log axis is the
 * geometric mean of its edges. Node values are kept exactly as given; derived
 * edges/centres follow Gammapy's arithmetic. Values are in `unit`; the arrays returned
 * by getters are cached and shared: copy them before modifying.
 *
 * @example
 * ```ts
 * const axis = MapAxis.fromEnergyBounds(0.1, 100, 3, { unit: "TeV" });
 * axis.edges;   // [0.1, 1, 10, 100] (to rounding)
 * axis.centers; // [0.316..., 3.16..., 31.6...]
 * axis.coordToIdx(new Float64Array([5])); // Int32Array [1]
 * ```
 */
export class MapAxis {
  /** Axis name, e.g. "energy_true". */
  readonly name: string;
  /** Unit of all coordinate values of the axis ("" when dimensionless). */
  readonly unit: string;
  /** Scale in which pixel coordinates are linear. */
  readonly interp: InterpScale;
  /** Whether {@link nodes} are edges or centres. */
  readonly nodeType: NodeType;
  /** The defining values: edges (nbin + 1) or centres (nbin) [unit]. */
  readonly nodes: Float64Array;
  /** Number of bins. */
  readonly nbin: number;
  // Scaled nodes and their pixel numbers: the two columns of the coord <-> pix map.
  private readonly scaledNodes: Float64Array;
  private readonly nodePix: Float64Array;
  private readonly pixOffset: number;
  private cachedEdges: Float64Array | undefined;
  private cachedCenters: Float64Array | undefined;
  private cachedWidths: Float64Array | undefined;

  /**
   * @param nodes - strictly increasing edges or centres [unit]
   * @param options - name, unit, interp, nodeType
   * @throws DataError for unsorted, repeated, non-finite or (log/sqrt) negative nodes,
   *   too few nodes, or an unknown node type
   * @throws UnitError when `unit` does not parse
   */
  constructor(nodes: ArrayLike<number>, options: MapAxisOptions = {}) {
    this.name = options.name ?? "";
    this.unit = (options.unit ?? "").trim();
    this.interp = options.interp ?? "lin";
    this.nodeType = options.nodeType ?? "edges";
    const what = `MapAxis '${this.name}'`;
    parseUnit(this.unit);
    this.nodes = Float64Array.from(nodes);
    checkAxisNodes(this.nodes, this.interp, what);
    if (this.nodeType === "edges") {
      if (this.nodes.length < 2) {
        throw new DataError(`${what}: ${this.nodes.length} edge given`, { hint: "an edges axis needs at least two edges" });
      }
      this.nbin = this.nodes.length - 1;
      this.pixOffset = -0.5;
    } else if (this.nodeType === "center") {
      this.nbin = this.nodes.length;
      this.pixOffset = 0;
    } else {
      throw new DataError(`${what}: invalid node type '${String(this.nodeType)}'`, { hint: "use 'edges' or 'center'" });
    }
    this.scaledNodes = scaleArray(this.nodes, this.interp, new Float64Array(this.nodes.length));
    this.nodePix = new Float64Array(this.nodes.length);
    for (let i = 0; i < this.nodePix.length; i++) this.nodePix[i] = i;
  }

  /**
   * Axis from its bin edges.
   *
   * @param edges - strictly increasing edges, at least two [unit]
   * @param options - name, unit, interp (nodeType is "edges")
   * @returns the axis
   * @throws DataError as the constructor
   * @example
   * ```ts
   * MapAxis.fromEdges([0, 0.5, 1, 2.5], { name: "offset", unit: "deg" }).nbin; // 3
   * ```
   */
  static fromEdges(edges: ArrayLike<number>, options: Omit<MapAxisOptions, "nodeType"> = {}): MapAxis {
    return new MapAxis(edges, { ...options, nodeType: "edges" });
  }

  /**
   * Axis from its bin centres (values are defined at these nodes, e.g. an IRF grid).
   *
   * @param nodes - strictly increasing centres, at least one [unit]
   * @param options - name, unit, interp (nodeType is "center")
   * @returns the axis
   * @throws DataError as the constructor
   * @example
   * ```ts
   * MapAxis.fromNodes([0.2, 1, 5], { name: "migra" }).edges; // ≈ [-0.2, 0.6, 3, 7]
   * ```
   */
  static fromNodes(nodes: ArrayLike<number>, options: Omit<MapAxisOptions, "nodeType"> = {}): MapAxis {
    return new MapAxis(nodes, { ...options, nodeType: "center" });
  }

  /**
   * Axis with `nbin` bins evenly spaced in the `interp` scale between two bounds: the
   * outer edges for nodeType "edges", the first and last centres for "center".
   *
   * @param lo - lower bound [unit]
   * @param hi - upper bound [unit]
   * @param nbin - number of bins (truncated to an integer, >= 1)
   * @param options - name, unit, interp (default "lin"), nodeType (default "edges")
   * @returns the axis
   * @throws DataError for nbin < 1 or bounds the scale cannot space
   * @example
   * ```ts
   * MapAxis.fromBounds(0, 2, 4, { name: "offset", unit: "deg" }).edges; // [0, 0.5, 1, 1.5, 2]
   * ```
   */
  static fromBounds(lo: number, hi: number, nbin: number, options: MapAxisOptions = {}): MapAxis {
    const n = Math.trunc(nbin);
    if (!(n >= 1)) {
      throw new DataError(`MapAxis '${options.name ?? ""}': nbin must be >= 1, got ${nbin}`, { hint: "give a positive number of bins" });
    }
    const interp = options.interp ?? "lin";
    const nodeType = options.nodeType ?? "edges";
    const count = nodeType === "edges" ? n + 1 : n;
    return new MapAxis(nodesFromBounds(lo, hi, count, interp), { ...options, interp, nodeType });
  }

  /**
   * Log-spaced energy axis between two energies, with Gammapy's edges (including its
   * rounding up of `nbin · decades` when `perDecade` is set).
   *
   * @param min - lower energy: number in `unit` (default TeV), "100 GeV" or a Quantity
   * @param max - upper energy, same forms
   * @param nbin - number of bins, or bins per decade with `perDecade`
   * @param options - unit, perDecade, name ("energy" | "energy_true"), nodeType
   * @returns the axis (interp "log")
   * @throws UnitError when a bound or `unit` is not an energy
   * @throws DataError for a bad name or nbin
   * @example
   * ```ts
   * MapAxis.fromEnergyBounds("0.1 TeV", "100 TeV", 5, { perDecade: true }).nbin; // 15
   * ```
   */
  static fromEnergyBounds(
    min: number | string | Quantity,
    max: number | string | Quantity,
    nbin: number,
    options: EnergyBoundsOptions = {},
  ): MapAxis {
    const maxQ = toEnergyQuantity(max, options.unit);
    const unit = options.unit ?? formatUnit(maxQ.unit);
    checkEnergyUnit(unit);
    const hi = energyIn(maxQ, unit);
    const lo = energyIn(toEnergyQuantity(min, unit), unit);
    const n = options.perDecade ? binsForDecades(lo, hi, nbin) : nbin;
    const name = energyAxisName(options.name);
    return MapAxis.fromBounds(lo, hi, n, { unit, interp: "log", name, nodeType: options.nodeType ?? "edges" });
  }

  /**
   * Energy axis from adjacent edges.
   *
   * @param edges - strictly increasing energies [unit]
   * @param options - unit (default "TeV"), name ("energy" | "energy_true"), interp (default "log")
   * @returns the axis
   * @throws UnitError when `unit` is not an energy
   * @throws DataError for bad edges or name
   * @example
   * ```ts
   * MapAxis.fromEnergyEdges([1, 3, 10], { unit: "TeV", name: "energy_true" }).nbin; // 2
   * ```
   */
  static fromEnergyEdges(
    edges: ArrayLike<number>,
    options: { unit?: string; name?: EnergyAxisName; interp?: InterpScale } = {},
  ): MapAxis {
    const unit = options.unit ?? "TeV";
    checkEnergyUnit(unit);
    return MapAxis.fromEdges(edges, { unit, name: energyAxisName(options.name), interp: options.interp ?? "log" });
  }

  /** Bin edges, nbin + 1 values [unit] (the nodes themselves for an edges axis). */
  get edges(): Float64Array {
    if (this.cachedEdges === undefined) {
      if (this.nodeType === "edges") this.cachedEdges = this.nodes;
      else {
        const pix = new Float64Array(this.nbin + 1);
        for (let i = 0; i <= this.nbin; i++) pix[i] = i - 0.5;
        this.cachedEdges = this.pixToCoord(pix);
      }
    }
    return this.cachedEdges;
  }

  /** Bin centres, nbin values [unit]: log-centres (geometric means) on a log axis. */
  get centers(): Float64Array {
    if (this.cachedCenters === undefined) {
      if (this.nodeType === "center") this.cachedCenters = this.nodes;
      else {
        const pix = new Float64Array(this.nbin);
        for (let i = 0; i < this.nbin; i++) pix[i] = i;
        this.cachedCenters = this.pixToCoord(pix);
      }
    }
    return this.cachedCenters;
  }

  /** Bin widths edges[i + 1] − edges[i], nbin values [unit]. */
  get widths(): Float64Array {
    if (this.cachedWidths === undefined) {
      const e = this.edges;
      const w = new Float64Array(this.nbin);
      for (let i = 0; i < this.nbin; i++) w[i] = e[i + 1]! - e[i]!;
      this.cachedWidths = w;
    }
    return this.cachedWidths;
  }

  /** Lower bin edges, nbin values [unit] (a view of {@link edges}). */
  get edgesMin(): Float64Array {
    return this.edges.subarray(0, this.nbin);
  }

  /** Upper bin edges, nbin values [unit] (a view of {@link edges}). */
  get edgesMax(): Float64Array {
    return this.edges.subarray(1);
  }

  /** First and last node: outer edges of an edges axis, first/last centre of a center axis [unit]. */
  get bounds(): [number, number] {
    return [this.nodes[0]!, this.nodes[this.nodes.length - 1]!];
  }

  /**
   * The gammats internal unit of this axis' physical type (TeV for energies, deg for
   * angles, s for times), or the axis unit itself when it has no physical type ("" for migra).
   */
  get internalUnit(): string {
    const type = physicalType(this.unit);
    return type === undefined ? this.unit : INTERNAL_UNITS[type];
  }

  /** True for axes named "energy" or "energy_true". */
  get isEnergyAxis(): boolean {
    return this.name === "energy" || this.name === "energy_true";
  }

  /**
   * Bins per decade of a log axis: nbin / log10(last node / first node).
   *
   * @throws DataError for an axis that is not "log"
   */
  get nbinPerDecade(): number {
    if (this.interp !== "log") {
      throw new DataError(`MapAxis '${this.name}': bins per decade need a log axis, interp is '${this.interp}'`, {
        hint: "only log-spaced axes have a number of bins per decade",
      });
    }
    const [lo, hi] = this.bounds;
    return this.nbin / Math.log10(hi / lo);
  }

  /**
   * Fractional pixel coordinates of axis coordinates: linear in the axis scale between
   * nodes, linearly extrapolated outside (bin i spans [i − 0.5, i + 0.5)).
   *
   * @param coord - coordinates [unit]
   * @param out - output array (default: new), may be `coord` when it is a Float64Array
   * @returns pixel coordinates
   * @example
   * ```ts
   * MapAxis.fromEdges([1, 10, 100], { interp: "log" }).coordToPix([10, 1000]); // ≈ [0.5, 2.5]
   * ```
   */
  coordToPix(coord: ArrayLike<number>, out?: Float64Array): Float64Array {
    const res = out ?? new Float64Array(coord.length);
    return coordsToPix(this.scaledNodes, this.nodePix, this.pixOffset, this.interp, coord, res);
  }

  /**
   * Axis coordinates of fractional pixel coordinates (inverse of {@link coordToPix}),
   * extrapolated in the axis scale outside the nodes.
   *
   * @param pix - pixel coordinates
   * @param out - output array (default: new)
   * @returns coordinates [unit]
   * @example
   * ```ts
   * MapAxis.fromEdges([1, 10, 100], { interp: "log" }).pixToCoord([0]); // ≈ [3.16227766016838]
   * ```
   */
  pixToCoord(pix: ArrayLike<number>, out?: Float64Array): Float64Array {
    const res = out ?? new Float64Array(pix.length);
    return pixToCoords(this.scaledNodes, this.nodePix, this.pixOffset, this.interp, pix, res);
  }

  /**
   * Bin index of each coordinate. Bins are half-open, [edges[i], edges[i + 1]); a
   * coordinate below the first edge, at or above the last edge, or not finite gets −1.
   * With `clip`, finite coordinates outside are put in the first or last bin instead.
   *
   * @param coord - coordinates [unit]
   * @param clip - clip finite out-of-range coordinates to the first/last bin (default false)
   * @param out - output array (default: new)
   * @returns bin indices
   * @example
   * ```ts
   * const a = MapAxis.fromEdges([0, 1, 2]);
   * a.coordToIdx([-1, 0, 1.5, 2, NaN]);       // [-1, 0, 1, -1, -1]
   * a.coordToIdx([-1, 0, 1.5, 2, NaN], true); // [0, 0, 1, 1, -1]
   * ```
   */
  coordToIdx(coord: ArrayLike<number>, clip = false, out?: Int32Array): Int32Array {
    return coordsToIdx(this.edges, coord, clip, out ?? new Int32Array(coord.length));
  }

  /**
   * Bin index of each fractional pixel coordinate, rounded to the nearest bin (halves
   * up, as Gammapy's geometries): −1 outside [−0.5, nbin − 0.5) unless `clip`.
   *
   * @param pix - pixel coordinates
   * @param clip - clip to [0, nbin − 1] instead of returning −1 (default false)
   * @param out - output array (default: new)
   * @returns bin indices (−1 for NaN)
   * @example
   * ```ts
   * MapAxis.fromEdges([0, 1, 2]).pixToIdx([-0.6, 0.49, 0.5, 1.6]); // [-1, 0, 1, -1]
   * ```
   */
  pixToIdx(pix: ArrayLike<number>, clip = false, out?: Int32Array): Int32Array {
    return pixToIdx(this.nbin, pix, clip, out ?? new Int32Array(pix.length));
  }

  /**
   * The axis restricted to bins [start, stop) (negative values count from the end, as in
   * Python slices); same name, unit, scale and node type.
   *
   * @param start - first bin kept
   * @param stop - one past the last bin kept (default nbin)
   * @returns the sliced axis
   * @throws DataError when the slice is empty
   * @example
   * ```ts
   * MapAxis.fromEdges([0, 1, 2, 3]).slice(1).edges; // [1, 2, 3]
   * ```
   */
  slice(start: number, stop: number = this.nbin): MapAxis {
    const a = sliceIndex(start, this.nbin);
    const b = sliceIndex(stop, this.nbin);
    if (b <= a) {
      throw new DataError(`MapAxis '${this.name}': slice [${start}, ${stop}) of ${this.nbin} bins is empty`, {
        hint: "give start < stop within the axis",
      });
    }
    const nodes = this.nodeType === "edges" ? this.nodes.slice(a, b + 1) : this.nodes.slice(a, b);
    return this.copy({ nodes });
  }

  /**
   * One bin spanning the whole axis (first to last edge), with node type "edges" as in
   * Gammapy, whatever the original node type.
   *
   * @returns the squashed axis
   * @example
   * ```ts
   * MapAxis.fromEdges([0, 1, 2, 3]).squash().edges; // [0, 3]
   * ```
   */
  squash(): MapAxis {
    const e = this.edges;
    return MapAxis.fromBounds(e[0]!, e[this.nbin]!, 1, this.options({ nodeType: "edges" }));
  }

  /**
   * Finer axis: each bin split into `factor` bins evenly in the axis scale (an edges axis
   * gets nbin·factor bins, a center axis (nbin − 1)·factor + 1 nodes); the original nodes
   * are kept.
   *
   * @param factor - integer >= 1
   * @returns the upsampled axis
   * @throws DataError for a factor that is not a positive integer
   * @example
   * ```ts
   * MapAxis.fromEdges([1, 100], { interp: "log" }).upsample(2).edges; // [1, 10, 100] (to rounding)
   * ```
   */
  upsample(factor: number): MapAxis {
    checkFactor(factor, this.name);
    const nodePix = this.coordToPix(this.nodes);
    const count = this.nodeType === "edges" ? this.nbin * factor + 1 : (this.nbin - 1) * factor + 1;
    const pix = linspace(nodePix[0]!, nodePix[nodePix.length - 1]!, count);
    return this.copy({ nodes: this.pixToCoord(pix) });
  }

  /**
   * Coarser axis keeping every `factor`-th node (the outer nodes stay). nbin (edges) or
   * nbin − 1 (center) must be divisible by `factor`.
   *
   * @param factor - integer >= 1
   * @returns the downsampled axis
   * @throws DataError when the number of bins is not divisible by `factor`
   * @example
   * ```ts
   * MapAxis.fromEdges([0, 1, 2, 3, 4]).downsample(2).edges; // [0, 2, 4]
   * ```
   */
  downsample(factor: number): MapAxis {
    checkFactor(factor, this.name);
    const intervals = this.nodes.length - 1;
    if (intervals % factor !== 0) {
      throw new DataError(
        `MapAxis '${this.name}': ${this.nodeType === "edges" ? "number of bins" : "number of bins - 1"} (${intervals}) is not divisible by ${factor}`,
        { hint: "choose a factor that divides the number of intervals between nodes" },
      );
    }
    const nodes = new Float64Array(intervals / factor + 1);
    for (let i = 0; i < nodes.length; i++) nodes[i] = this.nodes[i * factor]!;
    return this.copy({ nodes });
  }

  /**
   * The same axis with nodes of the other type: centres become nodes, or edges do.
   *
   * @param nodeType - wanted node type
   * @returns this axis when already of that type, else a new axis
   * @example
   * ```ts
   * MapAxis.fromEdges([0, 2, 4]).toNodeType("center").nodes; // [1, 3]
   * ```
   */
  toNodeType(nodeType: NodeType): MapAxis {
    if (nodeType === this.nodeType) return this;
    return this.copy({ nodes: nodeType === "center" ? this.centers : this.edges, nodeType });
  }

  /**
   * The same axis with values converted to another, compatible unit.
   *
   * @param unit - target unit, e.g. "GeV"
   * @returns the converted axis
   * @throws UnitError when the units are not compatible
   * @example
   * ```ts
   * MapAxis.fromEnergyEdges([1, 10]).toUnit("GeV").nodes; // [1000, 10000]
   * ```
   */
  toUnit(unit: string): MapAxis {
    const f = conversionFactor(this.unit, unit);
    const nodes = new Float64Array(this.nodes.length);
    for (let i = 0; i < nodes.length; i++) nodes[i] = this.nodes[i]! * f;
    return this.copy({ nodes, unit });
  }

  /**
   * Edges converted to another unit.
   *
   * @param unit - target unit (default: {@link internalUnit}, e.g. TeV)
   * @returns a new array of nbin + 1 values [unit]
   * @throws UnitError when the units are not compatible
   * @example
   * ```ts
   * MapAxis.fromEnergyEdges([100, 1000], { unit: "GeV" }).edgesIn("TeV"); // [0.1, 1]
   * ```
   */
  edgesIn(unit: string = this.internalUnit): Float64Array {
    return scaled(this.edges, conversionFactor(this.unit, unit));
  }

  /**
   * Centres converted to another unit.
   *
   * @param unit - target unit (default: {@link internalUnit}, e.g. deg)
   * @returns a new array of nbin values [unit]
   * @throws UnitError when the units are not compatible
   * @example
   * ```ts
   * MapAxis.fromNodes([0.5], { unit: "deg" }).centersIn("arcmin"); // [30]
   * ```
   */
  centersIn(unit: string = this.internalUnit): Float64Array {
    return scaled(this.centers, conversionFactor(this.unit, unit));
  }

  /**
   * A copy with some properties replaced.
   *
   * @param changes - nodes and/or options to replace
   * @returns the new axis
   * @throws DataError as the constructor
   * @example
   * ```ts
   * axis.copy({ name: "energy_true" });
   * ```
   */
  copy(changes: MapAxisOptions & { nodes?: ArrayLike<number> } = {}): MapAxis {
    return new MapAxis(changes.nodes ?? this.nodes, this.options(changes));
  }

  /**
   * The same axis under another name.
   *
   * @param name - new name
   * @returns the renamed axis
   * @example
   * ```ts
   * axis.rename("energy_true").name; // "energy_true"
   * ```
   */
  rename(name: string): MapAxis {
    return this.copy({ name });
  }

  /**
   * True when the other axis has the same number of edges, a compatible unit, edges
   * equal within tolerances (after unit conversion), the same node type and scale and
   * the same name ignoring case (Gammapy's `is_allclose`).
   *
   * @param other - axis to compare
   * @param options - rtol (default 1e-5), atol (default 1e-8, in this axis' unit)
   * @returns whether the axes agree
   * @example
   * ```ts
   * MapAxis.fromEnergyEdges([1, 10]).isAllclose(MapAxis.fromEnergyEdges([1000, 10000], { unit: "GeV" })); // true
   * ```
   */
  isAllclose(other: MapAxis, options: AllcloseOptions = {}): boolean {
    const rtol = options.rtol ?? 1e-5;
    const atol = options.atol ?? 1e-8;
    if (this.nbin !== other.nbin || this.nodeType !== other.nodeType || this.interp !== other.interp) return false;
    if (this.name.toUpperCase() !== other.name.toUpperCase()) return false;
    if (!isCompatible(this.unit, other.unit)) return false;
    const f = conversionFactor(other.unit, this.unit);
    const a = this.edges;
    const b = other.edges;
    for (let i = 0; i < a.length; i++) {
      const bi = b[i]! * f;
      if (!(Math.abs(a[i]! - bi) <= atol + rtol * Math.abs(bi))) return false;
    }
    return true;
  }

  /**
   * Gammapy's axis equality: {@link isAllclose} with rtol = atol = 1e-6.
   *
   * @param other - axis to compare
   * @returns whether the axes are equal
   * @example
   * ```ts
   * MapAxis.fromEdges([0, 1]).equals(MapAxis.fromEdges([0, 1 + 1e-9])); // true
   * ```
   */
  equals(other: MapAxis): boolean {
    return this.isAllclose(other, { rtol: 1e-6, atol: 1e-6 });
  }

  /**
   * Multi-line summary in the layout of Gammapy's repr.
   *
   * @returns the summary
   * @example
   * ```ts
   * String(MapAxis.fromEnergyBounds(0.1, 100, 24)); // "MapAxis\n\n  name       : energy ..."
   * ```
   */
  toString(): string {
    const vals = this.nodeType === "edges" ? this.edges : this.centers;
    const u = this.unit ? ` ${this.unit}` : "";
    const row = (k: string, v: string): string => `  ${k.padEnd(10)} : ${v.padEnd(10)}\n`;
    return (
      "MapAxis\n\n" +
      row("name", this.name) +
      row("unit", `'${this.unit}'`) +
      row("nbins", String(this.nbin)) +
      row("node type", this.nodeType) +
      row(`${this.nodeType} min`, `${pythonExp(vals[0]!)}${u}`) +
      row(`${this.nodeType} max`, `${pythonExp(vals[vals.length - 1]!)}${u}`) +
      row("interp", this.interp)
    );
  }

  private options(changes: MapAxisOptions = {}): MapAxisOptions {
    return {
      name: changes.name ?? this.name,
      unit: changes.unit ?? this.unit,
      interp: changes.interp ?? this.interp,
      nodeType: changes.nodeType ?? this.nodeType,
    };
  }
}

// Python's "{:.1e}" (two-digit exponent), so summaries read like Gammapy's.
function pythonExp(v: number): string {
  return v.toExponential(1).replace(/e([+-])(\d)$/, "e$10$2");
}

function sliceIndex(i: number, n: number): number {
  const j = Math.trunc(i) < 0 ? Math.trunc(i) + n : Math.trunc(i);
  return j < 0 ? 0 : j > n ? n : j;
}

function scaled(values: Float64Array, f: number): Float64Array {
  const out = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) out[i] = values[i]! * f;
  return out;
}

function checkFactor(factor: number, name: string): void {
  if (!Number.isInteger(factor) || factor < 1) {
    throw new DataError(`MapAxis '${name}': resampling factor must be a positive integer, got ${factor}`, {
      hint: "give e.g. 2",
    });
  }
}
