/**
 * A density in one variable x, tabulated on a grid of (true energy, offset) nodes, with
 * its cumulative integrals: how the sampler draws migrations and PSF radii without
 * evaluating the IRFs per event. Between nodes it picks a neighbouring node at random
 * with the linear-interpolation weights (in log energy and in offset), which samples the
 * interpolated density exactly.
 */
import { pickNode, sampleLinearPdf, trapezoidCdf } from "./inverse-cdf.js";
import type { Random } from "@gammats/core";

/** Densities p(x | E, θ) on nodes, row-major [energy][offset][x]. */
export interface ConditionalTable {
  /** True-energy nodes [TeV]. */
  readonly energy: Float64Array;
  /** Natural logarithms of the energy nodes (the interpolation coordinate). */
  readonly logEnergy: Float64Array;
  /** Offset nodes [deg]. */
  readonly offset: Float64Array;
  /** Grid of the sampled variable. */
  readonly x: Float64Array;
  /** Densities, length energy × offset × x. */
  readonly pdf: Float64Array;
  /** Cumulative integrals per row, same layout. */
  readonly cdf: Float64Array;
}

/**
 * Evaluates a density on a node grid and integrates each row.
 *
 * @param energy - true-energy nodes [TeV], increasing
 * @param offset - offset nodes [deg], increasing (one node for a fixed offset)
 * @param x - grid of the sampled variable, increasing
 * @param density - evaluates the density element-wise at (energy[i], x[i], offset[i])
 * @returns the table; rows with zero mass draw from the grid's lower end
 */
export function buildConditionalTable(
  energy: Float64Array,
  offset: Float64Array,
  x: Float64Array,
  density: (energy: Float64Array, x: Float64Array, offset: Float64Array) => Float64Array,
): ConditionalTable {
  const nE = energy.length;
  const nO = offset.length;
  const nX = x.length;
  const size = nE * nO * nX;
  const e = new Float64Array(size);
  const xs = new Float64Array(size);
  const o = new Float64Array(size);
  for (let i = 0; i < nE; i++) {
    for (let j = 0; j < nO; j++) {
      const base = (i * nO + j) * nX;
      for (let k = 0; k < nX; k++) {
        e[base + k] = energy[i]!;
        o[base + k] = offset[j]!;
        xs[base + k] = x[k]!;
      }
    }
  }
  const pdf = density(e, xs, o);
  const cdf = new Float64Array(size);
  for (let r = 0; r < nE * nO; r++) {
    for (let k = 0; k < nX; k++) if (!(pdf[r * nX + k]! > 0)) pdf[r * nX + k] = 0;
    trapezoidCdf(nX, x, pdf, r * nX, cdf, r * nX);
  }
  return { energy, logEnergy: energy.map(Math.log), offset, x, pdf, cdf };
}

/**
 * Draws x for each (energy, offset) pair.
 *
 * @param table - densities from {@link buildConditionalTable}
 * @param energy - true energies [TeV]
 * @param offset - offsets [deg] (one per event)
 * @param rng - random stream
 * @param out - output, allocated when omitted
 * @returns the draws
 */
export function sampleConditional(
  table: ConditionalTable,
  energy: Float64Array,
  offset: Float64Array,
  rng: Random,
  out: Float64Array = new Float64Array(energy.length),
): Float64Array {
  const nO = table.offset.length;
  const nX = table.x.length;
  for (let n = 0; n < energy.length; n++) {
    const i = pickNode(table.logEnergy, Math.log(energy[n]!), rng.uniform());
    const j = pickNode(table.offset, offset[n]!, rng.uniform());
    const row = (i * nO + j) * nX;
    const u = rng.uniform();
    out[n] = table.cdf[row + nX - 1]! > 0 ? sampleLinearPdf(nX, table.x, table.pdf, row, table.cdf, row, u) : table.x[0]!;
  }
  return out;
}
