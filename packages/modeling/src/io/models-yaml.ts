/**
 * Models YAML files in Gammapy 1.0's format: text ↔ Models, and files with the
 * covariance table Gammapy keeps next to them ("<stem>_covariance.dat").
 */
import { existsSync, readFileSync, renameSync, unlinkSync, writeFileSync } from "node:fs";
import { basename, dirname, extname, join } from "node:path";
import { ConfigError, IoError } from "@gammats/core";
import { LineCounter, isNode, parseDocument } from "yaml";
import type { Models } from "../models.js";
import { formatCovarianceTable, parseCovarianceTable } from "./covariance-table.js";
import { modelsFromDict, type KeyPath, type ReadModelsOptions } from "./models-from-dict.js";
import { modelsToDict } from "./models-to-dict.js";
import { emitYaml } from "./yaml-emit.js";

/**
 * Parses models YAML text (YAML 1.1, as PyYAML). A `covariance:` key is only recorded in
 * `models.covarianceFile`; {@link readModels} also loads the table.
 *
 * @param text - YAML text
 * @param options - file (for messages), logger, strict
 * @returns the models
 * @throws ConfigError with key path and line for invalid YAML or content
 * @example
 * ```ts
 * const models = modelsFromYaml(readFileSync("model.yaml", "utf8"), { file: "model.yaml" });
 * ```
 */
export function modelsFromYaml(text: string, options: Omit<ReadModelsOptions, "locate"> = {}): Models {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { version: "1.1", lineCounter, uniqueKeys: true, prettyErrors: false });
  const error = doc.errors[0];
  if (error !== undefined) {
    const line = lineCounter.linePos(error.pos[0]).line;
    throw new ConfigError(`invalid YAML: ${error.message.split("\n")[0]}${line ? ` (line ${line})` : ""}`, "", {
      ...(options.file === undefined ? {} : { file: options.file }),
    });
  }
  const locate = (path: KeyPath): number | undefined => {
    // The deepest existing node on the path (a missing key points at its parent).
    for (let k = path.length; k >= 0; k--) {
      const node = doc.getIn(path.slice(0, k), true);
      if (isNode(node) && node.range) return lineCounter.linePos(node.range[0]).line;
    }
    return undefined;
  };
  return modelsFromDict(doc.toJS({ maxAliasCount: 100 }), { ...options, locate });
}

/**
 * Writes models as YAML text in Gammapy's layout.
 *
 * @param models - the models
 * @param options - fullOutput; covarianceFile (value of the `covariance:` key, default none)
 * @returns YAML text
 */
export function modelsToYaml(models: Models, options: { fullOutput?: boolean; covarianceFile?: string } = {}): string {
  return emitYaml(modelsToDict(models, options));
}

/**
 * Reads a models YAML file and, when it names one, its covariance table (looked up next
 * to the YAML file, else as given), which sets the covariance and the parameter errors.
 *
 * @param path - YAML file
 * @param options - logger, strict
 * @returns the models
 * @throws IoError for missing files or a table that does not match the parameters;
 *   ConfigError for invalid content
 * @example
 * ```ts
 * const models = readModels("results/best-fit.yaml");
 * models.get("crab").parameters.get("index").error;
 * ```
 */
export function readModels(path: string, options: Omit<ReadModelsOptions, "locate" | "file"> = {}): Models {
  if (!existsSync(path)) throw new IoError("models file not found", path);
  const models = modelsFromYaml(readFileSync(path, "utf8"), { baseDir: dirname(path), ...options, file: path });
  const name = models.covarianceFile;
  if (name !== undefined) {
    const candidate = join(dirname(path), name);
    const tablePath = existsSync(candidate) ? candidate : name;
    if (!existsSync(tablePath)) {
      throw new IoError(`covariance table named in ${path} not found`, candidate, {
        hint: "copy the table next to the YAML file or remove the 'covariance:' key",
      });
    }
    const table = parseCovarianceTable(readFileSync(tablePath, "utf8"), tablePath);
    const expected = models.parametersUniqueNames;
    if (table.names.length !== expected.length) {
      throw new IoError(`covariance table has ${table.names.length} parameters, the models have ${expected.length}`, tablePath);
    }
    table.names.forEach((n, i) => {
      if (n !== expected[i]) {
        throw new IoError(`covariance table row ${i + 1} is '${n}', expected '${expected[i]}'`, tablePath, {
          hint: "the table belongs to other models",
        });
      }
    });
    models.covariance = table.data;
    models.covarianceFile = name;
  }
  return models;
}

/** Options of {@link writeModels}. */
export interface WriteModelsOptions {
  /** Replace existing files (default false). */
  overwrite?: boolean;
  /** Write every parameter field (default false). */
  fullOutput?: boolean;
  /** Write "<stem>_covariance.dat" next to the YAML file (default true, as Gammapy). */
  writeCovariance?: boolean;
}

/**
 * Writes models to a YAML file and (by default) the covariance table next to it, like
 * Gammapy's `Models.write`. Both files are written to temporaries and renamed into place.
 *
 * @param models - the models
 * @param path - YAML file
 * @param options - overwrite, fullOutput, writeCovariance
 * @throws IoError when a file exists and `overwrite` is false
 * @example
 * ```ts
 * writeModels(models, "out/models.yaml", { overwrite: true });   // also out/models_covariance.dat
 * ```
 */
export function writeModels(models: Models, path: string, options: WriteModelsOptions = {}): void {
  const overwrite = options.overwrite ?? false;
  const withCovariance = (options.writeCovariance ?? true) && models.parameters.length > 0;
  const tableName = `${basename(path, extname(path))}_covariance.dat`;
  const tablePath = join(dirname(path), tableName);
  for (const p of withCovariance ? [path, tablePath] : [path]) {
    if (!overwrite && existsSync(p)) throw new IoError("file exists already", p, { hint: "pass overwrite: true" });
  }
  const yamlText = modelsToYaml(models, {
    fullOutput: options.fullOutput ?? false,
    ...(withCovariance ? { covarianceFile: tableName } : {}),
  });
  if (withCovariance) {
    atomicWrite(tablePath, formatCovarianceTable(models.parametersUniqueNames, models.covariance));
    models.covarianceFile = tableName;
  }
  atomicWrite(path, yamlText);
}

function atomicWrite(path: string, text: string): void {
  const tmp = `${path}.tmp-${process.pid}`;
  try {
    writeFileSync(tmp, text, "utf8");
    renameSync(tmp, path);
  } catch (err) {
    if (existsSync(tmp)) unlinkSync(tmp);
    throw new IoError(`cannot write ${(err as Error).message}`, path, { cause: err });
  }
}
