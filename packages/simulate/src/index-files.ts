/**
 * GADF index files of a data store: the HDU index (where each HDU of each run lives) and
 * the observation index (one row per run), as `DataStore.from_dir` of Gammapy 1.0 and of
 * @gammats/data-store read them.
 */
import { join } from "node:path";
import { timeRefToHeader, transformFrame } from "@gammats/core";
import type { CardInput, ColumnInput, BinTableHduSpec } from "@gammats/fits";
import { binTableHdu, imageHdu, writeFitsSync } from "@gammats/fits";
import { GADF_KEYWORDS, defaultTimeRef, runCards } from "./dl3-writer.js";
import type { WrittenRun } from "./dl3-writer.js";

/** Default file names Gammapy's `DataStore.from_dir` looks for. */
export const HDU_INDEX_FILE = "hdu-index.fits.gz";
/** Default observation index name. */
export const OBS_INDEX_FILE = "obs-index.fits.gz";

function cardValue(cards: readonly CardInput[], key: string): unknown {
  for (const c of cards) {
    if (Array.isArray(c) && c[0] === key) return c[1];
  }
  return undefined;
}

/**
 * The HDU index table.
 *
 * @param runs - written runs; FILE_DIR of each row is `fileDir`
 * @param fileDir - directory of the run files relative to the index (e.g. "data")
 * @returns the HDU description
 */
export function hduIndexHdu(runs: readonly WrittenRun[], fileDir: string): BinTableHduSpec {
  const rows = runs.flatMap((r) => r.hdus);
  return binTableHdu({
    name: "HDU_INDEX",
    columns: [
      { name: "OBS_ID", data: BigInt64Array.from(rows, (r) => BigInt(r.obsId)) },
      { name: "HDU_TYPE", data: rows.map((r) => r.hduType) },
      { name: "HDU_CLASS", data: rows.map((r) => r.hduClass) },
      { name: "FILE_DIR", data: rows.map(() => fileDir) },
      { name: "FILE_NAME", data: rows.map((r) => r.fileName) },
      { name: "HDU_NAME", data: rows.map((r) => r.hduName) },
    ],
    header: [...GADF_KEYWORDS, ["HDUCLAS1", "INDEX"], ["HDUCLAS2", "HDU"]],
  });
}

/**
 * The observation index table: pointing, times, livetime, target and event count per run.
 * The header carries the MET reference and observatory location of the first run.
 *
 * @param runs - written runs (one time reference for all)
 * @returns the HDU description
 */
export function obsIndexHdu(runs: readonly WrittenRun[]): BinTableHduSpec {
  const cards = runs.map((r) => runCards(r.meta));
  const num = (key: string, fallback = Number.NaN) => Float64Array.from(cards, (c) => {
    const v = cardValue(c, key);
    return typeof v === "number" ? v : fallback;
  });
  const str = (key: string) => cards.map((c) => String(cardValue(c, key) ?? ""));
  const gal = runs.map((r) => transformFrame(r.meta.pointing.ra, r.meta.pointing.dec, "icrs", "galactic"));
  const columns: ColumnInput[] = [
    { name: "OBS_ID", data: BigInt64Array.from(runs, (r) => BigInt(r.meta.obsId)) },
    { name: "RA_PNT", data: num("RA_PNT"), unit: "deg" },
    { name: "DEC_PNT", data: num("DEC_PNT"), unit: "deg" },
    { name: "GLON_PNT", data: Float64Array.from(gal, (g) => g.lon), unit: "deg" },
    { name: "GLAT_PNT", data: Float64Array.from(gal, (g) => g.lat), unit: "deg" },
    { name: "ZEN_PNT", data: num("ZEN_PNT"), unit: "deg" },
    { name: "ALT_PNT", data: num("ALT_PNT"), unit: "deg" },
    { name: "AZ_PNT", data: num("AZ_PNT"), unit: "deg" },
    { name: "OBJECT", data: str("OBJECT") },
    { name: "RA_OBJ", data: num("RA_OBJ"), unit: "deg" },
    { name: "DEC_OBJ", data: num("DEC_OBJ"), unit: "deg" },
    { name: "ONTIME", data: num("ONTIME"), unit: "s" },
    { name: "LIVETIME", data: num("LIVETIME"), unit: "s" },
    { name: "DEADC", data: num("DEADC") },
    { name: "TSTART", data: num("TSTART"), unit: "s" },
    { name: "TSTOP", data: num("TSTOP"), unit: "s" },
    { name: "DATE-OBS", data: str("DATE-OBS") },
    { name: "TIME-OBS", data: str("TIME-OBS") },
    { name: "DATE-END", data: str("DATE-END") },
    { name: "TIME-END", data: str("TIME-END") },
    { name: "N_TELS", data: BigInt64Array.from(runs, (r) => BigInt(r.meta.nTels ?? 0)) },
    { name: "OBS_MODE", data: str("OBS_MODE") },
    { name: "EVENT_COUNT", data: BigInt64Array.from(runs, (r) => BigInt(r.eventCount)) },
  ];
  const first = runs[0]?.meta;
  const ref = timeRefToHeader(first?.timeRef ?? defaultTimeRef());
  const header: CardInput[] = [
    ...GADF_KEYWORDS,
    ["HDUCLAS1", "INDEX"],
    ["HDUCLAS2", "OBS"],
    ["MJDREFI", ref.MJDREFI, "integer part of the reference MJD"],
    ["MJDREFF", ref.MJDREFF, "fractional part of the reference MJD"],
    ["TIMEUNIT", ref.TIMEUNIT],
    ["TIMESYS", ref.TIMESYS],
    ["TIMEREF", ref.TIMEREF],
  ];
  if (first?.location) {
    header.push(
      ["GEOLON", first.location.lon, "[deg] observatory longitude"],
      ["GEOLAT", first.location.lat, "[deg] observatory latitude"],
      ["ALTITUDE", first.location.height, "[m] observatory altitude"],
    );
  }
  return binTableHdu({ name: "OBS_INDEX", columns, header });
}

/**
 * Writes `hdu-index.fits.gz` and `obs-index.fits.gz` into a data-store directory.
 *
 * @param dir - the data-store directory
 * @param runs - runs written under `join(dir, fileDir)`
 * @param fileDir - run directory relative to `dir`; default "data"
 * @throws IoError when writing fails
 * @example
 * ```ts
 * writeIndexFiles("test-data/dl3", runs, "data");
 * ```
 */
export function writeIndexFiles(dir: string, runs: readonly WrittenRun[], fileDir = "data"): void {
  writeFitsSync(join(dir, HDU_INDEX_FILE), [imageHdu(), hduIndexHdu(runs, fileDir)], { overwrite: true });
  writeFitsSync(join(dir, OBS_INDEX_FILE), [imageHdu(), obsIndexHdu(runs)], { overwrite: true });
}
