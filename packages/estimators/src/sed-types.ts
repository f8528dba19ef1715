/**
 * SED types of flux points (GADF "likelihood", dnde, e2dnde, flux, eflux): their column
 * names and units, the reference fluxes that turn a norm into each of them, and the
 * upper-limit confidence level written as UL_CONF.
 */
import { DataError } from "@gammats/core";
import { type SpectralModel, erf, erfc } from "@gammats/modeling";

/** How flux points are expressed: as norms of a reference model, or as one of four flux types. */
export type SedType = "likelihood" | "dnde" | "e2dnde" | "flux" | "eflux";

/** A flux SED type (all but "likelihood"). */
export type FluxSedType = Exclude<SedType, "likelihood">;

/** The SED types, in the order Gammapy guesses them from table columns. */
export const SED_TYPES: readonly SedType[] = ["dnde", "e2dnde", "flux", "eflux", "likelihood"];

/** The flux SED types. */
export const FLUX_SED_TYPES: readonly FluxSedType[] = ["dnde", "e2dnde", "flux", "eflux"];

/**
 * Units the flux SED types are written in (FITS style, as astropy writes Gammapy's tables);
 * also the internal units of gammats (TeV, cm, s).
 */
export const SED_UNITS: Readonly<Record<FluxSedType, string>> = {
  dnde: "cm-2 s-1 TeV-1",
  e2dnde: "cm-2 s-1 TeV",
  flux: "cm-2 s-1",
  eflux: "cm-2 s-1 TeV",
};

/** Quantities a flux-points result can hold (Gammapy's names, also the table columns). */
export const QUANTITY_NAMES = [
  "norm",
  "norm_err",
  "norm_errn",
  "norm_errp",
  "norm_ul",
  "ts",
  "sqrt_ts",
  "npred",
  "npred_excess",
  "stat",
  "stat_null",
  "stat_scan",
  "niter",
  "is_ul",
  "counts",
  "success",
] as const;

/** A quantity of a flux-points result. */
export type QuantityName = (typeof QUANTITY_NAMES)[number];

/** Quantities other than the norm and its errors, in Gammapy's column order. */
export const COMMON_QUANTITIES: readonly QuantityName[] = [
  "ts",
  "sqrt_ts",
  "npred",
  "npred_excess",
  "stat",
  "stat_null",
  "niter",
  "is_ul",
  "counts",
  "success",
];

/** Quantities with one value per dataset (a vector per flux point). */
export const PER_DATASET_QUANTITIES: readonly QuantityName[] = ["counts", "npred", "npred_excess"];

/** Columns a table must have to be read as each SED type (Gammapy's REQUIRED_COLUMNS). */
export const REQUIRED_COLUMNS: Readonly<Record<SedType, readonly string[]>> = {
  dnde: ["e_ref", "dnde"],
  e2dnde: ["e_ref", "e2dnde"],
  flux: ["e_min", "e_max", "flux"],
  eflux: ["e_min", "e_max", "eflux"],
  likelihood: ["e_min", "e_max", "e_ref", "ref_dnde", "ref_flux", "ref_eflux", "norm"],
};

/** The value and error columns of one SED type, in the order Gammapy writes them. */
export interface SedColumnNames {
  value: string;
  err: string;
  errn: string;
  errp: string;
  ul: string;
}

/**
 * Column names of an SED type. Gammapy writes errn before errp for norms, errp first for fluxes.
 *
 * @param sedType - the SED type
 * @example
 * ```ts
 * sedColumnNames("dnde").errp;   // "dnde_errp"
 * sedColumnNames("likelihood").value;   // "norm"
 * ```
 */
export function sedColumnNames(sedType: SedType): SedColumnNames {
  const prefix = sedType === "likelihood" ? "norm" : sedType;
  return { value: prefix, err: `${prefix}_err`, errn: `${prefix}_errn`, errp: `${prefix}_errp`, ul: `${prefix}_ul` };
}

/**
 * Reference fluxes of a spectral model on energy bins: what norm = 1 means in each SED type.
 * dnde and e2dnde are taken at `energyRef`, flux and eflux integrated over [min, max].
 */
