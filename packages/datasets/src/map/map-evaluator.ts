/**
 * Predicted counts of one sky model on a map dataset, as Gammapy's `MapEvaluator`: the
 * exposure is cut out around the model (evaluation radius + PSF kernel width + margins,
 * odd pixel counts), the spatial model integrated over the pixels and convolved with the
 * PSF kernel per true-energy plane, times the spectrum integrated over the true-energy bins
 * and the exposure, then folded through the edisp kernel into reco energy.
 *
 * Hot path (npred inside a fit): nothing is allocated per call but the spectral integral.
 * The cut-out, PSF kernel, edisp kernel and exposure cut-out are kept until the model has
 * moved by more than its evaluation radius + 0.1 deg (see `needsUpdate`); the spatial
 * part (integration, convolution, × exposure) is recomputed only when a spatial parameter
 * changed, and a few of its last results are kept by exact spatial parameter values (a
 * fit's numerical gradient steps lon_0 up, down, then back: the state it returns to was
 * computed already); the spectral fold runs on every call with changed parameters.
 */
import { DataError, vincentySeparation } from "@gammats/core";
import { FftConvolvePlan, blockFootprint, convolveBlockTimes, convolveSame, convolveSameAt, convolveSameSparse, countNonZero, fftConvolveCost, isFiniteBlock2x2, nonZeroPixels, padKernel } from "@gammats/maps";
import type { MapAxis, WcsGeom, WcsNDMap } from "@gammats/maps";
import type { Parameter, SkyModel } from "@gammats/modeling";
import { gtiMjd } from "../gti.js";
import type { Gti } from "../gti.js";
import { edispKernelAt, psfKernelAt, psfKernelWidthAt } from "./irf-maps.js";
import type { MapDatasetEdisp, MapDatasetPsf, SkyDirection } from "./irf-maps.js";
import { SpatialIntegrator } from "./spatial-integration.js";

/**
 * Spatial results (S·E per true plane) kept per evaluator besides the current one, while
 * a result is at most {@link SPATIAL_CACHE_MAX_VALUES} values.
 */
const SPATIAL_CACHE_SIZE = 4;
const SPATIAL_CACHE_MAX_VALUES = 1 << 18;

/** One spatial result, S·E per true plane, and the spatial parameter values it was made for. */
interface SpatialState {
  readonly key: Float64Array;
  readonly se: Float64Array;
  /** x0, x1, y0, y1: every plane of se is ±0 outside columns [x0, x1) of rows [y0, y1). */
  readonly box: Int32Array;
}

/** Margin added to the evaluation radius for cut-outs and position tracking [deg] (Gammapy's CUTOUT_MARGIN). */
export const CUTOUT_MARGIN = 0.1;

/** What an evaluator takes from its dataset. */
export interface EvaluatorContext {
  /** Full exposure [cm2 s] on axis energy_true. */
  readonly exposure: WcsNDMap;
  /** PSF map or kernel, or null. */
  readonly psf: MapDatasetPsf | null;
  /** Edisp kernel map or kernel, or null. */
  readonly edisp: MapDatasetEdisp | null;
  /** Reco energy axis of the counts. */
  readonly recoAxis: MapAxis;
  /** GTIs for temporal models, or null. */
  readonly gti: Gti | null;
}

const D2R = Math.PI / 180;

function separationDeg(lon1: number, lat1: number, lon2: number, lat2: number): number {
  return vincentySeparation((lon2 - lon1) * D2R, lat1 * D2R, lat2 * D2R) / D2R;
}

/**
 * Copies parameter values into `snapshot`; returns whether any differed (how the
 * evaluators and the npred workspace notice parameter changes).
 *
 * @param params - the parameters
 * @param snapshot - their last seen values, updated
 */
export function refreshSnapshot(params: readonly Parameter[], snapshot: Float64Array): boolean {
  let changed = false;
  for (let i = 0; i < params.length; i++) {
    const v = params[i]!.value;
    if (!(v === snapshot[i])) {
      snapshot[i] = v;
      changed = true;
    }
  }
  return changed;
}

/**
 * Evaluates one sky model on one dataset (Gammapy's `MapEvaluator`, evaluation mode
 * "local", npred cache on).
 *
 * @example
 * ```ts
 * const ev = new MapEvaluator(model, { exposure, psf, edisp, recoAxis, gti: null });
 * if (ev.needsUpdate()) ev.update(maskImage);
 * if (ev.contributes) ev.computeNpred(); // ev.npred on ev.geom, offset ev.offset in the dataset
 * ```
 */
