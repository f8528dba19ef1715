/**
 * 3x3 rotation matrices (row-major Float64Array(9)) in the passive convention of ERFA and
 * astropy's `rotation_matrix`: `rotZ(a)` turns the axes by `a`, so a vector's longitude
 * decreases by `a`. Internal to the coords module.
 */

/** Rotation about the x axis by `a` [rad]. */
export function rotX(a: number): Float64Array {
  const c = Math.cos(a);
  const s = Math.sin(a);
  return Float64Array.of(1, 0, 0, 0, c, s, 0, -s, c);
}

/** Rotation about the y axis by `a` [rad]. */
export function rotY(a: number): Float64Array {
  const c = Math.cos(a);
  const s = Math.sin(a);
  return Float64Array.of(c, 0, -s, 0, 1, 0, s, 0, c);
}

/** Rotation about the z axis by `a` [rad]. */
export function rotZ(a: number): Float64Array {
  const c = Math.cos(a);
  const s = Math.sin(a);
  return Float64Array.of(c, s, 0, -s, c, 0, 0, 0, 1);
}

/** Matrix product `a · b`, written to `out` (which may alias neither input). */
export function matMul(a: Float64Array, b: Float64Array, out = new Float64Array(9)): Float64Array {
  for (let i = 0; i < 3; i++) {
    const a0 = a[3 * i];
    const a1 = a[3 * i + 1];
    const a2 = a[3 * i + 2];
    out[3 * i] = a0 * b[0] + a1 * b[3] + a2 * b[6];
    out[3 * i + 1] = a0 * b[1] + a1 * b[4] + a2 * b[7];
    out[3 * i + 2] = a0 * b[2] + a1 * b[5] + a2 * b[8];
  }
  return out;
}

/** Product of several matrices, left to right: `mats[0] · mats[1] · ...`. */
export function matChain(...mats: Float64Array[]): Float64Array {
  let r: Float64Array = mats[0].slice();
  for (let k = 1; k < mats.length; k++) r = matMul(r, mats[k]);
  return r;
}

/** Transpose (the inverse of a rotation). */
export function transpose(m: Float64Array, out = new Float64Array(9)): Float64Array {
  out[0] = m[0];
  out[1] = m[3];
  out[2] = m[6];
  out[3] = m[1];
  out[4] = m[4];
  out[5] = m[7];
  out[6] = m[2];
  out[7] = m[5];
  out[8] = m[8];
  return out;
}

/**
 * Rotates directions given as (lon, lat) [deg] by matrix `m`, element by element.
 * Output longitudes are in [0, 360); `out*` may alias the inputs.
 */
export function rotateLonLatKernel(
  m: Float64Array,
  n: number,
  lon: Float64Array,
  lat: Float64Array,
  outLon: Float64Array,
  outLat: Float64Array,
): void {
  const d2r = Math.PI / 180;
  const r2d = 180 / Math.PI;
  const m0 = m[0], m1 = m[1], m2 = m[2], m3 = m[3], m4 = m[4], m5 = m[5], m6 = m[6], m7 = m[7], m8 = m[8];
  for (let i = 0; i < n; i++) {
    const l = lon[i] * d2r;
    const b = lat[i] * d2r;
    const cb = Math.cos(b);
    const x = cb * Math.cos(l);
    const y = cb * Math.sin(l);
    const z = Math.sin(b);
    const xr = m0 * x + m1 * y + m2 * z;
    const yr = m3 * x + m4 * y + m5 * z;
    const zr = m6 * x + m7 * y + m8 * z;
    let lo = Math.atan2(yr, xr) * r2d;
    if (lo < 0) {
      lo += 360;
      if (lo >= 360) lo = 0;
    }
    outLon[i] = lo;
    outLat[i] = Math.atan2(zr, Math.sqrt(xr * xr + yr * yr)) * r2d;
  }
}
