/**
 * MIGRAD's numerical first and second derivatives in internal coordinates, step for step
 * as Minuit2 (F. James & M. Winkler, "MINUIT User's Guide", and the C++ Minuit2 that
 * iminuit wraps): a rough first estimate from the user's parameter errors, then central
 * differences whose steps follow the curvature, cycle by cycle. Gammapy fits with
 * iminuit, so following the same steps puts our fits where Gammapy's stop, not only
 * near the same minimum.
 */
import type { BoundsTransform } from "./bounds-transform.js";
import { BOTH_BOUNDS, LOWER_BOUND, UNBOUNDED, UPPER_BOUND, toExternal, toInternal } from "./bounds-transform.js";
import type { StrategySettings } from "./minimize-options.js";

/**
 * Minuit's machine precision: 8 × the smallest e with 1 + e ≠ 1 found by halving, i.e.
 * 8·2⁻⁵³ = 4·Number.EPSILON (the value the Minuit2 inside iminuit 2.11 computes).
 */
export const MN_EPS = 4 * Number.EPSILON;
/** Minuit's "eps2" = 2·sqrt(eps), the relative precision trusted in a function value. */
export const MN_EPS2 = 2 * Math.sqrt(MN_EPS);

/** First derivative, second derivative and difference step per parameter (Minuit's FunctionGradient). */
export interface Gradient {
  g: Float64Array;
  g2: Float64Array;
  gstep: Float64Array;
}

/** An objective of the internal vector that counts its calls. */
export interface CountingObjective {
  (x: Float64Array): number;
  /** Calls so far. */
  readonly calls: number;
}

/**
 * Allocates a gradient of n parameters (all zero).
 *
 * @param n - number of parameters
 */
export function emptyGradient(n: number): Gradient {
  return { g: new Float64Array(n), g2: new Float64Array(n), gstep: new Float64Array(n) };
}

/**
 * Copies a gradient.
 *
 * @param from - gradient to copy
 */
export function copyGradient(from: Gradient): Gradient {
  return { g: Float64Array.from(from.g), g2: Float64Array.from(from.g2), gstep: Float64Array.from(from.gstep) };
}

/**
 * f at x ± h along parameter i, into out[0] and out[1]; x is restored.
 *
 * @param fcn - objective
 * @param x - point
 * @param i - parameter index
 * @param h - step
 * @param out - receives f(x + h·eᵢ), f(x − h·eᵢ)
 */
export function evaluatePair(fcn: (x: Float64Array) => number, x: Float64Array, i: number, h: number, out: Float64Array): void {
  const xi = x[i]!;
  x[i] = xi + h;
  out[0] = fcn(x);
  x[i] = xi - h;
  out[1] = fcn(x);
  x[i] = xi;
}

/**
 * Whether parameter i has any bound (Minuit caps its derivative steps at 0.5 then: the
 * internal axis of a bounded parameter is periodic or folded).
 */
export function hasLimits(t: BoundsTransform, i: number): boolean {
  return t.kind[i] !== UNBOUNDED;
}

/**
 * The rough gradient Minuit starts from, without evaluating f: a parabola that rises by
 * `up` over the user's error `err` (clipped at the bounds, in internal units).
 *
 * @param t - bounds transform
 * @param x - internal point
 * @param err - external errors (Minuit's parameter "errors", the initial steps)
 * @param up - errordef
 * @returns g = g2·d, g2 = 2·up/d², gstep = d/10 with d the internal size of err
 */
export function initialGradient(t: BoundsTransform, x: Float64Array, err: Float64Array, up: number): Gradient {
  const n = x.length;
  const out = emptyGradient(n);
  for (let i = 0; i < n; i++) {
    const v = x[i]!;
    const werr = err[i]!;
    const ext = toExternal(t, i, v);
    let hi = ext + werr;
    let lo = ext - werr;
    if ((t.kind[i] === UPPER_BOUND || t.kind[i] === BOTH_BOUNDS) && hi > t.upper[i]!) hi = t.upper[i]!;
    if ((t.kind[i] === LOWER_BOUND || t.kind[i] === BOTH_BOUNDS) && lo < t.lower[i]!) lo = t.lower[i]!;
    const vplu = toInternal(t, i, hi) - v;
    const vmin = toInternal(t, i, lo) - v;
    const gsmin = 8 * MN_EPS2 * (Math.abs(v) + MN_EPS2);
    const dirin = Math.max(0.5 * (Math.abs(vplu) + Math.abs(vmin)), gsmin);
    const g2 = (2 * up) / (dirin * dirin);
    let gstep = Math.max(gsmin, 0.1 * dirin);
    if (hasLimits(t, i) && gstep > 0.5) gstep = 0.5;
    out.g[i] = g2 * dirin;
    out.g2[i] = g2;
    out.gstep[i] = gstep;
  }
  return out;
}

