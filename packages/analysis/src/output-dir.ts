/**
 * Writing a set of product files into a folder without ever leaving a half-written one:
 * everything is written into a temporary folder inside the destination first, then each
 * file is renamed into place (atomic on one file system), the manifest last. A folder
 * that already holds products is refused unless overwriting is asked for; then the
 * products of the earlier run that this run does not make are removed, so the folder
 * never mixes two runs. Other files in the folder (e.g. the user's config) are left alone.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { IoError } from "@gammats/core";
import { parseYaml } from "@gammats/modeling";

/** Name of the manifest that lists a session's files. */
export const MANIFEST = "session.yaml";

/** Files every gammats product folder may hold, also when its manifest is missing. */
export const PRODUCT_FILES = [MANIFEST, "summary.json"] as const;

/**
 * The product files an earlier run left in a folder (listed in its manifest, plus the
 * fixed names), or an empty list.
 *
 * @param dir - the folder
 * @returns relative file names that exist
 */
export function existingProducts(dir: string): string[] {
  const names = new Set<string>(PRODUCT_FILES);
  const manifest = join(dir, MANIFEST);
  if (existsSync(manifest)) {
    try {
      const files = (parseYaml(readFileSync(manifest, "utf8"), { file: manifest }) as { products?: unknown } | null)?.products;
      if (Array.isArray(files)) for (const f of files) if (typeof f === "string") names.add(f);
    } catch {
      // An unreadable manifest still marks the folder as holding products.
    }
  }
  return [...names].filter((f) => existsSync(join(dir, f)));
}

/**
 * Refuses a folder that holds products, unless `overwrite`.
 *
 * @param dir - the folder
 * @param overwrite - allow replacing them
 * @throws IoError naming the folder and a product found there, or when it is a file
 */
export function checkOutputDir(dir: string, overwrite: boolean): void {
  if (existsSync(dir) && !statSync(dir).isDirectory()) {
    throw new IoError("the output folder is a file", dir, { hint: "Give a folder (it is created when missing)" });
  }
  if (overwrite) return;
  const found = existingProducts(dir);
  if (found.length > 0) {
    throw new IoError(`the output folder holds products of an earlier run (${found.slice(0, 3).join(", ")}${found.length > 3 ? ", ..." : ""})`, dir, {
      hint: "Choose another folder, or pass --overwrite (overwrite: true) to replace them",
    });
  }
}

/**
 * Writes products into a folder through a temporary folder.
 *
 * @param dir - destination (created when missing)
 * @param overwrite - replace the products of an earlier run
 * @param write - writes the files into the temporary folder it is given and returns
 *   their relative names; the manifest, when among them, is moved last
 * @returns the relative names written
 * @throws IoError for a folder holding products without `overwrite`; whatever `write`
 *   throws (the destination is then untouched)
 */
export async function commitProducts(dir: string, overwrite: boolean, write: (tmp: string) => Promise<string[]> | string[]): Promise<string[]> {
  checkOutputDir(dir, overwrite);
  try {
    mkdirSync(dir, { recursive: true });
  } catch (e) {
    throw new IoError(`cannot create the output folder (${(e as NodeJS.ErrnoException).code ?? String(e)})`, dir, { cause: e });
  }
  const stale = existingProducts(dir);
  const tmp = mkdtempSync(join(dir, ".gammats-tmp-"));
  try {
    const files = await write(tmp);
    const ordered = [...files.filter((f) => f !== MANIFEST), ...files.filter((f) => f === MANIFEST)];
    for (const f of ordered) {
      mkdirSync(dirname(join(dir, f)), { recursive: true });
      renameSync(join(tmp, f), join(dir, f));
    }
    for (const f of stale) if (!files.includes(f)) rmSync(join(dir, f), { force: true });
    return files;
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}
