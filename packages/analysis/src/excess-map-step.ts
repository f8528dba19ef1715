/**
 * The excess-map step (Gammapy 1.0's `Analysis.get_excess_map`): an ExcessMapEstimator
 * with the `excess_map` section's correlation radius, energy edges and parameters, run on
 * the single map dataset relative to its current (fitted) models; and the result as FITS
 * in Gammapy's `FluxMaps.write` layout (primary HDU with SED_TYPE and MODEL, then one
 * image HDU per quantity, each with its own `<NAME>_BANDS` table, and the reference model
 * in a YAML file). The estimation is the estimators package's.
 */
import { existsSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { ConfigError, DataError } from "@gammats/core";
import { isMapDataset } from "@gammats/datasets";
import type { AnyDataset, Datasets } from "@gammats/datasets";
import { ExcessMapEstimator, FluxMaps, QUANTITY_NAMES, excessMapSummary, mapEstimatorDataset } from "@gammats/estimators";
import type { ExcessMapEstimatorOptions, QuantityName } from "@gammats/estimators";
import { imageHdu, readFitsSync, writeFitsSync } from "@gammats/fits";
import type { HduSpec } from "@gammats/fits";
import { WcsNDMap, readWcsMapFromFits, wcsMapToHdus } from "@gammats/maps";
import type { WcsGeom } from "@gammats/maps";
import { Models, PowerLawSpectralModel, SkyModel, readModels, writeModels } from "@gammats/modeling";
import type { SpectralModel } from "@gammats/modeling";
import type { StepContext } from "./context.js";
import { energyAxisFromConfig } from "./datasets-step.js";
import { mapParameters } from "./maker-options.js";

const EXCESS_MAP_PARAMETERS = {
  n_sigma: { option: "nSigma", kind: "number" },
  n_sigma_ul: { option: "nSigmaUl", kind: "number" },
  selection_optional: { option: "selectionOptional", kind: "string-or-list" },
  correlate_off: { option: "correlateOff", kind: "boolean" },
} as const;

/**
 * Quantities in the order Gammapy's `FluxMaps.to_maps("likelihood")` writes them: its
 * quantity list without `stat_scan` (a per-bin profile, not a map).
 */
const WRITE_ORDER: readonly QuantityName[] = QUANTITY_NAMES.filter((q) => q !== "stat_scan");

function where(ctx: StepContext): { file?: string } {
  return ctx.config.file === undefined ? {} : { file: ctx.config.file };
}

/**
 * Computes the excess maps of the one map dataset.
 *
 * @param ctx - config, logger
 * @param datasets - the datasets: exactly one map dataset, carrying its (fitted) models
 * @returns the maps (npred, npred_excess, counts, ts, sqrt_ts, norm, norm_err, ...)
 * @throws DataError without datasets; ConfigError naming `datasets.stack` for several
 *   datasets or `datasets.type` for a 1D dataset (Gammapy raises in both cases), or an
 *   unknown parameter
 * @example
 * ```ts
 * const maps = runExcessMapStep(ctx, datasets);
 * excessMapSummary(maps).max_sqrt_ts; // e.g. 3.48
 * ```
 */
export function runExcessMapStep(ctx: StepContext, datasets: Datasets<AnyDataset> | null): FluxMaps {
  if (datasets === null || datasets.length === 0) {
    throw new DataError("No datasets defined. Impossible to compute excess maps", { hint: "run getDatasets() or readDatasets() first" });
  }
  ctx.logger.info("Computing excess maps.");
  if (datasets.length > 1) {
    throw new ConfigError(`Datasets must be stacked to compute the excess map (there are ${datasets.length})`, "datasets.stack", {
      ...where(ctx),
      hint: "set datasets.stack: true",
    });
  }
  const dataset = datasets.get(0);
  if (!isMapDataset(dataset)) {
    throw new ConfigError("Cannot compute excess map for 1D dataset", "datasets.type", { ...where(ctx), hint: "excess maps need datasets.type: 3d" });
  }
  const settings = ctx.config.data.excess_map;
  const { options } = mapParameters(ctx.config, "excess_map.parameters", settings.parameters, EXCESS_MAP_PARAMETERS);
  const radius = ctx.config.angle("excess_map.correlation_radius");
  const edges = energyAxisFromConfig(ctx, "excess_map.energy_edges");
  const estimator = new ExcessMapEstimator({
    ...(options as ExcessMapEstimatorOptions),
    ...(radius === null ? {} : { correlationRadius: radius }),
    ...(edges === null ? {} : { energyEdges: edges.edgesIn("TeV") }),
  });
  const maps = estimator.run(mapEstimatorDataset(dataset));
  const s = excessMapSummary(maps);
  ctx.logger.info(`Excess map: max sqrt(TS) ${s.max_sqrt_ts?.toFixed(2) ?? "n/a"} at (${s.lon_deg?.toFixed(3)}, ${s.lat_deg?.toFixed(3)}) ${s.frame}, excess sum ${s.excess_sum.toFixed(1)}`);
  return maps;
}

/**
 * Writes excess maps as Gammapy's `FluxMaps.write` does (SED type "likelihood"),
 * atomically: the FITS file, and next to it the reference model in a models YAML file
 * named as Gammapy names it ("<file>_model.yaml"), which the primary header's MODEL
 * keyword names (relative, as Gammapy writes a relative path it was given: Gammapy reads
 * it back from the folder the file is in).
 *
 * @param maps - the maps
 * @param path - the FITS file
 * @param options - overwrite (default false)
 * @returns the two paths written: the FITS file, the model file
 * @throws IoError when a file exists without `overwrite`
 * @example
 * ```ts
 * writeExcessMapFits(maps, "out/excess_map.fits"); // [".../excess_map.fits", ".../excess_map.fits_model.yaml"]
 * ```
 */
export function writeExcessMapFits(maps: FluxMaps, path: string, options: { overwrite?: boolean } = {}): [string, string] {
  const overwrite = options.overwrite ?? false;
  const modelPath = `${path}_model.yaml`;
  const reference = new SkyModel({ name: "excess-map-reference", spectral: maps.referenceModel.copy() });
  writeModels(new Models([reference]), modelPath, { overwrite, writeCovariance: false });
  const hdus: HduSpec[] = [imageHdu({ header: [["SED_TYPE", "likelihood"], ["MODEL", basename(modelPath)]] })];
  const stored = new Set(maps.availableQuantities);
  const extra = maps.availableQuantities.filter((q) => !(WRITE_ORDER as readonly string[]).includes(q));
  // is_ul is always written: Gammapy derives it when it is not stored.
  const names = [...WRITE_ORDER.filter((q) => stored.has(q) || q === "is_ul"), ...extra];
  for (const name of names) {
    const map = name === "is_ul" ? new WcsNDMap(maps.geom, maps.isUl) : maps.toMap(name);
    // Every HDU after the writer's own empty primary.
    hdus.push(...wcsMapToHdus(map, { hdu: name.toUpperCase() }).slice(1));
  }
  writeFitsSync(path, hdus, { overwrite });
  return [path, modelPath];
}

/**
 * Reads excess maps written by {@link writeExcessMapFits} or by Gammapy's
 * `FluxMaps.write` (likelihood SED type). The reference spectrum comes from the models
 * file the MODEL keyword names (looked up next to the FITS file, then as given), else it
 * is Gammapy's default, a power law of index 2.
 *
 * @param path - the FITS file
 * @param meta - n sigma of errors and upper limits (default 1 and 2)
 * @returns the maps
 * @throws FitsError / IoError for unreadable files; DataError without a NORM map
 * @example
 * ```ts
 * readExcessMapFits("out/excess_map.fits").get("sqrt_ts");
 * ```
 */
export function readExcessMapFits(path: string, meta: { nSigma?: number; nSigmaUl?: number } = {}): FluxMaps {
  const file = readFitsSync(path);
  const data: Record<string, Float64Array> = {};
  let geom: WcsGeom | undefined;
  for (const hdu of file.hdus) {
    if (hdu.type !== "image" || hdu.index === 0 || hdu.name.endsWith("_BANDS")) continue;
    const name = hdu.name.toLowerCase();
    if (name === "is_ul") continue; // derived from sqrt_ts and norm_ul, or norm
    const map = readWcsMapFromFits(file, { hdu: hdu.name, dtype: "float64" });
    geom ??= map.geom;
    data[name] = Float64Array.from(map.data);
  }
  if (geom === undefined || data["norm"] === undefined) throw new DataError(`${path} holds no NORM map`, { hint: "give a file written by FluxMaps.write" });
  const model = file.hdus[0]!.header.get("MODEL");
  let spectral: SpectralModel = new PowerLawSpectralModel({ index: 2 });
  if (typeof model === "string" && model !== "") {
    const near = join(dirname(path), basename(model));
    const modelPath = existsSync(near) ? near : model;
    if (existsSync(modelPath)) spectral = readModels(modelPath).skyModels()[0]?.spectral ?? spectral;
  }
  return new FluxMaps(geom, data, spectral, { nSigma: meta.nSigma ?? 1, nSigmaUl: meta.nSigmaUl ?? 2 });
}
