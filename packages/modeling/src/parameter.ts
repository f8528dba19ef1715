/**
 * A model parameter: value split into factor × scale for the optimiser, unit, bounds,
 * frozen flag and error, as in Gammapy's `Parameter`.
 */
import { UnitError, conversionFactor, formatUnit, parseUnit } from "@gammats/core";

/** How {@link Parameter.autoscale} chooses `factor` and `scale`. */
export type ScaleMethod = "scale10" | "factor1" | null;

/** Scaling of a parameter for likelihood scans ("lin", "sqrt" or "log"). */
export type ParameterInterp = "lin" | "sqrt" | "log";

/** Everything needed to create a {@link Parameter}; all but `name` and `value` optional. */
export interface ParameterOptions {
  /** Parameter name, e.g. "index". */
  name: string;
  /** Value in `unit`. */
  value: number;
  /** Unit string ("" for dimensionless), e.g. "cm-2 s-1 TeV-1"; default "". */
  unit?: string;
  /**
   * Unit the model kernel expects (e.g. "TeV"); `unit` must be convertible to it.
   * Default: no check (the parameter is used as written).
   */
  internalUnit?: string;
  /** Scale; value = factor × scale. Default 1. */
  scale?: number;
  /** Lower bound in `unit`, NaN = unbounded (default). */
  min?: number;
  /** Upper bound in `unit`, NaN = unbounded (default). */
  max?: number;
  /** Excluded from fits when true; default false. */
  frozen?: boolean;
  /** 1-sigma error in `unit`; default 0. */
  error?: number;
  /** Whether the parameter is the flux normalisation of its model; default false. */
  isNorm?: boolean;
  /** Scan scaling; default "lin". */
  interp?: ParameterInterp;
  /** Autoscale method; default "scale10". */
  scaleMethod?: ScaleMethod;
}

/**
 * A model parameter. The value is stored as `factor × scale` so that an optimiser sees
 * numbers of order one ({@link Parameter.autoscale}); users read and write `value`.
 *
 * @example
 * ```ts
 * const p = new Parameter({ name: "amplitude", value: 3e-12, unit: "cm-2 s-1 TeV-1" });
 * p.autoscale();
 * [p.factor, p.scale];   // [3, 1e-12]
 * ```
 */
export class Parameter {
  /** Parameter name. */
  readonly name: string;
  /** value = factor × scale; the optimiser varies `factor`. */
  factor: number;
  /** value = factor × scale; always positive after autoscale. */
  scale: number;
  /** Lower bound in `unit` (NaN = unbounded). */
  min: number;
  /** Upper bound in `unit` (NaN = unbounded). */
  max: number;
  /** Excluded from fits when true. */
  frozen: boolean;
  /** 1-sigma error in `unit`. */
  error: number;
  /** Whether this parameter is the flux normalisation of its model. */
  readonly isNorm: boolean;
  /** Scan scaling ("lin", "sqrt", "log"). */
  interp: ParameterInterp;
  /** Autoscale method. */
  scaleMethod: ScaleMethod;
  /** Label shared by linked parameters in YAML (`link:`), undefined when not linked. */
  linkLabel: string | undefined;

  private internal: string | undefined;
  private unitText: string;
  private toInternalFactor: number;

  /**
   * @param options - name, value [unit], unit and the optional fields of {@link ParameterOptions}
   * @throws UnitError when `unit` does not parse or is not convertible to `internalUnit`
   */
  constructor(options: ParameterOptions) {
    this.name = options.name;
    this.internal = options.internalUnit;
    this.scale = options.scale ?? 1;
    this.factor = options.value / this.scale;
    this.min = options.min ?? NaN;
    this.max = options.max ?? NaN;
    this.frozen = options.frozen ?? false;
    this.error = options.error ?? 0;
    this.isNorm = options.isNorm ?? false;
    this.interp = options.interp ?? "lin";
    this.scaleMethod = options.scaleMethod === undefined ? "scale10" : options.scaleMethod;
    this.linkLabel = undefined;
    this.unitText = "";
    this.toInternalFactor = 1;
    this.unit = options.unit ?? "";
  }

