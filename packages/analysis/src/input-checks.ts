/**
 * Checks of the inputs an analysis run can test cheaply, so that a mistake fails early
 * with an error naming the config key — not after minutes of reduction, not as a
 * misleading message from deep inside a maker, and never as NaN silently in the products.
 * Gammapy 1.0 runs on in these cases (NaN everywhere, or a crash deep inside); the
 * outcomes here are gammats' own choices, each documented where it is made.
 */
import { existsSync } from "node:fs";
import { ConfigError, DataError, angularSeparation, transformFrame } from "@gammats/core";
import { didYouMean } from "@gammats/config";
import type { Observation } from "@gammats/data-store";
import type { AnyDataset, Datasets } from "@gammats/datasets";
import { datasetMask, isMapDataset, mapDatasetMask, recoGeom } from "@gammats/datasets";
import type { FluxPoints } from "@gammats/estimators";
import type { MapAxis } from "@gammats/maps";
import { readModels } from "@gammats/modeling";
import { configPath } from "./context.js";
import type { StepContext } from "./context.js";
import type { StepName } from "./steps.js";
import { fluxPointsSummary, lightCurveSummary } from "./summary.js";

function where(ctx: StepContext): { file?: string } {
  return ctx.config.file === undefined ? {} : { file: ctx.config.file };
}

const tev = (e: number) => `${Number(e.toPrecision(4))} TeV`;

/**
 * Checks that `flux_points.source` / `light_curve.source` names one of the models.
 *
 * @param ctx - the step context
 * @param section - "flux_points" or "light_curve"
 * @param names - the model names
 * @throws ConfigError naming the key, the known models and the closest name
 */
export function checkEstimatorSource(ctx: StepContext, section: "flux_points" | "light_curve", names: readonly string[]): void {
  const source = ctx.config.data[section].source;
  if (names.includes(source)) return;
  const guess = didYouMean(source, names);
  throw new ConfigError(`no model named '${source}' (models: ${names.join(", ") || "none"})`, `${section}.source`, {
    ...where(ctx),
    hint: guess ? `did you mean '${guess}'?` : "set it to the name of a model in the models file",
  });
}

/**
 * Checks, before any work, what the config alone tells: that the models file exists and
 * names the sources of the flux points and light curve, and that `fit.fit_range`
 * overlaps the reco energy axis.
 *
 * @param ctx - the step context
 * @param steps - the steps about to run
 * @throws ConfigError naming the key (general.models_file, flux_points.source,
 *   light_curve.source, fit.fit_range)
 */
export function checkBeforeRun(ctx: StepContext, steps: readonly StepName[]): void {
  if (!steps.includes("fit")) return;
  const file = configPath(ctx, "general.models_file");
  if (file !== null) {
    if (!existsSync(file)) {
      throw new ConfigError(`models file not found: ${file}`, "general.models_file", {
        ...where(ctx),
        hint: "fix the path (relative paths resolve against the working directory)",
      });
    }
    const sections = (["flux_points", "light_curve"] as const).filter((s) => steps.includes(s === "flux_points" ? "flux-points" : "light-curve"));
    if (sections.length > 0) {
      const names = readModels(file).names;
      for (const s of sections) checkEstimatorSource(ctx, s, names);
    }
  }
  const range = ctx.config.energyRange("fit.fit_range");
  const axis = ctx.config.energyAxis("datasets.geom.axes.energy");
  if (axis !== null && ((range.min !== null && range.min >= axis.max) || (range.max !== null && range.max <= axis.min))) {
    throw new ConfigError(
      `the fit range ${range.min === null ? "..." : tev(range.min)} – ${range.max === null ? "..." : tev(range.max)} lies outside the energy axis ${tev(axis.min)} – ${tev(axis.max)}`,
      "fit.fit_range",
      { ...where(ctx), hint: "choose a fit range inside datasets.geom.axes.energy" },
    );
  }
}

/** Largest offset from the pointing the effective area covers [deg], or undefined. */
function fovRadius(obs: Observation): number | undefined {
  try {
    const axis = obs.aeff?.axis("offset");
    return axis === undefined ? undefined : Math.max(...axis.edgesIn("deg"));
  } catch {
    return undefined; // no offset axis or no aeff: leave it to the makers
  }
}

/**
 * Checks the on region against each observation's field of view (the effective area's
 * offset range). Outside every field of view: an error (there is nothing to reduce; the
 * makers would otherwise fail with messages about pixels). Outside some: a warning naming
 * them; their datasets get an empty safe range, as in Gammapy, and add nothing.
 *
 * @param ctx - the step context
 * @param observations - the selected observations
 * @throws DataError when the on region lies outside every field of view
 */
