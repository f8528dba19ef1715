/**
 * The source kernel of a TS map (Gammapy's `TSMapEstimator.estimate_kernel`): the
 * model's spatial shape integrated over the pixels of a small odd-sized geometry centred
 * on the dataset's centre, normalised to a sum of 1.
 *
 * Without a PSF the exposure and the spectrum scale the kernel uniformly and drop out of
 * the normalisation, so only the spatial model matters. Supported: point sources (the
 * four-pixel centroid weights Gammapy uses) and Gaussians (integrated with Gammapy's
 * oversampling, σ/3 sub-pixels).
 */
import { DataError, transformFrame, vincentySeparation } from "@gammats/core";
import type { FrameName } from "@gammats/core";
import { GaussianSpatialModel, PointSpatialModel } from "@gammats/modeling";
import type { SpatialModel } from "@gammats/modeling";
import { WcsGeom } from "@gammats/maps";

/** Margin Gammapy adds around a model's evaluation radius for its local cut-out [deg]. */
const CUTOUT_MARGIN = 0.1;
/** Gammapy's cap on the spatial oversampling factor. */
const MAX_OVERSAMPLING = 200;

/** A TS kernel: the normalised model image and its geometry. */
export interface TsKernel {
  /** Values, ny × nx, summing to 1. */
  readonly data: Float64Array;
  /** Kernel geometry (odd sizes, centred on the model position). */
  readonly geom: WcsGeom;
}

/** Gammapy's `round_up_to_odd`: floor(ceil(x) / 2) · 2 + 1. */
function roundUpToOdd(x: number): number {
  return Math.floor(Math.ceil(x) / 2) * 2 + 1;
}

/**
 * Gammapy's `geom.to_odd_npix(max_radius = kernelWidth / 2)` of the dataset's image: an
 * odd square of the larger pixel size around the map centre.
 *
 * @param geom - the dataset's geometry (its image part is used)
 * @param kernelWidth - kernel width [deg]; undefined = the map's larger width
 * @returns the image geometry
 */
export function tsOddGeom(geom: WcsGeom, kernelWidth: number | undefined): WcsGeom {
  const image = geom.toImage();
  const binsz = Math.max(...image.pixelScales);
  const width = kernelWidth ?? Math.max(...image.width);
  const npix = roundUpToOdd(width / binsz);
  const centre = image.centerSkydir;
  return WcsGeom.create({ skydir: [centre.lon, centre.lat], binsz, npix: [npix, npix], frame: image.frame, proj: image.projection });
}

/**
 * The geometry the kernel is evaluated on: `to_odd_npix(max_radius = kernelWidth / 2)`
 * around the map centre, then the evaluator's local cut-out of width 2 (evaluation
 * radius + 0.1°) (odd pixels) when the model has an evaluation radius.
 *
 * @param geom - the dataset's image geometry
 * @param model - the spatial model
 * @param kernelWidth - kernel width [deg]; undefined = the map's larger width
 * @returns the kernel geometry
 */
export function tsKernelGeom(geom: WcsGeom, model: SpatialModel, kernelWidth: number | undefined): WcsGeom {
  const odd = tsOddGeom(geom, kernelWidth);
  const radius = model.evaluationRadius;
  if (radius === undefined) return odd;
  const c = odd.centerSkydir;
  return odd.cutout([c.lon, c.lat], 2 * (radius + CUTOUT_MARGIN), { oddNpix: true });
}

/**
 * Integrates a point or Gaussian model over the kernel geometry and normalises it.
 *
 * @param geom - the dataset's geometry (its image part is used)
 * @param model - PointSpatialModel or GaussianSpatialModel (its position is ignored: the
 *   kernel is centred on the map centre)
 * @param kernelWidth - kernel width [deg]; undefined = the map's larger width
 * @returns the kernel
 * @throws DataError for other spatial models
 * @example
 * ```ts
 * tsKernel(geom, new PointSpatialModel(), 0.3).data.length; // 121 (11 × 11 for 0.02° pixels)
 * ```
 */
export function tsKernel(geom: WcsGeom, model: SpatialModel, kernelWidth: number | undefined): TsKernel {
  const kgeom = tsKernelGeom(geom, model, kernelWidth);
  let data: Float64Array;
  if (model instanceof PointSpatialModel) data = pointWeights(kgeom);
  else if (model instanceof GaussianSpatialModel) data = integrateGaussian(kgeom, model);
  else {
    throw new DataError(`TSMapEstimator: kernels of ${model.constructor.name} are not supported`, {
      hint: "use a PointSpatialModel or a GaussianSpatialModel",
    });
  }
  let sum = 0;
  for (const v of data) sum += v;
  for (let i = 0; i < data.length; i++) data[i] /= sum;
  return { data, geom: kgeom };
}

