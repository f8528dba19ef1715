/**
 * A compact Earth ephemeris for annual aberration and solar light deflection: heliocentric
 * Keplerian orbits with secular elements (Standish, "Keplerian elements for approximate
 * positions of the major planets", JPL, table 1, 1800-2050) for the Earth-Moon barycentre,
 * Jupiter, Saturn, Uranus and Neptune; the Sun's reflex motion from the giant planets; the
 * Earth's motion about the Earth-Moon barycentre from a two-term lunar longitude.
 * Barycentric velocity agrees with ERFA's epv00 to about 2 m/s (1 mas of aberration).
 */

const DEG = Math.PI / 180;

// a [au], e, I [deg], L [deg], long. perihelion [deg], long. node [deg]; value and rate per
// Julian century (Standish, JPL SSD, table 1).
// prettier-ignore
const ELEMENTS = {
  emb: [1.00000261, 0.00000562, 0.01671123, -0.00004392, -0.00001531, -0.01294668,
    100.46457166, 35999.37244981, 102.93768193, 0.32327364, 0, 0],
  jupiter: [5.202887, -0.00011607, 0.04838624, -0.00013253, 1.30439695, -0.00183714,
    34.39644051, 3034.74612775, 14.72847983, 0.21252668, 100.47390909, 0.20469106],
  saturn: [9.53667594, -0.0012506, 0.05386179, -0.00050991, 2.48599187, 0.00193609,
    49.95424423, 1222.49362201, 92.59887831, -0.41897216, 113.66242448, -0.28867794],
  uranus: [19.18916464, -0.00196176, 0.04725744, -0.00004397, 0.77263783, -0.00242939,
    313.23810451, 428.48202785, 170.9542763, 0.40805281, 74.01692503, 0.04240589],
  neptune: [30.06992276, 0.00026291, 0.00859048, 0.00005105, 1.77004347, 0.00035372,
    -55.12002969, 218.45945325, 44.96476227, -0.32241464, 131.78422574, -0.00508664],
} as const;

// Planet / Sun mass ratios (IAU 2009 system of constants).
const GIANTS: ReadonlyArray<[keyof typeof ELEMENTS, number]> = [
  ["jupiter", 1 / 1047.348644],
  ["saturn", 1 / 3497.9018],
  ["uranus", 1 / 22902.98],
  ["neptune", 1 / 19412.26],
];
// Moon / (Earth + Moon) mass ratio (Earth/Moon = 81.30056907, IAU 2009).
const MOON_FRACTION = 1 / (1 + 81.30056907);
const MOON_DISTANCE_AU = 385001 / 149597870.7;
// IAU 2006 mean obliquity at J2000 [rad], ecliptic -> equatorial (GCRS axes).
const EPS0 = (84381.406 / 3600) * DEG;

/** Heliocentric ecliptic position [au] and velocity [au/d] of a Kepler orbit, into `pv[0..5]`. */
function keplerState(el: readonly number[], t: number, pv: Float64Array): void {
  const a = el[0] + el[1] * t;
  const e = el[2] + el[3] * t;
  const inc = (el[4] + el[5] * t) * DEG;
  const L = el[6] + el[7] * t;
  const varpi = el[8] + el[9] * t;
  const node = (el[10] + el[11] * t) * DEG;
  const n = ((el[7] - el[9]) * DEG) / 36525; // mean motion [rad/d]
  const M = ((L - varpi) % 360) * DEG;
  const w = varpi * DEG - node;
  let E = M + e * Math.sin(M);
  for (let k = 0; k < 6; k++) E -= (E - e * Math.sin(E) - M) / (1 - e * Math.cos(E));
  const cE = Math.cos(E);
  const sE = Math.sin(E);
  const dE = n / (1 - e * cE);
  const b = Math.sqrt(1 - e * e);
  const x = a * (cE - e);
  const y = a * b * sE;
  const vx = -a * sE * dE;
  const vy = a * b * cE * dE;
  // Orbital plane -> ecliptic: Rz(-node) Rx(-inc) Rz(-w).
  const cw = Math.cos(w), sw = Math.sin(w), cn = Math.cos(node), sn = Math.sin(node);
  const ci = Math.cos(inc), si = Math.sin(inc);
  const r00 = cw * cn - sw * sn * ci, r01 = -sw * cn - cw * sn * ci;
  const r10 = cw * sn + sw * cn * ci, r11 = -sw * sn + cw * cn * ci;
  const r20 = sw * si, r21 = cw * si;
  pv[0] = r00 * x + r01 * y;
  pv[1] = r10 * x + r11 * y;
  pv[2] = r20 * x + r21 * y;
  pv[3] = r00 * vx + r01 * vy;
  pv[4] = r10 * vx + r11 * vy;
  pv[5] = r20 * vx + r21 * vy;
}

