/**
 * The geometry and the empty reference dataset of a 3D analysis, from the config keys
 * `datasets.geom` (Gammapy 1.0's `Analysis._create_wcs_geometry` and
 * `_create_reference_dataset`). A pure config → constructor mapping: the sizing rules are
 * `WcsGeom.create`'s (@gammats/maps), the dataset layout `createMapDataset`'s
 * (@gammats/datasets).
 */
import { ConfigError } from "@gammats/core";
import { createMapDataset } from "@gammats/datasets";
import type { MapDataset } from "@gammats/datasets";
import { WcsGeom } from "@gammats/maps";
import type { StepContext } from "./context.js";
import { energyAxisFromConfig } from "./datasets-step.js";

function where(ctx: StepContext): { file?: string } {
  return ctx.config.file === undefined ? {} : { file: ctx.config.file };
}

/**
 * The counts geometry of a 3D analysis: a WCS image (`datasets.geom.wcs`: skydir, frame,
 * binsize, width × height) with the reco energy axis (`datasets.geom.axes.energy`).
 *
 * @param ctx - the step context
 * @returns the geometry (axes [energy])
 * @throws ConfigError naming `datasets.geom.wcs.skydir.frame` when the frame is not
 *   icrs / galactic (Gammapy raises too), or `datasets.geom.axes.energy` when unset
 * @example
 * ```ts
 * mapGeometry(ctx).dataShape; // [4, 125, 125] for 5 deg at 0.04 deg, 4 energy bins
 * ```
 */
export function mapGeometry(ctx: StepContext): WcsGeom {
  const wcs = ctx.config.data.datasets.geom.wcs;
  const frame = wcs.skydir.frame;
  if (frame !== "icrs" && frame !== "galactic") {
    throw new ConfigError(`the map frame must be icrs or galactic, got ${JSON.stringify(frame)}`, "datasets.geom.wcs.skydir.frame", {
      ...where(ctx),
      hint: "set datasets.geom.wcs.skydir: {frame: icrs, lon: 83.633 deg, lat: 22.014 deg}",
    });
  }
  const energy = energyAxisFromConfig(ctx, "datasets.geom.axes.energy");
  if (energy === null) {
    throw new ConfigError("the reco energy axis is not set", "datasets.geom.axes.energy", {
      ...where(ctx),
      hint: "give min, max and nbins, e.g. {min: 1 TeV, max: 10 TeV, nbins: 4} (nbins: 1 for a 2D analysis)",
    });
  }
  const lon = ctx.config.angle("datasets.geom.wcs.skydir.lon");
  const lat = ctx.config.angle("datasets.geom.wcs.skydir.lat");
  const binsz = ctx.config.angle("datasets.geom.wcs.binsize");
  const width = ctx.config.angle("datasets.geom.wcs.width.width");
  const height = ctx.config.angle("datasets.geom.wcs.width.height");
  if (binsz === null || width === null || height === null) {
    const key = binsz === null ? "datasets.geom.wcs.binsize" : "datasets.geom.wcs.width";
    throw new ConfigError("the map size is not set", key, { ...where(ctx), hint: "give binsize (e.g. 0.02 deg) and width {width: 5 deg, height: 5 deg}" });
  }
  // Gammapy leaves skydir at its default (0, 0) when lon is unset.
  const skydir = lon === null ? undefined : { lon, lat: lat ?? 0, frame };
  return WcsGeom.create({ ...(skydir === undefined ? {} : { skydir }), frame, binsz, width: [width, height], axes: [energy] });
}

/**
 * The empty reference MapDataset named "stacked": the counts geometry, the true energy
 * axis (`datasets.geom.axes.energy_true`, default the reco axis) and the IRF maps' pixel
 * size (`datasets.geom.wcs.binsize_irf`), as Gammapy's `_create_reference_dataset`.
 *
 * @param ctx - the step context
 * @returns the reference dataset
 * @throws ConfigError for an incomplete geometry (see {@link mapGeometry})
 * @example
 * ```ts
 * mapReference(ctx).exposure?.geom.axes[0]?.name; // "energy_true"
 * ```
 */
export function mapReference(ctx: StepContext): MapDataset {
  const geom = mapGeometry(ctx);
  const energyTrue = energyAxisFromConfig(ctx, "datasets.geom.axes.energy_true", "energy_true");
  const binszIrf = ctx.config.angle("datasets.geom.wcs.binsize_irf");
  return createMapDataset(geom, {
    name: "stacked",
    ...(energyTrue === null ? {} : { energyAxisTrue: energyTrue }),
    ...(binszIrf === null ? {} : { binszIrf }),
  });
}
