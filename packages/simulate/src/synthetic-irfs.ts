/**
 * The synthetic responses as @gammats/irf objects on GADF axes: the analytic shapes of
 * synthetic-shapes.ts evaluated at the bin centres (as Gammapy's `from_parametrization`
 * does), rounded to float32 so that the objects equal what their `toHdu({ float32: true })`
 * writes.
 */
import { Background2D, Background3D, EffectiveAreaTable2D, EnergyDispersion2D, RadMax2D } from "@gammats/irf";
import type { IrfMeta } from "@gammats/irf";
import { MapAxis } from "@gammats/maps";
import {
  aeffValue,
  bkgFovValue,
  bkgValue,
  edispValue,
  psfContainmentValue,
  psfValue,
  syntheticShapes,
} from "./synthetic-shapes.js";
import type { SyntheticIrfShapes } from "./synthetic-shapes.js";
import { PSF3D } from "@gammats/irf";

/** The GADF axes the synthetic IRFs are tabulated on. */
export interface SyntheticIrfAxes {
  /** True energy, 0.05–100 TeV, 10 bins per decade. */
  energyTrue: MapAxis;
  /** Offset, 0–2.5 deg in 0.25 deg bins. */
  offset: MapAxis;
  /** Migration, 0.2–3 in steps of 0.025. */
  migra: MapAxis;
  /** PSF radius, 0–1 deg in 0.01 deg bins. */
  rad: MapAxis;
  /** Reconstructed energy of Background2D, 0.05–100 TeV, 10 bins per decade. */
  energy: MapAxis;
  /** Reconstructed energy of Background3D, 0.05–100 TeV, 5 bins per decade. */
  energyFov: MapAxis;
  /** Field-of-view longitude and latitude of Background3D, -2.5–2.5 deg in 0.1 deg bins. */
  fov: MapAxis;
}

/**
 * The default axes of the synthetic IRFs.
 *
 * @returns the axes
 * @example
 * ```ts
 * syntheticIrfAxes().migra.nbin;   // 112
 * ```
 */
export function syntheticIrfAxes(): SyntheticIrfAxes {
  const steps = (lo: number, hi: number, step: number) => {
    const n = Math.round((hi - lo) / step);
    return Array.from({ length: n + 1 }, (_, i) => lo + (i * (hi - lo)) / n);
  };
  return {
    energyTrue: MapAxis.fromEnergyBounds(0.05, 100, 10, { perDecade: true, name: "energy_true" }),
    offset: MapAxis.fromEdges(steps(0, 2.5, 0.25), { name: "offset", unit: "deg" }),
    migra: MapAxis.fromEdges(steps(0.2, 3, 0.025), { name: "migra", unit: "" }),
    rad: MapAxis.fromEdges(steps(0, 1, 0.01), { name: "rad", unit: "deg" }),
    energy: MapAxis.fromEnergyBounds(0.05, 100, 10, { perDecade: true, name: "energy" }),
    energyFov: MapAxis.fromEnergyBounds(0.05, 100, 5, { perDecade: true, name: "energy" }),
    fov: MapAxis.fromEdges(steps(-2.5, 2.5, 0.1), { name: "fov_lon", unit: "deg" }),
  };
}

/** Full-enclosure synthetic IRFs. */
export interface SyntheticIrfSet {
  aeff: EffectiveAreaTable2D;
  edisp: EnergyDispersion2D;
  psf: PSF3D;
  bkg2d: Background2D;
  bkg3d: Background3D;
}

/** Point-like synthetic IRFs: effective area and migration of the events within RAD_MAX, and the cut. */
export interface SyntheticPointLikeIrfSet {
  aeff: EffectiveAreaTable2D;
  edisp: EnergyDispersion2D;
  radMax: RadMax2D;
}

/** Header keywords of every synthetic IRF. */
export const SYNTHETIC_IRF_META: Readonly<IrfMeta> = Object.freeze({
  TELESCOP: "GAMMATS-SIM",
  INSTRUME: "synthetic IACT array",
  CREATOR: "@gammats/simulate synthetic-irfs",
});

