/**
 * The time-dependent astrometry behind ICRS <-> AltAz, following the chain astropy 5.2 uses
 * (ERFA apco / atciqz / atioq, IAU 2006 resolutions, CIO based), written for arrays:
 * solar light deflection, annual + diurnal aberration (relativistic), GCRS -> CIRS,
 * Earth rotation angle, polar motion (optional), and the topocentric horizon of a WGS84
 * site. No refraction (astropy with pressure = 0). Internal: altaz.ts is the public face.
 */
import { earthPositionVelocity } from "./earth-ephemeris.js";
import { geodeticToGeocentric } from "./earth-location.js";
import type { EarthLocation } from "./earth-location.js";
import { earthRotationAngle, gcrsToCirsMatrix, tioLocator } from "./earth-orientation.js";
import { matChain, rotX, rotY, rotZ } from "./rotation.js";

const ARCSEC = Math.PI / (180 * 3600);
/** Speed of light [au/d] and [m/s]. */
const C_AU_PER_DAY = 173.1446326846693;
const C_M_PER_S = 299792458;
/** Schwarzschild radius of the Sun [au] (2 GM_sun / c^2). */
const SUN_SCHWARZSCHILD_AU = 1.97412574336e-8;
/** Earth's rotation rate [rad/s] (IERS Conventions 2010, ERA rate). */
const EARTH_ROTATION_RATE = (1.00273781191135448 * 2 * Math.PI) / 86400;
/**
 * The slowly varying quantities (precession-nutation, Earth velocity) are reused for times
 * within this many days of the last evaluation: aberration drifts 0.35"/d, so the error
 * stays below 0.002" while per-event time arrays cost one ERA per distinct time.
 */
export const SLOW_CONTEXT_MAX_AGE_DAYS = 0.005;

/**
 * One observer and the quantities of the most recent time, mutated in place so array loops
 * allocate nothing. Layout documented on the fields.
 */
export class ObservedFrame {
  /** Horizon rows (north, east, up) times polar motion and longitude, fixed per site. */
  private readonly q = new Float64Array(9);
  /** Observer velocity in the terrestrial frame [units of c]. */
  private readonly vTerr = new Float64Array(3);
  /** TT of the slow context [MJD]; NaN when unset. */
  private slowTt = Number.NaN;
  /** GCRS -> CIRS matrix of the slow context. */
  private bpn: Float64Array = new Float64Array(9);
  /** Earth barycentric velocity [units of c]. */
  private readonly vEarth = new Float64Array(3);
  /** Unit vector Sun -> Earth and its length [au]. */
  private readonly eh = new Float64Array(3);
  private em = 1;
  /** TIO locator s' [rad]. */
  private sp = 0;
  /** Current time (TT, UT1) [MJD]. */
  private tt = Number.NaN;
  private ut1 = Number.NaN;
  /** GCRS -> (north, east, up) matrix of the current time. */
  readonly m = new Float64Array(9);
  /** Total observer velocity [units of c] and sqrt(1 - v^2). */
  readonly v = new Float64Array(3);
  bm1 = 1;

  /**
   * @param location - observer (WGS84)
   * @param xp - polar motion x [arcsec]
   * @param yp - polar motion y [arcsec]
   */
  constructor(location: EarthLocation, xp = 0, yp = 0) {
    const phi = (location.lat * Math.PI) / 180;
    const sphi = Math.sin(phi);
    const cphi = Math.cos(phi);
    // Axes after Rz(elong) Rx(-yp) Ry(-xp) Rz(ERA + s'): x to the local meridian on the
    // equator, y east, z to the pole; the horizon rows follow from the geodetic latitude.
    const horizon = Float64Array.of(-sphi, 0, cphi, 0, 1, 0, cphi, 0, sphi);
    const w = matChain(horizon, rotZ((location.lon * Math.PI) / 180), rotX(-yp * ARCSEC), rotY(-xp * ARCSEC));
    this.q.set(w);
    const r = geodeticToGeocentric(location);
    this.vTerr[0] = (-EARTH_ROTATION_RATE * r[1]) / C_M_PER_S;
    this.vTerr[1] = (EARTH_ROTATION_RATE * r[0]) / C_M_PER_S;
    this.vTerr[2] = 0;
  }

