/**
 * Predicted counts of map datasets (Gammapy's `MapDataset.npred*`): the sum over the
 * dataset's sky models of their evaluators' cut-outs, plus the background — the background
 * map times the FoV background model "<name>-bkg" (norm · (E/E_ref)^-tilt at the reco-bin
 * centres) for MapDataset, the WStat profile α · μ_bkg for MapDatasetOnOff.
 *
 * Each record keeps a workspace (evaluators per model, result buffers, the combined mask)
 * so that the statistic inside a fit allocates nothing per call; the exported functions
 * return fresh maps.
 */
import { DataError } from "@gammats/core";
import { WcsNDMap } from "@gammats/maps";
import type { MapAxis, WcsGeom } from "@gammats/maps";
import { FoVBackgroundModel, datasetFovBackgroundModel } from "@gammats/modeling";
import type { Models, Parameter, SkyModel } from "@gammats/modeling";
import { nanToNum } from "../non-finite.js";
import { wstatMuBkgBin } from "../stats/wstat.js";
import { mapAlpha } from "./map-dataset-on-off.js";
import type { AnyMapDataset, MapDatasetOnOff } from "./map-dataset-on-off.js";
import { MapEvaluator, refreshSnapshot } from "./map-evaluator.js";

/** What {@link npredSignalParts} hands out (views of the workspace). */
export interface NpredParts {
  /**
   * Predicted signal counts of all models, 0 outside their cut-outs — written only when
   * asked for or when more than one model contributes; else see `active`.
   */
  readonly signal: Float64Array;
  /** The evaluators of the contributing models, with their npred on their cut-outs. */
  readonly active: readonly MapEvaluator[];
  /** Their cut-outs: x0, y0, nx, ny per entry (on every plane). */
  readonly regions: Int32Array;
  /** Number of entries of `regions`. */
  readonly regionCount: number;
  /**
   * The FoV background norm per reco plane (cash datasets with a background model), or
   * null: the background is the map itself.
   */
  readonly bkgFactors: Float64Array | null;
  /** Indices of the bins where the mask is set, ascending (all bins without a mask). */
  readonly maskBins: Uint32Array;
}

/** Per-record state: evaluators, buffers, masks. */
interface Workspace {
  models: Models | null;
  modelCount: number;
  skyModels: SkyModel[];
  bkgModel: FoVBackgroundModel | undefined;
  evaluators: Map<SkyModel, MapEvaluator>;
  maskSafe: WcsNDMap | null | undefined;
  maskFit: WcsNDMap | null | undefined;
  mask: Uint8Array | null;
  /** Indices of the bins where mask is set, ascending (all bins without a mask). */
  maskBins: Uint32Array;
  maskImage: WcsNDMap | null;
  signal: Float64Array;
  /** Cut-outs written into signal since it was last cleared: x0, y0, nx, ny per entry. */
  written: Int32Array;
  writtenCount: number;
  /** Contributing evaluators of the last evaluation, and their cut-outs. */
  active: MapEvaluator[];
  regions: Int32Array;
  regionCount: number;
  background: Float64Array;
  /** FoV background norm per reco plane of `background`, null without a model. */
  bkgFactors: Float64Array | null;
  bkgParams: Float64Array;
  bkgValid: boolean;
  npred: Float64Array;
}

const workspaces = new WeakMap<AnyMapDataset, Workspace>();

/**
 * The reco-energy geometry of a map dataset (Gammapy's `_geom`): that of the counts, else
 * the background (off counts, acceptances), else a mask.
 *
 * @param dataset - the dataset
 * @returns the geometry (axis "energy")
 * @throws DataError when the dataset has no map on it
 */
export function mapRecoGeom(dataset: AnyMapDataset): WcsGeom {
  const maps =
    dataset.tag === "MapDataset"
      ? [dataset.counts, dataset.background, dataset.maskSafe, dataset.maskFit]
      : [dataset.counts, dataset.countsOff, dataset.acceptance, dataset.acceptanceOff, dataset.maskSafe, dataset.maskFit];
  const map = maps.find((m) => m !== null);
  if (map === undefined || map === null) {
    throw new DataError(`map dataset '${dataset.name}' has no map on the reco geometry`, { hint: "give counts, background or a mask" });
  }
  return map.geom;
}

