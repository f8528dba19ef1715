/**
 * OGIP RMF files (energy dispersion matrices) as Gammapy 1.0's `EDispKernel` writes and
 * reads them: a MATRIX table with ENERG_LO/HI, N_GRP and the grouped non-zero runs of
 * each true-energy row (F_CHAN, N_CHAN, MATRIX as variable-length arrays), and an EBOUNDS
 * table with the reco bins. gammats writes ENERG and MATRIX in float64 (Gammapy writes
 * float32 and reads any type), so a kernel comes back bit for bit, and keeps the kernel's
 * stacking exposure in an EXPOSURE column [cm2 s] that Gammapy ignores.
 */
import { FitsError, conversionFactor } from "@gammats/core";
import { binTableHdu, imageHdu } from "@gammats/fits";
import type { FitsFile, HduSpec, TableColumn } from "@gammats/fits";
import { EDispKernel } from "@gammats/irf";
import { axisFromArf, eboundsHdu, readAxesTable } from "@gammats/maps";
import type { MapAxis } from "@gammats/maps";

/**
 * Describes an RMF file: primary, MATRIX, EBOUNDS. Each true-energy row is stored as its
 * runs of consecutive non-zero entries; an all-zero row as one empty group starting at
 * channel 0 (as Gammapy writes it). The matrix and true energies are float64 in the file.
 * With `exposure` (the kernel's stacking exposure, one value per true energy [cm2 s]) the
 * MATRIX table gets an EXPOSURE column; with `null` the keyword EDISPEXP = F says the
 * kernel has none (both gammats only; Gammapy ignores them).
 *
 * @param kernel - the kernel
 * @param exposure - stacking exposure per true-energy bin [cm2 s], null for none; omitted: nothing written
 * @returns HDU descriptions for `writeFitsSync`
 * @example
 * ```ts
 * writeFitsSync("rmf.fits", rmfHdus(kernel), { overwrite: true });
 * ```
 */
export function rmfHdus(kernel: EDispKernel, exposure?: Float64Array | null): HduSpec[] {
  const [trueAxis, recoAxis] = kernel.axes as [MapAxis, MapAxis];
  const nt = kernel.nTrue;
  const nr = kernel.nReco;
  const pdf = kernel.pdfMatrix;
  const nGrp = new Int16Array(nt);
  const fChan: Int16Array[] = [];
  const nChan: Int16Array[] = [];
  const matrix: Float64Array[] = [];
  let numGrp = 0;
  let numElt = 0;
  for (let t = 0; t < nt; t++) {
    const first: number[] = [];
    const count: number[] = [];
    const values: number[] = [];
    for (let r = 0; r < nr; r++) {
      const v = pdf[t * nr + r]!;
      if (v === 0) continue;
      if (first.length > 0 && first[first.length - 1]! + count[count.length - 1]! === r) count[count.length - 1]! += 1;
      else {
        first.push(r);
        count.push(1);
      }
      values.push(v);
    }
    if (first.length === 0) {
      first.push(0);
      count.push(0);
    }
    nGrp[t] = first.length;
    fChan.push(Int16Array.from(first));
    nChan.push(Int16Array.from(count));
    matrix.push(Float64Array.from(values));
    numGrp += first.length;
    numElt += values.length;
  }
  const edges = trueAxis.edgesIn(trueAxis.unit);
  const matrixHdu = binTableHdu({
    name: "MATRIX",
    columns: [
      { name: "ENERG_LO", data: Float64Array.from(edges.subarray(0, nt)), unit: trueAxis.unit },
      { name: "ENERG_HI", data: Float64Array.from(edges.subarray(1)), unit: trueAxis.unit },
      { name: "N_GRP", data: nGrp },
      { name: "F_CHAN", data: fChan, format: "PI" },
      { name: "N_CHAN", data: nChan, format: "PI" },
      { name: "MATRIX", data: matrix, format: "PD" },
      ...(exposure ? [{ name: "EXPOSURE", data: Float64Array.from(exposure), unit: "cm2 s" }] : []),
    ],
    header: [
      ["CHANTYPE", "PHA"],
      ["HDUCLASS", "OGIP"],
      ["HDUCLAS1", "RESPONSE"],
      ["HDUCLAS2", "RSP_MATRIX"],
      ["DETCHANS", nr],
      ["NUMGRP", numGrp],
      ["NUMELT", numElt],
      ["TLMIN4", 0],
      ...(exposure === null ? [["EDISPEXP", false, "gammats: kernel has no stacking exposure"] as [string, boolean, string]] : []),
    ],
  });
  return [imageHdu(), matrixHdu, eboundsHdu(recoAxis)];
}

