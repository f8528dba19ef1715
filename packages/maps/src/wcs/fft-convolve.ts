/**
 * 2D real convolution by FFT (fft.js, radix-4), with the "same" output window of
 * scipy.signal's `fftconvolve(mode="same")` — the window {@link convolveSame} computes
 * directly, and what Gammapy's `WcsNDMap.convolve` uses for PSF kernels.
 *
 * Planes are zero-padded to powers of two large enough that the circular convolution
 * does not wrap into the window: P >= n + k - 1 - (k - 1) // 2 per dimension. Two real
 * planes share one complex transform (z = a + i b; A and B are separated by Hermitian
 * symmetry), each plane scaled by its largest |value| first so that round-off is relative
 * to every plane's own maximum, not to its partner's.
 *
 * A {@link FftConvolvePlan} owns every buffer; after `setKernel` its `convolve` allocates
 * nothing, so a fit can convolve npred cubes repeatedly with a fixed PSF kernel.
 */
import { DataError } from "@gammats/core";
import { convolveSame } from "./convolve.js";
import { Fft2D } from "./fft-2d.js";

/** Smallest power of two >= max(n, 2) (fft.js needs a power of two above 1). */
export function nextPow2(n: number): number {
  let p = 2;
  while (p < n) p *= 2;
  return p;
}

/**
 * Padded FFT size of one dimension for a "same" convolution without wrap-around in the
 * output window.
 *
 * @param n - image size
 * @param k - kernel size
 * @returns a power of two >= n + k - 1 - (k - 1) // 2
 * @example
 * ```ts
 * fftPaddedSize(100, 33); // 256 (>= 116)
 * ```
 */
export function fftPaddedSize(n: number, k: number): number {
  return nextPow2(n + k - 1 - ((k - 1) >> 1));
}

/** Cost of the FFT route per padded pixel and log2(size), in units of one direct multiply-add. */
const FFT_COST = 1.5;

/**
 * Whether an FFT is expected to beat direct convolution for one plane: direct costs
 * about ny·nx·ky·kx multiply-adds, the FFT about 1.5·py·px·log2(py·px) of them (forward
 * and inverse of a plane pair, per plane; measured with fft.js on Node 20, where one unit
 * took ~1.6 ns either way, plus a margin for the direct loop skipping zero weights).
 *
 * @param ny - image rows
 * @param nx - image columns
 * @param ky - kernel rows
 * @param kx - kernel columns
 * @returns true when the FFT is cheaper
 * @example
 * ```ts
 * preferFft(200, 200, 5, 5);   // false
 * preferFft(200, 200, 41, 41); // true
 * ```
 */
export function preferFft(ny: number, nx: number, ky: number, kx: number): boolean {
  return fftConvolveCost(ny, nx, ky, kx) < ny * nx * ky * kx;
}

/**
 * Expected cost of convolving one plane by FFT, in direct multiply-adds (see
 * {@link preferFft}): to compare with nx·ny·kx·ky for the direct loop, or nonzero·kx·ky
 * for a sparse image.
 *
 * @param ny - image rows
 * @param nx - image columns
 * @param ky - kernel rows
 * @param kx - kernel columns
 * @returns 1.5·py·px·log2(py·px) for the padded size py × px
 * @example
 * ```ts
 * fftConvolveCost(200, 200, 41, 41); // 1572864 (256 × 256 padded)
 * ```
 */
export function fftConvolveCost(ny: number, nx: number, ky: number, kx: number): number {
  const py = fftPaddedSize(ny, ky);
  const px = fftPaddedSize(nx, kx);
  return FFT_COST * py * px * Math.log2(py * px);
}

/**
 * A reusable FFT convolution of ny × nx planes with ky × kx kernels ("same" window,
 * zeros outside the image). All buffers are allocated once; kernel spectra are cached
 * by {@link setKernel}.
 *
 * Memory: the work array (16·py·px bytes) plus, after `setKernel`, 16·py·px bytes per
 * kernel plane.
 *
 * @example
 * ```ts
 * const plan = new FftConvolvePlan(ny, nx, ky, kx).setKernel(psfKernel.data, nEnergy);
 * plan.convolve(npred.data, nEnergy, out);   // no allocation; repeat inside a fit
 * ```
 */
