/**
 * The 3D branch of the datasets step (Gammapy 1.0's `Analysis._map_making`): the empty
 * reference dataset "stacked", a MapDatasetMaker (`datasets.map_selection`), the safe mask
 * maker, the background maker (`fov_background`, `ring` or none) and the loop over
 * observations through reduce's DatasetsMaker — cut-outs of 2 × `geom.selection.offset_max`
 * around each pointing, stacked or one dataset per observation — and the FoV background
 * models Gammapy's `set_models` adds to map datasets. Only config keys are translated
 * here; the reduction is the reduce package's.
 */
import { ConfigError } from "@gammats/core";
import type { Observation } from "@gammats/data-store";
import { Datasets } from "@gammats/datasets";
import type { AnyDataset, AnyMapDataset } from "@gammats/datasets";
import { WcsNDMap, readWcsMap } from "@gammats/maps";
import { FoVBackgroundModel } from "@gammats/modeling";
import { DatasetsMaker, FoVBackgroundMaker, MAP_SELECTION, MapDatasetMaker, RingBackgroundMaker } from "@gammats/reduce";
import type { FoVBackgroundMakerOptions, Maker, MapSelection, RingBackgroundMakerOptions } from "@gammats/reduce";
import { configPath } from "./context.js";
import type { StepContext } from "./context.js";
import { safeMaskMaker } from "./datasets-step.js";
import { mapParameters } from "./maker-options.js";
import { mapReference } from "./map-geometry.js";

const FOV_PARAMETERS = {
  method: { option: "method", kind: "string-or-list" },
  spectral_model: { option: "spectralModel", kind: "string-or-list" },
  min_counts: { option: "minCounts", kind: "number" },
  min_npred_background: { option: "minNpredBackground", kind: "number" },
} as const;

const RING_PARAMETERS = {
  r_in: { option: "rIn", kind: "angle" },
  width: { option: "width", kind: "angle" },
} as const;

function where(ctx: StepContext): { file?: string } {
  return ctx.config.file === undefined ? {} : { file: ctx.config.file };
}

/**
 * The exclusion mask of `datasets.background.exclusion` as a bool map (Gammapy casts the
 * map to bool: any non-zero pixel is usable), or null when unset.
 *
 * @param ctx - the step context
 * @returns the mask, 1 = usable
 * @throws IoError / FitsError for a file that does not read as a map
 */
export function mapExclusionMask(ctx: StepContext): WcsNDMap | null {
  const path = configPath(ctx, "datasets.background.exclusion");
  if (path === null) return null;
  const map = readWcsMap(path);
  return new WcsNDMap(map.geom, Uint8Array.from(map.data as ArrayLike<number>, (v) => (v ? 1 : 0)));
}

function stringParameter(ctx: StepContext, options: Record<string, unknown>, name: string, key: string): void {
  if (options[name] !== undefined && typeof options[name] !== "string") {
    throw new ConfigError(`'${key}' must be a string, got ${JSON.stringify(options[name])}`, `datasets.background.parameters.${key}`, where(ctx));
  }
}

/**
 * The background maker of `datasets.background` for map datasets (Gammapy's
 * `_create_background_maker`): FoVBackgroundMaker, RingBackgroundMaker (one reco energy
 * bin only, as Gammapy demands), or none (with Gammapy's warning).
 *
 * @param ctx - the step context
 * @returns the maker, or null
 * @throws ConfigError naming the key for `reflected` (1D only), an unknown parameter, or
 *   ring with more than one energy bin
 */
