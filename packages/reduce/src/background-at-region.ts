/**
 * Predicted background of a 1D dataset from the observation's background IRF (Gammapy's
 * `MapDatasetMaker.make_background` → `make_map_background_irf` with `use_region_center`):
 * the rate at the on-region centre, integrated over each reco-energy bin (log-log), times
 * the region's solid angle and the observation's on time (not live time, as the rate
 * already includes dead time).
 */
import { DataError, metToTime, skyToOffsetFrame, timeRefFromHeader, icrsToFovAltAz, angularSeparation } from "@gammats/core";
import { Background2D, Background3D } from "@gammats/irf";
import type { BackgroundIrf, Irf } from "@gammats/irf";
import { MapAxis, RegionNDMap } from "@gammats/maps";
import type { RegionGeom } from "@gammats/maps";
import type { Observation } from "@gammats/data-store";
import { requireIrf } from "./irf-access.js";
import { energyAxisOf, regionCenterIcrs } from "./region-center.js";

const isBackground = (irf: Irf): irf is Background2D | Background3D => irf instanceof Background2D || irf instanceof Background3D;

/**
 * Fills zero or non-finite rates along the energy axis (axis 0) by linear interpolation
 * of log(rate) between the valid bins of the same row; bins outside the valid range stay
 * (Gammapy's `interp_missing_data(axis_name="energy")`). Shared with the map maker.
 *
 * @param data - rates, energy first, C order
 * @param nEnergy - number of energy bins
 * @returns a filled copy
 */
export function interpMissingEnergy(data: Float64Array, nEnergy: number): Float64Array {
  return fillMissingEnergyInPlace(data.slice(), nEnergy);
}

/**
 * {@link interpMissingEnergy} in place: each missing rate is filled from valid rates only,
 * which the filling never changes, so the result is the same as on a copy.
 *
 * @param data - rates, energy first, C order (changed)
 * @param nEnergy - number of energy bins
 * @returns `data`
 */
function fillMissingEnergyInPlace(data: Float64Array, nEnergy: number): Float64Array {
  const stride = data.length / nEnergy;
  // One pass in memory order finds, per column, the first and last valid bins and the
  // first invalid bin after the first valid one: only where that lies before the last
  // valid bin is there anything to fill (typically a handful of columns: most missing
  // rates sit at the ends of the energy range, where they stay missing).
  const first = new Int32Array(stride).fill(-1);
  const last = new Int32Array(stride).fill(-1);
  const gap = new Int32Array(stride).fill(nEnergy);
  for (let e = 0; e < nEnergy; e++) scanEnergyPlane(data, e, stride, nEnergy, first, last, gap);
  const validIdx = new Int32Array(nEnergy);
  for (let j = 0; j < stride; j++) if (gap[j]! < last[j]!) fillColumn(data, data, j, stride, nEnergy, validIdx);
  return data;
}

/** Finite and not 0 (v - v is 0 exactly for finite v, NaN for NaN and ±Infinity). */
function isValidRate(v: number): boolean {
  return v - v === 0 && v !== 0;
}

/** The valid-bin bookkeeping of {@link interpMissingEnergy} over one energy plane. */
function scanEnergyPlane(data: Float64Array, e: number, stride: number, nEnergy: number, first: Int32Array, last: Int32Array, gap: Int32Array): void {
  const o = e * stride;
  for (let j = 0; j < stride; j++) {
    const v = data[o + j]!;
    // isValidRate inline: a call per bin is what the interpreted loop spends its time on.
    if (v - v === 0 && v !== 0) {
      if (first[j]! < 0) first[j] = e;
      last[j] = e;
    } else if (first[j]! >= 0 && gap[j] === nEnergy) gap[j] = e;
  }
}

/** Fills column j of `out`: log-linear between the valid bins around each missing one. */
function fillColumn(data: Float64Array, out: Float64Array, j: number, stride: number, nEnergy: number, validIdx: Int32Array): void {
  let nValid = 0;
  for (let e = 0; e < nEnergy; e++) if (isValidRate(data[e * stride + j]!)) validIdx[nValid++] = e;
  let k = 0;
  for (let e = 0; e < nEnergy; e++) {
    if (isValidRate(data[e * stride + j]!)) continue;
    while (k < nValid && validIdx[k]! < e) k++;
    // np.interp with left = right = NaN: only between two valid bins.
    if (k === 0 || k === nValid) continue;
    const e0 = validIdx[k - 1]!;
    const e1 = validIdx[k]!;
    const y0 = Math.log(data[e0 * stride + j]!);
    const y1 = Math.log(data[e1 * stride + j]!);
    out[e * stride + j] = Math.exp(y0 + ((y1 - y0) * (e - e0)) / (e1 - e0));
  }
}

/** Filled copies by source IRF: an IRF is a value (never changed in place), its copy too. */
const filledCopies = new WeakMap<BackgroundIrf, BackgroundIrf>();

/**
 * The background IRF with its missing rates filled along energy ({@link interpMissingEnergy}
 * in the file's unit: the log scale clips zeros to the float32 tiny in that unit, as
 * Gammapy), made once per IRF object: observations that share an IRF (CTA) and repeated
 * reductions of one observation reuse the copy and its interpolator. Shared by the map
 * and the 1D makers.
 *
 * @param bkg - the background IRF (not changed)
 * @returns the filled copy (the same object for the same IRF)
 */
