/**
 * Region maps as the HDU triple of Gammapy's "gadf" layout (<NAME>, <NAME>_BANDS,
 * <NAME>_REGION), for the maps of a dataset file — including boolean masks, which
 * Gammapy stores as a logical DATA column.
 */
import { binTableHdu } from "@gammats/fits";
import type { CardInput, HduSpec } from "@gammats/fits";
import { axesToGadfBands, regionGeomToHdus } from "@gammats/maps";
import type { RegionGeom } from "@gammats/maps";

/**
 * Describes a region map as its data, bands and region HDUs (no primary HDU).
 *
 * @param name - EXTNAME of the data HDU, e.g. "COUNTS"
 * @param geom - the geometry (at least one axis)
 * @param data - values in the geometry's data order; a Uint8Array is written as logicals
 * @param unit - unit of the values ("" for none)
 * @param cards - extra header cards of the data HDU
 * @returns the three (or two, without region) HDU descriptions
 * @throws DataError for a geometry without axes
 */
export function regionMapHdus(
  name: string,
  geom: RegionGeom,
  data: Float64Array | Uint8Array,
  unit = "",
  cards: readonly CardInput[] = [],
): HduSpec[] {
  const axisCards = Object.entries(axesToGadfBands(geom.axes).header).map(([k, v]) => [k, v] as CardInput);
  const n = data.length;
  const dataHdu = binTableHdu({
    name,
    columns: [
      { name: "CHANNEL", data: Int16Array.from({ length: n }, (_, i) => i) },
      data instanceof Uint8Array ? { name: "DATA", data, format: "L" } : { name: "DATA", data, ...(unit === "" ? {} : { unit }) },
    ],
    header: [...axisCards, ...cards],
  });
  return [dataHdu, ...regionGeomToHdus(geom, { format: "gadf", hduBands: `${name}_BANDS`, hduRegion: `${name}_REGION` })];
}
