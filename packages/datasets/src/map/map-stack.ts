/**
 * Stacking of map datasets as Gammapy 1.0's `MapDataset.stack` (in place there; here a new
 * record): counts summed inside the other's safe mask, exposure summed inside its safe
 * image, background (Cash) as npred_background · safe mask of each, PSF and edisp maps
 * averaged weighted by their exposure (inside the other's safe mask projected onto the
 * IRF grid; `IrfMap.stack` of `@gammats/irf`), safe and fit masks OR-ed, livetime summed, GTIs merged, meta tables
 * concatenated; on/off datasets sum their off counts and get α as the off-count-weighted
 * mean. The other dataset may be a cut-out of the target's pixel grid.
 */
import { DataError } from "@gammats/core";
import { EDispKernelMap, PSFMap } from "@gammats/irf";
import { WcsNDMap } from "@gammats/maps";
import type { MapAxis, WcsGeom } from "@gammats/maps";
import { datasetFovBackgroundModel } from "@gammats/modeling";
import { createGti, stackGti } from "../gti.js";
import { stackMetaTables } from "../meta-table.js";
import { isEdispMap, isPsfMap } from "./irf-maps.js";
import type { MapDatasetEdisp, MapDatasetPsf } from "./irf-maps.js";
import { diagonalEdispKernelMap, makeEdispKernelMap, makePsfMap, zeroPsfMap } from "./irf-map-data.js";
import type { MapDatasetFields } from "./map-dataset-base.js";
import { copyAnyMapDataset, mapAlpha } from "./map-dataset-on-off.js";
import type { AnyMapDataset, MapDatasetOnOff } from "./map-dataset-on-off.js";
import type { MapDataset } from "./map-dataset.js";
import { mapNpredBackground, mapRecoGeom } from "./map-npred.js";

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** Where `small` sits in `large`: pixel offset and the overlapping window of `small`. */
interface Window {
  x0: number;
  y0: number;
  xs0: number;
  xs1: number;
  ys0: number;
  ys1: number;
}

function windowOf(large: WcsGeom, small: WcsGeom): Window {
  const [x0, y0] = large.offsetOf(small);
  const [snx, sny] = small.npix;
  const [lnx, lny] = large.npix;
  return { x0, y0, xs0: Math.max(0, -x0), xs1: Math.min(snx, lnx - x0), ys0: Math.max(0, -y0), ys1: Math.min(sny, lny - y0) };
}

/** Safe mask OR-ed over reco energy (Gammapy's `mask_safe_image`), or null. */
function safeImage(d: AnyMapDataset): WcsNDMap | null {
  const m = d.maskSafe;
  if (m === null) return null;
  const image = m.geom.toImage();
  const npix = image.size;
  const data = new Uint8Array(npix);
  const md = m.data;
  for (let p = 0; p < md.length; p += npix) for (let i = 0; i < npix; i++) if (md[p + i] !== 0) data[i] = 1;
  return new WcsNDMap(image, data);
}

/** data[i] *= mask[i] (a loop of its own: optimised early, not inside a cold caller). */
function multiplyByMask(data: Float64Array, mask: ArrayLike<number>): void {
  for (let i = 0; i < data.length; i++) data[i] = data[i]! * mask[i]!;
}

function anyNonZero(data: ArrayLike<number>): boolean {
  for (let i = 0; i < data.length; i++) if (data[i] !== 0) return true;
  return false;
}

/** target |= other on the overlap (bool masks; Gammapy's `mask.stack`). */
function orMaskInto(target: WcsNDMap, other: WcsNDMap): void {
  const w = windowOf(target.geom, other.geom);
  const [tnx, tny] = target.geom.npix;
  const [onx, ony] = other.geom.npix;
  const planes = target.geom.planeCount;
  for (let p = 0; p < planes; p++) {
    for (let y = w.ys0; y < w.ys1; y++) {
      for (let x = w.xs0; x < w.xs1; x++) {
        if (other.data[(p * ony + y) * onx + x] !== 0) target.data[(p * tny + y + w.y0) * tnx + x + w.x0] = 1;
      }
    }
  }
}

