/**
 * Datasets on disk as Gammapy's `Datasets.write` / `Datasets.read` lay them out: a YAML
 * index (`datasets: [{name, type, filename}]`) next to one file per dataset — OGIP
 * `pha_obs<name>.fits` (+ _bkg, _arf, _rmf) for SpectrumDatasetOnOff, Gammapy's gadf
 * `<name>.fits` for SpectrumDataset, MapDataset and MapDatasetOnOff — and optionally a
 * models YAML file. A `format` key is added only when a spectrum dataset is written in
 * the other layout than Gammapy's default (Gammapy ignores the key).
 */
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { dirname, isAbsolute, join, resolve } from "node:path";
import { DataError, IoError } from "@gammats/core";
import { emitYaml, parseYaml, readModels, writeModels } from "@gammats/modeling";
import type { YamlValue } from "@gammats/modeling";
import { readSpectrumDataset, writeSpectrumDataset } from "./dataset-io.js";
import type { DatasetFormat } from "./dataset-io.js";
import { Datasets } from "./datasets.js";
import { isMapDataset } from "./map/any-dataset.js";
import type { AnyDataset } from "./map/any-dataset.js";
import { readMapDataset, writeMapDataset } from "./map/map-io.js";

/** Dataset kinds of the index (Gammapy's tags). */
const TYPES = ["SpectrumDataset", "SpectrumDatasetOnOff", "MapDataset", "MapDatasetOnOff"] as const;

/** Options of {@link writeDatasetsYaml}. */
export interface WriteDatasetsYamlOptions {
  /** Replace existing files (default false). */
  overwrite?: boolean;
  /** Layout of spectrum dataset files; default Gammapy's: OGIP for on/off, gadf otherwise. */
  spectrumFormat?: DatasetFormat;
  /** Also write the datasets' models to this YAML file (Gammapy's `filename_models`). */
  modelsPath?: string;
  /** Write the models' covariance table next to the models file (default true). */
  writeCovariance?: boolean;
}

/** Options of {@link readDatasetsYaml}. */
export interface ReadDatasetsYamlOptions {
  /** Models YAML file to set on the datasets (Gammapy's `filename_models`). */
  modelsPath?: string;
  /** Folder that relative file names fall back to (default `process.cwd()`). */
  cwd?: string;
}

function defaultFormat(type: string): DatasetFormat {
  return type === "SpectrumDatasetOnOff" ? "ogip" : "gadf";
}

/** Gammapy's file name of a dataset (`Dataset.to_dict`). */
function datasetFilename(dataset: AnyDataset, format: DatasetFormat): string {
  const name = dataset.name.replace(/ /g, "_");
  return format === "ogip" ? `pha_obs${name}.fits` : `${name}.fits`;
}

