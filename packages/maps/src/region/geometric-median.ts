/**
 * The centre Gammapy gives a union of regions: the geometric median of the region
 * centres in ICRS (the direction minimising the summed angular distances).
 */
import { transformFrame } from "@gammats/core";
import type { LonLat } from "@gammats/core";

const D2R = Math.PI / 180;

function unit(lon: number, lat: number): [number, number, number] {
  const cb = Math.cos(lat * D2R);
  return [cb * Math.cos(lon * D2R), cb * Math.sin(lon * D2R), Math.sin(lat * D2R)];
}

/**
 * Geometric median on the sphere of ICRS directions, by Weiszfeld iterations in the
 * tangent plane, started (as Gammapy) from the mean RA (wrapped at 180 deg) and mean Dec.
 * Gammapy minimises with scipy's L-BFGS-B, so the two agree to the optimiser's tolerance
 * (~1e-6 deg), not bit for bit; when the median is not unique (two centres) both stay
 * near the start point.
 *
 * @param lon - ICRS longitudes [deg]
 * @param lat - ICRS latitudes [deg]
 * @returns the median direction, longitude in [0, 360) [deg]
 * @example
 * ```ts
 * geometricMedian(Float64Array.of(10, 11, 10.5), Float64Array.of(0, 0, 1)); // ≈ { lon: 10.5, lat: 0.29 }
 * ```
 */
export function geometricMedian(lon: Float64Array, lat: Float64Array): LonLat {
  const n = lon.length;
  if (n === 1) return { lon: lon[0], lat: lat[0] };
  const pts = Array.from({ length: n }, (_, i) => unit(lon[i], lat[i]));
  let ra = 0;
  let dec = 0;
  for (let i = 0; i < n; i++) {
    const r = ((lon[i] + 180) % 360 + 360) % 360 - 180;
    ra += r / n;
    dec += lat[i] / n;
  }
  let x = unit(ra, dec);
  for (let iter = 0; iter < 500; iter++) {
    // Tangent basis at x; each point as an azimuthal-equidistant vector (length = distance).
    const east = [-x[1], x[0], 0];
    const en = Math.hypot(east[0], east[1]);
    const e: [number, number, number] = en > 0 ? [east[0] / en, east[1] / en, 0] : [0, 1, 0];
    const nrt: [number, number, number] = [x[1] * e[2] - x[2] * e[1], x[2] * e[0] - x[0] * e[2], x[0] * e[1] - x[1] * e[0]];
    let su = 0;
    let sv = 0;
    let sw = 0;
    for (const p of pts) {
      const c = p[0] * x[0] + p[1] * x[1] + p[2] * x[2];
      const pu = p[0] * e[0] + p[1] * e[1] + p[2] * e[2];
      const pv = p[0] * nrt[0] + p[1] * nrt[1] + p[2] * nrt[2];
      const s = Math.hypot(pu, pv);
      const d = Math.atan2(s, c);
      // A point at the current estimate has no direction: skip it (Weiszfeld's usual fix).
      if (d < 1e-15) continue;
      su += pu / s;
      sv += pv / s;
      sw += 1 / d;
    }
    if (sw === 0) break;
    const du = su / sw;
    const dv = sv / sw;
    const step = Math.hypot(du, dv);
    if (step < 1e-14) break;
    const cs = Math.cos(step);
    const sn = Math.sin(step) / step;
    x = [cs * x[0] + sn * (du * e[0] + dv * nrt[0]), cs * x[1] + sn * (du * e[1] + dv * nrt[1]), cs * x[2] + sn * (du * e[2] + dv * nrt[2])];
  }
  const l = Math.atan2(x[1], x[0]) / D2R;
  return { lon: l < 0 ? l + 360 : l, lat: Math.atan2(x[2], Math.hypot(x[0], x[1])) / D2R };
}

/**
 * Geometric median of directions given in several frames, computed in ICRS.
 *
 * @param centers - directions with their frames
 * @returns the ICRS median
 */
export function icrsGeometricMedian(centers: readonly { lon: number; lat: number; frame: "icrs" | "fk5" | "galactic" }[]): LonLat {
  const lon = new Float64Array(centers.length);
  const lat = new Float64Array(centers.length);
  centers.forEach((c, i) => {
    const t = transformFrame(c.lon, c.lat, c.frame, "icrs");
    lon[i] = t.lon;
    lat[i] = t.lat;
  });
  return geometricMedian(lon, lat);
}
