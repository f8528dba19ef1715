/**
 * Triple-Gaussian PSF versus true energy and offset (GADF `psf_3gauss`, Gammapy's
 * `EnergyDependentMultiGaussPSF`), e.g. the CTA 1DC IRFs.
 */
import type { Hdu } from "@gammats/fits";
import type { IrfSpec } from "../irf-core.js";
import type { ReadIrfOptions } from "../irf-hdu.js";
import { IRF_REGISTRY } from "../irf-registry.js";
import { tripleGaussContainment, tripleGaussValue, tripleGaussValueRows } from "./multi-gauss-kernel.js";
import { ParametricPSF, readParametricPsfTable } from "./parametric-psf.js";
import type { ParametricPsfInit, PsfParameterSpec } from "./parametric-psf.js";

const PARAMETERS: readonly PsfParameterSpec[] = Object.freeze([
  { name: "sigma_1", column: "SIGMA_1", kind: "angle" },
  { name: "sigma_2", column: "SIGMA_2", kind: "angle" },
  { name: "sigma_3", column: "SIGMA_3", kind: "angle" },
  { name: "scale", column: "SCALE", kind: "any" },
  { name: "ampl_2", column: "AMPL_2", kind: "dimensionless" },
  { name: "ampl_3", column: "AMPL_3", kind: "dimensionless" },
] as const);

const SPEC: IrfSpec = Object.freeze({
  tag: "psf_3gauss",
  requiredAxes: Object.freeze(["energy_true", "offset"]),
  unit: "sr-1",
  fileUnit: "sr-1",
  interpolation: Object.freeze({ method: "linear", valuesScale: "lin", fillValue: null }),
  gadf: Object.freeze({
    extname: "PSF_2D_GAUSS",
    columns: Object.freeze(PARAMETERS.map((p) => p.column)),
    hduClass2: "RPSF",
    hduClass4: "PSF_3GAUSS",
  }),
}) as IrfSpec;

/**
 * PSF as a sum of three 2D Gaussians whose widths σ_1..3 [deg] and relative amplitudes
 * (SCALE, AMPL_2, AMPL_3) depend on true energy and offset.
 *
 * dP/dΩ = Σ_i w_i/(2πσ_i²)·exp(−r²/(2σ_i²)) with w_i ∝ SCALE·a_i·σ_i² (a_1 = 1)
 * normalised to Σ w_i = 1; containment Σ_i w_i·(1 − exp(−r²/(2σ_i²))). Parameters are
 * interpolated and extrapolated as described in {@link ParametricPSF}.
 *
 * @example
 * ```ts
 * const path = "cta-1dc/caldb/data/cta/1dc/bcf/South_z20_50h/irf_file.fits";
 * const psf = EnergyDependentMultiGaussPSF.read(readFitsSync(path).hdu("POINT SPREAD FUNCTION"));
 * psf.evaluate([1], [0.5], [0.1]);                 // [≈ 5729] sr-1 (Gammapy: 1.745 deg-2)
 * psf.containmentRadius([0.68], [1], [0.5]);       // [0.05125] deg
 * ```
 */
export class EnergyDependentMultiGaussPSF extends ParametricPSF {
  /** Class description (tag "psf_3gauss", axes energy_true × offset). */
  static readonly spec: IrfSpec = SPEC;
  /** Parameters: sigma_1..3 [deg], scale, ampl_2, ampl_3. */
  static readonly parameterSpecs: readonly PsfParameterSpec[] = PARAMETERS;
  private readonly weights = new Float64Array(3);
  private rowsScratch = new Float64Array(0);

  /**
   * @param init - axes [energy_true, offset], parameters sigma_1, sigma_2, sigma_3 [deg],
   *   scale, ampl_2, ampl_3 (C order over the axes), meta
   * @throws DataError when axes or parameters do not fit
   * @example
   * ```ts
   * new EnergyDependentMultiGaussPSF({ axes: [energy, offset], parameters: { sigma_1, sigma_2, sigma_3, scale, ampl_2, ampl_3 } });
   * ```
   */
  constructor(init: ParametricPsfInit) {
    super(SPEC, PARAMETERS, init);
  }

  /**
   * Reads a GADF `PSF_3GAUSS` table (columns SIGMA_1..3, SCALE, AMPL_2, AMPL_3).
   *
   * @param hdu - the table HDU (CTA: "POINT SPREAD FUNCTION"; Gammapy writes "PSF_2D_GAUSS")
   * @param options - file (for messages), logger, allowNonFinite
   * @returns the PSF
   * @throws FitsError for missing columns, sigmas not in an angle unit, bad axes or non-finite values
   * @example
   * ```ts
   * EnergyDependentMultiGaussPSF.read(file.hdu("POINT SPREAD FUNCTION"), { file: path }).shape; // [25, 6]
   * ```
   */
  static read(hdu: Hdu, options: ReadIrfOptions = {}): EnergyDependentMultiGaussPSF {
    return new EnergyDependentMultiGaussPSF(readParametricPsfTable(hdu, SPEC.tag, PARAMETERS, options));
  }

  protected profile(n: number, rad: ArrayLike<number>, rs: number, pars: Float64Array, ps: number, out: Float64Array): Float64Array {
    return tripleGaussValue(n, rad, rs, pars, ps, this.weights, out);
  }

  protected override profileRows(n: number, rad: ArrayLike<number>, pars: Float64Array, factor: number, out: Float64Array, outOffset: number): void {
    if (this.rowsScratch.length < 9 * n) this.rowsScratch = new Float64Array(9 * n);
    tripleGaussValueRows(n, rad, pars, factor, this.rowsScratch, out, outOffset);
  }

  protected profileContainment(n: number, rad: ArrayLike<number>, rs: number, pars: Float64Array, ps: number, out: Float64Array): Float64Array {
    return tripleGaussContainment(n, rad, rs, pars, ps, this.weights, out);
  }
}

/**
 * True when an HDU holds triple-Gauss PSF columns (SIGMA_1..3, SCALE, AMPL_2, AMPL_3);
 * the registry uses it for CTA 1DC files, whose HDUCLAS4 is "3GAUSS".
 *
 * @param hdu - a table HDU
 * @example
 * ```ts
 * isPsf3GaussHdu(readFitsSync(ctaIrf).hdu("POINT SPREAD FUNCTION")); // true
 * ```
 */
export function isPsf3GaussHdu(hdu: Hdu): boolean {
  return hdu.type === "bintable" && PARAMETERS.every((p) => hdu.hasColumn(p.column));
}

IRF_REGISTRY.register({
  tag: SPEC.tag,
  hduClass2: SPEC.gadf.hduClass2,
  hduClass4: SPEC.gadf.hduClass4,
  matches: isPsf3GaussHdu,
  read: (hdu, options) => EnergyDependentMultiGaussPSF.read(hdu, options),
});
