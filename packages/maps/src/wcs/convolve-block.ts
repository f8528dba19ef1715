/**
 * PSF convolution of a 2 x 2 block of pixels (a point source integrated over the pixels)
 * times the exposure, in one pass: the same terms added in the same order as
 * `convolveSameAt` (convolve.ts) followed by the product, so the same numbers; used by the map
 * evaluator of the datasets package on every fit evaluation of a point source.
 */

/**
 * A kernel with a border of one zero on every side: (ky + 2) x (kx + 2) values, kernel
 * value [m, n] at [m + 1, n + 1]. What {@link convolveBlockTimes} reads, so that every
 * output pixel of a block's footprint takes its four terms without tests at the edges.
 *
 * @param kernel - kernel values, ky x kx from offset
 * @param offset - first kernel value
 * @param ky - kernel rows
 * @param kx - kernel columns
 * @returns the padded kernel
 * @example
 * ```ts
 * padKernel(Float64Array.of(5), 0, 1, 1); // [0, 0, 0, 0, 5, 0, 0, 0, 0]
 * ```
 */
export function padKernel(kernel: Float64Array, offset: number, ky: number, kx: number): Float64Array {
  const w = kx + 2;
  const out = new Float64Array((ky + 2) * w);
  for (let m = 0; m < ky; m++) out.set(kernel.subarray(offset + m * kx, offset + (m + 1) * kx), (m + 1) * w + 1);
  return out;
}

/**
 * Whether the listed non-zero pixels (from `nonZeroPixels`) are exactly a 2 x 2
 * block inside the image with finite values — a point source's integrated image — so
 * that {@link convolveBlockTimes} applies.
 *
 * @param pixels - indices of the non-zero pixels, ascending
 * @param count - how many
 * @param img - image values, from imgOffset
 * @param imgOffset - first image value
 * @param nx - columns
 * @returns true for a finite 2 x 2 block
 */
export function isFiniteBlock2x2(pixels: Int32Array, count: number, img: Float64Array, imgOffset: number, nx: number): boolean {
  if (count !== 4) return false;
  const p = pixels[0]!;
  if (pixels[1] !== p + 1 || pixels[2] !== p + nx || pixels[3] !== p + nx + 1) return false;
  // p + 1 on the same row (a block cannot wrap from one row's end to the next's start).
  if ((p % nx) + 1 >= nx) return false;
  for (let j = 0; j < 4; j++) if (!Number.isFinite(img[imgOffset + pixels[j]!]!)) return false;
  return true;
}

/**
 * `convolveSameAt` (@gammats/maps) of a finite 2 x 2 block of pixels (see {@link isFiniteBlock2x2})
 * times a scale image, in one pass: out[i] = conv[i] · scale[i], conv as convolveSameAt
 * computes it. Each output pixel sums its four terms from 0 in the block's pixel order —
 * the order of convolveSameAt's sums — in a register; terms outside the kernel read its
 * zero border (a finite value times 0 adds ±0, which changes no sum that starts at +0),
 * and pixels outside the footprint ({@link blockFootprint}) are 0 · scale. So the values
 * are those of convolveSameAt followed by the product, bit for bit.
 *
 * @param p - index of the block's top-left pixel (its pixels p, p + 1, p + nx, p + nx + 1)
 * @param img - image values, ny x nx from imgOffset
 * @param imgOffset - first image value
 * @param ny - rows
 * @param nx - columns
 * @param padded - the kernel with a zero border, from {@link padKernel}
 * @param ky - kernel rows (without the border)
 * @param kx - kernel columns (without the border)
 * @param scale - scale values, ny x nx from scaleOffset
 * @param scaleOffset - first scale value
 * @param out - output, ny x nx from outOffset (not overlapping the image)
 * @param outOffset - first output value
 * @returns whether every output pixel outside the footprint is ±0 (the scale is finite there)
 * @example
 * ```ts
 * const out = new Float64Array(4);
 * convolveBlockTimes(0, Float64Array.of(1, 1, 1, 1), 0, 2, 2, padKernel(Float64Array.of(1, 2, 3), 0, 1, 3), 1, 3, new Float64Array(4).fill(2), 0, out, 0); // true; out = [6, 10, 6, 10]
 * ```
 */
