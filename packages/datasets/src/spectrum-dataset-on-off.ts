/**
 * SpectrumDatasetOnOff: a 1D dataset whose background is measured in off regions —
 * counts_off with the on/off acceptance ratio α = acceptance / acceptance_off — fitted
 * with WStat, the background profiled bin by bin (Gammapy's `SpectrumDatasetOnOff`).
 */
import { DataError } from "@gammats/core";
import { RegionNDMap } from "@gammats/maps";
import { makeName } from "@gammats/modeling";
import { nanToNum } from "./non-finite.js";
import { checkCommonFields } from "./spectrum-dataset-base.js";
import type { SpectrumDatasetFields, SpectrumDatasetFieldsInit } from "./spectrum-dataset-base.js";
import { copyCommon, copySpectrumDataset, createSpectrumDataset } from "./spectrum-dataset.js";
import type { SpectrumDataset } from "./spectrum-dataset.js";

/** A 1D on/off dataset; statistic "wstat". */
export interface SpectrumDatasetOnOff extends SpectrumDatasetFields {
  /** Kind (Gammapy's tag, written in dataset files). */
  readonly tag: "SpectrumDatasetOnOff";
  /** Counts in the off region(s) per reco bin, or null. */
  readonly countsOff: RegionNDMap | null;
  /** Relative background efficiency of the on region per reco bin (OGIP BACKSCAL), or null. */
  readonly acceptance: RegionNDMap | null;
  /** Relative background efficiency of the off region(s) per reco bin, or null. */
  readonly acceptanceOff: RegionNDMap | null;
}

/** Either kind of 1D dataset. */
export type AnySpectrumDataset = SpectrumDataset | SpectrumDatasetOnOff;

/** Acceptance as given: a map on the reco axis, one number for all bins, or one per bin. */
export type AcceptanceInput = RegionNDMap | number | ArrayLike<number>;

/** Inputs of {@link createSpectrumDatasetOnOff}. */
export interface SpectrumDatasetOnOffInit extends SpectrumDatasetFieldsInit {
  /** Off counts on the reco energy axis. */
  countsOff?: RegionNDMap | null;
  /** On acceptance (a number broadcasts to all bins, as Gammapy's `from_map_dataset`). */
  acceptance?: AcceptanceInput | null;
  /** Off acceptance (a number broadcasts to all bins). */
  acceptanceOff?: AcceptanceInput | null;
}

function acceptanceMap(value: AcceptanceInput | null | undefined, like: RegionNDMap | null, what: string): RegionNDMap | null {
  if (value === null || value === undefined) return null;
  if (value instanceof RegionNDMap) return value;
  if (like === null) {
    throw new DataError(`${what} given as numbers without counts or counts_off to take the geometry from`, {
      hint: "give the counts, or the acceptance as a RegionNDMap",
    });
  }
  const data = typeof value === "number" ? new Float64Array(like.data.length).fill(value) : value;
  return new RegionNDMap(like.geom, data, "");
}

/**
 * Creates a SpectrumDatasetOnOff, checking that the maps fit together.
 *
 * @param init - the common inputs plus countsOff, acceptance, acceptanceOff (numbers
 *   broadcast over the reco bins)
 * @returns the record
 * @throws DataError naming the dataset and input when axes, units or lengths do not fit
 * @example
 * ```ts
 * const onoff = createSpectrumDatasetOnOff({
 *   name: "23523", counts, exposure, edisp, livetime: 1000,
 *   countsOff: RegionNDMap.create(region, { axes: [energy], data: [20, 10, 4] }),
 *   acceptance: 1, acceptanceOff: 5,
 * });
 * alpha(onoff); // Float64Array [0.2, 0.2, 0.2]
 * ```
 */
export function createSpectrumDatasetOnOff(init: SpectrumDatasetOnOffInit = {}): SpectrumDatasetOnOff {
  const like = init.counts ?? init.countsOff ?? null;
  const acceptance = acceptanceMap(init.acceptance, like, "acceptance");
  const acceptanceOff = acceptanceMap(init.acceptanceOff, like, "acceptanceOff");
  const { fields } = checkCommonFields(init, [
    [init.countsOff, "countsOff"],
    [acceptance, "acceptance"],
    [acceptanceOff, "acceptanceOff"],
  ]);
  return { tag: "SpectrumDatasetOnOff", ...fields, countsOff: init.countsOff ?? null, acceptance, acceptanceOff };
}

/**
 * A copy with new arrays (maps, masks), the same kernel and models; optionally renamed.
 *
 * @param dataset - the dataset
 * @param name - new name, default the same
 * @returns the copy
 */
