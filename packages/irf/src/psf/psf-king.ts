/**
 * King-profile PSF versus true energy and offset (GADF `psf_king`, Gammapy's `PSFKing`).
 */
import type { Hdu } from "@gammats/fits";
import type { IrfSpec } from "../irf-core.js";
import type { ReadIrfOptions } from "../irf-hdu.js";
import { IRF_REGISTRY } from "../irf-registry.js";
import { kingContainment, kingValue } from "./king-kernel.js";
import { ParametricPSF, readParametricPsfTable } from "./parametric-psf.js";
import type { ParametricPsfInit, PsfParameterSpec } from "./parametric-psf.js";

const PARAMETERS: readonly PsfParameterSpec[] = Object.freeze([
  { name: "gamma", column: "GAMMA", kind: "dimensionless" },
  { name: "sigma", column: "SIGMA", kind: "angle" },
] as const);

const SPEC: IrfSpec = Object.freeze({
  tag: "psf_king",
  requiredAxes: Object.freeze(["energy_true", "offset"]),
  unit: "sr-1",
  fileUnit: "sr-1",
  interpolation: Object.freeze({ method: "linear", valuesScale: "lin", fillValue: null }),
  gadf: Object.freeze({ extname: "PSF_2D_KING", columns: Object.freeze(["GAMMA", "SIGMA"]), hduClass2: "RPSF", hduClass4: "PSF_KING" }),
}) as IrfSpec;

/**
 * PSF with a King profile whose GAMMA and SIGMA [deg] depend on true energy and offset.
 *
 * With u = r²/(2γσ²): dP/dΩ = (1 − 1/γ)/(2πσ²)·(1 + u)^(−γ), containment
 * 1 − (1 + u)^(1−γ) (normalised for γ > 1). Parameters are interpolated and
 * extrapolated as described in {@link ParametricPSF}.
 *
 * @example
 * ```ts
 * const psf = PSFKing.read(readFitsSync("psf_king.fits").hdu("PSF_2D_KING"));
 * psf.evaluate([1], [0.5], [0, 0.1]);          // sr-1
 * psf.containmentRadius([0.68, 0.95], [1], [0.5]); // deg
 * ```
 */
export class PSFKing extends ParametricPSF {
  /** Class description (tag "psf_king", axes energy_true × offset). */
  static readonly spec: IrfSpec = SPEC;
  /** Parameters: gamma, sigma [deg]. */
  static readonly parameterSpecs: readonly PsfParameterSpec[] = PARAMETERS;

  /**
   * @param init - axes [energy_true, offset], parameters gamma and sigma [deg] (C order over the axes), meta
   * @throws DataError when axes or parameters do not fit
   * @example
   * ```ts
   * new PSFKing({ axes: [energy, offset], parameters: { gamma, sigma } });
   * ```
   */
  constructor(init: ParametricPsfInit) {
    super(SPEC, PARAMETERS, init);
  }

  /**
   * Reads a GADF `PSF_KING` table (columns GAMMA, SIGMA).
   *
   * @param hdu - the table HDU (Gammapy writes "PSF_2D_KING")
   * @param options - file (for messages), logger, allowNonFinite
   * @returns the PSF
   * @throws FitsError for missing columns, SIGMA not in an angle unit, bad axes or non-finite values
   * @example
   * ```ts
   * PSFKing.read(file.hdu("PSF_2D_KING"), { file: path });
   * ```
   */
  static read(hdu: Hdu, options: ReadIrfOptions = {}): PSFKing {
    return new PSFKing(readParametricPsfTable(hdu, SPEC.tag, PARAMETERS, options));
  }

  protected profile(n: number, rad: ArrayLike<number>, rs: number, pars: Float64Array, ps: number, out: Float64Array): Float64Array {
    return kingValue(n, rad, rs, pars, ps, out);
  }

  protected profileContainment(n: number, rad: ArrayLike<number>, rs: number, pars: Float64Array, ps: number, out: Float64Array): Float64Array {
    return kingContainment(n, rad, rs, pars, ps, out);
  }
}

/**
 * True when an HDU holds King PSF columns (GAMMA, SIGMA); the registry uses it for
 * Gammapy-written files, which carry no HDUCLAS keywords.
 *
 * @param hdu - a table HDU
 * @example
 * ```ts
 * isPsfKingHdu(readFitsSync("king.fits").hdu("PSF_2D_KING")); // true
 * ```
 */
export function isPsfKingHdu(hdu: Hdu): boolean {
  return hdu.type === "bintable" && hdu.hasColumn("GAMMA") && hdu.hasColumn("SIGMA");
}

IRF_REGISTRY.register({
  tag: SPEC.tag,
  hduClass2: SPEC.gadf.hduClass2,
  hduClass4: SPEC.gadf.hduClass4,
  matches: isPsfKingHdu,
  read: (hdu, options) => PSFKing.read(hdu, options),
});
