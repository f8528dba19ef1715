/**
 * MIGRAD as Minuit2 runs it (the minimiser behind iminuit and so behind Gammapy's
 * default fit): seed from the user's errors, numerical gradient, Newton steps with the
 * variable metric V ≈ H⁻¹ and a parabolic line search, Davidon's rank-two/rank-one update
 * of V, convergence when EDM = ½·gᵀVg (× (1 + 3·dcovar) while V settles) drops below
 * 0.002·tol·up, then — strategy 1 when V moved by more than 5 % lately, strategy 2
 * always — a HESSE to check it, going on if the EDM with the true Hessian is too large.
 *
 * Gammapy's fits stop wherever MIGRAD's tolerance lets them; quantities such as the sum
 * of a residual map are sensitive to exactly where. Taking the same steps (algorithm,
 * constants, order of evaluations) puts our fits on the same point as Gammapy's rather
 * than merely within its tolerance. Algorithm after F. James, MINUIT Reference Manual
 * (CERN D506) and the Minuit2 design (M. Winkler, F. James, L. Moneta).
 */
import { type BoundsTransform, externalDerivative, externalVector, makeBoundsTransform, startInternal } from "./bounds-transform.js";
import { InternalObjective } from "./internal-objective.js";
import { type Gradient, MN_EPS, MN_EPS2, copyGradient, initialGradient, numericalGradient } from "./migrad-gradient.js";
import { type ErrorMatrix, estimateEdm, mnHesse, mnPosDef } from "./migrad-hesse.js";
import { mnLineSearch } from "./migrad-line-search.js";
import {
  type MinimizeOptions,
  type Objective,
  STRATEGY_SETTINGS,
  type Strategy,
  resolveMinimizeOptions,
} from "./minimize-options.js";
import { type MinimizeResult, type MinimizeStatus, minimizeMessage, parametersAtBound } from "./minimize-result.js";
import { dot, matVec } from "./symmetric-matrix.js";

/** Minuit's MinimumState: point, value, gradient, metric and EDM. */
interface State {
  x: Float64Array;
  fval: number;
  grad: Gradient;
  error: ErrorMatrix;
  edm: number;
}

/** Context shared by the stages of one minimisation. */
interface Run {
  n: number;
  t: BoundsTransform;
  fi: InternalObjective;
  fcn: (x: Float64Array) => number;
  up: number;
  /** Current strategy (MIGRAD's retries use 2). */
  strategy: Strategy;
  edmval: number;
  scratch: Float64Array;
}

/** How an inner iteration ended (Minuit's FunctionMinimum flags). */
type InnerEnd = "ok" | "call-limit" | "above-max-edm" | "nan-edm" | "not-pos-def";

/**
 * Minimises `f` with MIGRAD.
 *
 * @param f - objective; its argument is a reused buffer (copy it to keep it)
 * @param x0 - start values [x units]
 * @param options - bounds, initial steps (Minuit's parameter errors), tol, strategy, up, maxfev
 * @throws FitInputError on bad input (no parameters, NaN start, lower > upper, ...)
 * @example
 * ```ts
 * const rosen = (x: Float64Array) => 100 * (x[1]! - x[0]! ** 2) ** 2 + (1 - x[0]!) ** 2;
 * const r = migrad(rosen, [-1.2, 1]);
 * [r.success, r.x];   // [true, ≈ [1, 1]]
 * ```
 */
export function migrad(f: Objective, x0: ArrayLike<number>, options: MinimizeOptions = {}): MinimizeResult {
  const opts = resolveMinimizeOptions(x0, options);
  const { n, up } = opts;
  const t = makeBoundsTransform(n, opts.lower, opts.upper);
  const fi = new InternalObjective(f, t);
  const run: Run = {
    n,
    t,
    fi,
    fcn: (v) => fi.evaluate(v),
    up,
    strategy: opts.strategy,
    // As ModularFunctionMinimizer and VariableMetricBuilder: tol·up, at least eps2, × 0.002.
    edmval: 0.002 * Math.max(opts.tol * up, MN_EPS2),
    scratch: new Float64Array(n),
  };
  const x = new Float64Array(n);
  for (let i = 0; i < n; i++) x[i] = startInternal(t, i, x0[i]!, opts.step[i]!);

  const fval = run.fcn(x);
  if (!Number.isFinite(fval)) {
    const state: State = { x, fval, grad: initialGradient(t, x, opts.step, up), error: nanError(n), edm: NaN };
    return finish(run, state, "nan-objective", `The objective is ${fval} at the start point.`, 0);
  }
  let state = seed(run, x, fval, opts.step);
  let niter = 0;
  let status: MinimizeStatus = "converged";
  let detail = "";

  // Minuit runs MIGRAD once more with strategy 2 when the first result is invalid (iminuit's
  // "iterate"), here at most 4 more times as iminuit's default.
  for (let attempt = 0; attempt < 5; attempt++) {
    run.strategy = attempt === 0 ? opts.strategy : 2;
    const r = builder(run, state, opts.maxfev);
    state = r.state;
    niter += r.niter;
    status = r.status;
    detail = r.detail;
    if (status === "converged" || status === "call-limit" || status === "nan-objective") break;
    if (fi.nfev >= opts.maxfev) break;
    state = { ...state, error: { ...state.error, dcovar: 0 } };
  }
  return finish(run, state, status, detail, niter);
}

