/**
 * Tabulated PSF versus true energy, field-of-view offset and angular distance from the
 * source (GADF `psf_table` / `PSF_TABLE`, Gammapy's `PSF3D`), e.g. the `PSF` HDU of the
 * H.E.S.S. DL3 DR1 runs.
 */
import { conversionFactor } from "@gammats/core";
import type { BinTableHduSpec, Hdu } from "@gammats/fits";
import { normalizeAlongAxisInPlace } from "../axis-cumsum.js";
import type { AxisNormalization } from "../axis-cumsum.js";
import { Irf } from "../irf-core.js";
import type { IrfInit, IrfSpec } from "../irf-core.js";
import { ANY_AXIS_OUTSIDE, IrfEvaluator } from "../irf-evaluator.js";
import type { IrfEvaluateOptions } from "../irf-evaluator.js";
import { gadfKeywords, irfTableHdu, readIrfTable } from "../irf-hdu.js";
import type { IrfToHduOptions, ReadIrfOptions } from "../irf-hdu.js";
import { IRF_REGISTRY } from "../irf-registry.js";
import { locateOffsets, offsetNodeTable } from "../offset-nodes.js";
import { offsetRows } from "../offset-rows.js";
import { normalizedOffsetProfiles } from "../offset-profiles.js";
import { CONTAINMENT_UPSAMPLE, containmentRadGrid, containmentRadii } from "./psf-containment.js";

const SPEC: IrfSpec = Object.freeze({
  tag: "psf_table",
  requiredAxes: Object.freeze(["energy_true", "offset", "rad"]),
  unit: "sr-1",
  fileUnit: "sr-1",
  interpolation: Object.freeze({ method: "linear", valuesScale: "lin", fillValue: 0 }),
  gadf: Object.freeze({ extname: "PSF_2D_TABLE", columns: Object.freeze(["RPSF"]), hduClass2: "RPSF", hduClass4: "PSF_TABLE" }),
}) as IrfSpec;

/**
 * PSF table dP/dΩ(E_true, offset, rad) [sr-1].
 *
 * Values sit on the bin centres of the three axes and are interpolated linearly in
 * (log E_true, offset, rad), extrapolated inside the axes' outer bins and 0 outside the
 * axes' edges (Gammapy's rules). The table is used as stored: reading does not
 * normalise it (use `normalized("rad")` for that, as Gammapy's `normalize()`).
 *
 * Containment integrates the table in rad: the running sum of 2π·r·dr·PSF over the rad
 * bins gives the fraction inside each bin's upper edge, which is then interpolated
 * linearly in rad (and in energy and offset) like the PSF itself. Consequently, as in
 * Gammapy, the containment is 0 below about the first rad bin and beyond the last rad
 * edge.
 *
 * @example
 * ```ts
 * const psf = PSF3D.read(readFitsSync(path).hdu("PSF"), { file: path });
 * psf.evaluate([1], [0.5], [0, 0.05, 0.1]);          // sr-1
 * psf.containmentRadius([0.68, 0.95], [1], [0.5]);   // deg
 * ```
 */
export class PSF3D extends Irf {
  /** Class description (tag "psf_table", axes energy_true × offset × rad, unit sr-1). */
  static readonly spec: IrfSpec = SPEC;
  private containmentEvaluator: IrfEvaluator | undefined;
  private containmentFactor = NaN;

  /**
   * @param init - axes [energy_true, offset, rad], data (default unit sr-1; deg-2 is converted), meta
   * @throws DataError or UnitError for axes, data or unit that do not fit
   */
  constructor(init: IrfInit) {
    super(SPEC, init);
  }

  /**
   * Reads a GADF `PSF_TABLE` HDU (data column RPSF; axes ENERG, THETA, RAD).
   *
   * @param hdu - the table HDU (H.E.S.S. DL3: "PSF"; Gammapy writes "PSF_2D_TABLE")
   * @param options - file (for messages), logger, allowNonFinite
   * @returns the PSF
   * @throws FitsError for a missing RPSF or axis column, a unit that is not a solid-angle
   *   density, a cell that does not fit the axes, or non-finite values
   * @example
   * ```ts
   * PSF3D.read(readFitsSync(path).hdu("PSF"), { file: path }).shape; // [32, 6, 144] for H.E.S.S. DR1
   * ```
   */
  static read(hdu: Hdu, options: ReadIrfOptions = {}): PSF3D {
    const t = readIrfTable(hdu, { tag: SPEC.tag, requiredAxes: SPEC.requiredAxes, columns: [{ names: SPEC.gadf.columns, unit: SPEC.unit }] }, options);
    const col = t.columns[0]!;
    return new PSF3D({ axes: t.axes, data: col.data, unit: col.unit, meta: t.meta, isPointlike: t.isPointlike });
  }

