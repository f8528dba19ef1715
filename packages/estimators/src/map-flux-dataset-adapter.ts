/**
 * MapDataset / MapDatasetOnOff records of @gammats/datasets as the flux-point and
 * light-curve estimators see them ({@link EstimatorDataset}): the record's own npred and
 * Cash / WStat statistic over the whole cube, energy slowest. (The excess-map and TS-map
 * estimators take `map/map-dataset-adapter.ts` instead.)
 */
import { DataError } from "@gammats/core";
import { cashSumLinear, mapDatasetMask, mapEvaluators, mapNpred, mapNpredBackground, mapNpredSignal, mapStatSum } from "@gammats/datasets";
import type { AnyMapDataset } from "@gammats/datasets";
import { MapAxis, WcsNDMap } from "@gammats/maps";
import type { Models } from "@gammats/modeling";
import { maskedSum } from "./estimator-dataset.js";
import type { EstimatorDataset, NormParameter } from "./estimator-dataset.js";

function countsOf(dataset: AnyMapDataset): { counts: WcsNDMap; axis: MapAxis } {
  const counts = dataset.counts;
  if (counts === null) throw new DataError(`dataset '${dataset.name}' has no counts`, { hint: "the estimators need observed counts" });
  const axis = counts.geom.axes[0];
  if (!(axis instanceof MapAxis) || axis.name !== "energy" || counts.geom.axes.length !== 1) {
    throw new DataError(`dataset '${dataset.name}' has axes [${counts.geom.axes.map((a) => a.name).join(", ")}], expected [energy]`, {
      hint: "give the counts one 'energy' MapAxis (one bin for 2D)",
    });
  }
  return { counts, axis };
}

/**
 * Wraps a map dataset record for the flux-point and light-curve estimators. Nothing is
 * copied but the counts; the statistic over a mask runs on one shallow copy of the record
 * per mask (so its model evaluators are made once, not per call).
 *
 * @param dataset - a MapDataset or MapDatasetOnOff with counts
 * @returns the estimator view of it (bins: the whole cube, energy slowest)
 * @throws DataError when the dataset has no counts or no single energy axis
 * @example
 * ```ts
 * const fp = new FluxPointsEstimator({ energyEdges: [1, 3, 10], source: "crab" })
 *   .run(datasets.map(mapFluxEstimatorDataset));
 * ```
 */
export function mapFluxEstimatorDataset(dataset: AnyMapDataset): EstimatorDataset {
  const { counts, axis } = countsOf(dataset);
  const mask = mapDatasetMask(dataset);
  return adapt(dataset, axis, Float64Array.from(counts.data), mask === null ? undefined : Uint8Array.from(mask));
}

/** The estimator view of a record whose counts and mask were copied already (shared by withModels). */
function adapt(dataset: AnyMapDataset, axis: MapAxis, counts: Float64Array, mask: Uint8Array | undefined): EstimatorDataset {
  const geom = dataset.counts!.geom;
  const applies = (modelName: string) =>
    dataset.models?.skyModels().some((m) => m.name === modelName && (m.datasetsNames?.includes(dataset.name) ?? true)) ?? false;
  let masked: { mask: Uint8Array; record: AnyMapDataset } | undefined;
  // The estimator's mask already holds the safe and fit masks; it replaces both here.
  const maskedRecord = (m: Uint8Array): AnyMapDataset => {
    if (masked?.mask !== m) masked = { mask: m, record: { ...dataset, maskSafe: new WcsNDMap(geom, m), maskFit: null } };
    return masked.record;
  };
  return {
    name: dataset.name,
    energyAxis: axis,
    counts,
    mask,
    gti: dataset.gti ?? undefined,
    models: dataset.models ?? undefined,
    withModels: (models: Models) => adapt({ ...dataset, models }, axis, counts, mask),
    statSum: (m: Uint8Array) => mapStatSum(maskedRecord(m)),
    normStat: (modelName: string, norm: NormParameter, m: Uint8Array) => {
      const record = maskedRecord(m);
      return record.tag === "MapDataset" && applies(modelName) ? cashNormStat(record, counts, modelName, norm, m) : undefined;
    },
    npred: () => mapNpred(dataset).data as Float64Array,
    // A source that does not apply to this dataset predicts nothing in it.
    npredSignal: (modelName: string) => (applies(modelName) ? (mapNpredSignal(dataset, modelName).data as Float64Array) : new Float64Array(counts.length)),
    // The sums over a mask read the masked record's buffers when that gives the same
    // numbers (see sameSignalOnMask): its models are evaluated already, by the statistic.
    npredSum: (m: Uint8Array) => maskedSum(mapNpred(sameSignalOnMask(maskedRecord(m)) ? maskedRecord(m) : dataset, { view: true }).data, m),
    npredSignalSum: (modelName: string, m: Uint8Array) => {
      if (!applies(modelName)) return 0;
      const record = sameSignalOnMask(maskedRecord(m), modelName) ? maskedRecord(m) : dataset;
      return maskedSum(mapNpredSignal(record, modelName, { view: true }).data, m);
    },
  };
}

