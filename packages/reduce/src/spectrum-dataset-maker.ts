/**
 * SpectrumDatasetMaker: reduces one observation to a 1D dataset on the on region, as
 * Gammapy 1.0's `SpectrumDatasetMaker` (counts, exposure at the region centre with an
 * optional PSF containment correction, energy dispersion, IRF background, GTIs, meta).
 */
import { DataError } from "@gammats/core";
import type { Logger } from "@gammats/core";
import { EffectiveAreaTable2D, RadMax2D } from "@gammats/irf";
import { RegionNDMap } from "@gammats/maps";
import type { MapAxis, RegionGeom } from "@gammats/maps";
import type { Observation } from "@gammats/data-store";
import { createSpectrumDataset, edispKernelMap } from "@gammats/datasets";
import type { AnySpectrumDataset, SpectrumDataset } from "@gammats/datasets";
import { makeBackgroundAtRegion } from "./background-at-region.js";
import { containmentCorrection } from "./containment-correction.js";
import { makeCounts, makeCountsRadMax } from "./counts.js";
import { makeMetaTable, observationGti } from "./dataset-meta.js";
import { makeEdispAtRegion } from "./edisp-at-region.js";
import { makeExposure } from "./exposure.js";

/** What a SpectrumDatasetMaker can make. */
export const SPECTRUM_SELECTION = ["counts", "exposure", "edisp", "background"] as const;

/** One of {@link SPECTRUM_SELECTION}. */
export type SpectrumSelection = (typeof SPECTRUM_SELECTION)[number];

/** Options of {@link SpectrumDatasetMaker} (Gammapy's arguments, camelCase). */
export interface SpectrumDatasetMakerOptions {
  /** What to make; default all of {@link SPECTRUM_SELECTION} (the 1D analysis uses counts, exposure, edisp). */
  selection?: readonly SpectrumSelection[];
  /** Multiply the exposure by the PSF fraction inside the circular on region. Default false. */
  containmentCorrection?: boolean;
  /** Evaluate the IRFs at the region centre (the only mode implemented). Default true. */
  useRegionCenter?: boolean;
}

/**
 * Makes 1D datasets from observations.
 *
 * @example
 * ```ts
 * const maker = new SpectrumDatasetMaker({ selection: ["counts", "exposure", "edisp"], containmentCorrection: true });
 * const dataset = maker.run(emptySpectrumDataset(geom, { energyAxisTrue }), observation);
 * dataset.counts!.data;    // counts per reco-energy bin in the on region
 * dataset.livetime;        // 1581.26 s for H.E.S.S. run 23592
 * ```
 */
export class SpectrumDatasetMaker {
  /** Gammapy's tag. */
  readonly tag = "SpectrumDatasetMaker";
  /** What is made. */
  readonly selection: readonly SpectrumSelection[];
  /** Whether the exposure is containment-corrected. */
  readonly containmentCorrection: boolean;
  /** Whether the IRFs are taken at the region centre. */
  readonly useRegionCenter: boolean;

  /**
   * @param options - selection, containmentCorrection, useRegionCenter
   * @throws DataError for an unknown selection entry or useRegionCenter false
   */
  constructor(options: SpectrumDatasetMakerOptions = {}) {
    const selection = options.selection ?? SPECTRUM_SELECTION;
    const bad = selection.filter((s) => !(SPECTRUM_SELECTION as readonly string[]).includes(s));
    if (bad.length > 0) {
      throw new DataError(`SpectrumDatasetMaker: unknown selection ${bad.map((b) => `'${b}'`).join(", ")}`, {
        hint: `choose from ${SPECTRUM_SELECTION.join(", ")}`,
      });
    }
    this.selection = [...new Set(selection)];
    this.containmentCorrection = options.containmentCorrection ?? false;
    this.useRegionCenter = options.useRegionCenter ?? true;
    if (!this.useRegionCenter) {
      throw new DataError("SpectrumDatasetMaker: useRegionCenter false (IRFs averaged over the region) is not implemented", {
        hint: "use the default useRegionCenter: true (what Gammapy's 1D analysis uses)",
      });
    }
  }

