/**
 * Offset-dependent energy dispersion: probability density of the migration
 * μ = E_reco / E_true versus true energy and offset (GADF `EDISP_2D`, Gammapy's
 * `EnergyDispersion2D`).
 */
import { DataError, erf } from "@gammats/core";
import type { BinTableHduSpec, Hdu } from "@gammats/fits";
import type { MapAxis } from "@gammats/maps";
import { EDispKernel } from "./edisp-kernel.js";
import { gammapyCenters, regionMigraKernel } from "./edisp-region-kernel.js";
import { Irf } from "./irf-core.js";
import type { IrfInit, IrfSpec } from "./irf-core.js";
import type { IrfEvaluateOptions } from "./irf-evaluator.js";
import { gadfKeywords, irfTableHdu, readIrfTable } from "./irf-hdu.js";
import type { IrfToHduOptions, ReadIrfOptions } from "./irf-hdu.js";
import { IRF_REGISTRY, headerText } from "./irf-registry.js";

const SPEC: IrfSpec = Object.freeze({
  tag: "edisp_2d",
  requiredAxes: Object.freeze(["energy_true", "migra", "offset"]),
  unit: "",
  fileUnit: "",
  interpolation: Object.freeze({ method: "linear", valuesScale: "lin", fillValue: 0 }),
  gadf: Object.freeze({ extname: "ENERGY DISPERSION", columns: Object.freeze(["MATRIX"]), hduClass2: "EDISP", hduClass4: "EDISP_2D" }),
}) as IrfSpec;

const ENERGY_TRUE = 1;
const MIGRA = 2;
const OFFSET = 4;

/**
 * The out-of-bounds rule of {@link EnergyDispersion2D} (Gammapy's): a point is outside when
 * its offset is, or both its true energy and its migration are (bits 1, 2, 4 for the
 * axes energy_true, migra, offset).
 *
 * @param invalidAxes - bit mask of the axes whose coordinate is outside the edges
 * @returns true when the point gets the fill value
 * @example
 * ```ts
 * edispOutOfBounds(1); // false: only the true energy is outside
 * ```
 */
export function edispOutOfBounds(invalidAxes: number): boolean {
  return (invalidAxes & OFFSET) !== 0 || ((invalidAxes & ENERGY_TRUE) !== 0 && (invalidAxes & MIGRA) !== 0);
}

/**
 * Energy dispersion pdf dP/dμ(E_true, μ, offset), μ = E_reco / E_true (dimensionless).
 *
 * Linear interpolation in (log E_true, μ, offset). As in Gammapy, a point gets 0 only
 * when its offset is outside the offset axis, or both its true energy and its migration
 * are outside theirs; otherwise it is extrapolated (clipped at 0).
 *
 * @example
 * ```ts
 * const edisp = EnergyDispersion2D.read(file.hdu("EDISP"));
 * const etrue = MapAxis.fromEnergyBounds(0.1, 100, 20, { name: "energy_true" });
 * const ereco = MapAxis.fromEnergyBounds(0.1, 100, 15);
 * edisp.toEdispKernel(0.5, etrue, ereco).pdfMatrix; // 20 × 15, rows sum to ≤ 1
 * ```
 */
export class EnergyDispersion2D extends Irf {
  /** Class description (tag "edisp_2d", axes energy_true × migra × offset, dimensionless). */
  static readonly spec: IrfSpec = SPEC;

  /**
   * @param init - axes [energy_true, migra, offset], data (pdf in μ), meta, ...
   * @throws DataError or UnitError for axes, data or unit that do not fit
   */
  constructor(init: IrfInit) {
    super(SPEC, init);
  }

