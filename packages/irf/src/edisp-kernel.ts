/**
 * Energy dispersion matrix between true-energy and reco-energy bins (Gammapy's
 * `EDispKernel`, the RMF of a spectrum dataset).
 */
import { DataError } from "@gammats/core";
import { MapAxis } from "@gammats/maps";
import { EnergyDispersion2D } from "./energy-dispersion.js";
import { Irf } from "./irf-core.js";
import type { IrfInit, IrfSpec } from "./irf-core.js";

const SPEC: IrfSpec = Object.freeze({
  tag: "edisp_kernel",
  requiredAxes: Object.freeze(["energy_true", "energy"]),
  unit: "",
  fileUnit: "",
  // Gammapy: nearest bin, 0 outside.
  interpolation: Object.freeze({ method: "nearest", valuesScale: "lin", fillValue: 0 }),
  gadf: Object.freeze({ extname: "MATRIX", columns: Object.freeze(["MATRIX"]), hduClass2: "RSP_MATRIX", hduClass4: "" }),
}) as IrfSpec;

/** Options of {@link EDispKernel.checkNormalisation}. */
export interface NormalisationCheckOptions {
  /** Allowed excess of a row sum over 1. Default 1e-6. */
  tolerance?: number;
}

/**
 * Probability P(reco bin | true bin): `pdfMatrix[t * nReco + r]`, rows = true energy.
 *
 * A row sums to 1 when all reconstructed energies of that true energy fall inside the
 * reco axis, to less when some migrate outside.
 *
 * @example
 * ```ts
 * const kernel = edisp2d.toEdispKernel(0.5, etrue, ereco);
 * kernel.getBias([1, 10]);        // (⟨E_reco⟩ − E_true) / E_true at the true-bin centres
 * kernel.getResolution([1, 10]);  // σ(E_reco) / E_true
 * ```
 */
export class EDispKernel extends Irf {
  /** Class description (tag "edisp_kernel", axes energy_true × energy, dimensionless). */
  static readonly spec: IrfSpec = SPEC;

  /**
   * @param init - axes [energy_true, energy], matrix in C order [true][reco]
   * @throws DataError for axes or data that do not fit
   */
  constructor(init: IrfInit) {
    super(SPEC, init);
  }

  /**
   * Diagonal response: each true bin maps to the reco bins by the fraction of its width
   * they overlap (a perfect energy resolution; Gammapy's `from_diagonal_response`).
   *
   * @param energyAxisTrue - true-energy axis
   * @param energyAxis - reco-energy axis (default: the true axis renamed "energy")
   * @returns the kernel
   * @example
   * ```ts
   * EDispKernel.fromDiagonalResponse(etrue).pdfMatrix; // identity for equal axes
   * ```
   */
  static fromDiagonalResponse(energyAxisTrue: MapAxis, energyAxis?: MapAxis): EDispKernel {
    const et = energyAxisTrue.edgesIn("TeV");
    const reco = energyAxis ?? energyAxisTrue.rename("energy");
    const er = reco.edgesIn("TeV");
    const nt = et.length - 1;
    const nr = er.length - 1;
    const data = new Float64Array(nt * nr);
    // Overlap of [et_t, et_t+1] and [er_r, er_r+1] over the true bin width (Gammapy's get_overlap_fraction).
    for (let t = 0; t < nt; t++) {
      for (let r = 0; r < nr; r++) {
        const d = Math.min(er[r + 1]!, et[t + 1]!) - Math.max(er[r]!, et[t]!);
        data[t * nr + r] = (d > 0 ? d : 0) / (et[t + 1]! - et[t]!);
      }
    }
    return new EDispKernel({ axes: [energyAxisTrue.rename("energy_true"), reco.rename("energy")], data });
  }