  /**
   * PSF value at broadcast (true energy, offset, rad) points (length-1 arrays broadcast).
   *
   * @param energyTrue - true energies [TeV]
   * @param offset - offsets [deg]
   * @param rad - angular distances from the source [deg]
   * @param out - output (default: new)
   * @param options - interpolation method
   * @returns dP/dΩ [sr-1]; 0 outside the axes
   * @throws DataError when the lengths do not broadcast
   * @example
   * ```ts
   * psf.evaluate([1], [0.5], [0.05]); // H.E.S.S. run 23523: [79849.84] sr-1
   * ```
   */
  evaluate(
    energyTrue: ArrayLike<number>,
    offset: ArrayLike<number>,
    rad: ArrayLike<number>,
    out?: Float64Array,
    options?: IrfEvaluateOptions,
  ): Float64Array {
    return this.evaluateCoords([energyTrue, offset, rad], out, options);
  }

  /**
   * PSF values on the grid of a PSF map, C order [energy][rad][offset]; the values of
   * {@link evaluate} at each point up to round-off (the table is evaluated at its offset
   * nodes, and each offset interpolates between two of them).
   *
   * @param energyTrue - true energies [TeV]
   * @param rad - radii [deg]
   * @param offset - offsets [deg] (e.g. one per pixel)
   * @param out - output of length ne × nr × no (default: new)
   * @param normalize - then normalise every (energy, offset) profile along rad (as
   *   `normalizeAlongAxisInPlace` on the result); default none
   * @returns dP/dΩ [sr-1]; 0 outside the axes
   * @example
   * ```ts
   * psf.evaluateMapGrid([1, 2], [0.05, 0.1], pixelOffsets); // 2 × 2 × pixels
   * ```
   */
  evaluateMapGrid(
    energyTrue: ArrayLike<number>,
    rad: ArrayLike<number>,
    offset: ArrayLike<number>,
    out?: Float64Array,
    normalize?: AxisNormalization,
  ): Float64Array {
    const ne = energyTrue.length;
    const nr = rad.length;
    const no = offset.length;
    const res = out ?? new Float64Array(ne * nr * no);
    // The PSF depends on a pixel only through its offset: evaluated once at the offset
    // nodes, each pixel interpolates between two of them (same values up to round-off).
    const table = offsetNodeTable(this, ANY_AXIS_OUTSIDE, [energyTrue, null, rad]);
    if (table === null) return this.evaluateMapGridFull(energyTrue, rad, offset, res, normalize);
    const pos = locateOffsets(this.axis("offset"), offset);
    if (normalize !== undefined) return normalizedOffsetProfiles(table, pos, ne, nr, normalize.weights, normalize.factor, res);
    return offsetRows(table, pos, res, 1);
  }

  /**
   * {@link evaluateMapGrid} by evaluating the table at every (energy, rad, offset) point
   * (the reference for the node path, and its fallback).
   *
   * @param energyTrue - true energies [TeV]
   * @param rad - radii [deg]
   * @param offset - offsets [deg]
   * @param out - output of length ne × nr × no (default: new)
   * @param normalize - then normalise along rad; default none
   * @returns dP/dΩ [sr-1]
   * @example
   * ```ts
   * psf.evaluateMapGridFull([1, 2], [0.05, 0.1], pixelOffsets);
   * ```
   */
  evaluateMapGridFull(
    energyTrue: ArrayLike<number>,
    rad: ArrayLike<number>,
    offset: ArrayLike<number>,
    out?: Float64Array,
    normalize?: AxisNormalization,
  ): Float64Array {
    const ne = energyTrue.length;
    const nr = rad.length;
    const no = offset.length;
    const res = out ?? new Float64Array(ne * nr * no);
    // The (offset, rad) points listed rad-major: every energy × these points is the map's
    // [energy][rad][pixel] order, in one evaluation and without a transposition.
    const offsets = new Float64Array(nr * no);
    const rads = new Float64Array(nr * no);
    for (let k = 0; k < nr; k++) {
      offsets.set(offset as ArrayLike<number>, k * no);
      rads.fill(rad[k]!, k * no, (k + 1) * no);
    }
    this.evaluateGridPoints([energyTrue], [offsets, rads], res);
    if (normalize !== undefined) normalizeAlongAxisInPlace(res, [ne, nr, no], 1, normalize.weights, new Float64Array(no), new Float64Array(no), normalize.factor);
    return res;
  }

