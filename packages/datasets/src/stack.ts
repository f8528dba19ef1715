/**
 * Stacking of 1D datasets exactly as Gammapy 1.0 stacks them (`MapDataset.stack`,
 * `MapDatasetOnOff.stack`, `to_masked`): counts summed inside the other's safe mask,
 * exposure summed, edisp weighted by exposure, livetime summed, safe masks OR-ed,
 * background (Cash datasets) summed inside each safe mask, off counts summed with
 * α recomputed as the off-count-weighted mean, GTIs merged, meta tables concatenated.
 * Functions return new records; the inputs are left unchanged.
 */
import { DataError } from "@gammats/core";
import { EDispKernel } from "@gammats/irf";
import { RegionNDMap } from "@gammats/maps";
import type { MapAxis } from "@gammats/maps";
import { stackEdispKernelMaps } from "./edisp-kernel-map.js";
import { createGti, stackGti } from "./gti.js";
import { anySelected } from "./mask.js";
import { stackMetaTables } from "./meta-table.js";
import { finiteOrZero } from "./non-finite.js";
import { npredBackground } from "./npred.js";
import { sameEnergyBins } from "./spectrum-dataset-base.js";
import type { SpectrumDatasetFields } from "./spectrum-dataset-base.js";
import { alpha, copyDataset } from "./spectrum-dataset-on-off.js";
import type { AnySpectrumDataset, SpectrumDatasetOnOff } from "./spectrum-dataset-on-off.js";
import type { SpectrumDataset } from "./spectrum-dataset.js";

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

function zerosLike(map: RegionNDMap): RegionNDMap {
  return new RegionNDMap(map.geom, undefined, map.unit);
}

function weight(mask: Uint8Array | null, i: number): number {
  return mask === null ? 1 : mask[i]!;
}

function checkSameBins(a: RegionNDMap, b: RegionNDMap, what: string, names: string): void {
  if (!sameEnergyBins(a.geom.axes[0] as MapAxis, b.geom.axes[0] as MapAxis)) {
    throw new DataError(`cannot stack ${names}: their ${what} energy axes differ`, {
      hint: "stack datasets made on the same energy axes (resample one first)",
    });
  }
}

/** Adds `other` (non-finite values as 0) times a per-bin weight into `target`. */
function addWeighted(target: Float64Array, other: Float64Array, w: (i: number) => number): void {
  for (let i = 0; i < target.length; i++) target[i]! += finiteOrZero(other[i]!) * w(i);
}

function orMasks(a: Uint8Array, b: Uint8Array): Uint8Array {
  return a.map((v, i) => v | b[i]!);
}

/** The part of `MapDataset.stack` common to both kinds, applied to the working copy `t`. */
function stackCommon(t: Mutable<SpectrumDatasetFields>, o: SpectrumDatasetFields, names: string): void {
  if (t.counts !== null && o.counts !== null) {
    checkSameBins(t.counts, o.counts, "reco", names);
    addWeighted(t.counts.data, o.counts.data, (i) => weight(o.maskSafe, i));
  }
  if (t.exposure !== null && o.exposure !== null) {
    checkSameBins(t.exposure, o.exposure, "true", names);
    // Gammapy weights the exposure by the safe mask reduced over energy (any bin safe).
    const w = o.maskSafe === null ? 1 : anySelected(o.maskSafe) ? 1 : 0;
    addWeighted(t.exposure.data, o.exposure.data, () => w);
    // Gammapy adds the livetime only when the other dataset has a safe mask with a safe bin.
    if (o.livetime !== null && anySelected(o.maskSafe)) t.livetime = (t.livetime ?? 0) + o.livetime;
  }
  if (t.edisp !== null && o.edisp !== null) t.edisp = stackEdispKernelMaps(t.edisp, o.edisp, o.maskSafe, names);
  if (t.maskSafe !== null && o.maskSafe !== null) t.maskSafe = orMasks(t.maskSafe, o.maskSafe);
  if (t.maskFit !== null && o.maskFit !== null) t.maskFit = orMasks(t.maskFit, o.maskFit);
  else if (o.maskFit !== null) t.maskFit = o.maskFit.slice();
  if (t.gti !== null && o.gti !== null) t.gti = stackGti(t.gti, o.gti);
  if (t.metaTable !== null && o.metaTable !== null) t.metaTable = stackMetaTables(t.metaTable, o.metaTable);
  else if (o.metaTable !== null) t.metaTable = o.metaTable;
}

function stackCash(target: SpectrumDataset, other: SpectrumDataset): SpectrumDataset {
  const names = `datasets '${target.name}' and '${other.name}'`;
  const t = copyDataset(target) as Mutable<SpectrumDataset>;
  const tb = npredBackground(target);
  const ob = npredBackground(other);
  if (tb !== null && ob !== null && target.background !== null) {
    // Gammapy: npred_background(self) · mask_safe(self) + npred_background(other) in other's mask.
    const data = tb.map((v, i) => v * weight(target.maskSafe, i));
    addWeighted(data, ob, (i) => weight(other.maskSafe, i));
    t.background = new RegionNDMap(target.background.geom, data, target.background.unit);
  }
  stackCommon(t, other, names);
  return t;
}

function isStackable(d: SpectrumDatasetOnOff): boolean {
  const incomplete = d.acceptanceOff === null || d.acceptance === null || d.countsOff === null;
  return !(incomplete && (d.maskSafe === null || anySelected(d.maskSafe)));
}

