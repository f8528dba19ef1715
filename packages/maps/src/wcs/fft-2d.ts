/**
 * In-place 2D complex FFT of a py × px grid (powers of two) with fft.js: rows, then
 * columns (forward), columns then rows (inverse, scaled by 1/N as fft.js does). fft.js
 * transforms one contiguous 1D array, so rows and columns go through preallocated
 * scratch buffers. Rows known to be zero are skipped on the way in, and only the rows
 * needed are completed on the way out.
 */
import FFT from "fft.js";

/**
 * A 2D FFT with its buffers: `work` holds py × px interleaved complex values (row-major).
 *
 * @example
 * ```ts
 * const f = new Fft2D(8, 8);
 * f.work[0] = 1;            // a delta at (0, 0)
 * f.forward(1);             // all ones
 * f.inverse(0, 8);          // the delta again
 * ```
 */
export class Fft2D {
  /** Rows (power of two >= 2). */
  readonly py: number;
  /** Columns (power of two >= 2). */
  readonly px: number;
  /** The grid, 2·py·px values: re, im of (0, 0), (0, 1), ... */
  readonly work: Float64Array;
  /** mirror[j] = flat index of the frequency −u for the flat index j of u. */
  readonly mirror: Int32Array;
  private readonly fftX: FFT;
  private readonly fftY: FFT;
  private readonly rowIn: Float64Array;
  private readonly rowOut: Float64Array;
  private readonly colIn: Float64Array;
  private readonly colOut: Float64Array;

  /**
   * @param py - rows, a power of two >= 2
   * @param px - columns, a power of two >= 2
   * @throws Error from fft.js for other sizes
   */
  constructor(py: number, px: number) {
    this.py = py;
    this.px = px;
    this.fftX = new FFT(px);
    this.fftY = new FFT(py);
    this.work = new Float64Array(2 * py * px);
    this.rowIn = new Float64Array(2 * px);
    this.rowOut = new Float64Array(2 * px);
    this.colIn = new Float64Array(2 * py);
    this.colOut = new Float64Array(2 * py);
    this.mirror = new Int32Array(py * px);
    for (let r = 0; r < py; r++) {
      const mr = r === 0 ? 0 : py - r;
      for (let c = 0; c < px; c++) this.mirror[r * px + c] = mr * px + (c === 0 ? 0 : px - c);
    }
  }

  /**
   * Forward transform of {@link work} in place.
   *
   * @param rows - rows [rows, py) are zero and are not transformed (default py)
   */
  forward(rows: number = this.py): void {
    const { py, px, work: w, rowIn, rowOut } = this;
    const rowLen = 2 * px;
    for (let r = 0; r < rows; r++) {
      const o = r * rowLen;
      for (let i = 0; i < rowLen; i++) rowIn[i] = w[o + i]!;
      this.fftX.transform(rowOut, rowIn);
      for (let i = 0; i < rowLen; i++) w[o + i] = rowOut[i]!;
    }
    for (let c = 0; c < px; c++) this.column(c, py, false);
  }

  /**
   * Inverse transform of {@link work} in place (1/(py·px) included).
   *
   * @param r0 - first row to complete (default 0)
   * @param r1 - end of the rows to complete (default py); other rows hold column transforms only
   */
  inverse(r0 = 0, r1: number = this.py): void {
    const { py, px, work: w, rowIn, rowOut } = this;
    const rowLen = 2 * px;
    for (let c = 0; c < px; c++) this.column(c, py, true);
    for (let r = r0; r < r1; r++) {
      const o = r * rowLen;
      for (let i = 0; i < rowLen; i++) rowIn[i] = w[o + i]!;
      this.fftX.inverseTransform(rowOut, rowIn);
      for (let i = 0; i < rowLen; i++) w[o + i] = rowOut[i]!;
    }
  }

  private column(c: number, py: number, inverse: boolean): void {
    const { work: w, colIn, colOut } = this;
    const rowLen = 2 * this.px;
    for (let r = 0; r < py; r++) {
      colIn[2 * r] = w[r * rowLen + 2 * c]!;
      colIn[2 * r + 1] = w[r * rowLen + 2 * c + 1]!;
    }
    if (inverse) this.fftY.inverseTransform(colOut, colIn);
    else this.fftY.transform(colOut, colIn);
    for (let r = 0; r < py; r++) {
      w[r * rowLen + 2 * c] = colOut[2 * r]!;
      w[r * rowLen + 2 * c + 1] = colOut[2 * r + 1]!;
    }
  }
}
