/**
 * What the excess-map and TS-map estimators need of a MapDataset(OnOff): a small record
 * of plain arrays on one WCS image grid, so that the datasets package's map datasets (or a
 * stand-in in tests) pass through a thin adapter. Cubes are row-major (energy, lat, lon),
 * the axis order Gammapy and FITS use.
 */
import type { MapAxis, WcsGeom } from "@gammats/maps";

/** Exposure in true energy on the counts' image grid. */
export interface MapExposure {
  /** True-energy axis (edges) [TeV]. */
  readonly energyAxisTrue: MapAxis;
  /** Exposure [cm2 s], (energy_true, lat, lon). */
  readonly data: ArrayLike<number>;
}

/**
 * The energy dispersion as Gammapy's estimators use it for the reconstructed-energy
 * exposure: one kernel, taken at the centre of the dataset's edisp map.
 */
export interface MapEdispKernel {
  /** Migration probabilities, nTrue × nReco row-major (row t: true bin t into each reco bin). */
  readonly matrix: ArrayLike<number>;
  /**
   * The safe mask at the kernel's position, one 0/1 per reco bin (Gammapy's
   * `mask_safe_edisp`, the weights of reco bins merged into one); undefined = all used.
   */
  readonly maskSafe?: ArrayLike<number> | undefined;
}

/** The off measurement of a MapDatasetOnOff. */
export interface MapOnOffData {
  /** Off counts, (energy, lat, lon). */
  readonly countsOff: ArrayLike<number>;
  /** On acceptance, (energy, lat, lon). */
  readonly acceptance: ArrayLike<number>;
  /** Off acceptance, (energy, lat, lon). */
  readonly acceptanceOff: ArrayLike<number>;
}

/**
 * One MapDataset (Cash) or MapDatasetOnOff (WStat, when `onOff` is set) as the map
 * estimators see it.
 *
 * Models enter through `npredSignal`; the estimators then work "relative to the fitted
 * model", as Gammapy does after a fit.
 */
export interface MapEstimatorDataset {
  /** Dataset name (for messages). */
  readonly name?: string | undefined;
  /** Counts geometry: the WCS image and one reconstructed-energy axis named "energy" (edges). */
  readonly geom: WcsGeom;
  /** Observed counts, (energy, lat, lon). */
  readonly counts: ArrayLike<number>;
  /**
   * Predicted background counts (Gammapy's `npred_background`, the background model's
   * norm and tilt applied), (energy, lat, lon). Not used for on-off datasets, whose
   * background is α·n_off.
   */
  readonly background?: ArrayLike<number> | undefined;
  /**
   * Predicted counts of the dataset's sky models, (energy, lat, lon); undefined = no
   * source models (0). Bins are merged with the edisp safe-mask weights
   * ({@link MapEdispKernel.maskSafe}), as Gammapy re-evaluates models on a dataset with
   * merged energy bins.
   */
  readonly npredSignal?: ArrayLike<number> | undefined;
  /** Safe mask (1 = used), (energy, lat, lon); undefined = none. */
  readonly maskSafe?: ArrayLike<number> | undefined;
  /** Fit mask (1 = used), (energy, lat, lon); undefined = none. */
  readonly maskFit?: ArrayLike<number> | undefined;
  /** Exposure; undefined: no flux conversion (norm = excess counts). */
  readonly exposure?: MapExposure | undefined;
  /** Energy dispersion; undefined: the true-energy axis is the reconstructed one (identity). */
  readonly edisp?: MapEdispKernel | undefined;
  /** The off measurement: set for a MapDatasetOnOff. */
  readonly onOff?: MapOnOffData | undefined;
}