function stackOnOff(target: SpectrumDatasetOnOff, other: SpectrumDatasetOnOff): SpectrumDatasetOnOff {
  const names = `datasets '${target.name}' and '${other.name}'`;
  for (const d of [target, other]) {
    if (!isStackable(d)) {
      throw new DataError(`cannot stack ${names}: '${d.name}' has safe bins but no countsOff, acceptance or acceptanceOff`, {
        hint: "give the off counts and both acceptances",
      });
    }
  }
  const geomMap = target.counts ?? target.countsOff;
  if (geomMap === null) {
    throw new DataError(`cannot stack ${names}: '${target.name}' has neither counts nor countsOff`, { hint: "give the counts" });
  }
  const n = geomMap.data.length;
  const totalOff = new Float64Array(n);
  const totalAlpha = new Float64Array(n);
  for (const d of [target, other]) {
    if (d.countsOff === null) continue;
    if (d.countsOff.data.length !== n) {
      throw new DataError(`cannot stack ${names}: ${n} and ${d.countsOff.data.length} reco bins`, { hint: "use the same reco energy axis" });
    }
    const a = alpha(d);
    const off = d.countsOff.data;
    addWeighted(totalOff, off, (i) => weight(d.maskSafe, i));
    const alphaOff = off.map((v, i) => a[i]! * v);
    addWeighted(totalAlpha, alphaOff, (i) => weight(d.maskSafe, i));
  }
  let sumOff = 0;
  let sumAlpha = 0;
  for (let i = 0; i < n; i++) {
    sumOff += totalOff[i]!;
    sumAlpha += totalAlpha[i]!;
  }
  const averageAlpha = sumAlpha / sumOff;
  // α_stacked = Σ α_j n_off,j / Σ n_off,j with acceptance 1; bins without off counts
  // take the α averaged over all bins.
  const acceptanceOff = totalOff.map((v, i) => (v === 0 ? 1 / averageAlpha : v / totalAlpha[i]!));
  const t = copyDataset(target) as Mutable<SpectrumDatasetOnOff>;
  t.acceptance = new RegionNDMap(geomMap.geom, new Float64Array(n).fill(1), "");
  t.acceptanceOff = new RegionNDMap(geomMap.geom, acceptanceOff, "");
  t.countsOff = new RegionNDMap(geomMap.geom, totalOff, "");
  stackCommon(t, other, names);
  return t;
}

/**
 * Stacks `other` onto `target` as Gammapy's `target.stack(other)` (the target's own
 * counts are not masked — use {@link toMasked} first, as `Datasets.stack` does).
 *
 * @param target - dataset stacked into (unchanged; a new record is returned)
 * @param other - dataset added
 * @returns the stacked dataset, named as `target`, with the target's models
 * @throws DataError for datasets of different kinds or axes, on/off datasets without off
 *   data, or kernels without exposure
 * @example
 * ```ts
 * const both = stackDatasets(toMasked(a, "stacked"), b);
 * both.livetime; // a.livetime + b.livetime
 * ```
 */
export function stackDatasets<D extends AnySpectrumDataset>(target: D, other: D): D {
  if (target.tag !== other.tag) {
    throw new DataError(`cannot stack ${target.tag} '${target.name}' with ${other.tag} '${other.name}'`, {
      hint: "stack datasets of one kind (convert with onOffToSpectrumDataset)",
    });
  }
  return (
    target.tag === "SpectrumDataset"
      ? stackCash(target, other as SpectrumDataset)
      : stackOnOff(target, other as SpectrumDatasetOnOff)
  ) as D;
}

/**
 * The dataset with everything outside its safe mask removed (Gammapy's `to_masked`):
 * stacked into an empty dataset of the same geometry, whose safe mask is all false and
 * whose GTI is empty with Gammapy's 2000-01-01 reference. A dataset without a safe mask
 * therefore keeps its counts but gets an all-false safe mask, as in Gammapy.
 *
 * @param dataset - the dataset
 * @param name - name of the result; default the dataset's
 * @returns the masked dataset (no models, as Gammapy)
 * @throws DataError as {@link stackDatasets}
 */
export function toMasked<D extends AnySpectrumDataset>(dataset: D, name?: string): D {
  const like = dataset.counts ?? (dataset.tag === "SpectrumDataset" ? dataset.background : dataset.countsOff);
  if (like === null) {
    throw new DataError(`dataset '${dataset.name}' has no reco-energy map to mask`, { hint: "give the counts" });
  }
  const n = like.data.length;
  const edisp =
    dataset.edisp === null
      ? null
      : {
          kernel: new EDispKernel({ axes: dataset.edisp.kernel.axes, data: 0 }),
          exposure: new Float64Array(dataset.edisp.kernel.nTrue),
        };
  const common: SpectrumDatasetFields = {
    name: name ?? dataset.name,
    counts: zerosLike(like),
    exposure: dataset.exposure === null ? null : zerosLike(dataset.exposure),
    edisp,
    maskSafe: new Uint8Array(n),
    maskFit: null,
    livetime: null,
    gti: createGti([], []),
    metaTable: null,
    models: null,
  };
  const empty: AnySpectrumDataset =
    dataset.tag === "SpectrumDataset"
      ? { ...common, tag: "SpectrumDataset", background: zerosLike(like) }
      : {
          ...common,
          tag: "SpectrumDatasetOnOff",
          countsOff: zerosLike(like),
          acceptance: zerosLike(like),
          acceptanceOff: zerosLike(like),
        };
  return stackDatasets(empty as D, dataset);
}
