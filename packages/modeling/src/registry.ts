/**
 * Registries of model types by Gammapy tag (long and short name), which drive YAML
 * reading: each entry declares its parameters and builds a model from Parameter objects.
 */
import type { ParameterSpec } from "./model-parameters.js";
import type { Parameter } from "./parameter.js";
import { ConstantSpatialModel } from "./spatial/constant-spatial.js";
import { DiskSpatialModel } from "./spatial/disk-spatial.js";
import { GaussianSpatialModel } from "./spatial/gaussian-spatial.js";
import { GeneralizedGaussianSpatialModel } from "./spatial/generalized-gaussian-spatial.js";
import { PointSpatialModel } from "./spatial/point-spatial.js";
import { Shell2SpatialModel } from "./spatial/shell2-spatial.js";
import { ShellSpatialModel } from "./spatial/shell-spatial.js";
import type { Frame, SpatialModel } from "./spatial/spatial-model.js";
import { BrokenPowerLawSpectralModel } from "./spectral/broken-power-law.js";
import { ConstantSpectralModel } from "./spectral/constant-spectral.js";
import { ExpCutoffPowerLawNormSpectralModel } from "./spectral/exp-cutoff-power-law-norm.js";
import { ExpCutoffPowerLawSpectralModel } from "./spectral/exp-cutoff-power-law.js";
import { GaussianSpectralModel } from "./spectral/gaussian-spectral.js";
import { LogParabolaNormSpectralModel } from "./spectral/log-parabola-norm.js";
import { LogParabolaSpectralModel } from "./spectral/log-parabola.js";
import { PowerLaw2SpectralModel } from "./spectral/power-law-2.js";
import { PowerLawNormSpectralModel } from "./spectral/power-law-norm.js";
import { PowerLawSpectralModel } from "./spectral/power-law.js";
import { SmoothBrokenPowerLawSpectralModel } from "./spectral/smooth-broken-power-law.js";
import type { SpectralModel } from "./spectral/spectral-model.js";
import { ConstantTemporalModel } from "./temporal/constant-temporal.js";
import { ExpDecayTemporalModel } from "./temporal/exp-decay-temporal.js";
import { GaussianTemporalModel } from "./temporal/gaussian-temporal.js";
import { GeneralizedGaussianTemporalModel } from "./temporal/generalized-gaussian-temporal.js";
import { LinearTemporalModel } from "./temporal/linear-temporal.js";
import { PowerLawTemporalModel } from "./temporal/power-law-temporal.js";
import { SineTemporalModel } from "./temporal/sine-temporal.js";
import type { TemporalModel } from "./temporal/temporal-model.js";

/** A spectral model type: tags, parameter declarations and a factory. */
export interface SpectralModelType {
  /** Long and short type names, e.g. ["PowerLawSpectralModel", "pl"]. */
  readonly tags: readonly [string, string];
  /** Parameters in Gammapy's order. */
  readonly defaults: readonly ParameterSpec[];
  /** Builds the model from one Parameter per declared name. */
  create(parameters: Record<string, Parameter>): SpectralModel;
}

/** A spatial model type: tags, parameter declarations and a factory. */
export interface SpatialModelType {
  /** Long and short type names, e.g. ["GaussianSpatialModel", "gauss"]. */
  readonly tags: readonly [string, string];
  /** Parameters in Gammapy's order. */
  readonly defaults: readonly ParameterSpec[];
  /** Whether YAML carries a `frame` (not for ConstantSpatialModel). */
  readonly hasFrame: boolean;
  /** Builds the model from one Parameter per declared name and a frame. */
  create(parameters: Record<string, Parameter>, frame: Frame): SpatialModel;
}

/** A temporal model type: tags, parameter declarations and a factory. */
export interface TemporalModelType {
  /** Long and short type names, e.g. ["ExpDecayTemporalModel", "exp-decay"]. */
  readonly tags: readonly [string, string];
  /** Parameters in Gammapy's order. */
  readonly defaults: readonly ParameterSpec[];
  /** Builds the model from one Parameter per declared name. */
  create(parameters: Record<string, Parameter>): TemporalModel;
}

