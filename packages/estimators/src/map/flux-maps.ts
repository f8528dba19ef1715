/**
 * FluxMaps: the result of the excess-map and TS-map estimators (Gammapy's `FluxMaps`).
 * Quantities are stored as norms of a reference spectral model ("likelihood" SED type) on
 * one geometry (image + reconstructed-energy axis); dnde, e2dnde, flux and eflux maps are
 * derived from the norms with the reference model's fluxes per energy bin.
 */
import { DataError } from "@gammats/core";
import { WcsNDMap } from "@gammats/maps";
import type { WcsGeom } from "@gammats/maps";
import type { SpectralModel } from "@gammats/modeling";
import { referenceFluxes } from "../sed-types.js";
import type { FluxSedType, ReferenceFluxes } from "../sed-types.js";

/** Metadata of a FluxMaps result. */
export interface FluxMapsMeta {
  /** Number of sigma of norm_err, norm_errn, norm_errp. */
  nSigma: number;
  /** Number of sigma of the upper limits. */
  nSigmaUl: number;
  /** sqrt(TS) below which a pixel counts as an upper limit. Default 2. */
  sqrtTsThresholdUl?: number;
}

/** Norm-like quantities that convert into flux SED types. */
const NORM_SUFFIXES = ["", "_err", "_errn", "_errp", "_ul"] as const;

/**
 * Maps of norms, test statistics and counts with a reference spectral model.
 *
 * @example
 * ```ts
 * const maps = new ExcessMapEstimator({ correlationRadius: "0.1 deg" }).run(dataset);
 * maps.get("sqrt_ts");   // Float64Array, (energy, lat, lon)
 * maps.sed("flux_ul");   // norm_ul × ∫ reference dN/dE per energy bin [cm-2 s-1]
 * ```
 */
export class FluxMaps {
  /** Geometry of every map: the image and the energy axis "energy". */
  readonly geom: WcsGeom;
  /** The reference spectral model (norm = 1). */
  readonly referenceModel: SpectralModel;
  /** Metadata. */
  readonly meta: Readonly<FluxMapsMeta>;
  /** Set norm and norm_err to NaN where `success` is false (Gammapy's default). */
  filterSuccessNan = true;
  private readonly data: Map<string, Float64Array>;

  /**
   * @param geom - geometry with one energy axis
   * @param data - quantity name → values, (energy, lat, lon); must contain "norm"
   * @param referenceModel - the reference spectral model
   * @param meta - n sigma of errors and upper limits
   * @throws DataError when "norm" is missing or a map has the wrong size
   */
  constructor(geom: WcsGeom, data: Record<string, Float64Array>, referenceModel: SpectralModel, meta: FluxMapsMeta) {
    this.geom = geom;
    this.referenceModel = referenceModel;
    this.meta = { ...meta };
    this.data = new Map(Object.entries(data));
    if (!this.data.has("norm")) throw new DataError("FluxMaps: the 'norm' map is missing", { hint: "give at least a norm map" });
    for (const [name, values] of this.data) {
      if (values.length !== geom.size) {
        throw new DataError(`FluxMaps: map '${name}' has ${values.length} values, the geometry ${geom.size}`, {
          hint: "all maps share the geometry (energy, lat, lon)",
        });
      }
    }
  }

  /** Names of the stored quantities, in insertion order. */
  get availableQuantities(): string[] {
    return [...this.data.keys()];
  }

  /**
   * Whether a quantity is stored.
   *
   * @param name - quantity name
   * @returns true when stored
   */
  has(name: string): boolean {
    return this.data.has(name);
  }

  /**
   * A stored quantity as it was estimated (no success filter).
   *
   * @param name - quantity name, e.g. "npred_excess", "ts", "niter"
   * @returns the values, (energy, lat, lon)
   * @throws DataError when the quantity is not stored
   */
  get(name: string): Float64Array {
    const v = this.data.get(name);
    if (v === undefined) {
      throw new DataError(`FluxMaps: quantity '${name}' is not defined`, { hint: `available: ${this.availableQuantities.join(", ")}` });
    }
    return v;
  }

  /** The norm, NaN where the fit failed (when {@link filterSuccessNan}). */
  get norm(): Float64Array {
    return this.filtered(this.get("norm"));
  }

  /** The symmetric norm error, NaN where the fit failed (when {@link filterSuccessNan}). */
  get normErr(): Float64Array {
    return this.filtered(this.get("norm_err"));
  }

