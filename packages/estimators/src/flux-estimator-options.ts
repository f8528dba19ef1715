/**
 * Options shared by the flux-point and light-curve estimators (Gammapy's FluxEstimator
 * keywords), their defaults and validation.
 */
import { ConfigError } from "@gammats/core";
import { Fit, type FitOptions } from "@gammats/fit";
import { type InterpScale, linspace, scaleForward, scaleInverse } from "@gammats/maps";
import { OPTIONAL_STEPS, type OptionalStep } from "./norm-fit.js";

/** Options of the flux estimators; every one has Gammapy's default. */
export interface FluxEstimatorOptions {
  /** The source whose flux is estimated: model name or index among the datasets' models. Default 0. */
  source?: string | number;
  /** Lower end of the norm scan, also the lower confidence search edge [norm]. Default 0.2. */
  normMin?: number;
  /** Upper end of the norm scan and of the confidence and upper-limit search [norm]. Default 5. */
  normMax?: number;
  /** Number of scan values. Default 11. */
  normNValues?: number;
  /** Explicit scan values [norm]; override normMin/normMax/normNValues for the scan only. */
  normValues?: ArrayLike<number>;
  /** σ of the errors. Default 1. */
  nSigma?: number;
  /** σ of the upper limits. Default 2. */
  nSigmaUl?: number;
  /**
   * Optional steps: "errn-errp" (asymmetric errors), "ul" (upper limits), "scan"
   * (likelihood profiles), or "all". Default none.
   */
  selectionOptional?: "all" | readonly (OptionalStep | "all")[] | undefined;
  /** Re-optimise the other free parameters in each bin (else they stay fixed). Default false. */
  reoptimize?: boolean;
  /** Options of the optimiser (Gammapy's Fit defaults: MIGRAD-like, tol 0.1, strategy 1). */
  fitOptions?: FitOptions;
  /**
   * How asymmetric errors and upper limits are found (Gammapy's `confidence_opts`
   * backend). "scipy" (default, as Gammapy's estimators make their own Fit): Brent's
   * method between the best fit and the search edge (normMin/normMax or the norm's
   * bounds), NaN without a crossing. "minuit" (Gammapy's Analysis passes its own Fit,
   * whose confidence backend is MINOS): the profile crossing wherever it lies, limited
   * only by the norm's bounds — e.g. a lower error past norm = 0 for a faint bin.
   */
  confidenceBackend?: ConfidenceBackend;
}

/** Confidence backend of the flux estimators (see {@link FluxEstimatorOptions.confidenceBackend}). */
export type ConfidenceBackend = "scipy" | "minuit";

/** Validated options with defaults applied. */
export interface ResolvedFluxOptions {
  source: string | number;
  normMin: number;
  normMax: number;
  normNValues: number;
  normValues: Float64Array | undefined;
  nSigma: number;
  nSigmaUl: number;
  selection: OptionalStep[];
  reoptimize: boolean;
  fit: Fit;
  confidenceBackend: ConfidenceBackend;
}

/**
 * Applies defaults and checks the options.
 *
 * @param options - user options
 * @returns the resolved options
 * @throws ConfigError naming the option for an unknown optional step or a bad number
 */
export function resolveFluxOptions(options: FluxEstimatorOptions): ResolvedFluxOptions {
  const positive = (key: string, v: number) => {
    if (!(Number.isFinite(v) && v > 0)) throw new ConfigError(`${key} must be a positive number, got ${v}`, key);
    return v;
  };
  const normMin = positive("normMin", options.normMin ?? 0.2);
  const normMax = positive("normMax", options.normMax ?? 5);
  if (!(normMax > normMin)) throw new ConfigError(`normMax (${normMax}) must exceed normMin (${normMin})`, "normMax");
  const normNValues = options.normNValues ?? 11;
  if (!(Number.isInteger(normNValues) && normNValues >= 1)) {
    throw new ConfigError(`normNValues must be a positive integer, got ${normNValues}`, "normNValues");
  }
  return {
    source: options.source ?? 0,
    normMin,
    normMax,
    normNValues,
    normValues: options.normValues === undefined ? undefined : Float64Array.from(options.normValues),
    nSigma: positive("nSigma", options.nSigma ?? 1),
    nSigmaUl: positive("nSigmaUl", options.nSigmaUl ?? 2),
    selection: resolveSelection(options.selectionOptional),
    reoptimize: options.reoptimize ?? false,
    fit: new Fit(options.fitOptions),
    confidenceBackend: resolveConfidenceBackend(options.confidenceBackend),
  };
}

function resolveConfidenceBackend(backend: string | undefined): ConfidenceBackend {
  if (backend === undefined || backend === "scipy") return "scipy";
  if (backend === "minuit") return "minuit";
  throw new ConfigError(`unknown confidence backend '${backend}'`, "confidenceBackend", { hint: 'use "scipy" or "minuit"' });
}

/**
 * The optional steps selected: "all" means all three, undefined none.
 *
 * @param selection - "all", a list of steps, or undefined
 * @returns the steps, in Gammapy's order
 * @throws ConfigError for an unknown step
 * @example
 * ```ts
 * resolveSelection("all");     // ["errn-errp", "ul", "scan"]
 * resolveSelection(["ul"]);    // ["ul"]
 * ```
 */
export function resolveSelection(selection: FluxEstimatorOptions["selectionOptional"]): OptionalStep[] {
  if (selection === undefined) return [];
  const list: readonly string[] = typeof selection === "string" ? [selection] : selection;
  if (list.includes("all")) return [...OPTIONAL_STEPS];
  for (const s of list) {
    if (!OPTIONAL_STEPS.includes(s as OptionalStep)) {
      throw new ConfigError(`'${s}' is not an optional step`, "selectionOptional", {
        hint: `use "all" or some of ${OPTIONAL_STEPS.join(", ")}`,
      });
    }
  }
  return OPTIONAL_STEPS.filter((s) => list.includes(s));
}

/**
 * Norm values of the likelihood scan: the explicit values, or normNValues values evenly
 * spaced in the norm's scale ("log" for amplitudes) between normMin and normMax.
 *
 * @param options - resolved options
 * @param interp - scan scale of the source's norm parameter
 * @returns the scan values [norm]
 * @example
 * ```ts
 * scanValues(resolveFluxOptions({}), "log");   // [0.2, 0.2759…, …, 5]
 * ```
 */
export function scanValues(options: ResolvedFluxOptions, interp: InterpScale): Float64Array {
  if (options.normValues) return Float64Array.from(options.normValues);
  const scaled = linspace(scaleForward(options.normMin, interp), scaleForward(options.normMax, interp), options.normNValues);
  return Float64Array.from(scaled, (v) => scaleInverse(v, interp));
}
