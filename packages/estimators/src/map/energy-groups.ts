/**
 * Merging the reconstructed-energy bins of a map dataset into the bins of an estimator, as
 * Gammapy's `resample_energy_axis` / `slice_by_energy` + `to_image` do: requested edges
 * snap to the nearest data edges (`MapAxis.group_table`), data outside the requested range
 * are dropped, counts-like cubes are summed (weighted by the safe mask where Gammapy does)
 * and masks are OR-ed.
 */
import { DataError } from "@gammats/core";
import { MapAxis } from "@gammats/maps";
import { energySlice } from "../energy-slices.js";

/** Data bins [start, stop) merged into one estimator bin. */
export interface EnergyGroup {
  /** First data bin. */
  readonly start: number;
  /** One past the last data bin. */
  readonly stop: number;
}

/** The estimator's energy bins on a dataset. */
export interface EnergyGroups {
  /** Groups of data bins, one per estimator bin. */
  readonly groups: readonly EnergyGroup[];
  /** The estimator's energy axis: the snapped edges, named "energy" [TeV]. */
  readonly axis: MapAxis;
}

/**
 * Groups the data energy bins by requested edges (Gammapy's `group_table` on all edges at
 * once: edges that snap to the same data edge collapse), or into one bin over the whole
 * axis when no edges are given (`MapAxis.squash`).
 *
 * @param axis - the dataset's reconstructed-energy axis (edges)
 * @param energyEdges - requested edges [TeV], increasing; undefined = one bin
 * @returns the groups and the resulting axis
 * @throws DataError when no requested bin overlaps the data
 * @example
 * ```ts
 * const axis = MapAxis.fromEnergyBounds(0.1, 10, 6, { unit: "TeV" });
 * energyGroups(axis, [0.1, 1, 10]).groups; // [{ start: 0, stop: 3 }, { start: 3, stop: 6 }]
 * ```
 */
export function energyGroups(axis: MapAxis, energyEdges?: ArrayLike<number>): EnergyGroups {
  const tev = axis.unit === "TeV" || axis.unit === "" ? axis : axis.toUnit("TeV");
  const dataEdges = tev.edges;
  if (energyEdges === undefined) {
    const edges = [dataEdges[0]!, dataEdges[dataEdges.length - 1]!];
    return { groups: [{ start: 0, stop: tev.nbin }], axis: energyAxis(edges) };
  }
  const groups: EnergyGroup[] = [];
  const edges: number[] = [];
  for (let i = 0; i + 1 < energyEdges.length; i++) {
    // Consecutive pairs snap exactly as the whole edge list does; empty pairs are the
    // duplicates that np.unique removes.
    const s = energySlice(tev, energyEdges[i]!, energyEdges[i + 1]!);
    if (s === undefined) continue;
    if (edges.length === 0) edges.push(dataEdges[s.start]!);
    edges.push(dataEdges[s.stop]!);
    groups.push({ start: s.start, stop: s.stop });
  }
  if (groups.length === 0) {
    throw new DataError(`energy edges [${Array.from(energyEdges).join(", ")}] TeV do not overlap the dataset's energy axis`, {
      hint: `choose edges within ${dataEdges[0]} - ${dataEdges[dataEdges.length - 1]} TeV`,
    });
  }
  return { groups, axis: energyAxis(edges) };
}

function energyAxis(edges: readonly number[]): MapAxis {
  return MapAxis.fromEdges(edges, { name: "energy", unit: "TeV", interp: "log" });
}

/**
 * Sums the planes of a cube over each group: out[g, p] = Σ_{r in g} data[r, p] · w[r, p] ·
 * binWeights[r] (absent weights count as 1).
 *
 * @param data - cube, nBins × planeSize
 * @param groups - the bin groups
 * @param planeSize - pixels per plane
 * @param weights - per-element weights (e.g. the safe mask), same layout as data
 * @param binWeights - per-bin weights (e.g. the edisp safe mask)
 * @returns the merged cube, groups.length × planeSize
 * @example
 * ```ts
 * sumGroups([1, 2, 3, 4], [{ start: 0, stop: 2 }], 2); // [4, 6]
 * ```
 */
export function sumGroups(
  data: ArrayLike<number>,
  groups: readonly EnergyGroup[],
  planeSize: number,
  weights?: ArrayLike<number>,
  binWeights?: ArrayLike<number>,
): Float64Array {
  const out = new Float64Array(groups.length * planeSize);
  groups.forEach((g, k) => {
    const o = k * planeSize;
    for (let r = g.start; r < g.stop; r++) {
      const wb = binWeights === undefined ? 1 : binWeights[r]!;
      if (weights === undefined) addPlane(out, o, data, r * planeSize, wb, planeSize);
      else addWeightedPlane(out, o, data, weights, r * planeSize, wb, planeSize);
    }
  });
  return out;
}

