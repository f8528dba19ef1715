/**
 * TSMapEstimator (Gammapy 1.0): per pixel, the amplitude of a source kernel on top of the
 * dataset's predicted counts, with its TS, errors and upper limit, per energy bin.
 */
import { DataError } from "@gammats/core";
import { MapAxis } from "@gammats/maps";
import { PointSpatialModel, PowerLawSpectralModel, SkyModel } from "@gammats/modeling";
import { energySlice } from "../energy-slices.js";
import { FluxMaps } from "./flux-maps.js";
import { angleOption, resolveMapSelection } from "./map-options.js";
import type { MapOptionalStep } from "./map-options.js";
import type { MapEstimatorDataset } from "./map-estimator-dataset.js";
import { cropCube, upsampleCube } from "./map-resample.js";
import { prepareTsDataset, tsPadWidth } from "./ts-dataset-prep.js";
import { tsKernel } from "./ts-kernel.js";
import { tsPsfKernel } from "./ts-psf-kernel.js";
import type { TsMapDataset } from "./ts-psf-kernel.js";
import { tsImageMaps } from "./ts-image.js";
import type { TsFitOptions } from "./ts-norm-fit.js";

/** Options of {@link TSMapEstimator}; defaults are Gammapy's. */
export interface TSMapEstimatorOptions {
  /**
   * Source model: its spatial part (PointSpatialModel or GaussianSpatialModel) shapes the
   * kernel, its spectrum is the flux reference. Default: point source, power law of index 2.
   */
  model?: SkyModel;
  /** Width of the kernel geometry [deg or angle string]; default the map's larger width. */
  kernelWidth?: number | string;
  /** Downsample the maps by this integer factor for the fit, then upsample. Default none. */
  downsamplingFactor?: number;
  /** Number of sigma of norm_err, norm_errn, norm_errp. Default 1. */
  nSigma?: number;
  /** Number of sigma of the upper limits. Default 2. */
  nSigmaUl?: number;
  /** Fit only where the TS of the quick estimate exceeds this; default always fit. */
  threshold?: number;
  /** Relative precision of the norm. Default 0.01. */
  rtol?: number;
  /** Optional maps: "all", or some of "errn-errp", "ul". Default none. */
  selectionOptional?: "all" | readonly MapOptionalStep[];
  /** Energy edges of the maps [TeV], each bin snapped to the data bins; default one bin. */
  energyEdges?: ArrayLike<number>;
}

/**
 * TS maps (Gammapy's `TSMapEstimator` with `sum_over_energy_groups`): in each energy bin
 * the dataset is summed into an image; around every pixel a cut-out of the kernel's size is
 * fitted with npred = background + norm × kernel × exposure (Cash statistic, Brent's root
 * of its derivative to `rtol`). The background is the dataset's total npred, so the maps
 * are relative to its models.
 *
 * Maps: ts, norm, niter, norm_err, npred, npred_excess, stat, stat_null, success, and
 * with the optional steps norm_errp, norm_errn, norm_ul; sqrt_ts and flux maps through
 * {@link FluxMaps}. Pixels that are masked or have no predicted counts are NaN.
 *
 * @example
 * ```ts
 * const estimator = new TSMapEstimator({ kernelWidth: "0.3 deg", selectionOptional: "all" });
 * const maps = estimator.run(dataset);
 * maps.sqrtTs;       // signed significance per pixel
 * maps.sed("flux");  // norm × ∫ reference spectrum [cm-2 s-1]
 * ```
 */
export class TSMapEstimator {
  /** Source model. */
  readonly model: SkyModel;
  /** Kernel width [deg]; undefined = map width. */
  readonly kernelWidth: number | undefined;
  /** Downsampling factor. */
  readonly downsamplingFactor: number | undefined;
  /** Fit settings. */
  readonly fitOptions: Readonly<TsFitOptions>;
  /** Optional steps. */
  readonly selectionOptional: readonly MapOptionalStep[];
  /** Energy edges [TeV]; undefined = one bin. */
  readonly energyEdges: Float64Array | undefined;

  /**
   * @param options - see {@link TSMapEstimatorOptions}
   * @throws ConfigError for a bad width, factor or optional step
   */
  constructor(options: TSMapEstimatorOptions = {}) {
    this.model =
      options.model ?? new SkyModel({ spectral: new PowerLawSpectralModel(), spatial: new PointSpatialModel(), name: "ts-kernel" });
    this.kernelWidth = options.kernelWidth === undefined ? undefined : angleOption(options.kernelWidth, "kernelWidth");
    const f = options.downsamplingFactor;
    if (f !== undefined && !(Number.isInteger(f) && f >= 1)) {
      throw new DataError(`TSMapEstimator: downsamplingFactor must be a positive integer, got ${f}`, { hint: "use e.g. 2 or 4" });
    }
    this.downsamplingFactor = f;
    this.selectionOptional = resolveMapSelection(options.selectionOptional);
    this.fitOptions = {
      rtol: options.rtol ?? 0.01,
      nSigma: options.nSigma ?? 1,
      nSigmaUl: options.nSigmaUl ?? 2,
      threshold: options.threshold,
      errnErrp: this.selectionOptional.includes("errn-errp"),
      ul: this.selectionOptional.includes("ul"),
    };
    this.energyEdges = options.energyEdges === undefined ? undefined : Float64Array.from(options.energyEdges);
  }