function stackPsf(t: MapDatasetPsf, o: MapDatasetPsf, image: WcsNDMap | null, names: string, inPlace: boolean): MapDatasetPsf {
  if (!isPsfMap(t) || !isPsfMap(o)) {
    if (t === o) return t;
    throw new DataError(`cannot stack the PSFs of ${names}: fixed PSF kernels cannot be averaged`, { hint: "give the datasets PSF maps" });
  }
  // In place: a new wrapper over the same (owned) maps, so that nothing cached by the old
  // one (kernels) outlives the change.
  const target = inPlace && t instanceof PSFMap ? makePsfMap(t.psfMap, t.exposureMap) : makePsfMap(t.psfMap.copy(), t.exposureMap?.copy() ?? null);
  // Gammapy's mask_safe_psf: the safe image at the PSF pixels (nearest pixel, 0 outside).
  const weights = image === null ? null : image.interpToGeom(o.psfMap.geom.toImage());
  return target.stack(makePsfMap(o.psfMap, o.exposureMap), weights);
}

function stackEdisp(t: MapDatasetEdisp, o: MapDatasetEdisp, other: AnyMapDataset, names: string, inPlace: boolean): MapDatasetEdisp {
  if (!isEdispMap(t) || !isEdispMap(o)) {
    if (t === o) return t;
    throw new DataError(`cannot stack the edisp of ${names}: fixed edisp kernels cannot be averaged`, { hint: "give the datasets edisp kernel maps" });
  }
  const target = inPlace && t instanceof EDispKernelMap ? makeEdispKernelMap(t.edispMap, t.exposureMap) : makeEdispKernelMap(t.edispMap.copy(), t.exposureMap?.copy() ?? null);
  // Gammapy's mask_safe_edisp: the safe mask at the edisp pixels, per reco bin.
  const weights = other.maskSafe === null ? null : other.maskSafe.interpToGeom(o.edispMap.geom.squash("energy_true"));
  return target.stack(makeEdispKernelMap(o.edispMap, o.exposureMap), weights);
}

/** The part of `MapDataset.stack` common to both kinds, applied to the working copy `t`. */
function stackCommon(t: Mutable<MapDatasetFields>, o: MapDatasetFields & AnyMapDataset, names: string, inPlace = false, fused: FusedStack | null = null): void {
  if (fused === null && t.counts !== null && o.counts !== null) t.counts.stack(o.counts, o.maskSafe === null ? {} : { weights: o.maskSafe });
  const oImage = fused?.safeImage ?? safeImage(o);
  if (t.exposure !== null && o.exposure !== null) {
    t.exposure.stack(o.exposure, oImage === null ? {} : { weights: oImage });
    // Gammapy adds the livetime only when the other has a safe mask with a safe pixel.
    if (o.livetime !== null && oImage !== null && anyNonZero(oImage.data)) t.livetime = (t.livetime ?? 0) + o.livetime;
  }
  if (t.psf !== null && o.psf !== null) t.psf = stackPsf(t.psf, o.psf, oImage, names, inPlace);
  if (t.edisp !== null && o.edisp !== null) t.edisp = stackEdisp(t.edisp, o.edisp, o, names, inPlace);
  if (fused === null && t.maskSafe !== null && o.maskSafe !== null) orMaskInto(t.maskSafe, o.maskSafe);
  if (o.maskFit !== null) {
    // Gammapy copies the other's fit mask when the target has none: OR into an empty one.
    if (t.maskFit === null) t.maskFit = WcsNDMap.fromGeom(mapRecoGeom(t as AnyMapDataset), { dtype: "bool" });
    orMaskInto(t.maskFit, o.maskFit);
  }
  if (t.gti !== null && o.gti !== null) t.gti = stackGti(t.gti, o.gti);
  if (t.metaTable !== null && o.metaTable !== null) t.metaTable = stackMetaTables(t.metaTable, o.metaTable);
  else if (o.metaTable !== null) t.metaTable = o.metaTable;
}

