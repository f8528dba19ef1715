/**
 * An ordered list of parameters with lookup by name, the vectors a fitter needs (values,
 * free factors, errors) and a covariance-matrix slot.
 */
import { ConfigError, DataError } from "@gammats/core";
import type { Parameter } from "./parameter.js";

// Orders covariance writes across all lists, so that composites can tell which of their
// own matrix and their parts' matrices was set last (see model-covariance.ts).
let covarianceClock = 0;

/** A parameter, its name, or its position in the list. */
export type ParameterKey = Parameter | string | number;

/**
 * Ordered parameter list (Gammapy's `Parameters`). Parameters are shared by reference:
 * the list of a `SkyModel` holds the very objects of its spectral and spatial models.
 *
 * The covariance slot is a row-major n×n Float64Array in the parameters' own units;
 * setting it also sets each parameter's `error` to the square root of its diagonal.
 *
 * @example
 * ```ts
 * const pars = new PowerLawSpectralModel().parameters;
 * pars.names;                       // ["index", "amplitude", "reference"]
 * pars.free().names;                // ["index", "amplitude"]
 * pars.setCovariance("index", "amplitude", -1e-14);
 * pars.getCovariance("amplitude", "index");   // -1e-14
 * ```
 */
export class Parameters implements Iterable<Parameter> {
  private readonly items: Parameter[];
  private covarianceData: Float64Array | undefined;
  private stamp = 0;

  /** @param items - the parameters, in order */
  constructor(items: Iterable<Parameter> = []) {
    this.items = [...items];
    this.covarianceData = undefined;
  }

  /**
   * Concatenates several lists (Gammapy's `Parameters.from_stack`).
   *
   * @param lists - lists to join, in order
   */
  static fromStack(lists: Iterable<Parameters>): Parameters {
    const all: Parameter[] = [];
    for (const list of lists) all.push(...list.items);
    return new Parameters(all);
  }

  /** Number of parameters. */
  get length(): number {
    return this.items.length;
  }

  [Symbol.iterator](): Iterator<Parameter> {
    return this.items[Symbol.iterator]();
  }

  /** The parameters as a read-only array. */
  get list(): readonly Parameter[] {
    return this.items;
  }

  /** Parameter names, in order. */
  get names(): string[] {
    return this.items.map((p) => p.name);
  }

  /**
   * Position of a parameter (by object identity, name or index).
   *
   * @param key - parameter, name or index
   * @returns index, or -1 when absent
   */
  indexOf(key: ParameterKey): number {
    if (typeof key === "number") return key >= 0 && key < this.items.length ? key : -1;
    if (typeof key === "string") return this.items.findIndex((p) => p.name === key);
    return this.items.indexOf(key);
  }

  /** True when a parameter with this name (or this object) is in the list. */
  has(key: ParameterKey): boolean {
    return this.indexOf(key) >= 0;
  }

  /**
   * The parameter with this name, object or index.
   *
   * @param key - name (first match), parameter or index
   * @throws ConfigError naming the known parameters when there is no such parameter
   */
  get(key: ParameterKey): Parameter {
    const i = this.indexOf(key);
    if (i < 0) {
      const what = typeof key === "object" ? `'${key.name}' (another object)` : `'${String(key)}'`;
      throw new ConfigError(`no parameter ${what}`, typeof key === "string" ? key : "", {
        hint: `known parameters: ${this.names.join(", ") || "(none)"}`,
      });
    }
    return this.items[i]!;
  }

  /** The parameters that are not frozen, in order (a new list sharing the objects). */
  free(): Parameters {
    return new Parameters(this.items.filter((p) => !p.frozen));
  }

  /** The list without repeated objects (linked parameters appear once). */
  unique(): Parameters {
    return new Parameters(new Set(this.items));
  }

  /**
   * Replaces the parameter at `index` (used to link parameters across models).
   *
   * @param index - position
   * @param parameter - the new (shared) parameter; must have the same name
   * @throws DataError when the names differ or the index is out of range
   */
  replace(index: number, parameter: Parameter): void {
    const old = this.items[index];
    if (old === undefined || old.name !== parameter.name) {
      throw new DataError(`cannot replace parameter ${index} (${old?.name ?? "none"}) by '${parameter.name}'`);
    }
    this.items[index] = parameter;
  }

  /** Values in each parameter's unit. */
  get values(): Float64Array {
    return Float64Array.from(this.items, (p) => p.value);
  }

  /**
   * Sets all values.
   *
   * @param values - one value per parameter [each parameter's unit]
   * @throws DataError when the length differs
   */
  set values(values: ArrayLike<number>) {
    this.checkLength(values.length, "values");
    for (let i = 0; i < this.items.length; i++) this.items[i]!.value = values[i]!;
  }

  /** Errors in each parameter's unit. */
  get errors(): Float64Array {
    return Float64Array.from(this.items, (p) => p.error);
  }

