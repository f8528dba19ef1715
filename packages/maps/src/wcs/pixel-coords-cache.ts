/**
 * A small cache of per-pixel sky quantities of recently used image geometries: the sky
 * coordinates of pixel centres and corners, pixel solid angles, and separations of the
 * centres from a few directions. One reduction asks for them several times on equal
 * geometries that are different objects (exposure, background, safe mask, PSF and edisp
 * maps), and each observation works on a cut-out of one reference geometry: the same WCS
 * shifted by whole pixels.
 *
 * Rule (exact numbers): the pixel-to-sky transform of pixel p depends on p only through
 * u = p - (CRPIX - 1). When CRPIX is a multiple of 2^-20 below 2^30 in magnitude (every
 * CRPIX `WcsGeom.create` and `cutout` make), u is computed exactly for any integer or
 * half-integer p below 2^30, so two WCS that are equal except for a whole-pixel shift
 * of CRPIX give bit-identical values at the same u. Such geometries share one "canvas"
 * per quantity, keyed on every other WCS parameter and the fraction of CRPIX, and
 * indexed by pixel offset from CRPIX; it grows to the bounding box of the windows asked
 * for (only the pixels not yet held are computed). Any other WCS gets its own canvas
 * keyed on its exact CRPIX. Solid angles qualify too: a pixel's value depends only on
 * its own four corners. Separations are cached per exact geometry and direction.
 * Callers always get copies, never the cached arrays.
 */
import type { Wcs } from "./wcs.js";

/** A rectangle of per-pixel values on a canvas (row-major, `w` wide). */
interface Canvas {
  /** Global column / row of the first value. */
  x0: number;
  y0: number;
  w: number;
  h: number;
  /** One array per quantity (e.g. lon and lat), w × h each. */
  values: Float64Array[];
}

/**
 * Computes the values of a rectangle of `nx × ny` pixels whose first pixel is the
 * caller's local pixel (x0, y0) (may lie outside the caller's image); returns one
 * nx × ny row-major array per quantity.
 */
export type RectFill = (x0: number, y0: number, nx: number, ny: number) => Float64Array[];

/** Canvases kept (least recently used dropped first); with MAX_PIXELS this bounds the cache to ~40 MB. */
const MAX_CANVASES = 8;
/** Separation entries kept. */
const MAX_SEPARATIONS = 8;
/** Larger canvases (over 512 × 512 pixels) are computed, not kept: a long session must not pin hundreds of MB. */
const MAX_PIXELS = 1 << 18;
/** CRPIX granularity for which whole-pixel shifts give exact offsets (see the rule). */
const CRPIX_SCALE = 2 ** 20;
const CRPIX_LIMIT = 2 ** 30;

const canvases = new Map<string, Canvas>();
const separations = new Map<string, Float64Array>();

/**
 * The cache key of an image geometry: every WCS parameter the pixel-to-sky transform
 * depends on, and the image size (numbers in their exact shortest decimal form).
 *
 * @param wcs - the projection
 * @param npix - image size [nx, ny]
 * @returns the key
 */
export function imageGeometryKey(wcs: Wcs, npix: readonly [number, number]): string {
  return `${wcsKeyWithoutCrpix(wcs)}|${wcs.crpix}|${npix}`;
}

function wcsKeyWithoutCrpix(wcs: Wcs): string {
  return `${wcs.frame}|${wcs.projection}|${wcs.crval}|${wcs.cdelt}|${wcs.pc}|${wcs.lonpole}|${wcs.latpole}|${wcs.ceaLambda}`;
}

/**
 * Where a geometry's pixels sit on the canvases it may share: the key of its pixel grid
 * and the global column / row of its pixel (0, 0).
 *
 * @param wcs - the projection
 * @returns key and origin (see the module rule)
 */
export function pixelGridPlacement(wcs: Wcs): { key: string; gx: number; gy: number } {
  const [c1, c2] = wcs.crpix;
  if (shiftable(c1) && shiftable(c2)) {
    const f1 = Math.floor(c1);
    const f2 = Math.floor(c2);
    return { key: `${wcsKeyWithoutCrpix(wcs)}|+${c1 - f1},${c2 - f2}`, gx: -f1, gy: -f2 };
  }
  return { key: `${wcsKeyWithoutCrpix(wcs)}|=${wcs.crpix}`, gx: 0, gy: 0 };
}

function shiftable(c: number): boolean {
  return Math.abs(c) < CRPIX_LIMIT && Number.isInteger(c * CRPIX_SCALE);
}

/**
 * Per-pixel values of an nx × ny window of a geometry, from its canvas or computed (and
 * kept): only pixels the canvas does not hold yet are computed, as at most four rectangles.
 *
 * @param kind - names the quantity (and its grid, e.g. "centres", "edges")
 * @param wcs - the geometry's projection
 * @param x0 - local column of the window's first pixel
 * @param y0 - local row
 * @param nx - window width
 * @param ny - window height
 * @param fill - computes a rectangle in the geometry's local pixel indices
 * @returns copies, one nx × ny row-major array per quantity
 */
