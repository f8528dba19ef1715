/**
 * TimeMapAxis: a time axis made of intervals (possibly with gaps, never overlapping)
 * given as offsets from a reference time, as Gammapy's TimeMapAxis (light curves).
 *
 * Times are plain numbers: the reference is an MJD in a named time scale ("tt", "utc",
 * ...), edges are offsets from it in a time unit. Converting between scales is the job
 * of the time module of core; this axis never mixes scales.
 */
import { DataError, conversionFactor, isCompatible } from "@gammats/core";

/** Options of the {@link TimeMapAxis} constructor and factories. */
export interface TimeMapAxisOptions {
  /** Axis name. Default "time". */
  name?: string;
  /** Unit of the edge offsets, e.g. "d", "s", "h". Default "d". */
  unit?: string;
  /** Time scale of the reference (and of every MJD the axis reads or returns). Default "tt". */
  scale?: string;
}

const SECONDS_PER_DAY = 86400;

/**
 * A time axis of non-overlapping, increasing intervals [edgesMin[i], edgesMax[i]]
 * measured from `referenceMjd`. Intervals may leave gaps (e.g. one per observation).
 *
 * A time belongs to interval i when edgesMin[i] < t <= edgesMax[i] (Gammapy's rule).
 *
 * @example
 * ```ts
 * const axis = TimeMapAxis.fromTimeEdges([55197, 55199], [55198, 55200]); // MJD, tt
 * axis.nbin;                    // 2
 * axis.isContiguous;            // false
 * axis.coordToIdx([55197.5, 55198.5]); // Int32Array [0, -1]
 * ```
 */
export class TimeMapAxis {
  /** Axis name. */
  readonly name: string;
  /** Unit of the edge offsets. */
  readonly unit: string;
  /** Reference time, MJD in {@link scale}. */
  readonly referenceMjd: number;
  /** Time scale of the reference, e.g. "tt", "utc". */
  readonly scale: string;
  /** Interpolation scale; only "lin" exists for time axes. */
  readonly interp = "lin" as const;
  /** Node type of a time axis: intervals. */
  readonly nodeType = "intervals" as const;
  /** Interval starts, offsets from the reference [unit]. */
  readonly edgesMin: Float64Array;
  /** Interval ends, offsets from the reference [unit]. */
  readonly edgesMax: Float64Array;
  // Days per axis unit, to turn MJD differences into offsets.
  private readonly daysPerUnit: number;

  /**
   * @param edgesMin - interval starts from the reference [unit], increasing
   * @param edgesMax - interval ends [unit], each > its start, increasing
   * @param referenceMjd - reference time, MJD in `scale`
   * @param options - name, unit (default "d"), scale (default "tt")
   * @throws DataError for unequal lengths, empty axes, empty or overlapping intervals,
   *   unsorted edges, a non-finite reference, or a unit that is not a time
   */
  constructor(
    edgesMin: ArrayLike<number>,
    edgesMax: ArrayLike<number>,
    referenceMjd: number,
    options: TimeMapAxisOptions = {},
  ) {
    this.name = options.name ?? "time";
    this.unit = options.unit ?? "d";
    this.scale = (options.scale ?? "tt").toLowerCase();
    this.referenceMjd = referenceMjd;
    this.edgesMin = Float64Array.from(edgesMin);
    this.edgesMax = Float64Array.from(edgesMax);
    const what = `TimeMapAxis '${this.name}'`;
    if (!isCompatible(this.unit, "s")) {
      throw new DataError(`${what}: '${this.unit}' is not a time unit`, { hint: "use e.g. 'd', 's' or 'h'" });
    }
    if (!Number.isFinite(referenceMjd)) {
      throw new DataError(`${what}: reference time is ${referenceMjd}`, { hint: "give the reference as a finite MJD" });
    }
    const n = this.edgesMin.length;
    if (n === 0 || this.edgesMax.length !== n) {
      throw new DataError(`${what}: ${n} interval starts and ${this.edgesMax.length} ends`, {
        hint: "give the same, non-zero number of starts and ends",
      });
    }
    for (let i = 0; i < n; i++) {
      const a = this.edgesMin[i]!;
      const b = this.edgesMax[i]!;
      if (!(b > a)) {
        throw new DataError(`${what}: interval ${i} ends (${b}) before it starts (${a})`, {
          hint: "every interval needs end > start",
        });
      }
      if (i > 0 && !(a >= this.edgesMax[i - 1]!)) {
        throw new DataError(
          `${what}: interval ${i} starts at ${a}, before interval ${i - 1} ends (${this.edgesMax[i - 1]})`,
          { hint: "intervals must be sorted and must not overlap" },
        );
      }
    }
    this.daysPerUnit = conversionFactor(this.unit, "d");
  }