function workspace(dataset: AnyMapDataset): Workspace {
  let ws = workspaces.get(dataset);
  if (ws === undefined) {
    const size = mapRecoGeom(dataset).size;
    ws = {
      models: null,
      modelCount: -1,
      skyModels: [],
      bkgModel: undefined,
      evaluators: new Map(),
      maskSafe: undefined,
      maskFit: undefined,
      mask: null,
      maskBins: new Uint32Array(0),
      maskImage: null,
      signal: new Float64Array(size),
      written: new Int32Array(0),
      writtenCount: 0,
      active: [],
      regions: new Int32Array(0),
      regionCount: 0,
      background: new Float64Array(size),
      bkgFactors: null,
      bkgParams: new Float64Array(0),
      bkgValid: false,
      npred: new Float64Array(size),
    };
    workspaces.set(dataset, ws);
  }
  refreshModels(dataset, ws);
  refreshMask(dataset, ws);
  return ws;
}

/** Re-reads the model list when `dataset.models` was replaced or changed size. */
function refreshModels(dataset: AnyMapDataset, ws: Workspace): void {
  const models = dataset.models;
  const count = models?.length ?? 0;
  if (models === ws.models && count === ws.modelCount) return;
  ws.models = models;
  ws.modelCount = count;
  ws.skyModels = models === null ? [] : models.skyModels().filter((m) => m.datasetsNames === undefined || m.datasetsNames.includes(dataset.name));
  ws.bkgModel = datasetFovBackgroundModel(models, dataset.name);
  ws.bkgParams = new Float64Array(ws.bkgModel?.parameters.length ?? 0).fill(NaN);
  ws.bkgFactors = null;
  ws.bkgValid = false;
  const keep = new Set(ws.skyModels);
  for (const m of [...ws.evaluators.keys()]) if (!keep.has(m)) ws.evaluators.delete(m);
}

/** Recomputes the combined mask and its image when a mask was replaced. */
function refreshMask(dataset: AnyMapDataset, ws: Workspace): void {
  if (dataset.maskSafe === ws.maskSafe && dataset.maskFit === ws.maskFit) return;
  ws.maskSafe = dataset.maskSafe;
  ws.maskFit = dataset.maskFit;
  const safe = dataset.maskSafe?.data ?? null;
  const fit = dataset.maskFit?.data ?? null;
  if (safe === null && fit === null) ws.mask = null;
  else if (safe === null || fit === null) ws.mask = new Uint8Array((safe ?? fit)!);
  else ws.mask = andMasks(safe, fit);
  const geom = mapRecoGeom(dataset);
  ws.maskBins = maskedBins(ws.mask, geom.size);
  const image = geom.toImage();
  ws.maskImage = new WcsNDMap(image, ws.mask === null ? new Uint8Array(image.size).fill(1) : orOverPlanes(ws.mask, image.size));
  // A model's contribution depends on the mask: re-decide it.
  ws.evaluators.clear();
}

/** a ∧ b per bin. (The loops of refreshMask sit in small functions of their own, which stay optimised.) */
function andMasks(a: ArrayLike<number>, b: ArrayLike<number>): Uint8Array {
  const mask = new Uint8Array(a.length);
  for (let i = 0; i < mask.length; i++) mask[i] = a[i]! & b[i]!;
  return mask;
}

/** 1 where any plane of the mask is set (Gammapy's `mask_image`). */
function orOverPlanes(mask: Uint8Array, npix: number): Uint8Array {
  const image = new Uint8Array(npix);
  for (let o = 0; o < mask.length; o += npix) {
    for (let i = 0; i < npix; i++) if (mask[o + i] !== 0) image[i] = 1;
  }
  return image;
}

/** Indices of the set bins of a mask, ascending; 0 … size − 1 without a mask. */
function maskedBins(mask: Uint8Array | null, size: number): Uint32Array {
  // One pass into a buffer of the largest size, then a (native) copy of the used part:
  // this runs once per mask, mostly before V8 optimises it, so a pass fewer counts.
  if (mask !== null && mask.length === size) {
    const all = new Uint32Array(size);
    let n = 0;
    for (let i = 0; i < size; i++) if (mask[i] !== 0) all[n++] = i;
    return all.slice(0, n);
  }
  let count = size;
  if (mask !== null) {
    count = 0;
    for (let i = 0; i < mask.length; i++) if (mask[i] !== 0) count++;
  }
  const bins = new Uint32Array(count);
  let j = 0;
  for (let i = 0; i < size; i++) if (mask === null || mask[i] !== 0) bins[j++] = i;
  return bins;
}

