/**
 * Numerical Hessian at a minimum, in the manner of MINUIT's HESSE (James 1994): each
 * diagonal step is iterated until the function rises by a target "sagitta" well above
 * rounding; the off-diagonal terms then use the symmetric second difference
 * H_ij = [f(+i,+j) + f(−i,−j) − f(±i) − f(±j) + 2 f₀] / (2 h_i h_j), which reuses the
 * diagonal evaluations and costs two more per pair (Abramowitz & Stegun 25.3.27).
 */
import { EPS2, type DerivativeState } from "./numerical-derivatives.js";
import type { StrategySettings } from "./minimize-options.js";

/** Outcome of {@link numericalHessian}. */
export interface HessianEstimate {
  /** False when a value was NaN or a second difference could not be formed. */
  ok: boolean;
  /** Why not ok, "" otherwise. */
  message: string;
  /** Indices whose diagonal second derivative came out ≤ 0 (not a minimum along them). */
  nonPositive: number[];
}

/**
 * Fills `out` (row-major n×n) with the Hessian of f at `x`. The second derivatives and
 * steps in `state` seed the step search; the diagonal result is written back to
 * `state.g2` (the gradient and its steps are left alone, they belong to the minimiser).
 *
 * With `seeded` (HESSE right after MIGRAD, from its last gradient), each diagonal search
 * starts, as Minuit's, at the gradient's step and stops as soon as the new step would
 * differ from it by less than the step tolerance or the curvature agrees with the
 * gradient's within the curvature tolerance. Where the objective has kinks (a point
 * source spread over pixels with bilinear weights), the curvature depends on the step,
 * and this is what makes the errors Minuit's.
 *
 * Cost: about 2n·cycles evaluations for the diagonal plus n(n−1) for the off-diagonal.
 *
 * @param f - objective of the internal vector
 * @param x - point (restored on return)
 * @param f0 - f(x)
 * @param state - derivative state, updated
 * @param settings - cycles and tolerance of the strategy
 * @param up - objective change of 1σ
 * @param maxStep - largest step per parameter (Infinity = none)
 * @param out - row-major n×n result
 * @param seeded - `state` holds the minimiser's last gradient steps and curvatures (default false)
 * @example
 * ```ts
 * const f = (x: Float64Array) => x[0]! ** 2 + x[0]! * x[1]! + 2 * x[1]! ** 2;
 * const h = new Float64Array(4);
 * numericalHessian(f, Float64Array.of(0, 0), 0, seedDerivativeState(Float64Array.of(1, 1), 1),
 *   STRATEGY_SETTINGS[1]!, 1, Float64Array.of(Infinity, Infinity), h);
 * h;   // ≈ [2, 1, 1, 4]
 * ```
 */
export function numericalHessian(
  f: (x: Float64Array) => number,
  x: Float64Array,
  f0: number,
  state: DerivativeState,
  settings: StrategySettings,
  up: number,
  maxStep: Float64Array,
  out: Float64Array,
  seeded = false,
): HessianEstimate {
  const n = x.length;
  const { g2, step: seedStep } = state;
  const step = new Float64Array(n);
  // f at x ± step along each axis, for the off-diagonal formula.
  const fPlus = new Float64Array(n);
  const fMinus = new Float64Array(n);
  // Target rise of f over one step: large against rounding of f, small against the
  // scale on which a likelihood stops being parabolic (≈ up).
  const sagittaAim = Math.sqrt(EPS2) * (Math.abs(f0) + up);
  const nonPositive: number[] = [];
  for (let i = 0; i < n; i++) {
    const xi = x[i]!;
    const hmin = 8 * EPS2 * (Math.abs(xi) + EPS2);
    const fromGradient = seeded && seedStep[i]! > 0 && Number.isFinite(seedStep[i]!);
    let h = fromGradient ? seedStep[i]! : Math.abs(g2[i]!) > 0 ? Math.sqrt((2 * sagittaAim) / Math.abs(g2[i]!)) : seedStep[i]!;
    h = Math.min(Math.max(h, hmin), maxStep[i]!);
    // Minuit compares the first curvature with the gradient's (g2bfor).
    let d2 = fromGradient && Number.isFinite(g2[i]!) && g2[i]! !== 0 ? g2[i]! : NaN;
    let hUsed = h;
    for (let cycle = 0; cycle < settings.hessianCycles; cycle++) {
      x[i] = xi + h;
      const fp = f(x);
      x[i] = xi - h;
      const fm = f(x);
      x[i] = xi;
      if (!Number.isFinite(fp) || !Number.isFinite(fm)) {
        return { ok: false, message: `objective is not finite next to the minimum (parameter ${i})`, nonPositive };
      }
      const sagitta = 0.5 * (fp + fm - 2 * f0);
      hUsed = h;
      fPlus[i] = fp;
      fMinus[i] = fm;
      if (fromGradient ? sagitta <= EPS2 : sagitta === 0) {
        // Flat at this resolution: look further out.
        if (h >= maxStep[i]!) break;
        h = Math.min(10 * h, maxStep[i]!);
        continue;
      }
      const d2New = (2 * sagitta) / (h * h);
      const settled = Math.abs(d2New - d2) <= settings.hessianTolerance * Math.abs(d2New);
      d2 = d2New;
      if (fromGradient) {
        // Minuit's order: the step test, then the curvature test.
        const hAim = Math.min(Math.max(Math.sqrt((2 * sagittaAim) / Math.abs(d2)), hmin), maxStep[i]!);
        if (Math.abs(hAim - h) < settings.gradientStepTolerance * hAim) break;
      }
      if (settled) break;
      let hNew = Math.sqrt((2 * sagittaAim) / Math.abs(d2));
      hNew = Math.min(Math.max(hNew, 0.1 * h, hmin), 10 * h, maxStep[i]!);
      if (hNew === h) break;
      h = hNew;
    }
    if (!Number.isFinite(d2)) {
      return { ok: false, message: `no curvature along parameter ${i} (flat objective)`, nonPositive };
    }
    if (d2 <= 0) nonPositive.push(i);
    out[i * n + i] = d2;
    g2[i] = d2;
    step[i] = hUsed;
  }
  for (let i = 0; i < n; i++) {
    const xi = x[i]!;
    const hi = step[i]!;
    for (let j = i + 1; j < n; j++) {
      const xj = x[j]!;
      const hj = step[j]!;
      x[i] = xi + hi;
      x[j] = xj + hj;
      const fpp = f(x);
      x[i] = xi - hi;
      x[j] = xj - hj;
      const fmm = f(x);
      x[i] = xi;
      x[j] = xj;
      const hij = (fpp + fmm - fPlus[i]! - fMinus[i]! - fPlus[j]! - fMinus[j]! + 2 * f0) / (2 * hi * hj);
      if (!Number.isFinite(hij)) {
        return { ok: false, message: `objective is not finite next to the minimum (parameters ${i}, ${j})`, nonPositive };
      }
      out[i * n + j] = hij;
      out[j * n + i] = hij;
    }
  }
  return { ok: true, message: "", nonPositive };
}
