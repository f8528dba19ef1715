/**
 * The datasets step (Gammapy's `Analysis.get_datasets`): the reference dataset, the
 * makers and the loop over observations, chosen by `datasets.type`. Everything here
 * translates config keys into the reduce package's makers; the reduction itself is
 * theirs. 3D datasets are the branch in map-datasets-step.ts.
 */
import { ConfigError } from "@gammats/core";
import type { Observation } from "@gammats/data-store";
import { Datasets } from "@gammats/datasets";
import type { AnyDataset, AnySpectrumDataset } from "@gammats/datasets";
import { MapAxis, RegionGeom, readWcsMap, regionFromOnRegion } from "@gammats/maps";
import {
  DatasetsMaker,
  ReflectedRegionsBackgroundMaker,
  SafeMaskMaker,
  SpectrumDatasetMaker,
  emptySpectrumDataset,
} from "@gammats/reduce";
import type { ExclusionMask, Maker, ReflectedRegionsBackgroundMakerOptions, SafeMaskMakerOptions } from "@gammats/reduce";
import type { ConfigKeyPaths } from "@gammats/config";
import { configPath } from "./context.js";
import type { StepContext } from "./context.js";
import { checkOnRegionCoverage } from "./input-checks.js";
import { mapParameters } from "./maker-options.js";
import { runMapDatasetsStep } from "./map-datasets-step.js";

const SAFE_MASK_PARAMETERS = {
  aeff_percent: { option: "aeffPercent", kind: "number" },
  bias_percent: { option: "biasPercent", kind: "number" },
  fixed_offset: { option: "fixedOffset", kind: "angle" },
  offset_max: { option: "offsetMax", kind: "angle" },
} as const;

const REFLECTED_PARAMETERS = {
  angle_increment: { option: "angleIncrement", kind: "angle" },
  min_distance: { option: "minDistance", kind: "angle" },
  min_distance_input: { option: "minDistanceInput", kind: "angle" },
  max_region_number: { option: "maxRegionNumber", kind: "integer" },
  binsz: { option: "binsz", kind: "angle" },
} as const;

function where(ctx: StepContext): { file?: string } {
  return ctx.config.file === undefined ? {} : { file: ctx.config.file };
}

/**
 * A log-spaced energy axis from an `EnergyAxisConfig` key, as Gammapy's
 * `Analysis._make_energy_axis`, or null when min, max or nbins is unset.
 *
 * @param ctx - the step context
 * @param key - e.g. "datasets.geom.axes.energy"
 * @param name - "energy" or "energy_true"
 * @returns the axis [TeV], or null
 * @example
 * ```ts
 * energyAxisFromConfig(ctx, "datasets.geom.axes.energy")?.nbin; // 73
 * ```
 */
export function energyAxisFromConfig(ctx: StepContext, key: ConfigKeyPaths["EnergyAxisConfig"], name: "energy" | "energy_true" = "energy"): MapAxis | null {
  const values = ctx.config.energyAxis(key);
  if (values === null) return null;
  return MapAxis.fromBounds(values.min, values.max, values.nbins, { name, unit: "TeV", interp: "log", nodeType: "edges" });
}

/**
 * The empty 1D reference dataset: the on region with the reco energy axis, and the true
 * energy axis when `datasets.geom.axes.energy_true` is set (Gammapy's
 * `_create_reference_dataset`).
 *
 * @param ctx - the step context
 * @returns the reference dataset
 * @throws ConfigError naming `datasets.geom.axes.energy` or `datasets.on_region` when unset
 */
export function spectrumReference(ctx: StepContext): AnySpectrumDataset {
  const energy = energyAxisFromConfig(ctx, "datasets.geom.axes.energy");
  if (energy === null) {
    throw new ConfigError("the reco energy axis is not set", "datasets.geom.axes.energy", {
      ...where(ctx),
      hint: "give min, max and nbins, e.g. {min: 0.1 TeV, max: 100 TeV, nbins: 30}",
    });
  }
  const onRegion = ctx.config.data.datasets.on_region;
  if (ctx.config.circle("datasets.on_region") === null) {
    throw new ConfigError("a 1d analysis needs an on region", "datasets.on_region", {
      ...where(ctx),
      hint: "give frame, lon, lat and radius, e.g. {frame: icrs, lon: 83.633 deg, lat: 22.014 deg, radius: 0.1 deg}",
    });
  }
  const geom = RegionGeom.create(regionFromOnRegion(onRegion), { axes: [energy] });
  const energyTrue = energyAxisFromConfig(ctx, "datasets.geom.axes.energy_true", "energy_true");
  return emptySpectrumDataset(geom, energyTrue === null ? {} : { energyAxisTrue: energyTrue });
}