  /**
   * Fraction of the PSF within `rad` of the source (Gammapy's `PSF3D.containment`).
   *
   * @param rad - radii [deg]
   * @param energyTrue - true energies [TeV]
   * @param offset - offsets [deg]
   * @param out - output (default: new)
   * @returns containment fractions (1 for a normalised table at large rad inside the rad axis)
   * @throws DataError when the lengths do not broadcast
   * @example
   * ```ts
   * psf.containment([0.1, 0.2], [1], [0.5]); // H.E.S.S. run 23523: [0.58386, 0.86264]
   * ```
   */
  containment(rad: ArrayLike<number>, energyTrue: ArrayLike<number>, offset: ArrayLike<number>, out?: Float64Array): Float64Array {
    if (this.containmentEvaluator === undefined) {
      // Cumsum of 2π r dr PSF [deg2 sr-1] on nodes at the upper rad edges, evaluated with
      // this PSF's rules (Gammapy's `IRF.integral`); converted to a fraction afterwards.
      const grid = this.cumsum("rad");
      this.containmentEvaluator = new IrfEvaluator(grid.axes, grid.data, this.interpolation);
      this.containmentFactor = conversionFactor(grid.unit, "");
    }
    const res = this.containmentEvaluator.evaluate([energyTrue, offset, rad], out);
    const n = Math.max(rad.length, energyTrue.length, offset.length);
    const f = this.containmentFactor;
    for (let i = 0; i < n; i++) res[i] = res[i]! * f;
    return res;
  }

  /**
   * Radius containing a given fraction of the PSF (Gammapy's `containment_radius`): the
   * centre of the fine rad bin (rad axis up-sampled `factor` times) whose containment is
   * closest to the fraction; precise to about rad-bin width / (2·factor).
   *
   * @param fraction - containment fractions, e.g. [0.68, 0.95]
   * @param energyTrue - true energies [TeV]
   * @param offset - offsets [deg]
   * @param out - output (default: new)
   * @param factor - up-sampling of the rad axis (default 20)
   * @returns radii [deg]
   * @throws DataError when the lengths do not broadcast
   * @example
   * ```ts
   * psf.containmentRadius([0.68], [1, 10], [0.5]); // two R68 values [deg]
   * ```
   */
  containmentRadius(
    fraction: ArrayLike<number>,
    energyTrue: ArrayLike<number>,
    offset: ArrayLike<number>,
    out?: Float64Array,
    factor = CONTAINMENT_UPSAMPLE,
  ): Float64Array {
    const grid = containmentRadGrid(this.axis("rad"), factor);
    const e = new Float64Array(1);
    const o = new Float64Array(1);
    return containmentRadii(
      fraction,
      energyTrue,
      offset,
      grid,
      (energy, off, rad, c) => {
        e[0] = energy;
        o[0] = off;
        return this.containment(rad, e, o, c);
      },
      "PSF3D.containmentRadius",
      out,
    );
  }

  /**
   * GADF `PSF_TABLE` HDU for `writeFits` (Gammapy reads it with `PSF3D.read`).
   *
   * @param options - data unit (default sr-1), extname (default "PSF_2D_TABLE"), float32
   * @returns the HDU description
   * @throws UnitError when `unit` is not a solid-angle density
   * @example
   * ```ts
   * writeFits("psf.fits", [imageHdu(), psf.toHdu()], { overwrite: true });
   * ```
   */
  toHdu(options: IrfToHduOptions = {}): BinTableHduSpec {
    const unit = options.unit ?? SPEC.fileUnit;
    return irfTableHdu({
      extname: options.extname ?? SPEC.gadf.extname,
      axes: this.axes,
      columns: [{ name: SPEC.gadf.columns[0]!, data: this.dataIn(unit), unit, float32: options.float32 ?? false }],
      meta: this.meta,
      keywords: gadfKeywords(SPEC.gadf, this.isPointlike),
    });
  }
}

/**
 * True when an HDU looks like a PSF table (RPSF column and RAD axis), whatever its
 * HDUCLAS keywords say; the registry uses it when HDUCLAS4 is missing or non-standard.
 *
 * @param hdu - a table HDU
 * @example
 * ```ts
 * isPsfTableHdu(readFitsSync(hessRun).hdu("PSF")); // true
 * ```
 */
export function isPsfTableHdu(hdu: Hdu): boolean {
  return hdu.type === "bintable" && hdu.hasColumn("RPSF") && hdu.hasColumn("RAD_LO");
}

IRF_REGISTRY.register({
  tag: SPEC.tag,
  hduClass2: SPEC.gadf.hduClass2,
  hduClass4: SPEC.gadf.hduClass4,
  matches: isPsfTableHdu,
  read: (hdu, options) => PSF3D.read(hdu, options),
});
