/**
 * Datasets: an ordered collection of datasets (1D spectrum or map datasets) with unique
 * names — the joint statistic and the models' parameters for the fitter, stacking into one
 * dataset and the info table (Gammapy's `Datasets`).
 */
import { DataError } from "@gammats/core";
import { Models } from "@gammats/modeling";
import type { Model, Parameters } from "@gammats/modeling";
import { infoDict } from "./info.js";
import type { InfoDict } from "./info.js";
import { isMapDataset } from "./map/any-dataset.js";
import type { AnyDataset } from "./map/any-dataset.js";
import { mapInfoDict } from "./map/map-info.js";
import { mapDatasetMask } from "./map/map-npred.js";
import { mapStatSum } from "./map/map-stat.js";
import { mapToMasked, stackMapDatasets } from "./map/map-stack.js";
import { anySelected } from "./mask.js";
import type { AnySpectrumDataset } from "./spectrum-dataset-on-off.js";
import { datasetMask, statSum } from "./spectrum-stat.js";
import { stackDatasets, toMasked } from "./stack.js";

/** Gammapy's `to_masked` of either family. */
function masked<D extends AnyDataset>(d: D, name: string): D {
  return (isMapDataset(d) ? mapToMasked(d, name) : toMasked(d, name)) as D;
}

/** Gammapy's in-place `stack` of either family, as a new record. */
function stacked<D extends AnyDataset>(target: D, other: D): D {
  return (isMapDataset(target) ? stackMapDatasets(target, other as typeof target) : stackDatasets(target, other as AnySpectrumDataset)) as D;
}

/**
 * A map dataset without its PSF and edisp maps: info rows read counts, background,
 * exposure, masks and times only, so the stacking behind them need not average IRF maps.
 */
function withoutIrfs<D extends AnyDataset>(d: D): D {
  return isMapDataset(d) ? ({ ...d, psf: null, edisp: null } as D) : d;
}

function info(d: AnyDataset): InfoDict {
  return isMapDataset(d) ? mapInfoDict(d) : infoDict(d);
}

/**
 * An ordered collection of datasets with unique names: 1D spectrum datasets (the default
 * element type) or map datasets; statistics, stacking and info dispatch on each dataset's kind.
 *
 * @example
 * ```ts
 * const datasets = new Datasets([a, b]);
 * datasets.models = new Models([crab]);         // each dataset keeps the models that apply to it
 * datasets.statSum();                           // Σ of the datasets' statistics
 * datasets.parameters.free().length;            // what the fitter varies
 * const stacked = datasets.stack();             // one dataset named "stacked"
 * datasets.infoTable({ cumulative: true });     // one row per step of the stacking
 * ```
 */
export class Datasets<D extends AnyDataset = AnySpectrumDataset> implements Iterable<D> {
  private readonly items: D[] = [];

  /**
   * @param datasets - the datasets
   * @throws DataError when two have the same name
   */
  constructor(datasets: Iterable<D> = []) {
    for (const d of datasets) this.add(d);
  }

  /** Number of datasets. */
  get length(): number {
    return this.items.length;
  }

  [Symbol.iterator](): Iterator<D> {
    return this.items[Symbol.iterator]();
  }

  /** The datasets as a read-only array. */
  get list(): readonly D[] {
    return this.items;
  }

  /** Dataset names, in order. */
  get names(): string[] {
    return this.items.map((d) => d.name);
  }

  /**
   * The dataset with this name or index.
   *
   * @param key - name or index
   * @returns the dataset
   * @throws DataError naming the known datasets when absent
   */
  get(key: string | number): D {
    const d = typeof key === "number" ? this.items[key] : this.items.find((x) => x.name === key);
    if (d === undefined) {
      throw new DataError(`no dataset ${JSON.stringify(key)}`, { hint: `known datasets: ${this.names.join(", ") || "(none)"}` });
    }
    return d;
  }

