/**
 * Analytic instrument responses of a made-up, H.E.S.S.-sized Cherenkov array: simple
 * closed forms chosen by this project (no numbers from any real instrument), so that
 * tests know the truth exactly.
 *
 * - effective area  A(E, θ) = A0 (1 - exp(-(E / Eth(θ))^k)) exp(-θ² / 2σa²),
 *   Eth(θ) = E0 (1 + cth θ²)
 * - migration μ = E_reco / E_true: Gaussian, mean 1 + b0 (Eb / E)^βb, width
 *   (s∞ + s1 (E / 1 TeV)^-βs)(1 + cs θ²), truncated to the migration range
 * - PSF: 2D Gaussian, σ = (p∞ + p1 (E / 1 TeV)^-βp)(1 + cp θ²)
 * - background: R0 (E / 1 TeV)^-Γ (1 - exp(-(E / Ebkg)^kb)) exp(-θ² / 2σb²), and a
 *   field-of-view variant with a linear gradient (1 + g fov_lat)
 */
import { erf } from "@gammats/modeling";

const D2R = Math.PI / 180;

/** Parameters of the synthetic responses; every field has a default. */
export interface SyntheticIrfOptions {
  /** Plateau effective area A0 [m2]; default 1e5. */
  aeffMax?: number;
  /** Threshold energy E0 on axis [TeV]; default 0.3. */
  aeffThreshold?: number;
  /** Sharpness k of the rise; default 3. */
  aeffRise?: number;
  /** Growth cth of the threshold with offset [deg-2]; default 0.1. */
  aeffThresholdOffsetGrowth?: number;
  /** Offset scale σa of the area [deg]; default 1.6. */
  aeffOffsetScale?: number;
  /** Migration bias b0 at Eb = 0.1 TeV; default 0.08. */
  edispBias?: number;
  /** Power βb of the bias decrease; default 0.5. */
  edispBiasIndex?: number;
  /** Asymptotic migration width s∞; default 0.07. */
  edispWidthFloor?: number;
  /** Migration width s1 at 1 TeV above the floor; default 0.08. */
  edispWidth?: number;
  /** Power βs of the width decrease; default 0.4. */
  edispWidthIndex?: number;
  /** Growth cs of the width with offset [deg-2]; default 0.05. */
  edispOffsetGrowth?: number;
  /** Asymptotic PSF σ p∞ [deg]; default 0.035. */
  psfSigmaFloor?: number;
  /** PSF σ p1 at 1 TeV above the floor [deg]; default 0.045. */
  psfSigma?: number;
  /** Power βp of the PSF narrowing; default 0.4. */
  psfSigmaIndex?: number;
  /** Growth cp of the PSF σ with offset [deg-2]; default 0.1. */
  psfOffsetGrowth?: number;
  /** Background rate R0 at 1 TeV on axis [s-1 MeV-1 sr-1]; default 2e-4. */
  bkgRate?: number;
  /** Background spectral index Γ; default 2.7. */
  bkgIndex?: number;
  /** Background turn-on energy Ebkg [TeV]; default 0.3. */
  bkgThreshold?: number;
  /** Background turn-on sharpness kb; default 3. */
  bkgRise?: number;
  /** Background offset scale σb [deg]; default 1.4. */
  bkgOffsetScale?: number;
  /** Fractional gradient g of the field-of-view background along fov_lat [deg-1]; default 0.05. */
  bkgGradient?: number;
}

/** Every parameter resolved; internal units (TeV, deg, cm2, s-1 TeV-1 sr-1). */
export interface SyntheticIrfShapes {
  aeffMax: number;
  aeffThreshold: number;
  aeffRise: number;
  aeffThresholdOffsetGrowth: number;
  aeffOffsetScale: number;
  edispBias: number;
  edispBiasIndex: number;
  edispWidthFloor: number;
  edispWidth: number;
  edispWidthIndex: number;
  edispOffsetGrowth: number;
  psfSigmaFloor: number;
  psfSigma: number;
  psfSigmaIndex: number;
  psfOffsetGrowth: number;
  bkgRate: number;
  bkgIndex: number;
  bkgThreshold: number;
  bkgRise: number;
  bkgOffsetScale: number;
  bkgGradient: number;
}

/**
 * Resolves options to shapes, converting to internal units (m2 -> cm2, MeV-1 -> TeV-1).
 *
 * @param options - overrides of the defaults
 * @returns the shapes
 * @example
 * ```ts
 * syntheticShapes().aeffMax;   // 1e9 (cm2)
 * ```
 */
export function syntheticShapes(options: SyntheticIrfOptions = {}): SyntheticIrfShapes {
  return {
    aeffMax: (options.aeffMax ?? 1e5) * 1e4,
    aeffThreshold: options.aeffThreshold ?? 0.3,
    aeffRise: options.aeffRise ?? 3,
    aeffThresholdOffsetGrowth: options.aeffThresholdOffsetGrowth ?? 0.1,
    aeffOffsetScale: options.aeffOffsetScale ?? 1.6,
    edispBias: options.edispBias ?? 0.08,
    edispBiasIndex: options.edispBiasIndex ?? 0.5,
    edispWidthFloor: options.edispWidthFloor ?? 0.07,
    edispWidth: options.edispWidth ?? 0.08,
    edispWidthIndex: options.edispWidthIndex ?? 0.4,
    edispOffsetGrowth: options.edispOffsetGrowth ?? 0.05,
    psfSigmaFloor: options.psfSigmaFloor ?? 0.035,
    psfSigma: options.psfSigma ?? 0.045,
    psfSigmaIndex: options.psfSigmaIndex ?? 0.4,
    psfOffsetGrowth: options.psfOffsetGrowth ?? 0.1,
    bkgRate: (options.bkgRate ?? 2e-4) * 1e6,
    bkgIndex: options.bkgIndex ?? 2.7,
    bkgThreshold: options.bkgThreshold ?? 0.3,
    bkgRise: options.bkgRise ?? 3,
    bkgOffsetScale: options.bkgOffsetScale ?? 1.4,
    bkgGradient: options.bkgGradient ?? 0.05,
  };
}

