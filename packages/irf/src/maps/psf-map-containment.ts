/**
 * Containment of a PSF map at a sky position, the two ways Gammapy 1.0 computes it:
 *
 * - containment radius (`PSFMap.containment_radius`): the map is seen as an IRF over
 *   (energy_true, rad, lat_idx, lon_idx) — pixel indices as axes — and the running
 *   integral 2π·r·dr·PSF is evaluated with IRF rules (linear, 0 outside the axes) on the
 *   rad axis up-sampled 20 times; the radius is the fine bin centre closest to the fraction;
 * - containment (`PSFMap.containment` → `Map.integral`): the running integral with a 0
 *   prepended, on nodes at the rad edges, padded by one edge-valued node at each end and
 *   interpolated in pixel space with extrapolation (so it is flat beyond the rad axis).
 */
import { MapAxis, WcsNDMap } from "@gammats/maps";
import { cumsumAlongAxis, cumsumImageWindow } from "../axis-cumsum.js";
import { IrfEvaluator } from "../irf-evaluator.js";
import { CONTAINMENT_UPSAMPLE, SR_PER_DEG2, containmentRadGrid, containmentRadii } from "../psf/psf-containment.js";
import type { LonLatIn } from "./sky-position.js";

/** Radial weights 2π·r·dr of the rad bins [deg2] (Gammapy's Jacobian for "rad"). */
export function radWeights(rad: MapAxis): Float64Array {
  const c = rad.centersIn("deg");
  const e = rad.edgesIn("deg");
  return c.map((r, i) => 2 * Math.PI * r * (e[i + 1]! - e[i]!));
}

/**
 * Running integral of a PSF map [sr-1] along rad, as a fraction: Σ 2π r dr PSF · (π/180)²,
 * C order [energy_true][rad][ny][nx] (the map's layout).
 *
 * @param psf - PSF map with axes [rad, energy_true] [sr-1]
 * @returns the running integral (a fraction at the last rad bin for a normalised map)
 */
export function psfCumulative(psf: WcsNDMap): Float64Array {
  const [nx, ny] = psf.geom.npix;
  const [rad, energy] = psf.geom.axes as [MapAxis, MapAxis];
  const w = radWeights(rad).map((v) => v * SR_PER_DEG2);
  return cumsumAlongAxis(psf.data, [energy.nbin, rad.nbin, ny, nx], 1, w, new Float64Array(psf.data.length));
}

/** A rectangle of PSF-map pixels, first and last index of each axis (inclusive). */
export interface PixelWindow {
  readonly y0: number;
  readonly y1: number;
  readonly x0: number;
  readonly x1: number;
}

/** The running integral of {@link psfCumulative} on a window only, C order [energy_true][rad][wy][wx]. */
function windowCumulative(psf: WcsNDMap, win: PixelWindow): Float64Array {
  const [nx, ny] = psf.geom.npix;
  const [rad, energy] = psf.geom.axes as [MapAxis, MapAxis];
  const wx = win.x1 - win.x0 + 1;
  const wy = win.y1 - win.y0 + 1;
  const w = radWeights(rad).map((v) => v * SR_PER_DEG2);
  const out = new Float64Array(energy.nbin * rad.nbin * wy * wx);
  return cumsumImageWindow(psf.data, energy.nbin, rad.nbin, ny, nx, win.y0, wy, win.x0, wx, w, out);
}

/**
 * An evaluator of the containment fraction at (energy_true, rad, y pixel, x pixel) with
 * Gammapy's IRF rules, for {@link psfContainmentRadius}.
 *
 * With a window, the grid holds only its pixels, on pixel axes whose nodes are the same
 * pixel indices as the whole map's. It gives the whole map's values at a point whose
 * interpolation cell (the nodes c, c + 1 the whole map's grid locates it in, per pixel
 * axis, extrapolation cells included) lies in the window, and at any point outside the
 * map (fill value on both): the same cell, fraction and corner values; zero-weight
 * corners skipped or not add exactly +0. See {@link containmentWindow}.
 *
 * @param psf - PSF map with axes [rad, energy_true] [sr-1]
 * @param window - pixels to keep (default all)
 * @returns the evaluator
 */