export interface ReferenceFluxes {
  /** dN/dE at e_ref [cm-2 s-1 TeV-1]. */
  dnde: Float64Array;
  /** E² dN/dE at e_ref [TeV cm-2 s-1]. */
  e2dnde: Float64Array;
  /** ∫ dN/dE dE [cm-2 s-1]. */
  flux: Float64Array;
  /** ∫ E dN/dE dE [TeV cm-2 s-1]. */
  eflux: Float64Array;
}

/**
 * Reference fluxes of a model (Gammapy's `reference_fluxes` and FluxMaps' `*_ref`).
 *
 * @param model - the reference spectral model
 * @param energyMin - lower bin edges [TeV]
 * @param energyMax - upper bin edges [TeV]
 * @param energyRef - reference energies, usually the geometric bin centres [TeV]
 * @returns the four reference fluxes per bin
 * @example
 * ```ts
 * const ref = referenceFluxes(new PowerLawSpectralModel({ index: 2 }), [1], [10], [Math.sqrt(10)]);
 * ref.flux[0];   // 9e-13
 * ref.e2dnde[0]; // 1e-12
 * ```
 */
export function referenceFluxes(
  model: SpectralModel,
  energyMin: ArrayLike<number>,
  energyMax: ArrayLike<number>,
  energyRef: ArrayLike<number>,
): ReferenceFluxes {
  const eRef = Float64Array.from(energyRef);
  const dnde = model.evaluate(eRef, new Float64Array(eRef.length));
  const e2dnde = Float64Array.from(dnde, (v, i) => v * eRef[i]! * eRef[i]!);
  const nBins = energyMin.length;
  const flux = nBins === 0 ? new Float64Array(0) : model.integral(energyMin, energyMax);
  const eflux = nBins === 0 ? new Float64Array(0) : model.energyFlux(energyMin, energyMax);
  return { dnde, e2dnde, flux, eflux };
}

/**
 * Confidence level of an n-sigma upper limit, rounded to 7 digits as Gammapy writes
 * UL_CONF: 1 − 2·Φ(−n) = erf(n/√2).
 *
 * @param nSigmaUl - number of sigma of the upper limit
 * @returns the confidence level
 * @example
 * ```ts
 * ulConfidence(2);   // 0.9544997
 * ```
 */
export function ulConfidence(nSigmaUl: number): number {
  return Math.round(erf(nSigmaUl / Math.SQRT2) * 1e7) / 1e7;
}

/**
 * Number of sigma of an upper-limit confidence level (inverse of {@link ulConfidence}),
 * rounded to one decimal as Gammapy does when it reads UL_CONF.
 *
 * @param confidence - UL_CONF, in (0, 1)
 * @returns n, e.g. 2 for 0.9544997
 * @throws DataError when the level is not in (0, 1)
 */
export function nSigmaFromUlConfidence(confidence: number): number {
  if (!(confidence > 0 && confidence < 1)) {
    throw new DataError(`UL_CONF = ${confidence} is not a confidence level`, { hint: "UL_CONF must lie in (0, 1)" });
  }
  // Bisection on erfc(n/√2) = 1 − confidence: monotonic, and one decimal is all we keep.
  const target = 1 - confidence;
  let lo = 0;
  let hi = 40;
  for (let i = 0; i < 200 && hi - lo > 1e-12; i++) {
    const mid = (lo + hi) / 2;
    if (erfc(mid / Math.SQRT2) > target) lo = mid;
    else hi = mid;
  }
  return Math.round(((lo + hi) / 2) * 10) / 10;
}

/**
 * Guesses the SED type of a table from its columns, as Gammapy: the first of dnde,
 * e2dnde, flux, eflux, likelihood whose required columns are all present.
 *
 * @param columns - column names
 * @returns the SED type, or undefined when none fits
 * @example
 * ```ts
 * guessSedType(["e_ref", "dnde", "dnde_err"]);   // "dnde"
 * ```
 */
export function guessSedType(columns: readonly string[]): SedType | undefined {
  const have = new Set(columns);
  return SED_TYPES.find((t) => REQUIRED_COLUMNS[t].every((c) => have.has(c)));
}