  /**
   * Axis from interval start and end times; the reference is the first start.
   *
   * @param timeMinMjd - interval starts, MJD in `scale`
   * @param timeMaxMjd - interval ends, MJD in `scale`
   * @param options - name, unit of the offsets (default "d"), scale (default "tt")
   * @returns the axis
   * @throws DataError as the constructor
   * @example
   * ```ts
   * TimeMapAxis.fromTimeEdges([55197, 55198], [55198, 55199], { unit: "h" }).edgesMax; // [24, 48]
   * ```
   */
  static fromTimeEdges(
    timeMinMjd: ArrayLike<number>,
    timeMaxMjd: ArrayLike<number>,
    options: TimeMapAxisOptions = {},
  ): TimeMapAxis {
    const ref = timeMinMjd[0]!;
    const f = conversionFactor("d", options.unit ?? "d");
    const lo = Float64Array.from(timeMinMjd, (t) => (t - ref) * f);
    const hi = Float64Array.from(timeMaxMjd, (t) => (t - ref) * f);
    return new TimeMapAxis(lo, hi, ref, options);
  }

  /**
   * `nbin` equal, contiguous intervals between two times.
   *
   * @param startMjd - start, MJD in `scale`
   * @param stopMjd - end, MJD in `scale`
   * @param nbin - number of intervals (>= 1)
   * @param options - name, unit (default "d"), scale (default "tt")
   * @returns the axis
   * @throws DataError as the constructor
   * @example
   * ```ts
   * TimeMapAxis.fromTimeBounds(55197, 55199, 4).edgesMax; // [0.5, 1, 1.5, 2]
   * ```
   */
  static fromTimeBounds(startMjd: number, stopMjd: number, nbin: number, options: TimeMapAxisOptions = {}): TimeMapAxis {
    const f = conversionFactor("d", options.unit ?? "d");
    const delta = stopMjd - startMjd;
    const lo = new Float64Array(nbin);
    const hi = new Float64Array(nbin);
    for (let i = 0; i < nbin; i++) {
      lo[i] = ((delta * i) / nbin) * f;
      hi[i] = ((delta * (i + 1)) / nbin) * f;
    }
    return new TimeMapAxis(lo, hi, startMjd, options);
  }

  /**
   * One interval per good-time interval, in seconds from the GTI reference.
   *
   * @param start - GTI starts [s since the reference]
   * @param stop - GTI stops [s since the reference]
   * @param referenceMjd - GTI reference time (MJDREFI + MJDREFF)
   * @param options - name (default "time") and scale (default "tt"); unit is "s"
   * @returns the axis
   * @throws DataError as the constructor
   * @example
   * ```ts
   * TimeMapAxis.fromGti([0, 3600], [1800, 5400], 51910).nbin; // 2
   * ```
   */
  static fromGti(
    start: ArrayLike<number>,
    stop: ArrayLike<number>,
    referenceMjd: number,
    options: Omit<TimeMapAxisOptions, "unit"> = {},
  ): TimeMapAxis {
    return new TimeMapAxis(start, stop, referenceMjd, { ...options, unit: "s" });
  }

  /** Number of intervals. */
  get nbin(): number {
    return this.edgesMin.length;
  }

  /** True when every interval starts where the previous one ends. */
  get isContiguous(): boolean {
    for (let i = 1; i < this.nbin; i++) if (this.edgesMin[i] !== this.edgesMax[i - 1]) return false;
    return true;
  }

  /**
   * Edges of a contiguous axis: starts plus the last end [unit].
   *
   * @throws DataError when the axis has gaps (see {@link toContiguous})
   */
  get edges(): Float64Array {
    if (!this.isContiguous) {
      throw new DataError(`TimeMapAxis '${this.name}': intervals have gaps, so there are no common edges`, {
        hint: "use edgesMin/edgesMax, or toContiguous() to turn gaps into bins",
      });
    }
    const e = new Float64Array(this.nbin + 1);
    e.set(this.edgesMin);
    e[this.nbin] = this.edgesMax[this.nbin - 1]!;
    return e;
  }

