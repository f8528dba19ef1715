/**
 * ExcessMapEstimator (Gammapy 1.0): correlated excess, significance, errors, upper limits
 * and flux maps of a MapDataset (Cash) or MapDatasetOnOff (WStat), relative to the
 * dataset's models.
 */
import { DataError } from "@gammats/core";
import { PowerLawSpectralModel } from "@gammats/modeling";
import type { SpectralModel } from "@gammats/modeling";
import { correlateCube, correlationKernel, radiusInPixels } from "./correlate.js";
import { correlatedCounts } from "./correlated-counts.js";
import { energyGroups } from "./energy-groups.js";
import { FluxMaps } from "./flux-maps.js";
import { angleOption, resolveMapSelection } from "./map-options.js";
import type { MapOptionalStep } from "./map-options.js";
import type { MapEstimatorDataset } from "./map-estimator-dataset.js";
import { mergeMapData } from "./merged-map-data.js";
import { recoExposure } from "./reco-exposure.js";

/** Options of {@link ExcessMapEstimator}; defaults are Gammapy's. */
export interface ExcessMapEstimatorOptions {
  /** Radius of the correlation disk [deg, or an angle string]. Default "0.1 deg". */
  correlationRadius?: number | string;
  /** Number of sigma of norm_err, norm_errn, norm_errp. Default 1. */
  nSigma?: number;
  /** Number of sigma of the upper limits. Default 2. */
  nSigmaUl?: number;
  /** Optional maps: "all", or some of "errn-errp", "ul". Default none. */
  selectionOptional?: "all" | readonly MapOptionalStep[];
  /** Energy edges of the maps [TeV], snapped to the dataset's bins; default one bin over all. */
  energyEdges?: ArrayLike<number>;
  /** Correlate the off counts of on-off datasets too. Default true. */
  correlateOff?: boolean;
  /** Spectrum of the flux maps (norm = 1); default a power law of index 2. */
  spectralModel?: SpectralModel;
}

/**
 * Correlated excess and significance maps (Gammapy's `ExcessMapEstimator`).
 *
 * Counts, the predicted background — the dataset's total npred, so excesses are relative
 * to its models — and for on-off datasets the off counts are summed over a disk of the
 * correlation radius around each pixel, per energy bin; the Cash (or WStat) counts
 * statistic of those sums gives TS, signed sqrt(TS), errors and upper limits. Norms are
 * excesses over the reconstructed-energy exposure of the reference spectrum, averaged over
 * the same disk. Pixels outside the mask are NaN.
 *
 * Maps: npred (= counts), npred_excess, counts, ts, sqrt_ts, norm, norm_err, and with the
 * optional steps norm_errn, norm_errp, norm_ul. Unlike Gammapy the convolutions run in
 * float64 (Gammapy: float32 FFT), so values agree to ~1e-6 relative, not bit for bit.
 *
 * @example
 * ```ts
 * const estimator = new ExcessMapEstimator({ correlationRadius: "0.1 deg", selectionOptional: "all" });
 * const maps = estimator.run(dataset);
 * maps.get("sqrt_ts"); // significance per pixel
 * maps.sed("flux_ul"); // flux upper limits [cm-2 s-1]
 * ```
 */
export class ExcessMapEstimator {
  /** Correlation radius [deg]. */
  readonly correlationRadius: number;
  /** Number of sigma of the errors. */
  readonly nSigma: number;
  /** Number of sigma of the upper limits. */
  readonly nSigmaUl: number;
  /** Optional steps. */
  readonly selectionOptional: readonly MapOptionalStep[];
  /** Energy edges [TeV]; undefined = one bin. */
  readonly energyEdges: Float64Array | undefined;
  /** Correlate off counts. */
  readonly correlateOff: boolean;
  /** Reference spectrum of the flux maps. */
  readonly spectralModel: SpectralModel;

  /**
   * @param options - see {@link ExcessMapEstimatorOptions}
   * @throws ConfigError for a bad radius or optional step
   */
  constructor(options: ExcessMapEstimatorOptions = {}) {
    this.correlationRadius = angleOption(options.correlationRadius ?? "0.1 deg", "correlationRadius");
    this.nSigma = options.nSigma ?? 1;
    this.nSigmaUl = options.nSigmaUl ?? 2;
    this.selectionOptional = resolveMapSelection(options.selectionOptional);
    this.energyEdges = options.energyEdges === undefined ? undefined : Float64Array.from(options.energyEdges);
    this.correlateOff = options.correlateOff ?? true;
    this.spectralModel = options.spectralModel ?? new PowerLawSpectralModel({ index: 2 });
  }