function writeTextAtomic(path: string, text: string, overwrite: boolean): void {
  if (!overwrite && existsSync(path)) throw new IoError("file exists already", path, { hint: "pass overwrite: true" });
  const tmp = `${path}.tmp-${process.pid}`;
  try {
    writeFileSync(tmp, text, { flag: "wx" });
    renameSync(tmp, path);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
}

/**
 * Writes datasets as Gammapy's `Datasets.write`: every dataset file (atomically), then
 * the YAML index, then the models file if asked for.
 *
 * @param datasets - the datasets (spectrum and/or map datasets)
 * @param path - the YAML index, e.g. "out/datasets.yaml" (dataset files go next to it)
 * @param options - overwrite, spectrumFormat, modelsPath, writeCovariance
 * @returns every path written: dataset files, the index, the models file
 * @throws IoError when a file exists without `overwrite`; DataError for datasets a format cannot hold
 * @example
 * ```ts
 * writeDatasetsYaml(new Datasets([stacked]), "out/datasets.yaml", { overwrite: true, modelsPath: "out/models.yaml" });
 * ```
 */
export function writeDatasetsYaml(datasets: Iterable<AnyDataset>, path: string, options: WriteDatasetsYamlOptions = {}): string[] {
  const overwrite = options.overwrite ?? false;
  const dir = dirname(path);
  mkdirSync(dir, { recursive: true });
  const written: string[] = [];
  const entries: YamlValue[] = [];
  const list = [...datasets];
  for (const d of list) {
    if (isMapDataset(d)) {
      const filename = datasetFilename(d, "gadf");
      written.push(writeMapDataset(join(dir, filename), d, { overwrite }));
      entries.push({ name: d.name, type: d.tag, filename });
      continue;
    }
    const format = options.spectrumFormat ?? defaultFormat(d.tag);
    const filename = datasetFilename(d, format);
    written.push(...writeSpectrumDataset(join(dir, filename), d, { format, overwrite }));
    entries.push({ name: d.name, type: d.tag, filename, ...(format === defaultFormat(d.tag) ? {} : { format }) });
  }
  writeTextAtomic(path, emitYaml({ datasets: entries }), overwrite);
  written.push(path);
  if (options.modelsPath !== undefined) {
    const models = new Datasets<AnyDataset>(list).models;
    writeModels(models, options.modelsPath, { overwrite, writeCovariance: options.writeCovariance ?? true });
    written.push(options.modelsPath);
  }
  return written;
}

/**
 * Reads datasets from a YAML index written by Gammapy or gammats. A file is looked up
 * next to the index first, then as given (relative to `cwd`). On/off spectrum datasets
 * read from OGIP have no fit mask (as in Gammapy) unless gammats wrote one (MASK_FIT column).
 *
 * @param path - the YAML index
 * @param options - modelsPath (models to set), cwd
 * @returns the datasets, in the index's order
 * @throws IoError for missing files; DataError for an index that is not one or unknown types
 * @example
 * ```ts
 * const datasets = readDatasetsYaml("out/datasets.yaml", { modelsPath: "out/models.yaml" });
 * datasets.statSum();
 * ```
 */
export function readDatasetsYaml(path: string, options: ReadDatasetsYamlOptions = {}): Datasets<AnyDataset> {
  if (!existsSync(path)) throw new IoError("datasets index not found", path, { hint: "give the YAML file Datasets.write made" });
  const index = parseYaml(readFileSync(path, "utf8"), { file: path }) as { datasets?: unknown } | null;
  const list = index?.datasets;
  if (!Array.isArray(list)) {
    throw new DataError(`${path}: no 'datasets' list`, { hint: "give a datasets index as Gammapy's Datasets.write makes it" });
  }
  const cwd = options.cwd ?? process.cwd();
  const datasets = list.map((entry: Record<string, unknown>, i): AnyDataset => {
    const { name, type, filename } = entry ?? {};
    if (typeof name !== "string" || typeof filename !== "string") {
      throw new DataError(`${path}: datasets[${i}] needs a name and a filename`, { hint: "each entry reads {name, type, filename}" });
    }
    if (!TYPES.includes(type as (typeof TYPES)[number])) {
      throw new DataError(`${path}: dataset '${name}' has type ${JSON.stringify(type)}`, { hint: `gammats reads ${TYPES.join(", ")}` });
    }
    const near = join(dirname(path), filename);
    const file = isAbsolute(filename) || !existsSync(near) ? resolve(cwd, filename) : near;
    if (type === "MapDataset" || type === "MapDatasetOnOff") {
      const d = readMapDataset(file, { name });
      if (d.tag !== type) {
        throw new DataError(`${path}: dataset '${name}' is listed as ${String(type)} but ${file} holds a ${d.tag}`, { hint: "fix the type in the index" });
      }
      return d;
    }
    const format: DatasetFormat = entry.format === "gadf" || entry.format === "ogip" ? entry.format : defaultFormat(type as string);
    // OGIP files hold no fit mask for Gammapy; gammats reads back the one it wrote.
    return readSpectrumDataset(file, { format, name });
  });
  const out = new Datasets<AnyDataset>(datasets);
  if (options.modelsPath !== undefined) out.models = readModels(options.modelsPath);
  return out;
}
