import { readdirSync } from "node:fs";
import { join } from "node:path";
import { binTableHdu, encodeFits, imageHdu, readFitsSync } from "@gammats/fits";
import {
  MapAxis,
  TimeMapAxis,
  bandsHdu,
  dl3AxisColumnInputs,
  eboundsHdu,
  readAxesTable,
  readDl3Axes,
  readDl3Axis,
} from "@gammats/maps";
import { describe, expect, it } from "vitest";
import { expectClose, gammapyDataDir } from "./helpers.js";

describe("axis FITS adapters (in-memory round trips)", () => {
  it("DL3 LO/HI columns", () => {
    const energy = MapAxis.fromEnergyBounds(0.1, 100, 6, { name: "energy_true" });
    const offset = MapAxis.fromNodes([0, 0.5, 1, 1.5], { unit: "deg", name: "offset" });
    const migra = MapAxis.fromBounds(0.2, 5, 8, { name: "migra" });
    const bytes = encodeFits([
      imageHdu(),
      binTableHdu({ name: "EDISP", columns: dl3AxisColumnInputs([energy, migra, offset]), header: [["HDUCLAS2", "EDISP"]] }),
    ]);
    const hdu = readFitsSync(bytes).hdu("EDISP");
    const axes = readDl3Axes(hdu);
    expect(axes.map((a) => a.name)).toEqual(["energy_true", "migra", "offset"]);
    expect(axes[0]!.equals(energy)).toBe(true);
    expect(axes[1]!.equals(migra)).toBe(true);
    expect(axes[2]!.equals(offset)).toBe(true);
    expect(axes[2]!.nodeType).toBe("center");
  });

  it("BANDS and EBOUNDS tables", () => {
    const energy = MapAxis.fromEnergyBounds(1, 100, 3);
    const time = TimeMapAxis.fromTimeEdges([55197, 55199.5], [55198, 55200]);
    const file = readFitsSync(encodeFits([imageHdu(), bandsHdu([energy, time]), eboundsHdu(energy)]));
    const [e, t] = readAxesTable(file.hdu("BANDS"));
    expect((e as MapAxis).equals(energy)).toBe(true);
    expect((t as TimeMapAxis).equals(time)).toBe(true);
    const [eb] = readAxesTable(file.hdu("EBOUNDS"), "ogip");
    expect((eb as MapAxis).equals(energy)).toBe(true);
    expect(file.hdu("EBOUNDS").header.get("DETCHANS")).toBe(3);
  });
});

describe("axis FITS adapters on real IRFs", () => {
  const dir = gammapyDataDir();
  if (dir === undefined) console.log("skipping real-data axis tests: GAMMAPY_DATA / ../shared/gammapy-data not found");

  it.skipIf(dir === undefined)("H.E.S.S. DR1 IRF axes (Gammapy: offset nodes 0..2.5 deg)", () => {
    const data = join(dir!, "hess-dl3-dr1", "data");
    const name = readdirSync(data).find((f) => f.endsWith("020136.fits.gz")) ?? readdirSync(data)[0]!;
    const file = readFitsSync(join(data, name));
    const aeff = readDl3Axes(file.hdu("AEFF"));
    expect(aeff.map((a) => a.name)).toEqual(["energy_true", "offset"]);
    expect(aeff[1]!.nodeType).toBe("center");
    expectClose(aeff[1]!.centers, [0, 0.5, 1, 1.5, 2, 2.5], 1e-7);
    expect(aeff[0]!.unit).toBe("TeV");
    expect(readDl3Axes(file.hdu("EDISP")).map((a) => a.name)).toEqual(["energy_true", "migra", "offset"]);
    expect(readDl3Axis(file.hdu("BKG"), "ENERG").name).toBe("energy");
  });

  it.skipIf(dir === undefined)("CTA 1DC background: DETX edges with float32 zero", () => {
    const caldb = join(dir!, "cta-1dc", "caldb", "data", "cta", "1dc", "bcf", "South_z20_50h", "irf_file.fits");
    const file = readFitsSync(caldb);
    const [x, y, e] = ["DETX", "DETY", "ENERG"].map((p) => readDl3Axis(file.hdu("BACKGROUND"), p));
    expect(x!.name).toBe("fov_lon");
    expect(y!.name).toBe("fov_lat");
    expect(e!.name).toBe("energy");
    expect(x!.nbin).toBe(36);
    expectClose([x!.edges[0]!, x!.edges[36]!], [-6, 6], 1e-7);
  });
});
