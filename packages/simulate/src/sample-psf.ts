/**
 * Directions: the reconstructed direction is the true one displaced by a PSF-distributed
 * angle at a uniformly random position angle.
 */
import { offsetBy } from "@gammats/core";
import { buildConditionalTable, sampleConditional } from "./conditional-table.js";
import type { ConditionalTable } from "./conditional-table.js";
import { linearGrid, logGrid } from "./inverse-cdf.js";
import type { Random } from "@gammats/core";
import type { SamplerIrfs } from "./sampler-irfs.js";

const D2R = Math.PI / 180;

/** Grid sizes of the PSF table. */
export interface PsfTableOptions {
  /** True-energy nodes per decade; default 20. */
  energyPerDecade?: number;
  /** Radius grid points over [0, radMax]; default 500. */
  radPoints?: number;
}

/**
 * Tabulates the radial PSF density dP/dr = 2π sin(r) PSF(r) (per degree) at given offsets.
 *
 * @param irfs - responses
 * @param offset - offset nodes [deg], increasing
 * @param options - grid sizes
 * @returns the table (x = r [deg])
 */
export function psfTable(irfs: SamplerIrfs, offset: Float64Array, options: PsfTableOptions = {}): ConditionalTable {
  const [emin, emax] = irfs.energyTrueBounds;
  const energy = logGrid(emin, emax, options.energyPerDecade ?? 20);
  const rad = linearGrid(0, irfs.radMax, options.radPoints ?? 500);
  return buildConditionalTable(energy, offset, rad, (e, r, o) => {
    const v = irfs.psf(e, r, o);
    for (let i = 0; i < v.length; i++) v[i] = v[i]! * 2 * Math.PI * Math.sin(r[i]! * D2R) * D2R;
    return v;
  });
}

/** Reconstructed directions and the PSF displacement that made them. */
export interface PsfDraw {
  /** Right ascensions [deg]. */
  ra: Float64Array;
  /** Declinations [deg]. */
  dec: Float64Array;
  /** Angular distance from the true direction [deg]. */
  rad: Float64Array;
}

/**
 * Displaces true directions by PSF draws.
 *
 * @param table - PSF table
 * @param raTrue - true right ascensions [deg]
 * @param decTrue - true declinations [deg]
 * @param energyTrue - true energies [TeV]
 * @param offset - offsets of the true directions [deg]
 * @param rng - random stream
 * @returns reconstructed directions
 */
export function applyPsf(
  table: ConditionalTable,
  raTrue: Float64Array,
  decTrue: Float64Array,
  energyTrue: Float64Array,
  offset: Float64Array,
  rng: Random,
): PsfDraw {
  const rad = sampleConditional(table, energyTrue, offset, rng);
  const pa = new Float64Array(rad.length);
  for (let i = 0; i < pa.length; i++) pa[i] = 360 * rng.uniform();
  if (rad.length === 0) return { ra: new Float64Array(0), dec: new Float64Array(0), rad };
  const { lon, lat } = offsetBy(raTrue, decTrue, pa, rad);
  return { ra: lon, dec: lat, rad };
}
