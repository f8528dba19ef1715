/**
 * FluxPoints: the result of the flux-point and light-curve estimators (Gammapy's
 * FluxPoints / FluxMaps on a region). Quantities are stored as norms of a reference
 * model ("likelihood" SED type) and converted to dnde, e2dnde, flux and eflux on request.
 */
import { DataError } from "@gammats/core";
import { MapAxis } from "@gammats/maps";
import type { SpectralModel } from "@gammats/modeling";
import {
  type FluxSedType,
  PER_DATASET_QUANTITIES,
  type QuantityName,
  type ReferenceFluxes,
  type SedType,
  referenceFluxes,
} from "./sed-types.js";

/** Values of one quantity: Float64Array, or Uint8Array (0/1) for `success` and `is_ul`. */
export type QuantityData = Float64Array | Uint8Array;

/**
 * Centres of energy bins as Gammapy's log energy axis computes them (midpoints in log E).
 *
 * @param edges - bin edges [TeV]
 * @returns the centres [TeV]
 * @example
 * ```ts
 * logCentres([1, 100]);   // [10] (to rounding)
 * ```
 */
export function logCentres(edges: ArrayLike<number>): Float64Array {
  return Float64Array.from(MapAxis.fromEdges(edges, { name: "energy", unit: "TeV", interp: "log" }).centers);
}

/** Metadata of flux points (Gammapy's `meta`). */
export interface FluxPointsMeta {
  /** σ of the errors. Default 1. */
  nSigma: number;
  /** σ of the upper limits; undefined when unknown. */
  nSigmaUl: number | undefined;
  /** SED type the points were made or read in. Default "likelihood". */
  sedTypeInit: SedType;
  /** √TS below which a point counts as an upper limit (when is_ul is not stored). Default 2. */
  sqrtTsThresholdUl: number;
}

/** Everything needed to create {@link FluxPoints}. */
export interface FluxPointsOptions {
  /**
   * Energy bin edges, ne + 1, increasing [TeV] (contiguous bins, as Gammapy's energy
   * axis). May be omitted for points known only at `energyRef` (dnde/e2dnde tables);
   * those cannot be converted to flux or eflux.
   */
  energyEdges?: ArrayLike<number> | undefined;
  /** Reference energies [TeV]; default the geometric bin centres. */
  energyRef?: ArrayLike<number>;
  /** Starts and stops of the time bins, MJD (TT); omit for points without a time axis. */
  timeMin?: ArrayLike<number>;
  timeMax?: ArrayLike<number>;
  /** Names of the datasets of the per-dataset quantities (counts, npred, npred_excess). */
  datasetNames?: readonly string[];
  /** Norm values of `stat_scan`. */
  normScan?: ArrayLike<number>;
  /**
   * Quantities, time bin slowest then energy (then dataset or scan value):
   * index (t · ne + e) · k + j. `norm` is required.
   */
  data: Partial<Record<QuantityName, QuantityData>>;
  /** Model that defines norm = 1; needed unless `referenceFluxes` are given. */
  referenceModel?: SpectralModel | undefined;
  /** Stored reference fluxes per energy bin, used when there is no model (tables read back). */
  referenceFluxes?: ReferenceFluxes | undefined;
  /** Metadata; defaults as {@link FluxPointsMeta}. */
  meta?: Partial<FluxPointsMeta>;
  /** Set norm and norm_err to NaN where the fit failed (default true, as Gammapy). */
  filterSuccessNan?: boolean;
}

/**
 * Flux points over energy bins, optionally also over time bins (a light curve).
 *
 * @example
 * ```ts
 * const fp = new FluxPointsEstimator({ energyEdges: [1, 3, 10], source: "crab" }).run(datasets);
 * fp.energyRef;                 // geometric bin centres [TeV]
 * fp.norm; fp.ts; fp.sqrtTs;    // per bin
 * fp.sed("dnde");               // { value, err, errn, errp, ul } [cm-2 s-1 TeV-1]
 * ```
 */
