/**
 * Pixel solid angles of a WCS image computed as Gammapy 1.0's `WcsGeom.solid_angle`: each
 * pixel is split along a diagonal into two planar triangles whose sides are the angular
 * separations of the pixel corners and whose enclosed angles are differences of the
 * corners' position angles; the area is the sum of the two (1/2 a b sin C each).
 */

const D2R = Math.PI / 180;

// Vincenty's formula on the sphere (as astropy's `separation`), radians in and out.
function separation(l1: number, b1: number, l2: number, b2: number): number {
  const dl = l2 - l1;
  const sdl = Math.sin(dl);
  const cdl = Math.cos(dl);
  const sb1 = Math.sin(b1);
  const cb1 = Math.cos(b1);
  const sb2 = Math.sin(b2);
  const cb2 = Math.cos(b2);
  const n1 = cb2 * sdl;
  const n2 = cb1 * sb2 - sb1 * cb2 * cdl;
  return Math.atan2(Math.sqrt(n1 * n1 + n2 * n2), sb1 * sb2 + cb1 * cb2 * cdl);
}

// Position angle of direction 2 seen from direction 1, east of north (astropy's `position_angle`).
function positionAngle(l1: number, b1: number, l2: number, b2: number): number {
  const dl = l2 - l1;
  const cb2 = Math.cos(b2);
  return Math.atan2(Math.sin(dl) * cb2, Math.sin(b2) * Math.cos(b1) - cb2 * Math.sin(b1) * Math.cos(dl));
}

/**
 * Solid angle of every pixel from the sky coordinates of the pixel corners.
 *
 * @param nx - image width [pixels]
 * @param ny - image height [pixels]
 * @param lonEdges - corner longitudes, (ny + 1) x (nx + 1) row-major [deg]
 * @param latEdges - corner latitudes [deg]
 * @param out - output, ny x nx row-major [sr]
 * @returns `out` (NaN where a corner is outside the projection)
 * @example
 * ```ts
 * // a 1 x 1 deg pixel on the equator
 * solidAngleKernel(1, 1, Float64Array.of(0.5, -0.5, 0.5, -0.5), Float64Array.of(-0.5, -0.5, 0.5, 0.5), new Float64Array(1)); // [3.0461e-4]
 * ```
 */
export function solidAngleKernel(
  nx: number,
  ny: number,
  lonEdges: Float64Array,
  latEdges: Float64Array,
  out: Float64Array,
): Float64Array {
  const w = nx + 1;
  for (let j = 0; j < ny; j++) {
    for (let i = 0; i < nx; i++) {
      // Corners named by their (row, column) in the edge grid: a (j, i), b (j + 1, i),
      // c (j, i + 1), d (j + 1, i + 1); Gammapy calls them low_left, low_right, up_left, up_right.
      const ia = j * w + i;
      const ib = ia + w;
      const ic = ia + 1;
      const id = ib + 1;
      const la = lonEdges[ia] * D2R;
      const ba = latEdges[ia] * D2R;
      const lb = lonEdges[ib] * D2R;
      const bb = latEdges[ib] * D2R;
      const lc = lonEdges[ic] * D2R;
      const bc = latEdges[ic] * D2R;
      const ld = lonEdges[id] * D2R;
      const bd = latEdges[id] * D2R;
      const low = separation(la, ba, lb, bb);
      const left = separation(la, ba, lc, bc);
      const up = separation(lc, bc, ld, bd);
      const right = separation(lb, bb, ld, bd);
      const angleB = positionAngle(lb, bb, ld, bd) - positionAngle(lb, bb, la, ba);
      const angleC = positionAngle(lc, bc, ld, bd) - positionAngle(la, ba, lc, bc);
      out[j * nx + i] = Math.abs(0.5 * low * right * Math.sin(angleB) + 0.5 * up * left * Math.sin(angleC));
    }
  }
  return out;
}