  /**
   * Reads a GADF `EDISP_2D` table (true-energy columns ENERG_* or ETRUE_*).
   *
   * @param hdu - the table HDU (EXTNAME "ENERGY DISPERSION" or "EDISP")
   * @param options - file (for messages), logger, allowNonFinite
   * @returns the energy dispersion
   * @throws FitsError for missing columns, wrong units, bad axes or non-finite data
   * @example
   * ```ts
   * EnergyDispersion2D.read(file.hdu("EDISP"), { file: path });
   * ```
   */
  static read(hdu: Hdu, options: ReadIrfOptions = {}): EnergyDispersion2D {
    const t = readIrfTable(hdu, { tag: SPEC.tag, requiredAxes: SPEC.requiredAxes, columns: [{ names: SPEC.gadf.columns, unit: "" }] }, options);
    const col = t.columns[0]!;
    return new EnergyDispersion2D({ axes: t.axes, data: col.data, unit: col.unit, meta: t.meta, isPointlike: t.isPointlike });
  }

  /**
   * Gaussian dispersion in μ with mean 1 + bias and width sigma, flat in offset; each
   * bin holds the Gaussian's integral over the bin divided by its width, values below
   * `pdfThreshold` set to 0 (Gammapy's `from_gauss`).
   *
   * @param energyAxisTrue - true-energy axis
   * @param migraAxis - migration axis
   * @param offsetAxis - offset axis
   * @param bias - bias, one number or one per true-energy bin
   * @param sigma - resolution, one number or one per true-energy bin
   * @param pdfThreshold - zero-suppression threshold (default 1e-6)
   * @returns the energy dispersion
   * @throws DataError when bias or sigma arrays do not match the true-energy axis
   * @example
   * ```ts
   * EnergyDispersion2D.fromGauss(etrue, MapAxis.fromBounds(0.2, 5, 100, { name: "migra" }),
   *   MapAxis.fromEdges([0, 1, 2], { name: "offset", unit: "deg" }), 0, 0.1);
   * ```
   */
  static fromGauss(
    energyAxisTrue: MapAxis,
    migraAxis: MapAxis,
    offsetAxis: MapAxis,
    bias: number | ArrayLike<number>,
    sigma: number | ArrayLike<number>,
    pdfThreshold = 1e-6,
  ): EnergyDispersion2D {
    const nt = energyAxisTrue.nbin;
    const nm = migraAxis.nbin;
    const no = offsetAxis.nbin;
    const perBin = (v: number | ArrayLike<number>, what: string): ((i: number) => number) => {
      if (typeof v === "number") return () => v;
      if (v.length !== nt) {
        throw new DataError(`EnergyDispersion2D.fromGauss: ${v.length} ${what} values for ${nt} true-energy bins`, {
          hint: `give one ${what} or one per true-energy bin`,
        });
      }
      return (i) => v[i]!;
    };
    const b = perBin(bias, "bias");
    const s = perBin(sigma, "sigma");
    const e = migraAxis.edges;
    const data = new Float64Array(nt * nm * no);
    for (let t = 0; t < nt; t++) {
      const w = Math.SQRT2 * s(t);
      for (let m = 0; m < nm; m++) {
        // Integral of the Gaussian over the bin, per unit μ.
        const pdf = (erf((e[m + 1]! - 1 - b(t)) / w) - erf((e[m]! - 1 - b(t)) / w)) / 2 / (e[m + 1]! - e[m]!);
        const v = pdf < pdfThreshold ? 0 : pdf;
        for (let o = 0; o < no; o++) data[(t * nm + m) * no + o] = v;
      }
    }
    return new EnergyDispersion2D({ axes: [energyAxisTrue, migraAxis, offsetAxis], data });
  }

  /** Gammapy's rule: outside when the offset is, or both true energy and migration are. */
  protected override outOfBounds(invalidAxes: number): boolean {
    return edispOutOfBounds(invalidAxes);
  }

