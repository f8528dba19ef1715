/**
 * What the event sampler needs from a set of instrument response functions: vectorised
 * evaluation at matching coordinate tuples, plus the ranges to tabulate over. The
 * synthetic IRFs implement it exactly; `samplerIrfsFromIrfs` adapts the irf classes.
 */

/** Background rate that depends on reconstructed energy and offset only (Background2D). */
export interface OffsetBackgroundRate {
  readonly kind: "offset";
  /**
   * Rate at matching (energy[i], offset[i]).
   *
   * @param energy - reconstructed energies [TeV]
   * @param offset - offsets from the pointing [deg]
   * @returns rate [s-1 TeV-1 sr-1]
   */
  evaluate(energy: Float64Array, offset: Float64Array): Float64Array;
}

/** Background rate over the field of view (Background3D, RADEC-aligned). */
export interface FovBackgroundRate {
  readonly kind: "fov";
  /**
   * Rate at matching (energy[i], fovLon[i], fovLat[i]).
   *
   * @param energy - reconstructed energies [TeV]
   * @param fovLon - field-of-view longitudes (sky offset frame of the pointing) [deg]
   * @param fovLat - field-of-view latitudes [deg]
   * @returns rate [s-1 TeV-1 sr-1]
   */
  evaluate(energy: Float64Array, fovLon: Float64Array, fovLat: Float64Array): Float64Array;
}

/** A background rate model. */
export type BackgroundRate = OffsetBackgroundRate | FovBackgroundRate;

/**
 * Instrument response for sampling. Every function evaluates element-wise on arrays of
 * equal length and returns a new array.
 */
export interface SamplerIrfs {
  /**
   * Effective area.
   *
   * @param energyTrue - true energies [TeV]
   * @param offset - offsets [deg]
   * @returns effective area [cm2]
   */
  aeff(energyTrue: Float64Array, offset: Float64Array): Float64Array;
  /**
   * Energy migration density dP/dμ, μ = E_reco / E_true.
   *
   * @param energyTrue - true energies [TeV]
   * @param migra - migrations μ
   * @param offset - offsets [deg]
   * @returns density [1 / unit μ]
   */
  edisp(energyTrue: Float64Array, migra: Float64Array, offset: Float64Array): Float64Array;
  /**
   * Point spread function dP/dΩ.
   *
   * @param energyTrue - true energies [TeV]
   * @param rad - angular distances from the true direction [deg]
   * @param offset - offsets [deg]
   * @returns density [sr-1]
   */
  psf(energyTrue: Float64Array, rad: Float64Array, offset: Float64Array): Float64Array;
  /** Background rate; none for a source-only simulation. */
  background?: BackgroundRate | undefined;
  /** True-energy range the responses are defined on [TeV]. */
  energyTrueBounds: readonly [number, number];
  /** Reconstructed-energy range of the background [TeV]. */
  energyBounds: readonly [number, number];
  /** Migration range. */
  migraBounds: readonly [number, number];
  /** Largest PSF radius to consider [deg]. */
  radMax: number;
}