export function cachedWindow(kind: string, wcs: Wcs, x0: number, y0: number, nx: number, ny: number, fill: RectFill): Float64Array[] {
  if (nx * ny > MAX_PIXELS) return fill(x0, y0, nx, ny);
  const place = pixelGridPlacement(wcs);
  const key = `${kind}|${place.key}`;
  // Global position of the window.
  const gx0 = x0 + place.gx;
  const gy0 = y0 + place.gy;
  let c = canvases.get(key);
  if (c !== undefined) {
    canvases.delete(key); // most recently used last
    if (!contains(c, gx0, gy0, nx, ny)) c = grow(c, gx0, gy0, nx, ny, (gx, gy, w, h) => fill(gx - place.gx, gy - place.gy, w, h));
  } else {
    c = { x0: gx0, y0: gy0, w: nx, h: ny, values: fill(x0, y0, nx, ny) };
  }
  if (c === undefined) return fill(x0, y0, nx, ny);
  canvases.set(key, c);
  if (canvases.size > MAX_CANVASES) canvases.delete(canvases.keys().next().value!);
  return c.values.map((v) => copyRect(v, c.w, gx0 - c.x0, gy0 - c.y0, nx, ny));
}

function contains(c: Canvas, gx0: number, gy0: number, nx: number, ny: number): boolean {
  return gx0 >= c.x0 && gy0 >= c.y0 && gx0 + nx <= c.x0 + c.w && gy0 + ny <= c.y0 + c.h;
}

/** The canvas grown to the bounding box with a window; undefined when too large. */
function grow(c: Canvas, gx0: number, gy0: number, nx: number, ny: number, fill: RectFill): Canvas | undefined {
  const x0 = Math.min(c.x0, gx0);
  const y0 = Math.min(c.y0, gy0);
  const w = Math.max(c.x0 + c.w, gx0 + nx) - x0;
  const h = Math.max(c.y0 + c.h, gy0 + ny) - y0;
  if (w * h > MAX_PIXELS) return undefined;
  const values = c.values.map(() => new Float64Array(w * h));
  const put = (vals: Float64Array[], rx: number, ry: number, rw: number, rh: number): void => {
    for (let q = 0; q < vals.length; q++) pasteRect(vals[q]!, rw, rh, values[q]!, w, rx - x0, ry - y0);
  };
  put(c.values, c.x0, c.y0, c.w, c.h);
  // The bounding box less the old canvas: full-width bands above and below it, and
  // strips left and right of it within its rows.
  const bands: [number, number, number, number][] = [
    [x0, y0, w, c.y0 - y0],
    [x0, c.y0 + c.h, w, y0 + h - (c.y0 + c.h)],
    [x0, c.y0, c.x0 - x0, c.h],
    [c.x0 + c.w, c.y0, x0 + w - (c.x0 + c.w), c.h],
  ];
  for (const [rx, ry, rw, rh] of bands) if (rw > 0 && rh > 0) put(fill(rx, ry, rw, rh), rx, ry, rw, rh);
  return { x0, y0, w, h, values };
}

function copyRect(src: Float64Array, srcW: number, x0: number, y0: number, nx: number, ny: number): Float64Array {
  if (x0 === 0 && y0 === 0 && nx === srcW && ny * nx === src.length) return src.slice();
  const out = new Float64Array(nx * ny);
  for (let j = 0; j < ny; j++) {
    const s = (y0 + j) * srcW + x0;
    out.set(src.subarray(s, s + nx), j * nx);
  }
  return out;
}

function pasteRect(src: Float64Array, nx: number, ny: number, dst: Float64Array, dstW: number, x0: number, y0: number): void {
  for (let j = 0; j < ny; j++) dst.set(src.subarray(j * nx, (j + 1) * nx), (y0 + j) * dstW + x0);
}

/**
 * Separations of the pixel centres from a direction, from the cache or computed.
 *
 * @param key - from {@link imageGeometryKey}
 * @param npix - number of pixels
 * @param lon - longitude of the direction in the geometry's frame [deg]
 * @param lat - latitude [deg]
 * @param compute - computes the separations [deg] (a new array)
 * @returns a copy of the separations [deg]
 */
export function cachedSeparation(key: string, npix: number, lon: number, lat: number, compute: () => Float64Array): Float64Array {
  if (npix > MAX_PIXELS) return compute();
  const k = `${key}|${lon},${lat}`;
  let sep = separations.get(k);
  if (sep === undefined) {
    sep = compute();
    separations.set(k, sep);
    if (separations.size > MAX_SEPARATIONS) separations.delete(separations.keys().next().value!);
  } else {
    separations.delete(k);
    separations.set(k, sep);
  }
  return sep.slice();
}
