/**
 * Adapts tabulated @gammats/irf objects (effective area, energy dispersion, PSF table,
 * Background2D/3D) to the {@link SamplerIrfs} the event sampler draws from, so that
 * events can be simulated with any IRFs read from a file, and test data are drawn from
 * exactly the tables they ship with.
 */
import { DataError } from "@gammats/core";
import type { Irf } from "@gammats/irf";
import type { BackgroundRate, SamplerIrfs } from "./sampler-irfs.js";

/** The IRFs to sample with. */
export interface IrfsForSampling {
  /** Effective area (axes energy_true, offset). */
  aeff: Irf;
  /** Energy dispersion (axes energy_true, migra, offset). */
  edisp: Irf;
  /** PSF table (axes energy_true, offset, rad). */
  psf: Irf;
  /** Background (Background2D, or RADEC-aligned Background3D); none for no background. */
  background?: Irf | undefined;
}

// Orders named coordinates as the IRF's axes and evaluates.
function byName(irf: Irf, what: string, names: readonly string[]): (coords: readonly Float64Array[]) => Float64Array {
  const order = irf.axes.map((a) => {
    const i = names.indexOf(a.name);
    if (i < 0) {
      throw new DataError(`${what} (${irf.tag}) has an axis '${a.name}' the sampler cannot supply`, {
        hint: `the sampler evaluates it at ${names.join(", ")}`,
      });
    }
    return i;
  });
  if (order.length !== names.length) {
    throw new DataError(`${what} (${irf.tag}) has axes ${irf.axes.map((a) => a.name).join(", ")}, the sampler needs ${names.join(", ")}`);
  }
  return (coords) => irf.evaluateCoords(order.map((i) => coords[i]!));
}

function background(irf: Irf): BackgroundRate {
  const names = irf.axes.map((a) => a.name);
  if (names.includes("offset")) {
    const f = byName(irf, "background", ["energy", "offset"]);
    return { kind: "offset", evaluate: (e, o) => f([e, o]) };
  }
  if (irf.fovAlignment !== "RADEC") {
    throw new DataError(`background (${irf.tag}) is ${irf.fovAlignment}-aligned; only RADEC-aligned backgrounds can be sampled`, {
      hint: "use a Background2D or a RADEC-aligned Background3D",
    });
  }
  const f = byName(irf, "background", ["energy", "fov_lon", "fov_lat"]);
  return { kind: "fov", evaluate: (e, lon, lat) => f([e, lon, lat]) };
}

/**
 * Sampler responses from IRF tables; ranges come from their axes.
 *
 * @param irfs - effective area, energy dispersion, PSF table and optional background
 * @returns responses for {@link sampleEvents}
 * @throws DataError when an IRF has axes the sampler cannot supply
 * @example
 * ```ts
 * const set = syntheticIrfs();
 * const irfs = samplerIrfsFromIrfs({ aeff: set.aeff, edisp: set.edisp, psf: set.psf, background: set.bkg2d });
 * ```
 */
export function samplerIrfsFromIrfs(irfs: IrfsForSampling): SamplerIrfs {
  const aeff = byName(irfs.aeff, "effective area", ["energy_true", "offset"]);
  const edisp = byName(irfs.edisp, "energy dispersion", ["energy_true", "migra", "offset"]);
  const psf = byName(irfs.psf, "PSF", ["energy_true", "offset", "rad"]);
  const bkg = irfs.background;
  return {
    aeff: (e, o) => aeff([e, o]),
    edisp: (e, m, o) => edisp([e, m, o]),
    psf: (e, r, o) => psf([e, o, r]),
    background: bkg === undefined ? undefined : background(bkg),
    energyTrueBounds: irfs.aeff.axis("energy_true").bounds,
    energyBounds: bkg === undefined ? irfs.aeff.axis("energy_true").bounds : bkg.axis("energy").bounds,
    migraBounds: irfs.edisp.axis("migra").bounds,
    radMax: irfs.psf.axis("rad").bounds[1],
  };
}
