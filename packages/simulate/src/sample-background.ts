/**
 * Background events: reconstructed energies and field-of-view positions drawn from the
 * background rate, tabulated on a polar grid (ln E, offset θ, position angle φ) around the
 * pointing. Inside a grid cell the density is the multilinear interpolation of the corner
 * values, sampled exactly one coordinate after the other.
 */
import { offsetBy } from "@gammats/core";
import { linearGrid, logGrid } from "./inverse-cdf.js";
import type { Random } from "@gammats/core";
import type { BackgroundRate } from "./sampler-irfs.js";

const D2R = Math.PI / 180;

/** Grid sizes of the background table. */
export interface BackgroundGridOptions {
  /** Energy nodes per decade; default 30. */
  energyPerDecade?: number;
  /** Offset step [deg]; default 0.025 (offset-only rates) or 0.05 (field-of-view rates). */
  offsetStep?: number;
  /** Position-angle step of a field-of-view rate [deg]; default 5. */
  phiStep?: number;
}

/** Background rate per cell of the polar grid. */
export interface BackgroundGrid {
  /** ln E nodes (reconstructed energy [TeV]). */
  readonly logEnergy: Float64Array;
  /** Offset nodes [deg]. */
  readonly theta: Float64Array;
  /** Position-angle nodes [deg], from 0 to 360. */
  readonly phi: Float64Array;
  /** Density dN/(dt dlnE dθ dφ) at the nodes [s-1 deg-2], [energy][theta][phi]. */
  readonly density: Float64Array;
  /** Cumulative rate over the cells in C order [s-1]. */
  readonly cellCdf: Float64Array;
  /** Total rate [s-1]. */
  readonly rate: number;
}

/**
 * Field-of-view coordinates (RADEC-aligned offset frame) of points at offset θ and
 * position angle φ from the pointing.
 *
 * @param theta - offsets [deg]
 * @param phi - position angles east of north [deg]
 * @returns fov_lon in (-180, 180] and fov_lat [deg]
 */
export function polarToFov(theta: Float64Array, phi: Float64Array): { lon: Float64Array; lat: Float64Array } {
  if (theta.length === 0) return { lon: new Float64Array(0), lat: new Float64Array(0) };
  // The offset frame puts the pointing at (0, 0) and keeps north, so position angles agree.
  const { lon, lat } = offsetBy(0, 0, phi, theta);
  for (let i = 0; i < lon.length; i++) if (lon[i]! > 180) lon[i] = lon[i]! - 360;
  return { lon, lat };
}

/**
 * Tabulates a background rate on the polar grid around the pointing.
 *
 * @param bkg - background rate
 * @param energyBounds - reconstructed-energy range [TeV]
 * @param offsetMax - largest offset to simulate [deg]
 * @param options - grid sizes
 * @returns the grid and its total rate
 */
export function backgroundGrid(
  bkg: BackgroundRate,
  energyBounds: readonly [number, number],
  offsetMax: number,
  options: BackgroundGridOptions = {},
): BackgroundGrid {
  const energy = logGrid(energyBounds[0], energyBounds[1], options.energyPerDecade ?? 30);
  const step = options.offsetStep ?? (bkg.kind === "offset" ? 0.025 : 0.05);
  const theta = linearGrid(0, offsetMax, Math.max(2, Math.ceil(offsetMax / step) + 1));
  // An offset-only rate does not depend on φ: one cell spanning 360 deg.
  const nPhi = bkg.kind === "offset" ? 2 : Math.max(2, Math.ceil(360 / (options.phiStep ?? 5)) + 1);
  const phi = linearGrid(0, 360, nPhi);
  const nE = energy.length;
  const nT = theta.length;
  const nP = phi.length;
  const plane = nT * nP;
  const tPlane = new Float64Array(plane);
  const pPlane = new Float64Array(plane);
  for (let j = 0; j < nT; j++) {
    for (let k = 0; k < nP; k++) {
      tPlane[j * nP + k] = theta[j]!;
      pPlane[j * nP + k] = phi[k]!;
    }
  }
  const e = new Float64Array(nE * plane);
  for (let i = 0; i < nE; i++) e.fill(energy[i]!, i * plane, (i + 1) * plane);
  let rate: Float64Array;
  const tAll = new Float64Array(nE * plane);
  for (let i = 0; i < nE; i++) tAll.set(tPlane, i * plane);
  if (bkg.kind === "offset") {
    rate = bkg.evaluate(e, tAll);
  } else {
    const fov = polarToFov(tPlane, pPlane);
    const lon = new Float64Array(nE * plane);
    const lat = new Float64Array(nE * plane);
    for (let i = 0; i < nE; i++) {
      lon.set(fov.lon, i * plane);
      lat.set(fov.lat, i * plane);
    }
    rate = bkg.evaluate(e, lon, lat);
  }
  // dN/(dt dlnE dθ dφ) = rate · E · sin θ (θ, φ in deg -> the D2R² Jacobian).
  const density = new Float64Array(nE * plane);
  for (let n = 0; n < density.length; n++) {
    const v = rate[n]! * e[n]! * Math.sin(tAll[n]! * D2R) * D2R * D2R;
    density[n] = v > 0 ? v : 0;
  }
  const logEnergy = energy.map(Math.log);
  const cellCdf = new Float64Array((nE - 1) * (nT - 1) * (nP - 1));
  let acc = 0;
  let c = 0;
  for (let i = 0; i < nE - 1; i++) {
    const dE = logEnergy[i + 1]! - logEnergy[i]!;
    for (let j = 0; j < nT - 1; j++) {
      const dT = theta[j + 1]! - theta[j]!;
      for (let k = 0; k < nP - 1; k++) {
        const dP = phi[k + 1]! - phi[k]!;
        let sum = 0;
        for (let b = 0; b < 8; b++) sum += density[cornerIndex(i, j, k, b, nT, nP)]!;
        acc += (sum / 8) * dE * dT * dP;
        cellCdf[c++] = acc;
      }
    }
  }
  return { logEnergy, theta, phi, density, cellCdf, rate: acc };
}

