/**
 * Zenithal (azimuthal) projections TAN, SIN, ARC, ZEA and STG: kernels between the
 * projection plane (x, y) and native spherical coordinates (phi, theta), all in degrees.
 * Calabretta & Greisen (2002), A&A 395, 1077 ("Paper II"), Sect. 5.1: x = R sin(phi),
 * y = -R cos(phi) (eqs. 12-13), phi = arg(-y, x), R = sqrt(x^2 + y^2) (eqs. 14-15), with
 * the radius R(theta) of each projection. The fiducial point is the native pole.
 *
 * Kernels read all of one point before writing it, so outputs may alias inputs. A point
 * outside the projection's domain gives NaN, as wcslib (astropy) reports it.
 */

const D2R = Math.PI / 180;
const R2D = 180 / Math.PI;
// Tolerance of wcslib's bounds checks (prjbchk): values this close to a limit are clamped.
const TOL = 1e-13;

/** Codes of the zenithal projections implemented here. */
export type ZenithalCode = "TAN" | "SIN" | "ARC" | "ZEA" | "STG";

/**
 * Native latitude [deg] of a point at radius `r` [deg] in the plane, per projection
 * (Paper II Sect. 5.1.3 TAN: theta = atan(180 / (pi R)); 5.1.4 STG: theta = 90 - 2 atan(pi R / 360);
 * 5.1.5 SIN: theta = acos(pi R / 180); 5.1.6 ARC: theta = 90 - R; 5.1.8 ZEA:
 * theta = 90 - 2 asin(pi R / 360)). NaN outside the projection's disc.
 */
function thetaOfR(code: ZenithalCode, r: number): number {
  switch (code) {
    case "TAN":
      return Math.atan2(R2D, r) * R2D;
    case "SIN": {
      let t = r * D2R;
      if (t > 1) {
        if (t > 1 + TOL) return NaN;
        t = 1;
      }
      return Math.acos(t) * R2D;
    }
    case "ARC":
      return 90 - r;
    case "ZEA": {
      let s = (r * D2R) / 2;
      if (s > 1) {
        if (s > 1 + TOL) return NaN;
        s = 1;
      }
      return 90 - 2 * Math.asin(s) * R2D;
    }
    case "STG":
      return 90 - 2 * Math.atan((r * D2R) / 2) * R2D;
  }
}

/**
 * Plane radius R(theta) [deg] per projection (Paper II Sect. 5.1.3 TAN: (180/pi) cot(theta);
 * 5.1.4 STG: (360/pi) tan((90 - theta)/2); 5.1.5 SIN: (180/pi) cos(theta); 5.1.6 ARC:
 * 90 - theta; 5.1.8 ZEA: (360/pi) sin((90 - theta)/2)). NaN where the projection has no
 * image: TAN for theta <= 0, SIN for theta < 0 (the far hemisphere), STG at theta = -90.
 */
function rOfTheta(code: ZenithalCode, theta: number): number {
  switch (code) {
    case "TAN": {
      const s = Math.sin(theta * D2R);
      if (!(s > 0)) return NaN;
      return (R2D * Math.cos(theta * D2R)) / s;
    }
    case "SIN":
      if (theta < 0) return NaN;
      return R2D * Math.cos(theta * D2R);
    case "ARC":
      return 90 - theta;
    case "ZEA":
      return 2 * R2D * Math.sin(((90 - theta) * D2R) / 2);
    case "STG":
      if (theta <= -90) return NaN;
      return 2 * R2D * Math.tan(((90 - theta) * D2R) / 2);
  }
}

/**
 * Plane -> native kernel of a zenithal projection.
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
 * zenithalPlaneToNative("TAN", 1, Float64Array.of(0), Float64Array.of(-1), phi, theta); // phi 0, theta 89.0000...
 * ```
 */
export function zenithalPlaneToNative(
  code: ZenithalCode,
  n: number,
  x: Float64Array,
  y: Float64Array,
  phi: Float64Array,
  theta: Float64Array,
): void {
  for (let i = 0; i < n; i++) {
    const xi = x[i];
    const yi = y[i];
    const r = Math.sqrt(xi * xi + yi * yi);
    // At the native pole the azimuth is undefined; wcslib sets it to 0.
    phi[i] = r === 0 ? 0 : Math.atan2(xi, -yi) * R2D;
    theta[i] = Number.isFinite(r) ? thetaOfR(code, r) : NaN;
  }
}

/**
 * Native -> plane kernel of a zenithal projection.
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
 * zenithalNativeToPlane("ARC", 1, Float64Array.of(90), Float64Array.of(80), x, y); // x 10, y ~0
 * ```
 */
export function zenithalNativeToPlane(
  code: ZenithalCode,
  n: number,
  phi: Float64Array,
  theta: Float64Array,
  x: Float64Array,
  y: Float64Array,
): void {
  for (let i = 0; i < n; i++) {
    const p = phi[i] * D2R;
    const r = rOfTheta(code, theta[i]);
    x[i] = r * Math.sin(p);
    y[i] = -r * Math.cos(p);
  }
}