  /**
   * Counts in the on region (RAD_MAX cut around the centre for a point region).
   *
   * @param geom - on-region geometry with the reco energy axis
   * @param observation - the observation
   * @returns counts map
   */
  makeCounts(geom: RegionGeom, observation: Observation): RegionNDMap {
    if (geom.regions.length === 1 && geom.isAllPointSkyRegions) return makeCountsRadMax(geom, radMaxOf(observation), observation.events);
    return makeCounts(geom, observation.events);
  }

  /**
   * Exposure at the region centre, containment-corrected when asked.
   *
   * @param geom - geometry with the true energy axis
   * @param observation - the observation
   * @param logger - receives the point-like warning
   * @returns exposure [cm2 s], meta.livetime [s]
   */
  makeExposure(geom: RegionGeom, observation: Observation, logger?: Logger): RegionNDMap {
    const exposure = makeExposure(geom, observation);
    const pointlike = exposure.meta.is_pointlike === true;
    if (pointlike && !this.useRegionCenter) logger?.warning("SpectrumDatasetMaker: useRegionCenter false should not be used with point-like IRFs");
    if (!this.containmentCorrection) return exposure;
    const fraction = containmentCorrection(geom, observation, pointlike);
    const data = exposure.data;
    for (let i = 0; i < data.length; i++) data[i] = data[i]! * fraction[i]!;
    return exposure;
  }

  /**
   * Reduces one observation.
   *
   * @param dataset - reference dataset: its name and geometries are used (counts: on region
   *   × reco energy; exposure: true energy)
   * @param observation - the observation
   * @param logger - optional logger
   * @returns a new SpectrumDataset with the same name, safe mask all true
   * @throws DataError for a reference without counts geometry, missing IRFs or bad regions
   */
  run(dataset: AnySpectrumDataset, observation: Observation, logger?: Logger): SpectrumDataset {
    const geom = dataset.counts?.geom;
    if (geom === undefined) {
      throw new DataError(`SpectrumDatasetMaker: reference dataset '${dataset.name}' has no counts geometry`, {
        hint: "create the reference with emptySpectrumDataset(geom, ...)",
      });
    }
    const trueAxis = (dataset.exposure?.geom.axes[0] ?? dataset.edisp?.kernel.axes[0]) as MapAxis | undefined;
    const needTrue = this.selection.includes("exposure") || this.selection.includes("edisp");
    if (needTrue && trueAxis === undefined) {
      throw new DataError(`SpectrumDatasetMaker: reference dataset '${dataset.name}' has no true-energy axis (no exposure or edisp)`, {
        hint: "create the reference with emptySpectrumDataset(geom, { energyAxisTrue })",
      });
    }
    const has = (s: SpectrumSelection): boolean => this.selection.includes(s);
    const counts = has("counts") ? this.makeCounts(geom, observation) : new RegionNDMap(geom);
    const exposure = has("exposure") ? this.makeExposure(geom.toImage().toCube([trueAxis!]), observation, logger) : null;
    let edisp = null;
    if (has("edisp")) {
      const e = makeEdispAtRegion(geom.toCube([trueAxis!]), observation);
      edisp = edispKernelMap(e.kernel, e.exposure);
    }
    return createSpectrumDataset({
      name: dataset.name,
      counts,
      exposure,
      edisp,
      background: has("background") ? makeBackgroundAtRegion(geom, observation) : null,
      maskSafe: new Uint8Array(counts.data.length).fill(1),
      // Gammapy's livetime lives in the exposure's meta: none without exposure.
      livetime: exposure === null ? null : (exposure.meta.livetime as number),
      gti: observationGti(observation),
      metaTable: makeMetaTable(observation),
    });
  }
}

/** The observation's RAD_MAX: its table, or the RAD_MAX keyword of a point-like aeff (as Gammapy). */
function radMaxOf(observation: Observation): RadMax2D {
  const r = observation.radMax;
  if (r instanceof RadMax2D) return r;
  const aeff = observation.aeff;
  if (r === undefined && aeff instanceof EffectiveAreaTable2D && aeff.isPointlike) return RadMax2D.fromIrf(aeff);
  throw new DataError(`counts: a point on region needs RAD_MAX cuts, but observation ${observation.obsId} has none`, {
    hint: "use point-like IRFs with a RAD_MAX table (or RAD_MAX keyword), or give the on region a radius",
  });
}