export function filledBackground(bkg: BackgroundIrf): BackgroundIrf {
  let filled = filledCopies.get(bkg);
  if (filled === undefined) {
    // dataIn gives a new array: filled in place (the same numbers as on a copy).
    filled = bkg.copy({ data: fillMissingEnergyInPlace(bkg.dataIn(bkg.sourceUnit), bkg.axes[0]!.nbin), unit: bkg.sourceUnit });
    filledCopies.set(bkg, filled);
  }
  return filled;
}

/**
 * One more offset bin on each side with the edge values (Gammapy's `pad(1, mode="edge")`).
 * Shared with the map maker.
 *
 * @param bkg - a 2D background
 * @returns the padded copy
 */
export function padOffset(bkg: Background2D): Background2D {
  const [energy, offset] = bkg.axes as [MapAxis, MapAxis];
  const n = offset.nbin;
  const pix = new Float64Array(n + 3);
  for (let i = 0; i < pix.length; i++) pix[i] = i - 1.5;
  const axis = MapAxis.fromEdges(offset.pixToCoord(pix), { name: "offset", unit: offset.unit, interp: offset.interp });
  const data = new Float64Array(energy.nbin * (n + 2));
  for (let e = 0; e < energy.nbin; e++) {
    for (let o = 0; o < n + 2; o++) data[e * (n + 2) + o] = bkg.data[e * n + Math.min(n - 1, Math.max(0, o - 1))]!;
  }
  return bkg.copy({ axes: [energy, axis], data, unit: bkg.unit });
}

/**
 * Reco-energy edges within 1e-9 (relative) of the IRF's outer energy edges are set onto
 * them: NumPy and V8 round exp(log(100)) to opposite sides of 100 TeV, and a bin edge just
 * outside the IRF would get no background where Gammapy has some.
 */
function snapToAxis(edges: Float64Array, axis: MapAxis): Float64Array {
  const e = axis.edgesIn("TeV");
  const lo = e[0]!;
  const hi = e[e.length - 1]!;
  return edges.map((x) => (Math.abs(x - hi) <= 1e-9 * hi ? hi : Math.abs(x - lo) <= 1e-9 * lo ? lo : x));
}

/** Options of {@link makeBackgroundAtRegion} (Gammapy's defaults). */
export interface BackgroundAtRegionOptions {
  /** Fill zero/non-finite rates along energy first. Default true. */
  interpMissingData?: boolean;
  /** Pad the offset axis of a 2D background by one bin on each side. Default true. */
  padOffset?: boolean;
}

/** FoV coordinates of the region centre for a 3D background, as Gammapy aligns them. */
function fovCoords(bkg: Background3D, geom: RegionGeom, observation: Observation): [number[], number[]] {
  const c = regionCenterIcrs(geom, "background");
  const p = observation.pointing;
  if (bkg.fovAlignment === "RADEC") {
    const f = skyToOffsetFrame(c.lon, c.lat, p.ra, p.dec);
    return [[f.lon], [f.lat]];
  }
  const loc = observation.location;
  const meta = observation.meta;
  const t0 = meta.TSTART;
  const t1 = meta.TSTOP;
  if (loc === undefined || typeof t0 !== "number" || typeof t1 !== "number") {
    throw new DataError(`background: observation ${observation.obsId} has an ALTAZ-aligned background but no location or TSTART/TSTOP`, {
      hint: "add GEOLON, GEOLAT, ALTITUDE, TSTART and TSTOP to the EVENTS header",
    });
  }
  // The pointing's AltAz frame at the middle of the run (Gammapy's FixedPointingInfo).
  const mid = metToTime((t0 + t1) / 2, timeRefFromHeader(meta, { source: `observation ${observation.obsId}` }));
  const time = { mjdTt: mid.tt().mjd, mjdUt1: mid.ut1().mjd };
  const pnt = observation.pointingAltAz();
  const f = icrsToFovAltAz(Float64Array.of(c.lon), Float64Array.of(c.lat), pnt.az, pnt.alt, loc, time);
  return [[f.lon[0]!], [f.lat[0]!]];
}

/**
 * Background counts per reco-energy bin in the on region, from the background IRF at the
 * region centre.
 *
 * @param geom - region geometry with one axis, "energy"
 * @param observation - the observation (background IRF, pointing, GTIs)
 * @param options - Gammapy's missing-data interpolation and offset padding (both on)
 * @returns background map on `geom` (counts)
 * @throws DataError without background IRF or region
 * @example
 * ```ts
 * makeBackgroundAtRegion(geom, observation).data; // predicted counts per energy bin
 * ```
 */
export function makeBackgroundAtRegion(geom: RegionGeom, observation: Observation, options: BackgroundAtRegionOptions = {}): RegionNDMap {
  const energy = energyAxisOf(geom, "energy", "background");
  let bkg: BackgroundIrf = requireIrf(observation, "bkg", isBackground, "background");
  if (options.interpMissingData ?? true) bkg = filledBackground(bkg);
  let position: number[][];
  if (bkg instanceof Background2D) {
    if (options.padOffset ?? true) bkg = padOffset(bkg);
    const c = regionCenterIcrs(geom, "background");
    const p = observation.pointing;
    position = [[angularSeparation(c.lon, c.lat, p.ra, p.dec)]];
  } else {
    position = fovCoords(bkg as Background3D, geom, observation);
  }
  const data = bkg.integrateLogLog(snapToAxis(energy.edgesIn("TeV"), bkg.axes[0]!), position);
  const factor = geom.solidAngle() * observation.observationTimeDuration;
  for (let i = 0; i < data.length; i++) data[i] = data[i]! * factor;
  return new RegionNDMap(geom, data, "");
}