export class FftConvolvePlan {
  /** Image rows. */
  readonly ny: number;
  /** Image columns. */
  readonly nx: number;
  /** Kernel rows. */
  readonly ky: number;
  /** Kernel columns. */
  readonly kx: number;
  /** Padded rows (power of two). */
  readonly py: number;
  /** Padded columns (power of two). */
  readonly px: number;
  // The 2D transform and its interleaved complex py × px work array.
  private readonly fft: Fft2D;
  // Kernel spectra, one py × px complex array per kernel plane, for convolve().
  private spectra: Float64Array | null = null;
  private nKernel = 0;
  // Largest |value| of every cached kernel plane (0: all zeros, output exactly 0; NaN:
  // non-finite values, the plane is convolved directly) and a copy of the kernel.
  private kernelMax = new Float64Array(0);
  private kernel = new Float64Array(0);
  // Spectra of the current pair in convolveWithKernel() (two planes), allocated on first use.
  private pairSpectra: Float64Array | null = null;
  // One image convolved with several kernel planes: every pair transforms the same
  // (scaled) image, so the first pair's forward transform is kept for the others — the
  // same numbers without the repeated transform. Valid within one convolve call only.
  private forwardCopy: Float64Array | null = null;
  private forwardSrc: ArrayLike<number> | null = null;
  private forwardScaleA = 0;
  private forwardScaleB = 0;

  /**
   * @param ny - image rows
   * @param nx - image columns
   * @param ky - kernel rows
   * @param kx - kernel columns
   * @throws DataError for sizes that are not positive integers
   */
  constructor(ny: number, nx: number, ky: number, kx: number) {
    for (const [name, v] of [["ny", ny], ["nx", nx], ["ky", ky], ["kx", kx]] as const) {
      if (!(Number.isInteger(v) && v >= 1)) throw new DataError(`FftConvolvePlan: ${name} must be a positive integer, got ${v}`, { hint: "give image and kernel sizes in pixels" });
    }
    this.ny = ny;
    this.nx = nx;
    this.ky = ky;
    this.kx = kx;
    this.py = fftPaddedSize(ny, ky);
    this.px = fftPaddedSize(nx, kx);
    this.fft = new Fft2D(this.py, this.px);
  }

  /**
   * Computes and caches the spectra of the kernel planes used by {@link convolve}.
   *
   * @param kernel - kernel values, nPlanes × ky × kx, C order
   * @param nPlanes - kernel planes (default 1: one kernel for every image plane)
   * @returns this plan
   * @throws DataError when the kernel length is not nPlanes·ky·kx
   */
  setKernel(kernel: ArrayLike<number>, nPlanes = 1): this {
    const kSize = this.ky * this.kx;
    if (kernel.length !== nPlanes * kSize) {
      throw new DataError(`FftConvolvePlan.setKernel: ${kernel.length} values for ${nPlanes} planes of ${this.ky} x ${this.kx}`, { hint: "give nPlanes * ky * kx values" });
    }
    const size = 2 * this.py * this.px;
    if (this.spectra === null || this.spectra.length !== nPlanes * size) this.spectra = new Float64Array(nPlanes * size);
    if (this.kernelMax.length !== nPlanes) this.kernelMax = new Float64Array(nPlanes);
    for (let p = 0; p < nPlanes; p++) this.kernelMax[p] = maxAbs(kernel, p * kSize, kSize);
    if (this.kernel.length !== kernel.length) this.kernel = new Float64Array(kernel.length);
    for (let i = 0; i < kernel.length; i++) this.kernel[i] = kernel[i]!;
    for (let p = 0; p < nPlanes; p += 2) {
      const two = p + 1 < nPlanes;
      this.kernelPairSpectra(kernel, p * kSize, two ? (p + 1) * kSize : -1, this.spectra, p * size, two ? (p + 1) * size : -1);
    }
    this.nKernel = nPlanes;
    return this;
  }