export function containmentEvaluator(psf: WcsNDMap, window?: PixelWindow): IrfEvaluator {
  const [nx, ny] = psf.geom.npix;
  const [rad, energy] = psf.geom.axes as [MapAxis, MapAxis];
  const win = window ?? { y0: 0, y1: ny - 1, x0: 0, x1: nx - 1 };
  // Edges (k − 0.5) computed per pixel index as for the whole map: the same centres.
  const idxAxis = (k0: number, k1: number, name: string) =>
    MapAxis.fromEdges(Float64Array.from({ length: k1 - k0 + 2 }, (_, i) => k0 + i - 0.5), { name, interp: "lin" });
  const axes = [
    energy,
    MapAxis.fromNodes(rad.edges.slice(1), { name: "rad", unit: rad.unit, interp: rad.interp }),
    idxAxis(win.y0, win.y1, "lat_idx"),
    idxAxis(win.x0, win.x1, "lon_idx"),
  ];
  const values = window === undefined ? psfCumulative(psf) : windowCumulative(psf, win);
  return new IrfEvaluator(axes, values, { method: "linear", valuesScale: "lin", fillValue: 0 });
}

/**
 * Pixels kept around a point's cell by {@link containmentWindow} on each side: none, the
 * cell's 2 × 2 pixels (a fit's positions stay in one cell of the coarse PSF map; another
 * cell costs a window of its own, as cheap).
 */
const WINDOW_MARGIN = 0;

/**
 * First node of the cell the interpolation locates pixel coordinate v in, on n nodes
 * 0 … n − 1 (the extrapolation cells at the ends; 0 for NaN and for n < 2).
 */
function pixelCell(v: number, n: number): number {
  if (n < 2 || !(v >= 0)) return 0;
  if (v >= n - 1) return n - 2;
  return Math.floor(v);
}

/**
 * The window of {@link containmentEvaluator} for a point at pixel (y, x): its cell's two
 * nodes per axis (the interpolation's corners) and {@link WINDOW_MARGIN} more on each
 * side, clipped to the map. A map axis of one
 * pixel keeps it (the grid drops such an axis either way).
 *
 * @param nx - map width [pixels]
 * @param ny - map height [pixels]
 * @param y - pixel coordinate
 * @param x - pixel coordinate
 * @returns the window
 */
export function containmentWindow(nx: number, ny: number, y: number, x: number): PixelWindow {
  const cy = pixelCell(y, ny);
  const cx = pixelCell(x, nx);
  return {
    y0: Math.max(0, cy - WINDOW_MARGIN),
    y1: Math.min(ny - 1, cy + 1 + WINDOW_MARGIN),
    x0: Math.max(0, cx - WINDOW_MARGIN),
    x1: Math.min(nx - 1, cx + 1 + WINDOW_MARGIN),
  };
}

/** Windowed evaluators kept per PSF map (a fit moves within a pixel or two). */
const WINDOW_CACHE_SIZE = 4;

/**
 * Containment evaluators of one PSF map for points, each on a small window of pixels
 * around the point (see {@link containmentEvaluator}) instead of the whole map: a radius
 * needs the rad profiles of the four pixels around a position, not the running integral
 * of every pixel. The last few windows are kept; a window serves every point whose cell
 * it holds. The map's values must not change while this is in use (PSFMap drops it when
 * stacking).
 */
export class ContainmentWindows {
  private readonly windows: { win: PixelWindow; evaluator: IrfEvaluator }[] = [];

  /** @param psf - PSF map with axes [rad, energy_true] [sr-1] */
  constructor(readonly psf: WcsNDMap) {}

