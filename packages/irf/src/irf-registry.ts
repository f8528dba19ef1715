/**
 * The IRF registry: which class reads which GADF HDU, keyed by Gammapy's tag (the
 * lower-case HDUCLAS4, e.g. "aeff_2d"). Each IRF module registers its class when loaded;
 * `readIrfHdu` dispatches through it.
 */
import { DataError } from "@gammats/core";
import type { Hdu } from "@gammats/fits";
import type { Irf } from "./irf-core.js";
import type { ReadIrfOptions } from "./irf-hdu.js";

/** How the registry reads one kind of IRF HDU. */
export interface IrfRegistryEntry {
  /** Gammapy's tag, e.g. "aeff_2d", "psf_table", "bkg_3d". */
  readonly tag: string;
  /** GADF HDUCLAS2 of the HDU, e.g. "EFF_AREA", "RPSF". */
  readonly hduClass2: string;
  /** GADF HDUCLAS4 of the HDU, e.g. "AEFF_2D". */
  readonly hduClass4: string;
  /**
   * For HDUs whose HDUCLAS4 is missing or non-standard (CTA 1DC writes "2D"): true when
   * this entry can read the HDU, judged from its HDUCLAS2 and columns.
   */
  readonly matches?: (hdu: Hdu) => boolean;
  /** Reads the HDU. */
  readonly read: (hdu: Hdu, options: ReadIrfOptions) => Irf;
}

/**
 * Registry of IRF readers.
 *
 * @example
 * ```ts
 * IRF_REGISTRY.register({ tag: "psf_table", hduClass2: "RPSF", hduClass4: "PSF_TABLE", read: (h, o) => PSF3D.read(h, o) });
 * IRF_REGISTRY.get("aeff_2d")?.hduClass2; // "EFF_AREA"
 * ```
 */
export class IrfRegistry {
  private readonly entries = new Map<string, IrfRegistryEntry>();

  /**
   * Adds (or replaces) the entry of a tag.
   *
   * @param entry - tag, HDU classes, optional matcher, reader
   * @throws DataError for an empty tag
   */
  register(entry: IrfRegistryEntry): void {
    if (entry.tag === "") throw new DataError("IRF registry: empty tag", { hint: "give the Gammapy tag, e.g. 'aeff_2d'" });
    this.entries.set(entry.tag, entry);
  }

  /** The entry of a tag, or undefined. */
  get(tag: string): IrfRegistryEntry | undefined {
    return this.entries.get(tag);
  }

  /** Registered tags, in registration order. */
  get tags(): string[] {
    return [...this.entries.keys()];
  }

  /** All entries, in registration order. */
  list(): IrfRegistryEntry[] {
    return [...this.entries.values()];
  }

  /**
   * The entry that reads an HDU: by HDUCLAS4 (case-insensitive tag), else the first
   * entry whose `matches` accepts it, else undefined.
   *
   * @param hdu - an IRF table HDU
   */
  find(hdu: Hdu): IrfRegistryEntry | undefined {
    const c4 = headerText(hdu, "HDUCLAS4").toLowerCase();
    const byTag = this.entries.get(c4);
    if (byTag !== undefined) return byTag;
    for (const e of this.entries.values()) if (e.matches?.(hdu) === true) return e;
    return undefined;
  }
}

/** Upper-cased, trimmed string value of a header keyword ("" when absent). */
export function headerText(hdu: Hdu, key: string): string {
  const v = hdu.header.get(key);
  return v === undefined || v === null ? "" : String(v).trim().toUpperCase();
}

/** The registry `readIrfHdu` uses; IRF modules register themselves here. */
export const IRF_REGISTRY = new IrfRegistry();