/** The values of row `r` of a column that is variable-length or fixed-width. */
function rowValues(col: TableColumn, r: number): number[] {
  if (col.kind === "varlen") {
    const v = col.data[r];
    return v === undefined || typeof v === "string" ? [] : Array.from(v as ArrayLike<number | bigint>, Number);
  }
  if (col.kind !== "number") return [];
  const width = col.shape.slice(1).reduce((a, b) => a * b, 1);
  const data = col.data as ArrayLike<number | bigint>;
  const out: number[] = [];
  for (let k = 0; k < width; k++) out.push(Number(data[r * width + k]));
  return out;
}

/**
 * Reads an RMF (MATRIX + EBOUNDS) into a kernel. Fixed-width and variable-length group
 * columns are both accepted; channel numbers are taken relative to TLMIN of F_CHAN
 * (0 in Gammapy's files).
 *
 * @param file - the opened file
 * @returns the kernel (true × reco)
 * @throws FitsError for missing HDUs or columns, or groups outside the channels
 */
export function readRmf(file: FitsFile): EDispKernel {
  const hdu = file.hdu("MATRIX");
  const where = { ...(file.path === undefined ? {} : { file: file.path }), hdu: "MATRIX" };
  const lo = hdu.readFloat64("ENERG_LO");
  const hi = hdu.readFloat64("ENERG_HI");
  const trueAxis = axisFromArf({ ENERG_LO: { data: lo.data, unit: lo.unit }, ENERG_HI: { data: hi.data, unit: hi.unit } });
  const recoAxis = readAxesTable(file.hdu("EBOUNDS"), "ogip")[0] as MapAxis;
  const nr = recoAxis.nbin;
  const nt = trueAxis.nbin;
  const nGrp = hdu.readFloat64("N_GRP").data;
  const fChan = hdu.readColumn("F_CHAN");
  const nChan = hdu.readColumn("N_CHAN");
  const matrix = hdu.readColumn("MATRIX");
  const fIndex = hdu.columns.findIndex((c) => c.name.trim().toUpperCase() === "F_CHAN") + 1;
  const tlmin = hdu.header.get(`TLMIN${fIndex}`);
  const offset = typeof tlmin === "number" ? tlmin : 0;
  const data = new Float64Array(nt * nr);
  for (let t = 0; t < nt; t++) {
    const first = rowValues(fChan, t);
    const count = rowValues(nChan, t);
    const values = rowValues(matrix, t);
    let m = 0;
    for (let g = 0; g < nGrp[t]!; g++) {
      const c0 = first[g]! - offset;
      const n = count[g]!;
      if (c0 < 0 || c0 + n > nr || m + n > values.length) {
        throw new FitsError(`RMF row ${t}: group ${g} covers channels ${c0}..${c0 + n - 1} of ${nr} (${values.length} values)`, where, {
          hint: "the MATRIX table does not match EBOUNDS; rewrite the file",
        });
      }
      for (let k = 0; k < n; k++) data[t * nr + c0 + k] = values[m + k]!;
      m += n;
    }
  }
  return new EDispKernel({ axes: [trueAxis, recoAxis], data });
}

/**
 * The kernel's stacking exposure that gammats keeps in an RMF (see {@link rmfHdus}).
 *
 * @param file - the opened RMF
 * @returns the exposure per true-energy bin [cm2 s]; null when the file says there is none;
 *   undefined when the file does not say (Gammapy's files: use the dataset exposure)
 * @example
 * ```ts
 * readRmfExposure(readFitsSync("pha_obs1_rmf.fits")); // Float64Array [...] or undefined
 * ```
 */
export function readRmfExposure(file: FitsFile): Float64Array | null | undefined {
  const hdu = file.hdu("MATRIX");
  if (hdu.hasColumn("EXPOSURE")) {
    const c = hdu.readFloat64("EXPOSURE");
    const f = conversionFactor((c.unit ?? "").trim() || "cm2 s", "cm2 s");
    return f === 1 ? c.data : c.data.map((v) => v * f);
  }
  return hdu.header.get("EDISPEXP") === false ? null : undefined;
}