function stackCash(target: MapDataset, other: MapDataset, inPlace = false): MapDataset {
  const names = `datasets '${target.name}' and '${other.name}'`;
  // In place: a new record over the same maps (records are values; per-record caches,
  // such as the npred workspace, must not see the maps change under them).
  const t = (inPlace ? { ...target } : copyAnyMapDataset(target)) as Mutable<MapDataset>;
  const fused = inPlace ? stackCountsBackgroundMask(target, other) : null;
  if (fused !== null) {
    stackCommon(t, other, names, inPlace, fused);
    return t;
  }
  if (target.background !== null && other.background !== null) {
    // Gammapy: npred_background(self) · mask_safe(self), plus npred_background(other) in other's mask.
    // Without models the npred background is the background map itself (what
    // mapNpredBackground returns then): skip its per-record workspace.
    // In place, that map is the target's own and is scaled where it lies.
    const bkg =
      target.models === null
        ? inPlace && target.background.data instanceof Float64Array
          ? target.background
          : new WcsNDMap(mapRecoGeom(target), new Float64Array(target.background.data as ArrayLike<number>))
        : mapNpredBackground(target)!;
    if (target.maskSafe !== null) multiplyByMask(bkg.data as Float64Array, target.maskSafe.data);
    bkg.stack(mapNpredBackground(other)!, other.maskSafe === null ? {} : { weights: other.maskSafe });
    t.background = bkg;
  }
  stackCommon(t, other, names, inPlace);
  return t;
}

/**
 * The FoV background norm per reco plane of a MapDataset's model "<name>-bkg" (a
 * FoVBackgroundModel), or null without one — the factors its npred background applies
 * (`mapNpredBackground`; the tests compare both paths).
 */
function backgroundFactors(d: MapDataset): Float64Array | null {
  const model = datasetFovBackgroundModel(d.models, d.name);
  if (model === undefined || d.background === null) return null;
  return model.evaluate((d.background.geom.axes[0] as MapAxis).centersIn("TeV"));
}

/**
 * In-place stacking of counts, background and safe mask in one pass over the other's
 * window (the three per-bin steps of {@link stackCash} and {@link stackCommon}, same
 * arithmetic): the target's background times its safe mask first, then per bin of the
 * other's safe mask w: counts += nan→0(n)·w, background += nan→0(b·f)·w with f the
 * other's FoV norm of the plane, mask |= w ≠ 0. Only for the usual layout — target
 * without models, owned float64 maps, masks of bytes, one reco geometry per dataset, equal
 * units and axes; otherwise it does nothing and returns null (the general path then
 * also raises the errors). The other's safe image (mask OR-ed over planes) comes out of
 * the same pass when the window is its whole image.
 */
function stackCountsBackgroundMask(target: MapDataset, other: MapDataset): FusedStack | null {
  const { counts: tc, background: tb, maskSafe: tm } = target;
  const { counts: oc, background: ob, maskSafe: om } = other;
  if (target.models !== null || tc === null || tb === null || tm === null || oc === null || ob === null || om === null) return null;
  if (!(tc.data instanceof Float64Array && tb.data instanceof Float64Array && tm.data instanceof Uint8Array && om.data instanceof Uint8Array)) return null;
  if (tc.data === tb.data || tc.unit !== oc.unit || tb.unit !== ob.unit) return null;
  const tg = tc.geom;
  const og = oc.geom;
  if ((tb.geom !== tg && !tb.geom.equals(tg)) || (tm.geom !== tg && !tm.geom.equals(tg))) return null;
  if ((ob.geom !== og && !ob.geom.equals(og)) || (om.geom !== og && !om.geom.equals(og))) return null;
  if (og.axes.length !== tg.axes.length || !og.axes.every((a, i) => a.equals(tg.axes[i]!))) return null;
  let w: Window;
  try {
    w = windowOf(tg, og);
  } catch {
    return null;
  }
  multiplyByMask(tb.data, tm.data);
  const [snx, sny] = og.npix;
  const whole = w.xs0 === 0 && w.ys0 === 0 && w.xs1 === snx && w.ys1 === sny;
  const image = new Uint8Array(snx * sny);
  if (w.xs1 > w.xs0 && w.ys1 > w.ys0) {
    const factors = backgroundFactors(other);
    const [dnx, dny] = tg.npix;
    const planes = tg.planeCount;
    for (let p = 0; p < planes; p++) {
      stackBinsPlane(oc.data, ob.data, om.data, tc.data, tb.data, tm.data, image, p * sny * snx, p * dny * dnx, snx, dnx, w, factors === null ? 1 : factors[p]!);
    }
  }
  return { safeImage: whole ? new WcsNDMap(om.geom.toImage(), image) : null };
}

/** What {@link stackCountsBackgroundMask} did: the other's safe image when it made it. */
interface FusedStack {
  safeImage: WcsNDMap | null;
}

