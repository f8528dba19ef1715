/**
 * The dataset preparation of Gammapy's `TSMapEstimator.run`: zero padding by the kernel's
 * half size (so every cut-out fits), optional downsampling, and the padding rule used
 * with downsampling (sizes rounded up to multiples of 8, `shape_2N`).
 */
import { DataError } from "@gammats/core";
import { WcsGeom } from "@gammats/maps";
import type { MapEstimatorDataset } from "./map-estimator-dataset.js";
import { blockReduceCube, padCube } from "./map-resample.js";
import type { AnyMapDataset } from "@gammats/datasets";
import { mapEstimatorDataset } from "./map-dataset-adapter.js";
import type { TsMapDataset } from "./ts-psf-kernel.js";

/**
 * Pad widths [padY, padX] for a kernel of ky × kx pixels: Gammapy passes (ky//2, kx//2)
 * where `Map.pad` reads (x, y), so rows get kx//2 and columns ky//2. With downsampling both
 * become half the growth of the rows to the next multiple of 8 (above ny + 2 pads).
 *
 * @param ny - image rows
 * @param nx - image columns
 * @param ky - kernel rows
 * @param kx - kernel columns
 * @param factor - downsampling factor (undefined or 1: none)
 * @returns [padY, padX]
 * @throws DataError when the growth is odd on an axis (Gammapy cannot pad symmetrically)
 */
export function tsPadWidth(ny: number, nx: number, ky: number, kx: number, factor: number | undefined): [number, number] {
  const py = ky >> 1;
  const px = kx >> 1;
  if (factor === undefined || factor <= 1) return [px, py];
  // symmetric_crop_pad_width((ny, nx), shape_2N((ny + 2 py, nx + 2 px)))[0]
  const grow = (n: number) => 8 - (n % 8);
  const dy = 2 * py + grow(ny + 2 * py);
  const dx = 2 * px + grow(nx + 2 * px);
  if (dy % 2 !== 0 || dx % 2 !== 0) {
    throw new DataError(`TSMapEstimator: cannot pad a ${nx} x ${ny} map symmetrically for downsampling`, {
      hint: "use an image size that becomes a multiple of 8 with even padding, or no downsampling",
    });
  }
  return [dy / 2, dy / 2];
}

/**
 * The padded (zeros outside) and optionally downsampled dataset: counts and background
 * summed over blocks with the safe mask as weights, exposure averaged, masks OR-ed, model
 * counts summed.
 *
 * @param d - the dataset
 * @param padY - rows added on each side
 * @param padX - columns added on each side
 * @param factor - downsampling factor (undefined or 1: none)
 * @returns the prepared dataset
 * @throws DataError when the padded size is not divisible by the factor
 */
export function prepareTsDataset(d: MapEstimatorDataset, padY: number, padX: number, factor: number | undefined): MapEstimatorDataset {
  const [nx, ny] = d.geom.npix;
  const nE = d.geom.axes[0]!.nbin;
  const nT = d.exposure?.energyAxisTrue.nbin ?? 0;
  const pad = (c: ArrayLike<number> | undefined, planes = nE) => (c === undefined ? undefined : padCube(c, planes, ny, nx, padY, padX));
  const c0 = d.geom.wcs.crpix;
  let geom = new WcsGeom(d.geom.wcs.copy({ crpix: [c0[0] + padX, c0[1] + padY] }), [nx + 2 * padX, ny + 2 * padY], d.geom.axes);
  let counts = pad(d.counts)!;
  let background = pad(d.background);
  let npredSignal = pad(d.npredSignal);
  let maskSafe = pad(d.maskSafe);
  let maskFit = pad(d.maskFit);
  let exposure = d.exposure === undefined ? undefined : pad(d.exposure.data, nT);
  if (factor !== undefined && factor > 1) {
    const [NX, NY] = geom.npix;
    geom = geom.downsample(factor);
    counts = blockReduceCube(counts, nE, NY, NX, factor, "sum", maskSafe);
    background = background && blockReduceCube(background, nE, NY, NX, factor, "sum", maskSafe);
    npredSignal = npredSignal && blockReduceCube(npredSignal, nE, NY, NX, factor, "sum");
    exposure = exposure && blockReduceCube(exposure, nT, NY, NX, factor, "mean");
    maskSafe = maskSafe && blockReduceCube(maskSafe, nE, NY, NX, factor, "or");
    maskFit = maskFit && blockReduceCube(maskFit, nE, NY, NX, factor, "or");
  }
  return {
    name: d.name,
    geom,
    counts,
    background,
    npredSignal,
    maskSafe,
    maskFit,
    exposure: d.exposure === undefined ? undefined : { energyAxisTrue: d.exposure.energyAxisTrue, data: exposure! },
    edisp: d.edisp,
  };
}

/**
 * The TS-map view of a @gammats/datasets map dataset: {@link mapEstimatorDataset}'s
 * arrays plus the dataset's PSF, which {@link TSMapEstimator} folds into its kernel.
 *
 * @param dataset - a MapDataset (on-off datasets are refused by the estimator)
 * @returns the estimator dataset with `psf`
 * @throws DataError as {@link mapEstimatorDataset}
 * @example
 * ```ts
 * const maps = new TSMapEstimator({ kernelWidth: "0.5 deg" }).run(tsMapDataset(stacked));
 * ```
 */
export function tsMapDataset(dataset: AnyMapDataset): TsMapDataset {
  return { ...mapEstimatorDataset(dataset), psf: dataset.psf ?? undefined };
}
