/**
 * Sky-map template (Gammapy's TemplateSpatialModel, "template"): an image, or a cube with
 * an "energy_true" axis, interpolated linearly in pixel coordinates (0 outside the map,
 * negative values clipped). With `normalize` (the default) every image plane is divided
 * by its sum and by the pixel solid angles, so that it integrates to 1 over the map [sr-1].
 * A template has no parameters; in YAML it is `filename` + `normalize` (+ the unit, written
 * for information only), as Gammapy 1.0 writes it.
 */
import { DataError, conversionFactor, isCompatible, silentLogger, type Logger } from "@gammats/core";
import type { MapAxis } from "@gammats/maps";
import { Parameters } from "../parameters.js";
import { checkFrame, SpatialModel, type SkyPosition } from "./spatial-model.js";
import type { TemplateGeom, TemplateMap } from "./template-geom.js";
import { interpolateMap } from "./template-interpolation.js";

/** Unit gammats keeps flux-carrying templates in (internal units: TeV, cm, s). */
const FLUX_TEMPLATE_UNIT = "cm-2 s-1 TeV-1 sr-1";

/** Options of {@link TemplateSpatialModel}. */
export interface TemplateSpatialModelOptions {
  /** Normalise each image plane to integrate to 1 (default true, as Gammapy). */
  normalize?: boolean;
  /** File the map was read from (written to YAML; needed to write the model). */
  filename?: string | undefined;
  /** Receives the warnings Gammapy logs (negative values, missing unit). */
  logger?: Logger;
  /**
   * The values are normalised already (sr-1; e.g. those of another template): keep them
   * as they are but record `normalize: true`. Default false.
   */
  alreadyNormalized?: boolean;
}

/**
 * Template spatial model.
 *
 * @example
 * ```ts
 * const template = readTemplateSpatialModel("diffuse.fits");          // normalised, sr-1
 * template.evaluate(Float64Array.of(10.05), Float64Array.of(0.1));    // [sr-1]
 * template.evaluationRadius;                                          // half the larger map width [deg]
 * ```
 */
export class TemplateSpatialModel extends SpatialModel {
  /** Type names accepted in YAML. */
  static readonly tags = ["TemplateSpatialModel", "template"] as const;
  /** No parameters. */
  static readonly defaults = [] as const;

  /** Geometry of the map. */
  readonly geom: TemplateGeom;
  /** Map values in {@link unit}, row-major [ne,] ny, nx (normalised when `normalize`). */
  readonly values: Float64Array;
  /** Whether the map was normalised. */
  readonly normalize: boolean;
  /** File the map came from, if any. */
  filename: string | undefined;
  /** Unit written to YAML, for information ("1 / sr", astropy's spelling, or the map's unit). */
  yamlUnit: string;
  private readonly valueUnit: string;
  private readonly energyAxis: MapAxis | undefined;

  /**
   * @param map - geometry, values ([ne,] ny, nx) and unit
   * @param options - normalize (default true), filename, logger
   * @throws DataError for a frame other than icrs/galactic, an axis other than one
   *   "energy_true" axis, or data that do not match the geometry
   */
  constructor(map: TemplateMap, options: TemplateSpatialModelOptions = {}) {
    const frame = checkFrame(map.geom.frame, "template frame");
    super(TemplateSpatialModel.tags, new Parameters([]), frame);
    const geom = map.geom;
    const logger = options.logger ?? silentLogger;
    const [nx, ny] = geom.npix;
    if (geom.axes.length > 1 || (geom.axes.length === 1 && geom.axes[0]!.name !== "energy_true")) {
      throw new DataError(`template map axes must be none or 'energy_true', got ${geom.axes.map((a) => a.name).join(", ")}`, {
        hint: "a template cube needs its energy axis named energy_true (true energy)",
      });
    }
    const axis = geom.axes[0];
    const ne = axis?.nbin ?? 1;
    if (map.data.length !== ne * ny * nx) {
      throw new DataError(`template map has ${map.data.length} values, its geometry ${ne} x ${ny} x ${nx}`);
    }
    this.geom = geom;
    this.energyAxis = axis === undefined ? undefined : axis.toUnit("TeV");
    this.normalize = options.alreadyNormalized === true || (options.normalize ?? true);
    this.filename = options.filename;
    // Values are copied only when they change (normalisation, unit conversion), so that
    // copies of a large template share one array.
    let values = map.data instanceof Float64Array ? map.data : Float64Array.from(map.data);
    if (values.some((v) => v < 0)) logger.warning("template map has negative values; check and fix this");
    if (options.alreadyNormalized === true) {
      this.valueUnit = "sr-1";
      this.yamlUnit = "1 / sr";
    } else if (this.normalize) {
      values = Float64Array.from(values);
      normalisePlanes(values, geom.solidAngle(), ne);
      this.valueUnit = "sr-1";
      this.yamlUnit = "1 / sr";
    } else if (map.unit.trim() === "" || isCompatible(map.unit, "")) {
      if (map.unit.trim() === "") logger.warning("template map has no unit; assuming sr-1");
      this.valueUnit = "sr-1";
      this.yamlUnit = "1 / sr";
    } else {
      const target = isCompatible(map.unit, "sr-1") ? "sr-1" : isCompatible(map.unit, FLUX_TEMPLATE_UNIT) ? FLUX_TEMPLATE_UNIT : map.unit;
      const f = conversionFactor(map.unit, target);
      this.yamlUnit = target === "sr-1" && f === 1 ? "1 / sr" : map.unit;
      if (f !== 1) values = values.map((v) => v * f);
      this.valueUnit = target;
    }
    this.values = values;
  }

