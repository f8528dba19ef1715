/**
 * Numerical gradient with per-parameter step sizes adapted to the local curvature, in
 * the manner of MIGRAD's two-point gradient (James & Roos, Comput. Phys. Commun. 10
 * (1975) 343): each step is chosen so that the curvature term of the function change
 * stands clear of rounding, and refined until step and gradient settle.
 */
import type { StrategySettings } from "./minimize-options.js";

/** Machine epsilon. */
export const EPS = Number.EPSILON;
/** Relative precision we trust an objective value to (2·sqrt(eps), as Minuit's eps2). */
export const EPS2 = 2 * Math.sqrt(EPS);

/** Gradient, second-derivative and step estimates per parameter, updated in place. */
export interface DerivativeState {
  /** First derivatives. */
  g: Float64Array;
  /** Diagonal second derivatives (by-product of the central differences). */
  g2: Float64Array;
  /** Current difference step per parameter (> 0). */
  step: Float64Array;
}

/**
 * Allocates a state seeded from an expected 1σ error per parameter: second derivative
 * 2·up/err² (a parabola that rises by `up` at ±err), step err/10.
 *
 * @param err - expected 1σ errors (internal units)
 * @param up - objective change that corresponds to 1σ
 */
export function seedDerivativeState(err: Float64Array, up: number): DerivativeState {
  const n = err.length;
  const s: DerivativeState = { g: new Float64Array(n), g2: new Float64Array(n), step: new Float64Array(n) };
  for (let i = 0; i < n; i++) {
    s.g2[i] = (2 * up) / (err[i]! * err[i]!);
    s.step[i] = 0.1 * err[i]!;
  }
  return s;
}

/**
 * Refines `state` to the gradient at `x` by central differences (2 evaluations per
 * parameter and cycle). Where one side returns NaN a one-sided difference is used;
 * where both do, the step shrinks.
 *
 * @param f - objective of the internal vector
 * @param x - point (restored on return)
 * @param f0 - f(x)
 * @param state - derivative state, updated in place
 * @param settings - cycles and tolerances of the strategy
 * @param up - objective change of 1σ (sets the scale of meaningful changes)
 * @param maxStep - largest step per parameter (Infinity = none)
 * @returns false when a component could not be computed (NaN everywhere around x)
 * @example
 * ```ts
 * const s = seedDerivativeState(Float64Array.of(1), 1);
 * const f = (x: Float64Array) => (x[0]! - 1) ** 2;
 * numericalGradient(f, Float64Array.of(3), 4, s, STRATEGY_SETTINGS[1]!, 1, Float64Array.of(Infinity));
 * [s.g[0], s.g2[0]];   // ≈ [4, 2]
 * ```
 */
export function numericalGradient(
  f: (x: Float64Array) => number,
  x: Float64Array,
  f0: number,
  state: DerivativeState,
  settings: StrategySettings,
  up: number,
  maxStep: Float64Array,
): boolean {
  const n = x.length;
  const { g, g2, step } = state;
  // The smallest function change we trust: well above rounding of f.
  const dfmin = 8 * EPS2 * (Math.abs(f0) + up);
  let ok = true;
  for (let i = 0; i < n; i++) {
    const xi = x[i]!;
    const hmin = 8 * EPS2 * (Math.abs(xi) + EPS2);
    let h = clampStep(optimalStep(dfmin, g2[i]!, g[i]!), step[i]!, maxStep[i]!, hmin);
    let done = false;
    // The last cycle's step and estimates, to check a larger step against.
    let hPrev = NaN;
    let gPrev = NaN;
    let g2Prev = NaN;
    for (let cycle = 0; cycle < settings.gradientCycles && !done; cycle++) {
      x[i] = xi + h;
      const fp = f(x);
      x[i] = xi - h;
      const fm = f(x);
      x[i] = xi;
      const okP = Number.isFinite(fp);
      const okM = Number.isFinite(fm);
      if (!okP && !okM) {
        // Nothing to learn from this step: try a much smaller one next cycle.
        step[i] = h;
        h = Math.max(0.1 * h, hmin);
        if (cycle === settings.gradientCycles - 1) ok = false;
        continue;
      }
      const gOld = g[i]!;
      let gNew: number;
      let cNew = g2[i]!;
      if (okP && okM) {
        gNew = (fp - fm) / (2 * h);
        const c = (fp + fm - 2 * f0) / (h * h);
        if (c !== 0) cNew = c;
      } else {
        gNew = okP ? (fp - f0) / h : (f0 - fm) / h;
      }
      // A larger step that contradicts the smaller one beyond rounding straddles a change
      // of curvature (a kink, a wall) the smaller one did not reach: keep the smaller one.
      if (h > hPrev && Math.abs(gNew - gPrev) > settings.gradientTolerance * Math.abs(gPrev) + (2 * dfmin) / hPrev) {
        g[i] = gPrev;
        g2[i] = g2Prev;
        step[i] = hPrev;
        break;
      }
      g2[i] = cNew;
      hPrev = h;
      gPrev = gNew;
      g2Prev = cNew;
      g[i] = gNew;
      step[i] = h;
      const hNext = clampStep(optimalStep(dfmin, g2[i]!, gNew), h, maxStep[i]!, hmin);
      const stepSettled = Math.abs(hNext - h) <= settings.gradientStepTolerance * h;
      const gradSettled = cycle > 0 && Math.abs(gNew - gOld) <= settings.gradientTolerance * (Math.abs(gNew) + dfmin / h);
      done = stepSettled || gradSettled;
      h = hNext;
    }
    if (!Number.isFinite(g[i]!)) ok = false;
  }
  return ok;
}

// Step at which the curvature term ½·g2·h² of the change in f equals dfmin. The
// curvature is floored at the precision of the gradient, EPS2·(1 + |g|) (as MIGRAD's
// "epspri"), so that where f is linear (g2 ≈ 0) the step stays finite instead of growing
// tenfold per cycle until the differences straddle a distant kink of f.
function optimalStep(dfmin: number, g2: number, g: number): number {
  const c = Math.abs(g2) + EPS2 * (1 + Math.abs(g));
  return Number.isFinite(c) ? Math.sqrt((2 * dfmin) / c) : Infinity;
}

// Keep steps from jumping by more than a factor 10 per cycle and within [hmin, hmax].
function clampStep(h: number, previous: number, hmax: number, hmin: number): number {
  let s = h;
  if (s > 10 * previous) s = 10 * previous;
  if (s < 0.1 * previous) s = 0.1 * previous;
  if (s > hmax) s = hmax;
  if (s < hmin) s = hmin;
  return s;
}
