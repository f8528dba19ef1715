/**
 * Which reconstructed-energy bins of a dataset make up one flux-point bin: the requested
 * edges are snapped to the nearest bin edges of the data, as Gammapy's
 * `Dataset.slice_by_energy` (through `MapAxis.group_table`) does.
 */
import { DataError } from "@gammats/core";
import { MapAxis } from "@gammats/maps";

/** Data bins [start, stop) that make up one flux-point bin, and their outer edges. */
export interface EnergySlice {
  /** First data bin. */
  start: number;
  /** One past the last data bin. */
  stop: number;
  /** Lower edge of bin `start` [TeV]. */
  energyMin: number;
  /** Upper edge of bin `stop − 1` [TeV]. */
  energyMax: number;
}

/** numpy's `round`: halves go to the even neighbour. */
function roundHalfEven(x: number): number {
  const r = Math.round(x);
  return Math.abs(x - Math.trunc(x)) === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

/**
 * Snaps [energyMin, energyMax] to the edges of a data axis: each requested edge moves to
 * the nearest data edge (nearest in the axis scale, so in log energy for energy axes),
 * after clipping to the axis range. When both land on the same edge the data do not
 * cover the range and the dataset is left out of that flux point (undefined).
 *
 * @param axis - reconstructed-energy axis of the data (node type "edges")
 * @param energyMin - requested lower edge [TeV]
 * @param energyMax - requested upper edge [TeV]
 * @returns the bins and their edges, or undefined when no bin is selected
 * @throws DataError for an axis with centre nodes
 * @example
 * ```ts
 * const axis = MapAxis.fromEnergyBounds(0.1, 100, 12, { unit: "TeV" });  // edges 0.1, 0.178, 0.316, ...
 * energySlice(axis, 0.3, 1);   // { start: 2, stop: 4, energyMin: 0.316…, energyMax: 1 }
 * energySlice(axis, 200, 300); // undefined
 * ```
 */
export function energySlice(axis: MapAxis, energyMin: number, energyMax: number): EnergySlice | undefined {
  if (axis.nodeType !== "edges") {
    throw new DataError(`energy axis '${axis.name}' has centre nodes; flux points need bin edges`, {
      hint: "give the dataset an energy axis defined by its edges",
    });
  }
  const tev = axis.unit === "TeV" || axis.unit === "" ? axis : axis.toUnit("TeV");
  const pix = tev.coordToPix([energyMin, energyMax]);
  const idx = new Float64Array(2);
  for (let i = 0; i < 2; i++) {
    const clipped = Math.min(Math.max(pix[i]!, -0.5), tev.nbin - 0.5);
    idx[i] = roundHalfEven(clipped + 0.5) - 0.5;
  }
  if (!(idx[1]! > idx[0]!)) return undefined;
  const edges = tev.pixToCoord(idx);
  return { start: idx[0]! + 0.5, stop: idx[1]! + 0.5, energyMin: edges[0]!, energyMax: edges[1]! };
}

/**
 * Checks that all datasets share one energy binning (Gammapy's `energy_axes_are_aligned`,
 * numpy's allclose on the edges) and returns it.
 *
 * @param axes - the datasets' reconstructed-energy axes
 * @param names - dataset names, for the message
 * @returns the first axis
 * @throws DataError when there is no axis or the edges differ
 */
export function alignedEnergyAxis(axes: readonly MapAxis[], names: readonly string[]): MapAxis {
  const first = axes[0];
  if (first === undefined) throw new DataError("no datasets given", { hint: "pass at least one dataset" });
  axes.forEach((axis, i) => {
    const same = axis.nbin === first.nbin && axis.toUnit(first.unit).isAllclose(first);
    if (!same) {
      throw new DataError(`dataset '${names[i]}' has other energy bins than '${names[0]}'`, {
        hint: "all datasets must have aligned energy axes; resample them to one binning",
      });
    }
  });
  return first;
}

/**
 * A mask of the bins of one energy slice, energy being the slowest axis of the data:
 * 1 where the data bin is in [start, stop) and `mask` (if any) is 1.
 *
 * @param slice - the energy bins
 * @param nbin - number of energy bins of the data
 * @param size - number of data bins (nbin × bins per energy)
 * @param mask - the dataset's fit mask (safe ∧ fit), undefined = all bins
 * @returns the combined mask
 * @throws DataError when `size` is not a multiple of `nbin`
 */
export function sliceMask(slice: EnergySlice, nbin: number, size: number, mask: Uint8Array | undefined): Uint8Array {
  if (size % nbin !== 0) {
    throw new DataError(`data of ${size} bins do not divide into ${nbin} energy bins`, {
      hint: "the energy axis must be the slowest axis of the counts",
    });
  }
  const perEnergy = size / nbin;
  const out = new Uint8Array(size);
  for (let i = slice.start * perEnergy; i < slice.stop * perEnergy; i++) out[i] = mask === undefined || mask[i] ? 1 : 0;
  return out;
}