/** One plane of {@link stackCountsBackgroundMask}. */
function stackBinsPlane(
  counts: ArrayLike<number>,
  background: ArrayLike<number>,
  mask: Uint8Array,
  tCounts: Float64Array,
  tBackground: Float64Array,
  tMask: Uint8Array,
  image: Uint8Array,
  so: number,
  dO: number,
  snx: number,
  dnx: number,
  w: Window,
  f: number,
): void {
  // The window's fields read once, before the loops (an OSR-compiled loop then reads none).
  const { xs0, xs1, ys0, ys1, x0, y0 } = w;
  for (let y = ys0; y < ys1; y++) {
    const srow = so + y * snx;
    const drow = dO + (y + y0) * dnx + x0;
    for (let x = xs0; x < xs1; x++) {
      const m = mask[srow + x]!;
      let n = counts[srow + x]!;
      if (!Number.isFinite(n)) n = 0;
      tCounts[drow + x] += n * m;
      let b = background[srow + x]! * f;
      if (!Number.isFinite(b)) b = 0;
      tBackground[drow + x] += b * m;
      if (m !== 0) {
        tMask[drow + x] = 1;
        image[y * snx + x] = 1;
      }
    }
  }
}

function isStackable(d: MapDatasetOnOff): boolean {
  const incomplete = d.acceptanceOff === null || d.acceptance === null || d.countsOff === null;
  return !(incomplete && (d.maskSafe === null || anyNonZero(d.maskSafe.data)));
}

function stackOnOff(target: MapDatasetOnOff, other: MapDatasetOnOff): MapDatasetOnOff {
  const names = `datasets '${target.name}' and '${other.name}'`;
  for (const d of [target, other]) {
    if (!isStackable(d)) {
      throw new DataError(`cannot stack ${names}: '${d.name}' has safe bins but no countsOff, acceptance or acceptanceOff`, {
        hint: "give the off counts and both acceptances",
      });
    }
  }
  if (target.counts === null) throw new DataError(`cannot stack ${names}: '${target.name}' has no counts`, { hint: "give the counts" });
  const geom = target.counts.geom;
  const totalOff = WcsNDMap.fromGeom(geom);
  const totalAlpha = WcsNDMap.fromGeom(geom);
  for (const d of [target, other]) {
    if (d.countsOff === null) continue;
    const a = mapAlpha(d);
    const weights = d.maskSafe === null ? {} : { weights: d.maskSafe };
    totalOff.stack(d.countsOff, weights);
    totalAlpha.stack(d.countsOff.copy({ data: Float64Array.from(d.countsOff.data, (v, i) => a[i]! * v) }), weights);
  }
  let sumOff = 0;
  let sumAlpha = 0;
  for (let i = 0; i < geom.size; i++) {
    sumOff += totalOff.data[i]!;
    sumAlpha += totalAlpha.data[i]!;
  }
  // α_stacked = Σ α_j n_off,j / Σ n_off,j with acceptance 1; bins without off counts take
  // the α averaged over all bins.
  const averageAlpha = sumAlpha / sumOff;
  const accOff = Float64Array.from(totalOff.data, (v, i) => (v === 0 ? 1 / averageAlpha : v / totalAlpha.data[i]!));
  const t = copyAnyMapDataset(target) as Mutable<MapDatasetOnOff>;
  t.acceptance = new WcsNDMap(geom, new Float64Array(geom.size).fill(1));
  t.acceptanceOff = new WcsNDMap(geom, accOff);
  t.countsOff = totalOff;
  stackCommon(t, other, names);
  return t;
}

/**
 * Stacks `other` onto `target` as Gammapy's `target.stack(other)` (the target's own maps
 * are not masked — use {@link mapToMasked} first, as `Datasets.stack` does).
 *
 * @param target - dataset stacked into (unchanged; a new record is returned)
 * @param other - dataset added (same geometry, or a cut-out of the target's pixel grid)
 * @returns the stacked dataset, named as `target`, with the target's models
 * @throws DataError for different kinds, misaligned grids, fixed kernels that differ, IRF
 *   maps without exposure, or incomplete on/off datasets
 * @example
 * ```ts
 * const both = stackMapDatasets(mapToMasked(a, "stacked"), b);
 * both.livetime; // a.livetime + b.livetime
 * ```
 */