/**
 * The SafeMaskMaker of `datasets.safe_mask` (methods and parameters), for 1D and 3D.
 *
 * @param ctx - the step context
 * @returns the maker
 * @throws ConfigError naming the key for an unknown parameter
 */
export function safeMaskMaker(ctx: StepContext): SafeMaskMaker {
  const section = ctx.config.data.datasets.safe_mask;
  const { options } = mapParameters(ctx.config, "datasets.safe_mask.parameters", section.parameters, SAFE_MASK_PARAMETERS);
  return new SafeMaskMaker({ methods: section.methods, ...(options as SafeMaskMakerOptions) });
}

function exclusionMask(ctx: StepContext): ExclusionMask | undefined {
  const path = configPath(ctx, "datasets.background.exclusion");
  if (path === null) return undefined;
  const map = readWcsMap(path);
  // Gammapy casts the map to bool: any non-zero pixel is allowed.
  return { geom: map.geom, data: Uint8Array.from(map.data as ArrayLike<number>, (v) => (v ? 1 : 0)), isMask: true };
}

function backgroundMaker(ctx: StepContext): Maker | null {
  const bkg = ctx.config.data.datasets.background;
  if (bkg.method === null) {
    ctx.logger.warning("No background maker set. Check configuration.");
    return null;
  }
  if (bkg.method !== "reflected") {
    throw new ConfigError(`background method '${bkg.method}' is for 3d datasets`, "datasets.background.method", {
      ...where(ctx),
      hint: "use reflected for a 1d analysis (or leave it empty for counts only)",
    });
  }
  const { options } = mapParameters(ctx.config, "datasets.background.parameters", bkg.parameters, REFLECTED_PARAMETERS);
  const mask = exclusionMask(ctx);
  ctx.logger.info("Creating the background Maker.");
  const makerOptions: ReflectedRegionsBackgroundMakerOptions = {
    ...(options as ReflectedRegionsBackgroundMakerOptions),
    ...(mask === undefined ? {} : { exclusionMask: mask }),
    logger: ctx.logger,
  };
  return new ReflectedRegionsBackgroundMaker(makerOptions) as unknown as Maker;
}

async function spectrumDatasets(ctx: StepContext, observations: readonly Observation[]): Promise<Datasets> {
  ctx.logger.info("Reducing spectrum datasets.");
  checkOnRegionCoverage(ctx, observations);
  const settings = ctx.config.data.datasets;
  const maker = new DatasetsMaker({
    datasetMaker: new SpectrumDatasetMaker({
      selection: ["counts", "exposure", "edisp"],
      containmentCorrection: settings.containment_correction,
    }),
    backgroundMaker: backgroundMaker(ctx),
    safeMaskMaker: safeMaskMaker(ctx),
    stack: settings.stack,
    nJobs: ctx.config.data.general.n_jobs,
    logger: ctx.logger,
    ...(ctx.onProgress === undefined ? {} : { onProgress: ctx.onProgress }),
  });
  const datasets = (await maker.run(spectrumReference(ctx), observations)) as AnySpectrumDataset[];
  return new Datasets(datasets);
}

/**
 * Reduces the observations to datasets as `datasets.type` asks.
 *
 * @param ctx - config, logger, working folder
 * @param observations - the selected observations
 * @returns the datasets: one per observation, or one named "stacked" (`datasets.stack`)
 * @throws ConfigError naming the key for an incomplete or unsupported config;
 *   DataError from the makers
 * @example
 * ```ts
 * const datasets = await runDatasetsStep(ctx, observations);
 * datasets.names; // ["stacked"]
 * ```
 */
export async function runDatasetsStep(ctx: StepContext, observations: readonly Observation[]): Promise<Datasets<AnyDataset>> {
  if (observations.length === 0) {
    throw new ConfigError("no observations have been selected", "observations", { ...where(ctx), hint: "run getObservations() first" });
  }
  const type = ctx.config.data.datasets.type;
  if (type === "1d") return spectrumDatasets(ctx, observations) as Promise<Datasets<AnyDataset>>;
  // 3d (and 2d: one energy bin): Gammapy's _map_making
  return runMapDatasetsStep(ctx, observations) as Promise<Datasets<AnyDataset>>;
}
