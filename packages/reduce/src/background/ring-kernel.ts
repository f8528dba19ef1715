/**
 * The ring kernel of the ring background method, as astropy's `Ring2DKernel` normalised to
 * its peak (what Gammapy's `RingBackgroundMaker.kernel` builds): 1 on the pixels whose
 * centres lie between the inner and outer radius (both included), 0 elsewhere.
 */
import { DataError } from "@gammats/core";

/** A square convolution kernel, C order. */
export interface RingKernel {
  /** Kernel values (0 or 1), size × size. */
  data: Float64Array;
  /** [size, size]. */
  shape: [number, number];
}

/**
 * The peak-normalised ring kernel.
 *
 * @param rIn - inner radius [pixels]
 * @param width - ring width [pixels]
 * @returns the kernel; its size is the smallest odd integer ≥ 2 (rIn + width)
 *   (astropy's default size), pixel offsets are integers from the centre
 * @throws DataError for a negative radius, a width ≤ 0 or a ring with no pixel
 * @example
 * ```ts
 * ringKernel(1, 0.5).data; // 3 x 3: [1, 1, 1, 1, 0, 1, 1, 1, 1]
 * ```
 */
export function ringKernel(rIn: number, width: number): RingKernel {
  if (!(rIn >= 0) || !(width > 0) || !Number.isFinite(rIn + width)) {
    throw new DataError(`ring kernel: need r_in >= 0 and width > 0, got r_in ${rIn} px, width ${width} px`, {
      hint: "give e.g. rIn: '0.5 deg', width: '0.3 deg'",
    });
  }
  const rOut = rIn + width;
  const c = Math.ceil(2 * rOut);
  const size = c % 2 === 0 ? c + 1 : c;
  const half = (size - 1) / 2;
  const data = new Float64Array(size * size);
  const in2 = rIn * rIn;
  const out2 = rOut * rOut;
  let n = 0;
  for (let j = 0; j < size; j++) {
    const y = j - half;
    for (let i = 0; i < size; i++) {
      const x = i - half;
      const rr = x * x + y * y;
      if (rr >= in2 && rr <= out2) {
        data[j * size + i] = 1;
        n++;
      }
    }
  }
  if (n === 0) {
    throw new DataError(`ring kernel: no pixel centre lies between ${rIn} and ${rOut} pixels`, {
      hint: "make the ring wider than a pixel of the map",
    });
  }
  return { data, shape: [size, size] };
}
