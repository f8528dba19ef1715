/**
 * Predicted counts of 1D datasets, as Gammapy's MapEvaluator computes them on a region:
 * each sky model's spectrum integrated over the true-energy bins, times the exposure,
 * through the energy dispersion (reco = true · pdfMatrix), summed over models; plus the
 * background (the FoV background model's norm applied) or, for on/off datasets, the
 * WStat profile background α·μ_bkg.
 */
import { DataError } from "@gammats/core";
import type { MapAxis, RegionGeom, RegionNDMap } from "@gammats/maps";
import { datasetFovBackgroundModel } from "@gammats/modeling";
import type { SkyModel } from "@gammats/modeling";
import { finiteOrZero, nanToNum } from "./non-finite.js";
import { alpha } from "./spectrum-dataset-on-off.js";
import type { AnySpectrumDataset, SpectrumDatasetOnOff } from "./spectrum-dataset-on-off.js";
import { wstatMuBkgBin } from "./stats/wstat.js";

/**
 * The reco-energy geometry of a dataset (Gammapy's `_geom`): that of the counts, else of
 * the background (or off counts, acceptances for on/off datasets).
 *
 * @param dataset - the dataset
 * @returns the geometry
 * @throws DataError when the dataset has no reco-energy map
 */
export function recoGeom(dataset: AnySpectrumDataset): RegionGeom {
  const maps: (RegionNDMap | null)[] =
    dataset.tag === "SpectrumDataset"
      ? [dataset.counts, dataset.background]
      : [dataset.counts, dataset.countsOff, dataset.acceptance, dataset.acceptanceOff];
  const map = maps.find((m) => m !== null);
  if (map === undefined || map === null) {
    throw new DataError(`dataset '${dataset.name}' has no reco-energy map`, {
      hint: dataset.tag === "SpectrumDataset" ? "give counts or background" : "give counts, countsOff or the acceptances",
    });
  }
  return map.geom;
}

/** The sky models that apply to a dataset (no `datasetsNames`, or naming it). */
function skyModelsOf(dataset: AnySpectrumDataset): SkyModel[] {
  if (dataset.models === null) return [];
  return dataset.models.skyModels().filter((m) => m.datasetsNames === undefined || m.datasetsNames.includes(dataset.name));
}

/**
 * Adds one model's predicted counts per reco bin to `out` (MapEvaluator: integral over
 * true bins × exposure, then · pdfMatrix); non-finite contributions count 0, as when
 * Gammapy stacks each model's npred.
 */
function addModelNpred(dataset: AnySpectrumDataset, model: SkyModel, out: Float64Array): void {
  const exposure = dataset.exposure;
  if (exposure === null) {
    throw new DataError(`dataset '${dataset.name}' has no exposure to predict counts of model '${model.name}' with`, {
      hint: "give the dataset an exposure map on the true energy axis",
    });
  }
  const edges = (exposure.geom.axes[0] as MapAxis).edgesIn("TeV");
  const nt = edges.length - 1;
  const flux = model.spectral.integral(edges.subarray(0, nt), edges.subarray(1));
  if (model.applyIrf.exposure) for (let t = 0; t < nt; t++) flux[t]! *= exposure.data[t]!;
  const nr = out.length;
  if (dataset.edisp !== null && model.applyIrf.edisp) {
    const pdf = dataset.edisp.kernel.pdfMatrix;
    for (let r = 0; r < nr; r++) {
      let sum = 0;
      for (let t = 0; t < nt; t++) sum += flux[t]! * pdf[t * nr + r]!;
      out[r]! += finiteOrZero(sum);
    }
    return;
  }
  // Without dispersion the true bins are taken as reco bins (Gammapy renames the axis).
  if (nt !== nr) {
    throw new DataError(`dataset '${dataset.name}' has no energy dispersion and ${nt} true but ${nr} reco energy bins`, {
      hint: "give an edisp kernel, or use the same true and reco energy axes",
    });
  }
  for (let r = 0; r < nr; r++) out[r]! += finiteOrZero(flux[r]!);
}