export class MapEvaluator {
  /** The model. */
  readonly model: SkyModel;
  /** "local" (cut-out around the model) or "global" (whole map: no spatial model or no evaluation radius). */
  readonly mode: "local" | "global";
  /** Whether the model reaches the fit mask (false: it adds nothing). */
  contributes = true;
  /** Predicted counts on {@link geom} (reco energy), valid after {@link computeNpred}. */
  npred: Float64Array = new Float64Array(0);
  private readonly ctx: EvaluatorContext;
  private readonly spatialParams: readonly Parameter[];
  private readonly allParams: readonly Parameter[];
  private readonly spatialSnapshot: Float64Array;
  private readonly allSnapshot: Float64Array;
  private readonly edgesLo: Float64Array;
  private readonly edgesHi: Float64Array;
  private readonly gtiStart: Float64Array | null;
  private readonly gtiStop: Float64Array | null;
  private updated = false;
  private cachedLon = 0;
  private cachedLat = 0;
  private cutout: WcsNDMap | null = null;
  private recoGeom: WcsGeom | null = null;
  private x0 = 0;
  private y0 = 0;
  private psfData: Float64Array | null = null;
  /** psfData's planes with a zero border (padKernel), made on the first point-source convolution after loadIrfs. */
  private paddedPsf: Float64Array[] | null = null;
  private psfPlanes = 0;
  private ky = 0;
  private kx = 0;
  private psfWidthDeg = 0;
  private fft: FftConvolvePlan | null = null;
  private pdf: Float64Array | null = null;
  private integrator: SpatialIntegrator | null = null;
  private spatial = new Float64Array(0);
  private convolved = new Float64Array(0);
  private se: Float64Array = new Float64Array(0);
  /** se's box of possibly non-zero values (see SpatialState.box); the whole cut-out unless known smaller. */
  private seBox: Int32Array = new Int32Array(4);
  /**
   * The spatial results since the last update, most recent first; se is the first's. They
   * depend on the spatial parameters only (the cut-out, kernels and exposure stay fixed
   * until the next update, which empties the list): a result for the same values is the
   * same array of numbers.
   */
  private spatialStates: SpatialState[] = [];
  private weights = new Float64Array(0);
  /** Scratch of the fold: the non-zero weights of one reco bin and their true planes' offsets. */
  private activeW = new Float64Array(0);
  private activeO = new Int32Array(0);
  /** Scratch of the convolution: the non-zero pixels of a single-plane spatial image. */
  private nonZeroIdx = new Int32Array(0);
  private spatialValid = false;
  /** Whether pdf and psfData hold the kernels at the last update's position. */
  private irfsReady = false;
  /** The model position at the last update, where the kernels are taken. */
  private irfPosition: SkyDirection | undefined = undefined;
  private npredValid = false;

  /**
   * @param model - the sky model
   * @param ctx - the dataset's exposure, PSF, edisp, reco axis and GTI
   */
  constructor(model: SkyModel, ctx: EvaluatorContext) {
    this.model = model;
    this.ctx = ctx;
    this.mode = model.spatial === undefined || model.spatial.evaluationRadius === undefined ? "global" : "local";
    this.spatialParams = model.spatial?.parameters.list ?? [];
    this.allParams = model.parameters.list;
    this.spatialSnapshot = new Float64Array(this.spatialParams.length).fill(NaN);
    this.allSnapshot = new Float64Array(this.allParams.length).fill(NaN);
    const edges = ctx.exposure.geom.axes[0]!.edgesIn("TeV");
    this.edgesLo = edges.slice(0, -1);
    this.edgesHi = edges.slice(1);
    const mjd = ctx.gti === null ? null : gtiMjd(ctx.gti);
    this.gtiStart = mjd?.start ?? null;
    this.gtiStop = mjd?.stop ?? null;
  }

  /** Geometry of {@link npred}: the cut-out (or whole map) with the reco axis. */
  get geom(): WcsGeom {
    if (this.recoGeom === null) throw new DataError(`evaluator of model '${this.model.name}' used before update()`, { hint: "call update() first" });
    return this.recoGeom;
  }

  /** Pixel offset [x0, y0] of {@link geom} in the dataset geometry. */
  get offset(): readonly [number, number] {
    return [this.x0, this.y0];
  }

