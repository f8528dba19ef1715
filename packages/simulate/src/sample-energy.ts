/**
 * Energies: true energies drawn from dN/dE · A_eff (inverse CDF on a fine log grid) and
 * reconstructed energies drawn from the energy migration.
 */
import { buildConditionalTable, sampleConditional } from "./conditional-table.js";
import type { ConditionalTable } from "./conditional-table.js";
import { linearGrid, logGrid, sampleLinearPdf, trapezoidCdf } from "./inverse-cdf.js";
import type { Random } from "@gammats/core";
import type { SamplerIrfs } from "./sampler-irfs.js";

/** Grid density of the true-energy distribution [points per decade]. */
export const ENERGY_GRID_PER_DECADE = 100;

/** Rate of detected source events per unit log energy, tabulated. */
export interface TrueEnergyDistribution {
  /** Energy grid [TeV]. */
  readonly energy: Float64Array;
  /** ln of the grid. */
  readonly logEnergy: Float64Array;
  /** dN/dlnE = dN/dE · A · E on the grid [s-1]. */
  readonly density: Float64Array;
  /** Cumulative integral over ln E [s-1]. */
  readonly cdf: Float64Array;
  /** Total rate ∫ dN/dE · A dE [s-1]. */
  readonly rate: number;
}

/**
 * Tabulates dN/dE · A on a log grid and integrates it.
 *
 * @param energy - energy grid [TeV], e.g. from {@link logGrid}
 * @param dnde - differential flux on the grid [cm-2 s-1 TeV-1]
 * @param aeff - effective area on the grid [cm2]
 * @returns the distribution
 * @example
 * ```ts
 * const e = logGrid(0.1, 100, 100);
 * const dist = trueEnergyDistribution(e, pwl.evaluate(e), irfs.aeff(e, e.map(() => 0.5)));
 * dist.rate * livetime;   // expected number of source events
 * ```
 */
export function trueEnergyDistribution(energy: Float64Array, dnde: Float64Array, aeff: Float64Array): TrueEnergyDistribution {
  const n = energy.length;
  const logEnergy = energy.map(Math.log);
  const density = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const v = dnde[i]! * aeff[i]! * energy[i]!;
    density[i] = v > 0 ? v : 0;
  }
  const cdf = new Float64Array(n);
  const rate = trapezoidCdf(n, logEnergy, density, 0, cdf, 0);
  return { energy, logEnergy, density, cdf, rate };
}

/**
 * Draws true energies from a tabulated distribution (piecewise linear in ln E).
 *
 * @param dist - the distribution
 * @param count - number of draws
 * @param rng - random stream
 * @returns energies [TeV]
 */
export function sampleTrueEnergies(dist: TrueEnergyDistribution, count: number, rng: Random): Float64Array {
  const n = dist.energy.length;
  const out = new Float64Array(count);
  for (let k = 0; k < count; k++) {
    out[k] = Math.exp(sampleLinearPdf(n, dist.logEnergy, dist.density, 0, dist.cdf, 0, rng.uniform()));
  }
  return out;
}

/** Grid sizes of the migration table. */
export interface MigrationTableOptions {
  /** True-energy nodes per decade; default 20. */
  energyPerDecade?: number;
  /** Migration grid points; default 600. */
  migraPoints?: number;
}

/**
 * Tabulates the migration density at the given offsets.
 *
 * @param irfs - responses
 * @param offset - offset nodes [deg], increasing
 * @param options - grid sizes
 * @returns the table (x = μ)
 */
export function migrationTable(irfs: SamplerIrfs, offset: Float64Array, options: MigrationTableOptions = {}): ConditionalTable {
  const [emin, emax] = irfs.energyTrueBounds;
  const energy = logGrid(emin, emax, options.energyPerDecade ?? 20);
  const migra = linearGrid(irfs.migraBounds[0], irfs.migraBounds[1], options.migraPoints ?? 600);
  return buildConditionalTable(energy, offset, migra, (e, m, o) => irfs.edisp(e, m, o));
}

/**
 * Draws reconstructed energies E_reco = μ E_true.
 *
 * @param table - migration table
 * @param energyTrue - true energies [TeV]
 * @param offset - offsets [deg]
 * @param rng - random stream
 * @returns reconstructed energies [TeV]
 */
export function sampleRecoEnergies(table: ConditionalTable, energyTrue: Float64Array, offset: Float64Array, rng: Random): Float64Array {
  const out = sampleConditional(table, energyTrue, offset, rng);
  for (let i = 0; i < out.length; i++) out[i] = out[i]! * energyTrue[i]!;
  return out;
}