  /** Sets all errors (one per parameter). @throws DataError when the length differs */
  set errors(errors: ArrayLike<number>) {
    this.checkLength(errors.length, "errors");
    for (let i = 0; i < this.items.length; i++) this.items[i]!.error = errors[i]!;
  }

  /** Factors of the free parameters, what an optimiser varies. */
  freeFactors(): Float64Array {
    return Float64Array.from(
      this.items.filter((p) => !p.frozen),
      (p) => p.factor,
    );
  }

  /**
   * Sets the factors of the free parameters (in order, frozen ones skipped).
   *
   * @param factors - one factor per free parameter
   * @throws DataError when the length differs from the number of free parameters
   */
  setFreeFactors(factors: ArrayLike<number>): void {
    let k = 0;
    for (const p of this.items) if (!p.frozen) k++;
    if (factors.length !== k) throw new DataError(`expected ${k} free factors, got ${factors.length}`);
    k = 0;
    for (const p of this.items) if (!p.frozen) p.factor = factors[k++]!;
  }

  /** Autoscales every parameter (see `Parameter.autoscale`). */
  autoscale(): void {
    for (const p of this.items) p.autoscale();
  }

  /** Freezes every parameter. */
  freezeAll(): void {
    for (const p of this.items) p.frozen = true;
  }

  /** Unfreezes every parameter. */
  unfreezeAll(): void {
    for (const p of this.items) p.frozen = false;
  }

  /**
   * The covariance matrix (row-major n×n, parameters' units), kept in step with the
   * errors: an entry whose diagonal no longer equals error² (NaN errors count as 1, as in
   * Gammapy) gets the new variance and loses its correlations. Without a stored matrix it
   * is the diagonal of error². The returned array is the slot itself (edits stick).
   */
  get covariance(): Float64Array {
    const n = this.items.length;
    let data = this.covarianceData;
    if (data === undefined || data.length !== n * n) {
      data = new Float64Array(n * n);
      this.covarianceData = data;
    }
    for (let i = 0; i < n; i++) {
      const e = this.items[i]!.error;
      const variance = Number.isNaN(e) ? 1 : e * e;
      const current = data[i * n + i]!;
      if (!isClose(current, variance)) {
        for (let k = 0; k < n; k++) {
          data[i * n + k] = 0;
          data[k * n + i] = 0;
        }
      }
      data[i * n + i] = variance;
    }
    return data;
  }

  /**
   * Stores a covariance matrix and sets every error to sqrt(diagonal).
   *
   * @param matrix - row-major n×n [units of the parameter pairs]
   * @throws DataError when the size is not n×n
   */
  set covariance(matrix: ArrayLike<number>) {
    const n = this.items.length;
    if (matrix.length !== n * n) {
      throw new DataError(`covariance has ${matrix.length} entries, expected ${n}×${n} = ${n * n}`, {
        hint: `one row and column per parameter: ${this.names.join(", ")}`,
      });
    }
    this.covarianceData = Float64Array.from(matrix);
    this.stamp = ++covarianceClock;
    for (let i = 0; i < n; i++) this.items[i]!.error = Math.sqrt(this.covarianceData[i * n + i]!);
  }

  /**
   * One covariance entry.
   *
   * @param a - first parameter (object, name or index)
   * @param b - second parameter
   * @returns cov(a, b) [unit of a × unit of b]
   * @throws ConfigError when a parameter is not in the list
   */
  getCovariance(a: ParameterKey, b: ParameterKey): number {
    const n = this.items.length;
    return this.covariance[this.indexOrThrow(a) * n + this.indexOrThrow(b)]!;
  }

  /**
   * Sets one covariance entry symmetrically; a diagonal entry also sets the error.
   *
   * @param a - first parameter (object, name or index)
   * @param b - second parameter
   * @param value - cov(a, b) [unit of a × unit of b]
   * @throws ConfigError when a parameter is not in the list
   */
  setCovariance(a: ParameterKey, b: ParameterKey, value: number): void {
    const n = this.items.length;
    const i = this.indexOrThrow(a);
    const j = this.indexOrThrow(b);
    const data = this.covariance;
    data[i * n + j] = value;
    data[j * n + i] = value;
    if (i === j) this.items[i]!.error = Math.sqrt(value);
    this.stamp = ++covarianceClock;
  }

  /** Order of the last explicit covariance write (0 = never); later writes have larger stamps. */
  get covarianceStamp(): number {
    return this.stamp;
  }

  private indexOrThrow(key: ParameterKey): number {
    const i = this.indexOf(key);
    if (i < 0) this.get(key);
    return i;
  }

  private checkLength(length: number, what: string): void {
    if (length !== this.items.length) {
      throw new DataError(`${what}: expected ${this.items.length} entries (${this.names.join(", ")}), got ${length}`);
    }
  }
}

/** numpy.isclose with its default tolerances (rtol 1e-5, atol 1e-8). */
export function isClose(a: number, b: number): boolean {
  if (a === b) return true;
  return Math.abs(a - b) <= 1e-8 + 1e-5 * Math.abs(b);
}
