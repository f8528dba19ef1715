/**
 * What the flux estimators need of a dataset: a deliberately small interface, so that
 * SpectrumDataset(OnOff) and MapDataset(OnOff) records (or a stand-in in tests) can be
 * passed through a thin adapter. Data arrays have the reconstructed energy as their
 * slowest axis (one value per energy bin for a spectrum).
 */
import type { TimeRef } from "@gammats/core";
import type { MapAxis } from "@gammats/maps";
import type { Models } from "@gammats/modeling";

/** Good time intervals: starts and stops [s] after `timeRef` (the datasets' GTI record). */
export interface EstimatorGti {
  /** Interval starts [s after the reference]. */
  readonly start: Float64Array;
  /** Interval stops [s after the reference]. */
  readonly stop: Float64Array;
  /** The reference instant and its scale. */
  readonly timeRef: TimeRef;
}

/**
 * The norm parameter a {@link EstimatorDataset.normStat} shortcut is made for: its value
 * is set to 1 and 0 meanwhile, then its factor restored.
 */
export interface NormParameter {
  /** Current value [norm] (= factor × scale). */
  value: number;
  /** What the optimiser varies. */
  factor: number;
}

/** One dataset as the flux-point and light-curve estimators see it. */
export interface EstimatorDataset {
  /** Dataset name, unique among the datasets of one run. */
  readonly name: string;
  /** Reconstructed-energy axis of the counts, node type "edges". */
  readonly energyAxis: MapAxis;
  /** Observed counts, energy slowest (energyAxis.nbin × bins per energy). */
  readonly counts: Float64Array;
  /** Bins used in fits (safe mask ∧ fit mask, 1 = used), same layout; undefined = all bins. */
  readonly mask: Uint8Array | undefined;
  /** Good time intervals; needed by the light-curve estimator only. */
  readonly gti?: EstimatorGti | undefined;
  /** The models the dataset evaluates (undefined or empty: background only). */
  readonly models: Models | undefined;
  /**
   * The same data evaluating other models (of which the dataset keeps those that apply to
   * it by `datasetsNames`). Must not copy the data arrays nor touch this dataset.
   */
  withModels(models: Models): EstimatorDataset;
  /** Fit statistic (−2 ln L) over the bins where `mask` is 1, for the current parameter values. */
  statSum(mask: Uint8Array): number;
  /**
   * Optional shortcut for fits of one model's norm with every other parameter held:
   * the statistic over `mask` as a function of the norm, from that model's predicted
   * counts at norm 1 (npred is linear in a spectral norm) and those of everything else,
   * both taken at the current parameter values. Undefined when the dataset cannot (e.g.
   * the WStat background depends on the signal); the estimator then calls statSum.
   */
  normStat?(modelName: string, norm: NormParameter, mask: Uint8Array): ((norm: number) => number) | undefined;
  /** Predicted counts (signal + background) per bin, current parameter values. */
  npred(): Float64Array;
  /** Predicted counts of one model per bin (0 where it does not apply). */
  npredSignal(modelName: string): Float64Array;
  /**
   * Optional: Σ npred() over the bins where `mask` is 1 (a mask inside {@link mask}), the
   * same number without the whole cube when the dataset can; else undefined = not offered.
   */
  npredSum?(mask: Uint8Array): number;
  /** Optional: Σ npredSignal(modelName) over the bins where `mask` is 1, as {@link npredSum}. */
  npredSignalSum?(modelName: string, mask: Uint8Array): number;
}

/**
 * Σ values[i] over the bins where mask[i] is 1.
 *
 * @param values - per-bin values
 * @param mask - bins to add
 * @returns the sum
 */
export function maskedSum(values: ArrayLike<number>, mask: Uint8Array): number {
  let sum = 0;
  for (let i = 0; i < mask.length; i++) if (mask[i]) sum += values[i]!;
  return sum;
}

/**
 * Whether any bin of a mask is set.
 *
 * @param mask - 0 / 1 per bin
 * @returns true when some value is not 0
 */
export function anySet(mask: Uint8Array): boolean {
  for (let i = 0; i < mask.length; i++) if (mask[i] !== 0) return true;
  return false;
}
