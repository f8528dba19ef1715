/**
 * Image convolution and smoothing kernels over Float64Array planes (row-major ny x nx):
 * direct 2D convolution with scipy.signal.convolve's "same" output window (zeros outside
 * the image), and the filters Gammapy's `WcsNDMap.smooth` uses — scipy.ndimage's
 * `gaussian_filter` (separable, truncated at 4 sigma), `uniform_filter` (box) and
 * `convolve` with astropy's normalised `Tophat2DKernel` (disk), all with scipy's
 * "reflect" boundary (d c b a | a b c d | d c b a).
 *
 * Direct convolution costs nx ny kx ky per plane: fine for PSF kernels of tens of
 * pixels; very large kernels want an FFT (not implemented yet).
 */

/**
 * Direct 2D convolution, "same" window: out[y, x] = sum_{m, n} img[y - m + cy, x - n + cx] k[m, n]
 * with cy = (ky - 1) // 2, cx = (kx - 1) // 2 (scipy.signal's centring of the full output);
 * pixels outside the image count as 0.
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
 * convolveSame(Float64Array.of(0, 1, 0), 1, 3, Float64Array.of(1, 2, 3), 1, 3, new Float64Array(3)); // [1, 2, 3]
 * ```
 */
export function convolveSame(
  img: Float64Array,
  ny: number,
  nx: number,
  kernel: ArrayLike<number>,
  ky: number,
  kx: number,
  out: Float64Array,
): Float64Array {
  out.fill(0, 0, ny * nx);
  const cy = (ky - 1) >> 1;
  const cx = (kx - 1) >> 1;
  // Scatter form: each kernel element adds a shifted copy of the image; zero weights skip.
  for (let m = 0; m < ky; m++) {
    for (let n = 0; n < kx; n++) {
      const w = kernel[m * kx + n]!;
      if (w === 0) continue;
      const dy = m - cy;
      const dx = n - cx;
      const y0 = Math.max(0, dy);
      const y1 = Math.min(ny, ny + dy);
      const x0 = Math.max(0, dx);
      const x1 = Math.min(nx, nx + dx);
      // Row by row through a small function, optimised after a few rows (one loop nest
      // ran interpreted through a run's few calls).
      for (let y = y0; y < y1; y++) addShiftedRow(out, y * nx + x0, img, (y - dy) * nx - dx + x0, w, x1 - x0);
    }
  }
  return out;
}

/** out[o + x] += w · img[s + x] for x in [0, n). */
function addShiftedRow(out: Float64Array, o: number, img: Float64Array, s: number, w: number, n: number): void {
  for (let x = 0; x < n; x++) out[o + x] += w * img[s + x]!;
}

/**
 * Direct 2D convolution, "same" window, as {@link convolveSame}, visiting only the non-zero
 * pixels of the image: each adds its value times the kernel around it. Costs
 * nonzero · ky · kx, so a point source's few pixels convolve far faster than by FFT or by
 * the kernel-major loop. Arrays are addressed from offsets (a plane of a cube, no views).
 *
 * @param img - image values, ny x nx from imgOffset
 * @param imgOffset - first image value
 * @param ny - rows
 * @param nx - columns
 * @param kernel - kernel values, ky x kx from kernelOffset
 * @param kernelOffset - first kernel value
 * @param ky - kernel rows
 * @param kx - kernel columns
 * @param out - output, ny x nx from outOffset (not overlapping the image)
 * @param outOffset - first output value
 * @returns out
 * @example
 * ```ts
 * convolveSameSparse(Float64Array.of(0, 1, 0), 0, 1, 3, Float64Array.of(1, 2, 3), 0, 1, 3, new Float64Array(3), 0); // [1, 2, 3]
 * ```
 */
export function convolveSameSparse(
  img: Float64Array,
  imgOffset: number,
  ny: number,
  nx: number,
  kernel: Float64Array,
  kernelOffset: number,
  ky: number,
  kx: number,
  out: Float64Array,
  outOffset: number,
): Float64Array {
  // Its non-zero pixels listed, then convolveSameAt: the same terms in the same order.
  const pixels = new Int32Array(ny * nx);
  const count = nonZeroPixels(img, imgOffset, ny * nx, pixels);
  return convolveSameAt(pixels, count, img, imgOffset, ny, nx, kernel, kernelOffset, ky, kx, out, outOffset);
}

/**
 * The indices of the non-zero values (NaN included) of an image, ascending: the pixels
 * {@link convolveSameSparse} visits, for {@link convolveSameAt} to convolve several
 * kernels with one image without scanning it again.
 *
 * @param img - image values, n from imgOffset
 * @param imgOffset - first image value
 * @param n - number of pixels
 * @param out - receives the indices (relative to imgOffset); length >= the count
 * @returns the count
 * @example
 * ```ts
 * const idx = new Int32Array(3);
 * nonZeroPixels(Float64Array.of(0, 2, 5), 0, 3, idx); // 2 (idx starts 1, 2)
 * ```
 */