// Evaluates f on the C-order grid of bin centres, rounding to float32 in the unit written
// (`perFileUnit` = internal units per file unit, e.g. 1e4 cm2 per m2), so that the object
// holds exactly what a reader gets back. With `cut`, values below cut × the largest are
// set to 0: far Gaussian tails (< 1e-8 of the peak) change no result but would make the
// files compress poorly.
function grid(axes: readonly MapAxis[], f: (c: number[]) => number, cut = 0, perFileUnit = 1): Float64Array {
  const centers = axes.map((a) => a.centers);
  const shape = axes.map((a) => a.nbin);
  const size = shape.reduce((a, b) => a * b, 1);
  const out = new Float64Array(size);
  const idx = new Array<number>(shape.length).fill(0);
  const c = new Array<number>(shape.length).fill(0);
  for (let n = 0; n < size; n++) {
    let r = n;
    for (let d = shape.length - 1; d >= 0; d--) {
      idx[d] = r % shape[d]!;
      r = Math.floor(r / shape[d]!);
      c[d] = centers[d]![idx[d]!]!;
    }
    out[n] = Math.fround(f(c) / perFileUnit) * perFileUnit;
  }
  if (cut > 0) {
    const limit = cut * out.reduce((m, v) => Math.max(m, v), 0);
    for (let n = 0; n < size; n++) if (out[n]! < limit) out[n] = 0;
  }
  return out;
}

const TAIL_CUT = 1e-8;
// File units: effective area in m2, background in s-1 MeV-1 sr-1 (GADF conventions).
const CM2_PER_M2 = 1e4;
const PER_TEV_PER_PER_MEV = 1e6;

function edispGrid(s: SyntheticIrfShapes, axes: SyntheticIrfAxes): Float64Array {
  const [mMin, mMax] = axes.migra.bounds;
  return grid([axes.energyTrue, axes.migra, axes.offset], ([e, m, o]) => edispValue(s, e!, m!, o!, mMin, mMax), TAIL_CUT);
}

/**
 * Full-enclosure synthetic IRFs: AEFF_2D, EDISP_2D, PSF_TABLE, BKG_2D and BKG_3D.
 *
 * @param s - shapes, default {@link syntheticShapes}()
 * @param axes - axes, default {@link syntheticIrfAxes}()
 * @returns the IRF objects
 * @example
 * ```ts
 * const irfs = syntheticIrfs();
 * irfs.aeff.evaluate([1], [0.5]);   // ≈ 9.5e8 cm2
 * writeFitsSync("irfs.fits", [imageHdu(), irfs.aeff.toHdu(), irfs.edisp.toHdu({ float32: true })]);
 * ```
 */
export function syntheticIrfs(s: SyntheticIrfShapes = syntheticShapes(), axes: SyntheticIrfAxes = syntheticIrfAxes()): SyntheticIrfSet {
  const meta = { ...SYNTHETIC_IRF_META };
  const fovLat = axes.fov.rename("fov_lat");
  const fovLon = axes.fov.rename("fov_lon");
  return {
    aeff: new EffectiveAreaTable2D({
      axes: [axes.energyTrue, axes.offset],
      data: grid([axes.energyTrue, axes.offset], ([e, o]) => aeffValue(s, e!, o!), 0, CM2_PER_M2),
      unit: "cm2",
      meta,
    }),
    edisp: new EnergyDispersion2D({ axes: [axes.energyTrue, axes.migra, axes.offset], data: edispGrid(s, axes), meta }),
    psf: new PSF3D({
      axes: [axes.energyTrue, axes.offset, axes.rad],
      data: grid([axes.energyTrue, axes.offset, axes.rad], ([e, o, r]) => psfValue(s, e!, r!, o!), TAIL_CUT),
      unit: "sr-1",
      meta,
    }),
    bkg2d: new Background2D({
      axes: [axes.energy, axes.offset],
      data: grid([axes.energy, axes.offset], ([e, o]) => bkgValue(s, e!, o!), 0, PER_TEV_PER_PER_MEV),
      unit: "s-1 TeV-1 sr-1",
      meta,
    }),
    bkg3d: new Background3D({
      axes: [axes.energyFov, fovLon, fovLat],
      data: grid([axes.energyFov, fovLon, fovLat], ([e, x, y]) => bkgFovValue(s, e!, x!, y!), 0, PER_TEV_PER_PER_MEV),
      unit: "s-1 TeV-1 sr-1",
      meta,
      fovAlignment: "RADEC",
    }),
  };
}

/** An energy-dependent directional cut rad_max(E) = clip(r1 (E / 1 TeV)^-β, min, max). */
export interface SyntheticRadMaxOptions {
  /** r1, the cut at 1 TeV [deg]; default 0.1. */
  at1TeV?: number;
  /** β; default 0.2. */
  index?: number;
  /** Smallest cut [deg]; default 0.07. */
  min?: number;
  /** Largest cut [deg]; default 0.25. */
  max?: number;
}

/**
 * A RAD_MAX_2D table (reconstructed energy 0.05–100 TeV at 5 bins per decade × offset
 * 0–2.5 deg in 0.5 deg bins), energy-dependent and flat in offset, as MAGIC publishes.
 *
 * @param options - the cut's shape
 * @returns the table (point-like)
 * @example
 * ```ts
 * syntheticRadMax().evaluate([1], [0.5]);   // ≈ [0.1] deg
 * ```
 */