/** Spectral types known to gammats ("CompoundSpectralModel" is handled by the YAML reader). */
export const SPECTRAL_MODEL_TYPES: SpectralModelType[] = [
  { tags: PowerLawSpectralModel.tags, defaults: PowerLawSpectralModel.defaults, create: (p) => new PowerLawSpectralModel(p) },
  {
    tags: PowerLawNormSpectralModel.tags,
    defaults: PowerLawNormSpectralModel.defaults,
    create: (p) => new PowerLawNormSpectralModel(p),
  },
  { tags: PowerLaw2SpectralModel.tags, defaults: PowerLaw2SpectralModel.defaults, create: (p) => new PowerLaw2SpectralModel(p) },
  {
    tags: ExpCutoffPowerLawSpectralModel.tags,
    defaults: ExpCutoffPowerLawSpectralModel.defaults,
    create: (p) => new ExpCutoffPowerLawSpectralModel(p),
  },
  {
    tags: ExpCutoffPowerLawNormSpectralModel.tags,
    defaults: ExpCutoffPowerLawNormSpectralModel.defaults,
    create: (p) => new ExpCutoffPowerLawNormSpectralModel(p),
  },
  {
    tags: LogParabolaSpectralModel.tags,
    defaults: LogParabolaSpectralModel.defaults,
    create: (p) => new LogParabolaSpectralModel(p),
  },
  {
    tags: LogParabolaNormSpectralModel.tags,
    defaults: LogParabolaNormSpectralModel.defaults,
    create: (p) => new LogParabolaNormSpectralModel(p),
  },
  {
    tags: BrokenPowerLawSpectralModel.tags,
    defaults: BrokenPowerLawSpectralModel.defaults,
    create: (p) => new BrokenPowerLawSpectralModel(p),
  },
  {
    tags: SmoothBrokenPowerLawSpectralModel.tags,
    defaults: SmoothBrokenPowerLawSpectralModel.defaults,
    create: (p) => new SmoothBrokenPowerLawSpectralModel(p),
  },
  { tags: ConstantSpectralModel.tags, defaults: ConstantSpectralModel.defaults, create: (p) => new ConstantSpectralModel(p) },
  { tags: GaussianSpectralModel.tags, defaults: GaussianSpectralModel.defaults, create: (p) => new GaussianSpectralModel(p) },
];

/** Spatial types known to gammats. */
export const SPATIAL_MODEL_TYPES: SpatialModelType[] = [
  {
    tags: PointSpatialModel.tags,
    defaults: PointSpatialModel.defaults,
    hasFrame: true,
    create: (p, frame) => new PointSpatialModel({ ...p, frame }),
  },
  {
    tags: GaussianSpatialModel.tags,
    defaults: GaussianSpatialModel.defaults,
    hasFrame: true,
    create: (p, frame) => new GaussianSpatialModel({ ...p, frame }),
  },
  {
    tags: DiskSpatialModel.tags,
    defaults: DiskSpatialModel.defaults,
    hasFrame: true,
    create: (p, frame) => new DiskSpatialModel({ ...p, frame }),
  },
  {
    tags: ConstantSpatialModel.tags,
    defaults: ConstantSpatialModel.defaults,
    hasFrame: false,
    create: (p) => new ConstantSpatialModel(p),
  },
  {
    tags: GeneralizedGaussianSpatialModel.tags,
    defaults: GeneralizedGaussianSpatialModel.defaults,
    hasFrame: true,
    create: (p, frame) => new GeneralizedGaussianSpatialModel({ ...p, frame }),
  },
  {
    tags: ShellSpatialModel.tags,
    defaults: ShellSpatialModel.defaults,
    hasFrame: true,
    create: (p, frame) => new ShellSpatialModel({ ...p, frame }),
  },
  {
    tags: Shell2SpatialModel.tags,
    defaults: Shell2SpatialModel.defaults,
    hasFrame: true,
    create: (p, frame) => new Shell2SpatialModel({ ...p, frame }),
  },
];

