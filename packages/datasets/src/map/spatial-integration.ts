/**
 * Integration of a spatial model over the pixels of a map, as Gammapy's
 * `SpatialModel.integrate_geom`: the model at the pixel centres times the pixel solid
 * angle; models small compared with a pixel are evaluated on an upsampled grid (factor
 * ceil(pixel / evaluation_bin_size_min), at most 200) around their position and summed
 * back; a point source spreads over its 4 nearest pixels with bilinear weights.
 */
import { DataError } from "@gammats/core";
import type { WcsGeom } from "@gammats/maps";
import type { SpatialModel } from "@gammats/modeling";

/** Gammapy's cap of the oversampling factor. */
export const MAX_OVERSAMPLING = 200;

/**
 * The smallest structure of a model that the pixels must resolve (Gammapy's
 * `evaluation_bin_size_min`) [deg]; undefined for models evaluated at pixel centres only.
 *
 * @param model - the spatial model
 * @returns the size [deg], 0 for a point source, or undefined
 * @example
 * ```ts
 * evaluationBinSizeMin(new GaussianSpatialModel({ sigma: "0.3 deg" })); // 0.1
 * ```
 */
export function evaluationBinSizeMin(model: SpatialModel): number | undefined {
  const p = (name: string): number => model.parameters.get(name).internalValue;
  switch (model.tag[0]) {
    case "PointSpatialModel":
      return 0;
    case "GaussianSpatialModel":
      return p("sigma") / 3;
    case "GeneralizedGaussianSpatialModel":
      return p("r_0") / (3 + 8 * p("eta")) / (p("e") + 1);
    case "DiskSpatialModel":
      return (p("r_0") * (1 - p("edge_width"))) / 10;
    case "ShellSpatialModel":
      return p("width");
    case "Shell2SpatialModel":
      return p("eta") * p("r_0");
    default:
      return undefined;
  }
}

/**
 * Gammapy's automatic oversampling factor for a pixel size.
 *
 * @param model - the spatial model
 * @param pixelScale - the larger pixel scale [deg]
 * @returns an integer in [1, 200]
 */
export function oversamplingFactor(model: SpatialModel, pixelScale: number): number {
  const res = evaluationBinSizeMin(model);
  if (res === undefined) return 1;
  if (!(res > 0)) return MAX_OVERSAMPLING;
  return Math.min(Math.ceil(pixelScale / res), MAX_OVERSAMPLING);
}

/** Coordinates of the grid a model is evaluated on, in the model frame. */
interface EvaluationGrid {
  key: string;
  /** Pixel offset of the grid's (coarse) window in the target image. */
  x0: number;
  y0: number;
  /** Coarse window size. */
  nx: number;
  ny: number;
  factor: number;
  lon: Float64Array;
  lat: Float64Array;
  /** Energies for energy-dependent models (refilled per plane). */
  energy: Float64Array;
  /** Model values on the (upsampled) grid. */
  values: Float64Array;
}

/**
 * Integrates one spatial model over the pixels of one geometry, keeping the evaluation
 * grid between calls so that re-integrating after a parameter change allocates nothing
 * unless the grid moves or its oversampling changes.
 *
 * @example
 * ```ts
 * const integrator = new SpatialIntegrator(gauss, geom.toImage());
 * const fraction = integrator.integrate(new Float64Array(geom.toImage().size)); // Σ ≈ 1 inside the map
 * ```
 */
export class SpatialIntegrator {
  /** The model. */
  readonly model: SpatialModel;
  /** The target geometry: an image, or a cube on "energy_true" for energy-dependent models. */
  readonly geom: WcsGeom;
  private readonly image: WcsGeom;
  private readonly energies: Float64Array | undefined;
  private grid: EvaluationGrid | undefined;

  /**
   * @param model - the spatial model
   * @param geom - the target geometry (image; with an energy_true axis for energy-dependent models)
   * @throws DataError for an energy-dependent model without an energy_true axis
   */
  constructor(model: SpatialModel, geom: WcsGeom) {
    this.model = model;
    this.geom = geom;
    this.image = geom.toImage();
    if (model.isEnergyDependent) {
      const axis = geom.axes.find((a) => a.name === "energy_true");
      if (axis === undefined || geom.axes.length !== 1) {
        throw new DataError("an energy-dependent spatial model needs a geometry with one 'energy_true' axis", { hint: "pass the exposure geometry" });
      }
      this.energies = axis.centersIn("TeV");
    }
  }

  /** Number of image planes of the result: true-energy bins for energy-dependent models, else 1. */
  get planes(): number {
    return this.energies?.length ?? 1;
  }

