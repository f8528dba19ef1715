/**
 * Good time intervals of a dataset: starts and stops in seconds after a reference time,
 * stacked and merged as Gammapy's `GTI.stack` + `GTI.union` do when datasets are stacked.
 */
import { DataError, Time, makeTimeRef, metToMjd } from "@gammats/core";
import type { TimeRef } from "@gammats/core";

/** Good time intervals: START/STOP [s] after `timeRef` (GADF GTI table). */
export interface Gti {
  /** Interval starts [s after the reference]. */
  readonly start: Float64Array;
  /** Interval stops [s after the reference]. */
  readonly stop: Float64Array;
  /** The reference instant (MJDREFI/MJDREFF, TIMESYS), unit seconds. */
  readonly timeRef: TimeRef;
}

/**
 * The reference of the empty GTI Gammapy gives a dataset made from geometries
 * (`MapDataset.from_geoms`): 2000-01-01 00:00:00 UTC, written in TT.
 */
export function defaultGtiReference(): TimeRef {
  return makeTimeRef(Time.fromIso("2000-01-01T00:00:00", "utc").tt(), "s", "LOCAL");
}

/**
 * Creates GTIs, checking the lengths and that starts do not exceed stops.
 *
 * @param start - starts [s after the reference]
 * @param stop - stops [s after the reference]
 * @param reference - the reference: a Time (seconds unit) or a TimeRef; default
 *   {@link defaultGtiReference}
 * @returns the GTI record
 * @throws DataError for different lengths, non-finite values or start > stop
 * @example
 * ```ts
 * const gti = createGti([0], [1800], Time.fromMjd(53343.92, "tt"));
 * gtiTimeSum(gti); // 1800
 * ```
 */
export function createGti(start: ArrayLike<number>, stop: ArrayLike<number>, reference?: Time | TimeRef): Gti {
  if (start.length !== stop.length) {
    throw new DataError(`GTI has ${start.length} starts but ${stop.length} stops`, { hint: "give one stop per start" });
  }
  for (let i = 0; i < start.length; i++) {
    if (!Number.isFinite(start[i]!) || !Number.isFinite(stop[i]!) || start[i]! > stop[i]!) {
      throw new DataError(`GTI interval ${i} is [${start[i]}, ${stop[i]}] s`, { hint: "starts and stops must be finite with start <= stop" });
    }
  }
  const timeRef =
    reference === undefined ? defaultGtiReference() : reference instanceof Time ? makeTimeRef(reference, "s", "LOCAL") : reference;
  if (timeRef.unitSeconds !== 1) {
    // Keep seconds inside; a TIMEUNIT other than s is converted when reading files.
    const f = timeRef.unitSeconds;
    return {
      start: Float64Array.from(start, (v) => v * f),
      stop: Float64Array.from(stop, (v) => v * f),
      timeRef: makeTimeRef(timeRef.epoch, "s", timeRef.timeRef),
    };
  }
  return { start: Float64Array.from(start), stop: Float64Array.from(stop), timeRef };
}

/**
 * Total time of the intervals (Gammapy's `time_sum`, the dataset's ontime).
 *
 * @param gti - the intervals
 * @returns Σ (stop − start) [s]
 */
export function gtiTimeSum(gti: Gti): number {
  let sum = 0;
  for (let i = 0; i < gti.start.length; i++) sum += gti.stop[i]! - gti.start[i]!;
  return sum;
}

/**
 * Starts and stops as MJD in the reference's scale (TT for GADF files).
 *
 * @param gti - the intervals
 * @returns { start, stop } [MJD]
 */
export function gtiMjd(gti: Gti): { start: Float64Array; stop: Float64Array } {
  return { start: metToMjd(gti.start, gti.timeRef), stop: metToMjd(gti.stop, gti.timeRef) };
}

/**
 * Merges overlapping and touching intervals, sorted by start (Gammapy's `GTI.union`
 * with `merge_equal=True`).
 *
 * @param gti - the intervals
 * @returns new intervals, same reference
 * @example
 * ```ts
 * gtiUnion(createGti([0, 5, 20], [10, 12, 30])).stop; // Float64Array [12, 30]
 * ```
 */
export function gtiUnion(gti: Gti): Gti {
  const n = gti.start.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => gti.start[a]! - gti.start[b]! || a - b);
  const start: number[] = [];
  const stop: number[] = [];
  for (const i of order) {
    const s = gti.start[i]!;
    const e = gti.stop[i]!;
    if (start.length === 0 || stop[stop.length - 1]! < s) {
      start.push(s);
      stop.push(e);
    } else if (e > stop[stop.length - 1]!) {
      stop[stop.length - 1] = e;
    }
  }
  return { start: Float64Array.from(start), stop: Float64Array.from(stop), timeRef: gti.timeRef };
}

/**
 * Stacks two GTIs as Gammapy stacks datasets: the other's intervals are moved to this
 * reference, appended, and the union is taken.
 *
 * @param gti - the target intervals (their reference is kept)
 * @param other - intervals to add
 * @returns new intervals
 */
export function stackGti(gti: Gti, other: Gti): Gti {
  const shift = other.timeRef.epoch.diffSeconds(gti.timeRef.epoch);
  const n = gti.start.length;
  const m = other.start.length;
  const start = new Float64Array(n + m);
  const stop = new Float64Array(n + m);
  start.set(gti.start);
  stop.set(gti.stop);
  for (let i = 0; i < m; i++) {
    start[n + i] = other.start[i]! + shift;
    stop[n + i] = other.stop[i]! + shift;
  }
  return gtiUnion({ start, stop, timeRef: gti.timeRef });
}
