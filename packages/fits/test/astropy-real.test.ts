import { describe, expect, test } from "vitest";
import { join } from "node:path";
import { readFitsSync } from "@gammats/fits";
import { astropyDump, compareWithAstropy } from "./astropy-compare.js";
import type { PyFile } from "./astropy-compare.js";
import { astropyMissing, gammapyData } from "./helpers.js";

const data = gammapyData();
const noPython = astropyMissing();
const skip = data.reason ?? noPython;
if (skip) console.warn(`skipping astropy cross-check on real data: ${skip}`);

const files = data.dir
  ? [
      "hess-dl3-dr1/data/hess_dl3_dr1_obs_id_020136.fits.gz",
      "hess-dl3-dr1/hdu-index.fits.gz",
      "hess-dl3-dr1/obs-index.fits.gz",
      "cta-1dc/data/baseline/gps/gps_baseline_110380.fits",
      "cta-1dc/caldb/data/cta/1dc/bcf/South_z20_50h/irf_file.fits",
      "cta-1dc/index/gps/hdu-index.fits.gz",
      "cta-1dc/index/gps/obs-index.fits.gz",
    ].map((f) => join(data.dir as string, f))
  : [];

describe.skipIf(Boolean(skip))("real H.E.S.S. DR1 and CTA 1DC files agree with astropy", () => {
  let dumps: PyFile[] = [];
  test("astropy dumps every file", () => {
    dumps = astropyDump(files);
    expect(dumps.map((d) => d.error)).toEqual(files.map(() => undefined));
  });

  for (const [i, f] of files.entries()) {
    test(f.slice((data.dir as string).length + 1), () => {
      const ours = readFitsSync(f);
      expect(compareWithAstropy(ours, dumps[i])).toEqual([]);
    });
  }

  test("values a DL3 reader needs, spot-checked", () => {
    const run = readFitsSync(files[0]);
    expect(run.hdus.map((h) => h.name)).toEqual(["PRIMARY", "EVENTS", "GTI", "AEFF", "EDISP", "PSF", "BKG"]);
    const events = run.hdu("EVENTS");
    expect(events.nrows).toBe(11243);
    expect(events.header.getNumber("LIVETIME")).toBe(1521.02685546875);
    expect(events.header.getNumber("MJDREFF")).toBe(0.000742870370370241);
    expect(run.hdu("PSF").readFloat64("RPSF").shape).toEqual([1, 144, 6, 32]);
    expect(run.hdu("EDISP").readColumn("MATRIX").shape).toEqual([1, 6, 160, 96]);
    const cta = readFitsSync(files[3]);
    const ids = cta.hdu("EVENTS").readColumn("EVENT_ID");
    expect(ids.data).toBeInstanceOf(Uint32Array);
    expect(cta.hdu("EVENTS").header.getInteger("TZERO1")).toBe(2147483648);
    const irf = readFitsSync(files[4]);
    expect(irf.hdu("ENERGY DISPERSION").readColumn("MATRIX").shape).toEqual([1, 6, 300, 500]);
    expect(irf.hdu("point spread function").readColumn("SIGMA_1").shape).toEqual([1, 6, 25]);
    expect(readFitsSync(files[1]).hdu("HDU_INDEX").readStrings("FILE_NAME")[0]).toBe("hess_dl3_dr1_obs_id_020136.fits.gz");
  });
});