  /**
   * Convolves image planes with the kernel(s) of {@link setKernel}: plane p with kernel
   * plane p, or every plane with the single kernel. Allocates nothing.
   *
   * @param src - nPlanes × ny × nx values, or ny × nx (one image convolved with every kernel plane)
   * @param nPlanes - output planes
   * @param out - output, nPlanes × ny × nx (not aliasing src)
   * @returns out
   * @throws DataError without a kernel or for lengths that do not fit
   */
  convolve(src: ArrayLike<number>, nPlanes: number, out: Float64Array): Float64Array {
    const spectra = this.spectra;
    if (spectra === null) throw new DataError("FftConvolvePlan.convolve: no kernel set", { hint: "call setKernel(kernel, nPlanes) first" });
    if (this.nKernel !== 1 && this.nKernel !== nPlanes) {
      throw new DataError(`FftConvolvePlan.convolve: ${nPlanes} image planes but ${this.nKernel} kernel planes`, { hint: "give one kernel or one per plane" });
    }
    const img = this.ny * this.nx;
    this.checkLengths(src, nPlanes, out);
    const size = 2 * this.py * this.px;
    const srcStride = src.length === img ? 0 : img;
    this.forwardSrc = null;
    for (let p = 0; p < nPlanes; p += 2) {
      const q = p + 1 < nPlanes ? p + 1 : -1;
      const kp = this.nKernel === 1 ? 0 : p * size;
      const kq = q < 0 ? -1 : this.nKernel === 1 ? 0 : q * size;
      const ip = this.nKernel === 1 ? 0 : p;
      const iq = q < 0 ? -1 : this.nKernel === 1 ? 0 : q;
      const kSize = this.ky * this.kx;
      this.convolvePair(
        src, p * srcStride, q < 0 ? -1 : q * srcStride,
        spectra, kp, kq, this.kernelMax[ip]!, iq < 0 ? 0 : this.kernelMax[iq]!,
        this.kernel, ip * kSize, iq * kSize,
        out, p * img, q < 0 ? -1 : q * img,
      );
    }
    this.forwardSrc = null;
    return out;
  }

  /**
   * Convolves image planes with per-plane kernels without caching all kernel spectra
   * (two at a time): for one-off convolutions of large cubes.
   *
   * @param src - nPlanes × ny × nx values, or ny × nx (one image for every kernel plane)
   * @param nPlanes - output planes
   * @param kernel - kernel values, kPlanes × ky × kx
   * @param kPlanes - 1 or nPlanes
   * @param out - output, nPlanes × ny × nx (not aliasing src)
   * @returns out
   * @throws DataError for lengths that do not fit
   */
  convolveWithKernel(src: ArrayLike<number>, nPlanes: number, kernel: ArrayLike<number>, kPlanes: number, out: Float64Array): Float64Array {
    const kSize = this.ky * this.kx;
    if (kernel.length !== kPlanes * kSize || (kPlanes !== 1 && kPlanes !== nPlanes)) {
      throw new DataError(`FftConvolvePlan.convolveWithKernel: kernel of ${kernel.length} values for ${kPlanes} planes of ${this.ky} x ${this.kx} and ${nPlanes} image planes`, {
        hint: "give one kernel or one per image plane",
      });
    }
    if (kPlanes === 1) return this.setKernel(kernel, 1).convolve(src, nPlanes, out);
    this.checkLengths(src, nPlanes, out);
    const img = this.ny * this.nx;
    const size = 2 * this.py * this.px;
    this.pairSpectra ??= new Float64Array(2 * size);
    const srcStride = src.length === img ? 0 : img;
    this.forwardSrc = null;
    for (let p = 0; p < nPlanes; p += 2) {
      const q = p + 1 < nPlanes ? p + 1 : -1;
      this.kernelPairSpectra(kernel, p * kSize, q < 0 ? -1 : q * kSize, this.pairSpectra, 0, q < 0 ? -1 : size);
      this.convolvePair(
        src, p * srcStride, q < 0 ? -1 : q * srcStride,
        this.pairSpectra, 0, q < 0 ? -1 : size, maxAbs(kernel, p * kSize, kSize), q < 0 ? 0 : maxAbs(kernel, q * kSize, kSize),
        kernel, p * kSize, q * kSize,
        out, p * img, q < 0 ? -1 : q * img,
      );
    }
    this.forwardSrc = null;
    return out;
  }

  private checkLengths(src: ArrayLike<number>, nPlanes: number, out: Float64Array): void {
    const img = this.ny * this.nx;
    if ((src.length !== img && src.length !== nPlanes * img) || out.length < nPlanes * img) {
      throw new DataError(`FftConvolvePlan: ${src.length} input and ${out.length} output values for ${nPlanes} planes of ${this.ny} x ${this.nx}`, {
        hint: "give one image or nPlanes images, and an output of nPlanes images",
      });
    }
  }

