/**
 * Cylindrical projections CAR, CEA and MER and the pseudocylindrical SFL: kernels
 * between the projection plane (x, y) and native spherical coordinates (phi, theta), in
 * degrees, after Calabretta & Greisen (2002), A&A 395, 1077 ("Paper II"), Sect. 5.2-5.3.
 * The fiducial point is (phi, theta) = (0, 0). Outputs may alias inputs.
 */

const D2R = Math.PI / 180;
const R2D = 180 / Math.PI;
const TOL = 1e-13;

/** Codes of the projections implemented here. */
export type CylindricalCode = "CAR" | "CEA" | "MER" | "SFL";

/**
 * Plane -> native kernel. CAR: phi = x, theta = y (Paper II Sect. 5.2.3); CEA:
 * theta = asin(lambda pi y / 180) (Sect. 5.2.2, lambda = PV2_1); MER:
 * theta = 2 atan(exp(pi y / 180)) - 90 (Sect. 5.2.4); SFL: phi = x / cos(theta),
 * theta = y (Sect. 5.3.1). Points without a native image give NaN.
 *
 * @param code - projection code
 * @param n - number of points
 * @param x - plane x [deg]
 * @param y - plane y [deg]
 * @param phi - output native longitude [deg]
 * @param theta - output native latitude [deg]
 * @param lambda - CEA's PV2_1 (ignored by the others)
 * @example
 * ```ts
 * const phi = new Float64Array(1), theta = new Float64Array(1);
 * cylindricalPlaneToNative("CEA", 1, Float64Array.of(10), Float64Array.of(0), phi, theta, 1); // phi 10, theta 0
 * ```
 */
export function cylindricalPlaneToNative(
  code: CylindricalCode,
  n: number,
  x: Float64Array,
  y: Float64Array,
  phi: Float64Array,
  theta: Float64Array,
  lambda = 1,
): void {
  for (let i = 0; i < n; i++) {
    const xi = x[i];
    const yi = y[i];
    if (code === "CAR") {
      phi[i] = xi;
      theta[i] = yi;
    } else if (code === "CEA") {
      let s = lambda * yi * D2R;
      if (Math.abs(s) > 1) s = Math.abs(s) > 1 + TOL ? NaN : Math.sign(s);
      phi[i] = xi;
      theta[i] = Math.asin(s) * R2D;
    } else if (code === "MER") {
      phi[i] = xi;
      theta[i] = 2 * Math.atan(Math.exp(yi * D2R)) * R2D - 90;
    } else {
      const c = Math.cos(yi * D2R);
      // At the poles only x = 0 maps back; wcslib returns phi = 0 there.
      phi[i] = c === 0 ? (xi === 0 ? 0 : NaN) : xi / c;
      theta[i] = yi;
    }
  }
}

/**
 * Native -> plane kernel (inverse of {@link cylindricalPlaneToNative}). MER has no image
 * of the poles (NaN there).
 *
 * @param code - projection code
 * @param n - number of points
 * @param phi - native longitude [deg]
 * @param theta - native latitude [deg]
 * @param x - output plane x [deg]
 * @param y - output plane y [deg]
 * @param lambda - CEA's PV2_1 (ignored by the others)
 * @example
 * ```ts
 * const x = new Float64Array(1), y = new Float64Array(1);
 * cylindricalNativeToPlane("CAR", 1, Float64Array.of(-3), Float64Array.of(2), x, y); // x -3, y 2
 * ```
 */
export function cylindricalNativeToPlane(
  code: CylindricalCode,
  n: number,
  phi: Float64Array,
  theta: Float64Array,
  x: Float64Array,
  y: Float64Array,
  lambda = 1,
): void {
  for (let i = 0; i < n; i++) {
    const p = phi[i];
    const t = theta[i];
    if (code === "CAR") {
      x[i] = p;
      y[i] = t;
    } else if (code === "CEA") {
      x[i] = p;
      y[i] = (R2D * Math.sin(t * D2R)) / lambda;
    } else if (code === "MER") {
      x[i] = p;
      y[i] = Math.abs(t) >= 90 ? NaN : R2D * Math.log(Math.tan(((90 + t) * D2R) / 2));
    } else {
      x[i] = p * Math.cos(t * D2R);
      y[i] = t;
    }
  }
}