export function copySpectrumDatasetOnOff(dataset: SpectrumDatasetOnOff, name?: string): SpectrumDatasetOnOff {
  return {
    ...copyCommon(dataset),
    tag: "SpectrumDatasetOnOff",
    name: name ?? dataset.name,
    countsOff: dataset.countsOff?.copy() ?? null,
    acceptance: dataset.acceptance?.copy() ?? null,
    acceptanceOff: dataset.acceptanceOff?.copy() ?? null,
  };
}

/**
 * A copy of either kind of dataset.
 *
 * @param dataset - the dataset
 * @param name - new name, default the same
 * @returns the copy
 */
export function copyDataset<D extends AnySpectrumDataset>(dataset: D, name?: string): D {
  return (dataset.tag === "SpectrumDataset" ? copySpectrumDataset(dataset, name) : copySpectrumDatasetOnOff(dataset, name)) as D;
}

/**
 * On/off exposure ratio per reco bin, α = acceptance / acceptance_off, with numpy's
 * `nan_to_num` (0/0 → 0, x/0 → largest double) as Gammapy's `alpha`.
 *
 * @param dataset - the on/off dataset
 * @returns α per reco bin
 * @throws DataError when acceptance or acceptance_off is missing
 * @example
 * ```ts
 * alpha(onoff); // Float64Array [0.2, 0.2, 0.2] for acceptance 1, acceptance_off 5
 * ```
 */
export function alpha(dataset: SpectrumDatasetOnOff): Float64Array {
  const { acceptance, acceptanceOff } = dataset;
  if (acceptance === null || acceptanceOff === null) {
    throw new DataError(`dataset '${dataset.name}' has no ${acceptance === null ? "acceptance" : "acceptanceOff"}, α is undefined`, {
      hint: "give acceptance and acceptanceOff (OGIP BACKSCAL of the on and off spectra)",
    });
  }
  const out = new Float64Array(acceptance.data.length);
  for (let i = 0; i < out.length; i++) out[i] = nanToNum(acceptance.data[i]! / acceptanceOff.data[i]!);
  return out;
}

/**
 * Background estimate from the off counts, α · n_off per reco bin (Gammapy's
 * `SpectrumDatasetOnOff.background`); null without off counts.
 *
 * @param dataset - the on/off dataset
 * @returns the background map, or null
 * @throws DataError when the acceptances are missing
 */
export function onOffBackground(dataset: SpectrumDatasetOnOff): RegionNDMap | null {
  const off = dataset.countsOff;
  if (off === null) return null;
  const a = alpha(dataset);
  return new RegionNDMap(off.geom, off.data.map((v, i) => a[i]! * v), "");
}

/**
 * An on/off dataset from a dataset and off measurements (Gammapy's
 * `from_spectrum_dataset`): without `countsOff`, the off counts are the dataset's
 * background divided by α.
 *
 * @param dataset - the dataset (counts, exposure, edisp, masks, gti, models ... are shared)
 * @param options - acceptance, acceptanceOff (numbers broadcast), countsOff, name
 *   (default: a random name, as Gammapy)
 * @returns the on/off dataset
 * @throws DataError when neither countsOff nor a background is available
 */
export function spectrumDatasetOnOffFromSpectrumDataset(
  dataset: SpectrumDataset,
  options: { acceptance: AcceptanceInput; acceptanceOff: AcceptanceInput; countsOff?: RegionNDMap | null; name?: string },
): SpectrumDatasetOnOff {
  let countsOff = options.countsOff ?? null;
  const like = dataset.counts ?? dataset.background;
  const acceptance = acceptanceMap(options.acceptance, like, "acceptance");
  const acceptanceOff = acceptanceMap(options.acceptanceOff, like, "acceptanceOff");
  if (countsOff === null && dataset.background !== null && acceptance !== null && acceptanceOff !== null) {
    const bkg = dataset.background;
    countsOff = new RegionNDMap(bkg.geom, bkg.data.map((v, i) => v / (acceptance.data[i]! / acceptanceOff.data[i]!)), "");
  }
  const { name: _name, tag: _tag, background: _bkg, ...rest } = dataset;
  return createSpectrumDatasetOnOff({ ...rest, name: options.name ?? makeName(), countsOff, acceptance, acceptanceOff });
}

/**
 * A SpectrumDataset whose background is α · n_off (Gammapy's `to_spectrum_dataset`;
 * like Gammapy, the models are not carried over).
 *
 * @param dataset - the on/off dataset
 * @param name - name of the new dataset, default a random name (as Gammapy)
 * @returns the dataset, fitted with Cash
 */
export function onOffToSpectrumDataset(dataset: SpectrumDatasetOnOff, name?: string): SpectrumDataset {
  const { tag: _tag, countsOff: _off, acceptance: _a, acceptanceOff: _b, models: _m, ...rest } = dataset;
  return createSpectrumDataset({ ...rest, name: name ?? makeName(), background: onOffBackground(dataset) });
}
