/**
 * A small cache of the sky coordinates of pixel centres, and of their separations from a
 * few directions, for recently used image geometries. One observation's reduction asks
 * for them several times on equal geometries that are different objects (the exposure,
 * the background, the safe mask, the PSF and edisp maps on their cut-outs); each is
 * computed once. Keys are the WCS parameters and the image size, so equal geometries
 * share entries; callers get copies, never the cached arrays.
 */
import type { Wcs } from "./wcs.js";

interface Entry {
  lon: Float64Array;
  lat: Float64Array;
  /** Separations [deg] by "lon,lat" of the direction (in the geometry's frame). */
  separations: Map<string, Float64Array>;
}

/** Geometries kept (least recently used dropped first). */
const MAX_ENTRIES = 8;
/** Directions kept per geometry. */
const MAX_SEPARATIONS = 4;
/** Larger images are not cached (memory). */
const MAX_PIXELS = 1 << 20;

const entries = new Map<string, Entry>();

/**
 * The cache key of an image geometry: every WCS parameter the pixel-to-sky transform
 * depends on, and the image size (numbers in their exact shortest decimal form).
 *
 * @param wcs - the projection
 * @param npix - image size [nx, ny]
 * @returns the key
 */
export function imageGeometryKey(wcs: Wcs, npix: readonly [number, number]): string {
  return `${wcs.frame}|${wcs.projection}|${wcs.crval}|${wcs.crpix}|${wcs.cdelt}|${wcs.pc}|${wcs.lonpole}|${wcs.latpole}|${wcs.ceaLambda}|${npix}`;
}

function lookup(key: string): Entry | undefined {
  const e = entries.get(key);
  if (e !== undefined) {
    // Most recently used last.
    entries.delete(key);
    entries.set(key, e);
  }
  return e;
}

/**
 * Pixel-centre coordinates of an image, from the cache or computed (and cached).
 *
 * @param key - from {@link imageGeometryKey}
 * @param npix - number of pixels
 * @param compute - computes { lon, lat } in the geometry's frame
 * @returns copies of the coordinates
 */
export function cachedCentres(key: string, npix: number, compute: () => { lon: Float64Array; lat: Float64Array }): { lon: Float64Array; lat: Float64Array } {
  const e = npix <= MAX_PIXELS ? entryFor(key, compute) : undefined;
  if (e === undefined) return compute();
  return { lon: e.lon.slice(), lat: e.lat.slice() };
}

/**
 * Separations of the pixel centres from a direction, from the cache or computed.
 *
 * @param key - from {@link imageGeometryKey}
 * @param npix - number of pixels
 * @param lon - longitude of the direction in the geometry's frame [deg]
 * @param lat - latitude [deg]
 * @param centres - computes the pixel-centre coordinates (when not cached)
 * @param separation - computes the separations from the centres (may overwrite them)
 * @returns a copy of the separations [deg]
 */
export function cachedSeparation(
  key: string,
  npix: number,
  lon: number,
  lat: number,
  centres: () => { lon: Float64Array; lat: Float64Array },
  separation: (c: { lon: Float64Array; lat: Float64Array }) => Float64Array,
): Float64Array {
  if (npix > MAX_PIXELS) return separation(centres());
  const e = entryFor(key, centres);
  const dir = `${lon},${lat}`;
  let sep = e.separations.get(dir);
  if (sep === undefined) {
    sep = separation({ lon: e.lon.slice(), lat: e.lat.slice() });
    if (e.separations.size >= MAX_SEPARATIONS) e.separations.delete(e.separations.keys().next().value!);
    e.separations.set(dir, sep);
  }
  return sep.slice();
}

function entryFor(key: string, compute: () => { lon: Float64Array; lat: Float64Array }): Entry {
  let e = lookup(key);
  if (e === undefined) {
    const c = compute();
    e = { lon: c.lon, lat: c.lat, separations: new Map() };
    entries.set(key, e);
    if (entries.size > MAX_ENTRIES) entries.delete(entries.keys().next().value!);
  }
  return e;
}