export function nonZeroPixels(img: Float64Array, imgOffset: number, n: number, out: Int32Array): number {
  let count = 0;
  for (let i = 0; i < n; i++) if (img[imgOffset + i] !== 0) out[count++] = i;
  return count;
}

/**
 * {@link convolveSameSparse} over given pixels (from {@link nonZeroPixels}, ascending):
 * the same sums in the same order.
 *
 * @param pixels - indices of the non-zero image pixels, ascending
 * @param count - how many
 * @param img - image values, ny x nx from imgOffset
 * @param imgOffset - first image value
 * @param ny - rows
 * @param nx - columns
 * @param kernel - kernel values, ky x kx from kernelOffset
 * @param kernelOffset - first kernel value
 * @param ky - kernel rows
 * @param kx - kernel columns
 * @param out - output, ny x nx from outOffset (not overlapping the image)
 * @param outOffset - first output value
 * @returns out
 * @example
 * ```ts
 * convolveSameAt(Int32Array.of(1), 1, Float64Array.of(0, 1, 0), 0, 1, 3, Float64Array.of(1, 2, 3), 0, 1, 3, new Float64Array(3), 0); // [1, 2, 3]
 * ```
 */
export function convolveSameAt(
  pixels: Int32Array,
  count: number,
  img: Float64Array,
  imgOffset: number,
  ny: number,
  nx: number,
  kernel: Float64Array,
  kernelOffset: number,
  ky: number,
  kx: number,
  out: Float64Array,
  outOffset: number,
): Float64Array {
  out.fill(0, outOffset, outOffset + ny * nx);
  const cy = (ky - 1) >> 1;
  const cx = (kx - 1) >> 1;
  for (let j = 0; j < count; j++) {
    const i = pixels[j]!;
    const y = Math.floor(i / nx);
    const x = i - y * nx;
    const a = img[imgOffset + i]!;
    const m0 = Math.max(0, cy - y);
    const m1 = Math.min(ky, ny - y + cy);
    const n0 = Math.max(0, cx - x);
    const n1 = Math.min(kx, nx - x + cx);
    // A finite value times a zero weight adds ±0, which changes no sum that starts at +0:
    // the test for zero weights is only needed for a non-finite value (NaN · 0).
    const finite = Number.isFinite(a);
    for (let m = m0; m < m1; m++) {
      const krow = kernelOffset + m * kx;
      const orow = outOffset + (y + m - cy) * nx + x - cx;
      if (finite) addScaledRow(out, orow, kernel, krow, a, n0, n1);
      else {
        for (let n = n0; n < n1; n++) {
          const w = kernel[krow + n]!;
          if (w !== 0) out[orow + n]! += a * w;
        }
      }
    }
  }
  return out;
}

/** out[o + n] += a · k[kr + n] for n in [n0, n1). */
function addScaledRow(out: Float64Array, o: number, k: Float64Array, kr: number, a: number, n0: number, n1: number): void {
  for (let n = n0; n < n1; n++) out[o + n]! += a * k[kr + n]!;
}

/**
 * Number of non-zero values (NaN included) of a[offset .. offset + n).
 *
 * @param a - values
 * @param offset - first value
 * @param n - how many
 * @returns the count
 * @example
 * ```ts
 * countNonZero(Float64Array.of(0, 2, 0, NaN), 0, 4); // 2
 * ```
 */
export function countNonZero(a: Float64Array, offset: number, n: number): number {
  let count = 0;
  for (let i = offset; i < offset + n; i++) if (a[i] !== 0) count++;
  return count;
}

/** scipy.ndimage's "reflect" index: mirror about the edges, edge pixel repeated. */
export function reflectIndex(i: number, n: number): number {
  if (i >= 0 && i < n) return i;
  const period = 2 * n;
  let m = i % period;
  if (m < 0) m += period;
  return m < n ? m : period - 1 - m;
}

/**
 * 1D correlation along rows or columns of an image with "reflect" boundaries:
 * out[i] = sum_k w[k] in[i + k - origin], as scipy.ndimage.correlate1d.
 *
 * @param img - image, ny x nx
 * @param ny - rows
 * @param nx - columns
 * @param weights - filter weights
 * @param origin - index of the weight applied to in[i] (weights.length >> 1 for centred filters)
 * @param alongX - true to filter along x (rows), false along y (columns)
 * @param out - output (not aliasing img)
 * @returns out
 */
export function correlate1dReflect(
  img: ArrayLike<number>,
  ny: number,
  nx: number,
  weights: Float64Array,
  origin: number,
  alongX: boolean,
  out: Float64Array,
): Float64Array {
  const nw = weights.length;
  const n = alongX ? nx : ny;
  const lines = alongX ? ny : nx;
  const step = alongX ? 1 : nx;
  const lineStride = alongX ? nx : 1;
  for (let l = 0; l < lines; l++) {
    const start = l * lineStride;
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let k = 0; k < nw; k++) s += weights[k] * img[start + reflectIndex(i + k - origin, n) * step]!;
      out[start + i * step] = s;
    }
  }
  return out;
}