  /** Column of {@link geom}'s pixel 0 in the dataset geometry (allocation-free {@link offset}). */
  get offsetX(): number {
    return this.x0;
  }

  /** Row of {@link geom}'s pixel 0 in the dataset geometry. */
  get offsetY(): number {
    return this.y0;
  }

  /** Width of the PSF kernel [deg] (0 without a PSF). */
  get psfWidth(): number {
    return this.psfWidthDeg;
  }

  /**
   * Whether the cut-out, kernels and contribution must be recomputed, as Gammapy's
   * `needs_update`: never updated; else, for a contributing local model whose spatial
   * parameters changed since the last evaluation, when its position is more than the
   * evaluation radius + 0.1 deg from the position of the last such check. That position
   * starts at (0, 0) as in Gammapy, so the first spatial change re-centres the cut-out.
   * Unlike Gammapy, a model that missed the mask is checked again by the same rule: in
   * Gammapy it stays out for good, so a single far trial point of a fit's line search
   * (e.g. a position 3 deg away, outside one run's field of view in a joint fit) would
   * silence the source in that dataset for the rest of the fit.
   *
   * @returns true when {@link update} should run
   */
  needsUpdate(): boolean {
    if (!this.updated) return true;
    if (this.mode === "global") return false;
    const params = this.spatialParams;
    let changed = false;
    for (let i = 0; i < params.length; i++) if (!(params[i]!.value === this.spatialSnapshot[i])) changed = true;
    if (!changed) return false;
    const pos = this.model.position;
    const radius = this.model.spatial?.evaluationRadius;
    if (pos === undefined || radius === undefined) return false;
    if (separationDeg(this.cachedLon, this.cachedLat, pos.lon, pos.lat) <= radius + CUTOUT_MARGIN) return false;
    this.cachedLon = pos.lon;
    this.cachedLat = pos.lat;
    return true;
  }

  /**
   * Decides whether the model reaches the mask and cuts the exposure out around it
   * (Gammapy's `MapEvaluator.update`); the kernels at this position are looked up by the
   * next {@link computeNpred} (only the PSF kernel's width is needed here).
   *
   * @param maskImage - the dataset's mask reduced over energy (bool image), or null for all pixels
   * @throws DataError when a model without edisp meets different true and reco axes
   */
  update(maskImage: WcsNDMap | null): void {
    const { model, ctx } = this;
    const pos = model.position;
    const nt = this.edgesLo.length;
    // The kernels themselves are looked up on the first computeNpred: a model is often
    // judged (contributes, cut-out) at a position the fit then leaves at once.
    this.irfsReady = false;
    this.irfPosition = pos === undefined ? undefined : { lon: pos.lon, lat: pos.lat, frame: pos.frame };
    this.pdf = null;
    this.psfData = null;
    this.paddedPsf = null;
    this.psfWidthDeg = ctx.psf !== null && model.spatial !== undefined ? psfKernelWidthAt(ctx.psf, ctx.exposure.geom, pos) : 0;
    let cutout = ctx.exposure;
    this.contributes = true;
    if (this.mode === "local" && pos !== undefined) {
      const radius = model.spatial!.evaluationRadius!;
      this.contributes = contributesTo(maskImage, pos, 2 * radius + CUTOUT_MARGIN + this.psfWidthDeg);
      if (this.contributes) cutout = ctx.exposure.cutout(pos, this.psfWidthDeg + 2 * (radius + CUTOUT_MARGIN), { oddNpix: true });
    }
    this.cutout = cutout;
    this.recoGeom = cutout.geom.withAxes([ctx.recoAxis]);
    [this.x0, this.y0] = cutout === ctx.exposure ? [0, 0] : ctx.exposure.geom.offsetOf(cutout.geom);
    this.updated = true;
    this.spatialValid = false;
    this.npredValid = false;
    if (!this.contributes) return;
    const npix = cutout.geom.npix[0] * cutout.geom.npix[1];
    const nr = ctx.edisp !== null && model.applyIrf.edisp ? ctx.recoAxis.nbin : nt;
    if (ctx.edisp === null || !model.applyIrf.edisp) {
      if (nt !== ctx.recoAxis.nbin) {
        throw new DataError(`model '${model.name}' has no energy dispersion applied, but there are ${nt} true and ${ctx.recoAxis.nbin} reco energy bins`, {
          hint: "give the dataset an edisp, or use the same true and reco energy axes",
        });
      }
    }
    const spatial = model.spatial;
    this.integrator = spatial === undefined ? null : new SpatialIntegrator(spatial, spatial.isEnergyDependent ? cutout.geom : cutout.geom.toImage());
    const spatialPlanes = this.integrator?.planes ?? 1;
    this.spatial = new Float64Array(spatialPlanes * npix);
    this.convolved = ctx.psf !== null && spatial !== undefined && model.applyIrf.psf ? new Float64Array(nt * npix) : new Float64Array(0);
    // The FFT plan (kernel spectra) is made on first use: sparse images never need it.
    this.fft = null;
    this.se = new Float64Array(nt * npix);
    this.spatialStates = [];
    this.weights = new Float64Array(nt * nr);
    this.activeW = new Float64Array(nt);
    this.activeO = new Int32Array(nt);
    this.npred = new Float64Array(nr * npix);
  }