  /**
   * Appends a dataset.
   *
   * @param dataset - the dataset
   * @throws DataError when its name is taken
   */
  add(dataset: D): void {
    if (this.items.some((d) => d.name === dataset.name)) {
      throw new DataError(`dataset name '${dataset.name}' is used twice`, { hint: "dataset names must be unique; rename one of them" });
    }
    this.items.push(dataset);
  }

  /** The models of all datasets, each model once, in order of first appearance. */
  get models(): Models {
    const seen = new Set<Model>();
    for (const d of this.items) if (d.models !== null) for (const m of d.models) seen.add(m);
    return new Models(seen);
  }

  /**
   * Sets the models: each dataset keeps those that apply to it (by `datasetsNames`).
   *
   * @param models - the models (shared objects: linked across datasets)
   */
  set models(models: Models | Iterable<Model> | null) {
    const all = models === null ? null : models instanceof Models ? models : new Models(models);
    for (const d of this.items) d.models = all === null ? null : all.forDataset(d.name);
  }

  /** The models' parameters, each parameter object once (what the fitter varies). */
  get parameters(): Parameters {
    return this.models.parameters.unique();
  }

  /** The tag of every dataset is the same. */
  get isAllSameType(): boolean {
    return this.items.every((d) => d.tag === this.items[0]!.tag);
  }

  /** Per dataset: whether any bin enters its statistic (Gammapy's `contributes_to_stat`). */
  get contributesToStat(): boolean[] {
    return this.items.map((d) => {
      const mask = isMapDataset(d) ? mapDatasetMask(d) : datasetMask(d);
      return mask === null ? true : anySelected(mask);
    });
  }

  /**
   * The joint statistic: Σ over datasets of their `statSum`.
   *
   * @returns −2 ln L (up to model-independent terms)
   */
  statSum(): number {
    let sum = 0;
    for (const d of this.items) sum += isMapDataset(d) ? mapStatSum(d) : statSum(d);
    return sum;
  }

  private requireSameType(what: string): void {
    if (this.items.length === 0) throw new DataError(`${what} of an empty Datasets`, { hint: "add datasets first" });
    if (!this.isAllSameType) {
      throw new DataError(`${what} needs datasets of one kind, got ${[...new Set(this.items.map((d) => d.tag))].join(" and ")}`, {
        hint: "convert on/off datasets (onOffToSpectrumDataset, mapOnOffToMapDataset), or split the collection",
      });
    }
  }

  /**
   * All datasets stacked into one, as Gammapy's `stack_reduce`: the first masked by its
   * safe mask, then the others stacked onto it in order.
   *
   * @param name - name of the stacked dataset (default "stacked")
   * @returns the stacked dataset (no models)
   * @throws DataError for an empty or mixed collection, or datasets that cannot be stacked
   */
  stack(name = "stacked"): D {
    this.requireSameType("stack");
    let result = masked(this.items[0]!, name);
    for (const d of this.items.slice(1)) result = stacked(result, d);
    return result;
  }

  /**
   * One `infoDict` row per dataset, as Gammapy's `info_table`: the first row is the first
   * dataset masked by its safe mask; with `cumulative`, each further row is the stack of
   * all datasets so far (named "stacked").
   *
   * @param options - cumulative (default false)
   * @returns the rows
   * @throws DataError for an empty or mixed collection
   */
  infoTable(options: { cumulative?: boolean } = {}): InfoDict[] {
    this.requireSameType("infoTable");
    const cumulative = options.cumulative ?? false;
    let result = masked(withoutIrfs(this.items[0]!), cumulative ? "stacked" : this.items[0]!.name);
    const rows = [info(result)];
    for (const d of this.items.slice(1)) {
      if (cumulative) {
        result = stacked(result, withoutIrfs(d));
        rows.push(info(result));
      } else {
        rows.push(info(d));
      }
    }
    return rows;
  }
}
