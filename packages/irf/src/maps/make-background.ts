/**
 * Predicted background counts of one observation from its background IRF (Gammapy 1.0's
 * `make_map_background_irf`): the rate at every pixel centre, integrated over each
 * reco-energy bin by log-log trapezoids between the bin edges (optionally on a finer,
 * oversampled energy grid whose bins are summed back), times the pixel solid angle and
 * the observation's on time.
 *
 * Field-of-view coordinates as Gammapy 1.0 takes them: the offset from the pointing for a
 * 2D background; for a 3D RADEC-aligned background astropy's SkyOffsetFrame around the
 * ICRS pointing, its longitude NOT negated (Gammapy 1.0 skips the sign flip of
 * `sky_to_fov` here); for ALTAZ alignment `sky_to_fov` of the pixels' AltAz at the
 * pointing's time (negated longitude).
 */
import { DataError, icrsToFovAltAz, skyToOffsetFrame } from "@gammats/core";
import { WcsNDMap } from "@gammats/maps";
import type { MapAxis, WcsGeom } from "@gammats/maps";
import { Background2D } from "../background-2d.js";
import type { BackgroundIrf } from "../background-irf.js";
import type { FovAlignment } from "../irf-core.js";
import { planeBins } from "./make-exposure.js";
import type { FixedPointing } from "./sky-position.js";

/** Options of {@link makeMapBackgroundIrf}. */
export interface BackgroundMapOptions {
  /** Oversampling factor of the energy axis for the integration (Gammapy's `oversampling`); default none. */
  oversampling?: number;
  /** FoV alignment; default the IRF's (`bkg.fovAlignment`). */
  fovAlignment?: FovAlignment;
}

/**
 * Reco-energy edges within 1e-9 (relative) of the IRF's outer edges are put onto them:
 * NumPy and V8 may round an edge such as exp(log(100)) to opposite sides, and an edge
 * just outside the IRF would get no background where Gammapy has some.
 */
function snapToAxis(edges: Float64Array, axis: MapAxis): Float64Array {
  const e = axis.edgesIn("TeV");
  const lo = e[0]!;
  const hi = e[e.length - 1]!;
  return edges.map((x) => (Math.abs(x - hi) <= 1e-9 * hi ? hi : Math.abs(x - lo) <= 1e-9 * lo ? lo : x));
}

/**
 * FoV coordinates of the image pixel centres for a background IRF, in its axis order.
 *
 * @param bkg - the background IRF
 * @param pointing - the pointing (with `altaz` for ALTAZ alignment)
 * @param geom - the geometry
 * @param alignment - FoV alignment
 * @returns one coordinate array per non-energy axis [deg]
 * @throws DataError for ALTAZ alignment without `pointing.altaz`
 */
export function backgroundFovCoords(bkg: BackgroundIrf, pointing: FixedPointing, geom: WcsGeom, alignment: FovAlignment): Float64Array[] {
  if (bkg instanceof Background2D) return [geom.separation(pointing.ra, pointing.dec, "icrs")];
  const c = geom.getCoord({ frame: "icrs" });
  if (alignment === "RADEC") {
    // getCoord's arrays are new: transformed in place (element i is read before it is written).
    const f = skyToOffsetFrame(c.lon, c.lat, pointing.ra, pointing.dec, { lon: c.lon, lat: c.lat });
    return [f.lon, f.lat];
  }
  const a = pointing.altaz;
  if (a === undefined) {
    throw new DataError("makeMapBackgroundIrf: the background IRF is ALTAZ-aligned but the pointing has no AltAz", {
      hint: "give pointing.altaz = { az, alt, location, time } (observation.pointingAltAz(), its location and mid time)",
    });
  }
  const f = icrsToFovAltAz(c.lon, c.lat, a.az, a.alt, a.location, a.time);
  return [f.lon, f.lat];
}