  /**
   * The edisp and PSF kernels at the position of the last {@link update} (Gammapy's
   * `MapEvaluator.update` looks them up there).
   *
   * @throws DataError when the kernels do not fit the axes or the map's pixels
   */
  private loadIrfs(): void {
    const { model, ctx } = this;
    const pos = this.irfPosition;
    const nt = this.edgesLo.length;
    if (ctx.edisp !== null) {
      const kernel = edispKernelAt(ctx.edisp, pos);
      if (kernel.nTrue !== nt || kernel.nReco !== ctx.recoAxis.nbin) {
        throw new DataError(`edisp kernel of ${kernel.nTrue}×${kernel.nReco} bins for ${nt} true and ${ctx.recoAxis.nbin} reco bins`, {
          hint: "make the edisp on the exposure's true and the counts' reco axes",
        });
      }
      this.pdf = kernel.pdfMatrix;
    }
    if (ctx.psf !== null && model.spatial !== undefined) {
      const kmap = psfKernelAt(ctx.psf, ctx.exposure.geom, pos).psfKernelMap;
      const shape = kmap.shape;
      this.ky = shape[shape.length - 2]!;
      this.kx = shape[shape.length - 1]!;
      this.psfPlanes = kmap.geom.planeCount;
      if (this.psfPlanes !== 1 && this.psfPlanes !== nt) {
        throw new DataError(`PSF kernel has ${this.psfPlanes} planes for ${nt} true-energy bins`, { hint: "make the kernel on the exposure's true-energy axis" });
      }
      const [sx, sy] = kmap.geom.pixelScales;
      const [ex, ey] = ctx.exposure.geom.pixelScales;
      if (Math.abs(sx - ex) > 1e-5 * ex || Math.abs(sy - ey) > 1e-5 * ey) {
        throw new DataError(`PSF kernel pixels of ${sx} deg differ from the map's ${ex} deg`, { hint: "make the kernel on the dataset geometry" });
      }
      this.psfData = kmap.data instanceof Float64Array ? kmap.data : Float64Array.from(kmap.data);
      this.paddedPsf = null;
    }
    this.irfsReady = true;
  }

  /**
   * Predicted counts of the model on {@link geom}, recomputing only what the changed
   * parameters affect. Call after {@link update}; only when {@link contributes}.
   *
   * @returns {@link npred} (owned by the evaluator; overwritten by the next call)
   * @throws DataError for a temporal model without GTIs, or kernels that do not fit the axes
   */
  computeNpred(): Float64Array {
    const changed = refreshSnapshot(this.allParams, this.allSnapshot);
    if (!changed && this.npredValid) return this.npred;
    if (!this.irfsReady) this.loadIrfs();
    if (refreshSnapshot(this.spatialParams, this.spatialSnapshot) || !this.spatialValid) this.selectSpatial();
    this.fold(this.spectralFlux());
    this.npredValid = true;
    return this.npred;
  }

