/**
 * The energy thresholds behind SafeMaskMaker's methods, as Gammapy 1.0's
 * `make_mask_energy_*`: plain functions over the arrays a dataset holds.
 */
import type { EDispKernel } from "@gammats/irf";
import { templateInverse } from "./template-inverse.js";

/**
 * Lower safe energy of "aeff-max": where the effective area first reaches `percent` % of
 * its maximum (Gammapy inverts the tabulated area, log-log, between the first true energy
 * with a positive area and the last; when that fails the first such energy is returned).
 *
 * @param energyTrue - true-energy bin centres [TeV]
 * @param aeff - effective area at those energies (any unit), e.g. exposure / livetime
 * @param percent - threshold in % of the maximum
 * @returns the threshold true energy [TeV]; NaN when the area is nowhere positive
 * @example
 * ```ts
 * aeffMaxEnergy(etrue.centers, aeff, 10); // 0.6085 TeV for H.E.S.S. run 23592 at the Crab
 * ```
 */
export function aeffMaxEnergy(energyTrue: ArrayLike<number>, aeff: ArrayLike<number>, percent: number): number {
  let first = -1;
  let max = -Infinity;
  for (let i = 0; i < aeff.length; i++) {
    const v = aeff[i]!;
    if (first < 0 && v > 0) first = i;
    // NumPy's max propagates NaN.
    if (Number.isNaN(v) || v > max) max = v;
  }
  if (first < 0) return NaN;
  const lo = energyTrue[first]!;
  const root = templateInverse(energyTrue, aeff, (percent / 100) * max, lo, energyTrue[energyTrue.length - 1]!);
  return Number.isNaN(root) ? lo : root;
}

/**
 * Lower safe energy of "edisp-bias" (Gammapy's `EDispKernel.get_bias_energy`): the true
 * energy above the bias peak where the bias (⟨E_reco⟩ − E_true) / E_true falls to
 * `percent` %, converted to reco energy by × (1 + bias); the peak energy when the bias
 * never gets there.
 *
 * @param kernel - the energy dispersion kernel of the dataset
 * @param percent - bias threshold [%]
 * @returns the threshold reco energy [TeV]
 * @example
 * ```ts
 * edispBiasEnergy(dataset.edisp.kernel, 10); // 0.8708 TeV for H.E.S.S. run 23592 at the Crab
 * ```
 */
export function edispBiasEnergy(kernel: EDispKernel, percent: number): number {
  const bias = percent / 100;
  const centers = kernel.axis("energy_true").centersIn("TeV");
  const values = kernel.getBias(centers);
  // np.nanargmax: the first maximum, NaN ignored.
  let peak = -1;
  for (let i = 0; i < values.length; i++) if (!Number.isNaN(values[i]!) && (peak < 0 || values[i]! > values[peak]!)) peak = i;
  const lo = centers[peak < 0 ? 0 : peak]!;
  const root = templateInverse(centers, values, bias, lo, centers[centers.length - 1]!);
  return (Number.isNaN(root) ? lo : root) * (1 + bias);
}

/**
 * Lower safe energy of "bkg-peak": the lower edge of the reco-energy bin where the
 * predicted background peaks (the first such bin; a NaN bin counts as the peak, as
 * NumPy's argmax).
 *
 * @param energyEdges - reco-energy edges [TeV]
 * @param background - predicted background counts per reco-energy bin
 * @returns the threshold [TeV]
 * @example
 * ```ts
 * bkgPeakEnergy(Float64Array.of(1, 2, 4, 8), Float64Array.of(3, 5, 2)); // 2
 * ```
 */
export function bkgPeakEnergy(energyEdges: ArrayLike<number>, background: ArrayLike<number>): number {
  let idx = 0;
  for (let i = 0; i < background.length; i++) {
    const v = background[i]!;
    if (Number.isNaN(v)) {
      idx = i;
      break;
    }
    if (v > background[idx]!) idx = i;
  }
  return energyEdges[idx]!;
}