  /** Unit the owning model computes in (undefined = unchecked); see {@link Parameter.internalValue}. */
  get internalUnit(): string | undefined {
    return this.internal;
  }

  /**
   * Declares the unit the owning model computes in and re-checks the current unit.
   *
   * @param unit - internal unit, e.g. "TeV"
   * @throws UnitError when the current unit cannot be converted to it
   */
  bindInternalUnit(unit: string): void {
    this.internal = unit;
    this.unit = this.unitText;
  }

  /** Value in `unit` (= factor × scale). */
  get value(): number {
    return this.factor * this.scale;
  }

  set value(v: number) {
    this.factor = v / this.scale;
  }

  /** Unit string as given (canonical FITS style when it parsed), "" when dimensionless. */
  get unit(): string {
    return this.unitText;
  }

  /**
   * Sets the unit without converting the value (as Gammapy's `unit` setter does).
   *
   * @throws UnitError when the unit does not parse or does not match the model's unit
   */
  set unit(text: string) {
    const trimmed = text.trim();
    let factor = 1;
    let canonical = trimmed;
    try {
      canonical = trimmed === "" ? "" : formatUnit(parseUnit(trimmed));
      if (this.internalUnit !== undefined) factor = conversionFactor(canonical, this.internalUnit);
    } catch (e) {
      const expected = this.internalUnit === undefined ? "" : `; expected a unit like '${this.internalUnit}'`;
      throw new UnitError(`parameter '${this.name}': bad unit '${text}'${expected}`, {
        hint: this.internalUnit === "" ? "this parameter is dimensionless: write unit: ''" : (e as Error).message,
        cause: e,
      });
    }
    this.unitText = canonical;
    this.toInternalFactor = factor;
  }

  /** Value converted to the model's internal unit (e.g. TeV), what kernels receive. */
  get internalValue(): number {
    return this.factor * this.scale * this.toInternalFactor;
  }

  /** Factor that converts values in `unit` to `internalUnit` (1 when unchecked). */
  get unitToInternal(): number {
    return this.toInternalFactor;
  }

  /** Lower bound of `factor` (min / scale), what an optimiser sees. */
  get factorMin(): number {
    return this.min / this.scale;
  }

  /** Upper bound of `factor` (max / scale), what an optimiser sees. */
  get factorMax(): number {
    return this.max / this.scale;
  }

  /**
   * Sets value and unit together (Gammapy's `quantity` setter).
   *
   * @param value - new value [unit]
   * @param unit - its unit; must be compatible with the model's unit
   * @throws UnitError when the unit is incompatible
   */
  setQuantity(value: number, unit: string): void {
    this.unit = unit;
    this.value = value;
  }

  /**
   * Chooses `factor` and `scale` for the optimiser: "scale10" makes the scale a power of
   * ten with 1 <= |factor| < 10; "factor1" sets factor = 1, scale = value; null does nothing.
   */
  autoscale(): void {
    const value = this.value;
    if (this.scaleMethod === "scale10") {
      if (value !== 0 && Number.isFinite(value)) {
        const scale = Math.pow(10, Math.floor(Math.log10(Math.abs(value))));
        this.scale = scale;
        this.factor = value / scale;
      }
    } else if (this.scaleMethod === "factor1") {
      this.factor = 1;
      this.scale = value;
    }
  }

  /** True when the value lies outside [min, max] (NaN bounds ignored); frozen parameters never are. */
  isOutsideBounds(): boolean {
    if (this.frozen) return false;
    return (!Number.isNaN(this.min) && this.value <= this.min) || (!Number.isNaN(this.max) && this.value >= this.max);
  }

  /** An independent copy (same name, value, unit, bounds, flags, error). */
  copy(): Parameter {
    const p = new Parameter({
      name: this.name,
      value: this.value,
      unit: this.unitText,
      ...(this.internalUnit === undefined ? {} : { internalUnit: this.internalUnit }),
      scale: this.scale,
      min: this.min,
      max: this.max,
      frozen: this.frozen,
      error: this.error,
      isNorm: this.isNorm,
      interp: this.interp,
      scaleMethod: this.scaleMethod,
    });
    p.factor = this.factor;
    p.linkLabel = this.linkLabel;
    return p;
  }
}

