/**
 * Observation id lists in a text file (`observations.obs_file`): the first column of a
 * whitespace- or comma-separated table, '#' comments and blank lines ignored, as
 * Gammapy reads it with astropy's ASCII reader.
 */
import { readFileSync } from "node:fs";
import { ConfigError, IoError } from "@gammats/core";

/**
 * Reads the ids of an obs_file.
 *
 * @param path - absolute path of the file
 * @returns ids in file order (duplicates kept)
 * @throws IoError when the file cannot be read
 * @throws ConfigError naming the file and line of a first field that is not an integer, or
 *   when the file lists no id
 * @example
 * ```ts
 * // runs.txt: "23523\n23526  # Crab\n"
 * readObsIdFile("/work/runs.txt");   // [23523, 23526]
 * ```
 */
export function readObsIdFile(path: string): number[] {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (e) {
    const code = (e as NodeJS.ErrnoException)?.code;
    throw new IoError(`cannot read observations.obs_file (${code === "ENOENT" ? "no such file" : code ?? String(e)})`, path, {
      hint: "give a text file with one observation id per line",
      cause: e,
    });
  }
  const ids: number[] = [];
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].replace(/#.*$/, "").trim();
    if (line === "") continue;
    const first = line.split(/[\s,]+/)[0];
    const id = Number(first);
    if (!/^[+-]?\d+$/.test(first) || !Number.isSafeInteger(id)) {
      throw new ConfigError(`line ${i + 1} of ${path} starts with '${first}', not an observation id`, "observations.obs_file", {
        hint: "the first column of obs_file must hold integer observation ids",
      });
    }
    ids.push(id);
  }
  if (ids.length === 0) {
    throw new ConfigError(`${path} lists no observation id`, "observations.obs_file", {
      hint: "write one observation id per line, or use obs_ids",
    });
  }
  return ids;
}