  /** sqrt(TS): stored, or ±√max(TS, 0) with the sign of the norm. */
  get sqrtTs(): Float64Array {
    if (this.has("sqrt_ts")) return this.get("sqrt_ts");
    const ts = this.get("ts");
    const norm = this.norm;
    return ts.map((t, i) => {
      const s = Math.sqrt(Math.max(t, 0));
      return norm[i]! > 0 ? s : -s;
    });
  }

  /** Upper-limit flags (1/0): sqrt(TS) below the threshold when TS and UL exist. */
  get isUl(): Uint8Array {
    if (this.has("is_ul")) return Uint8Array.from(this.get("is_ul"), (v) => (v ? 1 : 0));
    if ((this.has("ts") || this.has("sqrt_ts")) && this.has("norm_ul")) {
      const threshold = this.meta.sqrtTsThresholdUl ?? 2;
      return Uint8Array.from(this.sqrtTs, (v) => (v < threshold ? 1 : 0));
    }
    if (this.has("norm_ul")) return Uint8Array.from(this.get("norm_ul"), (v) => (Number.isFinite(v) ? 1 : 0));
    return Uint8Array.from(this.norm, (v) => (Number.isNaN(v) ? 1 : 0));
  }

  /** Predicted background counts, npred − npred_excess. */
  get npredBackground(): Float64Array {
    const excess = this.get("npred_excess");
    return this.get("npred").map((v, i) => v - excess[i]!);
  }

  /**
   * Excess counts of a norm quantity: npred_excess / norm × quantity (Gammapy's
   * `npred_excess_err`, `_errn`, `_errp`, `_ul`).
   *
   * @param quantity - "norm_err", "norm_errn", "norm_errp" or "norm_ul"
   * @returns counts, (energy, lat, lon)
   */
  npredExcess(quantity: "norm_err" | "norm_errn" | "norm_errp" | "norm_ul"): Float64Array {
    const excess = this.get("npred_excess");
    const norm = this.norm;
    const q = quantity === "norm_err" ? this.normErr : this.get(quantity);
    return excess.map((v, i) => (v / norm[i]!) * q[i]!);
  }

  /** Reference fluxes per energy bin (dnde and e2dnde at the log bin centres). */
  get referenceFluxes(): ReferenceFluxes {
    const axis = this.energyAxisTev();
    return referenceFluxes(this.referenceModel, axis.edges.subarray(0, axis.nbin), axis.edges.subarray(1), axis.centers);
  }

  /**
   * A quantity in a flux SED type: the norm quantity times the reference flux of its
   * energy bin. Units: dnde [cm-2 s-1 TeV-1], e2dnde and eflux [TeV cm-2 s-1], flux [cm-2 s-1].
   *
   * @param name - e.g. "flux", "flux_err", "dnde_ul", "eflux_errp"
   * @returns values, (energy, lat, lon)
   * @throws DataError for an unknown name or a missing norm quantity
   */
  sed(name: string): Float64Array {
    const m = /^(dnde|e2dnde|flux|eflux)(_err|_errn|_errp|_ul)?$/.exec(name);
    if (m === null) {
      throw new DataError(`FluxMaps: '${name}' is not a flux quantity`, {
        hint: `use dnde, e2dnde, flux or eflux with an optional suffix ${NORM_SUFFIXES.filter((s) => s).join(", ")}`,
      });
    }
    const type = m[1] as FluxSedType;
    const suffix = m[2] ?? "";
    const norm = suffix === "" ? this.norm : suffix === "_err" ? this.normErr : this.get(`norm${suffix}`);
    const ref = this.referenceFluxes[type];
    const plane = this.geom.npix[0] * this.geom.npix[1];
    return norm.map((v, i) => v * ref[Math.floor(i / plane)]!);
  }

  /**
   * A quantity as a map (stored names, or flux SED names as in {@link sed}).
   *
   * @param name - quantity name
   * @returns the map on {@link geom}
   */
  toMap(name: string): WcsNDMap {
    const values = this.has(name) ? this.get(name) : this.sed(name);
    return new WcsNDMap(this.geom, values);
  }

  private energyAxisTev() {
    const axis = this.geom.axes.find((a) => a.name === "energy");
    if (axis === undefined) throw new DataError("FluxMaps: the geometry has no 'energy' axis", { hint: "maps need an energy axis" });
    return axis.unit === "TeV" ? axis : axis.toUnit("TeV");
  }

  private filtered(values: Float64Array): Float64Array {
    if (!this.filterSuccessNan || !this.has("success")) return values;
    const success = this.get("success");
    return values.map((v, i) => (success[i] ? v : NaN));
  }
}