export function stackMapDatasets<D extends AnyMapDataset>(target: D, other: D): D {
  if (target.tag !== other.tag) {
    throw new DataError(`cannot stack ${target.tag} '${target.name}' with ${other.tag} '${other.name}'`, {
      hint: "stack datasets of one kind (convert with mapOnOffToMapDataset)",
    });
  }
  return (target.tag === "MapDataset" ? stackCash(target, other as MapDataset) : stackOnOff(target, other as MapDatasetOnOff)) as D;
}

/**
 * As {@link stackMapDatasets}, adding into `target`'s maps instead of copies of them
 * (Gammapy's in-place `stack`): for a loop that owns its working dataset, e.g. one made
 * by {@link copyMapDatasetDeep}, and drops it for the result. Its maps (IRF maps
 * included) are changed and belong to the returned record; on/off datasets are stacked
 * as by {@link stackMapDatasets}.
 *
 * @param target - dataset stacked into; must own its maps, which are changed (do not
 *   use `target` afterwards)
 * @param other - dataset added
 * @returns the stacked dataset (a new record over target's maps)
 * @throws DataError as {@link stackMapDatasets}
 * @example
 * ```ts
 * let stacked = copyMapDatasetDeep(reference, "stacked");
 * for (const d of datasets) stacked = stackMapDatasetsInPlace(stacked, d);
 * ```
 */
export function stackMapDatasetsInPlace<D extends AnyMapDataset>(target: D, other: D): D {
  if (target.tag !== "MapDataset" || other.tag !== "MapDataset") return stackMapDatasets(target, other);
  return stackCash(target, other as MapDataset, true) as D;
}

/**
 * A copy that owns all its maps, PSF and edisp maps included (copyAnyMapDataset shares
 * those), for {@link stackMapDatasetsInPlace}.
 *
 * @param dataset - the dataset
 * @param name - name of the copy; default the dataset's
 * @returns the copy
 */
export function copyMapDatasetDeep<D extends AnyMapDataset>(dataset: D, name?: string): D {
  const d = copyAnyMapDataset(dataset, name) as Mutable<AnyMapDataset>;
  const psf = d.psf;
  if (psf !== null && isPsfMap(psf)) d.psf = makePsfMap(psf.psfMap.copy(), psf.exposureMap?.copy() ?? null);
  const edisp = d.edisp;
  if (edisp !== null && isEdispMap(edisp)) d.edisp = makeEdispKernelMap(edisp.edispMap.copy(), edisp.exposureMap?.copy() ?? null);
  return d as D;
}

/**
 * The dataset with everything outside its safe mask removed (Gammapy's `to_masked`):
 * stacked into an empty dataset on the same geometries (zero maps, zero-exposure IRF maps,
 * all-false safe mask, empty GTI).
 *
 * @param dataset - the dataset
 * @param name - name of the result; default the dataset's
 * @returns the masked dataset (no models)
 * @throws DataError as {@link stackMapDatasets}
 */
export function mapToMasked<D extends AnyMapDataset>(dataset: D, name?: string): D {
  const counts = dataset.counts;
  if (counts === null) throw new DataError(`dataset '${dataset.name}' has no counts to mask`, { hint: "give the counts" });
  const geom = counts.geom;
  const zeros = (g: WcsGeom, unit = ""): WcsNDMap => WcsNDMap.fromGeom(g, { unit });
  const psf = dataset.psf;
  const edisp = dataset.edisp;
  const common: MapDatasetFields = {
    name: name ?? dataset.name,
    counts: zeros(geom),
    exposure: dataset.exposure === null ? null : zeros(dataset.exposure.geom, dataset.exposure.unit),
    psf: psf === null ? null : isPsfMap(psf) ? zeroPsfMap(psf.psfMap.geom) : psf,
    edisp: edisp === null ? null : isEdispMap(edisp) ? diagonalEdispKernelMap(edisp.edispMap.geom) : edisp,
    maskSafe: WcsNDMap.fromGeom(geom, { dtype: "bool" }),
    maskFit: null,
    livetime: null,
    gti: createGti([], []),
    metaTable: null,
    models: null,
  };
  const empty: AnyMapDataset =
    dataset.tag === "MapDataset"
      ? { ...common, tag: "MapDataset", background: zeros(geom) }
      : { ...common, tag: "MapDatasetOnOff", countsOff: zeros(geom), acceptance: zeros(geom), acceptanceOff: zeros(geom) };
  // The empty dataset is this function's own: stacked into in place (no copy of its zero maps).
  return stackMapDatasetsInPlace(empty as D, dataset);
}