export function checkOnRegionCoverage(ctx: StepContext, observations: readonly Observation[]): void {
  const circle = ctx.config.circle("datasets.on_region");
  if (circle === null || observations.length === 0) return;
  const c = circle.frame === "icrs" ? { lon: circle.lon, lat: circle.lat } : transformFrame(circle.lon, circle.lat, circle.frame, "icrs");
  const outside: string[] = [];
  let nearest = { offset: Infinity, obsId: 0, fov: 0 };
  let known = 0;
  for (const obs of observations) {
    const fov = fovRadius(obs);
    if (fov === undefined) continue;
    known++;
    const offset = angularSeparation(c.lon, c.lat, obs.pointing.ra, obs.pointing.dec);
    if (offset < nearest.offset) nearest = { offset, obsId: obs.obsId, fov };
    if (offset > fov) outside.push(`${obs.obsId} (${offset.toFixed(2)} deg)`);
  }
  if (known === 0 || outside.length === 0) return;
  const region = `${circle.frame} ${circle.lon.toFixed(3)}, ${circle.lat.toFixed(3)}`;
  if (outside.length === known) {
    throw new DataError(
      `the on region (${region}) lies outside the field of view of every observation: the nearest pointing is ` +
        `${nearest.offset.toFixed(2)} deg away (observation ${nearest.obsId}; its IRFs reach ${nearest.fov.toFixed(2)} deg)`,
      { hint: "check datasets.on_region (position and frame) and the observations selected" },
    );
  }
  const one = outside.length === 1;
  ctx.logger.warning(
    `the on region (${region}) lies outside the field of view of observation${one ? "" : "s"} ${outside.join(", ")}: ` +
      `${one ? "its dataset has" : "their datasets have"} no safe energy range and add${one ? "s" : ""} nothing`,
  );
}

/** Bins inside both the safe mask and the fit mask, and the counts in them, over all datasets. */
// Whether any bin of the dataset is inside its safe mask (no mask: all are).
function anySafeBin(d: AnyDataset): boolean {
  const mask = d.maskSafe;
  if (mask === null || mask === undefined) return true;
  const data = "data" in mask ? mask.data : mask;
  for (let i = 0; i < data.length; i++) if (data[i]) return true;
  return false;
}

function fitBinsAndCounts(datasets: Datasets<AnyDataset>): { bins: number; counts: number } {
  let bins = 0;
  let counts = 0;
  for (const d of datasets.list) {
    // Map datasets: every bin of the counts cube (energy, lat, lon).
    const n = isMapDataset(d) ? (d.counts?.data.length ?? 0) : (recoGeom(d).axes[0] as MapAxis).nbin;
    const mask = isMapDataset(d) ? mapDatasetMask(d) : datasetMask(d);
    for (let i = 0; i < n; i++) {
      if (mask === null || mask[i]) {
        bins++;
        counts += d.counts?.data[i] ?? 0;
      }
    }
  }
  return { bins, counts };
}

/**
 * Checks that the fit has something to fit (after the fit masks are set): an energy bin
 * inside both `fit.fit_range` and a safe energy range, and counts in such bins. Without
 * either the fit is not defined; rather than returning arbitrary parameter values the
 * step stops.
 *
 * @param ctx - the step context
 * @param datasets - the datasets, fit masks set
 * @throws ConfigError naming fit.fit_range when no bin is left; DataError for zero counts
 */
export function checkFitData(ctx: StepContext, datasets: Datasets<AnyDataset>): void {
  if (datasets.list.every((d) => !anySafeBin(d))) {
    const fov = ctx.config.data.datasets.background.method === "fov_background";
    throw new ConfigError("the safe mask of every dataset is empty: nothing to fit", fov ? "datasets.background" : "datasets.safe_mask", {
      ...where(ctx),
      hint: fov
        ? "the FoV background maker empties the safe mask of a dataset without counts outside datasets.background.exclusion: exclude less, or check the safe-mask settings"
        : "check the safe-mask settings (datasets.safe_mask) and the observations",
    });
  }
  const { bins, counts } = fitBinsAndCounts(datasets);
  const range = ctx.config.energyRange("fit.fit_range");
  const text = `${range.min === null ? "..." : tev(range.min)} – ${range.max === null ? "..." : tev(range.max)}`;
  if (bins === 0) {
    throw new ConfigError(`the fit range ${text} selects no energy bin inside the safe energy range of any dataset`, "fit.fit_range", {
      ...where(ctx),
      hint: "widen fit.fit_range, or check the safe mask settings (datasets.safe_mask)",
    });
  }
  if (counts === 0) {
    throw new DataError(`no counts in the on region within the fit range ${text} and the safe energy range of any dataset: nothing to fit`, {
      hint: "check datasets.on_region (position, radius) and the observations; the fit needs counts",
    });
  }
}

/**
 * Warns about estimates that came out NaN (they are written as NaN to FITS and as null to
 * summary.json) — energy or time bins without data in the safe range, or fits that failed.
 *
 * @param ctx - the step context
 * @param what - "flux points" or "light curve"
 * @param fp - the estimates
 */
export function warnMissingEstimates(ctx: StepContext, what: "flux points" | "light curve", fp: FluxPoints): void {
  const missing: string[] = [];
  let total = 0;
  if (what === "flux points") {
    for (const r of fluxPointsSummary(fp)) {
      total++;
      if (r.dnde === null || (r.is_ul === true && r.dnde_ul === null)) missing.push(`${tev(r.e_min_tev ?? NaN)} – ${tev(r.e_max_tev ?? NaN)}`);
    }
  } else {
    for (const r of lightCurveSummary(fp)) {
      total++;
      if (r.flux === null || r.flux_ul === null) missing.push(`MJD ${r.time_min_mjd?.toFixed(4)} – ${r.time_max_mjd?.toFixed(4)}, ${tev(r.e_min_tev ?? NaN)} – ${tev(r.e_max_tev ?? NaN)}`);
    }
  }
  if (missing.length === 0) return;
  const shown = missing.slice(0, 5).join("; ") + (missing.length > 5 ? "; ..." : "");
  ctx.logger.warning(
    `${what}: no estimate in ${missing.length} of ${total} bins (${shown}): NaN in the FITS table, null in summary.json ` +
      "(no data inside the safe energy range there, or the bin's fit failed)",
  );
}
