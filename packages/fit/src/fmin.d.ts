// Types for the parts of fmin 0.0.4 we use (the package ships none).
declare module "fmin" {
  /** A point of the simplex; fmin attaches the objective value as `fx`. */
  export type FminPoint = number[] & { fx: number; id?: number };

  /** Options of {@link nelderMead}. */
  export interface NelderMeadParameters {
    maxIterations?: number;
    nonZeroDelta?: number;
    zeroDelta?: number;
    minErrorDelta?: number;
    minTolerance?: number;
    rho?: number;
    chi?: number;
    psi?: number;
    sigma?: number;
  }

  /** Downhill simplex minimisation. */
  export function nelderMead(
    f: (x: number[]) => number,
    x0: number[],
    parameters?: NelderMeadParameters,
  ): { fx: number; x: FminPoint };
}
