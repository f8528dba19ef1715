/**
 * The all-sky equal-area projections AIT (Hammer-Aitoff) and MOL (Mollweide): kernels
 * between the projection plane (x, y) and native spherical coordinates (phi, theta), in
 * degrees, after Calabretta & Greisen (2002), A&A 395, 1077 ("Paper II"), Sect. 5.3.
 * The fiducial point is (0, 0). Points outside the projection's ellipse give NaN.
 */

const D2R = Math.PI / 180;
const R2D = 180 / Math.PI;
const TOL = 1e-13;
const SQRT2 = Math.SQRT2;

/** Codes of the projections implemented here. */
export type AllSkyCode = "AIT" | "MOL";

/**
 * Mollweide's auxiliary angle gamma [rad] solving gamma + sin(2 gamma) / 2 = (pi/2) sin(theta)
 * (Paper II Sect. 5.3.3) by Newton's method. Near the poles the root is triple-like
 * (f ~ eps^3 with eps = pi/2 - |gamma|), so the start there comes from that expansion.
 */
function mollweideGamma(theta: number): number {
  const st = Math.sin(theta * D2R);
  const target = Math.PI * st;
  const sign = st < 0 ? -1 : 1;
  const a = Math.abs(st);
  if (a >= 1) return (sign * Math.PI) / 2;
  // Start: the polar expansion 2 gamma + sin(2 gamma) ~ pi - (4/3) eps^3, else theta itself.
  let g = a > 0.9 ? sign * (Math.PI / 2 - Math.cbrt((3 * Math.PI * (1 - a)) / 4)) : theta * D2R;
  for (let k = 0; k < 100; k++) {
    const f = 2 * g + Math.sin(2 * g) - target;
    const d = 2 + 2 * Math.cos(2 * g);
    if (d === 0) break;
    const step = f / d;
    g -= step;
    if (Math.abs(step) < 1e-16) break;
  }
  return g;
}

/**
 * Plane -> native kernel. AIT: Z^2 = 1 - (pi x / 720)^2 - (pi y / 360)^2,
 * phi = 2 arg(2 Z^2 - 1, pi Z x / 360), theta = asin(pi y Z / 180), valid for Z^2 >= 1/2
 * (Paper II Sect. 5.3.4). MOL: gamma = asin(pi y / (180 sqrt 2)),
 * phi = pi x / (2 sqrt 2 cos gamma), theta = asin((2 gamma + sin 2 gamma) / pi) (Sect. 5.3.3).
 *
 * @param code - projection code
 * @param n - number of points
 * @param x - plane x [deg]
 * @param y - plane y [deg]
 * @param phi - output native longitude [deg] (may alias x)
 * @param theta - output native latitude [deg] (may alias y)
 * @example
 * ```ts
 * const phi = new Float64Array(1), theta = new Float64Array(1);
 * allSkyPlaneToNative("AIT", 1, Float64Array.of(0), Float64Array.of(0), phi, theta); // 0, 0
 * ```
 */
export function allSkyPlaneToNative(
  code: AllSkyCode,
  n: number,
  x: Float64Array,
  y: Float64Array,
  phi: Float64Array,
  theta: Float64Array,
): void {
  for (let i = 0; i < n; i++) {
    const xi = x[i];
    const yi = y[i];
    if (code === "AIT") {
      const u = (Math.PI * xi) / 720;
      const v = (Math.PI * yi) / 360;
      let z2 = 1 - u * u - v * v;
      if (!(z2 >= 0.5)) {
        if (!(z2 >= 0.5 - TOL)) {
          phi[i] = NaN;
          theta[i] = NaN;
          continue;
        }
        z2 = 0.5;
      }
      const z = Math.sqrt(z2);
      phi[i] = 2 * Math.atan2((Math.PI * z * xi) / 360, 2 * z2 - 1) * R2D;
      let s = (Math.PI * yi * z) / 180;
      if (Math.abs(s) > 1) s = Math.sign(s);
      theta[i] = Math.asin(s) * R2D;
    } else {
      let s = (yi * D2R) / SQRT2;
      if (Math.abs(s) > 1) {
        if (Math.abs(s) > 1 + TOL) {
          phi[i] = NaN;
          theta[i] = NaN;
          continue;
        }
        s = Math.sign(s);
      }
      const g = Math.asin(s);
      const c = Math.cos(g);
      // At the poles only x = 0 has an image; wcslib then gives phi = 0.
      const p = Math.abs(s) === 1 ? (Math.abs(xi) < TOL ? 0 : NaN) : (Math.PI * xi) / (2 * SQRT2 * c);
      let t = (2 * g + Math.sin(2 * g)) / Math.PI;
      if (Math.abs(t) > 1) t = Math.abs(t) > 1 + TOL ? NaN : Math.sign(t);
      phi[i] = p;
      theta[i] = Math.asin(t) * R2D;
    }
  }
}

/**
 * Native -> plane kernel. AIT: gamma = (180/pi) sqrt(2 / (1 + cos(theta) cos(phi/2))),
 * x = 2 gamma cos(theta) sin(phi/2), y = gamma sin(theta) (Paper II Sect. 5.3.4). MOL:
 * x = (2 sqrt 2 / pi) phi cos(gamma), y = sqrt 2 (180/pi) sin(gamma) (Sect. 5.3.3).
 *
 * @param code - projection code
 * @param n - number of points
 * @param phi - native longitude [deg]
 * @param theta - native latitude [deg]
 * @param x - output plane x [deg] (may alias phi)
 * @param y - output plane y [deg] (may alias theta)
 * @example
 * ```ts
 * const x = new Float64Array(1), y = new Float64Array(1);
 * allSkyNativeToPlane("MOL", 1, Float64Array.of(0), Float64Array.of(90), x, y); // x 0, y 81.0284...
 * ```
 */
export function allSkyNativeToPlane(
  code: AllSkyCode,
  n: number,
  phi: Float64Array,
  theta: Float64Array,
  x: Float64Array,
  y: Float64Array,
): void {
  for (let i = 0; i < n; i++) {
    const p = phi[i];
    const t = theta[i];
    if (code === "AIT") {
      const ct = Math.cos(t * D2R);
      const half = (p * D2R) / 2;
      const g = R2D * Math.sqrt(2 / (1 + ct * Math.cos(half)));
      x[i] = 2 * g * ct * Math.sin(half);
      y[i] = g * Math.sin(t * D2R);
    } else {
      const g = Number.isFinite(t) ? mollweideGamma(t) : NaN;
      x[i] = ((2 * SQRT2) / Math.PI) * p * Math.cos(g);
      y[i] = SQRT2 * R2D * Math.sin(g);
    }
  }
}
