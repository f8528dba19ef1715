/**
 * The kernel behind `EnergyDispersion2D.toEdispKernel`: turns migration pdfs (one row per
 * true energy) into reco-energy bin probabilities, as Gammapy's `EDispMap` does
 * (`make_edisp_map` → `normalize("migra")` → `to_edisp_kernel_map`).
 */
import { MapAxis } from "@gammats/maps";

/**
 * Reco-energy bin probabilities from migration pdfs.
 *
 * Per true energy t: the pdf is normalised by its integral over μ (NaN → 0), its running
 * integral C is tabulated on the migration edges (0 at the first edge), and the
 * probability of reco bin r is max(0, C(E_{r+1}/E_t) − C(E_r/E_t)), with C linear between
 * the edges in the migration axis' scale, 0 below the first and the total above the last.
 *
 * @param pdf - dP/dμ, C order [true energy][migration bin]
 * @param energyTrue - true energy of each row [TeV]
 * @param migra - migration axis (the pdf sits on its centres)
 * @param recoEdges - reco-energy bin edges [TeV]
 * @returns probabilities, C order [true energy][reco bin]
 * @example
 * ```ts
 * migraKernel(pdf, etrue.centers, edisp.axis("migra"), ereco.edges); // rows sum to ≈ 1
 * ```
 */
export function migraKernel(pdf: Float64Array, energyTrue: ArrayLike<number>, migra: MapAxis, recoEdges: ArrayLike<number>): Float64Array {
  const nt = energyTrue.length;
  const nm = migra.nbin;
  const nr = recoEdges.length - 1;
  const widths = migra.widths;
  // The cumulative integral lives on the migration edges, as nodes.
  const cumAxis = MapAxis.fromNodes(migra.edges, { interp: migra.interp });
  const cum = new Float64Array(nm + 1);
  const norm = new Float64Array(nm);
  const x = new Float64Array(nr + 1);
  const pix = new Float64Array(nr + 1);
  const cAt = new Float64Array(nr + 1);
  const out = new Float64Array(nt * nr);
  for (let t = 0; t < nt; t++) {
    const row = t * nm;
    // Total integral: the maximum of the running sum (which starts at 0).
    let acc = 0;
    let max = 0;
    for (let m = 0; m < nm; m++) {
      acc += pdf[row + m]! * widths[m]!;
      if (acc > max || Number.isNaN(acc)) max = acc;
    }
    for (let m = 0; m < nm; m++) {
      const v = pdf[row + m]! / max;
      norm[m] = Number.isNaN(v) ? 0 : v === Infinity ? Number.MAX_VALUE : v === -Infinity ? -Number.MAX_VALUE : v;
    }
    cum[0] = 0;
    for (let m = 0; m < nm; m++) cum[m + 1] = cum[m]! + norm[m]! * widths[m]!;
    const et = energyTrue[t]!;
    for (let r = 0; r <= nr; r++) x[r] = recoEdges[r]! / et;
    cumAxis.coordToPix(x, pix);
    for (let r = 0; r <= nr; r++) {
      const p = pix[r]!;
      if (!(p > 0)) cAt[r] = cum[0]!;
      else if (p >= nm) cAt[r] = cum[nm]!;
      else {
        const i = Math.floor(p);
        const f = p - i;
        cAt[r] = cum[i]! * (1 - f) + cum[i + 1]! * f;
      }
    }
    for (let r = 0; r < nr; r++) {
      const d = cAt[r + 1]! - cAt[r]!;
      out[t * nr + r] = d > 0 ? d : 0;
    }
  }
  return out;
}