  /** First start and last end [unit]. */
  get bounds(): [number, number] {
    return [this.edgesMin[0]!, this.edgesMax[this.nbin - 1]!];
  }

  /** Interval mid-points, offsets from the reference [unit]. */
  get centers(): Float64Array {
    const c = new Float64Array(this.nbin);
    for (let i = 0; i < this.nbin; i++) c[i] = this.edgesMin[i]! + 0.5 * (this.edgesMax[i]! - this.edgesMin[i]!);
    return c;
  }

  /** Interval durations [unit]. */
  get widths(): Float64Array {
    const w = new Float64Array(this.nbin);
    for (let i = 0; i < this.nbin; i++) w[i] = this.edgesMax[i]! - this.edgesMin[i]!;
    return w;
  }

  /** Interval starts as MJD in {@link scale}. */
  get timeMinMjd(): Float64Array {
    return this.toMjd(this.edgesMin);
  }

  /** Interval ends as MJD in {@link scale}. */
  get timeMaxMjd(): Float64Array {
    return this.toMjd(this.edgesMax);
  }

  /** Interval mid-points as MJD in {@link scale}. */
  get timeMidMjd(): Float64Array {
    return this.toMjd(this.centers);
  }

  /**
   * Interval index of each time: i with edgesMin[i] < t <= edgesMax[i], −1 in gaps,
   * outside the axis or for NaN.
   *
   * @param mjd - times, MJD in {@link scale}
   * @param out - output array (default: new)
   * @returns interval indices
   * @example
   * ```ts
   * TimeMapAxis.fromTimeBounds(55197, 55199, 2).coordToIdx([55197, 55198, 55198.5]); // [-1, 0, 1]
   * ```
   */
  coordToIdx(mjd: ArrayLike<number>, out?: Int32Array): Int32Array {
    const n = mjd.length;
    const res = out ?? new Int32Array(n);
    for (let i = 0; i < n; i++) res[i] = this.intervalOf(this.offsetOf(mjd[i]!));
    return res;
  }

