/**
 * Datasets files as Gammapy's `Datasets.write` / `Datasets.read` lay them out: a YAML
 * index (`datasets: [{name, type, filename}]`) next to one file per dataset — OGIP
 * `pha_obs<name>.fits` (+ _bkg, _arf, _rmf) for on/off spectrum datasets, gadf
 * `<name>.fits` otherwise (map datasets always). gammats' OGIP files are lossless
 * (float64 responses, extras Gammapy ignores; see ogip-io.ts), so a session stores on/off
 * datasets as OGIP too and Gammapy's `Datasets.read` reads every file. A `format` key
 * (Gammapy ignores it) records a non-default layout.
 * (The index belongs in @gammats/datasets; it lives here until that package has one.)
 */
import { existsSync, mkdirSync } from "node:fs";
import { dirname, isAbsolute, join, resolve } from "node:path";
import { DataError, IoError } from "@gammats/core";
import { readTextFileSync, writeTextFileAtomicSync } from "@gammats/config";
import { Datasets, isMapDataset, ogipFilenames, readMapDataset, readSpectrumDataset, writeMapDataset, writeSpectrumDataset } from "@gammats/datasets";
import type { AnyDataset, DatasetFormat } from "@gammats/datasets";
import { emitYaml, parseYaml } from "@gammats/modeling";

/** Options of {@link writeDatasetsFile}. */
export interface WriteDatasetsFileOptions {
  /** Replace existing files (default false). */
  overwrite?: boolean;
  /** Layout of every dataset file; default Gammapy's: OGIP for on/off, gadf otherwise. */
  format?: DatasetFormat;
}

/** Gammapy's dataset file name for a dataset in a format. */
function datasetFilename(dataset: AnyDataset, format: DatasetFormat): string {
  const name = dataset.name.replace(/ /g, "_");
  return format === "ogip" ? `pha_obs${name}.fits` : `${name}.fits`;
}

/**
 * Writes the datasets: each dataset file (atomically), then the YAML index.
 *
 * @param datasets - the datasets
 * @param path - the YAML index, e.g. "out/datasets.yaml" (dataset files go next to it)
 * @param options - overwrite, format
 * @returns every path written, the index last
 * @throws IoError when a file exists without `overwrite`; DataError for datasets the
 *   format cannot hold
 * @example
 * ```ts
 * writeDatasetsFile(datasets, "out/datasets.yaml", { overwrite: true }); // [".../pha_obsstacked.fits", ..., ".../datasets.yaml"]
 * ```
 */
export function writeDatasetsFile(datasets: Datasets<AnyDataset>, path: string, options: WriteDatasetsFileOptions = {}): string[] {
  const dir = dirname(path);
  const plan = datasets.list.map((d) => {
    // Map datasets have one layout (gadf), as in Gammapy.
    const format = isMapDataset(d) ? "gadf" : (options.format ?? (d.tag === "SpectrumDatasetOnOff" ? "ogip" : "gadf"));
    return { dataset: d, format, filename: datasetFilename(d, format) };
  });
  if (!options.overwrite) {
    // Refuse before writing anything, so an existing file never leaves a half-written set.
    const targets = [path];
    for (const { format, filename } of plan) {
      targets.push(join(dir, filename));
      if (format === "ogip") targets.push(...Object.values(ogipFilenames(filename)).map((f) => join(dir, f)));
    }
    const existing = targets.find((t) => existsSync(t));
    if (existing !== undefined) throw new IoError("file exists already", existing, { hint: "pass overwrite: true" });
  }
  mkdirSync(dir, { recursive: true });
  const written: string[] = [];
  const entries = plan.map(({ dataset: d, format, filename }) => {
    if (isMapDataset(d)) written.push(writeMapDataset(join(dir, filename), d, { overwrite: options.overwrite ?? false }));
    else written.push(...writeSpectrumDataset(join(dir, filename), d, { format, overwrite: options.overwrite ?? false }));
    return { name: d.name, type: d.tag, filename, format };
  });
  writeTextFileAtomicSync(path, emitYaml({ datasets: entries }), { overwrite: options.overwrite ?? false });
  written.push(path);
  return written;
}

/**
 * Reads datasets from a YAML index written by Gammapy or gammats. A dataset file is
 * looked up next to the index first, then as given (relative to the working folder).
 *
 * @param path - the YAML index
 * @param cwd - folder relative file names fall back to (default `process.cwd()`)
 * @returns the datasets, in the index's order
 * @throws IoError for missing files; DataError for an index that is not one, or an
 *   unknown dataset type
 * @example
 * ```ts
 * readDatasetsFile("out/datasets.yaml").names; // ["stacked"]
 * ```
 */
export function readDatasetsFile(path: string, cwd = process.cwd()): Datasets<AnyDataset> {
  const index = parseYaml(readTextFileSync(path), { file: path }) as { datasets?: unknown } | null;
  const list = index?.datasets;
  if (!Array.isArray(list)) {
    throw new DataError(`${path}: no 'datasets' list`, { hint: "give a datasets index as Gammapy's Datasets.write makes it" });
  }
  const datasets = list.map((entry: Record<string, unknown>, i) => {
    const { name, type, filename } = entry;
    if (typeof name !== "string" || typeof filename !== "string") {
      throw new DataError(`${path}: datasets[${i}] needs a name and a filename`, { hint: "each entry reads {name, type, filename}" });
    }
    if (type !== "SpectrumDataset" && type !== "SpectrumDatasetOnOff" && type !== "MapDataset" && type !== "MapDatasetOnOff") {
      throw new DataError(`${path}: dataset '${name}' is a ${String(type)}, gammats reads SpectrumDataset(OnOff) and MapDataset(OnOff) files`, {
        hint: "fix the type in the index",
      });
    }
    if (type === "MapDataset" || type === "MapDatasetOnOff") {
      const near = join(dirname(path), filename);
      return readMapDataset(isAbsolute(filename) || !existsSync(near) ? resolve(cwd, filename) : near, { name }) as AnyDataset;
    }
    const format: DatasetFormat = entry.format === "gadf" || entry.format === "ogip" ? entry.format : type === "SpectrumDatasetOnOff" ? "ogip" : "gadf";
    const near = join(dirname(path), filename);
    const file = isAbsolute(filename) || !existsSync(near) ? resolve(cwd, filename) : near;
    // Gammapy drops the fit mask of OGIP on/off datasets; gammats reads back the one it wrote.
    return readSpectrumDataset(file, { format, name });
  });
  return new Datasets<AnyDataset>(datasets);
}