  /**
   * Computes the maps of one dataset.
   *
   * @param dataset - a map dataset (see {@link MapEstimatorDataset})
   * @returns the maps on the dataset's image and the estimator's energy bins
   * @throws DataError when the dataset has no single "energy" axis or arrays do not fit it
   */
  run(dataset: MapEstimatorDataset): FluxMaps {
    const geom = dataset.geom;
    const energyAxis = geom.axes[0];
    if (geom.axes.length !== 1 || energyAxis?.name !== "energy") {
      throw new DataError(`ExcessMapEstimator: dataset '${dataset.name ?? ""}' needs one axis 'energy', has [${geom.axes.map((a) => a.name).join(", ")}]`, {
        hint: "excess maps work on 3D map datasets (energy, lat, lon)",
      });
    }
    if (dataset.counts.length !== geom.size) {
      throw new DataError(`ExcessMapEstimator: counts have ${dataset.counts.length} values, the geometry ${geom.size}`, {
        hint: "counts are (energy, lat, lon) on the dataset geometry",
      });
    }
    const [nx, ny] = geom.npix;
    const plane = nx * ny;
    const { groups, axis } = energyGroups(energyAxis, this.energyEdges);
    const merged = mergeMapData(dataset, groups, "npred");
    const kernel = correlationKernel(radiusInPixels(geom, this.correlationRadius));
    const { nOn, inside, stat } = correlatedCounts(merged, ny, nx, kernel, this.correlateOff);
    const size = groups.length * plane;

    // Reference counts per unit norm: the reco exposure averaged over the disk's unmasked pixels.
    let exposure: Float64Array | null = null;
    if (dataset.exposure !== undefined) {
      const reco = correlateCube(recoExposure(dataset, groups, this.spectralModel), groups.length, ny, nx, kernel);
      exposure = divideInPlace(reco, correlateCube(merged.mask, groups.length, ny, nx, kernel));
    }
    const runs = insideRuns(inside);
    const scatter = (values: ArrayLike<number>, scale = 1, perUnitNorm = false): Float64Array =>
      scatterInside(values, inside, runs, size, scale, perUnitNorm ? exposure : null);
    const counts = insideCopy(nOn, runs, size);
    // Each statistic array once: the getters recompute on every call.
    const nSig = stat.nSig;
    const ts = stat.ts;
    const data: Record<string, Float64Array> = {
      npred: counts,
      npred_excess: scatter(nSig),
      counts: counts.slice(),
      ts: scatter(ts),
      sqrt_ts: scatter(signedSqrt(ts, nSig)),
      norm: scatter(nSig, 1, true),
      norm_err: scatter(stat.error, this.nSigma, true),
    };
    if (this.selectionOptional.includes("errn-errp")) {
      data["norm_errn"] = scatter(stat.computeErrn(this.nSigma), 1, true);
      data["norm_errp"] = scatter(stat.computeErrp(this.nSigma), 1, true);
    }
    if (this.selectionOptional.includes("ul")) data["norm_ul"] = scatter(stat.computeUpperLimit(this.nSigmaUl), 1, true);
    return new FluxMaps(geom.withAxes([axis]), data, this.spectralModel, { nSigma: this.nSigma, nSigmaUl: this.nSigmaUl });
  }
}

/** a[i] / b[i] into a. */
function divideInPlace(a: Float64Array, b: Float64Array): Float64Array {
  for (let i = 0; i < a.length; i++) a[i] = a[i]! / b[i]!;
  return a;
}

/**
 * A map of `size` pixels, NaN outside the mask: pixel inside[k] gets (values[k] · scale) /
 * perUnit[inside[k]] (/ 1 without). `runs` are those of `inside` ({@link insideRuns}).
 */
function scatterInside(values: ArrayLike<number>, inside: Int32Array, runs: Int32Array, size: number, scale: number, perUnit: Float64Array | null): Float64Array {
  const out = new Float64Array(size).fill(NaN);
  // x · 1 and x / 1 are x exactly (NaN, ±0 and ±∞ included): the plain copy is the same
  // numbers, made run by run with typed-array copies where it can.
  if (perUnit !== null) scatterScaled(values, inside, scale, perUnit, out);
  else if (scale !== 1) scatterScaled(values, inside, scale, null, out);
  else if (values instanceof Float64Array && values.length === inside.length) {
    for (let r = 0; r < runs.length; r += 3) out.set(values.subarray(runs[r]!, runs[r]! + runs[r + 2]!), runs[r + 1]!);
  } else for (let k = 0; k < inside.length; k++) out[inside[k]!] = values[k]!;
  return out;
}

/** cube where a pixel is inside (runs of {@link insideRuns}), NaN elsewhere: the scatter of the gathered cube, without the gather. */
function insideCopy(cube: Float64Array, runs: Int32Array, size: number): Float64Array {
  const out = new Float64Array(size).fill(NaN);
  for (let r = 0; r < runs.length; r += 3) out.set(cube.subarray(runs[r + 1]!, runs[r + 1]! + runs[r + 2]!), runs[r + 1]!);
  return out;
}

/**
 * The runs of consecutive pixels in `inside` (ascending indices) as (k, pixel, length)
 * triples: inside[k .. k + length) = pixel, pixel + 1, …
 */
function insideRuns(inside: Int32Array): Int32Array {
  const runs: number[] = [];
  let start = 0;
  for (let k = 1; k <= inside.length; k++) {
    if (k === inside.length || inside[k]! !== inside[k - 1]! + 1) {
      runs.push(start, inside[start]!, k - start);
      start = k;
    }
  }
  return Int32Array.from(runs);
}

/** out[inside[k]] = (values[k] · scale) / perUnit[inside[k]] (/ 1 without). */
function scatterScaled(values: ArrayLike<number>, inside: Int32Array, scale: number, perUnit: Float64Array | null, out: Float64Array): void {
  for (let k = 0; k < inside.length; k++) {
    const i = inside[k]!;
    out[i] = (values[k]! * scale) / (perUnit === null ? 1 : perUnit[i]!);
  }
}

/**
 * sign(excess) · √TS per pixel, as CountsStatistic.sqrtTs computes it (sign 0 for a
 * zero excess, NaN for NaN), from a TS array already at hand.
 */
function signedSqrt(ts: Float64Array, nSig: Float64Array): Float64Array {
  const out = new Float64Array(ts.length);
  for (let i = 0; i < ts.length; i++) {
    const n = nSig[i]!;
    out[i] = (n > 0 ? 1 : n < 0 ? -1 : n === 0 ? 0 : NaN) * Math.sqrt(ts[i]!);
  }
  return out;
}
