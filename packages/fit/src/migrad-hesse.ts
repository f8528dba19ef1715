/**
 * Minuit2's HESSE in internal coordinates (MnHesse): the diagonal second derivatives by
 * central differences whose steps aim at a fixed sagitta, first derivatives refined
 * (strategy ≥ 1), off-diagonal terms by one extra evaluation per pair, a diagonal shift
 * when the matrix is not positive definite (MnPosDef), then the inverse. MIGRAD calls
 * it to verify convergence; `hesse` calls it for a covariance.
 */
import { EigenvalueDecomposition, Matrix } from "ml-matrix";
import type { BoundsTransform } from "./bounds-transform.js";
import {
  type Gradient,
  MN_EPS,
  MN_EPS2,
  copyGradient,
  evaluatePair,
  hasLimits,
  refineGradientForHessian,
} from "./migrad-gradient.js";
import type { StrategySettings } from "./minimize-options.js";
import { dot, invertPositiveDefinite, matVec } from "./symmetric-matrix.js";

/** How an error matrix came about (Minuit's MinimumError status). */
export type ErrorMatrixStatus = "accurate" | "approximate" | "made-pos-def" | "hesse-failed" | "invert-failed" | "call-limit";

/** Minuit's MinimumError: the inverse Hessian V (row-major n×n) and its quality. */
export interface ErrorMatrix {
  /** Inverse of the Hessian of f (internal coordinates); covariance = 2·up·V. */
  v: Float64Array;
  /** Relative change of V in the last updates (0 = from HESSE, 1 = a guess). */
  dcovar: number;
  status: ErrorMatrixStatus;
}

/** What {@link mnHesse} returns: the gradient it refined, V and the EDM with it. */
export interface HesseState {
  grad: Gradient;
  error: ErrorMatrix;
  edm: number;
  /** The Hessian of f as measured (row-major, before any positive-definite fix). */
  hessian: Float64Array;
  /** A human-readable reason when status is not "accurate". */
  message: string;
}

/**
 * EDM = ½·gᵀVg (Minuit's VariableMetricEDMEstimator).
 *
 * @param g - gradient
 * @param v - row-major inverse Hessian
 */
export function estimateEdm(g: Float64Array, v: Float64Array): number {
  const n = g.length;
  return 0.5 * dot(g, matVec(v, g, n, new Float64Array(n)), n);
}

/**
 * Minuit's MnPosDef on a symmetric row-major matrix (used both on inverse Hessians and
 * on Hessians): non-positive diagonals get a common shift, then, if the correlation form's
 * smallest eigenvalue is below 1e-6 of the largest, every diagonal grows by the same
 * relative amount.
 *
 * @param m - the matrix (not modified)
 * @param n - dimension
 * @returns the fixed copy; `madePosDef` as Minuit flags it (the eigenvalue shift), and
 *   `shifted` when the common diagonal shift alone was needed (Minuit does not flag that)
 */
export function mnPosDef(m: Float64Array, n: number): { matrix: Float64Array; madePosDef: boolean; shifted: boolean } {
  const err = Float64Array.from(m);
  if (n === 1) {
    if (err[0]! < MN_EPS) {
      err[0] = 1;
      return { matrix: err, madePosDef: true, shifted: false };
    }
    return { matrix: err, madePosDef: false, shifted: false };
  }
  const epspdf = Math.max(1e-6, MN_EPS2);
  let dgmin = err[0]!;
  for (let i = 0; i < n; i++) if (err[i * n + i]! < dgmin) dgmin = err[i * n + i]!;
  const dg = dgmin <= 0 ? 0.5 + epspdf - dgmin : 0;
  const s = new Float64Array(n);
  const p = new Matrix(n, n);
  for (let i = 0; i < n; i++) {
    err[i * n + i] = err[i * n + i]! + dg;
    if (err[i * n + i]! < 0) err[i * n + i] = 1;
    s[i] = 1 / Math.sqrt(err[i * n + i]!);
    for (let j = 0; j <= i; j++) {
      const c = err[i * n + j]! * s[i]! * s[j]!;
      p.set(i, j, c);
      p.set(j, i, c);
    }
  }
  const evals = new EigenvalueDecomposition(p, { assumeSymmetric: true }).realEigenvalues;
  let pmin = Infinity;
  let pmax = -Infinity;
  for (const e of evals) {
    if (e < pmin) pmin = e;
    if (e > pmax) pmax = e;
  }
  pmax = Math.max(Math.abs(pmax), 1);
  if (pmin > epspdf * pmax) return { matrix: err, madePosDef: false, shifted: dg > 0 };
  const padd = 0.001 * pmax - pmin;
  for (let i = 0; i < n; i++) err[i * n + i] = err[i * n + i]! * (1 + padd);
  return { matrix: err, madePosDef: true, shifted: dg > 0 };
}

/** A diagonal V from second derivatives, Minuit's fallback when HESSE fails. */
function diagonalFallback(g2: Float64Array): Float64Array {
  const n = g2.length;
  const v = new Float64Array(n * n);
  for (let j = 0; j < n; j++) {
    const tmp = g2[j]! < MN_EPS2 ? 1 : 1 / g2[j]!;
    v[j * n + j] = tmp < MN_EPS2 ? 1 : tmp;
  }
  return v;
}