  /** Updates the current time; cheap when only UT1 moved (ERA), costly when TT moved far. */
  setTime(mjdTt: number, mjdUt1: number): void {
    if (mjdTt === this.tt && mjdUt1 === this.ut1) return;
    if (!(Math.abs(mjdTt - this.slowTt) <= SLOW_CONTEXT_MAX_AGE_DAYS)) this.setSlow(mjdTt);
    this.tt = mjdTt;
    this.ut1 = mjdUt1;
    const era = earthRotationAngle(mjdUt1);
    const b = this.bpn;
    // Rz(ERA + s') . bpn, then the fixed site rotation q in front.
    const th = era + this.sp;
    const c = Math.cos(th);
    const s = Math.sin(th);
    const r0 = c * b[0] + s * b[3], r1 = c * b[1] + s * b[4], r2 = c * b[2] + s * b[5];
    const r3 = -s * b[0] + c * b[3], r4 = -s * b[1] + c * b[4], r5 = -s * b[2] + c * b[5];
    const r6 = b[6], r7 = b[7], r8 = b[8];
    const q = this.q;
    const m = this.m;
    for (let i = 0; i < 3; i++) {
      const q0 = q[3 * i], q1 = q[3 * i + 1], q2 = q[3 * i + 2];
      m[3 * i] = q0 * r0 + q1 * r3 + q2 * r6;
      m[3 * i + 1] = q0 * r1 + q1 * r4 + q2 * r7;
      m[3 * i + 2] = q0 * r2 + q1 * r5 + q2 * r8;
    }
    // Diurnal velocity: terrestrial -> CIRS by Rz(-ERA), CIRS -> GCRS by bpn^T.
    const ce = Math.cos(era);
    const se = Math.sin(era);
    const ux = ce * this.vTerr[0] - se * this.vTerr[1];
    const uy = se * this.vTerr[0] + ce * this.vTerr[1];
    const uz = this.vTerr[2];
    let v2 = 0;
    for (let j = 0; j < 3; j++) {
      const vj = this.vEarth[j] + b[j] * ux + b[3 + j] * uy + b[6 + j] * uz;
      this.v[j] = vj;
      v2 += vj * vj;
    }
    this.bm1 = Math.sqrt(1 - v2);
  }

  private setSlow(mjdTt: number): void {
    this.slowTt = mjdTt;
    this.bpn = gcrsToCirsMatrix(mjdTt);
    this.sp = tioLocator(mjdTt);
    const pv = earthPositionVelocity(mjdTt);
    this.em = Math.hypot(pv[0], pv[1], pv[2]);
    for (let j = 0; j < 3; j++) {
      this.eh[j] = pv[j] / this.em;
      this.vEarth[j] = pv[3 + j] / C_AU_PER_DAY;
    }
  }

  /**
   * Apparent (GCRS proper) direction of a catalogue (ICRS) direction: solar deflection then
   * aberration. Reads `p[o..o+2]`, writes `out[o..o+2]` (unit vectors; may alias `p`).
   */
  apparent(p: Float64Array, o: number, out: Float64Array): void {
    const px = p[o], py = p[o + 1], pz = p[o + 2];
    const eh = this.eh;
    // Light deflection by the Sun for a distant source, p + (2GM/c^2 E) (e - (p.e) p) / (1 + p.e)
    // (Klioner 2003, AJ 125, 1580); the denominator is bounded as astropy does (dlim = 1e-6).
    const pe = px * eh[0] + py * eh[1] + pz * eh[2];
    const w = SUN_SCHWARZSCHILD_AU / this.em / Math.max(1 + pe, 1e-6);
    const dx = px + w * (eh[0] - pe * px);
    const dy = py + w * (eh[1] - pe * py);
    const dz = pz + w * (eh[2] - pe * pz);
    // Relativistic aberration (Lorentz transformation of the direction): the direction is
    // bm1 p + (1 + p.v / (1 + bm1)) v, normalised.
    const v = this.v;
    const pdv = dx * v[0] + dy * v[1] + dz * v[2];
    const w1 = 1 + pdv / (1 + this.bm1);
    const ax = this.bm1 * dx + w1 * v[0];
    const ay = this.bm1 * dy + w1 * v[1];
    const az = this.bm1 * dz + w1 * v[2];
    const r = Math.sqrt(ax * ax + ay * ay + az * az);
    out[o] = ax / r;
    out[o + 1] = ay / r;
    out[o + 2] = az / r;
  }

  /**
   * Inverse of {@link apparent} by fixed-point iteration (the map is the identity plus a
   * 1e-4 perturbation, so each step gains four digits). Reads `g[o..]`, writes `out[o..]`.
   */
  catalogue(g: Float64Array, o: number, out: Float64Array, scratch: Float64Array): void {
    const gx = g[o], gy = g[o + 1], gz = g[o + 2];
    let px = gx, py = gy, pz = gz;
    for (let it = 0; it < 5; it++) {
      scratch[0] = px;
      scratch[1] = py;
      scratch[2] = pz;
      this.apparent(scratch, 0, scratch);
      px += gx - scratch[0];
      py += gy - scratch[1];
      pz += gz - scratch[2];
      const r = Math.sqrt(px * px + py * py + pz * pz);
      px /= r;
      py /= r;
      pz /= r;
    }
    out[o] = px;
    out[o + 1] = py;
    out[o + 2] = pz;
  }
}