  /**
   * Migration pdf at points (length-1 arrays broadcast).
   *
   * @param energyTrue - true energies [TeV]
   * @param migra - migrations E_reco / E_true
   * @param offset - offsets [deg]
   * @param out - output (default: new)
   * @param options - interpolation method
   * @returns dP/dμ
   * @example
   * ```ts
   * edisp.evaluate([1], [0.8, 1, 1.2], [0.5]);
   * ```
   */
  evaluate(
    energyTrue: ArrayLike<number>,
    migra: ArrayLike<number>,
    offset: ArrayLike<number>,
    out?: Float64Array,
    options?: IrfEvaluateOptions,
  ): Float64Array {
    return this.evaluateCoords([energyTrue, migra, offset], out, options);
  }

  /**
   * Energy dispersion matrix at one offset: for each true-energy bin, the probability to
   * reconstruct the energy in each reco-energy bin (Gammapy's `to_edisp_kernel`).
   *
   * The pdf is evaluated at the true-energy centres and migration centres, normalised to
   * unit integral over μ per true energy; its running integral on the migration edges is
   * interpolated at μ = E_reco edge / E_true centre and differenced bin by bin. The
   * interpolation is Gammapy's for a region geometry, arithmetic included (bilinear over
   * migra pixel × true-energy pixel, linear extrapolation; see {@link regionMigraKernel}),
   * so entries far outside the migration range carry the same ~1e-13 residue as Gammapy's.
   *
   * @param offset - field-of-view offset [deg]
   * @param energyAxisTrue - true-energy bins (default: this IRF's)
   * @param energyAxis - reco-energy bins (default: the true-energy axis renamed "energy")
   * @returns the kernel, `pdfMatrix` of shape [true bins, reco bins]
   * @example
   * ```ts
   * edisp.toEdispKernel(0.5).getBias([1]); // bias at 1 TeV
   * ```
   */
  toEdispKernel(offset: number, energyAxisTrue?: MapAxis, energyAxis?: MapAxis): EDispKernel {
    const etrue = energyAxisTrue ?? this.axis("energy_true");
    const ereco = energyAxis ?? etrue.rename("energy");
    const migra = this.axis("migra");
    const et = etrue.unit === "TeV" || etrue.unit === "" ? etrue : etrue.toUnit("TeV");
    const etCenters = gammapyCenters(et);
    const pdf = this.evaluateGrid([etCenters, gammapyCenters(migra), [offset]]);
    const data = regionMigraKernel(pdf, et, etCenters, migra, ereco.edgesIn("TeV"));
    return new EDispKernel({ axes: [etrue.rename("energy_true"), ereco.rename("energy")], data });
  }

  /**
   * A copy normalised to unit integral over migration (Gammapy's `normalize`).
   *
   * @returns the normalised energy dispersion
   */
  normalize(): EnergyDispersion2D {
    return this.normalized("migra");
  }

  /**
   * GADF `EDISP_2D` table HDU for `writeFits` (Gammapy reads it with `EnergyDispersion2D.read`).
   *
   * @param options - extname, float32 (the unit stays dimensionless)
   * @returns the HDU description
   * @example
   * ```ts
   * writeFits("edisp.fits", [imageHdu(), edisp.toHdu()], { overwrite: true });
   * ```
   */
  toHdu(options: IrfToHduOptions = {}): BinTableHduSpec {
    return irfTableHdu({
      extname: options.extname ?? SPEC.gadf.extname,
      axes: this.axes,
      columns: [{ name: SPEC.gadf.columns[0]!, data: this.data, unit: "", float32: options.float32 ?? false }],
      meta: this.meta,
      keywords: gadfKeywords(SPEC.gadf, this.isPointlike),
    });
  }
}

IRF_REGISTRY.register({
  tag: SPEC.tag,
  hduClass2: SPEC.gadf.hduClass2,
  hduClass4: SPEC.gadf.hduClass4,
  matches: (hdu) => headerText(hdu, "HDUCLAS2") === "EDISP" && hdu.hasColumn("MATRIX") && hdu.hasColumn("MIGRA_LO"),
  read: (hdu, options) => EnergyDispersion2D.read(hdu, options),
});