/** Geocentric ecliptic position of the Moon [au], two-term longitude, one-term latitude. */
function moonPosition(t: number, out: Float64Array, offset: number): void {
  // Mean elements of the Moon (Meeus, Astronomical Algorithms, ch. 47) [deg].
  const Lp = 218.3164477 + 481267.88123421 * t;
  const Mp = (134.9633964 + 477198.8675055 * t) * DEG;
  const F = (93.272095 + 483202.0175233 * t) * DEG;
  const D = (297.8501921 + 445267.1114034 * t) * DEG;
  const lam = (Lp + 6.289 * Math.sin(Mp) + 1.274 * Math.sin(2 * D - Mp) + 0.658 * Math.sin(2 * D)) * DEG;
  const bet = 5.128 * Math.sin(F) * DEG;
  out[offset] = MOON_DISTANCE_AU * Math.cos(bet) * Math.cos(lam);
  out[offset + 1] = MOON_DISTANCE_AU * Math.cos(bet) * Math.sin(lam);
  out[offset + 2] = MOON_DISTANCE_AU * Math.sin(bet);
}

/**
 * Heliocentric position and barycentric velocity of the Earth's centre, in GCRS/ICRS axes.
 *
 * @param mjdTt - time, Modified Julian Date in TT (used for TDB; they differ by < 2 ms) [d]
 * @param out - output array of 6 numbers; allocated when omitted
 * @returns `[x, y, z]` heliocentric position [au] followed by `[vx, vy, vz]` barycentric velocity [au/d]
 * @example
 * ```ts
 * const pv = earthPositionVelocity(51544.5);   // pv[3..5] ≈ [-0.01720, -0.00291, -0.00126] au/d
 * ```
 */
export function earthPositionVelocity(mjdTt: number, out = new Float64Array(6)): Float64Array {
  const t = (mjdTt - 51544.5) / 36525;
  const pv = new Float64Array(6);
  keplerState(ELEMENTS.emb, t, pv);
  // Earth = EMB - (Moon fraction) x geocentric Moon; Moon velocity by central difference.
  const moon = new Float64Array(9);
  const h = 0.01; // [d]
  moonPosition(t, moon, 0);
  moonPosition(t - h / 36525, moon, 3);
  moonPosition(t + h / 36525, moon, 6);
  const ecl = new Float64Array(6);
  for (let k = 0; k < 3; k++) {
    ecl[k] = pv[k] - MOON_FRACTION * moon[k];
    ecl[k + 3] = pv[k + 3] - (MOON_FRACTION * (moon[k + 6] - moon[k + 3])) / (2 * h);
  }
  // The Sun's velocity about the barycentre: reflex of the giant planets.
  let msum = 1;
  const sun = new Float64Array(3);
  for (const [name, mass] of GIANTS) {
    keplerState(ELEMENTS[name], t, pv);
    sun[0] -= mass * pv[3];
    sun[1] -= mass * pv[4];
    sun[2] -= mass * pv[5];
    msum += mass;
  }
  for (let k = 0; k < 3; k++) ecl[k + 3] += sun[k] / msum;
  // Ecliptic J2000 -> equatorial (the 23 mas frame bias is negligible here).
  const ce = Math.cos(EPS0);
  const se = Math.sin(EPS0);
  for (let j = 0; j < 6; j += 3) {
    out[j] = ecl[j];
    out[j + 1] = ce * ecl[j + 1] - se * ecl[j + 2];
    out[j + 2] = se * ecl[j + 1] + ce * ecl[j + 2];
  }
  return out;
}
