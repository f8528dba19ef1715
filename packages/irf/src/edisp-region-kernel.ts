/**
 * The energy-dispersion kernel of a region geometry, computed as Gammapy 1.0 computes it
 * (`make_edisp_kernel_map` → `EDispMap.to_edisp_kernel_map` → `Map.integral`): the running
 * integral of the normalised migration pdf, padded by one node at each end, is
 * interpolated bilinearly over (migra pixel, true-energy pixel) — SciPy's 2D
 * `RegularGridInterpolator` with extrapolation — at μ = E_reco edge / E_true centre, and
 * differenced along reco energy.
 *
 * The arithmetic follows SciPy operation by operation (degree-1 B-spline axis transforms,
 * the bilinear corner sum), because it matters: the true-energy pixel of a bin centre
 * lands a few 1e-16 off its node, and far beyond the last migra node the extrapolation
 * turns that into kernel entries of ~1e-13 where the exact answer is 0. A single event in
 * such a reco bin costs Cash ~50 with those entries and ~115 without.
 */
import type { MapAxis } from "@gammats/maps";
import { scaleForward, scaleInverse } from "@gammats/maps";

/**
 * A degree-1 B-spline through (x[j], y[j]) at v, with SciPy's arithmetic
 * (`make_interp_spline(x, y, k=1)`, de Boor on knots [x0, x0, x1, …, xn, xn], linear
 * extrapolation from the end intervals). This is how Gammapy's `MapAxis` converts between
 * coordinates and pixels (`interp1d(kind=1)`).
 *
 * @param x - ascending nodes (length >= 2)
 * @param y - values at the nodes (`undefined`: y[j] = j)
 * @param v - where to evaluate
 * @returns the interpolated value (NaN for NaN)
 * @example
 * ```ts
 * bspline1(new Float64Array([0, 1, 2]), new Float64Array([0, 10, 20]), 1.5); // 15
 * ```
 */
export function bspline1(x: Float64Array, y: Float64Array | undefined, v: number): number {
  const n = x.length;
  if (v !== v) return NaN;
  // Interval l with x[l-1] <= v < x[l], clamped to [1, n-1].
  let l: number;
  if (!(v >= x[0]!)) l = 1;
  else if (v >= x[n - 1]!) l = n - 1;
  else {
    let lo = 0;
    let hi = n - 1;
    while (hi - lo > 1) {
      const mid = (lo + hi) >>> 1;
      if (x[mid]! <= v) lo = mid;
      else hi = mid;
    }
    l = lo + 1;
  }
  const xa = x[l - 1]!;
  const xb = x[l]!;
  if (xb === xa) return y === undefined ? l : y[l]!;
  const w = 1 / (xb - xa);
  const h0 = w * (xb - v);
  const h1 = w * (v - xa);
  const y0 = y === undefined ? l - 1 : y[l - 1]!;
  const y1 = y === undefined ? l : y[l]!;
  return y0 * h0 + y1 * h1;
}

/**
 * Bin centres of an axis as Gammapy computes them (`pix_to_coord` of 0, 1, … through the
 * degree-1 spline in the axis scale); equal to `axis.centers` up to the last bit.
 *
 * @param axis - an axis with edges as nodes
 * @returns the centres [axis unit]
 * @example
 * ```ts
 * gammapyCenters(MapAxis.fromEdges([1, 100], { interp: "log" })); // [10]
 * ```
 */
export function gammapyCenters(axis: MapAxis): Float64Array {
  if (axis.nodeType === "center") return Float64Array.from(axis.nodes);
  const scaled = Float64Array.from(axis.nodes, (v) => scaleForward(v, axis.interp));
  const pix = Float64Array.from(scaled, (_, i) => i);
  const out = new Float64Array(axis.nbin);
  for (let i = 0; i < out.length; i++) out[i] = scaleInverse(bspline1(pix, scaled, i + 0.5), axis.interp);
  return out;
}

/**
 * Fractional pixels of coordinates on an axis as Gammapy computes them (`coord_to_pix`:
 * the degree-1 spline over the scaled nodes, extrapolating, plus −0.5 for edge nodes).
 *
 * @param axis - the axis
 * @param coord - coordinates [axis unit]
 * @returns pixel coordinates
 */
export function gammapyCoordToPix(axis: MapAxis, coord: ArrayLike<number>): Float64Array {
  const scaled = Float64Array.from(axis.nodes, (v) => scaleForward(v, axis.interp));
  const offset = axis.nodeType === "edges" ? -0.5 : 0;
  const out = new Float64Array(coord.length);
  for (let i = 0; i < out.length; i++) out[i] = bspline1(scaled, undefined, scaleForward(coord[i]!, axis.interp)) + offset;
  return out;
}

/** Cell index and normalised distance on the grid 0, 1, …, n−1 (SciPy's `find_indices`). */
function pixelCell(p: number, n: number): [number, number] {
  let i: number;
  if (!(p >= 0)) i = 0;
  else if (p >= n - 1) i = n - 2;
  else i = Math.floor(p);
  return [i, p - i];
}