export class FluxPoints {
  /** Energy bin edges [TeV]; undefined for points defined at reference energies only. */
  readonly energyEdges: Float64Array | undefined;
  /** Reference energies [TeV]. */
  readonly energyRef: Float64Array;
  /** Time bin starts and stops, MJD (TT); undefined without a time axis. */
  readonly timeMin: Float64Array | undefined;
  readonly timeMax: Float64Array | undefined;
  /** Datasets of the per-dataset quantities. */
  readonly datasetNames: readonly string[];
  /** Norm values of the likelihood scan. */
  readonly normScan: Float64Array | undefined;
  /** The reference model (a copy is not taken: do not change it). */
  readonly referenceModel: SpectralModel | undefined;
  /** Metadata. */
  readonly meta: FluxPointsMeta;
  /** Whether norm and norm_err are NaN where the fit failed. */
  filterSuccessNan: boolean;
  private readonly data: Partial<Record<QuantityName, QuantityData>>;
  private readonly storedRef: ReferenceFluxes | undefined;
  private refCache: ReferenceFluxes | undefined;

  /**
   * @param options - axes, quantities, reference model, meta
   * @throws DataError when norm is missing, an array has the wrong length, or there is
   *   neither a reference model nor reference fluxes
   */
  constructor(options: FluxPointsOptions) {
    this.energyEdges = options.energyEdges === undefined ? undefined : Float64Array.from(options.energyEdges);
    if (options.energyRef !== undefined) this.energyRef = Float64Array.from(options.energyRef);
    else if (this.energyEdges !== undefined) {
      this.energyRef = logCentres(this.energyEdges);
    } else throw new DataError("flux points need energy edges or reference energies", { hint: "give energyEdges" });
    this.timeMin = options.timeMin ? Float64Array.from(options.timeMin) : undefined;
    this.timeMax = options.timeMax ? Float64Array.from(options.timeMax) : undefined;
    this.datasetNames = [...(options.datasetNames ?? [])];
    this.normScan = options.normScan ? Float64Array.from(options.normScan) : undefined;
    this.referenceModel = options.referenceModel;
    this.storedRef = options.referenceFluxes;
    this.data = { ...options.data };
    this.filterSuccessNan = options.filterSuccessNan ?? true;
    this.meta = {
      nSigma: options.meta?.nSigma ?? 1,
      nSigmaUl: options.meta?.nSigmaUl,
      sedTypeInit: options.meta?.sedTypeInit ?? "likelihood",
      sqrtTsThresholdUl: options.meta?.sqrtTsThresholdUl ?? 2,
    };
    this.check();
  }

  /** Number of energy bins. */
  get nEnergy(): number {
    return this.energyRef.length;
  }

  /** Number of time bins (1 without a time axis). */
  get nTime(): number {
    return this.timeMin?.length ?? 1;
  }

  /** Number of flux points (nTime × nEnergy). */
  get size(): number {
    return this.nTime * this.nEnergy;
  }

  /** Lower energy edges [TeV] (NaN without edges). */
  get energyMin(): Float64Array {
    return this.energyEdges ? this.energyEdges.slice(0, -1) : new Float64Array(this.nEnergy).fill(NaN);
  }

  /** Upper energy edges [TeV] (NaN without edges). */
  get energyMax(): Float64Array {
    return this.energyEdges ? this.energyEdges.slice(1) : new Float64Array(this.nEnergy).fill(NaN);
  }

  /** Whether the points have energy bins, so that they convert to flux and eflux. */
  get isConvertibleToFlux(): boolean {
    return this.energyEdges !== undefined;
  }

  /** Names of the stored quantities. */
  get availableQuantities(): QuantityName[] {
    return Object.keys(this.data) as QuantityName[];
  }

  /** Whether a quantity is stored. */
  has(name: QuantityName): boolean {
    return this.data[name] !== undefined;
  }

  /**
   * A stored quantity as it is (no filtering), or undefined.
   *
   * @param name - Gammapy's quantity name, e.g. "norm_ul"
   */
  raw(name: QuantityName): QuantityData | undefined {
    return this.data[name];
  }

  /** Best-fit norms; NaN where the fit failed (unless `filterSuccessNan` is off). */
  get norm(): Float64Array {
    return this.filtered("norm");
  }