  /**
   * Points se at the spatial result for the current spatial parameters: a kept one when
   * the values are the same, else computed into the least recently used buffer (a new one
   * while fewer than 1 + SPATIAL_CACHE_SIZE are kept).
   */
  private selectSpatial(): void {
    const states = this.spatialStates;
    const key = this.spatialSnapshot;
    if (this.spatialValid) {
      for (let i = 0; i < states.length; i++) {
        if (!sameValues(states[i]!.key, key)) continue;
        const hit = states[i]!;
        states.splice(i, 1);
        states.unshift(hit);
        this.se = hit.se;
        this.seBox = hit.box;
        return;
      }
    }
    let state: SpatialState;
    if (states.length === 0) state = { key: new Float64Array(key.length), se: this.se, box: new Int32Array(4) };
    else if (states.length <= SPATIAL_CACHE_SIZE && this.se.length <= SPATIAL_CACHE_MAX_VALUES) {
      state = { key: new Float64Array(key.length), se: new Float64Array(this.se.length), box: new Int32Array(4) };
    }
    else state = states.pop()!;
    // Not kept until computed: an exception leaves no state with a key and half a result.
    const at = states.indexOf(state);
    if (at >= 0) states.splice(at, 1);
    this.se = state.se;
    this.seBox = state.box;
    this.spatialValid = false;
    this.computeSpatial();
    state.key.set(key);
    states.unshift(state);
  }

  /** S(t, pixel) × exposure: integrated, PSF-convolved spatial model times the exposure. */
  private computeSpatial(): void {
    const exposure = this.cutout!.data as Float64Array;
    const [nx, ny] = this.cutout!.geom.npix;
    const npix = nx * ny;
    const nt = this.edgesLo.length;
    if (this.integrator !== null) this.integrator.integrate(this.spatial);
    else this.spatial.fill(1);
    const spatialPlanes = this.spatial.length / npix;
    const box = this.seBox; // the whole cut-out until a block's footprint says less
    box[0] = 0;
    box[1] = nx;
    box[2] = 0;
    box[3] = ny;
    let s = this.spatial;
    let sPlanes = spatialPlanes;
    if (this.convolved.length > 0 && spatialPlanes === 1 && this.model.applyIrf.exposure && this.convolveBlock(exposure)) {
      this.spatialValid = true;
      return;
    }
    if (this.convolved.length > 0) {
      this.convolve(spatialPlanes);
      s = this.convolved;
      sPlanes = nt;
    }
    if (this.model.applyIrf.exposure) timesExposure(s, sPlanes > 1 ? npix : 0, exposure, nt, npix, this.se);
    else for (let t = 0; t < nt; t++) this.se.set(s.subarray((sPlanes > 1 ? t : 0) * npix, ((sPlanes > 1 ? t : 0) + 1) * npix), t * npix);
    this.spatialValid = true;
  }

  /**
   * A point source's integrated image — a finite 2 x 2 block of non-zero pixels — convolved
   * with the PSF and times the exposure straight into se, one pass per plane (the values
   * of {@link convolve} then {@link timesExposure}, bit for bit). False, doing nothing, for
   * any other image.
   */
  private convolveBlock(exposure: Float64Array): boolean {
    const [nx, ny] = this.cutout!.geom.npix;
    const npix = nx * ny;
    if (this.nonZeroIdx.length < npix) this.nonZeroIdx = new Int32Array(npix);
    const count = nonZeroPixels(this.spatial, 0, npix, this.nonZeroIdx);
    if (!isFiniteBlock2x2(this.nonZeroIdx, count, this.spatial, 0, nx)) return false;
    const { ky, kx } = this;
    const ksize = ky * kx;
    // Only where convolve would take convolveSameAt (whose sums these are).
    if (!(count * ksize < Math.min(npix * ksize, fftConvolveCost(ny, nx, ky, kx)))) return false;
    if (this.paddedPsf === null) {
      const planes: Float64Array[] = [];
      for (let q = 0; q < this.psfPlanes; q++) planes.push(padKernel(this.psfData!, q * ksize, ky, kx));
      this.paddedPsf = planes;
    }
    const p = this.nonZeroIdx[0]!;
    const nt = this.edgesLo.length;
    let zeroOutside = true;
    for (let t = 0; t < nt; t++) {
      const k = this.paddedPsf[this.psfPlanes > 1 ? t : 0]!;
      if (!convolveBlockTimes(p, this.spatial, 0, ny, nx, k, ky, kx, exposure, t * npix, this.se, t * npix)) zeroOutside = false;
    }
    // Outside the block's footprint every plane is ±0 unless some exposure there is not finite.
    if (zeroOutside) blockFootprint(p, ny, nx, ky, kx, this.seBox);
    return true;
  }

