/**
 * A map dataset with its energy bins merged into an estimator's bins, as Gammapy's
 * `resample_energy_axis` (excess maps) and `slice_by_energy(...).to_image()` (TS maps)
 * leave it: the cubes the estimators then work on.
 */
import { nanToNum } from "@gammats/datasets";
import { groupMask, sumGroups, sumGroupsOfSum } from "./energy-groups.js";
import type { EnergyGroup } from "./energy-groups.js";
import type { MapEstimatorDataset } from "./map-estimator-dataset.js";

/** The off measurement on merged bins. */
export interface MergedOnOff {
  /** Off counts, Σ n_off · safe. */
  readonly countsOff: Float64Array;
  /** On acceptance, Σ acceptance · safe. */
  readonly acceptance: Float64Array;
  /** Off acceptance, acceptance · n_off / Σ α n_off · safe (NaN where both sums are 0). */
  readonly acceptanceOff: Float64Array;
  /** Background α · n_off with α = nan_to_num(acceptance / acceptance_off). */
  readonly background: Float64Array;
}

/** Cubes on merged energy bins, planes × ny × nx. */
export interface MergedMapData {
  /** Number of merged energy bins. */
  readonly planes: number;
  /** Counts, Σ counts · safe. */
  readonly counts: Float64Array;
  /** Background for Cash datasets (the caller's choice of sum, see {@link mergeMapData}). */
  readonly background: Float64Array;
  /** Model-predicted signal, Σ signal · edisp safe weight. */
  readonly npredSignal: Float64Array;
  /** The estimator mask, OR(fit) ∧ OR(safe). */
  readonly mask: Uint8Array;
  /** The off measurement of an on-off dataset. */
  readonly onOff?: MergedOnOff | undefined;
}

/**
 * Merges the energy bins of a dataset.
 *
 * @param dataset - the dataset
 * @param groups - the bin groups
 * @param backgroundMode - "npred": background = Σ (background + signal), unweighted — the
 *   excess-map estimator replaces the background by the dataset's total npred before
 *   resampling; "background": Σ background · safe, as `to_image` merges it
 * @returns the merged cubes
 */
export function mergeMapData(
  dataset: MapEstimatorDataset,
  groups: readonly EnergyGroup[],
  backgroundMode: "npred" | "background",
): MergedMapData {
  const [nx, ny] = dataset.geom.npix;
  const plane = nx * ny;
  const safe = dataset.maskSafe;
  const counts = sumGroups(dataset.counts, groups, plane, safe);
  const mask = groupMask(groups, plane, safe, dataset.maskFit);
  const signal = dataset.npredSignal;
  const npredSignal = signal === undefined ? new Float64Array(counts.length) : sumGroups(signal, groups, plane, undefined, dataset.edisp?.maskSafe);
  let background: Float64Array;
  const bkg = dataset.background;
  if (backgroundMode === "npred") {
    // Σ (background + signal) without the summed cube: adding a 0 for an absent part
    // changes no sum.
    if (bkg !== undefined && signal !== undefined) background = sumGroupsOfSum(bkg, signal, groups, plane);
    else if (bkg !== undefined || signal !== undefined) background = sumGroups((bkg ?? signal)!, groups, plane);
    else background = new Float64Array(groups.length * plane);
  } else {
    background = bkg === undefined ? new Float64Array(counts.length) : sumGroups(bkg, groups, plane, safe);
  }
  const onOff = dataset.onOff === undefined ? undefined : mergeOnOff(dataset, groups, plane);
  return { planes: groups.length, counts, background, npredSignal, mask, onOff };
}

function mergeOnOff(dataset: MapEstimatorDataset, groups: readonly EnergyGroup[], plane: number): MergedOnOff {
  const { countsOff, acceptance, acceptanceOff } = dataset.onOff!;
  const safe = dataset.maskSafe;
  // MapDatasetOnOff.background = nan_to_num(acceptance / acceptance_off) · n_off.
  const alphaOff = new Float64Array(countsOff.length);
  for (let i = 0; i < alphaOff.length; i++) alphaOff[i] = nanToNum(acceptance[i]! / acceptanceOff[i]!) * countsOff[i]!;
  const off = sumGroups(countsOff, groups, plane, safe);
  const acc = sumGroups(acceptance, groups, plane, safe);
  const norm = sumGroups(alphaOff, groups, plane, safe);
  const accOff = new Float64Array(off.length);
  const background = new Float64Array(off.length);
  for (let i = 0; i < off.length; i++) {
    // The merged off acceptance keeps Σ α n_off = α' n_off' (Gammapy's resample_energy_axis).
    accOff[i] = (acc[i]! * off[i]!) / norm[i]!;
    background[i] = nanToNum(acc[i]! / accOff[i]!) * off[i]!;
  }
  return { countsOff: off, acceptance: acc, acceptanceOff: accOff, background };
}