function nanError(n: number): ErrorMatrix {
  return { v: new Float64Array(n * n).fill(NaN), dcovar: 1, status: "hesse-failed" };
}

// MnSeedGenerator: gradient from the initial guess, diagonal V = 1/g2, the negative-G2
// line search where the curvature points down, and HESSE first with strategy 2.
function seed(run: Run, x: Float64Array, fval: number, err: Float64Array): State {
  const { t, up } = run;
  const settings = STRATEGY_SETTINGS[run.strategy]!;
  const grad = initialGradient(t, x, err, up);
  numericalGradient(run.fcn, t, x, fval, grad, settings, up);
  const error: ErrorMatrix = { v: diagonalMetric(grad.g2), dcovar: 1, status: "approximate" };
  let state: State = { x, fval, grad, error, edm: estimateEdm(grad.g, error.v) };
  if (grad.g2.some((c) => c <= 0)) state = negativeG2LineSearch(run, state);
  if (run.strategy === 2) state = hesseState(run, state, settings, 0);
  return state;
}

function diagonalMetric(g2: Float64Array): Float64Array {
  const n = g2.length;
  const v = new Float64Array(n * n);
  for (let i = 0; i < n; i++) v[i * n + i] = Math.abs(g2[i]!) > MN_EPS2 ? 1 / g2[i]! : 1;
  return v;
}

// NegativeG2LineSearch: along each parameter with curvature ≤ 0, a line search of one
// gradient step downhill, then a new gradient; repeated while any curvature is ≤ 0.
function negativeG2LineSearch(run: Run, start: State): State {
  const { n, t, up } = run;
  const settings = STRATEGY_SETTINGS[run.strategy]!;
  let x = Float64Array.from(start.x);
  let fval = start.fval;
  const grad = copyGradient(start.grad);
  const step = new Float64Array(n);
  let iter = 0;
  let iterate: boolean;
  do {
    iterate = false;
    for (let i = 0; i < n; i++) {
      if (!(grad.g2[i]! <= 0)) continue;
      if (Math.abs(grad.g[i]!) < MN_EPS && Math.abs(grad.g2[i]!) < MN_EPS) continue;
      step.fill(0);
      step[i] = grad.g[i]! < 0 ? grad.gstep[i]! : -grad.gstep[i]!;
      const gdel = step[i]! * grad.g[i]!;
      const pp = mnLineSearch(run.fcn, x, fval, step, gdel, run.scratch);
      const moved = new Float64Array(n);
      for (let k = 0; k < n; k++) moved[k] = x[k]! + pp.x * step[k]!;
      x = moved;
      fval = pp.y;
      numericalGradient(run.fcn, t, x, fval, grad, settings, up);
      iterate = true;
      break;
    }
  } while (iter++ < 2 * n && iterate);
  const error: ErrorMatrix = { v: diagonalMetric(grad.g2), dcovar: 1, status: "approximate" };
  return { x, fval, grad, error, edm: estimateEdm(grad.g, error.v) };
}

function hesseState(run: Run, state: State, settings: (typeof STRATEGY_SETTINGS)[number], maxcalls: number): State {
  const x = Float64Array.from(state.x);
  const h = mnHesse(run.fcn, () => run.fi.nfev, run.t, x, state.grad, settings, run.strategy, run.up, maxcalls);
  return { x: state.x, fval: state.fval, grad: h.grad, error: h.error, edm: h.edm };
}

interface BuilderResult {
  state: State;
  status: MinimizeStatus;
  detail: string;
  niter: number;
}