/**
 * Background counts map on a geometry with an "energy" (reco) axis.
 *
 * @param pointing - the observation's pointing (ICRS; AltAz too for ALTAZ alignment)
 * @param ontime - observation (on) time, not corrected for dead time [s]
 * @param bkg - background rate IRF (2D or 3D)
 * @param geom - map geometry; axes other than "energy" repeat the values
 * @param options - oversampling, fovAlignment
 * @returns predicted counts per pixel and energy bin (unit "")
 * @throws DataError without an energy axis, for a bad oversampling factor or ALTAZ without AltAz
 * @example
 * ```ts
 * makeMapBackgroundIrf({ ra: 83.633, dec: 21.514 }, 1687, bkg3d, geom).data;
 * ```
 */
export function makeMapBackgroundIrf(
  pointing: FixedPointing,
  ontime: number,
  bkg: BackgroundIrf,
  geom: WcsGeom,
  options: BackgroundMapOptions = {},
): WcsNDMap {
  const bins = planeBins(geom, "energy", "makeMapBackgroundIrf");
  const axis = geom.axes.find((a) => a.name === "energy")!;
  const f = options.oversampling ?? 1;
  if (!(Number.isInteger(f) && f >= 1)) {
    throw new DataError(`makeMapBackgroundIrf: oversampling must be a positive integer, got ${f}`, { hint: "give e.g. 2, or leave it out" });
  }
  const fine = f > 1 ? axis.upsample(f) : axis;
  const edges = snapToAxis(fine.edgesIn("TeV"), bkg.axes[0]!);
  const position = backgroundFovCoords(bkg, pointing, geom, options.fovAlignment ?? bkg.fovAlignment);
  const omega = geom.solidAngle();
  const img = omega.length;
  // Planes in energy order (the energy axis alone, the usual counts geometry): summed in
  // place, no copy to spread them over the other axes.
  const direct = bins.length === axis.nbin && bins.every((b, p) => b === p);
  if (direct && f === 1) {
    // One fine bin per bin: the rates are integrated into the counts array and turned
    // into counts there (0 + rate · omega · ontime, the sum below with one term).
    const out = bkg.integrateLogLog(edges, position, new Float64Array(geom.size));
    for (let b = 0; b < axis.nbin; b++) countsPlaneInPlace(out, b * img, omega, ontime, img);
    return new WcsNDMap(geom, out, "");
  }
  // Rate integrated over the fine bins [s-1 sr-1], C order [fine bin][pixel].
  const rate = bkg.integrateLogLog(edges, position);
  const counts = new Float64Array(direct ? geom.size : axis.nbin * img);
  for (let b = 0; b < axis.nbin; b++) {
    for (let k = b * f; k < (b + 1) * f; k++) addCountsPlane(counts, b * img, rate, k * img, omega, ontime, img);
  }
  if (direct) return new WcsNDMap(geom, counts, "");
  const data = new Float64Array(geom.size);
  for (let p = 0; p < bins.length; p++) data.set(counts.subarray(bins[p]! * img, (bins[p]! + 1) * img), p * img);
  return new WcsNDMap(geom, data, "");
}

/**
 * counts[o + i] += rate[r + i] · omega[i] · ontime over one image: a small function of its
 * own, optimised after a plane or two (one loop nest ran interpreted through the call).
 */
function addCountsPlane(counts: Float64Array, o: number, rate: Float64Array, r: number, omega: Float64Array, ontime: number, img: number): void {
  for (let i = 0; i < img; i++) counts[o + i] = counts[o + i]! + rate[r + i]! * omega[i]! * ontime;
}

/** x[o + i] = 0 + x[o + i] · omega[i] · ontime over one image ({@link addCountsPlane} onto zeros, in place). */
function countsPlaneInPlace(x: Float64Array, o: number, omega: Float64Array, ontime: number, img: number): void {
  for (let i = 0; i < img; i++) x[o + i] = 0 + x[o + i]! * omega[i]! * ontime;
}