/**
 * The mask statistics are summed over (Gammapy's `Dataset.mask`): maskSafe ∧ maskFit, or
 * null when neither is set. Cached per record — do not modify.
 *
 * @param dataset - the dataset
 * @returns one byte per bin of the counts cube, or null
 */
export function mapDatasetMask(dataset: AnyMapDataset): Uint8Array | null {
  return workspace(dataset).mask;
}

/**
 * The mask reduced over energy with OR (Gammapy's `mask_image`); all pixels without masks.
 *
 * @param dataset - the dataset
 * @returns a bool image map (cached — do not modify)
 */
export function mapMaskImage(dataset: AnyMapDataset): WcsNDMap {
  return workspace(dataset).maskImage!;
}

function evaluatorFor(dataset: AnyMapDataset, ws: Workspace, model: SkyModel): MapEvaluator {
  let ev = ws.evaluators.get(model);
  if (ev === undefined) {
    if (dataset.exposure === null) {
      throw new DataError(`dataset '${dataset.name}' has no exposure to predict counts of model '${model.name}' with`, {
        hint: "give the dataset an exposure map on the true energy axis",
      });
    }
    const recoAxis = mapRecoGeom(dataset).axes[0] as MapAxis;
    ev = new MapEvaluator(model, { exposure: dataset.exposure, psf: dataset.psf, edisp: dataset.edisp, recoAxis, gti: dataset.gti });
    ws.evaluators.set(model, ev);
  }
  return ev;
}

/**
 * Adds a model's cut-out npred into the full cube (non-finite values as 0, as Gammapy's
 * stack) and records the cut-out in `ws.written`.
 */
function addCutout(ev: MapEvaluator, ws: Workspace, fullGeom: WcsGeom): void {
  const full = ws.signal;
  const [fnx, fny] = fullGeom.npix;
  const [nx, ny] = ev.geom.npix;
  const x0 = ev.offsetX;
  const y0 = ev.offsetY;
  const src = ev.npred;
  ws.written = withRegion(ws.written, ws.writtenCount++, x0, y0, nx, ny);
  const planes = src.length / (nx * ny);
  for (let p = 0; p < planes; p++) {
    for (let y = 0; y < ny; y++) {
      const so = (p * ny + y) * nx;
      const fo = (p * fny + y + y0) * fnx + x0;
      for (let x = 0; x < nx; x++) {
        const v = src[so + x]!;
        if (Number.isFinite(v)) full[fo + x]! += v;
      }
    }
  }
}

/** Sets the cut-outs written since the last call back to 0: the rest of the signal is 0 already. */
function clearSignal(ws: Workspace, geom: WcsGeom): void {
  const [fnx, fny] = geom.npix;
  const planes = ws.signal.length / (fnx * fny);
  const w = ws.written;
  for (let c = 0; c < ws.writtenCount; c++) {
    const x0 = w[4 * c]!;
    const y0 = w[4 * c + 1]!;
    const nx = w[4 * c + 2]!;
    const ny = w[4 * c + 3]!;
    for (let p = 0; p < planes; p++) {
      for (let y = y0; y < y0 + ny; y++) {
        const o = (p * fny + y) * fnx;
        ws.signal.fill(0, o + x0, o + x0 + nx);
      }
    }
  }
  ws.writtenCount = 0;
}

/** Stores region `index` (x0, y0, nx, ny) in `regions`, grown when full; returns the array. */
function withRegion(regions: Int32Array, index: number, x0: number, y0: number, nx: number, ny: number): Int32Array {
  let out = regions;
  if (out.length < 4 * (index + 1)) {
    out = new Int32Array(4 * (index + 1));
    out.set(regions);
  }
  out[4 * index] = x0;
  out[4 * index + 1] = y0;
  out[4 * index + 2] = nx;
  out[4 * index + 3] = ny;
  return out;
}

/** Updates and evaluates the models (or one): the contributing ones into ws.active, their cut-outs into ws.regions. */
function evaluateModels(dataset: AnyMapDataset, ws: Workspace, modelName?: string): void {
  ws.active.length = 0;
  ws.regionCount = 0;
  let found = modelName === undefined;
  for (const model of ws.skyModels) {
    if (modelName !== undefined && model.name !== modelName) continue;
    found = true;
    const ev = evaluatorFor(dataset, ws, model);
    if (ev.needsUpdate()) ev.update(ws.maskImage);
    if (!ev.contributes) continue;
    ev.computeNpred();
    ws.active.push(ev);
    const [nx, ny] = ev.geom.npix;
    ws.regions = withRegion(ws.regions, ws.regionCount++, ev.offsetX, ev.offsetY, nx, ny);
  }
  if (!found) {
    throw new DataError(`dataset '${dataset.name}' has no sky model '${modelName}'`, {
      hint: `its models: ${ws.skyModels.map((m) => m.name).join(", ") || "none"}`,
    });
  }
}

