/**
 * The synthetic responses as a {@link SamplerIrfs}: the sampler then draws from the
 * exact analytic shapes (the tables written to files are these shapes on GADF axes).
 */
import type { BackgroundRate, SamplerIrfs } from "./sampler-irfs.js";
import {
  aeffValue,
  bkgFovValue,
  bkgValue,
  edispValue,
  psfValue,
  syntheticShapes,
} from "./synthetic-shapes.js";
import type { SyntheticIrfShapes } from "./synthetic-shapes.js";

/** Ranges and background kind of the synthetic responses. */
export interface SyntheticSamplerOptions {
  /** Background: radially symmetric ("offset", default), with a gradient ("fov"), or "none". */
  background?: "offset" | "fov" | "none";
  /** True-energy range [TeV]; default [0.05, 100]. */
  energyTrueBounds?: readonly [number, number];
  /** Reconstructed-energy range of the background [TeV]; default [0.05, 100]. */
  energyBounds?: readonly [number, number];
  /** Migration range; default [0.2, 3]. */
  migraBounds?: readonly [number, number];
  /** Largest PSF radius [deg]; default 1. */
  radMax?: number;
}

/** Default ranges of the synthetic responses. */
export const SYNTHETIC_RANGES = Object.freeze({
  energyTrueBounds: [0.05, 100] as const,
  energyBounds: [0.05, 100] as const,
  migraBounds: [0.2, 3] as const,
  radMax: 1,
});

function map2(a: Float64Array, b: Float64Array, f: (x: number, y: number) => number): Float64Array {
  const out = new Float64Array(a.length);
  for (let i = 0; i < a.length; i++) out[i] = f(a[i]!, b[i]!);
  return out;
}

function map3(a: Float64Array, b: Float64Array, c: Float64Array, f: (x: number, y: number, z: number) => number): Float64Array {
  const out = new Float64Array(a.length);
  for (let i = 0; i < a.length; i++) out[i] = f(a[i]!, b[i]!, c[i]!);
  return out;
}

/**
 * Synthetic responses for the event sampler.
 *
 * @param s - resolved shapes, from {@link syntheticShapes}
 * @param options - ranges and background kind
 * @returns the responses
 * @example
 * ```ts
 * const irfs = syntheticSamplerIrfs(syntheticShapes({ aeffMax: 8e4 }), { background: "offset" });
 * irfs.aeff(Float64Array.of(1), Float64Array.of(0));   // [≈ 1e9] cm2
 * ```
 */
export function syntheticSamplerIrfs(
  s: SyntheticIrfShapes = syntheticShapes(),
  options: SyntheticSamplerOptions = {},
): SamplerIrfs {
  const migraBounds = options.migraBounds ?? SYNTHETIC_RANGES.migraBounds;
  const [mMin, mMax] = migraBounds;
  const kind = options.background ?? "offset";
  let background: BackgroundRate | undefined;
  if (kind === "offset") background = { kind, evaluate: (e, o) => map2(e, o, (x, y) => bkgValue(s, x, y)) };
  else if (kind === "fov") background = { kind, evaluate: (e, lon, lat) => map3(e, lon, lat, (x, y, z) => bkgFovValue(s, x, y, z)) };
  return {
    aeff: (e, o) => map2(e, o, (x, y) => aeffValue(s, x, y)),
    edisp: (e, m, o) => map3(e, m, o, (x, y, z) => edispValue(s, x, y, z, mMin, mMax)),
    psf: (e, r, o) => map3(e, r, o, (x, y, z) => psfValue(s, x, y, z)),
    background,
    energyTrueBounds: options.energyTrueBounds ?? SYNTHETIC_RANGES.energyTrueBounds,
    energyBounds: options.energyBounds ?? SYNTHETIC_RANGES.energyBounds,
    migraBounds,
    radMax: options.radMax ?? SYNTHETIC_RANGES.radMax,
  };
}
