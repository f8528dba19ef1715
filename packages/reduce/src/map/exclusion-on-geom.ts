/**
 * An exclusion mask (1 = usable, 0 = excluded) looked up on a dataset's pixels, as
 * Gammapy's FoV and ring makers project it (`interp_to_geom` / `get_by_coord` of a bool
 * map: the mask pixel containing each pixel centre). Pixels of the dataset that the mask
 * does not cover count as excluded — Gammapy's FoV maker does so (fill value False), its
 * ring maker would propagate NaN — and a warning says how many.
 */
import { DataError } from "@gammats/core";
import type { Logger } from "@gammats/core";
import type { WcsGeom, WcsNDMap } from "@gammats/maps";
import { rintHalfEven } from "../background/rint-half-even.js";

/**
 * The exclusion mask on the pixels of a geometry.
 *
 * @param mask - the exclusion mask: an image, or a cube whose axes equal `geom`'s
 * @param geom - the dataset geometry (counts geometry)
 * @param what - who asks (for messages)
 * @param logger - receives the warning about pixels the mask does not cover
 * @returns one byte per bin of `geom` (its data shape), 1 where usable
 * @throws DataError when the mask is a cube on other axes than `geom`
 * @example
 * ```ts
 * const usable = exclusionOnGeom(exclusionMask, dataset.counts.geom, "FoVBackgroundMaker", logger);
 * ```
 */
export function exclusionOnGeom(mask: WcsNDMap, geom: WcsGeom, what: string, logger: Logger): Uint8Array {
  const mg = mask.geom;
  const cube = !mg.isImage;
  if (cube) {
    const same = mg.axes.length === geom.axes.length && mg.axes.every((a, i) => a.equals(geom.axes[i]!));
    if (!same) {
      throw new DataError(`${what}: the exclusion mask has axes [${mg.axes.map((a) => a.name).join(", ")}], the dataset [${geom.axes.map((a) => a.name).join(", ")}]`, {
        hint: "give an image exclusion mask (no energy axis), or one on the dataset's energy axis",
      });
    }
  }
  const [nx, ny] = geom.npix;
  const npix = nx * ny;
  const out = new Uint8Array(geom.size);
  const data = mask.data;
  const [mx, my] = mg.npix;
  const mpix = mx * my;
  const planes = geom.planeCount;
  if (mg.toImage().equals(geom.toImage())) {
    for (let p = 0; p < planes; p++) {
      const src = cube ? p * mpix : 0;
      for (let k = 0; k < npix; k++) out[p * npix + k] = data[src + k] ? 1 : 0;
    }
    return out;
  }
  const c = geom.getCoord();
  const pix = mg.skyToPix(c.lon, c.lat, c.frame);
  let outside = 0;
  for (let k = 0; k < npix; k++) {
    const ix = rintHalfEven(pix.x[k]!);
    const iy = rintHalfEven(pix.y[k]!);
    const inside = ix >= 0 && ix < mx && iy >= 0 && iy < my;
    if (!inside) {
      outside++;
      continue;
    }
    const m = iy * mx + ix;
    for (let p = 0; p < planes; p++) out[p * npix + k] = data[(cube ? p * mpix : 0) + m] ? 1 : 0;
  }
  if (outside > 0) {
    logger.warning(`${what}: the exclusion mask does not cover ${outside} of ${npix} pixels of the dataset; they are treated as excluded`);
  }
  return out;
}