  /**
   * Integrated model per pixel [dimensionless fraction; flux unit × sr for flux templates].
   *
   * @param out - planes × ny × nx values, overwritten
   * @returns out
   */
  integrate(out: Float64Array): Float64Array {
    const model = this.model;
    const [nx, ny] = this.image.npix;
    const npix = nx * ny;
    out.fill(0, 0, this.planes * npix);
    if (model.isPoint) return this.pointWeights(out);
    const pixelScale = Math.max(...this.image.pixelScales);
    const factor = oversamplingFactor(model, pixelScale);
    const grid = this.gridFor(factor, pixelScale);
    if (grid !== undefined) this.evaluateGrid(grid, out);
    const omega = this.image.solidAngle();
    for (let p = 0; p < this.planes; p++) {
      const o = p * npix;
      for (let k = 0; k < npix; k++) out[o + k]! *= omega[k]!;
    }
    return out;
  }

  /** Gammapy's `PointSpatialModel.integrate_geom`: weights (1 − |dx|)(1 − |dy|) of the 4 nearest pixels. */
  private pointWeights(out: Float64Array): Float64Array {
    const pos = this.model.position!;
    const pix = this.image.skyToPix(Float64Array.of(pos.lon), Float64Array.of(pos.lat), pos.frame);
    const px = pix.x[0]!;
    const py = pix.y[0]!;
    const [nx, ny] = this.image.npix;
    const ix = Math.floor(px);
    const iy = Math.floor(py);
    for (let y = iy; y <= iy + 1; y++) {
      const wy = 1 - Math.abs(y - py);
      if (y < 0 || y >= ny || !(wy > 0)) continue;
      for (let x = ix; x <= ix + 1; x++) {
        const wx = 1 - Math.abs(x - px);
        if (x < 0 || x >= nx || !(wx > 0)) continue;
        for (let p = 0; p < this.planes; p++) out[p * nx * ny + y * nx + x] = wx * wy;
      }
    }
    return out;
  }

  /** The evaluation grid for this factor and the model's current position (cached). */
  private gridFor(factor: number, pixelScale: number): EvaluationGrid | undefined {
    let window = this.image;
    const radius = this.model.evaluationRadius;
    const pos = this.model.position;
    if (factor > 1 && radius !== undefined && pos !== undefined) {
      // Gammapy cuts the grid to 2 max(radius, pixel) around the model before upsampling.
      const width = 2 * Math.max(radius, pixelScale);
      try {
        window = this.image.cutout(pos, width);
      } catch (e) {
        if (e instanceof DataError) return undefined; // the model lies off the map
        throw e;
      }
    }
    const [x0, y0] = window === this.image ? [0, 0] : this.image.offsetOf(window);
    const [nx, ny] = window.npix;
    const key = `${x0},${y0},${nx},${ny},${factor}`;
    if (this.grid?.key === key) return this.grid;
    const fine = factor > 1 ? window.upsample(factor) : window;
    const c = fine.getCoord({ frame: this.model.frame });
    this.grid = { key, x0, y0, nx, ny, factor, lon: c.lon, lat: c.lat, energy: new Float64Array(c.lon.length), values: new Float64Array(c.lon.length) };
    return this.grid;
  }

  /** Evaluates on the grid and sums each factor × factor block into its target pixel (mean value). */
  private evaluateGrid(g: EvaluationGrid, out: Float64Array): void {
    const [nx, ny] = this.image.npix;
    const f = g.factor;
    const fnx = g.nx * f;
    const norm = 1 / (f * f);
    for (let p = 0; p < this.planes; p++) {
      let v: Float64Array;
      if (this.energies !== undefined) {
        g.energy.fill(this.energies[p]!);
        v = this.model.evaluateAtEnergy(g.lon, g.lat, g.energy, g.values);
      } else {
        v = this.model.evaluate(g.lon, g.lat, g.values);
      }
      const o = p * nx * ny;
      for (let y = 0; y < g.ny; y++) {
        for (let x = 0; x < g.nx; x++) {
          let s = 0;
          for (let j = 0; j < f; j++) {
            const row = (y * f + j) * fnx + x * f;
            for (let i = 0; i < f; i++) {
              const x = v[row + i]!;
              if (x === x) s += x; // Gammapy sums blocks with nansum
            }
          }
          // ... and stacks them with nan_to_num: non-finite values count 0.
          const value = s * norm;
          out[o + (y + g.y0) * nx + x + g.x0] = Number.isFinite(value) ? value : 0;
        }
      }
    }
  }
}
