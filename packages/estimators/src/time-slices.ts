/**
 * Time bins of a light curve: the intervals in which datasets are fitted together, and
 * which datasets fall in each, as Gammapy's LightCurveEstimator chooses them.
 */
import { DataError, Time } from "@gammats/core";
import type { EstimatorDataset, EstimatorGti } from "./estimator-dataset.js";

/** A time interval: start and stop instants (any time scale). */
export type TimeInterval = readonly [Time, Time];

/**
 * Start of the first and stop of the last good time interval of a dataset (Gammapy uses
 * these two, not the minimum and maximum).
 *
 * @param gti - the dataset's intervals
 * @returns [start, stop], or undefined without intervals
 */
export function gtiRange(gti: EstimatorGti | undefined): TimeInterval | undefined {
  if (gti === undefined || gti.start.length === 0) return undefined;
  const epoch = gti.timeRef.epoch;
  const f = gti.timeRef.unitSeconds;
  return [epoch.addSeconds(gti.start[0]! * f), epoch.addSeconds(gti.stop[gti.stop.length - 1]! * f)];
}

/**
 * Sorts intervals by start and checks that none overlap (touching is fine): Gammapy's
 * `GTI.union(overlap_ok=False, merge_equal=False)`.
 *
 * @param intervals - the time bins
 * @returns the intervals sorted by start
 * @throws DataError when two intervals overlap or one ends before it starts
 */
export function sortedTimeBins(intervals: readonly TimeInterval[]): TimeInterval[] {
  for (const [a, b] of intervals) {
    if (!(b.diffSeconds(a) >= 0)) {
      throw new DataError(`time interval ${a.isot} – ${b.isot} ends before it starts`, { hint: "give [start, stop] pairs" });
    }
  }
  const sorted = [...intervals].sort((x, y) => x[0].diffSeconds(y[0]));
  for (let i = 1; i < sorted.length; i++) {
    const prev = sorted[i - 1]!;
    const cur = sorted[i]!;
    if (prev[1].diffSeconds(cur[0]) > 0) {
      throw new DataError(`time bins ${prev[0].isot} – ${prev[1].isot} and ${cur[0].isot} – ${cur[1].isot} overlap`, {
        hint: "light-curve bins must not overlap; without explicit bins, datasets must not overlap in time",
      });
    }
  }
  return sorted;
}

/**
 * The datasets whose good time intervals lie within [start − atol, stop + atol]
 * (Gammapy's `Datasets.select_time`).
 *
 * @param datasets - the datasets
 * @param interval - the time bin
 * @param atolSeconds - tolerance [s]; Gammapy's default is 1e-6
 * @returns the selected datasets, in input order
 * @throws DataError when a dataset has no GTI
 */
export function selectDatasetsInTime<D extends EstimatorDataset>(
  datasets: readonly D[],
  interval: TimeInterval,
  atolSeconds: number,
): D[] {
  return datasets.filter((d) => {
    const range = gtiRange(d.gti);
    if (range === undefined) {
      throw new DataError(`dataset '${d.name}' has no good time intervals`, {
        hint: "light curves need the GTI of every dataset",
      });
    }
    return range[0].diffSeconds(interval[0]) >= -atolSeconds && range[1].diffSeconds(interval[1]) <= atolSeconds;
  });
}