/** The signal buffer: Σ of the active evaluators' npred. */
function writeSignal(dataset: AnyMapDataset, ws: Workspace): Float64Array {
  const geom = mapRecoGeom(dataset);
  clearSignal(ws, geom);
  for (const ev of ws.active) addCutout(ev, ws, geom);
  return ws.signal;
}

/** Fills the workspace signal buffer: Σ over models (or one) of their npred. */
function signalInto(dataset: AnyMapDataset, ws: Workspace, modelName?: string): Float64Array {
  evaluateModels(dataset, ws, modelName);
  return writeSignal(dataset, ws);
}

/**
 * The FoV background norm per reco plane (Gammapy evaluates it at the reco-bin centres),
 * re-evaluated when the model's parameters change; null without a background or model.
 */
function bkgFactorsOf(dataset: AnyMapDataset & { tag: "MapDataset" }, ws: Workspace): Float64Array | null {
  const model = ws.bkgModel;
  const bkg = dataset.background;
  if (model === undefined || bkg === null) return null;
  if (refreshSnapshot(model.parameters.list, ws.bkgParams) || ws.bkgFactors === null) {
    ws.bkgFactors = model.evaluate((bkg.geom.axes[0] as MapAxis).centersIn("TeV"));
    ws.bkgValid = false;
  }
  return ws.bkgFactors;
}

/** Background map × FoV norm per reco bin, recomputed when the norm's parameters change. */
function cashBackgroundInto(dataset: AnyMapDataset & { tag: "MapDataset" }, ws: Workspace): Float64Array | null {
  const bkg = dataset.background;
  if (bkg === null) return null;
  const norm = bkgFactorsOf(dataset, ws);
  if (ws.bkgValid) return ws.background;
  const data = bkg.data as Float64Array;
  if (norm === null) ws.background.set(data);
  else scalePlanes(data, norm, bkg.geom.npix[0] * bkg.geom.npix[1], ws.background);
  ws.bkgValid = true;
  return ws.background;
}

/**
 * out = data × factor of its plane. A small function of its own: it runs once per record
 * and norm, on whole cubes, and V8 optimises a small function sooner than a loop inside a
 * big one (whose callers pass records of many shapes).
 */
function scalePlanes(data: Float64Array, factors: Float64Array, plane: number, out: Float64Array): void {
  for (let p = 0; p < factors.length; p++) {
    const f = factors[p]!;
    const end = (p + 1) * plane;
    for (let k = p * plane; k < end; k++) out[k] = data[k]! * f;
  }
}

/** WStat profile background α · μ_bkg given the signal (NaN → 0). */
function onOffBackgroundInto(dataset: MapDatasetOnOff, ws: Workspace, signal: Float64Array): Float64Array | null {
  const { counts, countsOff } = dataset;
  if (countsOff === null) return null;
  if (counts === null) {
    throw new DataError(`dataset '${dataset.name}' needs counts for the WStat background`, { hint: "give the on counts" });
  }
  const a = mapAlpha(dataset);
  const on = counts.data;
  const off = countsOff.data;
  const out = ws.background;
  for (let i = 0; i < out.length; i++) out[i] = nanToNum(a[i]! * wstatMuBkgBin(on[i]!, off[i]!, a[i]!, signal[i]!));
  return out;
}

/**
 * Internal: the parts of npred of a MapDataset — the models evaluated on their cut-outs,
 * the background factors — without adding them up, for statistics that combine them bin
 * by bin. The signal cube is written when `cube` is set or more than one model
 * contributes (overlapping cut-outs add up there).
 *
 * @param dataset - the dataset
 * @param cube - write the signal cube in any case
 * @returns evaluators, cut-outs, signal, background factors and masked bins (workspace views)
 */
export function npredSignalParts(dataset: AnyMapDataset & { tag: "MapDataset" }, cube: boolean): NpredParts {
  const ws = workspace(dataset);
  evaluateModels(dataset, ws);
  if (cube || ws.active.length > 1) writeSignal(dataset, ws);
  bkgFactorsOf(dataset, ws);
  return ws;
}

