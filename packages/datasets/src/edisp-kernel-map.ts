/**
 * The energy dispersion of a 1D dataset: Gammapy's `EDispKernelMap` on one region, kept
 * as the kernel plus the exposure it was averaged with (the weights of stacking).
 */
import { DataError } from "@gammats/core";
import { EDispKernel } from "@gammats/irf";
import { finiteOrZero } from "./non-finite.js";

/** Energy dispersion of a spectrum dataset (Gammapy's `EDispKernelMap` for a region). */
export interface EDispKernelMap {
  /** The kernel, pdfMatrix[true × reco]. */
  readonly kernel: EDispKernel;
  /**
   * Exposure per true-energy bin [cm2 s] the kernel is weighted with when stacked
   * (Gammapy's `exposure_map`); null when unknown — such kernels cannot be stacked.
   */
  readonly exposure: Float64Array | null;
}

/**
 * Wraps a kernel with its stacking exposure.
 *
 * @param kernel - the kernel
 * @param exposure - exposure per true bin [cm2 s], or null
 * @returns the record (exposure copied)
 * @throws DataError when the exposure length differs from the kernel's true bins
 * @example
 * ```ts
 * edispKernelMap(EDispKernel.fromDiagonalResponse(etrue), exposure.data);
 * ```
 */
export function edispKernelMap(kernel: EDispKernel, exposure: ArrayLike<number> | null = null): EDispKernelMap {
  if (exposure !== null && exposure.length !== kernel.nTrue) {
    throw new DataError(`edisp exposure has ${exposure.length} values but the kernel has ${kernel.nTrue} true-energy bins`, {
      hint: "give one exposure value [cm2 s] per true-energy bin",
    });
  }
  return { kernel, exposure: exposure === null ? null : Float64Array.from(exposure) };
}

/**
 * Stacks a kernel into another as Gammapy's `IRFMap.stack`: both are weighted by their
 * exposure, the other's columns by its safe mask (reco bins), its exposure counted when
 * any reco bin is safe; the sum is divided by the summed exposure (0/0 → 0).
 *
 * @param target - the kernel stacked into
 * @param other - the kernel added
 * @param otherMaskSafe - the other dataset's safe mask (reco bins), null for all bins
 * @param where - names of the datasets, for messages
 * @returns the stacked kernel and exposure
 * @throws DataError when an exposure is missing or the axes differ
 */
export function stackEdispKernelMaps(
  target: EDispKernelMap,
  other: EDispKernelMap,
  otherMaskSafe: Uint8Array | null,
  where: string,
): EDispKernelMap {
  const a = target.kernel;
  const b = other.kernel;
  if (target.exposure === null || other.exposure === null) {
    throw new DataError(`cannot stack the energy dispersion of ${where}: missing edisp exposure`, {
      hint: "give the edisp an exposure per true-energy bin (Gammapy: EDispKernelMap.exposure_map)",
    });
  }
  if (a.nTrue !== b.nTrue || a.nReco !== b.nReco) {
    throw new DataError(`cannot stack the energy dispersion of ${where}: kernels of ${a.nTrue}×${a.nReco} and ${b.nTrue}×${b.nReco} bins`, {
      hint: "stack datasets made with the same true and reco energy axes",
    });
  }
  const nt = a.nTrue;
  const nr = a.nReco;
  let anySafe = otherMaskSafe === null;
  if (otherMaskSafe !== null) for (let r = 0; r < nr; r++) if (otherMaskSafe[r] !== 0) anySafe = true;
  const data = new Float64Array(nt * nr);
  const exposure = new Float64Array(nt);
  const pa = a.pdfMatrix;
  const pb = b.pdfMatrix;
  for (let t = 0; t < nt; t++) {
    const ea = target.exposure[t]!;
    const eb = other.exposure[t]!;
    const e = ea + (anySafe ? finiteOrZero(eb) : 0);
    exposure[t] = e;
    for (let r = 0; r < nr; r++) {
      const w = otherMaskSafe === null ? 1 : otherMaskSafe[r]!;
      const sum = pa[t * nr + r]! * ea + finiteOrZero(pb[t * nr + r]! * eb) * w;
      const v = sum / e;
      // numpy nan_to_num of the quotient: 0/0 → 0.
      data[t * nr + r] = v === v ? (v === Infinity ? Number.MAX_VALUE : v) : 0;
    }
  }
  const kernel = new EDispKernel({ axes: a.axes, data, meta: { ...a.meta } });
  return { kernel, exposure };
}
