/**
 * The fit result a session keeps and saves: what Gammapy's `FitResult` reports
 * (success, message, nfev, total stat, backend, method), the best-fit parameters and the
 * covariance. After a restore the optimiser's internals are gone, so they are optional.
 */
import { DataError } from "@gammats/core";
import type { CovarianceResult, FitResult, OptimizeResult, ParameterSnapshot } from "@gammats/fit";
import { emitYaml, parseYaml, yamlInt } from "@gammats/modeling";
import type { YamlValue } from "@gammats/modeling";

/** A fit result, fresh from `Fit.run` or restored from a session. */
export interface AnalysisFitResult {
  /** Optimisation and covariance both succeeded. */
  success: boolean;
  /** The optimiser's message. */
  message: string;
  /** Statistic evaluations of the optimisation. */
  nfev: number;
  /** Statistic at the best fit. */
  totalStat: number;
  /** "variable-metric" or "nelder-mead". */
  backend: string;
  /** "migrad" or "nelder-mead". */
  method: string;
  /** Names, best-fit values, errors and units of all fit parameters. */
  parameters: ParameterSnapshot;
  /** Covariance over the fit parameters, row-major n×n [parameter units]. */
  covariance: Float64Array;
  /** The optimiser's full result (not restored from files). */
  optimizeResult?: OptimizeResult;
  /** The covariance step's full result (not restored from files). */
  covarianceResult?: CovarianceResult;
}

/**
 * The session's record of a fresh fit result.
 *
 * @param result - `Fit.run`'s result
 * @returns the record (sharing the arrays)
 */
export function analysisFitResult(result: FitResult): AnalysisFitResult {
  return {
    success: result.success,
    message: result.message,
    nfev: result.nfev,
    totalStat: result.totalStat,
    backend: result.optimizeResult.backend,
    method: result.optimizeResult.method,
    parameters: result.parameters,
    covariance: result.covariance,
    optimizeResult: result.optimizeResult,
    covarianceResult: result.covarianceResult,
  };
}

/**
 * The fit result as YAML (numbers round-trip exactly).
 *
 * @param result - the fit result
 * @returns YAML text
 * @example
 * ```ts
 * fitResultToYaml(result).startsWith("success: true"); // true
 * ```
 */
export function fitResultToYaml(result: AnalysisFitResult): string {
  const p = result.parameters;
  // Row-major n×n, flat (the YAML layout of model files has no nested lists).
  const covariance: YamlValue[] = Array.from(result.covariance);
  return emitYaml({
    success: result.success,
    message: result.message,
    nfev: yamlInt(result.nfev),
    total_stat: result.totalStat,
    backend: result.backend,
    method: result.method,
    parameters: p.names.map((name, i) => ({ name, value: p.values[i]!, error: p.errors[i]!, unit: p.units[i]! })),
    covariance,
  });
}

function bad(file: string, what: string): never {
  throw new DataError(`${file}: ${what}`, { hint: "the file is not a gammats fit result (write it with Analysis.write)" });
}

/**
 * Reads a fit result written by {@link fitResultToYaml}.
 *
 * @param text - YAML text
 * @param file - file name for messages
 * @returns the fit result
 * @throws ConfigError for malformed YAML; DataError for missing or mistyped keys
 */
export function fitResultFromYaml(text: string, file: string): AnalysisFitResult {
  const d = parseYaml(text, { file }) as Record<string, unknown> | null;
  if (d === null || typeof d !== "object") bad(file, "not a mapping");
  const num = (k: string): number => (typeof d[k] === "number" ? (d[k] as number) : bad(file, `'${k}' is not a number`));
  const str = (k: string): string => (typeof d[k] === "string" ? (d[k] as string) : bad(file, `'${k}' is not a string`));
  if (typeof d.success !== "boolean") bad(file, "'success' is not a boolean");
  const params = Array.isArray(d.parameters) ? (d.parameters as Record<string, unknown>[]) : bad(file, "'parameters' is not a list");
  const n = params.length;
  const flat = Array.isArray(d.covariance) ? (d.covariance as unknown[]) : bad(file, "'covariance' is not a list");
  if (flat.length !== n * n || flat.some((v) => typeof v !== "number")) bad(file, `'covariance' does not hold ${n}×${n} numbers`);
  return {
    success: d.success,
    message: str("message"),
    nfev: num("nfev"),
    totalStat: num("total_stat"),
    backend: str("backend"),
    method: str("method"),
    parameters: {
      names: params.map((q) => String(q.name)),
      values: Float64Array.from(params, (q) => Number(q.value)),
      errors: Float64Array.from(params, (q) => Number(q.error)),
      units: params.map((q) => String(q.unit ?? "")),
    },
    covariance: Float64Array.from(flat as number[]),
  };
}