  /** Symmetric norm errors × nSigma; NaN where the fit failed. */
  get normErr(): Float64Array | undefined {
    return this.has("norm_err") ? this.filtered("norm_err") : undefined;
  }

  /** Negative norm errors. */
  get normErrn(): Float64Array | undefined {
    return this.float("norm_errn");
  }

  /** Positive norm errors. */
  get normErrp(): Float64Array | undefined {
    return this.float("norm_errp");
  }

  /** Norm upper limits. */
  get normUl(): Float64Array | undefined {
    return this.float("norm_ul");
  }

  /** TS = stat(norm = 0) − stat(best fit). */
  get ts(): Float64Array | undefined {
    return this.float("ts");
  }

  /** Statistic at the best fit. */
  get stat(): Float64Array | undefined {
    return this.float("stat");
  }

  /** Statistic of the null hypothesis (norm = 0): stored, or stat + ts. */
  get statNull(): Float64Array | undefined {
    const stored = this.float("stat_null");
    if (stored) return stored;
    const stat = this.float("stat");
    const ts = this.float("ts");
    return stat && ts ? Float64Array.from(stat, (s, i) => s + ts[i]!) : undefined;
  }

  /** Statistic at each scan norm, (point, scan value). */
  get statScan(): Float64Array | undefined {
    return this.float("stat_scan");
  }

  /** Observed counts per (point, dataset). */
  get counts(): Float64Array | undefined {
    return this.float("counts");
  }

  /** Predicted counts at the best fit per (point, dataset). */
  get npred(): Float64Array | undefined {
    return this.float("npred");
  }

  /** Predicted counts of the source at the best fit per (point, dataset). */
  get npredExcess(): Float64Array | undefined {
    return this.float("npred_excess");
  }

  /** Fit success per point (1 = success). */
  get success(): Uint8Array | undefined {
    const s = this.data.success;
    return s === undefined ? undefined : Uint8Array.from(s, (v) => (v ? 1 : 0));
  }

  /**
   * √TS signed by the norm (stored, else derived from ts: −√TS where the norm is not
   * positive, TS below 0 counted as 0).
   */
  get sqrtTs(): Float64Array | undefined {
    const stored = this.float("sqrt_ts");
    if (stored) return stored;
    const ts = this.float("ts");
    if (!ts) return undefined;
    const norm = this.norm;
    return Float64Array.from(ts, (t, i) => {
      const r = Math.sqrt(Math.max(t, 0));
      return norm[i]! > 0 ? r : -r;
    });
  }

  /**
   * Whether each point is an upper limit: stored is_ul; else √TS below the threshold when
   * TS and limits exist; else a finite limit when only limits exist; else a NaN norm.
   */
  get isUl(): Uint8Array {
    const stored = this.data.is_ul;
    if (stored) return Uint8Array.from(stored, (v) => (v ? 1 : 0));
    const ul = this.float("norm_ul");
    const sqrtTs = this.sqrtTs;
    if (sqrtTs && ul) return Uint8Array.from(sqrtTs, (v) => (v < this.meta.sqrtTsThresholdUl ? 1 : 0));
    if (ul) return Uint8Array.from(ul, (v) => (Number.isFinite(v) ? 1 : 0));
    return Uint8Array.from(this.norm, (v) => (Number.isNaN(v) ? 1 : 0));
  }

  /**
   * Reference fluxes per energy bin (norm = 1): from the reference model at energyRef and
   * over the bins, or the stored ones when there is no model.
   */
  get referenceFluxes(): ReferenceFluxes {
    if (this.refCache === undefined) {
      if (this.referenceModel === undefined) this.refCache = this.storedRef!;
      else if (this.isConvertibleToFlux) {
        this.refCache = referenceFluxes(this.referenceModel, this.energyMin, this.energyMax, this.energyRef);
      } else {
        // Without bins there is nothing to integrate over: flux and eflux stay NaN.
        const { dnde, e2dnde } = referenceFluxes(this.referenceModel, [], [], this.energyRef);
        const nan = new Float64Array(this.nEnergy).fill(NaN);
        this.refCache = { dnde, e2dnde, flux: nan, eflux: nan.slice() };
      }
    }
    return this.refCache;
  }