/**
 * Normalised 1D Gaussian weights as scipy.ndimage.gaussian_filter uses them: radius
 * int(4 sigma + 0.5), exp(-x^2 / (2 sigma^2)) divided by their sum.
 *
 * @param sigma - standard deviation [pixels], > 0
 * @returns 2 radius + 1 weights
 * @example
 * ```ts
 * gaussianWeights(1).length; // 9
 * ```
 */
export function gaussianWeights(sigma: number): Float64Array {
  const radius = Math.trunc(4 * sigma + 0.5);
  const w = new Float64Array(2 * radius + 1);
  let sum = 0;
  for (let i = -radius; i <= radius; i++) {
    const v = Math.exp((-0.5 / (sigma * sigma)) * i * i);
    w[i + radius] = v;
    sum += v;
  }
  for (let i = 0; i < w.length; i++) w[i] /= sum;
  return w;
}

/**
 * astropy's `Tophat2DKernel(radius)` normalised to unit sum: size = the odd integer at or
 * above 2 radius, value 1 / count at pixel offsets with x^2 + y^2 <= radius^2.
 *
 * @param radius - disk radius [pixels]
 * @returns the kernel and its size (square)
 * @example
 * ```ts
 * tophatKernel(1).size; // 3 (a plus-shaped 5-pixel disk)
 * ```
 */
export function tophatKernel(radius: number): { data: Float64Array; size: number } {
  let size = Math.ceil(2 * radius);
  if (size % 2 === 0) size += 1;
  const c = (size - 1) / 2;
  const data = new Float64Array(size * size);
  let count = 0;
  for (let j = 0; j < size; j++) {
    for (let i = 0; i < size; i++) {
      const dx = i - c;
      const dy = j - c;
      if (dx * dx + dy * dy <= radius * radius) {
        data[j * size + i] = 1;
        count++;
      }
    }
  }
  for (let k = 0; k < data.length; k++) data[k] /= count;
  return { data, size };
}

/**
 * 2D correlation with "reflect" boundaries for a centred odd-sized kernel (scipy.ndimage
 * `convolve` of a symmetric kernel).
 *
 * @param img - image, ny x nx
 * @param ny - rows
 * @param nx - columns
 * @param kernel - kernel, size x size, symmetric
 * @param size - kernel size (odd)
 * @param out - output (not aliasing img)
 * @returns out
 */
export function correlate2dReflect(
  img: ArrayLike<number>,
  ny: number,
  nx: number,
  kernel: Float64Array,
  size: number,
  out: Float64Array,
): Float64Array {
  const c = (size - 1) >> 1;
  for (let y = 0; y < ny; y++) {
    for (let x = 0; x < nx; x++) {
      let s = 0;
      for (let m = 0; m < size; m++) {
        const row = reflectIndex(y + m - c, ny) * nx;
        for (let n = 0; n < size; n++) {
          const w = kernel[m * size + n];
          if (w !== 0) s += w * img[row + reflectIndex(x + n - c, nx)]!;
        }
      }
      out[y * nx + x] = s;
    }
  }
  return out;
}

/**
 * Smooths one image as Gammapy's `smooth`: "gauss" (width = sigma), "disk" (width =
 * radius) or "box" (width = side, truncated to an integer as scipy does).
 *
 * @param img - image, ny x nx
 * @param ny - rows
 * @param nx - columns
 * @param width - kernel width [pixels]
 * @param kernel - "gauss", "disk" or "box"
 * @param out - output (not aliasing img)
 * @param scratch - scratch of ny x nx for the separable filters
 * @returns out
 */
export function smoothImage(
  img: ArrayLike<number>,
  ny: number,
  nx: number,
  width: number,
  kernel: "gauss" | "disk" | "box",
  out: Float64Array,
  scratch: Float64Array,
): Float64Array {
  if (kernel === "disk") {
    const k = tophatKernel(width);
    return correlate2dReflect(img, ny, nx, k.data, k.size, out);
  }
  let w: Float64Array;
  let origin: number;
  if (kernel === "gauss") {
    w = gaussianWeights(width);
    origin = (w.length - 1) >> 1;
  } else {
    const size = Math.trunc(width);
    if (size <= 1) {
      for (let i = 0; i < ny * nx; i++) out[i] = img[i]!;
      return out;
    }
    w = new Float64Array(size).fill(1 / size);
    // uniform_filter1d's window is [i - size // 2, i - size // 2 + size - 1].
    origin = size >> 1;
  }
  // scipy filters the last axis last: y (axis 0) first, then x (axis 1).
  correlate1dReflect(img, ny, nx, w, origin, false, scratch);
  return correlate1dReflect(scratch, ny, nx, w, origin, true, out);
}