  /**
   * An evaluator that gives the whole map's values at pixel (y, x).
   *
   * @param y - pixel coordinate
   * @param x - pixel coordinate
   * @returns the evaluator
   */
  at(y: number, x: number): IrfEvaluator {
    const [nx, ny] = this.psf.geom.npix;
    const cy = pixelCell(y, ny);
    const cx = pixelCell(x, nx);
    const cy1 = Math.min(cy + 1, ny - 1);
    const cx1 = Math.min(cx + 1, nx - 1);
    const hit = this.windows.find(({ win }) => win.y0 <= cy && cy1 <= win.y1 && win.x0 <= cx && cx1 <= win.x1);
    if (hit !== undefined) return hit.evaluator;
    const win = containmentWindow(nx, ny, y, x);
    const evaluator = containmentEvaluator(this.psf, win);
    this.windows.unshift({ win, evaluator });
    if (this.windows.length > WINDOW_CACHE_SIZE) this.windows.pop();
    return evaluator;
  }
}

/**
 * Containment radii at one position (Gammapy's `PSFMap.containment_radius`).
 *
 * @param psf - PSF map [sr-1]
 * @param evaluators - the map's {@link ContainmentWindows}
 * @param fraction - fractions, broadcast with energyTrue
 * @param energyTrue - true energies [axis unit]
 * @param position - position in the map frame
 * @returns radii [deg]
 */
export function psfContainmentRadius(
  psf: WcsNDMap,
  evaluators: ContainmentWindows,
  fraction: ArrayLike<number>,
  energyTrue: ArrayLike<number>,
  position: LonLatIn,
): Float64Array {
  const pix = psf.geom.skyToPix(Float64Array.of(position.lon), Float64Array.of(position.lat));
  const grid = containmentRadGrid(psf.geom.axes[0]!, CONTAINMENT_UPSAMPLE);
  const y = Float64Array.of(pix.y[0]!);
  const x = Float64Array.of(pix.x[0]!);
  const evaluator = evaluators.at(y[0]!, x[0]!);
  const e = new Float64Array(1);
  return containmentRadii(
    fraction,
    energyTrue,
    [0],
    grid,
    (energy, _offset, rad, out) => {
      e[0] = energy;
      return evaluator.evaluate([e, rad, y, x], out);
    },
    "PSFMap.containmentRadius",
  );
}

/**
 * The padded running-integral map of {@link psfContainment}: rad nodes at the bin edges
 * plus one extrapolated node at each end, values 0, running sums, and the total again.
 *
 * @param psf - PSF map [sr-1]
 * @returns the map (fractions)
 */
export function paddedCumulativeMap(psf: WcsNDMap): WcsNDMap {
  const [nx, ny] = psf.geom.npix;
  const [rad, energy] = psf.geom.axes as [MapAxis, MapAxis];
  const nodes = MapAxis.fromNodes(rad.edges, { name: "rad", unit: rad.unit, interp: rad.interp });
  const pix = Float64Array.from({ length: rad.nbin + 3 }, (_, i) => i - 1);
  const padded = MapAxis.fromNodes(nodes.pixToCoord(pix), { name: "rad", unit: rad.unit, interp: rad.interp });
  const cum = psfCumulative(psf);
  const img = nx * ny;
  const nr = rad.nbin;
  const data = new Float64Array(energy.nbin * (nr + 3) * img);
  for (let e = 0; e < energy.nbin; e++) {
    for (let i = 0; i < img; i++) {
      const base = e * (nr + 3) * img + i;
      // [0 (pad), 0, c_0 .. c_{n-1}, c_{n-1} (pad)]
      for (let r = 0; r < nr; r++) data[base + (r + 2) * img] = cum[(e * nr + r) * img + i]!;
      data[base + (nr + 2) * img] = cum[(e * nr + nr - 1) * img + i]!;
    }
  }
  return new WcsNDMap(psf.geom.toImage().toCube([padded, energy]), data);
}

/**
 * Containment fractions within radii at one position (Gammapy's `PSFMap.containment`).
 *
 * @param padded - from {@link paddedCumulativeMap}
 * @param rad - radii [deg], broadcast with energyTrue
 * @param energyTrue - true energies [axis unit]
 * @param position - position in the map frame
 * @returns fractions
 */
export function psfContainment(padded: WcsNDMap, rad: ArrayLike<number>, energyTrue: ArrayLike<number>, position: LonLatIn): Float64Array {
  return padded.interpByCoord({ lon: position.lon, lat: position.lat, frame: position.frame, rad, energy_true: energyTrue });
}