/**
 * Minuit's two-point numerical gradient: refines `grad` (the previous gradient, or the
 * initial one) at `x` by central differences, at most `gradientCycles` per parameter,
 * each step sqrt(dfmin/g2) kept within [0.1, 10]× the previous one.
 *
 * @param fcn - objective of the internal vector
 * @param t - bounds transform (steps of bounded parameters stay ≤ 0.5)
 * @param x - point (restored on return)
 * @param fval - f(x)
 * @param grad - previous gradient, updated in place
 * @param settings - strategy settings
 * @param up - errordef
 */
export function numericalGradient(
  fcn: (x: Float64Array) => number,
  t: BoundsTransform,
  x: Float64Array,
  fval: number,
  grad: Gradient,
  settings: StrategySettings,
  up: number,
): void {
  const dfmin = 8 * MN_EPS2 * (Math.abs(fval) + up);
  const vrysml = 8 * MN_EPS * MN_EPS;
  const { g, g2, gstep } = grad;
  const pair = new Float64Array(2);
  for (let i = 0; i < x.length; i++) {
    const epspri = MN_EPS2 + Math.abs(g[i]! * MN_EPS2);
    let stepb4 = 0;
    for (let j = 0; j < settings.gradientCycles; j++) {
      const optstp = Math.sqrt(dfmin / (Math.abs(g2[i]!) + epspri));
      let step = Math.max(optstp, Math.abs(0.1 * gstep[i]!));
      if (hasLimits(t, i) && step > 0.5) step = 0.5;
      const stpmax = 10 * Math.abs(gstep[i]!);
      if (step > stpmax) step = stpmax;
      const stpmin = Math.max(vrysml, 8 * Math.abs(MN_EPS2 * x[i]!));
      if (step < stpmin) step = stpmin;
      if (Math.abs((step - stepb4) / step) < settings.gradientStepTolerance) break;
      gstep[i] = step;
      stepb4 = step;
      evaluatePair(fcn, x, i, step, pair);
      const fs1 = pair[0]!;
      const fs2 = pair[1]!;
      const grdb4 = g[i]!;
      g[i] = (0.5 * (fs1 - fs2)) / step;
      g2[i] = (fs1 + fs2 - 2 * fval) / step / step;
      if (Math.abs(grdb4 - g[i]!) / (Math.abs(g[i]!) + dfmin / step) < settings.gradientTolerance) break;
    }
  }
}

/**
 * Minuit's HESSE refinement of the first derivatives (its HessianGradientCalculator):
 * steps shrink by 5 per cycle from the gradient steps while the derivative still moves.
 *
 * @param fcn - objective of the internal vector
 * @param x - point (restored on return)
 * @param fval - f(x)
 * @param grad - gradient with HESSE's second derivatives; g and gstep are updated in place
 * @param settings - strategy settings
 * @param up - errordef
 */
export function refineGradientForHessian(
  fcn: (x: Float64Array) => number,
  x: Float64Array,
  fval: number,
  grad: Gradient,
  settings: StrategySettings,
  up: number,
): void {
  const { g, g2, gstep } = grad;
  const dfmin = 4 * MN_EPS2 * (Math.abs(fval) + up);
  const pair = new Float64Array(2);
  for (let i = 0; i < x.length; i++) {
    const xtf = x[i]!;
    // Minuit's own expression: no absolute value of x here.
    const dmin = 4 * MN_EPS2 * (xtf + MN_EPS2);
    const epspri = MN_EPS2 + Math.abs(g[i]! * MN_EPS2);
    const optstp = Math.sqrt(dfmin / (Math.abs(g2[i]!) + epspri));
    let d = 0.2 * Math.abs(gstep[i]!);
    if (d > optstp) d = optstp;
    if (d < dmin) d = dmin;
    let chgold = 10000;
    for (let j = 0; j < settings.hessianGradientCycles; j++) {
      evaluatePair(fcn, x, i, d, pair);
      const fs1 = pair[0]!;
      const fs2 = pair[1]!;
      const grdold = g[i]!;
      const grdnew = (fs1 - fs2) / (2 * d);
      const dgmin = (MN_EPS * (Math.abs(fs1) + Math.abs(fs2))) / d;
      if (grdnew === 0) break;
      const change = Math.abs((grdold - grdnew) / grdnew);
      if (change > chgold && j > 1) break;
      chgold = change;
      g[i] = grdnew;
      gstep[i] = d;
      if (change < 0.05) break;
      if (Math.abs(grdold - grdnew) < dgmin) break;
      if (d < dmin) break;
      d *= 0.2;
    }
  }
}