/**
 * PointSpatialModel.integrate_geom: bilinear weights of the source's pixel position. The
 * source sits at the centre of the odd-sized geometry, an integer pixel (wcslib returns it
 * exactly; a sky round trip here would leave 1e-13 pixel offsets), so the weights are a
 * delta — which matters: the Brent bracket then starts exactly at the root.
 */
function pointWeights(geom: WcsGeom): Float64Array {
  const [x0, y0] = geom.centerPix;
  const [nx, ny] = geom.npix;
  const out = new Float64Array(nx * ny);
  for (let y = 0; y < ny; y++) {
    const dy = Math.abs(y - y0);
    if (dy >= 1) continue;
    for (let x = 0; x < nx; x++) {
      const dx = Math.abs(x - x0);
      if (dx < 1) out[y * nx + x] = (1 - dx) * (1 - dy);
    }
  }
  return out;
}

/**
 * SpatialModel.integrate_geom for a Gaussian centred on the geometry: pixel-centre values
 * times solid angle, oversampled by ceil(pixel / (σ/3)) within 2 max(5σ, pixel) of the
 * centre when the pixels are coarser than σ/3.
 */
function integrateGaussian(geom: WcsGeom, model: GaussianSpatialModel): Float64Array {
  const c = geom.centerSkydir;
  // The model moved to the kernel centre (Gammapy sets `position = geom.center_skydir`).
  const pos = c.frame === model.frame ? c : transformFrame(c.lon, c.lat, c.frame, model.frame);
  const par = (name: string) => model.parameters.get(name).internalValue;
  const sigma = par("sigma");
  const g = new GaussianSpatialModel({
    lon_0: `${pos.lon} deg`,
    lat_0: `${pos.lat} deg`,
    sigma: `${sigma} deg`,
    e: par("e"),
    phi: `${par("phi")} deg`,
    frame: model.frame,
  });
  const pixScale = Math.max(...geom.pixelScales);
  const resScale = sigma / 3;
  const factor = resScale > 0 ? Math.min(Math.ceil(pixScale / resScale), MAX_OVERSAMPLING) : MAX_OVERSAMPLING;
  const [nx, ny] = geom.npix;
  // Gammapy stacks the block sums into a float32 map (`Map.from_geom`'s default dtype);
  // the same rounding reproduces its kernel to the last bits, which keeps the TS fits on
  // its Brent iteration path.
  const out = new Float64Array(nx * ny);
  if (factor > 1) {
    const cut = geom.cutout([c.lon, c.lat], 2 * Math.max(5 * sigma, pixScale));
    const up = cut.upsample(factor);
    const coord = up.getCoord();
    const values = gaussianValues(g, coord.lon, coord.lat, up.frame);
    const [x0, y0] = geom.offsetOf(cut);
    const [cnx, cny] = cut.npix;
    const unx = cnx * factor;
    for (let y = 0; y < cny * factor; y++) {
      for (let x = 0; x < unx; x++) {
        const k = (y0 + Math.floor(y / factor)) * nx + x0 + Math.floor(x / factor);
        out[k] += values[y * unx + x]! / (factor * factor);
      }
    }
    for (let i = 0; i < out.length; i++) out[i] = Math.fround(out[i]!);
  } else {
    const coord = geom.getCoord();
    out.set(gaussianValues(g, coord.lon, coord.lat, geom.frame));
  }
  const omega = geom.solidAngle();
  for (let i = 0; i < out.length; i++) out[i] = out[i]! * omega[i]!;
  return out;
}

const DEG = 0.017453292519943295; // astropy's deg → rad scale

/**
 * The Gaussian's values as Gammapy 1.0 computes them for e = 0 — 1 − cos(x) and astropy's
 * Vincenty separation, not the cancellation-free forms of @gammats/modeling — so that the
 * float32 rounding that follows lands on the same values. Elongated Gaussians use the
 * model's own evaluation.
 */
function gaussianValues(g: GaussianSpatialModel, lon: Float64Array, lat: Float64Array, frame: FrameName): Float64Array {
  const par = (name: string) => g.parameters.get(name).internalValue;
  if (par("e") !== 0) return g.evaluateInFrame(lon, lat, frame);
  const c = frame === g.frame ? { lon, lat } : transformFrame(lon, lat, frame, g.frame);
  const lon0 = par("lon_0");
  const lat2 = par("lat_0") * DEG;
  const a = 1 - Math.cos(par("sigma") * DEG);
  const norm = 1 / (4 * Math.PI * a * (1 - Math.exp(-1 / a)));
  const out = new Float64Array(lon.length);
  for (let i = 0; i < out.length; i++) {
    const sep = vincentySeparation((lon0 - c.lon[i]!) * DEG, c.lat[i]! * DEG, lat2);
    out[i] = norm * Math.exp(-0.5 * ((1 - Math.cos(sep)) / a));
  }
  return out;
}