/**
 * Internal: total npred into the workspace buffer (no allocation), and the signal.
 *
 * @param dataset - the dataset
 * @returns npred and signal buffers (owned by the workspace)
 */
export function npredBuffers(dataset: AnyMapDataset): { readonly npred: Float64Array; readonly signal: Float64Array } {
  const ws = workspace(dataset);
  const signal = signalInto(dataset, ws);
  const bkg = dataset.tag === "MapDataset" ? cashBackgroundInto(dataset, ws) : onOffBackgroundInto(dataset, ws, signal);
  addClipped(signal, bkg, ws.npred);
  return ws;
}

/** out = max(0, signal + bkg) per bin (signal alone without a background). */
function addClipped(signal: Float64Array, bkg: Float64Array | null, out: Float64Array): void {
  if (bkg === null) {
    for (let i = 0; i < out.length; i++) {
      const v = signal[i]!;
      out[i] = v < 0 ? 0 : v;
    }
    return;
  }
  for (let i = 0; i < out.length; i++) {
    const v = signal[i]! + bkg[i]!;
    out[i] = v < 0 ? 0 : v;
  }
}

/** How the npred functions hand out their cube. */
export interface NpredMapOptions {
  /**
   * Wrap the record's own buffer instead of a copy (default false): read it at once — the
   * next npred call on the record overwrites it — and do not modify it. Saves a copy of
   * the cube where only a few sums of it are needed.
   */
  view?: boolean;
}

function asMap(dataset: AnyMapDataset, data: Float64Array, options: NpredMapOptions | undefined): WcsNDMap {
  return new WcsNDMap(mapRecoGeom(dataset), options?.view === true ? data : data.slice());
}

/**
 * Predicted signal counts (Gammapy's `npred_signal`): the sum over the dataset's sky
 * models, or one model.
 *
 * @param dataset - the dataset
 * @param modelName - only this model; default all
 * @param options - view: the record's buffer, not a copy (see {@link NpredMapOptions})
 * @returns a new map on the counts geometry
 * @throws DataError for an unknown model name or a dataset without exposure
 * @example
 * ```ts
 * ds.models = new Models([crab]);
 * mapNpredSignal(ds).data; // counts per reco bin and pixel
 * ```
 */
export function mapNpredSignal(dataset: AnyMapDataset, modelName?: string, options?: NpredMapOptions): WcsNDMap {
  return asMap(dataset, signalInto(dataset, workspace(dataset), modelName), options);
}

/**
 * Predicted background counts (Gammapy's `npred_background`): background × FoV norm, or
 * the WStat profile background for on/off datasets; null without a background (off counts).
 *
 * @param dataset - the dataset
 * @param options - view: the record's buffer, not a copy (see {@link NpredMapOptions})
 * @returns a new map, or null
 */
export function mapNpredBackground(dataset: AnyMapDataset, options?: NpredMapOptions): WcsNDMap | null {
  const ws = workspace(dataset);
  if (dataset.tag === "MapDataset") {
    const b = cashBackgroundInto(dataset, ws);
    return b === null ? null : asMap(dataset, b, options);
  }
  const b = onOffBackgroundInto(dataset, ws, signalInto(dataset, ws));
  return b === null ? null : asMap(dataset, b, options);
}

/**
 * Total predicted counts, signal + background, negative values set to 0 (Gammapy's `npred`).
 *
 * @param dataset - the dataset
 * @param options - view: the record's buffer, not a copy (see {@link NpredMapOptions})
 * @returns a new map on the counts geometry
 * @throws DataError as {@link mapNpredSignal}
 * @example
 * ```ts
 * mapNpred(ds).data.reduce((a, b) => a + b, 0); // total expected counts
 * ```
 */
export function mapNpred(dataset: AnyMapDataset, options?: NpredMapOptions): WcsNDMap {
  return asMap(dataset, npredBuffers(dataset).npred, options);
}

/**
 * The evaluators of a dataset's models (for inspection: cut-out geometry, PSF width,
 * contribution), created and updated as npred would.
 *
 * @param dataset - the dataset
 * @returns model name → evaluator
 */
export function mapEvaluators(dataset: AnyMapDataset): Map<string, MapEvaluator> {
  const ws = workspace(dataset);
  const out = new Map<string, MapEvaluator>();
  for (const model of ws.skyModels) {
    const ev = evaluatorFor(dataset, ws, model);
    if (ev.needsUpdate()) ev.update(ws.maskImage);
    out.set(model.name, ev);
  }
  return out;
}
