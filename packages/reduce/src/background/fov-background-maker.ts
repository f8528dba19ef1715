/**
 * FoVBackgroundMaker: normalises a map dataset's background template on the field of
 * view outside an exclusion mask, as Gammapy 1.0's `FoVBackgroundMaker` — "scale" sets
 * the norm of the dataset's FoVBackgroundModel to the counts / background ratio, "fit"
 * fits the model's free parameters (norm, and tilt when free) by the Cash statistic. The
 * result lives in the model "<dataset>-bkg" (stacking bakes it into the background map,
 * as Gammapy's `stack` uses `npred_background`). When the data cannot normalise the
 * background, a warning is logged and the safe mask is set all false, as in Gammapy.
 */
import { DataError, silentLogger } from "@gammats/core";
import type { Logger } from "@gammats/core";
import { mapDatasetMask, mapNpred, mapNpredBackground, mapNpredSignal } from "@gammats/datasets";
import type { MapDataset } from "@gammats/datasets";
import type { MapAxis } from "@gammats/maps";
import { WcsNDMap } from "@gammats/maps";
import { FoVBackgroundModel, Models, SpectralModel, defaultParameter, findSpectralModelType } from "@gammats/modeling";
import type { Model } from "@gammats/modeling";
import type { Observation } from "@gammats/data-store";
import { exclusionOnGeom } from "../map/exclusion-on-geom.js";
import { fitFovModel, fovFailure, fovScale, fovSums, fovSumsBackgroundOnly } from "./fov-norm.js";
import type { FovSums } from "./fov-norm.js";

/** FoV normalisation methods (config `datasets.background.parameters.method`). */
export const FOV_METHODS = ["scale", "fit"] as const;

/** One of {@link FOV_METHODS}. */
export type FovMethod = (typeof FOV_METHODS)[number];

/** Options of {@link FoVBackgroundMaker} (Gammapy's arguments, camelCase). */
export interface FoVBackgroundMakerOptions {
  /** "scale" (default) or "fit". */
  method?: FovMethod;
  /** Exclusion mask: bool map, 1 = usable (e.g. `geom.regionMask(regions, false)`); default none. */
  exclusionMask?: WcsNDMap | null;
  /**
   * Norm spectral model of a new FoVBackgroundModel (when the dataset has none): a tag
   * ("pl-norm", the default; any norm model) or a model (copied for each dataset).
   */
  spectralModel?: string | SpectralModel;
  /** Counts outside the exclusion must exceed this. Default 0. */
  minCounts?: number;
  /** Predicted background outside the exclusion must exceed this. Default 0. */
  minNpredBackground?: number;
}

function spectralFrom(model: string | SpectralModel): SpectralModel {
  let spectral: SpectralModel;
  if (typeof model === "string") {
    const type = findSpectralModelType(model);
    if (type === undefined) {
      throw new DataError(`FoVBackgroundMaker: unknown spectral model '${model}'`, { hint: "use a norm model tag such as 'pl-norm'" });
    }
    spectral = type.create(Object.fromEntries(type.defaults.map((s) => [s.name, defaultParameter(s)])));
  } else spectral = model;
  if (spectral.kind !== "norm") {
    throw new DataError(`FoVBackgroundMaker: spectral model ${spectral.tag[0]} is not a norm spectral model`, {
      hint: "use a norm model such as 'pl-norm' (PowerLawNormSpectralModel)",
    });
  }
  return spectral;
}

/**
 * Normalises the background of map datasets.
 *
 * @example
 * ```ts
 * const exclusionMask = WcsNDMap.fromGeom(geom.toImage(), { data: geom.toImage().regionMask(crabRegion, false), dtype: "bool" });
 * const maker = new FoVBackgroundMaker({ method: "scale", exclusionMask });
 * const ds = maker.run(dataset);
 * ds.models!.get(`${ds.name}-bkg`).parameters.get("norm").value; // 0.9695 for run 23592
 * ```
 */
export class FoVBackgroundMaker {
  /** Gammapy's tag. */
  readonly tag = "FoVBackgroundMaker";
  /** The method. */
  readonly method: FovMethod;
  /** The exclusion mask, or null. */
  readonly exclusionMask: WcsNDMap | null;
  /** The norm model copied into new FoV background models. */
  readonly defaultSpectralModel: SpectralModel;
  /** Minimum counts. */
  readonly minCounts: number;
  /** Minimum predicted background. */
  readonly minNpredBackground: number;

  /**
   * @param options - method, exclusionMask, spectralModel, minCounts, minNpredBackground
   * @throws DataError for an unknown method or a spectral model that is not a norm model
   */
  constructor(options: FoVBackgroundMakerOptions = {}) {
    const method = options.method ?? "scale";
    if (!(FOV_METHODS as readonly string[]).includes(method)) {
      throw new DataError(`FoVBackgroundMaker: '${String(method)}' is not a method`, { hint: `choose from ${FOV_METHODS.join(", ")}` });
    }
    this.method = method;
    this.exclusionMask = options.exclusionMask ?? null;
    this.defaultSpectralModel = spectralFrom(options.spectralModel ?? "pl-norm");
    this.minCounts = options.minCounts ?? 0;
    this.minNpredBackground = options.minNpredBackground ?? 0;
  }