  /**
   * Gaussian dispersion in μ = E_reco/E_true (mean 1 + bias, width sigma), via a 2D
   * dispersion on 200 migration bins in [1/3, 3] at offset 0.5 deg (Gammapy's `from_gauss`).
   *
   * @param energyAxisTrue - true-energy axis
   * @param energyAxis - reco-energy axis
   * @param sigma - resolution, one number or one per true bin
   * @param bias - bias, one number or one per true bin
   * @param pdfThreshold - zero-suppression threshold of the migration pdf (default 1e-6)
   * @returns the kernel
   * @example
   * ```ts
   * EDispKernel.fromGauss(etrue, ereco, 0.1, 0).getResolution([1]); // ≈ [0.1]
   * ```
   */
  static fromGauss(
    energyAxisTrue: MapAxis,
    energyAxis: MapAxis,
    sigma: number | ArrayLike<number>,
    bias: number | ArrayLike<number>,
    pdfThreshold = 1e-6,
  ): EDispKernel {
    const migra = MapAxis.fromBounds(1 / 3, 3, 200, { name: "migra" });
    const offset = MapAxis.fromEdges([0, 1, 2], { name: "offset", unit: "deg" });
    const edisp = EnergyDispersion2D.fromGauss(energyAxisTrue, migra, offset, bias, sigma, pdfThreshold);
    return edisp.toEdispKernel(0.5, undefined, energyAxis);
  }

  /** The matrix, C order [true bin][reco bin] (the same array as {@link Irf.data}). */
  get pdfMatrix(): Float64Array {
    return this.data;
  }

  /** Number of true-energy bins (rows). */
  get nTrue(): number {
    return this.shape[0]!;
  }

  /** Number of reco-energy bins (columns). */
  get nReco(): number {
    return this.shape[1]!;
  }

  /**
   * Sum of each row: the probability that a photon of that true energy is reconstructed
   * inside the reco axis.
   *
   * @returns nTrue sums
   */
  rowSums(): Float64Array {
    const nr = this.nReco;
    const out = new Float64Array(this.nTrue);
    for (let t = 0; t < out.length; t++) {
      let s = 0;
      for (let r = 0; r < nr; r++) s += this.data[t * nr + r]!;
      out[t] = s;
    }
    return out;
  }

  /**
   * Checks that the matrix is a probability matrix: entries finite and >= 0, row sums
   * <= 1 + tolerance.
   *
   * @param options - tolerance (default 1e-6)
   * @throws DataError naming the first bad row (its true-energy range) and value
   * @example
   * ```ts
   * kernel.checkNormalisation(); // throws when a row sums to more than 1
   * ```
   */
  checkNormalisation(options: NormalisationCheckOptions = {}): void {
    const tol = options.tolerance ?? 1e-6;
    const nr = this.nReco;
    const e = this.axes[0]!.edges;
    const sums = this.rowSums();
    for (let t = 0; t < this.nTrue; t++) {
      const range = `true energy bin ${t} [${e[t]}, ${e[t + 1]}] TeV`;
      for (let r = 0; r < nr; r++) {
        const v = this.data[t * nr + r]!;
        if (!(v >= 0) || !Number.isFinite(v)) {
          throw new DataError(`EDispKernel: entry ${v} at ${range}, reco bin ${r}`, {
            hint: "probabilities must be finite and non-negative",
          });
        }
      }
      if (sums[t]! > 1 + tol) {
        throw new DataError(`EDispKernel: row of ${range} sums to ${sums[t]}`, {
          hint: "a row holds probabilities of exclusive outcomes and must sum to at most 1; renormalise the matrix",
        });
      }
    }
  }

  /** Row index of each true energy, −1 outside the axis (Gammapy's coord_to_idx). */
  private rows(energyTrue: ArrayLike<number>): Int32Array {
    const e = this.axes[0]!.edges;
    const out = new Int32Array(energyTrue.length);
    for (let i = 0; i < out.length; i++) {
      const x = energyTrue[i]!;
      // Gammapy's digitize: the last edge itself belongs to the last bin.
      out[i] = x === e[e.length - 1] ? this.nTrue - 1 : -1;
    }
    const idx = this.axes[0]!.coordToIdx(energyTrue);
    for (let i = 0; i < out.length; i++) if (idx[i]! >= 0) out[i] = idx[i]!;
    return out;
  }