/** out[o + p] += data[base + p] · wb (the same as · 1 · wb). */
function addPlane(out: Float64Array, o: number, data: ArrayLike<number>, base: number, wb: number, n: number): void {
  for (let p = 0; p < n; p++) out[o + p] += data[base + p]! * wb;
}

/** out[o + p] += data[base + p] · weights[base + p] · wb. */
function addWeightedPlane(out: Float64Array, o: number, data: ArrayLike<number>, weights: ArrayLike<number>, base: number, wb: number, n: number): void {
  for (let p = 0; p < n; p++) out[o + p] += data[base + p]! * weights[base + p]! * wb;
}

/**
 * Logical OR of a 0/1 cube over each group (Gammapy resamples masks with `np.logical_or`).
 *
 * @param mask - cube of 0/1, nBins × planeSize
 * @param groups - the bin groups
 * @param planeSize - pixels per plane
 * @returns groups.length × planeSize of 0/1
 */
export function orGroups(mask: ArrayLike<number>, groups: readonly EnergyGroup[], planeSize: number): Uint8Array {
  const out = new Uint8Array(groups.length * planeSize);
  groups.forEach((g, k) => {
    const o = k * planeSize;
    for (let r = g.start; r < g.stop; r++) {
      const base = r * planeSize;
      for (let p = 0; p < planeSize; p++) if (mask[base + p]) out[o + p] = 1;
    }
  });
  return out;
}

/**
 * The mask an estimator uses on merged bins, as Gammapy's `dataset.mask` after resampling:
 * OR(fit mask) ∧ OR(safe mask) over each group, either alone when the other is absent,
 * all pixels when both are.
 *
 * @param groups - the bin groups
 * @param planeSize - pixels per plane
 * @param maskSafe - safe mask cube or undefined
 * @param maskFit - fit mask cube or undefined
 * @returns groups.length × planeSize of 0/1
 */
export function groupMask(
  groups: readonly EnergyGroup[],
  planeSize: number,
  maskSafe: ArrayLike<number> | undefined,
  maskFit: ArrayLike<number> | undefined,
): Uint8Array {
  if (maskSafe === undefined && maskFit === undefined) return new Uint8Array(groups.length * planeSize).fill(1);
  if (maskSafe === undefined) return orGroups(maskFit!, groups, planeSize);
  if (maskFit === undefined) return orGroups(maskSafe, groups, planeSize);
  // Both: one pass per group instead of two OR passes and an AND pass.
  const out = new Uint8Array(groups.length * planeSize);
  for (let k = 0; k < groups.length; k++) orAndGroup(maskSafe, maskFit, groups[k]!, planeSize, out, k * planeSize);
  return out;
}

/** out[o + p] = OR_r a[r, p] ∧ OR_r b[r, p] over the group's planes r. */
function orAndGroup(a: ArrayLike<number>, b: ArrayLike<number>, g: EnergyGroup, planeSize: number, out: Uint8Array, o: number): void {
  for (let p = 0; p < planeSize; p++) {
    let anyA = 0;
    let anyB = 0;
    // Both set: the later planes cannot change the result.
    for (let r = g.start; r < g.stop && (anyA & anyB) === 0; r++) {
      if (a[r * planeSize + p]) anyA = 1;
      if (b[r * planeSize + p]) anyB = 1;
    }
    out[o + p] = anyA & anyB;
  }
}

/**
 * Sums two cubes and merges the bins in one pass: out[g, p] = Σ_{r in g} (a[r, p] + b[r, p]),
 * the same numbers as {@link sumGroups} of the summed cube.
 *
 * @param a - cube, nBins × planeSize
 * @param b - cube of the same layout
 * @param groups - the bin groups
 * @param planeSize - pixels per plane
 * @returns the merged cube, groups.length × planeSize
 * @example
 * ```ts
 * sumGroupsOfSum([1, 2, 3, 4], [1, 1, 1, 1], [{ start: 0, stop: 2 }], 2); // [6, 8]
 * ```
 */
export function sumGroupsOfSum(a: ArrayLike<number>, b: ArrayLike<number>, groups: readonly EnergyGroup[], planeSize: number): Float64Array {
  const out = new Float64Array(groups.length * planeSize);
  for (let k = 0; k < groups.length; k++) {
    const g = groups[k]!;
    for (let r = g.start; r < g.stop; r++) addPlaneSum(out, k * planeSize, a, b, r * planeSize, planeSize);
  }
  return out;
}

/** out[o + p] += a[base + p] + b[base + p]. */
function addPlaneSum(out: Float64Array, o: number, a: ArrayLike<number>, b: ArrayLike<number>, base: number, n: number): void {
  for (let p = 0; p < n; p++) out[o + p] += a[base + p]! + b[base + p]!;
}