// Corner b of cell (i, j, k): bit 0 -> energy + 1, bit 1 -> theta + 1, bit 2 -> phi + 1.
function cornerIndex(i: number, j: number, k: number, b: number, nT: number, nP: number): number {
  return ((i + (b & 1)) * nT + (j + ((b >> 1) & 1))) * nP + (k + ((b >> 2) & 1));
}

// Draws t in [0, 1] from the density ∝ p0 (1 - t) + p1 t.
function sampleUnitLinear(p0: number, p1: number, u: number): number {
  const m = 0.5 * u * (p0 + p1);
  const s = p1 - p0;
  const den = p0 + Math.sqrt(Math.max(p0 * p0 + 2 * s * m, 0));
  return den > 0 ? Math.min(1, Math.max(0, (2 * m) / den)) : u;
}

/** Background draws in polar field-of-view coordinates. */
export interface BackgroundDraw {
  /** Reconstructed energies [TeV]. */
  energy: Float64Array;
  /** Offsets from the pointing [deg]. */
  theta: Float64Array;
  /** Position angles east of north [deg]. */
  phi: Float64Array;
}

/**
 * Draws background events from a tabulated rate.
 *
 * @param grid - from {@link backgroundGrid}
 * @param count - number of events
 * @param rng - random stream
 * @returns energies and polar positions
 */
export function sampleBackground(grid: BackgroundGrid, count: number, rng: Random): BackgroundDraw {
  const nT = grid.theta.length;
  const nP = grid.phi.length;
  const nCells = grid.cellCdf.length;
  const out: BackgroundDraw = { energy: new Float64Array(count), theta: new Float64Array(count), phi: new Float64Array(count) };
  const corners = new Float64Array(8);
  for (let n = 0; n < count; n++) {
    const target = rng.uniform() * grid.rate;
    const cell = cellIndex(grid.cellCdf, nCells, target);
    const k = cell % (nP - 1);
    const j = Math.floor(cell / (nP - 1)) % (nT - 1);
    const i = Math.floor(cell / ((nP - 1) * (nT - 1)));
    for (let b = 0; b < 8; b++) corners[b] = grid.density[cornerIndex(i, j, k, b, nT, nP)]!;
    // Sample energy, then θ, then φ, collapsing the corners along each sampled axis.
    const te = sampleUnitLinear(corners[0]! + corners[2]! + corners[4]! + corners[6]!, corners[1]! + corners[3]! + corners[5]! + corners[7]!, rng.uniform());
    for (let b = 0; b < 4; b++) corners[b] = (1 - te) * corners[2 * b]! + te * corners[2 * b + 1]!;
    const tt = sampleUnitLinear(corners[0]! + corners[2]!, corners[1]! + corners[3]!, rng.uniform());
    const p0 = (1 - tt) * corners[0]! + tt * corners[1]!;
    const p1 = (1 - tt) * corners[2]! + tt * corners[3]!;
    const tp = sampleUnitLinear(p0, p1, rng.uniform());
    out.energy[n] = Math.exp(grid.logEnergy[i]! + te * (grid.logEnergy[i + 1]! - grid.logEnergy[i]!));
    out.theta[n] = grid.theta[j]! + tt * (grid.theta[j + 1]! - grid.theta[j]!);
    out.phi[n] = grid.phi[k]! + tp * (grid.phi[k + 1]! - grid.phi[k]!);
  }
  return out;
}

function cellIndex(cellCdf: Float64Array, nCells: number, target: number): number {
  let lo = 0;
  let hi = nCells - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (cellCdf[mid]! > target) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}
