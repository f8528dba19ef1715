/**
 * Axis-order kernels for IRF cells. GADF stores an IRF cell with its first axis fastest
 * (TDIM lists the axes in IRF order); gammats keeps data in C order (last axis fastest),
 * so reading and writing reverse the axis order (Gammapy's `.transpose()`).
 */

/**
 * Reverses the axis order of an N-d array: `out[i0, ..., ik] = x[ik, ..., i0]`, both C order.
 *
 * Kernel: no validation; `out` must not alias `x`.
 *
 * @param x - input in C order over `shape`
 * @param shape - shape of `x`
 * @param out - output, C order over the reversed shape
 * @returns `out`
 * @example
 * ```ts
 * reverseAxes(new Float64Array([1, 2, 3, 4, 5, 6]), [2, 3], new Float64Array(6)); // [1, 4, 2, 5, 3, 6]
 * ```
 */
export function reverseAxes(x: ArrayLike<number>, shape: readonly number[], out: Float64Array): Float64Array {
  const ndim = shape.length;
  const n = x.length;
  if (ndim <= 1) {
    for (let i = 0; i < n; i++) out[i] = x[i]!;
    return out;
  }
  // IRF cells are 2D or 3D: plain nested loops there (the general odometer below costs
  // ~10x more per element, which showed in reading a run's IRFs).
  if (ndim === 2) {
    const [a, b] = shape as [number, number];
    for (let i = 0; i < a; i++) for (let j = 0; j < b; j++) out[j * a + i] = x[i * b + j]!;
    return out;
  }
  if (ndim === 3) {
    const [a, b, c] = shape as [number, number, number];
    // The innermost loop in a small function: optimised after a few of its a·b calls.
    for (let i = 0; i < a; i++) for (let j = 0; j < b; j++) scatterRun(x, (i * b + j) * c, out, j * a + i, b * a, c);
    return out;
  }
  // Stride in `out` of each input axis d: the output's axes are the input's reversed.
  const outStride = new Float64Array(ndim);
  let s = 1;
  for (let d = 0; d < ndim; d++) {
    outStride[d] = s;
    s *= shape[d]!;
  }
  const idx = new Int32Array(ndim);
  let o = 0;
  for (let i = 0; i < n; i++) {
    out[o] = x[i]!;
    // Advance the C-order multi-index of `x` and the matching offset in `out`.
    for (let d = ndim - 1; d >= 0; d--) {
      idx[d]!++;
      o += outStride[d]!;
      if (idx[d]! < shape[d]!) break;
      o -= outStride[d]! * shape[d]!;
      idx[d] = 0;
    }
  }
  return out;
}

/** out[o + k · stride] = x[src + k] for k in [0, n). */
function scatterRun(x: ArrayLike<number>, src: number, out: Float64Array, o: number, stride: number, n: number): void {
  for (let k = 0; k < n; k++) out[o + k * stride] = x[src + k]!;
}