  /** Spectra of kernel planes at offsets ka, kb (kb < 0: none) into dst at da, db. */
  private kernelPairSpectra(kernel: ArrayLike<number>, ka: number, kb: number, dst: Float64Array, da: number, db: number): void {
    const { ky, kx, px } = this;
    const sa = maxAbs(kernel, ka, ky * kx);
    const sb = kb < 0 ? 0 : maxAbs(kernel, kb, ky * kx);
    const w = this.fft.work;
    w.fill(0);
    // Non-finite kernels (sa or sb NaN) are left out here and convolved directly later.
    const ia = sa > 0 ? 1 / sa : 0;
    const ib = sb > 0 ? 1 / sb : 0;
    for (let m = 0; m < ky; m++) {
      for (let n = 0; n < kx; n++) {
        const o = 2 * (m * px + n);
        if (ia > 0) w[o] = kernel[ka + m * kx + n]! * ia;
        if (kb >= 0 && ib > 0) w[o + 1] = kernel[kb + m * kx + n]! * ib;
      }
    }
    this.fft.forward(ky);
    // Separate the two real signals: A = (Z(u) + conj Z(-u)) / 2, B = (Z(u) - conj Z(-u)) / 2i.
    const mirror = this.fft.mirror;
    for (let j = 0; j < mirror.length; j++) {
      const mj = mirror[j]!;
      if (mj < j) continue;
      const u = 2 * j;
      const v = 2 * mj;
      const zr = w[u]!, zi = w[u + 1]!, mr = w[v]!, mi = w[v + 1]!;
      const ar = 0.5 * (zr + mr) * sa;
      const ai = 0.5 * (zi - mi) * sa;
      dst[da + u] = ar;
      dst[da + u + 1] = ai;
      dst[da + v] = ar;
      dst[da + v + 1] = -ai;
      if (db >= 0) {
        const br = 0.5 * (zi + mi) * sb;
        const bi = 0.5 * (mr - zr) * sb;
        dst[db + u] = br;
        dst[db + u + 1] = bi;
        dst[db + v] = br;
        dst[db + v + 1] = -bi;
      }
    }
  }

  /**
   * Convolves planes a (at sa) and b (at sb, < 0: none) of src with the spectra at ka, kb
   * of `spectra`, writing the windows to out at oa, ob. kmaxA/kmaxB are the kernels'
   * largest |values|: a plane whose image or kernel is all zeros gets exact zeros (not
   * the round-off of its partner); a plane whose image or kernel holds NaN or ±inf is
   * left out of the transform (it would spread over both planes) and convolved directly
   * with the kernel at kwa / kwb of `kernel`, so non-finite values stay local.
   */
  private convolvePair(
    src: ArrayLike<number>, sa: number, sb: number,
    spectra: Float64Array, ka: number, kb: number, kmaxA: number, kmaxB: number,
    kernel: ArrayLike<number>, kwa: number, kwb: number,
    out: Float64Array, oa: number, ob: number,
  ): void {
    const { ny, nx, px } = this;
    const img = ny * nx;
    let scaleA = kmaxA === 0 ? 0 : maxAbs(src, sa, img);
    let scaleB = sb < 0 || kmaxB === 0 ? 0 : maxAbs(src, sb, img);
    const directA = Number.isNaN(scaleA) || Number.isNaN(kmaxA);
    const directB = sb >= 0 && (Number.isNaN(scaleB) || Number.isNaN(kmaxB));
    if (directA) {
      this.direct(src, sa, kernel, kwa, out, oa);
      scaleA = 0;
    }
    if (directB) {
      this.direct(src, sb, kernel, kwb, out, ob);
      scaleB = 0;
    }
    const ia = scaleA > 0 ? 1 / scaleA : 0;
    const ib = scaleB > 0 ? 1 / scaleB : 0;
    if (ia === 0 && ib === 0) {
      // Nothing to transform: zero images or kernels (and direct planes, done above).
      if (!directA) out.fill(0, oa, oa + img);
      if (ob >= 0 && !directB) out.fill(0, ob, ob + img);
      return;
    }
    const w = this.fft.work;
    // Planes a and b are the same image (one image for all kernels) and so is the pair
    // before: its transform is this one.
    const sameImage = sa === sb;
    // The transform the products are taken of: the kept one, or the work array's own.
    let z = w;
    if (sameImage && this.forwardSrc === src && this.forwardScaleA === ia && this.forwardScaleB === ib) {
      z = this.forwardCopy!;
    } else {
      w.fill(0);
      for (let y = 0; y < ny; y++) {
        const row = 2 * y * px;
        const s = y * nx;
        if (ia > 0) for (let x = 0; x < nx; x++) w[row + 2 * x] = src[sa + s + x]! * ia;
        if (ib > 0) for (let x = 0; x < nx; x++) w[row + 2 * x + 1] = src[sb + s + x]! * ib;
      }
      this.fft.forward(ny);
      if (sameImage) {
        this.forwardCopy ??= new Float64Array(w.length);
        this.forwardCopy.set(w);
        this.forwardSrc = src;
        this.forwardScaleA = ia;
        this.forwardScaleB = ib;
      }
    }
    const k = spectra;
    const kbb = kb < 0 ? ka : kb;
    // W = A·Ka + i·B·Kb for u and its mirror -u (A(-u) = conj A(u), likewise B); the
    // inverse transform then holds a ⊛ ka in its real and b ⊛ kb in its imaginary part.
    const mirror = this.fft.mirror;
    for (let j = 0; j < mirror.length; j++) {
      const mj = mirror[j]!;
      if (mj < j) continue;
      const u = 2 * j;
      const v = 2 * mj;
      const zr = z[u]!, zi = z[u + 1]!, mr = z[v]!, mi = z[v + 1]!;
      const ar = 0.5 * (zr + mr);
      const ai = 0.5 * (zi - mi);
      const br = 0.5 * (zi + mi);
      const bi = 0.5 * (mr - zr);
      let k1r = k[ka + u]!, k1i = k[ka + u + 1]!, k2r = k[kbb + u]!, k2i = k[kbb + u + 1]!;
      // A·K1 + i·B·K2 at u
      w[u] = ar * k1r - ai * k1i - (br * k2i + bi * k2r);
      w[u + 1] = ar * k1i + ai * k1r + (br * k2r - bi * k2i);
      if (v !== u) {
        k1r = k[ka + v]!;
        k1i = k[ka + v + 1]!;
        k2r = k[kbb + v]!;
        k2i = k[kbb + v + 1]!;
        // conj(A)·K1 + i·conj(B)·K2 at -u
        w[v] = ar * k1r + ai * k1i - (br * k2i - bi * k2r);
        w[v + 1] = ar * k1i - ai * k1r + (br * k2r + bi * k2i);
      }
    }
    const cy = (this.ky - 1) >> 1;
    const cx = (this.kx - 1) >> 1;
    this.fft.inverse(cy, cy + ny);
    for (let y = 0; y < ny; y++) {
      const row = 2 * ((y + cy) * px + cx);
      const o = y * nx;
      if (!directA) for (let x = 0; x < nx; x++) out[oa + o + x] = w[row + 2 * x]! * scaleA;
      if (ob >= 0 && !directB) for (let x = 0; x < nx; x++) out[ob + o + x] = w[row + 2 * x + 1]! * scaleB;
    }
  }