  /**
   * Mean reconstructed energy per true energy: Σ p_r E_r / Σ p_r over the reco-bin
   * centres of the true energy's row (0 for an empty row, NaN outside the true axis).
   *
   * @param energyTrue - true energies [TeV]
   * @returns mean reco energies [TeV]
   */
  getMean(energyTrue: ArrayLike<number>): Float64Array {
    const rows = this.rows(energyTrue);
    const ec = this.axes[1]!.centers;
    const nr = this.nReco;
    const out = new Float64Array(rows.length);
    for (let i = 0; i < rows.length; i++) {
      const t = rows[i]!;
      if (t < 0) {
        out[i] = NaN;
        continue;
      }
      let norm = 0;
      let sum = 0;
      for (let r = 0; r < nr; r++) {
        const p = this.data[t * nr + r]!;
        norm += p;
        sum += p * ec[r]!;
      }
      const m = sum / norm;
      out[i] = Number.isNaN(m) ? 0 : m;
    }
    return out;
  }

  /**
   * Reconstruction bias (⟨E_reco⟩ − E_t) / E_t, with E_t the centre of the true bin of
   * each energy (Gammapy's `get_bias`).
   *
   * @param energyTrue - true energies [TeV]
   * @returns biases (NaN outside the true axis)
   * @example
   * ```ts
   * kernel.getBias([1]); // e.g. [-0.02]
   * ```
   */
  getBias(energyTrue: ArrayLike<number>): Float64Array {
    const mean = this.getMean(energyTrue);
    const rows = this.rows(energyTrue);
    const c = this.axes[0]!.centers;
    return mean.map((m, i) => (rows[i]! < 0 ? NaN : (m - c[rows[i]!]!) / c[rows[i]!]!));
  }

  /**
   * Energy resolution σ(E_reco) / E_t: the standard deviation of the reco-bin centres
   * weighted by the row, over the centre of the true bin (Gammapy's `get_resolution`).
   *
   * @param energyTrue - true energies [TeV]
   * @returns resolutions (NaN for empty rows and outside the true axis)
   * @example
   * ```ts
   * kernel.getResolution([1]); // e.g. [0.15]
   * ```
   */
  getResolution(energyTrue: ArrayLike<number>): Float64Array {
    const mean = this.getMean(energyTrue);
    const rows = this.rows(energyTrue);
    const ec = this.axes[1]!.centers;
    const c = this.axes[0]!.centers;
    const nr = this.nReco;
    const out = new Float64Array(rows.length);
    for (let i = 0; i < rows.length; i++) {
      const t = rows[i]!;
      if (t < 0) {
        out[i] = NaN;
        continue;
      }
      let norm = 0;
      let v = 0;
      for (let r = 0; r < nr; r++) {
        const p = this.data[t * nr + r]!;
        const d = ec[r]! - mean[i]!;
        norm += p;
        v += d * d * p;
      }
      out[i] = Math.sqrt(v / norm) / c[t]!;
    }
    return out;
  }

  /**
   * A kernel with one reco bin spanning the axis, holding each row's sum over the reco
   * bins inside [loThreshold, hiThreshold] (Gammapy's `to_image`).
   *
   * @param loThreshold - lower reco energy [TeV] (default: first edge)
   * @param hiThreshold - upper reco energy [TeV] (default: last edge)
   * @returns the squashed kernel
   */
  toImage(loThreshold?: number, hiThreshold?: number): EDispKernel {
    const reco = this.axes[1]!;
    const e = reco.edges;
    const lo = loThreshold ?? e[0]!;
    const hi = hiThreshold ?? e[e.length - 1]!;
    const nr = this.nReco;
    const data = new Float64Array(this.nTrue);
    for (let t = 0; t < this.nTrue; t++) {
      let s = 0;
      for (let r = 0; r < nr; r++) if (!(e[r]! < lo || e[r + 1]! > hi)) s += this.data[t * nr + r]!;
      data[t] = s;
    }
    return new EDispKernel({ axes: [this.axes[0]!, reco.squash()], data });
  }
}
