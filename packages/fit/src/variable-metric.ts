/**
 * MIGRAD-like quasi-Newton minimiser: BFGS updates of the inverse Hessian, numerical
 * gradients with curvature-adapted steps, convergence on the estimated distance to
 * minimum (EDM), bounds by internal transforms. Algorithm after Fletcher (Comput. J. 13
 * (1970) 317) and the MIGRAD description of James & Roos (CPC 10 (1975) 343).
 */
import {
  externalDerivative,
  externalVector,
  internalStep,
  makeBoundsTransform,
  maxInternalSteps,
  toInternal,
} from "./bounds-transform.js";
import { internalHessianInverse } from "./covariance.js";
import { InternalObjective } from "./internal-objective.js";
import { lineSearch } from "./line-search.js";
import {
  type MinimizeOptions,
  type Objective,
  STRATEGY_SETTINGS,
  resolveMinimizeOptions,
} from "./minimize-options.js";
import {
  type MinimizeResult,
  type MinimizeStatus,
  minimizeMessage,
  parametersAtBound,
} from "./minimize-result.js";
import { EPS2, numericalGradient, seedDerivativeState } from "./numerical-derivatives.js";
import { bfgsInverseUpdate, dot, matVec } from "./symmetric-matrix.js";

// Relative change of the metric in recent updates above which strategy 1 does not trust
// it at convergence and computes the Hessian (Minuit uses the same 5 % rule).
const METRIC_CHANGE_LIMIT = 0.05;

/**
 * Minimises `f` with the variable-metric method.
 *
 * Convergence: EDM = ½·gᵀVg < 0.002·tol·up, V the inverse Hessian. With strategy 1 the
 * Hessian is computed numerically at convergence when the BFGS metric is still changing
 * (and always with strategy 2, also at the start); the minimisation goes on if the EDM
 * with the true Hessian is too large.
 *
 * Expected numerical outcomes (call limit, NaN objective, no further progress) come back
 * in `status`/`success`/`message`; the function does not throw for them.
 *
 * @param f - objective; its argument is a reused buffer (copy it to keep it)
 * @param x0 - start values [x units]
 * @param options - bounds, initial steps, tol, strategy, up, maxfev
 * @throws FitInputError on bad input (no parameters, NaN start, lower > upper, ...)
 * @example
 * ```ts
 * const rosen = (x: Float64Array) => 100 * (x[1]! - x[0]! ** 2) ** 2 + (1 - x[0]!) ** 2;
 * const r = minimizeVariableMetric(rosen, [-1.2, 1]);
 * [r.success, r.x];   // [true, ≈ [1, 1]]
 * ```
 */
