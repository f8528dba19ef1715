/**
 * Pixel solid angles of a WCS image computed as Gammapy 1.0's `WcsGeom.solid_angle`: each
 * pixel is split along a diagonal into two planar triangles whose sides are the angular
 * separations of the pixel corners and whose enclosed angles are differences of the
 * corners' position angles; the area is the sum of the two (1/2 a b sin C each).
 */

const D2R = Math.PI / 180;

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
  const nc = w * (ny + 1);
  // Per corner: radians and sin / cos of the latitude, computed once (a corner belongs to
  // four pixels); the same numbers Vincenty's formula and the position angle compute.
  const lr = new Float64Array(nc);
  const sb = new Float64Array(nc);
  const cb = new Float64Array(nc);
  cornerTerms(lonEdges, latEdges, nc, lr, sb, cb);
  // Per edge, once (an edge belongs to two pixels): the separation of its corners and the
  // position angle(s) along it. Horizontal edge (j, i): corners (j, i) → (j, i + 1);
  // vertical edge (j, i): corners (j, i) → (j + 1, i), and back. (Each loop is its own
  // function: one large function is compiled and deoptimised loop after loop.)
  const hSep = new Float64Array((ny + 1) * nx);
  const hPa = new Float64Array((ny + 1) * nx);
  horizontalEdges(nx, ny, lr, sb, cb, hSep, hPa);
  const vSep = new Float64Array(ny * w);
  const vPa = new Float64Array(ny * w);
  const vPaBack = new Float64Array(ny * w);
  verticalEdges(nx, ny, lr, sb, cb, vSep, vPa, vPaBack);
  return pixelAreas(nx, ny, hSep, hPa, vSep, vPa, vPaBack, out);
}

function cornerTerms(lonEdges: Float64Array, latEdges: Float64Array, nc: number, lr: Float64Array, sb: Float64Array, cb: Float64Array): void {
  for (let k = 0; k < nc; k++) {
    const b = latEdges[k]! * D2R;
    lr[k] = lonEdges[k]! * D2R;
    sb[k] = Math.sin(b);
    cb[k] = Math.cos(b);
  }
}

// The edge loops below carry the separation and position-angle arithmetic inline (no
// call per edge: calls dominate while the loops still run in the interpreter).

function horizontalEdges(nx: number, ny: number, lr: Float64Array, sb: Float64Array, cb: Float64Array, hSep: Float64Array, hPa: Float64Array): void {
  const w = nx + 1;
  for (let j = 0; j <= ny; j++) {
    for (let i = 0; i < nx; i++) {
      const k1 = j * w + i;
      const k2 = k1 + 1;
      const o = j * nx + i;
      // Separation (Vincenty, as astropy) and position angle from corner k1 to k2.
      const dl = lr[k2]! - lr[k1]!;
      const sdl = Math.sin(dl);
      const cdl = Math.cos(dl);
      const sb1 = sb[k1]!;
      const cb1 = cb[k1]!;
      const sb2 = sb[k2]!;
      const cb2 = cb[k2]!;
      const n1 = cb2 * sdl;
      const n2 = cb1 * sb2 - sb1 * cb2 * cdl;
      hSep[o] = Math.atan2(Math.sqrt(n1 * n1 + n2 * n2), sb1 * sb2 + cb1 * cb2 * cdl);
      hPa[o] = Math.atan2(sdl * cb2, sb2 * cb1 - cb2 * sb1 * cdl);
    }
  }
}

function verticalEdges(
  nx: number,
  ny: number,
  lr: Float64Array,
  sb: Float64Array,
  cb: Float64Array,
  vSep: Float64Array,
  vPa: Float64Array,
  vPaBack: Float64Array,
): void {
  const w = nx + 1;
  for (let j = 0; j < ny; j++) {
    for (let i = 0; i <= nx; i++) {
      const k1 = j * w + i;
      const k2 = k1 + w;
      const o = j * w + i;
      const dl = lr[k2]! - lr[k1]!;
      const sdl = Math.sin(dl);
      const cdl = Math.cos(dl);
      const sb1 = sb[k1]!;
      const cb1 = cb[k1]!;
      const sb2 = sb[k2]!;
      const cb2 = cb[k2]!;
      const n1 = cb2 * sdl;
      const n2 = cb1 * sb2 - sb1 * cb2 * cdl;
      vSep[o] = Math.atan2(Math.sqrt(n1 * n1 + n2 * n2), sb1 * sb2 + cb1 * cb2 * cdl);
      vPa[o] = Math.atan2(sdl * cb2, sb2 * cb1 - cb2 * sb1 * cdl);
      // Back from k2 to k1: Δlon is −dl exactly, sin(−dl) = −sin(dl) and cos(−dl) = cos(dl)
      // exactly (fdlibm's sin is odd, cos even): the numbers of positionAngle(k2 → k1).
      vPaBack[o] = Math.atan2(-sdl * cb1, sb1 * cb2 - cb1 * sb2 * cdl);
    }
  }
}

function pixelAreas(
  nx: number,
  ny: number,
  hSep: Float64Array,
  hPa: Float64Array,
  vSep: Float64Array,
  vPa: Float64Array,
  vPaBack: Float64Array,
  out: Float64Array,
): Float64Array {
  const w = nx + 1;
  for (let j = 0; j < ny; j++) {
    for (let i = 0; i < nx; i++) {
      // Corners named by their (row, column) in the edge grid: a (j, i), b (j + 1, i),
      // c (j, i + 1), d (j + 1, i + 1); Gammapy calls them low_left, low_right, up_left, up_right.
      const low = vSep[j * w + i]!; // a–b
      const left = hSep[j * nx + i]!; // a–c
      const up = vSep[j * w + i + 1]!; // c–d
      const right = hSep[(j + 1) * nx + i]!; // b–d
      const angleB = hPa[(j + 1) * nx + i]! - vPaBack[j * w + i]!; // PA(b→d) − PA(b→a)
      const angleC = vPa[j * w + i + 1]! - hPa[j * nx + i]!; // PA(c→d) − PA(a→c)
      out[j * nx + i] = Math.abs(0.5 * low * right * Math.sin(angleB) + 0.5 * up * left * Math.sin(angleC));
    }
  }
  return out;
}
