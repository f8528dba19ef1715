/**
 * Reading and writing small text files with the errors gammats promises: a missing file
 * is an IoError naming it, a write never leaves a half-written file and does not replace
 * an existing one unless asked.
 */
import { randomBytes } from "node:crypto";
import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { readFile, rename, rm, writeFile } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { IoError } from "@gammats/core";

/** Options of {@link writeTextFileAtomic}. */
export interface WriteOptions {
  /** Replace an existing file (default false: refuse with an IoError). */
  overwrite?: boolean;
}

function ioError(e: unknown, path: string, reading: boolean): IoError {
  const code = (e as NodeJS.ErrnoException).code;
  const action = reading ? "cannot read the file" : "cannot write the file";
  if (code === "ENOENT") {
    return reading
      ? new IoError("file not found", path, { cause: e, hint: "Check the path and the current folder" })
      : new IoError(`${action}: its folder does not exist`, path, { cause: e, hint: "Create the folder first or fix the path" });
  }
  if (code === "EACCES" || code === "EPERM") {
    return new IoError(`${action}: permission denied`, path, { cause: e, hint: "Check the permissions of the file and its folder" });
  }
  if (code === "EISDIR") {
    return new IoError(`${action}: it is a folder`, path, { cause: e, hint: "Give a file name" });
  }
  return new IoError(`${action} (${code ?? String(e)})`, path, { cause: e });
}

function refuse(path: string): IoError {
  return new IoError("file exists already", path, {
    hint: "Pass overwrite: true (CLI: --overwrite) to replace it, or choose another name",
  });
}

function tempName(path: string): string {
  // Same folder, so the final rename stays on one file system and is atomic.
  return join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`);
}

/**
 * Reads a UTF-8 text file.
 *
 * @param path - file path
 * @throws IoError naming the path when it is missing or unreadable
 * @example
 * ```ts
 * const text = await readTextFile("config.yaml");
 * ```
 */
export async function readTextFile(path: string): Promise<string> {
  try {
    return await readFile(path, "utf8");
  } catch (e) {
    throw ioError(e, path, true);
  }
}

/**
 * Reads a UTF-8 text file, synchronously.
 *
 * @param path - file path
 * @throws IoError naming the path when it is missing or unreadable
 * @example
 * ```ts
 * const text = readTextFileSync("config.yaml");
 * ```
 */
export function readTextFileSync(path: string): string {
  try {
    return readFileSync(path, "utf8");
  } catch (e) {
    throw ioError(e, path, true);
  }
}

/**
 * Writes a text file atomically: to a temporary file in the same folder, then renamed
 * into place, so readers never see half a file.
 *
 * @param path - destination
 * @param text - content
 * @param options - `overwrite` (default false)
 * @throws IoError "file exists already" without `overwrite`, or naming the path when the
 *   folder is missing or not writable
 * @example
 * ```ts
 * await writeTextFileAtomic("config.yaml", text, { overwrite: true });
 * ```
 */
export async function writeTextFileAtomic(path: string, text: string, options: WriteOptions = {}): Promise<void> {
  if (!options.overwrite && existsSync(path)) throw refuse(path);
  const tmp = tempName(path);
  try {
    await writeFile(tmp, text, { encoding: "utf8", flag: "wx" });
    await rename(tmp, path);
  } catch (e) {
    await rm(tmp, { force: true });
    throw ioError(e, path, false);
  }
}

/**
 * Synchronous {@link writeTextFileAtomic}.
 *
 * @param path - destination
 * @param text - content
 * @param options - `overwrite` (default false)
 * @throws IoError as {@link writeTextFileAtomic}
 * @example
 * ```ts
 * writeTextFileAtomicSync("config.yaml", text);
 * ```
 */
export function writeTextFileAtomicSync(path: string, text: string, options: WriteOptions = {}): void {
  if (!options.overwrite && existsSync(path)) throw refuse(path);
  const tmp = tempName(path);
  try {
    writeFileSync(tmp, text, { encoding: "utf8", flag: "wx" });
    renameSync(tmp, path);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw ioError(e, path, false);
  }
}