  /** Quantities computed, in Gammapy's order. */
  get selectionAll(): string[] {
    const names = ["ts", "norm", "niter", "norm_err", "npred", "npred_excess", "stat", "stat_null", "success"];
    if (this.fitOptions.errnErrp) names.push("norm_errp", "norm_errn");
    if (this.fitOptions.ul) names.push("norm_ul");
    return names;
  }

  /**
   * Computes the TS maps of one dataset.
   *
   * With a PSF (`dataset.psf`, e.g. from `tsMapDataset`) the kernel is Gammapy's:
   * the model convolved with the PSF at the map centre and weighted over true energy by
   * the exposure there, the spectrum and the edisp, one kernel per energy bin; without
   * one, the bare spatial model.
   *
   * @param dataset - a map dataset with exposure (Cash; see {@link MapEstimatorDataset}),
   *   optionally with its PSF
   * @returns the maps on the dataset's image and the estimator's energy bins
   * @throws DataError for an on-off dataset, a dataset without exposure or energy axis, an
   *   energy bin outside the data, or an unsupported kernel model
   */
  run(dataset: TsMapDataset): FluxMaps {
    const geom = dataset.geom;
    const axis = geom.axes[0];
    if (geom.axes.length !== 1 || axis?.name !== "energy") {
      throw new DataError(`TSMapEstimator: dataset '${dataset.name ?? ""}' needs one axis 'energy'`, { hint: "TS maps work on 3D map datasets" });
    }
    if (dataset.onOff !== undefined) {
      throw new DataError("TSMapEstimator: on-off datasets are not supported (Gammapy fits Cash datasets)", { hint: "convert to a MapDataset first" });
    }
    if (dataset.exposure === undefined) {
      throw new DataError(`TSMapEstimator: dataset '${dataset.name ?? ""}' has no exposure`, { hint: "TS maps need an exposure map" });
    }
    const spatial = this.model.spatial;
    if (spatial === undefined) throw new DataError("TSMapEstimator: the model has no spatial part", { hint: "use a point or Gaussian model" });
    const [nx, ny] = geom.npix;
    const withPsf = dataset.psf !== undefined;
    const k0 = withPsf ? tsPsfKernel(dataset, this.model, this.kernelWidth, undefined) : tsKernel(geom, spatial, this.kernelWidth);
    const [padY, padX] = tsPadWidth(ny, nx, k0.geom.npix[1], k0.geom.npix[0], this.downsamplingFactor);
    const prepared = prepareTsDataset(dataset, padY, padX, this.downsamplingFactor);
    const kernel = this.downsamplingFactor !== undefined && this.downsamplingFactor > 1 ? tsKernel(prepared.geom, spatial, this.kernelWidth) : k0;
    const preparedPsf: TsMapDataset = { ...prepared, psf: dataset.psf };

    const dataAxis = prepared.geom.axes[0]!;
    const requested = this.energyEdges ?? [dataAxis.edges[0]!, dataAxis.edges[dataAxis.nbin]!];
    const planes: Record<string, Float64Array>[] = [];
    const edges: number[] = [];
    for (let i = 0; i + 1 < requested.length; i++) {
      const slice = energySlice(dataAxis, requested[i]!, requested[i + 1]!);
      if (slice === undefined) {
        throw new DataError(`TSMapEstimator: no data between ${requested[i]} and ${requested[i + 1]} TeV`, {
          hint: "choose energy edges within the dataset's energy range",
        });
      }
      if (edges.length === 0 || edges[edges.length - 1] !== slice.energyMin) edges.push(slice.energyMin);
      edges.push(slice.energyMax);
      const group = { start: slice.start, stop: slice.stop };
      // Gammapy computes the kernel on each energy slice: with a PSF it depends on the bin.
      const k = withPsf ? tsPsfKernel(preparedPsf, this.model, this.kernelWidth, group) : kernel;
      planes.push(tsImageMaps(prepared, group, k, this.model.spectral, this.fitOptions));
    }
    const [pnx, pny] = prepared.geom.npix;
    const factor = this.downsamplingFactor ?? 1;
    const data: Record<string, Float64Array> = {};
    for (const name of this.selectionAll) {
      const cube = new Float64Array(planes.length * pnx * pny);
      planes.forEach((p, k) => cube.set(p[name]!, k * pnx * pny));
      const up = factor > 1 ? upsampleCube(cube, planes.length, pny, pnx, factor, name === "niter" || name === "success" ? 0 : 1) : cube;
      const cropped = cropCube(up, planes.length, pny * factor, pnx * factor, padY, padX);
      // NaN (pixels not fitted) becomes true when Gammapy casts success to bool.
      data[name] = name === "success" ? cropped.map((v) => (v !== 0 ? 1 : 0)) : cropped;
    }
    const energyAxis = MapAxis.fromEdges(edges, { name: "energy", unit: "TeV", interp: "log" });
    return new FluxMaps(geom.withAxes([energyAxis]), data, this.model.spectral, {
      nSigma: this.fitOptions.nSigma,
      nSigmaUl: this.fitOptions.nSigmaUl,
    });
  }
}