/**
 * Temporal types known to gammats with parameters only ("LightCurveTemplateTemporalModel",
 * which reads a file, is handled by the YAML reader).
 */
export const TEMPORAL_MODEL_TYPES: TemporalModelType[] = [
  { tags: ConstantTemporalModel.tags, defaults: ConstantTemporalModel.defaults, create: () => new ConstantTemporalModel() },
  { tags: LinearTemporalModel.tags, defaults: LinearTemporalModel.defaults, create: (p) => new LinearTemporalModel(p) },
  { tags: ExpDecayTemporalModel.tags, defaults: ExpDecayTemporalModel.defaults, create: (p) => new ExpDecayTemporalModel(p) },
  { tags: GaussianTemporalModel.tags, defaults: GaussianTemporalModel.defaults, create: (p) => new GaussianTemporalModel(p) },
  {
    tags: GeneralizedGaussianTemporalModel.tags,
    defaults: GeneralizedGaussianTemporalModel.defaults,
    create: (p) => new GeneralizedGaussianTemporalModel(p),
  },
  { tags: PowerLawTemporalModel.tags, defaults: PowerLawTemporalModel.defaults, create: (p) => new PowerLawTemporalModel(p) },
  { tags: SineTemporalModel.tags, defaults: SineTemporalModel.defaults, create: (p) => new SineTemporalModel(p) },
];

/**
 * The spectral type with this tag (long or short name).
 *
 * @param tag - e.g. "PowerLawSpectralModel" or "pl"
 * @returns the entry, or undefined
 * @example
 * ```ts
 * findSpectralModelType("ecpl")?.tags[0];   // "ExpCutoffPowerLawSpectralModel"
 * ```
 */
export function findSpectralModelType(tag: string): SpectralModelType | undefined {
  return SPECTRAL_MODEL_TYPES.find((t) => t.tags.includes(tag));
}

/**
 * The spatial type with this tag (long or short name).
 *
 * @param tag - e.g. "GaussianSpatialModel" or "gauss"
 * @returns the entry, or undefined
 */
export function findSpatialModelType(tag: string): SpatialModelType | undefined {
  return SPATIAL_MODEL_TYPES.find((t) => t.tags.includes(tag));
}

/**
 * The temporal type with this tag (long or short name).
 *
 * @param tag - e.g. "ExpDecayTemporalModel" or "exp-decay"
 * @returns the entry, or undefined
 */
export function findTemporalModelType(tag: string): TemporalModelType | undefined {
  return TEMPORAL_MODEL_TYPES.find((t) => t.tags.includes(tag));
}

/**
 * Registers an additional temporal model type for YAML I/O.
 *
 * @param type - tags, declarations, factory; replaces an entry with the same long tag
 */
export function registerTemporalModelType(type: TemporalModelType): void {
  const i = TEMPORAL_MODEL_TYPES.findIndex((t) => t.tags[0] === type.tags[0]);
  if (i >= 0) TEMPORAL_MODEL_TYPES[i] = type;
  else TEMPORAL_MODEL_TYPES.push(type);
}

/**
 * Registers an additional spectral model type (e.g. a user model) for YAML I/O.
 *
 * @param type - tags, declarations, factory; replaces an entry with the same long tag
 */
export function registerSpectralModelType(type: SpectralModelType): void {
  const i = SPECTRAL_MODEL_TYPES.findIndex((t) => t.tags[0] === type.tags[0]);
  if (i >= 0) SPECTRAL_MODEL_TYPES[i] = type;
  else SPECTRAL_MODEL_TYPES.push(type);
}

/**
 * Registers an additional spatial model type for YAML I/O.
 *
 * @param type - tags, declarations, frame flag, factory; replaces an entry with the same long tag
 */
export function registerSpatialModelType(type: SpatialModelType): void {
  const i = SPATIAL_MODEL_TYPES.findIndex((t) => t.tags[0] === type.tags[0]);
  if (i >= 0) SPATIAL_MODEL_TYPES[i] = type;
  else SPATIAL_MODEL_TYPES.push(type);
}