export function convolveBlockTimes(
  p: number,
  img: Float64Array,
  imgOffset: number,
  ny: number,
  nx: number,
  padded: Float64Array,
  ky: number,
  kx: number,
  scale: Float64Array,
  scaleOffset: number,
  out: Float64Array,
  outOffset: number,
): boolean {
  const y = Math.floor(p / nx);
  const x = p - y * nx;
  const a0 = img[imgOffset + p]!;
  const a1 = img[imgOffset + p + 1]!;
  const a2 = img[imgOffset + p + nx]!;
  const a3 = img[imgOffset + p + nx + 1]!;
  const cy = (ky - 1) >> 1;
  const cx = (kx - 1) >> 1;
  // The footprint: output rows and columns some term reaches.
  const yLo = Math.max(0, y - cy);
  const yHi = Math.min(ny, y + ky - cy + 1);
  const xLo = Math.max(0, x - cx);
  const xHi = Math.min(nx, x + kx - cx + 1);
  const w = kx + 2;
  // Σ of the products outside the footprint: ±0 exactly when all of them are (0 · ±Infinity and 0 · NaN are NaN).
  let zeros = 0;
  for (let yy = 0; yy < ny; yy++) {
    const o = outOffset + yy * nx;
    const so = scaleOffset + yy * nx;
    if (yy < yLo || yy >= yHi) {
      zeros += zeroTimesRow(out, o, scale, so, 0, nx);
      continue;
    }
    // Output (yy, xx): pixels 0, 1 use kernel row m = yy − y + cy, pixels 2, 3 row m − 1;
    // pixels 0, 2 column n = xx − x + cx, pixels 1, 3 column n − 1 (+1 each in the padding).
    const m = yy - y + cy;
    const r0 = (m + 1) * w + 1 - x + cx;
    const r1 = m * w + 1 - x + cx;
    zeros += zeroTimesRow(out, o, scale, so, 0, xLo);
    blockRowTimes(out, o, scale, so, padded, r0, r1, a0, a1, a2, a3, xLo, xHi);
    zeros += zeroTimesRow(out, o, scale, so, xHi, nx);
  }
  return zeros === 0;
}

/**
 * out[o + x] = 0 · scale[so + x] for x in [x0, x1) (what a zero convolution times the scale
 * gives, NaN scale included); returns their sum (±0, or NaN if a scale is not finite).
 */
function zeroTimesRow(out: Float64Array, o: number, scale: Float64Array, so: number, x0: number, x1: number): number {
  let sum = 0;
  for (let x = x0; x < x1; x++) {
    const v = 0 * scale[so + x]!;
    out[o + x] = v;
    sum += v;
  }
  return sum;
}

/** One footprint row of {@link convolveBlockTimes}: kernel index r + xx per term, rows r0 (pixels 0, 1) and r1 (pixels 2, 3). */
function blockRowTimes(
  out: Float64Array,
  o: number,
  scale: Float64Array,
  so: number,
  k: Float64Array,
  r0: number,
  r1: number,
  a0: number,
  a1: number,
  a2: number,
  a3: number,
  x0: number,
  x1: number,
): void {
  for (let x = x0; x < x1; x++) {
    let s = 0;
    s += a0 * k[r0 + x]!;
    s += a1 * k[r0 + x - 1]!;
    s += a2 * k[r1 + x]!;
    s += a3 * k[r1 + x - 1]!;
    out[o + x] = s * scale[so + x]!;
  }
}

/** box = [x0, x1, y0, y1]. */
function setBox(box: Int32Array, x0: number, x1: number, y0: number, y1: number): void {
  box[0] = x0;
  box[1] = x1;
  box[2] = y0;
  box[3] = y1;
}

/**
 * The footprint of a 2 x 2 block's convolution ({@link convolveBlockTimes}): the output
 * columns [x0, x1) and rows [y0, y1) some term reaches, into box as x0, x1, y0, y1.
 *
 * @param p - index of the block's top-left pixel
 * @param ny - rows
 * @param nx - columns
 * @param ky - kernel rows
 * @param kx - kernel columns
 * @param box - receives x0, x1, y0, y1
 * @returns box
 */
export function blockFootprint(p: number, ny: number, nx: number, ky: number, kx: number, box: Int32Array): Int32Array {
  const y = Math.floor(p / nx);
  const x = p - y * nx;
  const cy = (ky - 1) >> 1;
  const cx = (kx - 1) >> 1;
  setBox(box, Math.max(0, x - cx), Math.min(nx, x + kx - cx + 1), Math.max(0, y - cy), Math.min(ny, y + ky - cy + 1));
  return box;
}