/**
 * Reco-energy bin probabilities from migration pdfs, with Gammapy 1.0's arithmetic for a
 * region geometry.
 *
 * Per true energy t (row of `pdf`): the pdf is divided by the maximum of its running
 * integral over μ (NaN → 0); its running integral C on the migra edges (0 first) is padded
 * with one copy of each end value, on the migra axis extended by one node each side. The
 * probability of reco bin r is max(0, F(r+1) − F(r)), where F(r) interpolates C bilinearly
 * in (migra pixel of E_r / E_t, true-energy pixel of E_t), extrapolating linearly.
 *
 * @param pdf - dP/dμ at the true-energy centres × migra centres, C order [true][migra]
 * @param energyTrue - true-energy axis (its centres are the rows' energies)
 * @param energyTrueCenters - the rows' true energies [axis unit], as used for `pdf`
 * @param migra - migration axis (edges as nodes)
 * @param recoEdges - reco-energy bin edges [same unit as energyTrueCenters]
 * @returns probabilities, C order [true energy][reco bin]
 * @example
 * ```ts
 * const c = gammapyCenters(etrue);
 * regionMigraKernel(edisp.evaluateGrid([c, gammapyCenters(migra), [0.5]]), etrue, c, migra, ereco.edges);
 * ```
 */
export function regionMigraKernel(
  pdf: Float64Array,
  energyTrue: MapAxis,
  energyTrueCenters: Float64Array,
  migra: MapAxis,
  recoEdges: ArrayLike<number>,
): Float64Array {
  const nt = energyTrueCenters.length;
  const nm = migra.nbin;
  const nr = recoEdges.length - 1;
  const e = migra.edges;
  const widths = new Float64Array(nm);
  for (let m = 0; m < nm; m++) widths[m] = e[m + 1]! - e[m]!;

  // Running integral per row, padded by its end values: C order [migra node][true energy],
  // nm + 3 nodes (the layout of Gammapy's transposed, squeezed map data).
  const np = nm + 3;
  const cum = new Float64Array(np * nt);
  const norm = new Float64Array(nm);
  for (let t = 0; t < nt; t++) {
    const row = t * nm;
    let acc = 0;
    let max = 0;
    for (let m = 0; m < nm; m++) {
      acc += pdf[row + m]! * widths[m]!;
      if (acc > max || Number.isNaN(acc)) max = acc;
    }
    for (let m = 0; m < nm; m++) {
      const v = pdf[row + m]! / max;
      norm[m] = Number.isNaN(v) ? 0 : v === Infinity ? Number.MAX_VALUE : v === -Infinity ? -Number.MAX_VALUE : v;
    }
    let c = 0;
    cum[t] = 0;
    cum[nt + t] = 0;
    for (let m = 0; m < nm; m++) {
      c += norm[m]! * widths[m]!;
      cum[(m + 2) * nt + t] = c;
    }
    cum[(nm + 2) * nt + t] = c;
  }

  // Migra nodes of the running integral (the edges), padded by linear extrapolation in
  // pixels, as MapAxis.pad does for a node axis.
  const nodes = new Float64Array(np);
  const sm = Float64Array.from(e, (v) => scaleForward(v, migra.interp));
  for (let j = 0; j <= nm; j++) nodes[j + 1] = scaleInverse(sm[j]!, migra.interp);
  nodes[0] = scaleInverse(sm[0]! * 2 + sm[1]! * -1, migra.interp);
  nodes[np - 1] = scaleInverse(sm[nm - 1]! * -1 + sm[nm]! * 2, migra.interp);
  const scaledNodes = Float64Array.from(nodes, (v) => scaleForward(v, migra.interp));

  const etPix = gammapyCoordToPix(energyTrue, energyTrueCenters);
  const values = new Float64Array(nr + 1);
  const out = new Float64Array(nt * nr);
  for (let t = 0; t < nt; t++) {
    const et = energyTrueCenters[t]!;
    const [i1, y1] = pixelCell(etPix[t]!, nt);
    for (let r = 0; r <= nr; r++) {
      const mu = recoEdges[r]! / et;
      const [i0, y0] = pixelCell(bspline1(scaledNodes, undefined, scaleForward(mu, migra.interp)), np);
      if (nt === 1) {
        // One true-energy bin: SciPy drops the length-1 dimension, 1D interpolation.
        values[r] = cum[i0]! * (1 - y0) + cum[i0 + 1]! * y0;
        continue;
      }
      // SciPy's evaluate_linear_2d, term by term and in its order.
      const a = i0 * nt + i1;
      const b = (i0 + 1) * nt + i1;
      let s = 0;
      s = s + cum[a]! * (1 - y0) * (1 - y1);
      s = s + cum[a + 1]! * (1 - y0) * y1;
      s = s + cum[b]! * y0 * (1 - y1);
      s = s + cum[b + 1]! * y0 * y1;
      values[r] = s;
    }
    for (let r = 0; r < nr; r++) {
      const d = values[r + 1]! - values[r]!;
      out[t * nr + r] = d > 0 ? d : 0;
    }
  }
  return out;
}
