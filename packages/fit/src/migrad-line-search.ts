/**
 * MIGRAD's line search (Minuit2's MnLineSearch, after MINUIT's MNLINE): the first trial
 * is the full Newton step λ = 1, then parabolas through the last three points, with
 * limits on how far each trial may go. Reproducing its trials one by one is what makes
 * our fits stop where iminuit's do.
 */
import { MN_EPS, MN_EPS2 } from "./migrad-gradient.js";

/** Step length and function value of the best trial (Minuit's MnParabolaPoint). */
export interface LineSearchPoint {
  /** Step length λ (x + λ·step). */
  x: number;
  /** f(x + λ·step). */
  y: number;
}

const MAX_ITERATIONS = 12;
const TOLERANCE = 0.05;
const FIRST_MAX_STEP = 5;
const GROWTH = 2;

/**
 * Searches along `step` from `x` for the minimum of f.
 *
 * @param fcn - objective of the internal vector
 * @param x - start point (unchanged)
 * @param f0 - f(x)
 * @param step - direction; its length is the expected distance to the minimum
 * @param gdel - directional derivative stepᵀg at x
 * @param trial - scratch vector of x's length
 * @returns the best λ found (0 when nothing was lower) and f there
 */
export function mnLineSearch(
  fcn: (x: Float64Array) => number,
  x: Float64Array,
  f0: number,
  step: Float64Array,
  gdel: number,
  trial: Float64Array,
): LineSearchPoint {
  const n = x.length;
  const at = (lambda: number): number => {
    for (let i = 0; i < n; i++) trial[i] = x[i]! + lambda * step[i]!;
    return fcn(trial);
  };
  let overal = 1000;
  let undral = -100;
  let slamin = 0;
  for (let i = 0; i < n; i++) {
    if (step[i] === 0) continue;
    const ratio = Math.abs(x[i]! / step[i]!);
    if (slamin === 0) slamin = ratio;
    if (ratio < slamin) slamin = ratio;
  }
  if (Math.abs(slamin) < MN_EPS) slamin = MN_EPS;
  slamin *= MN_EPS2;

  let niter = 1;
  const f1 = at(1);
  niter++;
  let fvmin = f0;
  let xvmin = 0;
  if (f1 < f0) {
    fvmin = f1;
    xvmin = 1;
  }
  let toler8 = TOLERANCE;
  let slamax = FIRST_MAX_STEP;
  let flast = f1;
  let slam = 1;
  let p0x = 0;
  let p0y = f0;
  let p1x = slam;
  let p1y = flast;
  let f2 = 0;

  // Parabola through f0, the slope at 0 and the last trial, until a trial is lower.
  let iterate: boolean;
  do {
    iterate = false;
    const denom = (2 * (flast - f0 - gdel * slam)) / (slam * slam);
    if (denom !== 0) slam = -gdel / denom;
    else slam = 1;
    if (slam < 0) slam = slamax;
    if (slam > slamax) slam = slamax;
    if (slam < toler8) slam = toler8;
    if (slam < slamin) return { x: xvmin, y: fvmin };
    if (Math.abs(slam - 1) < toler8 && p1y < p0y) return { x: xvmin, y: fvmin };
    if (Math.abs(slam - 1) < toler8) slam = 1 + toler8;
    f2 = at(slam);
    niter++;
    if (f2 < fvmin) {
      fvmin = f2;
      xvmin = slam;
    }
    if (Math.abs(p0y - fvmin) < Math.abs(fvmin) * MN_EPS) {
      iterate = true;
      flast = f2;
      toler8 = TOLERANCE * slam;
      overal = slam - toler8;
      slamax = overal;
      p1x = slam;
      p1y = flast;
    }
  } while (iterate && niter < MAX_ITERATIONS);
  if (niter >= MAX_ITERATIONS) return { x: xvmin, y: fvmin };

  let p2x = slam;
  let p2y = f2;
  // Parabolas through the three best points.
  do {
    slamax = Math.max(slamax, GROWTH * Math.abs(xvmin));
    const { a, b } = parabola(p0x, p0y, p1x, p1y, p2x, p2y);
    if (a < MN_EPS2) {
      const slopem = 2 * a * xvmin + b;
      slam = slopem < 0 ? xvmin + slamax : xvmin - slamax;
    } else {
      slam = -b / (2 * a);
      if (slam > xvmin + slamax) slam = xvmin + slamax;
      if (slam < xvmin - slamax) slam = xvmin - slamax;
    }
    if (slam > 0) {
      if (slam > overal) slam = overal;
    } else if (slam < undral) {
      slam = undral;
    }
    let f3 = 0;
    do {
      iterate = false;
      const toler9 = Math.max(toler8, Math.abs(toler8 * slam));
      if (Math.abs(p0x - slam) < toler9 || Math.abs(p1x - slam) < toler9 || Math.abs(p2x - slam) < toler9) {
        return { x: xvmin, y: fvmin };
      }
      f3 = at(slam);
      if (f3 > p0y && f3 > p1y && f3 > p2y) {
        // Worse than all three: halve back towards the best point.
        if (slam > xvmin) overal = Math.min(overal, slam - toler8);
        if (slam < xvmin) undral = Math.max(undral, slam + toler8);
        slam = 0.5 * (slam + xvmin);
        iterate = true;
        niter++;
      }
    } while (iterate && niter < MAX_ITERATIONS);
    if (niter >= MAX_ITERATIONS) return { x: xvmin, y: fvmin };

    // Replace the worst of the three points.
    if (p0y > p1y && p0y > p2y) {
      p0x = slam;
      p0y = f3;
    } else if (p1y > p0y && p1y > p2y) {
      p1x = slam;
      p1y = f3;
    } else {
      p2x = slam;
      p2y = f3;
    }
    if (f3 < fvmin) {
      fvmin = f3;
      xvmin = slam;
    } else {
      if (slam > xvmin) overal = Math.min(overal, slam - toler8);
      if (slam < xvmin) undral = Math.max(undral, slam + toler8);
    }
    niter++;
  } while (niter < MAX_ITERATIONS);
  return { x: xvmin, y: fvmin };
}

// Coefficients a, b of y = a·x² + b·x + c through three points, computed about their
// mean as Minuit does (the rounding matters for reproducing its trials).
function parabola(x1: number, y1: number, x2: number, y2: number, x3: number, y3: number): { a: number; b: number } {
  const dx12 = x1 - x2;
  const dx13 = x1 - x3;
  const dx23 = x2 - x3;
  const xm = (x1 + x2 + x3) / 3;
  const u1 = x1 - xm;
  const u2 = x2 - xm;
  const u3 = x3 - xm;
  const a = y1 / (dx12 * dx13) - y2 / (dx12 * dx23) + y3 / (dx13 * dx23);
  let b = (-y1 * (u2 + u3)) / (dx12 * dx13) + (y2 * (u1 + u3)) / (dx12 * dx23) - (y3 * (u1 + u2)) / (dx13 * dx23);
  b -= 2 * xm * a;
  return { a, b };
}
