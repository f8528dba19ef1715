/**
 * Reading any IRF HDU with the class that fits it (Gammapy's IRF registry and
 * `load_irf_dict_from_file`).
 */
import { FitsError } from "@gammats/core";
import { readFitsSync } from "@gammats/fits";
import type { FitsFile, Hdu } from "@gammats/fits";
import type { Irf } from "./irf-core.js";
import type { ReadIrfOptions } from "./irf-hdu.js";
import { IRF_REGISTRY, headerText } from "./irf-registry.js";

/**
 * Reads an IRF table HDU with the registered class of its HDUCLAS4 (e.g. "AEFF_2D" →
 * `EffectiveAreaTable2D`), or, when HDUCLAS4 is missing or non-standard (CTA 1DC writes
 * "2D"), with the class whose HDUCLAS2 and columns match.
 *
 * @param hdu - an IRF table HDU
 * @param options - file (for messages), logger, allowNonFinite
 * @returns the IRF; narrow it with `instanceof` or `irf.tag`
 * @throws FitsError when no registered class reads the HDU, or as the class' reader
 * @example
 * ```ts
 * const irf = readIrfHdu(readFitsSync(path).hdu("EDISP"), { file: path });
 * irf.tag; // "edisp_2d"
 * ```
 */
export function readIrfHdu(hdu: Hdu, options: ReadIrfOptions = {}): Irf {
  const entry = IRF_REGISTRY.find(hdu);
  if (entry === undefined) {
    const w: { file?: string; hdu: string | number } = { hdu: hdu.name || hdu.index };
    if (options.file !== undefined) w.file = options.file;
    throw new FitsError(
      `no IRF class reads this HDU (HDUCLAS2 '${headerText(hdu, "HDUCLAS2")}', HDUCLAS4 '${headerText(hdu, "HDUCLAS4")}')`,
      w,
      { hint: `known HDUCLAS4 values: ${IRF_REGISTRY.list().map((e) => e.hduClass4).join(", ")}` },
    );
  }
  return entry.read(hdu, options);
}

/** The IRFs of one file, keyed as Gammapy's `load_irf_dict_from_file` keys them. */
export interface IrfDict {
  /** Effective area. */
  aeff?: Irf;
  /** Energy dispersion. */
  edisp?: Irf;
  /** Point spread function. */
  psf?: Irf;
  /** Background. */
  bkg?: Irf;
  /** RAD_MAX (point-like IRFs). */
  rad_max?: Irf;
}

const KIND_OF_CLASS2: Record<string, keyof IrfDict> = {
  EFF_AREA: "aeff",
  EDISP: "edisp",
  RPSF: "psf",
  BKG: "bkg",
  RAD_MAX: "rad_max",
};

/**
 * Reads every IRF HDU (HDUCLAS1 "RESPONSE") of a file; the first HDU of each kind wins.
 *
 * @param file - path or an opened file
 * @param options - logger, allowNonFinite; `file` defaults to the path read
 * @returns aeff, edisp, psf, bkg, rad_max as found
 * @throws FitsError when an IRF HDU cannot be read
 * @example
 * ```ts
 * const irfs = readIrfFile("$GAMMAPY_DATA/cta-1dc/caldb/data/cta/1dc/bcf/South_z20_50h/irf_file.fits");
 * irfs.bkg?.tag; // "bkg_3d"
 * ```
 */
export function readIrfFile(file: string | FitsFile, options: ReadIrfOptions = {}): IrfDict {
  const fits = typeof file === "string" ? readFitsSync(file) : file;
  const path = typeof file === "string" ? file : file.path;
  const opts: ReadIrfOptions = options.file === undefined && path !== undefined ? { ...options, file: path } : options;
  const out: IrfDict = {};
  for (const hdu of fits.hdus) {
    if (hdu.type !== "bintable" || headerText(hdu, "HDUCLAS1") !== "RESPONSE") continue;
    const kind = KIND_OF_CLASS2[headerText(hdu, "HDUCLAS2")];
    if (kind === undefined || out[kind] !== undefined) continue;
    if (IRF_REGISTRY.find(hdu) === undefined) continue;
    out[kind] = readIrfHdu(hdu, opts);
  }
  return out;
}
