/**
 * Good time intervals (GADF GTI HDU): START/STOP in mission elapsed time.
 */
import { DataError, metToMjd, metToTime, timeRefFromHeader } from "@gammats/core";
import type { Time, TimeRef } from "@gammats/core";
import type { Hdu } from "@gammats/fits";
import { readFloat64Column } from "./table-columns.js";

/**
 * Good time intervals: START/STOP as MET [s] with their reference. Immutable; selections
 * return new objects.
 *
 * @example
 * ```ts
 * const gti = store.obs(23523).gti;
 * gti.timeSum;              // 1687 [s]
 * gti.startMjd[0];          // 53343.92234009259 (TT)
 * const cut = gti.select(Time.parse("2004-12-04T22:15:00"), Time.parse("2004-12-04T22:25:00"));
 * cut.timeSum;              // 600
 * ```
 */
export class GTI {
  /** Interval starts, MET [s]. */
  readonly start: Float64Array;
  /** Interval stops, MET [s]. */
  readonly stop: Float64Array;
  /** The MET reference (MJDREF, TIMESYS). */
  readonly timeRef: TimeRef;

  /**
   * @param start - starts, MET [s]
   * @param stop - stops, MET [s] (same length)
   * @param timeRef - reference of the METs
   * @throws DataError when the lengths differ
   */
  constructor(start: Float64Array, stop: Float64Array, timeRef: TimeRef) {
    if (start.length !== stop.length) {
      throw new DataError(`GTI has ${start.length} starts but ${stop.length} stops`, { hint: "give one STOP per START" });
    }
    this.start = start;
    this.stop = stop;
    this.timeRef = timeRef;
  }

  /**
   * Reads a GTI HDU. Times without TUNIT are taken as seconds, as Gammapy does (CTA 1DC).
   *
   * @param hdu - the GTI table
   * @param file - path, for messages
   * @throws DataError when START/STOP or the time reference are missing
   */
  static fromHdu(hdu: Hdu, file?: string): GTI {
    const where = { file, hdu: hdu.name || String(hdu.index), table: "GTI" };
    const source = `GTI HDU ${where.hdu}${file ? ` of ${file}` : ""}`;
    return new GTI(
      readFloat64Column(hdu, "START", where, "s"),
      readFloat64Column(hdu, "STOP", where, "s"),
      timeRefFromHeader(hdu.header, { source }),
    );
  }

  /** Number of intervals. */
  get length(): number {
    return this.start.length;
  }

  /** Durations STOP - START [s]. */
  get timeDelta(): Float64Array {
    const out = new Float64Array(this.length);
    for (let i = 0; i < out.length; i++) out[i] = this.stop[i] - this.start[i];
    return out;
  }

  /** Sum of the durations [s] (overlaps counted twice, as Gammapy's `time_sum`). */
  get timeSum(): number {
    let s = 0;
    for (let i = 0; i < this.length; i++) s += this.stop[i] - this.start[i];
    return s;
  }

  /** Starts as MJD in the reference's scale (TT for GADF) [d]. */
  get startMjd(): Float64Array {
    return metToMjd(this.start, this.timeRef);
  }

  /** Stops as MJD in the reference's scale [d]. */
  get stopMjd(): Float64Array {
    return metToMjd(this.stop, this.timeRef);
  }

  /**
   * Start of one interval as a `Time`.
   *
   * @param i - interval index (default 0)
   * @throws DataError when there is no such interval
   */
  timeStart(i = 0): Time {
    return metToTime(this.at(this.start, i), this.timeRef);
  }

  /**
   * Stop of one interval as a `Time`.
   *
   * @param i - interval index (default 0)
   * @throws DataError when there is no such interval
   */
  timeStop(i = 0): Time {
    return metToTime(this.at(this.stop, i), this.timeRef);
  }

  private at(values: Float64Array, i: number): number {
    if (!(i >= 0 && i < values.length)) {
      throw new DataError(`GTI has ${values.length} interval${values.length === 1 ? "" : "s"}, no interval ${i}`, {
        hint: values.length === 0 ? "the time selection left no good time in this observation" : undefined,
      });
    }
    return values[i];
  }

  /**
   * The intervals that overlap `[start, stop)`, clipped to it (Gammapy's `select_time`):
   * kept when `START < stop` and `STOP > start`.
   *
   * @param start - start of the selection (any scale)
   * @param stop - end of the selection
   * @returns a new GTI with the same reference
   */
  select(start: Time, stop: Time): GTI {
    return this.selectMet(start.toMet(this.timeRef), stop.toMet(this.timeRef));
  }

  /**
   * As {@link GTI.select} with the bounds as MET of this GTI's reference [s].
   *
   * @param t0 - start, MET [s]
   * @param t1 - stop, MET [s]
   */
  selectMet(t0: number, t1: number): GTI {
    const keep: number[] = [];
    for (let i = 0; i < this.length; i++) if (this.start[i] < t1 && this.stop[i] > t0) keep.push(i);
    const start = new Float64Array(keep.length);
    const stop = new Float64Array(keep.length);
    const clip = (v: number) => Math.min(Math.max(v, t0), t1);
    keep.forEach((i, k) => {
      start[k] = clip(this.start[i]);
      stop[k] = clip(this.stop[i]);
    });
    return new GTI(start, stop, this.timeRef);
  }

  /**
   * The intersection with another GTI: every pairwise overlap, in this GTI's reference,
   * sorted by start.
   *
   * @param other - intervals, any reference
   * @returns a new GTI
   * @example
   * ```ts
   * gti.intersect(otherGti).timeSum;   // seconds good in both
   * ```
   */
  intersect(other: GTI): GTI {
    const shift = other.timeRef.epoch.diffSeconds(this.timeRef.epoch) / this.timeRef.unitSeconds;
    const scale = other.timeRef.unitSeconds / this.timeRef.unitSeconds;
    const pairs: Array<[number, number]> = [];
    for (let i = 0; i < this.length; i++) {
      for (let j = 0; j < other.length; j++) {
        const a = Math.max(this.start[i], other.start[j] * scale + shift);
        const b = Math.min(this.stop[i], other.stop[j] * scale + shift);
        if (a < b) pairs.push([a, b]);
      }
    }
    pairs.sort((p, q) => p[0] - q[0]);
    return new GTI(Float64Array.from(pairs, (p) => p[0]), Float64Array.from(pairs, (p) => p[1]), this.timeRef);
  }

  /**
   * Overlapping (and, by default, touching) intervals merged, sorted by start (Gammapy's
   * `union`).
   *
   * @param mergeTouching - merge (1, 2) and (2, 3) into (1, 3) (default true)
   */
  union(mergeTouching = true): GTI {
    const order = Array.from({ length: this.length }, (_, i) => i).sort((a, b) => this.start[a] - this.start[b]);
    const starts: number[] = [];
    const stops: number[] = [];
    for (const i of order) {
      const last = stops.length - 1;
      const separate = last < 0 || (mergeTouching ? stops[last] < this.start[i] : stops[last] <= this.start[i]);
      if (separate) {
        starts.push(this.start[i]);
        stops.push(this.stop[i]);
      } else {
        stops[last] = Math.max(stops[last], this.stop[i]);
      }
    }
    return new GTI(Float64Array.from(starts), Float64Array.from(stops), this.timeRef);
  }
}