export function syntheticRadMax(options: SyntheticRadMaxOptions = {}): RadMax2D {
  const r1 = options.at1TeV ?? 0.1;
  const beta = options.index ?? 0.2;
  const lo = options.min ?? 0.07;
  const hi = options.max ?? 0.25;
  const energy = MapAxis.fromEnergyBounds(0.05, 100, 5, { perDecade: true, name: "energy" });
  const offset = MapAxis.fromEdges([0, 0.5, 1, 1.5, 2, 2.5], { name: "offset", unit: "deg" });
  const data = grid([energy, offset], ([e]) => Math.min(hi, Math.max(lo, r1 * Math.pow(e!, -beta))));
  return new RadMax2D({ axes: [energy, offset], data, unit: "deg", meta: { ...SYNTHETIC_IRF_META }, isPointlike: true });
}

/**
 * Point-like synthetic IRFs for a directional cut on the reconstructed direction that
 * depends on the reconstructed energy: for each true energy E and offset θ the selection
 * efficiency is ε(E, θ) = ∫ dμ p(μ | E, θ) C(rad_max(μE, θ); E, θ), with p the migration
 * and C the PSF containment; the effective area is A ε and the migration of the selected
 * events p C / ε (GADF point-like IRFs).
 *
 * @param radMax - the cut, default {@link syntheticRadMax}()
 * @param s - shapes, default {@link syntheticShapes}()
 * @param axes - axes, default {@link syntheticIrfAxes}()
 * @returns the IRF objects (HDUCLAS3 POINT-LIKE)
 */
export function syntheticPointLikeIrfs(
  radMax: RadMax2D = syntheticRadMax(),
  s: SyntheticIrfShapes = syntheticShapes(),
  axes: SyntheticIrfAxes = syntheticIrfAxes(),
): SyntheticPointLikeIrfSet {
  const meta = { ...SYNTHETIC_IRF_META };
  const [mMin, mMax] = axes.migra.bounds;
  const eTrue = axes.energyTrue.centers;
  const off = axes.offset.centers;
  const mCenters = axes.migra.centers;
  // Fine migration grid for the efficiency integral (trapezoid).
  const nFine = 1201;
  const fine = Float64Array.from({ length: nFine }, (_, k) => mMin + ((mMax - mMin) * k) / (nFine - 1));
  const nE = eTrue.length;
  const nO = off.length;
  const nM = mCenters.length;
  const aeff = new Float64Array(nE * nO);
  const edisp = new Float64Array(nE * nM * nO);
  const ereco = new Float64Array(nFine + nM);
  const offsets = new Float64Array(nFine + nM);
  for (let i = 0; i < nE; i++) {
    const e = eTrue[i]!;
    for (let j = 0; j < nO; j++) {
      const o = off[j]!;
      for (let k = 0; k < nFine; k++) ereco[k] = fine[k]! * e;
      for (let k = 0; k < nM; k++) ereco[nFine + k] = mCenters[k]! * e;
      offsets.fill(o);
      const cut = radMax.evaluate(ereco, offsets);
      const weight = (m: number, r: number) => edispValue(s, e, m, o, mMin, mMax) * psfContainmentValue(s, e, r, o);
      let eff = 0;
      let prev = weight(fine[0]!, cut[0]!);
      for (let k = 1; k < nFine; k++) {
        const w = weight(fine[k]!, cut[k]!);
        eff += 0.5 * (prev + w) * (fine[k]! - fine[k - 1]!);
        prev = w;
      }
      aeff[i * nO + j] = Math.fround((aeffValue(s, e, o) * eff) / CM2_PER_M2) * CM2_PER_M2;
      for (let k = 0; k < nM; k++) {
        const v = eff > 0 ? weight(mCenters[k]!, cut[nFine + k]!) / eff : 0;
        edisp[(i * nM + k) * nO + j] = Math.fround(v);
      }
    }
  }
  const peak = edisp.reduce((m, v) => Math.max(m, v), 0);
  for (let n = 0; n < edisp.length; n++) if (edisp[n]! < TAIL_CUT * peak) edisp[n] = 0;
  return {
    aeff: new EffectiveAreaTable2D({ axes: [axes.energyTrue, axes.offset], data: aeff, unit: "cm2", meta, isPointlike: true }),
    edisp: new EnergyDispersion2D({ axes: [axes.energyTrue, axes.migra, axes.offset], data: edisp, meta, isPointlike: true }),
    radMax,
  };
}