/**
 * Effective area at one point.
 *
 * @param s - shapes
 * @param energy - true energy [TeV]
 * @param offset - offset [deg]
 * @returns area [cm2]
 */
export function aeffValue(s: SyntheticIrfShapes, energy: number, offset: number): number {
  const eth = s.aeffThreshold * (1 + s.aeffThresholdOffsetGrowth * offset * offset);
  const rise = -Math.expm1(-Math.pow(energy / eth, s.aeffRise));
  return s.aeffMax * rise * Math.exp((-0.5 * offset * offset) / (s.aeffOffsetScale * s.aeffOffsetScale));
}

/**
 * Mean migration ⟨μ⟩ (before truncation to the migration range).
 *
 * @param s - shapes
 * @param energy - true energy [TeV]
 * @returns 1 + bias
 */
export function migraMean(s: SyntheticIrfShapes, energy: number): number {
  return 1 + s.edispBias * Math.pow(0.1 / energy, s.edispBiasIndex);
}

/**
 * Migration width σμ (before truncation).
 *
 * @param s - shapes
 * @param energy - true energy [TeV]
 * @param offset - offset [deg]
 * @returns σ of μ
 */
export function migraSigma(s: SyntheticIrfShapes, energy: number, offset: number): number {
  return (s.edispWidthFloor + s.edispWidth * Math.pow(energy, -s.edispWidthIndex)) * (1 + s.edispOffsetGrowth * offset * offset);
}

/**
 * Migration density, the Gaussian normalised over [migraMin, migraMax].
 *
 * @param s - shapes
 * @param energy - true energy [TeV]
 * @param migra - μ
 * @param offset - offset [deg]
 * @param migraMin - lower end of the migration range
 * @param migraMax - upper end
 * @returns dP/dμ (0 outside the range)
 */
export function edispValue(
  s: SyntheticIrfShapes,
  energy: number,
  migra: number,
  offset: number,
  migraMin: number,
  migraMax: number,
): number {
  if (migra < migraMin || migra > migraMax) return 0;
  const mu = migraMean(s, energy);
  const sigma = migraSigma(s, energy, offset);
  const z = (migra - mu) / sigma;
  const norm = 0.5 * (erf((migraMax - mu) / (sigma * Math.SQRT2)) - erf((migraMin - mu) / (sigma * Math.SQRT2)));
  return Math.exp(-0.5 * z * z) / (sigma * Math.sqrt(2 * Math.PI) * norm);
}

/**
 * PSF Gaussian σ.
 *
 * @param s - shapes
 * @param energy - true energy [TeV]
 * @param offset - offset [deg]
 * @returns σ [deg]
 */
export function psfSigmaValue(s: SyntheticIrfShapes, energy: number, offset: number): number {
  return (s.psfSigmaFloor + s.psfSigma * Math.pow(energy, -s.psfSigmaIndex)) * (1 + s.psfOffsetGrowth * offset * offset);
}

/**
 * PSF density (small-angle 2D Gaussian, normalised over the plane).
 *
 * @param s - shapes
 * @param energy - true energy [TeV]
 * @param rad - distance from the true direction [deg]
 * @param offset - offset [deg]
 * @returns dP/dΩ [sr-1]
 */
export function psfValue(s: SyntheticIrfShapes, energy: number, rad: number, offset: number): number {
  const sigma = psfSigmaValue(s, energy, offset) * D2R;
  const r = rad * D2R;
  return Math.exp((-0.5 * r * r) / (sigma * sigma)) / (2 * Math.PI * sigma * sigma);
}

/**
 * PSF containment within a radius: 1 - exp(-r² / 2σ²).
 *
 * @param s - shapes
 * @param energy - true energy [TeV]
 * @param rad - radius [deg]
 * @param offset - offset [deg]
 * @returns fraction in [0, 1]
 */
export function psfContainmentValue(s: SyntheticIrfShapes, energy: number, rad: number, offset: number): number {
  const sigma = psfSigmaValue(s, energy, offset);
  return -Math.expm1((-0.5 * rad * rad) / (sigma * sigma));
}

/**
 * Radially symmetric background rate.
 *
 * @param s - shapes
 * @param energy - reconstructed energy [TeV]
 * @param offset - offset [deg]
 * @returns rate [s-1 TeV-1 sr-1]
 */
export function bkgValue(s: SyntheticIrfShapes, energy: number, offset: number): number {
  const rise = -Math.expm1(-Math.pow(energy / s.bkgThreshold, s.bkgRise));
  const radial = Math.exp((-0.5 * offset * offset) / (s.bkgOffsetScale * s.bkgOffsetScale));
  return s.bkgRate * Math.pow(energy, -s.bkgIndex) * rise * radial;
}

/**
 * Field-of-view background rate: the radial rate times (1 + g fov_lat), clipped at 0.
 *
 * @param s - shapes
 * @param energy - reconstructed energy [TeV]
 * @param fovLon - field-of-view longitude [deg]
 * @param fovLat - field-of-view latitude [deg]
 * @returns rate [s-1 TeV-1 sr-1]
 */
export function bkgFovValue(s: SyntheticIrfShapes, energy: number, fovLon: number, fovLat: number): number {
  return bkgValue(s, energy, Math.hypot(fovLon, fovLat)) * Math.max(0, 1 + s.bkgGradient * fovLat);
}