  /** True for a cube with an energy_true axis. */
  override get isEnergyDependent(): boolean {
    return this.energyAxis !== undefined;
  }

  /** "sr-1", or the flux unit the map carries ("cm-2 s-1 TeV-1 sr-1"). */
  override get unit(): string {
    return this.valueUnit;
  }

  /** The map's true-energy axis in TeV, for cubes. */
  get energyAxisTeV(): MapAxis | undefined {
    return this.energyAxis;
  }

  /** Centre of the map. */
  override get position(): SkyPosition {
    const c = this.geom.centerSkydir;
    return { lon: c.lon, lat: c.lat, frame: this.frame };
  }

  /** Half the larger map width [deg]. */
  get evaluationRadius(): number {
    return Math.max(this.geom.width[0], this.geom.width[1]) / 2;
  }

  /**
   * Values of an image template.
   *
   * @throws DataError for a cube (use {@link evaluateAtEnergy})
   * @inheritDoc
   */
  evaluate(lon: Float64Array, lat: Float64Array, out: Float64Array = new Float64Array(lon.length)): Float64Array {
    if (this.energyAxis !== undefined) {
      throw new DataError("this template has an energy axis: an energy is needed to evaluate it", {
        hint: "use evaluateAtEnergy(lon, lat, energy)",
      });
    }
    const pix = this.geom.skyToPix(lon, lat);
    const [nx, ny] = this.geom.npix;
    return interpolateMap(this.values, nx, ny, 1, pix.x, pix.y, undefined, out);
  }

  /**
   * Values at matching (lon, lat, energy): linear in the energy pixel of the axis' own
   * scale (log for energies) as Gammapy; 0 outside the energy range.
   *
   * @inheritDoc
   */
  override evaluateAtEnergy(
    lon: Float64Array,
    lat: Float64Array,
    energy: Float64Array,
    out: Float64Array = new Float64Array(lon.length),
  ): Float64Array {
    if (this.energyAxis === undefined) return this.evaluate(lon, lat, out);
    if (energy.length !== lon.length) {
      throw new DataError(`lon and energy must have the same length (${lon.length}, ${energy.length})`);
    }
    const pix = this.geom.skyToPix(lon, lat);
    const pe = this.energyAxis.coordToPix(energy);
    const [nx, ny] = this.geom.npix;
    return interpolateMap(this.values, nx, ny, this.energyAxis.nbin, pix.x, pix.y, pe, out);
  }

  /** A copy sharing the (read-only) map values. */
  copy(): TemplateSpatialModel {
    const map = { geom: this.geom, data: this.values, unit: this.valueUnit };
    const m = new TemplateSpatialModel(map, { normalize: false, alreadyNormalized: this.normalize, filename: this.filename });
    m.yamlUnit = this.yamlUnit;
    return m;
  }
}

/**
 * Divides each plane by its sum and each pixel by its solid angle (Gammapy's normalisation).
 *
 * @param values - [ne,] ny, nx, modified in place
 * @param solidAngle - ny × nx [sr]
 * @param ne - number of planes
 */
function normalisePlanes(values: Float64Array, solidAngle: Float64Array, ne: number): void {
  const size = solidAngle.length;
  for (let k = 0; k < ne; k++) {
    let sum = 0;
    for (let i = 0; i < size; i++) sum += values[k * size + i]!;
    for (let i = 0; i < size; i++) values[k * size + i] = values[k * size + i]! / sum / solidAngle[i]!;
  }
}
