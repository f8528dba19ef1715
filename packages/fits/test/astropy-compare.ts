/**
 * Comparison of our reading of a file with astropy_dump.py's JSON: card by card, column
 * by column (exact, through canonical digests). Returns the list of mismatches.
 * Used by the cross-check tests and by bench/fits-sweep.mjs (through its own copy of the
 * same rules, since bench scripts use the built package).
 */
import type { FitsCard, FitsFile } from "@gammats/fits";
import { arrayDigest, columnDigest, DUMP_SCRIPT, fromPy, runPython } from "./helpers.js";

/** One HDU as astropy_dump.py reports it. */
export interface PyHdu {
  index: number;
  name: string;
  ver: number;
  class: string;
  cards: [string, unknown, string][];
  nrows?: number;
  columns?: Array<{ name: string; format: string; kind?: string; shape?: number[]; digest?: string; error?: string; sample?: unknown[] }>;
  image?: { shape: number[]; kind?: string; digest?: string };
}

/** One file as astropy_dump.py reports it. */
export interface PyFile {
  path: string;
  error?: string;
  hdus?: PyHdu[];
}

/** Runs astropy_dump.py on files. */
export function astropyDump(paths: string[]): PyFile[] {
  return runPython<{ files: PyFile[] }>([DUMP_SCRIPT, ...paths]).files;
}

function sameValue(a: unknown, b: unknown): boolean {
  if (typeof a === "object" && a !== null && typeof b === "object" && b !== null) {
    return JSON.stringify(a) === JSON.stringify(b);
  }
  return a === b || (typeof a === "number" && typeof b === "number" && Number.isNaN(a) && Number.isNaN(b));
}

/** Our card in astropy's terms: commentary text is the value, with an empty comment. */
function asAstropy(card: FitsCard): [string, unknown, string] {
  if (card.kind === "commentary") return [card.key, card.comment, ""];
  return [card.key, card.value, card.comment];
}

/**
 * Compares our reading of a file with astropy's dump.
 *
 * @param ours - the file as we read it
 * @param py - astropy's dump of the same file
 * @returns human-readable mismatches (empty when everything agrees)
 */
export function compareWithAstropy(ours: FitsFile, py: PyFile): string[] {
  const bad: string[] = [];
  if (py.error !== undefined || py.hdus === undefined) return [`astropy failed: ${py.error}`];
  if (ours.hdus.length !== py.hdus.length) bad.push(`HDU count ${ours.hdus.length} vs astropy ${py.hdus.length}`);
  for (const ph of py.hdus) {
    const hdu = ours.hdus[ph.index];
    if (hdu === undefined) continue;
    const at = `HDU ${ph.index} ${ph.name}`;
    if (hdu.name.toUpperCase() !== ph.name.toUpperCase() || hdu.version !== ph.ver) bad.push(`${at}: name/ver ${hdu.name},${hdu.version}`);
    const cards = hdu.header.cards;
    if (cards.length !== ph.cards.length) bad.push(`${at}: ${cards.length} cards vs astropy ${ph.cards.length}`);
    ph.cards.forEach(([key, value, comment], i) => {
      const card = cards[i];
      if (card === undefined) return;
      const [k, v, c] = asAstropy(card);
      if (k !== key || !sameValue(v, fromPy(value)) || c !== comment) {
        bad.push(`${at} card ${i}: ours ${JSON.stringify([k, String(v), c])} astropy ${JSON.stringify([key, value, comment])}`);
      }
    });
    if (ph.columns !== undefined) {
      for (const pc of ph.columns) {
        if (pc.error !== undefined) {
          bad.push(`${at} column ${pc.name}: astropy error ${pc.error}`);
          continue;
        }
        const col = hdu.readColumn(pc.name);
        // Complex columns carry a trailing (re, im) axis that numpy's complex dtype hides.
        const shape = col.kind === "complex" ? col.shape.slice(0, -1) : col.shape;
        if (JSON.stringify(shape) !== JSON.stringify(pc.shape)) {
          bad.push(`${at} column ${pc.name}: shape [${shape}] vs astropy [${pc.shape}]`);
        }
        const digest = columnDigest(col, pc.kind ?? "f");
        if (digest !== pc.digest) {
          bad.push(`${at} column ${pc.name}: values differ (ours ${String(Array.from(col.data as ArrayLike<unknown>).slice(0, 5))}; astropy ${JSON.stringify(pc.sample)})`);
        }
      }
    }
    if (ph.image !== undefined && hdu.type === "image") {
      const img = hdu.readImage();
      if (JSON.stringify(img.shape) !== JSON.stringify(ph.image.shape)) bad.push(`${at}: image shape [${img.shape}] vs [${ph.image.shape}]`);
      if (ph.image.digest !== undefined && arrayDigest(img.data, ph.image.kind ?? "f") !== ph.image.digest) bad.push(`${at}: image values differ`);
    }
  }
  return bad;
}