export function minimizeVariableMetric(f: Objective, x0: ArrayLike<number>, options: MinimizeOptions = {}): MinimizeResult {
  const opts = resolveMinimizeOptions(x0, options);
  const { n, up, strategy } = opts;
  const settings = STRATEGY_SETTINGS[strategy]!;
  const t = makeBoundsTransform(n, opts.lower, opts.upper);
  const fi = new InternalObjective(f, t);
  const evaluate = (v: Float64Array): number => fi.evaluate(v);
  const maxStep = maxInternalSteps(t);
  const edmMax = 0.002 * opts.tol * up;

  const x = new Float64Array(n);
  const err = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    x[i] = toInternal(t, i, x0[i]!);
    err[i] = internalStep(t, i, x0[i]!, opts.step[i]!);
  }
  const state = seedDerivativeState(err, up);
  const seedG2 = Float64Array.from(state.g2);
  const g = state.g;
  const v = new Float64Array(n * n);
  const p = new Float64Array(n);
  const xNew = new Float64Array(n);
  const trial = new Float64Array(n);
  const gOld = new Float64Array(n);
  const s = new Float64Array(n);
  const y = new Float64Array(n);
  const work = new Float64Array(n);

  let fx = evaluate(x);
  let edm = NaN;
  let niter = 0;
  let detail = "";

  const finish = (status: MinimizeStatus): MinimizeResult => {
    const xe = externalVector(t, x, new Float64Array(n));
    const errors = new Float64Array(n);
    for (let i = 0; i < n; i++) errors[i] = Math.abs(externalDerivative(t, i, x[i]!)) * Math.sqrt(2 * up * v[i * n + i]!);
    const atBound = parametersAtBound(xe, errors, t.lower, t.upper);
    return {
      x: xe,
      fval: fx,
      success: status === "converged",
      status,
      message: minimizeMessage(status, detail, atBound),
      nfev: fi.nfev,
      niter,
      edm,
      edmMax,
      errors,
      atBound,
      method: "variable-metric",
      derivatives: { step: Float64Array.from(state.step), g2: Float64Array.from(state.g2) },
    };
  };

  if (!Number.isFinite(fx)) {
    detail = `The objective is ${fx} at the start point.`;
    v.fill(NaN);
    return finish("nan-objective");
  }
  if (!numericalGradient(evaluate, x, fx, state, settings, up, maxStep)) {
    detail = "The gradient is not finite at the start point (the objective returns NaN nearby).";
    v.fill(NaN);
    return finish("nan-objective");
  }

  // Diagonal metric from the curvature seen by the gradient, or the user's steps where
  // that curvature is negative or too small to be told from rounding (|g2| <= EPS2, as
  // MIGRAD's seed): where f is linear, 1/g2 would send the first step to infinity.
  let metricIsFresh = true;
  let hessianAtX = false;
  let metricChange = 1;
  const resetMetric = (): void => {
    v.fill(0);
    for (let i = 0; i < n; i++) {
      const c = state.g2[i]!;
      v[i * n + i] = 1 / (c > EPS2 && Number.isFinite(c) ? c : seedG2[i]!);
    }
    metricIsFresh = true;
    metricChange = 1;
    edm = 0.5 * dot(g, matVec(v, g, n, work), n);
  };
  const useHessian = (): boolean => {
    hessianAtX = true;
    // As Minuit's HESSE inside MIGRAD: the search starts from the last gradient's steps.
    const inv = internalHessianInverse(evaluate, x, fx, state, settings, up, maxStep, true);
    if (!inv.ok || inv.inverse === undefined) return false;
    v.set(inv.inverse);
    metricIsFresh = true;
    metricChange = inv.madePositiveDefinite ? 1 : 0;
    edm = 0.5 * dot(g, matVec(v, g, n, work), n);
    return true;
  };

  // Where the curvature along a parameter is negative (e.g. a start on a bound, where
  // the transform folds the objective) the EDM means nothing: walk downhill along those
  // parameters first (the idea of Minuit's negative-G2 line search).
  let escapes = 0;
  const escapeNegativeCurvature = (): boolean => {
    let moved = false;
    for (let round = 0; round < 3 && fi.nfev < opts.maxfev; round++) {
      let any = false;
      for (let i = 0; i < n; i++) {
        if (state.g2[i]! > 0) continue;
        any = true;
        p.fill(0);
        p[i] = (g[i]! > 0 ? -1 : 1) * err[i]!;
        const ls = lineSearch(evaluate, x, fx, p, g[i]! * p[i]!, xNew, trial, opts.maxfev - fi.nfev);
        if (!ls.ok) continue;
        x.set(xNew);
        fx = ls.f;
        moved = true;
        if (!numericalGradient(evaluate, x, fx, state, settings, up, maxStep)) return moved;
      }
      if (!any) break;
    }
    return moved;
  };

  escapeNegativeCurvature();
  resetMetric();
  if (strategy === 2) useHessian();

  let status: MinimizeStatus;
  for (;;) {
    if (fi.nfev >= opts.maxfev) {
      status = edm < edmMax ? "converged" : "call-limit";
      break;
    }
    if (edm < edmMax) {
      if (escapes < 3 && state.g2.some((c) => !(c > 0))) {
        escapes++;
        if (escapeNegativeCurvature()) {
          resetMetric();
          hessianAtX = false;
          continue;
        }
      }
      const check = !hessianAtX && (strategy === 2 || (strategy === 1 && metricChange > METRIC_CHANGE_LIMIT));
      if (!check) {
        status = "converged";
        break;
      }
      if (!useHessian() || edm < edmMax) {
        status = "converged";
        break;
      }
      continue;
    }

    matVec(v, g, n, p);
    for (let i = 0; i < n; i++) p[i] = -p[i]!;
    let slope = dot(g, p, n);
    if (!(slope < 0)) {
      resetMetric();
      matVec(v, g, n, p);
      for (let i = 0; i < n; i++) p[i] = -p[i]!;
      slope = dot(g, p, n);
      if (!(slope < 0)) {
        detail = "No descent direction.";
        status = "no-descent";
        break;
      }
    }

    const ls = lineSearch(evaluate, x, fx, p, slope, xNew, trial, opts.maxfev - fi.nfev);
    if (!ls.ok) {
      // First retry with a fresh diagonal metric, then with the true Hessian; if even
      // that finds no lower point, the minimum is as good as the objective's precision.
      if (!metricIsFresh) {
        resetMetric();
        continue;
      }
      if (!hessianAtX && useHessian()) continue;
      if (edm < Math.max(edmMax, EPS2 * (Math.abs(fx) + up))) {
        detail = "Machine accuracy limits further improvement.";
        status = "converged";
      } else {
        detail = "The line search found no lower point.";
        status = "line-search-failed";
      }
      break;
    }

    for (let i = 0; i < n; i++) {
      s[i] = xNew[i]! - x[i]!;
      gOld[i] = g[i]!;
    }
    x.set(xNew);
    fx = ls.f;
    niter++;
    if (!numericalGradient(evaluate, x, fx, state, settings, up, maxStep)) {
      detail = "The gradient is not finite (the objective returns NaN near the current point).";
      status = "nan-objective";
      break;
    }
    for (let i = 0; i < n; i++) y[i] = g[i]! - gOld[i]!;
    // As MIGRAD: the EDM of the new gradient with the metric that chose the step, inflated
    // by (1 + 3·relative metric change) while the metric is still settling — a step
    // taken with a metric that was off does not count as converged.
    const edmOld = 0.5 * dot(g, matVec(v, g, n, work), n);
    const change = bfgsInverseUpdate(v, s, y, n, work);
    if (change >= 0) metricChange = 0.5 * (metricChange + change);
    metricIsFresh = false;
    hessianAtX = false;
    // A metric that lost positive definiteness is replaced by a fresh diagonal one.
    if (!(0.5 * dot(g, matVec(v, g, n, work), n) >= 0)) resetMetric();
    else edm = edmOld * (1 + 3 * metricChange);
  }
  if (fi.nonFinite > 0 && status === "converged") {
    detail = `${detail} The objective returned NaN or infinity ${fi.nonFinite} times on the way.`.trim();
  }
  return finish(status);
}
