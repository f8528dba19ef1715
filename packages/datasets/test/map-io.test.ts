/**
 * Map dataset files in Gammapy's layout: the HDU list, a write/read round trip of every
 * field (IRF maps, fixed kernels, masks, GTI, livetime in the exposure META), on/off files,
 * and telling map from spectrum dataset files.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { readFitsSync } from "@gammats/fits";
import { PSFMap } from "@gammats/irf";
import { RegionNDMap } from "@gammats/maps";
import { Models } from "@gammats/modeling";
import {
  createMapDataset,
  createSpectrumDataset,
  gtiMjd,
  isMapDatasetFile,
  mapAlpha,
  mapDataset,
  mapDatasetOnOff,
  mapNpred,
  readMapDataset,
  writeMapDataset,
  writeSpectrumDataset,
} from "@gammats/datasets";
import type { EDispKernelMapLike, MapDataset, MapDatasetOnOff, PsfKernelLike } from "@gammats/datasets";
import { countsGeom, countsMap, datasetSpec, ereco, exposureMap, gaussEdisp, gaussKernel, relToMax, skyModels, specGti } from "./map-fixtures.js";

const dir = mkdtempSync(join(tmpdir(), "gammats-map-io-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function fixture(): MapDataset {
  const spec = datasetSpec(1);
  return mapDataset({
    name: "run 1",
    counts: countsMap(spec.counts),
    background: countsMap(spec.background),
    exposure: exposureMap(spec),
    psf: gaussKernel(spec.psf_sigma),
    edisp: gaussEdisp(spec.edisp_sigma, spec.edisp_bias),
    maskSafe: countsMap(spec.mask_safe, "bool"),
    maskFit: countsMap(spec.mask_fit!, "bool"),
    livetime: 2400,
    gti: specGti(spec),
  });
}

describe("map dataset files", () => {
  test("HDUs in Gammapy's order, each map with its BANDS table; fixed kernels kept", () => {
    const path = join(dir, "fixture.fits");
    writeMapDataset(path, fixture());
    const file = readFitsSync(path);
    expect([...file].map((h) => h.name)).toEqual([
      "PRIMARY",
      "COUNTS",
      "COUNTS_BANDS",
      "EXPOSURE",
      "EXPOSURE_BANDS",
      "BACKGROUND",
      "BACKGROUND_BANDS",
      "EDISP",
      "EDISP_BANDS",
      "PSF_KERNEL",
      "PSF_KERNEL_BANDS",
      "MASK_SAFE",
      "MASK_SAFE_BANDS",
      "MASK_FIT",
      "MASK_FIT_BANDS",
      "GTI",
    ]);
    expect(file.hdu(0).header.get("NAME")).toBe("run 1");
    expect(JSON.parse(String(file.hdu("EXPOSURE").header.get("META")))).toEqual({ livetime: "2400.0 s" });
    expect(isMapDatasetFile(file)).toBe(true);

    const back = readMapDataset(path) as MapDataset;
    const ds = fixture();
    expect(back.name).toBe("run 1");
    expect(back.livetime).toBe(2400);
    expect(Array.from(back.counts!.data)).toEqual(Array.from(ds.counts!.data));
    expect(Array.from(back.maskFit!.data)).toEqual(Array.from(ds.maskFit!.data));
    expect(relToMax(back.exposure!.data, ds.exposure!.data)).toBe(0);
    expect(relToMax((back.psf as PsfKernelLike).psfKernelMap.data, (ds.psf as PsfKernelLike).psfKernelMap.data)).toBe(0);
    // A fixed edisp kernel is written as Gammapy's 2-pixel all-sky kernel map.
    const edisp = back.edisp as EDispKernelMapLike;
    expect([...edisp.edispMap.geom.npix]).toEqual([2, 1]);
    expect(relToMax(edisp.getEdispKernel().pdfMatrix, gaussEdisp().pdfMatrix)).toBe(0);
    expect(gtiMjd(back.gti!).stop[1]).toBeCloseTo(55197 + 3500 / 86400, 9);
    // The same npred from the file as from the record.
    ds.models = new Models(skyModels());
    back.models = new Models(skyModels());
    expect(relToMax(mapNpred(back).data, mapNpred(ds).data)).toBeLessThan(1e-14);
  });

  test("IRF maps (PSF, edisp with exposures) and on/off maps round-trip", () => {
    const geom = countsGeom();
    const empty = createMapDataset(geom, { name: "empty", binszIrf: 0.5 });
    const path = join(dir, "onoff.fits");
    const spec = datasetSpec(2);
    const onoff = mapDatasetOnOff({ ...empty, counts: countsMap(spec.counts), countsOff: countsMap(spec.counts.map((c) => 2 * c)), acceptance: 1, acceptanceOff: 8 });
    writeMapDataset(path, onoff);
    const names = [...readFitsSync(path)].map((h) => h.name);
    expect(names).toContain("PSF_EXPOSURE");
    expect(names).toContain("EDISP_EXPOSURE");
    expect(names.slice(-6)).toEqual(["COUNTS_OFF", "COUNTS_OFF_BANDS", "ACCEPTANCE", "ACCEPTANCE_BANDS", "ACCEPTANCE_OFF", "ACCEPTANCE_OFF_BANDS"]);
    expect(names).not.toContain("BACKGROUND");
    const back = readMapDataset(path) as MapDatasetOnOff;
    expect(back.tag).toBe("MapDatasetOnOff");
    expect(mapAlpha(back)[0]).toBe(0.125);
    expect(back.psf).toBeInstanceOf(PSFMap);
    expect((back.psf as PSFMap).psfMap.geom.dataShape).toEqual((empty.psf as PSFMap).psfMap.geom.dataShape);
    const edisp = back.edisp as EDispKernelMapLike;
    expect(relToMax(edisp.edispMap.data, (empty.edisp as EDispKernelMapLike).edispMap.data)).toBe(0);
    expect(Array.from(back.maskSafe!.data).every((v) => v === 0)).toBe(true);
  });

  test("spectrum dataset files are not map dataset files", () => {
    const path = join(dir, "spectrum.fits");
    const counts = RegionNDMap.create("icrs;circle(83.63,22.01,0.1)", { axes: [ereco()], data: [3, 2, 1] });
    writeSpectrumDataset(path, createSpectrumDataset({ name: "s", counts }));
    expect(isMapDatasetFile(readFitsSync(path))).toBe(false);
  });
});