// VariableMetricBuilder::Minimum (outer): iterate, verify with HESSE (strategy 2, or 1
// when V is not yet trustworthy), and iterate again when the true EDM is too large.
function builder(run: Run, start: State, maxfcn: number): BuilderResult {
  const { strategy } = run;
  const settings = STRATEGY_SETTINGS[strategy]!;
  const { edmval } = run;
  let state = start;
  let niter = 0;
  if (!(state.edm >= 0)) {
    return { state, status: "no-descent", detail: "The initial metric is not positive definite.", niter };
  }
  let maxfcnEff = maxfcn;
  let ipass = 0;
  let iterate: boolean;
  let edm = state.edm;
  let end: InnerEnd = "ok";
  do {
    iterate = false;
    const inner = iterateMetric(run, state, maxfcnEff, edmval);
    state = inner.state;
    niter += inner.niter;
    end = inner.end;
    if (end === "call-limit") {
      return { state, status: "call-limit", detail: "", niter };
    }
    if (ipass > 0 && end !== "ok") break;
    edm = state.edm;
    if (strategy >= 2 || (strategy === 1 && state.error.dcovar > 0.05)) {
      const checked = hesseState(run, state, settings, maxfcn);
      state = checked;
      const st = checked.error.status;
      if (st === "hesse-failed" || st === "invert-failed") {
        return { state, status: "line-search-failed", detail: "HESSE failed while checking the minimum.", niter };
      }
      edm = checked.edm;
      if (edm > edmval && edm >= Math.abs(MN_EPS2 * state.fval)) iterate = true;
    }
    if (ipass === 0) maxfcnEff = Math.trunc(maxfcn * 1.3);
    ipass++;
  } while (iterate);

  if (end === "nan-edm") return { state, status: "nan-objective", detail: "The EDM became NaN.", niter };
  if (state.error.status === "call-limit") return { state, status: "call-limit", detail: "", niter };
  if (edm > 10 * edmval || end === "above-max-edm") {
    return { state, status: "line-search-failed", detail: "Estimated distance to minimum too large.", niter };
  }
  if (end === "not-pos-def") {
    return { state, status: "no-descent", detail: "The metric is not positive definite.", niter };
  }
  return { state, status: "converged", detail: "", niter };
}

// VariableMetricBuilder::Minimum (inner): Newton step -V·g, line search, new gradient,
// EDM with the old metric, Davidon update; until EDM·(1 + 3·dcovar) ≤ edmval.
function iterateMetric(run: Run, start: State, maxfcn: number, edmval: number): { state: State; end: InnerEnd; niter: number } {
  const { n, t, up, fi } = run;
  const settings = STRATEGY_SETTINGS[run.strategy]!;
  let s0 = start;
  let edm = s0.edm * (1 + 3 * s0.error.dcovar);
  const step = new Float64Array(n);
  let niter = 0;
  do {
    newtonStep(s0, step);
    let gg = 0;
    for (let i = 0; i < n; i++) gg += s0.grad.g[i]! * s0.grad.g[i]!;
    if (gg <= 0) break;
    let gdel = dot(step, s0.grad.g, n);
    if (gdel > 0) {
      const fixed = mnPosDef(s0.error.v, n);
      s0 = { ...s0, error: { v: fixed.matrix, dcovar: fixed.madePosDef ? 1 : s0.error.dcovar, status: fixed.madePosDef ? "made-pos-def" : s0.error.status } };
      newtonStep(s0, step);
      gdel = dot(step, s0.grad.g, n);
      if (gdel > 0) return { state: s0, end: "not-pos-def", niter };
    }
    const pp = mnLineSearch(run.fcn, s0.x, s0.fval, step, gdel, run.scratch);
    if (Math.abs(pp.y - s0.fval) <= Math.abs(s0.fval) * MN_EPS) break;
    const x = new Float64Array(n);
    for (let i = 0; i < n; i++) x[i] = s0.x[i]! + pp.x * step[i]!;
    const grad = copyGradient(s0.grad);
    numericalGradient(run.fcn, t, x, pp.y, grad, settings, up);
    niter++;
    edm = estimateEdm(grad.g, s0.error.v);
    if (Number.isNaN(edm)) return { state: s0, end: "nan-edm", niter };
    if (edm < 0) {
      const fixed = mnPosDef(s0.error.v, n);
      s0 = { ...s0, error: { v: fixed.matrix, dcovar: fixed.madePosDef ? 1 : s0.error.dcovar, status: fixed.madePosDef ? "made-pos-def" : s0.error.status } };
      edm = estimateEdm(grad.g, s0.error.v);
      if (edm < 0) return { state: s0, end: "not-pos-def", niter };
    }
    const error = davidonUpdate(s0, x, grad);
    s0 = { x, fval: pp.y, grad, error, edm };
    edm *= 1 + 3 * error.dcovar;
  } while (edm > edmval && fi.nfev < maxfcn);

  if (fi.nfev >= maxfcn) return { state: s0, end: "call-limit", niter };
  if (edm > edmval) {
    if (edm < 10 * edmval) return { state: s0, end: "ok", niter };
    if (edm < Math.abs(MN_EPS2 * s0.fval)) return { state: s0, end: "ok", niter };
    return { state: s0, end: "above-max-edm", niter };
  }
  return { state: s0, end: "ok", niter };
}