export function mapBackgroundMaker(ctx: StepContext): Maker | null {
  const bkg = ctx.config.data.datasets.background;
  if (bkg.method === null) {
    ctx.logger.warning("No background maker set. Check configuration.");
    return null;
  }
  if (bkg.method === "reflected") {
    throw new ConfigError("the reflected regions background is for 1d datasets", "datasets.background.method", {
      ...where(ctx),
      hint: "use fov_background or ring for a 3d analysis (or type: 1d with an on_region)",
    });
  }
  ctx.logger.info("Creating the background Maker.");
  const exclusionMask = mapExclusionMask(ctx);
  if (bkg.method === "fov_background") {
    const { options } = mapParameters(ctx.config, "datasets.background.parameters", bkg.parameters, FOV_PARAMETERS);
    stringParameter(ctx, options, "method", "method");
    stringParameter(ctx, options, "spectralModel", "spectral_model");
    return new FoVBackgroundMaker({ ...(options as FoVBackgroundMakerOptions), exclusionMask }) as unknown as Maker;
  }
  const nbins = ctx.config.data.datasets.geom.axes.energy.nbins;
  if (nbins !== null && nbins > 1) {
    throw new ConfigError(`the ring background needs a single-bin energy axis, got nbins: ${nbins}`, "datasets.geom.axes.energy.nbins", {
      ...where(ctx),
      hint: "set datasets.geom.axes.energy.nbins: 1 (Gammapy refuses this too)",
    });
  }
  const { options } = mapParameters(ctx.config, "datasets.background.parameters", bkg.parameters, RING_PARAMETERS);
  for (const key of ["r_in", "width"] as const) {
    if (bkg.parameters[key] === undefined) {
      throw new ConfigError(`the ring background needs '${key}'`, `datasets.background.parameters.${key}`, {
        ...where(ctx),
        hint: "give e.g. parameters: {r_in: 0.7 deg, width: 0.7 deg}",
      });
    }
  }
  return new RingBackgroundMaker({ ...(options as unknown as RingBackgroundMakerOptions), exclusionMask }) as unknown as Maker;
}

/**
 * Reduces the observations to map datasets (`datasets.type: 3d`).
 *
 * @param ctx - config, logger, working folder, progress callback
 * @param observations - the selected observations
 * @returns one dataset named "stacked", or one per observation (named by obs id)
 * @throws ConfigError naming the key for an incomplete or inconsistent config; DataError
 *   from the makers
 * @example
 * ```ts
 * const datasets = await runMapDatasetsStep(ctx, observations);
 * datasets.get(0).counts?.geom.dataShape; // [4, 125, 125]
 * ```
 */
export async function runMapDatasetsStep(ctx: StepContext, observations: readonly Observation[]): Promise<Datasets<AnyMapDataset>> {
  const settings = ctx.config.data.datasets;
  ctx.logger.info("Creating reference dataset and makers.");
  const reference = mapReference(ctx);
  const selection = settings.map_selection.filter((s): s is MapSelection => (MAP_SELECTION as readonly string[]).includes(s));
  const offsetMax = ctx.config.angle("datasets.geom.selection.offset_max");
  const maker = new DatasetsMaker({
    datasetMaker: new MapDatasetMaker({ selection }),
    safeMaskMaker: safeMaskMaker(ctx),
    backgroundMaker: mapBackgroundMaker(ctx),
    // Gammapy's order for 3D: the safe mask before the background maker.
    safeMaskFirst: true,
    cutoutWidth: offsetMax === null ? null : 2 * offsetMax,
    stack: settings.stack,
    nJobs: ctx.config.data.general.n_jobs,
    logger: ctx.logger,
    ...(ctx.onProgress === undefined ? {} : { onProgress: ctx.onProgress }),
  });
  ctx.logger.info("Start the data reduction loop.");
  const datasets = (await maker.run(reference, observations)) as AnyMapDataset[];
  return new Datasets<AnyMapDataset>(datasets);
}

/**
 * The FoVBackgroundModels Gammapy's `Analysis.set_models` adds: one ("<name>-bkg", norm 1,
 * tilt 0 frozen) for each MapDataset whose models hold no "<name>-bkg" yet. On/off and 1D
 * datasets get none.
 *
 * @param datasets - the datasets, models already set
 * @returns the new models (empty when none is missing)
 * @example
 * ```ts
 * fovBackgroundModelsFor(datasets).map((m) => m.name); // ["stacked-bkg"]
 * ```
 */
export function fovBackgroundModelsFor(datasets: Iterable<AnyDataset>): FoVBackgroundModel[] {
  const added: FoVBackgroundModel[] = [];
  for (const d of datasets) {
    if (d.tag !== "MapDataset") continue;
    if (d.models?.has(`${d.name}-bkg`)) continue;
    added.push(new FoVBackgroundModel({ datasetName: d.name }));
  }
  return added;
}