  /**
   * PSF-convolved spatial model per true-energy plane into `convolved`, by the cheapest
   * route: over the non-zero pixels only (a point source has at most four), directly, or
   * by FFT with the kernel spectra computed once per kernel.
   */
  private convolve(spatialPlanes: number): void {
    const [nx, ny] = this.cutout!.geom.npix;
    const npix = nx * ny;
    const nt = this.edgesLo.length;
    const { ky, kx } = this;
    const ksize = ky * kx;
    const psf = this.psfData!;
    let nonZero = 0;
    if (spatialPlanes === 1) {
      // One image for every plane: its non-zero pixels listed once.
      if (this.nonZeroIdx.length < npix) this.nonZeroIdx = new Int32Array(npix);
      nonZero = nonZeroPixels(this.spatial, 0, npix, this.nonZeroIdx);
    } else for (let p = 0; p < spatialPlanes; p++) nonZero = Math.max(nonZero, countNonZero(this.spatial, p * npix, npix));
    const direct = npix * ksize;
    const fft = fftConvolveCost(ny, nx, ky, kx);
    if (nonZero * ksize < Math.min(direct, fft) && spatialPlanes === 1) {
      for (let t = 0; t < nt; t++) {
        const ko = (this.psfPlanes > 1 ? t : 0) * ksize;
        convolveSameAt(this.nonZeroIdx, nonZero, this.spatial, 0, ny, nx, psf, ko, ky, kx, this.convolved, t * npix);
      }
    } else if (nonZero * ksize < Math.min(direct, fft)) {
      for (let t = 0; t < nt; t++) {
        const so = (spatialPlanes > 1 ? t : 0) * npix;
        const ko = (this.psfPlanes > 1 ? t : 0) * ksize;
        convolveSameSparse(this.spatial, so, ny, nx, psf, ko, ky, kx, this.convolved, t * npix);
      }
    } else if (fft < direct) {
      this.fft ??= new FftConvolvePlan(ny, nx, ky, kx).setKernel(psf, this.psfPlanes);
      this.fft.convolve(this.spatial, nt, this.convolved);
    } else {
      for (let t = 0; t < nt; t++) {
        const src = this.spatial.subarray((spatialPlanes > 1 ? t : 0) * npix, ((spatialPlanes > 1 ? t : 0) + 1) * npix);
        const k = psf.subarray((this.psfPlanes > 1 ? t : 0) * ksize, ((this.psfPlanes > 1 ? t : 0) + 1) * ksize);
        convolveSame(src, ny, nx, k, ky, kx, this.convolved.subarray(t * npix, (t + 1) * npix));
      }
    }
  }

  /** ∫ dN/dE over each true bin [cm-2 s-1], times the temporal norm over the GTIs. */
  private spectralFlux(): Float64Array {
    const flux = this.model.spectral.integral(this.edgesLo, this.edgesHi);
    const temporal = this.model.temporal;
    if (temporal !== undefined) {
      if (this.gtiStart === null || this.gtiStop === null) {
        throw new DataError(`model '${this.model.name}' has a temporal part but the dataset has no GTI`, { hint: "give the dataset its GTIs" });
      }
      const norms = temporal.integral(this.gtiStart, this.gtiStop);
      let norm = 0;
      for (let i = 0; i < norms.length; i++) norm += norms[i]!;
      for (let t = 0; t < flux.length; t++) flux[t]! *= norm;
    }
    return flux;
  }

  /** npred(r, pixel) = Σ_t flux(t) pdf(t, r) · S·E(t, pixel); the identity without edisp. */
  private fold(flux: Float64Array): void {
    const npix = this.se.length / flux.length;
    const nt = flux.length;
    const out = this.npred;
    if (this.pdf === null || !this.model.applyIrf.edisp) {
      for (let t = 0; t < nt; t++) {
        const f = flux[t]!;
        const o = t * npix;
        for (let k = 0; k < npix; k++) out[o + k] = f * this.se[o + k]!;
      }
      return;
    }
    const nr = out.length / npix;
    const pdf = this.pdf;
    const w = this.weights;
    for (let t = 0; t < nt; t++) for (let r = 0; r < nr; r++) w[t * nr + r] = flux[t]! * pdf[t * nr + r]!;
    const activeW = this.activeW;
    const activeO = this.activeO;
    const box = this.seBox;
    const nx = this.cutout!.geom.npix[0];
    const boxed = box[1]! - box[0]! < nx || (box[3]! - box[2]!) * nx < npix;
    for (let r = 0; r < nr; r++) {
      // The true bins that reach this reco bin, in order (a zero weight adds nothing).
      let n = 0;
      let finite = true;
      for (let t = 0; t < nt; t++) {
        const wt = w[t * nr + r]!;
        if (wt === 0) continue;
        activeW[n] = wt;
        activeO[n] = t * npix;
        if (!Number.isFinite(wt)) finite = false;
        n++;
      }
      const o = r * npix;
      if (!boxed || !finite) {
        foldRow(this.se, activeW, activeO, n, out, o, 0, npix);
        continue;
      }
      foldBox(this.se, activeW, activeO, n, out, o, nx, npix, box);
    }
  }
}