/**
 * Minuit's numerical HESSE at internal point x.
 *
 * @param fcn - counting objective of the internal vector
 * @param calls - current number of calls of fcn (for the call limit)
 * @param t - bounds transform
 * @param x - point (restored on return)
 * @param grad - the last gradient at x (steps and curvatures seed the search); not modified
 * @param settings - strategy settings
 * @param strategy - 0, 1 or 2 (≥ 1 refines the first derivatives)
 * @param up - errordef
 * @param maxcalls - call limit (0 = Minuit's default 200 + 100 n + 5 n²)
 */
export function mnHesse(
  fcn: (x: Float64Array) => number,
  calls: () => number,
  t: BoundsTransform,
  x: Float64Array,
  grad: Gradient,
  settings: StrategySettings,
  strategy: number,
  up: number,
  maxcalls: number,
): HesseState {
  const n = x.length;
  const amin = fcn(x);
  const aimsag = Math.sqrt(MN_EPS2) * (Math.abs(amin) + up);
  const limit = maxcalls > 0 ? maxcalls : 200 + 100 * n + 5 * n * n;
  const out = copyGradient(grad);
  const { g, g2, gstep } = out;
  const dirin = Float64Array.from(grad.gstep);
  const yy = new Float64Array(n);
  const h = new Float64Array(n * n);
  const pair = new Float64Array(2);

  const failed = (status: ErrorMatrixStatus, message: string): HesseState => ({
    grad: copyGradient(grad),
    error: { v: diagonalFallback(g2), dcovar: 1, status },
    edm: NaN,
    hessian: h,
    message,
  });

  for (let i = 0; i < n; i++) {
    const xtf = x[i]!;
    const dmin = 8 * MN_EPS2 * (Math.abs(xtf) + MN_EPS2);
    let d = Math.abs(gstep[i]!);
    if (d < dmin) d = dmin;
    for (let icyc = 0; icyc < settings.hessianCycles; icyc++) {
      let sag = 0;
      let fs1 = 0;
      let fs2 = 0;
      let found = false;
      for (let multpy = 0; multpy < 5; multpy++) {
        evaluatePair(fcn, x, i, d, pair);
        fs1 = pair[0]!;
        fs2 = pair[1]!;
        sag = 0.5 * (fs1 + fs2 - 2 * amin);
        if (sag !== 0) {
          found = true;
          break;
        }
        if (hasLimits(t, i)) {
          if (d > 0.5) break;
          d *= 10;
          if (d > 0.5) d = 0.51;
          continue;
        }
        d *= 10;
      }
      if (!found) return failed("hesse-failed", `second derivative zero for parameter x[${i}]`);
      const g2bfor = g2[i]!;
      g2[i] = (2 * sag) / (d * d);
      g[i] = (fs1 - fs2) / (2 * d);
      gstep[i] = d;
      dirin[i] = d;
      yy[i] = fs1;
      const dlast = d;
      d = Math.sqrt((2 * aimsag) / Math.abs(g2[i]!));
      if (hasLimits(t, i)) d = Math.min(0.5, d);
      if (d < dmin) d = dmin;
      if (Math.abs((d - dlast) / d) < settings.hessianStepTolerance) break;
      if (Math.abs((g2[i]! - g2bfor) / g2[i]!) < settings.hessianTolerance) break;
      d = Math.min(d, 10 * dlast);
      d = Math.max(d, 0.1 * dlast);
    }
    h[i * n + i] = g2[i]!;
    if (calls() > limit) return failed("call-limit", "call limit reached in HESSE");
  }

  if (strategy > 0) refineGradientForHessian(fcn, x, amin, out, settings, up);

  for (let i = 0; i < n; i++) {
    x[i] = x[i]! + dirin[i]!;
    for (let j = i + 1; j < n; j++) {
      x[j] = x[j]! + dirin[j]!;
      const fs1 = fcn(x);
      const elem = (fs1 + amin - yy[i]! - yy[j]!) / (dirin[i]! * dirin[j]!);
      h[i * n + j] = elem;
      h[j * n + i] = elem;
      x[j] = x[j]! - dirin[j]!;
    }
    x[i] = x[i]! - dirin[i]!;
  }

  const fixed = mnPosDef(h, n);
  const v = invertPositiveDefinite(fixed.matrix, n);
  if (v === undefined) return { ...failed("invert-failed", "the Hessian could not be inverted"), grad: out };
  // Minuit counts only the eigenvalue shift as "made positive definite"; a Hessian with a
  // non-positive diagonal (a saddle, a maximum) is reported here too, though dcovar stays
  // Minuit's so that MIGRAD's path is unchanged.
  const made = fixed.madePosDef || fixed.shifted;
  const error: ErrorMatrix = { v, dcovar: fixed.madePosDef ? 1 : 0, status: made ? "made-pos-def" : "accurate" };
  const down: number[] = [];
  for (let i = 0; i < n; i++) if (!(h[i * n + i]! > 0)) down.push(i);
  const where = down.length > 0 ? ` (no curvature upwards along parameter ${down.join(", ")})` : "";
  return {
    grad: out,
    error,
    edm: estimateEdm(g, v),
    hessian: h,
    message: made ? `the Hessian was not positive definite${where} and was made so` : "",
  };
}