  /** Direct convolution of one plane (the non-finite fallback). */
  private direct(src: ArrayLike<number>, so: number, kernel: ArrayLike<number>, ko: number, out: Float64Array, oo: number): void {
    const { ny, nx, ky, kx } = this;
    const img = Float64Array.from({ length: ny * nx }, (_, i) => src[so + i]!);
    const k = Float64Array.from({ length: ky * kx }, (_, i) => kernel[ko + i]!);
    convolveSame(img, ny, nx, k, ky, kx, out.subarray(oo, oo + ny * nx));
  }
}

/** Largest |value| of a[offset .. offset + n), NaN when any value is not finite. */
function maxAbs(a: ArrayLike<number>, offset: number, n: number): number {
  let m = 0;
  for (let i = 0; i < n; i++) {
    const v = Math.abs(a[offset + i]!);
    if (v > m) m = v;
    else if (!(v <= m)) return NaN;
  }
  return m === Infinity ? NaN : m;
}

/**
 * One-off FFT convolution of one image, "same" window, identical (to round-off) to
 * {@link convolveSame}.
 *
 * @param img - image, ny x nx
 * @param ny - rows
 * @param nx - columns
 * @param kernel - kernel, ky x kx
 * @param ky - kernel rows
 * @param kx - kernel columns
 * @param out - output, ny x nx (not aliasing img)
 * @returns out
 * @example
 * ```ts
 * convolveSameFft(Float64Array.of(0, 1, 0), 1, 3, Float64Array.of(1, 2, 3), 1, 3, new Float64Array(3)); // ≈ [1, 2, 3]
 * ```
 */
export function convolveSameFft(
  img: ArrayLike<number>,
  ny: number,
  nx: number,
  kernel: ArrayLike<number>,
  ky: number,
  kx: number,
  out: Float64Array,
): Float64Array {
  return new FftConvolvePlan(ny, nx, ky, kx).setKernel(kernel, 1).convolve(img, 1, out);
}
