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
import { cumsumAlongAxis } from "../axis-cumsum.js";
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

/**
 * An evaluator of the containment fraction at (energy_true, rad, y pixel, x pixel) with
 * Gammapy's IRF rules, for {@link psfContainmentRadius}.
 *
 * @param psf - PSF map with axes [rad, energy_true] [sr-1]
 * @returns the evaluator
 */
export function containmentEvaluator(psf: WcsNDMap): IrfEvaluator {
  const [nx, ny] = psf.geom.npix;
  const [rad, energy] = psf.geom.axes as [MapAxis, MapAxis];
  const idxAxis = (n: number, name: string) => MapAxis.fromEdges(Float64Array.from({ length: n + 1 }, (_, i) => i - 0.5), { name, interp: "lin" });
  const axes = [
    energy,
    MapAxis.fromNodes(rad.edges.slice(1), { name: "rad", unit: rad.unit, interp: rad.interp }),
    idxAxis(ny, "lat_idx"),
    idxAxis(nx, "lon_idx"),
  ];
  return new IrfEvaluator(axes, psfCumulative(psf), { method: "linear", valuesScale: "lin", fillValue: 0 });
}

/**
 * Containment radii at one position (Gammapy's `PSFMap.containment_radius`).
 *
 * @param psf - PSF map [sr-1]
 * @param evaluator - from {@link containmentEvaluator}
 * @param fraction - fractions, broadcast with energyTrue
 * @param energyTrue - true energies [axis unit]
 * @param position - position in the map frame
 * @returns radii [deg]
 */
export function psfContainmentRadius(
  psf: WcsNDMap,
  evaluator: IrfEvaluator,
  fraction: ArrayLike<number>,
  energyTrue: ArrayLike<number>,
  position: LonLatIn,
): Float64Array {
  const pix = psf.geom.skyToPix(Float64Array.of(position.lon), Float64Array.of(position.lat));
  const grid = containmentRadGrid(psf.geom.axes[0]!, CONTAINMENT_UPSAMPLE);
  const y = Float64Array.of(pix.y[0]!);
  const x = Float64Array.of(pix.x[0]!);
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