/**
 * Whether the record masked by an estimator mask predicts, on the bins of that mask, the
 * same signal as the whole record: when every model (or the one named) reaches the mask.
 * The cut-outs and kernels of a model do not depend on the mask, only whether it is
 * evaluated at all; and the estimator masks lie inside the record's mask, so a model
 * that reaches them reaches that too. A model that misses the mask can still predict
 * counts in it (its cut-out is wider than the test), so then the whole record is used.
 */
function sameSignalOnMask(masked: AnyMapDataset, modelName?: string): boolean {
  for (const [name, ev] of mapEvaluators(masked)) if ((modelName === undefined || name === modelName) && !ev.contributes) return false;
  return true;
}

/**
 * Cash over the bins of `mask` as a function of one model's norm: μ = fixed + norm ·
 * source, with the source counts at norm 1 and the fixed part (other models and the
 * background) at norm 0, both predicted by the record statSum uses (same mask, so the
 * same cut-outs and contributions). Bins the source does not reach add a constant, summed
 * once; each call then visits only the source's cut-out. When no other model reaches the
 * mask the fixed part is the background alone (other models would add exact zeros), and
 * the cubes are read in place rather than copied.
 */
function cashNormStat(dataset: AnyMapDataset & { tag: "MapDataset" }, counts: Float64Array, modelName: string, norm: NormParameter, mask: Uint8Array): (norm: number) => number {
  let othersContribute = false;
  for (const [name, ev] of mapEvaluators(dataset)) if (name !== modelName && ev.contributes) othersContribute = true;
  const factor = norm.factor;
  norm.value = 1;
  // A copy only when the next evaluation would overwrite the buffer.
  const source = mapNpredSignal(dataset, modelName, { view: !othersContribute }).data as Float64Array;
  let others: Float64Array | null = null;
  if (othersContribute) {
    norm.value = 0;
    others = mapNpredSignal(dataset, undefined, { view: true }).data as Float64Array;
  }
  // The factor, not the value: value = factor × scale need not round-trip.
  norm.factor = factor;
  const background = (mapNpredBackground(dataset, { view: true })?.data as Float64Array | undefined) ?? null;
  // One pass splits the bins into arrays sized for all of them; the statistic reads the
  // first nVarying / nFixed values, and the closure keeps trimmed copies.
  const size = mask.length;
  const parts: NormStatParts = {
    n: new Float64Array(size),
    fixed: new Float64Array(size),
    varying: new Float64Array(size),
    nConst: new Float64Array(size),
    muConst: new Float64Array(size),
  };
  const counted = splitBins(mask, counts, source, others, background, parts);
  const nVarying = counted[0]!;
  const nFixed = counted[1]!;
  const constant = cashSumLinear(nFixed, parts.nConst, parts.muConst, parts.muConst, 0);
  const n = parts.n.slice(0, nVarying);
  const fixed = parts.fixed.slice(0, nVarying);
  const varying = parts.varying.slice(0, nVarying);
  return (x: number) => constant + cashSumLinear(nVarying, n, fixed, varying, x);
}

/** The bins of {@link cashNormStat}: those the source reaches, and the others (fixed μ). */
interface NormStatParts {
  n: Float64Array;
  fixed: Float64Array;
  varying: Float64Array;
  nConst: Float64Array;
  muConst: Float64Array;
}

// The loops sit in small functions of their own: each runs once per flux point, and V8
// optimises a small function sooner than a loop inside a big one.

/**
 * Splits the masked bins, in order, into those the source reaches and the rest.
 *
 * @returns [bins the source reaches, the other masked bins]
 */
function splitBins(mask: Uint8Array, counts: Float64Array, source: Float64Array, others: Float64Array | null, background: Float64Array | null, out: NormStatParts): Int32Array {
  const { n, fixed, varying, nConst, muConst } = out;
  let j = 0;
  let k = 0;
  for (let i = 0; i < mask.length; i++) {
    if (mask[i] === 0) continue;
    const f = others === null ? (background === null ? 0 : background[i]!) : background === null ? others[i]! : others[i]! + background[i]!;
    if (source[i] !== 0) {
      n[j] = counts[i]!;
      fixed[j] = f;
      varying[j++] = source[i]!;
    } else {
      nConst[k] = counts[i]!;
      muConst[k++] = f;
    }
  }
  return Int32Array.of(j, k);
}