  /**
   * Normalises the dataset's background.
   *
   * @param dataset - a MapDataset with counts and background
   * @param _observation - unused (makers' common signature)
   * @param logger - receives the warnings when the background cannot be normalised
   * @returns a copy with the fitted FoVBackgroundModel "<name>-bkg" in `models` (other
   *   models shared, the input's model untouched) and, on failure, an all-false safe mask
   * @throws DataError for datasets other than MapDataset, or without counts or background
   */
  run(dataset: MapDataset, _observation?: Observation, logger: Logger = silentLogger): MapDataset {
    if ((dataset as { tag?: string }).tag !== "MapDataset") {
      throw new DataError(`FoVBackgroundMaker: dataset '${dataset.name}' is a ${(dataset as { tag?: string }).tag ?? "non-map dataset"}`, {
        hint: "the FoV background method needs a MapDataset (3D/2D); use reflected regions for 1D",
      });
    }
    const counts = dataset.counts;
    if (counts === null || dataset.background === null) {
      throw new DataError(`FoVBackgroundMaker: dataset '${dataset.name}' has no ${counts === null ? "counts" : "background"}`, {
        hint: "include 'counts' and 'background' in the MapDatasetMaker selection",
      });
    }
    const geom = counts.geom;
    const exclusion = this.exclusionMask === null ? null : exclusionOnGeom(this.exclusionMask, geom, "FoVBackgroundMaker", logger);
    let maskFit = dataset.maskFit;
    if (exclusion !== null) {
      const fit = maskFit === null ? exclusion : Uint8Array.from(exclusion, (v, i) => v & (maskFit!.data[i] ? 1 : 0));
      maskFit = new WcsNDMap(geom, fit);
    }
    const name = `${dataset.name}-bkg`;
    const others: Model[] = [];
    let bkgModel: FoVBackgroundModel | undefined;
    for (const m of dataset.models ?? []) {
      if (m instanceof FoVBackgroundModel && m.name === name) bkgModel = m.copy();
      else others.push(m);
    }
    bkgModel ??= new FoVBackgroundModel({ datasetName: dataset.name, spectral: this.defaultSpectralModel.copy() });
    const models = new Models([...others, bkgModel]);
    const work: MapDataset = { ...dataset, models, maskFit };

    const energy = (geom.axes[0] as MapAxis).centersIn("TeV");
    const planeSize = geom.npix[0] * geom.npix[1];
    // "scale" with no sky model (the analysis' reduction): the sums in one pass, without
    // the npred machinery (its maps and masks cost more than the sums, cold).
    const backgroundOnly = this.method === "scale" && others.length === 0;
    let mask: Uint8Array | null = null;
    let sums: FovSums;
    if (backgroundOnly) {
      sums = fovSumsBackgroundOnly({
        counts: counts.data,
        background: dataset.background.data,
        factors: bkgModel.evaluate(energy),
        planeSize,
        maskSafe: dataset.maskSafe?.data ?? null,
        maskFit: maskFit?.data ?? null,
      });
    } else {
      const npred = mapNpred(work).data;
      mask = mapDatasetMask(work)?.slice() ?? new Uint8Array(npred.length).fill(1);
      for (let i = 0; i < mask.length; i++) if (Number.isNaN(npred[i]!)) mask[i] = 0;
      sums = fovSums(counts.data, npred, mapNpredBackground(work)!.data, mask);
    }
    const failure = fovFailure(sums, this.minCounts, this.minNpredBackground);
    if (failure !== null) {
      logger.warning(`FoVBackgroundMaker failed. ${failure} for ${dataset.name}. Setting mask to False.`);
      return { ...dataset, models, maskSafe: new WcsNDMap(geom, new Uint8Array(geom.size)) };
    }
    const norm = bkgModel.parameters.get("norm");
    if (this.method === "scale") {
      const s = fovScale(sums);
      norm.value = s.norm;
      norm.error = s.error;
      return { ...dataset, models };
    }
    const result = fitFovModel(bkgModel, {
      counts: counts.data as Float64Array,
      background: dataset.background.data,
      signal: others.some((m) => !(m instanceof FoVBackgroundModel)) ? mapNpredSignal(work).data : null,
      mask: mask!,
      energy,
      planeSize,
    });
    if (!result.success) {
      logger.warning(`FoVBackgroundMaker failed. Fit did not converge for ${dataset.name}. Setting mask to False.`);
      return { ...dataset, models, maskSafe: new WcsNDMap(geom, new Uint8Array(geom.size)) };
    }
    return { ...dataset, models };
  }
}
