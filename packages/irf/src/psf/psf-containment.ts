/**
 * Containment radii, shared by the PSF classes: the rad grid on which they are searched
 * and the search itself (Gammapy's `PSF.containment_radius`: tabulate the containment
 * on an up-sampled rad grid and take the rad whose containment is closest to the wanted
 * fraction, so a radius is exact to half a fine bin, never interpolated).
 */
import { DataError } from "@gammats/core";
import { MapAxis } from "@gammats/maps";

/** Square degrees per steradian, (180/π)²: converts a PSF value from deg⁻² to sr⁻¹. */
export const DEG2_PER_SR = (180 / Math.PI) ** 2;

/** Steradians per square degree, (π/180)²: converts deg² × sr⁻¹ to a pure number. */
export const SR_PER_DEG2 = (Math.PI / 180) ** 2;

/** Upper bound of the rad grid used when a PSF has no rad axis (Gammapy's RAD_MAX) [deg]. */
export const PSF_RAD_MAX = 0.66;

/** Default up-sampling factor of the rad grid searched for containment radii (Gammapy's `factor`). */
export const CONTAINMENT_UPSAMPLE = 20;

/**
 * The rad axis used when a PSF has none (parametric PSFs): 66 linear bins from 0 to
 * 0.66 deg, Gammapy's `RAD_AXIS_DEFAULT`.
 *
 * @returns a fresh axis named "rad" [deg]
 * @example
 * ```ts
 * defaultRadAxis().edges[1]; // 0.01
 * ```
 */
export function defaultRadAxis(): MapAxis {
  return MapAxis.fromBounds(0, PSF_RAD_MAX, 66, { name: "rad", unit: "deg", interp: "lin" });
}

/**
 * The rad values at which containment is tabulated to find a containment radius: the
 * bin centres of `radAxis` up-sampled `factor` times. The precision of a containment
 * radius is therefore half a fine bin, about width / (2·factor).
 *
 * @param radAxis - rad axis [deg]
 * @param factor - up-sampling factor (default 20)
 * @returns centres of the fine bins [deg]
 * @example
 * ```ts
 * containmentRadGrid(defaultRadAxis()).length; // 1320
 * ```
 */
export function containmentRadGrid(radAxis: MapAxis, factor = CONTAINMENT_UPSAMPLE): Float64Array {
  return radAxis.upsample(factor).centers.slice();
}

/**
 * Index of the value closest to `target` in `curve[offset + k·stride]`, k < n: the
 * first one on ties, and the first NaN when there is one (NumPy's `argmin` of
 * |curve − target|, which Gammapy uses for containment radii).
 *
 * @param n - number of values
 * @param curve - values, e.g. containment fractions on a rad grid
 * @param offset - index of the first value
 * @param stride - step between values
 * @param target - wanted value, e.g. 0.68
 * @returns k in [0, n), or -1 when n is 0
 * @example
 * ```ts
 * argminAbsDiff(3, new Float64Array([0.1, 0.6, 0.9]), 0, 1, 0.68); // 1
 * ```
 */
export function argminAbsDiff(n: number, curve: ArrayLike<number>, offset: number, stride: number, target: number): number {
  let best = -1;
  let bestDiff = Infinity;
  for (let k = 0; k < n; k++) {
    const d = Math.abs(curve[offset + k * stride]! - target);
    if (Number.isNaN(d)) return k;
    if (best < 0 || d < bestDiff) {
      best = k;
      bestDiff = d;
    }
  }
  return best;
}

/**
 * Containment fractions of one (true energy, offset) point at many rad values.
 *
 * @param energyTrue - true energy [TeV]
 * @param offset - field-of-view offset [deg]
 * @param rad - radii [deg]
 * @param out - output, same length as `rad`
 * @returns out
 */
export type ContainmentCurve = (energyTrue: number, offset: number, rad: Float64Array, out: Float64Array) => Float64Array;

/**
 * Common length of arguments that broadcast: each has length n or 1.
 *
 * @param what - calling method, for messages
 * @param args - argument name → values
 * @returns n (1 when every argument has one value)
 * @throws DataError when an argument is empty or two lengths differ and neither is 1
 * @example
 * ```ts
 * broadcastLength("PSF3D.evaluate", { energyTrue: [1, 2], offset: [0.5], rad: [0.1, 0.2] }); // 2
 * ```
 */
export function broadcastLength(what: string, args: Readonly<Record<string, ArrayLike<number>>>): number {
  let n = 1;
  let first = "";
  for (const [name, values] of Object.entries(args)) {
    const len = values.length;
    if (len === 0) {
      throw new DataError(`${what}: '${name}' is empty`, { hint: "give at least one value" });
    }
    if (len === 1) continue;
    if (n === 1) {
      n = len;
      first = name;
    } else if (len !== n) {
      throw new DataError(`${what}: '${name}' has ${len} values but '${first}' has ${n}`, {
        hint: "give the arguments the same length, or length 1 to use one value for all points",
      });
    }
  }
  return n;
}

/**
 * Containment radii at broadcast (fraction, true energy, offset) points: for each point
 * the rad of `radGrid` whose containment is closest to the fraction. The curve is
 * computed once per run of points sharing energy and offset (e.g. [0.68, 0.95] at one point).
 *
 * @param fraction - containment fractions in [0, 1]
 * @param energyTrue - true energies [TeV]
 * @param offset - offsets [deg]
 * @param radGrid - candidate radii, increasing [deg] (see {@link containmentRadGrid})
 * @param curve - containment of one point on the grid
 * @param what - calling method, for messages
 * @param out - output (default: new)
 * @returns radii [deg]
 * @throws DataError when the argument lengths do not broadcast
 * @example
 * ```ts
 * const grid = containmentRadGrid(defaultRadAxis());
 * containmentRadii([0.68], [1], [0.5], grid, (e, o, r, out) => psf.containment(r, [e], [o], out), "demo");
 * ```
 */
export function containmentRadii(
  fraction: ArrayLike<number>,
  energyTrue: ArrayLike<number>,
  offset: ArrayLike<number>,
  radGrid: Float64Array,
  curve: ContainmentCurve,
  what: string,
  out?: Float64Array,
): Float64Array {
  const n = broadcastLength(what, { fraction, energyTrue, offset });
  const res = out ?? new Float64Array(n);
  const m = radGrid.length;
  const c = new Float64Array(m);
  const fs = fraction.length === 1 ? 0 : 1;
  const es = energyTrue.length === 1 ? 0 : 1;
  const os = offset.length === 1 ? 0 : 1;
  let lastE = NaN;
  let lastO = NaN;
  let have = false;
  for (let i = 0; i < n; i++) {
    const e = energyTrue[i * es]!;
    const o = offset[i * os]!;
    if (!have || !Object.is(e, lastE) || !Object.is(o, lastO)) {
      curve(e, o, radGrid, c);
      lastE = e;
      lastO = o;
      have = true;
    }
    const k = argminAbsDiff(m, c, 0, 1, fraction[i * fs]!);
    res[i] = k < 0 ? NaN : radGrid[k]!;
  }
  return res;
}