/** Whether two value lists are equal element by element (NaN equals nothing, as the snapshots). */
function sameValues(a: Float64Array, b: Float64Array): boolean {
  for (let i = 0; i < a.length; i++) if (!(a[i] === b[i])) return false;
  return true;
}

/**
 * out[t, k] = s[t · sStride + k] · exposure[t, k] for nt planes of npix pixels (sStride 0:
 * one image for every plane). A small function of its own: it runs a few dozen times per
 * fit, and V8 optimises a small function sooner than a loop inside a big one.
 */
function timesExposure(s: Float64Array, sStride: number, exposure: Float64Array, nt: number, npix: number, out: Float64Array): void {
  for (let t = 0; t < nt; t++) {
    const so = t * sStride;
    const o = t * npix;
    for (let k = 0; k < npix; k++) out[o + k] = s[so + k]! * exposure[o + k]!;
  }
}

/**
 * One reco plane of the fold when se is ±0 outside a box (x0, x1, y0, y1) and the weights
 * are finite: there every term is a finite weight times ±0 and each sum stays +0. The
 * pixels from the box's first to its last (row-major, one span: one call is cheaper than a
 * call per row, and the few outside the box in between get their usual sums) are summed,
 * the rest set to 0.
 */
function foldBox(se: Float64Array, w: Float64Array, so: Int32Array, n: number, out: Float64Array, o: number, nx: number, npix: number, box: Int32Array): void {
  const k0 = box[2]! * nx + box[0]!;
  const k1 = (box[3]! - 1) * nx + box[1]!;
  out.fill(0, o, o + k0);
  foldRow(se, w, so, n, out, o, k0, k1);
  out.fill(0, o + k1, o + npix);
}

/**
 * One reco plane of the fold over pixels [k0, k1): out[o + k] = Σ_a w[a] · se[so[a] + k],
 * summed from 0 in the order of the list (the same sums as accumulating plane after plane
 * into a zeroed row, with one store per pixel instead of one per true bin).
 */
function foldRow(se: Float64Array, w: Float64Array, so: Int32Array, n: number, out: Float64Array, o: number, k0: number, k1: number): void {
  if (n === 0) {
    out.fill(0, o + k0, o + k1);
    return;
  }
  // Four pixels at a time: four independent sums, each weight and offset read once.
  let k = k0;
  for (; k + 4 <= k1; k += 4) {
    let s0 = 0;
    let s1 = 0;
    let s2 = 0;
    let s3 = 0;
    for (let a = 0; a < n; a++) {
      const wa = w[a]!;
      const b = so[a]! + k;
      s0 += wa * se[b]!;
      s1 += wa * se[b + 1]!;
      s2 += wa * se[b + 2]!;
      s3 += wa * se[b + 3]!;
    }
    out[o + k] = s0;
    out[o + k + 1] = s1;
    out[o + k + 2] = s2;
    out[o + k + 3] = s3;
  }
  for (; k < k1; k++) {
    let sum = 0;
    for (let a = 0; a < n; a++) sum += w[a]! * se[so[a]! + k]!;
    out[o + k] = sum;
  }
}

/**
 * Whether a model reaches a mask (Gammapy's `SkyModel.contributes`): any selected pixel in
 * the cut-out of width 2 r + 0.1 deg + PSF width around the model; false when the cut-out
 * misses the map.
 */
function contributesTo(maskImage: WcsNDMap | null, pos: { lon: number; lat: number; frame: string }, width: number): boolean {
  if (maskImage === null) return true;
  try {
    const cut = maskImage.cutout(pos, width);
    for (let i = 0; i < cut.data.length; i++) if (cut.data[i] !== 0) return true;
    return false;
  } catch (e) {
    if (e instanceof DataError) return false;
    throw e;
  }
}