  /**
   * Values, errors and limits in a flux SED type: the norm quantities times the reference
   * flux of their energy bin (Gammapy's dnde, dnde_err, ... properties). Missing
   * quantities are undefined.
   *
   * @param sedType - "dnde" [cm-2 s-1 TeV-1], "e2dnde" [TeV cm-2 s-1], "flux" [cm-2 s-1], "eflux" [TeV cm-2 s-1]
   * @returns value, err, errn, errp, ul per point
   * @throws DataError for flux or eflux when the points have no energy bins
   * @example
   * ```ts
   * fp.sed("flux").ul;   // integral-flux upper limits [cm-2 s-1]
   * ```
   */
  sed(sedType: FluxSedType): {
    value: Float64Array;
    err: Float64Array | undefined;
    errn: Float64Array | undefined;
    errp: Float64Array | undefined;
    ul: Float64Array | undefined;
  } {
    if ((sedType === "flux" || sedType === "eflux") && !this.isConvertibleToFlux) {
      throw new DataError(`flux points without energy bins cannot be converted to '${sedType}'`, {
        hint: "use dnde or e2dnde, or give the energy edges",
      });
    }
    const ref = this.referenceFluxes[sedType];
    const times = (q: Float64Array | undefined) => (q ? this.timesRef(q, ref) : undefined);
    return {
      value: this.timesRef(this.norm, ref),
      err: times(this.normErr),
      errn: times(this.normErrn),
      errp: times(this.normErrp),
      ul: times(this.normUl),
    };
  }

  /**
   * Number of values per point of a quantity: datasets for counts/npred/npred_excess,
   * scan values for stat_scan, else 1.
   *
   * @param name - the quantity
   */
  valuesPerPoint(name: QuantityName): number {
    if (PER_DATASET_QUANTITIES.includes(name)) return Math.max(this.datasetNames.length, 1);
    if (name === "stat_scan") return this.normScan?.length ?? 0;
    return 1;
  }

  private timesRef(q: Float64Array, ref: Float64Array): Float64Array {
    const ne = this.nEnergy;
    return Float64Array.from(q, (v, i) => v * ref[i % ne]!);
  }

  private float(name: QuantityName): Float64Array | undefined {
    const d = this.data[name];
    return d === undefined ? undefined : Float64Array.from(d);
  }

  private filtered(name: "norm" | "norm_err"): Float64Array {
    const values = Float64Array.from(this.data[name]!);
    const success = this.data.success;
    if (this.filterSuccessNan && success) for (let i = 0; i < values.length; i++) if (!success[i]) values[i] = NaN;
    return values;
  }

  private check(): void {
    if (!(this.nEnergy >= 1)) throw new DataError("flux points need at least one energy bin", { hint: "give ne + 1 energy edges" });
    if (this.energyEdges && this.energyEdges.length !== this.nEnergy + 1) {
      throw new DataError(`${this.energyRef.length} reference energies for ${this.energyEdges.length - 1} energy bins`);
    }
    if ((this.timeMin === undefined) !== (this.timeMax === undefined) || this.timeMin?.length !== this.timeMax?.length) {
      throw new DataError("time bins need as many stops as starts", { hint: "give both timeMin and timeMax" });
    }
    if (this.data.norm === undefined) throw new DataError("flux points need the norm", { hint: "give data.norm" });
    if (this.referenceModel === undefined && this.storedRef === undefined) {
      throw new DataError("flux points need a reference model or reference fluxes", {
        hint: "pass the spectral model the norms refer to",
      });
    }
    for (const [name, values] of Object.entries(this.data) as [QuantityName, QuantityData][]) {
      const expected = this.size * this.valuesPerPoint(name);
      if (values.length !== expected) {
        throw new DataError(`quantity '${name}' has ${values.length} values, expected ${expected}`, {
          hint: "layout: time bin slowest, then energy bin, then dataset or scan value",
        });
      }
    }
  }
}
