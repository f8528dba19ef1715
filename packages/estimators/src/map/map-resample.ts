/**
 * Spatial padding, cropping and resampling of cubes (planes × ny × nx) as the TS-map
 * estimator uses them: zero padding (`Map.pad`), cropping (`Map.crop`), block sums / OR /
 * means (`Map.downsample`) and scipy's `map_coordinates` upsampling with "nearest" edges
 * (`Map.upsample` with order 0 or 1).
 */

/**
 * Zero-pads every plane: padX columns left and right, padY rows above and below.
 *
 * @param cube - input, planes × ny × nx
 * @param planes - number of planes
 * @param ny - rows
 * @param nx - columns
 * @param padY - rows added on each side
 * @param padX - columns added on each side
 * @returns planes × (ny + 2 padY) × (nx + 2 padX)
 * @example
 * ```ts
 * padCube([1], 1, 1, 1, 1, 1); // [0, 0, 0, 0, 1, 0, 0, 0, 0]
 * ```
 */
export function padCube(cube: ArrayLike<number>, planes: number, ny: number, nx: number, padY: number, padX: number): Float64Array {
  const NX = nx + 2 * padX;
  const NY = ny + 2 * padY;
  const out = new Float64Array(planes * NY * NX);
  for (let p = 0; p < planes; p++) {
    for (let y = 0; y < ny; y++) {
      const src = (p * ny + y) * nx;
      const dst = (p * NY + y + padY) * NX + padX;
      for (let x = 0; x < nx; x++) out[dst + x] = cube[src + x]!;
    }
  }
  return out;
}

/**
 * Removes cropY rows and cropX columns from each side of every plane.
 *
 * @param cube - input, planes × ny × nx
 * @param planes - number of planes
 * @param ny - rows
 * @param nx - columns
 * @param cropY - rows removed on each side
 * @param cropX - columns removed on each side
 * @returns planes × (ny − 2 cropY) × (nx − 2 cropX)
 */
export function cropCube(cube: ArrayLike<number>, planes: number, ny: number, nx: number, cropY: number, cropX: number): Float64Array {
  const NX = nx - 2 * cropX;
  const NY = ny - 2 * cropY;
  const out = new Float64Array(planes * NY * NX);
  for (let p = 0; p < planes; p++) {
    for (let y = 0; y < NY; y++) {
      const src = (p * ny + y + cropY) * nx + cropX;
      const dst = (p * NY + y) * NX;
      for (let x = 0; x < NX; x++) out[dst + x] = cube[src + x]!;
    }
  }
  return out;
}

/**
 * Reduces factor × factor blocks of every plane: "sum" (NaN ignored, optional 0/1
 * weights), "mean" (NaN ignored; NaN for all-NaN blocks) or "or" (any non-zero → 1).
 *
 * @param cube - input, planes × ny × nx (ny, nx divisible by factor)
 * @param planes - number of planes
 * @param ny - rows
 * @param nx - columns
 * @param factor - block size
 * @param mode - "sum", "mean" or "or"
 * @param weights - multiplied in before a sum, same layout
 * @returns planes × ny/factor × nx/factor
 */
export function blockReduceCube(
  cube: ArrayLike<number>,
  planes: number,
  ny: number,
  nx: number,
  factor: number,
  mode: "sum" | "mean" | "or",
  weights?: ArrayLike<number>,
): Float64Array {
  const NX = nx / factor;
  const NY = ny / factor;
  const out = new Float64Array(planes * NY * NX);
  for (let p = 0; p < planes; p++) {
    for (let Y = 0; Y < NY; Y++) {
      for (let X = 0; X < NX; X++) {
        let sum = 0;
        let n = 0;
        for (let dy = 0; dy < factor; dy++) {
          const row = (p * ny + Y * factor + dy) * nx + X * factor;
          for (let dx = 0; dx < factor; dx++) {
            const v = cube[row + dx]! * (weights === undefined ? 1 : weights[row + dx]!);
            if (Number.isNaN(v)) continue;
            sum += mode === "or" ? (v !== 0 ? 1 : 0) : v;
            n++;
          }
        }
        out[(p * NY + Y) * NX + X] = mode === "mean" ? (n > 0 ? sum / n : NaN) : mode === "or" ? (sum > 0 ? 1 : 0) : sum;
      }
    }
  }
  return out;
}

/**
 * Upsamples every plane by an integer factor with scipy's `map_coordinates` ("nearest"
 * boundary): fine pixel i samples the coarse map at (i − (factor − 1)/2) / factor, by
 * nearest neighbour (order 0) or bilinearly (order 1).
 *
 * @param cube - input, planes × ny × nx
 * @param planes - number of planes
 * @param ny - rows
 * @param nx - columns
 * @param factor - integer factor
 * @param order - 0 or 1
 * @returns planes × (ny factor) × (nx factor)
 */
export function upsampleCube(cube: ArrayLike<number>, planes: number, ny: number, nx: number, factor: number, order: 0 | 1): Float64Array {
  const NX = nx * factor;
  const NY = ny * factor;
  const out = new Float64Array(planes * NY * NX);
  for (let p = 0; p < planes; p++) {
    const base = p * ny * nx;
    for (let Y = 0; Y < NY; Y++) {
      const cy = (Y - 0.5 * (factor - 1)) / factor;
      const fy = Math.floor(cy);
      const ty = cy - fy;
      // "nearest" boundary: indices clamp to the edge rows / columns.
      const r0 = base + Math.min(Math.max(order === 0 ? Math.floor(cy + 0.5) : fy, 0), ny - 1) * nx;
      const r1 = base + Math.min(Math.max(fy + 1, 0), ny - 1) * nx;
      for (let X = 0; X < NX; X++) {
        const cx = (X - 0.5 * (factor - 1)) / factor;
        const o = (p * NY + Y) * NX + X;
        if (order === 0) {
          out[o] = cube[r0 + Math.min(Math.max(Math.floor(cx + 0.5), 0), nx - 1)]!;
          continue;
        }
        const fx = Math.floor(cx);
        const tx = cx - fx;
        const c0 = Math.min(Math.max(fx, 0), nx - 1);
        const c1 = Math.min(Math.max(fx + 1, 0), nx - 1);
        out[o] = (1 - ty) * ((1 - tx) * cube[r0 + c0]! + tx * cube[r0 + c1]!) + ty * ((1 - tx) * cube[r1 + c0]! + tx * cube[r1 + c1]!);
      }
    }
  }
  return out;
}