function newtonStep(s: State, out: Float64Array): void {
  matVec(s.error.v, s.grad.g, out.length, out);
  for (let i = 0; i < out.length; i++) out[i] = -out[i]!;
}

// Davidon's update of V (rank two; rank one when δᵀγ > γᵀVγ) and the running measure of
// how much V still changes, dcovar = ½(dcovar + Σ|ΔV| / Σ|V|) over the upper triangle.
function davidonUpdate(s0: State, x1: Float64Array, g1: Gradient): ErrorMatrix {
  const n = x1.length;
  const v0 = s0.error.v;
  const dx = new Float64Array(n);
  const dg = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    dx[i] = x1[i]! - s0.x[i]!;
    dg[i] = g1.g[i]! - s0.grad.g[i]!;
  }
  const delgam = dot(dx, dg, n);
  const vg = matVec(v0, dg, n, new Float64Array(n));
  const gvg = dot(dg, vg, n);
  if (delgam === 0 || gvg <= 0) return s0.error;
  const upd = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) upd[i * n + j] = (dx[i]! * dx[j]!) / delgam - (vg[i]! * vg[j]!) / gvg;
  }
  if (delgam > gvg) {
    const u = new Float64Array(n);
    for (let i = 0; i < n; i++) u[i] = dx[i]! / delgam - vg[i]! / gvg;
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) upd[i * n + j] = upd[i * n + j]! + gvg * u[i]! * u[j]!;
  }
  let sumUpd = 0;
  let sumNew = 0;
  const v = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      v[i * n + j] = v0[i * n + j]! + upd[i * n + j]!;
      if (j >= i) {
        sumUpd += Math.abs(upd[i * n + j]!);
        sumNew += Math.abs(v[i * n + j]!);
      }
    }
  }
  return { v, dcovar: 0.5 * (s0.error.dcovar + sumUpd / sumNew), status: "approximate" };
}

// The external result as iminuit reports it: values, covariance 2·up·J·V·J (J the
// Jacobian of the bounds transform), errors from its diagonal.
function finish(run: Run, state: State, status: MinimizeStatus, detail: string, niter: number): MinimizeResult {
  const { n, t, up, fi } = run;
  const xe = externalVector(t, state.x, new Float64Array(n));
  const jac = new Float64Array(n);
  for (let i = 0; i < n; i++) jac[i] = externalDerivative(t, i, state.x[i]!);
  const covariance = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) covariance[i * n + j] = 2 * up * jac[i]! * state.error.v[i * n + j]! * jac[j]!;
  }
  const errors = new Float64Array(n);
  for (let i = 0; i < n; i++) errors[i] = Math.sqrt(covariance[i * n + i]!);
  const atBound = parametersAtBound(xe, errors, t.lower, t.upper);
  let text = detail;
  if (fi.nonFinite > 0 && status === "converged") {
    text = `${text} The objective returned NaN or infinity ${fi.nonFinite} times on the way.`.trim();
  }
  // Gammapy's success is iminuit's "accurate": a valid minimum whose metric is trusted.
  const accurate = state.error.dcovar < 0.1 && state.error.status !== "made-pos-def";
  const finalStatus: MinimizeStatus = status === "converged" && !accurate ? "inaccurate-covariance" : status;
  if (finalStatus === "inaccurate-covariance") {
    text = `${text} The covariance matrix is not accurate${state.error.status === "made-pos-def" ? " (it was made positive definite)" : ""}.`.trim();
  }
  return {
    x: xe,
    fval: state.fval,
    success: finalStatus === "converged",
    status: finalStatus,
    message: minimizeMessage(finalStatus, text, atBound),
    nfev: fi.nfev,
    niter,
    edm: state.edm,
    edmMax: run.edmval,
    errors,
    atBound,
    method: "variable-metric",
    covariance,
    covarianceStatus: state.error.status,
    derivatives: { step: Float64Array.from(state.grad.gstep), g2: Float64Array.from(state.grad.g2) },
  };
}