  /**
   * Fractional pixel of each time: interval index + fraction of the interval − 0.5;
   * NaN in gaps and outside the axis.
   *
   * @param mjd - times, MJD in {@link scale}
   * @param out - output array (default: new)
   * @returns pixel coordinates
   * @example
   * ```ts
   * TimeMapAxis.fromTimeBounds(55197, 55199, 2).coordToPix([55197.25]); // [-0.25]
   * ```
   */
  coordToPix(mjd: ArrayLike<number>, out?: Float64Array): Float64Array {
    const n = mjd.length;
    const res = out ?? new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const t = this.offsetOf(mjd[i]!);
      const k = this.intervalOf(t);
      if (k < 0) res[i] = NaN;
      else res[i] = k + (t - this.edgesMin[k]!) / (this.edgesMax[k]! - this.edgesMin[k]!) - 0.5;
    }
    return res;
  }

  /**
   * Intervals [start, stop) of this axis (negative values count from the end).
   *
   * @param start - first interval kept
   * @param stop - one past the last interval kept (default nbin)
   * @returns the sliced axis, same reference
   * @throws DataError when the slice is empty
   * @example
   * ```ts
   * axis.slice(1, 3).nbin; // 2
   * ```
   */
  slice(start: number, stop: number = this.nbin): TimeMapAxis {
    const n = this.nbin;
    const clampIdx = (i: number): number => Math.min(n, Math.max(0, i < 0 ? i + n : i));
    const a = clampIdx(Math.trunc(start));
    const b = clampIdx(Math.trunc(stop));
    if (b <= a) {
      throw new DataError(`TimeMapAxis '${this.name}': slice [${start}, ${stop}) of ${n} intervals is empty`, {
        hint: "give start < stop within the axis",
      });
    }
    return new TimeMapAxis(this.edgesMin.slice(a, b), this.edgesMax.slice(a, b), this.referenceMjd, this.options());
  }

  /**
   * One interval from the first start to the last end.
   *
   * @returns the squashed axis
   * @example
   * ```ts
   * axis.squash().nbin; // 1
   * ```
   */
  squash(): TimeMapAxis {
    const [lo, hi] = this.bounds;
    return new TimeMapAxis([lo], [hi], this.referenceMjd, this.options());
  }

  /**
   * Contiguous axis whose edges are every distinct start and end (gaps become bins).
   *
   * @returns the contiguous axis
   * @example
   * ```ts
   * TimeMapAxis.fromTimeEdges([0, 2], [1, 3]).toContiguous().nbin; // 3
   * ```
   */
  toContiguous(): TimeMapAxis {
    const all = Float64Array.from([...this.edgesMin, ...this.edgesMax]).sort();
    const edges: number[] = [];
    for (const v of all) if (edges.length === 0 || v !== edges[edges.length - 1]) edges.push(v);
    return new TimeMapAxis(edges.slice(0, -1), edges.slice(1), this.referenceMjd, this.options());
  }

  /**
   * True when both axes have the same number of intervals, scale, name (ignoring case),
   * and interval starts and ends within `atol` seconds as absolute times.
   *
   * @param other - axis to compare
   * @param atol - tolerance [s] (default 1e-6, Gammapy's equality)
   * @returns whether the axes agree
   * @example
   * ```ts
   * axis.isAllclose(axis.slice(0)); // true
   * ```
   */
  isAllclose(other: TimeMapAxis, atol = 1e-6): boolean {
    if (this.nbin !== other.nbin || this.scale !== other.scale) return false;
    if (this.name.toUpperCase() !== other.name.toUpperCase()) return false;
    const refDelta = (this.referenceMjd - other.referenceMjd) * SECONDS_PER_DAY;
    const fa = conversionFactor(this.unit, "s");
    const fb = conversionFactor(other.unit, "s");
    for (let i = 0; i < this.nbin; i++) {
      if (!(Math.abs(refDelta + this.edgesMin[i]! * fa - other.edgesMin[i]! * fb) <= atol)) return false;
      if (!(Math.abs(refDelta + this.edgesMax[i]! * fa - other.edgesMax[i]! * fb) <= atol)) return false;
    }
    return true;
  }

  /**
   * Equality at the microsecond level ({@link isAllclose} with atol 1e-6 s).
   *
   * @param other - axis to compare
   * @returns whether the axes are equal
   * @example
   * ```ts
   * axis.equals(axis); // true
   * ```
   */
  equals(other: TimeMapAxis): boolean {
    return this.isAllclose(other, 1e-6);
  }

  /**
   * Multi-line summary, as Gammapy's repr (times as MJD).
   *
   * @returns the summary
   * @example
   * ```ts
   * String(axis); // "TimeMapAxis\n-----------\n\n  name           : time ..."
   * ```
   */
  toString(): string {
    const row = (k: string, v: string): string => `  ${k.padEnd(14)} : ${v}\n`;
    let total = 0;
    for (const w of this.widths) total += w;
    return (
      "TimeMapAxis\n-----------\n\n" +
      row("name", this.name) +
      row("nbins", String(this.nbin)) +
      row("reference time", `MJD ${this.referenceMjd}`) +
      row("scale", this.scale) +
      row("time min.", `MJD ${this.timeMinMjd[0]}`) +
      row("time max.", `MJD ${this.timeMaxMjd[this.nbin - 1]}`) +
      row("total time", `${total} ${this.unit}`)
    );
  }

  private options(): TimeMapAxisOptions {
    return { name: this.name, unit: this.unit, scale: this.scale };
  }

  private toMjd(offsets: Float64Array): Float64Array {
    const out = new Float64Array(offsets.length);
    for (let i = 0; i < out.length; i++) out[i] = this.referenceMjd + offsets[i]! * this.daysPerUnit;
    return out;
  }

  private offsetOf(mjd: number): number {
    return (mjd - this.referenceMjd) / this.daysPerUnit;
  }

  // First interval whose end is >= t, if t is after its start; -1 otherwise.
  private intervalOf(t: number): number {
    if (Number.isNaN(t)) return -1;
    const hiEdges = this.edgesMax;
    let lo = 0;
    let hi = hiEdges.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (hiEdges[mid]! < t) lo = mid + 1;
      else hi = mid;
    }
    return lo < hiEdges.length && t > this.edgesMin[lo]! ? lo : -1;
  }
}