/**
 * Predicted signal counts per reco bin: the sum over the dataset's sky models, or one
 * model (Gammapy's `npred_signal`).
 *
 * @param dataset - the dataset
 * @param modelName - only this model; default all sky models of the dataset
 * @returns counts per reco bin (zeros without models)
 * @throws DataError for an unknown model name, or models without exposure
 * @example
 * ```ts
 * ds.models = new Models([new SkyModel({ name: "crab", spectral: new PowerLawSpectralModel() })]);
 * npredSignal(ds); // Float64Array, one value per reco bin
 * ```
 */
export function npredSignal(dataset: AnySpectrumDataset, modelName?: string): Float64Array {
  const out = new Float64Array(recoGeom(dataset).size);
  let models = skyModelsOf(dataset);
  if (modelName !== undefined) {
    models = models.filter((m) => m.name === modelName);
    if (models.length === 0) {
      throw new DataError(`dataset '${dataset.name}' has no sky model '${modelName}'`, {
        hint: `its models: ${skyModelsOf(dataset).map((m) => m.name).join(", ") || "none"}`,
      });
    }
  }
  for (const model of models) addModelNpred(dataset, model, out);
  return out;
}

/**
 * WStat profile background in the on region per reco bin, α · μ_bkg given the
 * predicted signal (Gammapy's `MapDatasetOnOff.npred_background`, NaN → 0).
 *
 * @param dataset - the on/off dataset (counts and countsOff needed)
 * @param signal - predicted signal per reco bin; default {@link npredSignal}
 * @returns background counts per reco bin
 * @throws DataError without counts, off counts or acceptances
 */
export function onOffNpredBackground(dataset: SpectrumDatasetOnOff, signal: Float64Array = npredSignal(dataset)): Float64Array {
  const { counts, countsOff } = dataset;
  if (counts === null || countsOff === null) {
    throw new DataError(`dataset '${dataset.name}' needs counts and countsOff for the WStat background`, {
      hint: "give both the on and the off counts",
    });
  }
  const a = alpha(dataset);
  const out = new Float64Array(a.length);
  for (let i = 0; i < out.length; i++) {
    out[i] = nanToNum(a[i]! * wstatMuBkgBin(counts.data[i]!, countsOff.data[i]!, a[i]!, signal[i]!));
  }
  return out;
}

/**
 * Predicted background counts per reco bin (Gammapy's `npred_background`): the
 * background map times the norm of the dataset's FoV background model ("<name>-bkg")
 * if there is one; for on/off datasets the WStat profile background. Null when the
 * dataset has no background (or no off counts).
 *
 * @param dataset - the dataset
 * @returns background counts per reco bin, or null
 */
export function npredBackground(dataset: AnySpectrumDataset): Float64Array | null {
  if (dataset.tag === "SpectrumDatasetOnOff") return dataset.countsOff === null ? null : onOffNpredBackground(dataset);
  const bkg = dataset.background;
  if (bkg === null) return null;
  const out = Float64Array.from(bkg.data);
  const model = datasetFovBackgroundModel(dataset.models, dataset.name);
  if (model !== undefined) {
    // Gammapy evaluates the norm at the reco-bin centres.
    const norm = model.evaluate((bkg.geom.axes[0] as MapAxis).centersIn("TeV"));
    for (let i = 0; i < out.length; i++) out[i]! *= norm[i]!;
  }
  return out;
}

/**
 * Total predicted counts per reco bin, signal plus background, negative values set to 0
 * (Gammapy's `npred`).
 *
 * @param dataset - the dataset
 * @returns counts per reco bin
 * @throws DataError as {@link npredSignal}
 * @example
 * ```ts
 * npred(ds)[0]; // signal + background of the first reco bin
 * ```
 */
export function npred(dataset: AnySpectrumDataset): Float64Array {
  const signal = npredSignal(dataset);
  const out = signal.slice();
  const bkg =
    dataset.tag === "SpectrumDatasetOnOff"
      ? dataset.countsOff === null
        ? null
        : onOffNpredBackground(dataset, signal)
      : npredBackground(dataset);
  if (bkg !== null) for (let i = 0; i < out.length; i++) out[i]! += bkg[i]!;
  for (let i = 0; i < out.length; i++) if (out[i]! < 0) out[i] = 0;
  return out;
}
