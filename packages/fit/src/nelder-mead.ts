/**
 * Nelder–Mead simplex backend (Nelder & Mead, Comput. J. 7 (1965) 308) through the `fmin`
 * package, on internal (unbounded) coordinates, with restarts until a fresh simplex no
 * longer improves the minimum.
 */
import * as fminModule from "fmin";
import type { NelderMeadParameters } from "fmin";
import { externalVector, internalStep, makeBoundsTransform, toInternal } from "./bounds-transform.js";
import { InternalObjective } from "./internal-objective.js";
import { type MinimizeOptions, type Objective, resolveMinimizeOptions } from "./minimize-options.js";
import { type MinimizeResult, type MinimizeStatus, minimizeMessage, parametersAtBound } from "./minimize-result.js";

type NelderMead = typeof fminModule.nelderMead;

// fmin 0.0.4 is a UMD bundle inside a "type": "module" package: under Node's ESM loader
// it exports nothing and installs itself as globalThis.fmin instead.
function loadNelderMead(): NelderMead {
  const direct = (fminModule as { nelderMead?: NelderMead }).nelderMead;
  if (typeof direct === "function") return direct;
  const global = (globalThis as { fmin?: { nelderMead?: NelderMead } }).fmin;
  if (global?.nelderMead === undefined) throw new Error("fmin did not load: nelderMead is not available");
  return global.nelderMead;
}

const MAX_RESTARTS = 20;

/**
 * Minimises `f` with the Nelder–Mead simplex. The simplex lives in units of the initial
 * steps around the current best point, so `step` sets its size; each restart builds a
 * new simplex around the best point, and the search stops when a restart improves the
 * objective by less than 0.002·tol·up (the variable-metric EDM threshold).
 *
 * Slower and less precise than {@link minimizeVariableMetric}, but needs no derivatives:
 * a fallback for rough objectives. `edm` and `errors` are NaN.
 *
 * @param f - objective; its argument is a reused buffer (copy it to keep it)
 * @param x0 - start values [x units]
 * @param options - bounds, initial steps, tol, up, maxfev (strategy is ignored)
 * @throws FitInputError on bad input
 * @example
 * ```ts
 * const r = minimizeNelderMead((x) => (x[0]! - 1) ** 2 + (x[1]! + 2) ** 2, [0, 0]);
 * r.x;   // ≈ [1, -2]
 * ```
 */
export function minimizeNelderMead(f: Objective, x0: ArrayLike<number>, options: MinimizeOptions = {}): MinimizeResult {
  const opts = resolveMinimizeOptions(x0, options, 4);
  const n = opts.n;
  const t = makeBoundsTransform(n, opts.lower, opts.upper);
  const fi = new InternalObjective(f, t);
  const ftol = 0.002 * opts.tol * opts.up;
  const nelderMead = loadNelderMead();

  const center = new Float64Array(n);
  const scale = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    center[i] = toInternal(t, i, x0[i]!);
    scale[i] = internalStep(t, i, x0[i]!, opts.step[i]!);
  }
  const xi = new Float64Array(n);
  // fmin passes plain arrays u; the internal point is center + u·scale.
  const fu = (u: number[]): number => {
    for (let i = 0; i < n; i++) xi[i] = center[i]! + u[i]! * scale[i]!;
    const value = fi.evaluate(xi);
    // fmin compares values with < and sorts by differences: NaN would scramble it.
    return Number.isNaN(value) ? Infinity : value;
  };

  let best = fi.evaluate(center);
  let status: MinimizeStatus = "call-limit";
  let detail = "";
  let restarts = 0;
  if (!Number.isFinite(best)) {
    status = "nan-objective";
    detail = `The objective is ${best} at the start point.`;
  } else {
    for (; restarts < MAX_RESTARTS; restarts++) {
      const remaining = opts.maxfev - fi.nfev;
      if (remaining <= n + 2) break;
      const parameters: NelderMeadParameters = {
        // Without shrink steps an iteration costs at most two evaluations.
        maxIterations: Math.max(1, Math.floor((remaining - n - 1) / 2)),
        zeroDelta: 1,
        minErrorDelta: ftol * 0.1,
        // fmin 0.0.4's shrink step assigns to an undeclared variable and throws in strict
        // mode; sigma >= 1 makes it stop instead, and the restart rebuilds the simplex.
        sigma: 1,
      };
      const r = nelderMead(fu, new Array<number>(n).fill(0), parameters);
      const improvement = best - r.fx;
      if (r.fx < best) {
        for (let i = 0; i < n; i++) {
          const moved = r.x[i]! * scale[i]!;
          center[i] = center[i]! + moved;
          // Next simplex: about the distance just travelled, but not collapsing.
          scale[i] = Math.max(Math.abs(moved), 0.1 * scale[i]!);
        }
        best = r.fx;
      } else {
        for (let i = 0; i < n; i++) scale[i] = 0.5 * scale[i]!;
      }
      if (improvement < ftol) {
        status = "converged";
        restarts++;
        break;
      }
    }
  }
  const x = externalVector(t, center, new Float64Array(n));
  const errors = new Float64Array(n).fill(NaN);
  const atBound = parametersAtBound(x, errors, t.lower, t.upper);
  return {
    x,
    fval: best,
    success: status === "converged",
    status,
    message: minimizeMessage(status, detail, atBound),
    nfev: fi.nfev,
    niter: restarts,
    edm: NaN,
    edmMax: ftol,
    errors,
    atBound,
    method: "nelder-mead",
  };
}
