import { describe, expect, it } from "vitest";
import { angularSeparation, offsetBy } from "@gammats/core";
import { sampleEvents, syntheticPointLikeIrfs, syntheticRadMax, syntheticSamplerIrfs, syntheticShapes, testDataSourceModel } from "@gammats/simulate";
import { integrateLog } from "./helpers.js";

describe("point-like IRFs", () => {
  const shapes = syntheticShapes();
  const radMax = syntheticRadMax();
  const pl = syntheticPointLikeIrfs(radMax, shapes);
  // Events drawn with the full-enclosure responses, then cut on RAD_MAX(E_reco) as a
  // point-like analysis does: their number and reco energies must follow A_pl and p_pl.
  const src = testDataSourceModel();
  const p = offsetBy(83.633, 22.0145, 0, 0.5);
  const livetime = 60_000;
  const { events } = sampleEvents({
    irfs: syntheticSamplerIrfs(shapes, { background: "none" }),
    pointing: { ra: p.lon, dec: p.lat },
    livetime,
    gti: [[0, livetime]],
    models: [src],
    random: 21,
  });
  const r = angularSeparation(events.ra, events.dec, 83.633, 22.0145);
  const cut = radMax.evaluate(events.energy, new Float64Array(events.energy.length).fill(0.5));
  const selected: number[] = [];
  for (let i = 0; i < r.length; i++) if (r[i]! < cut[i]!) selected.push(i);
  const dnde = (e: number) => src.spectral.valueAt(e);
  const aeffPl = (e: number) => pl.aeff.evaluate([e], [0.5])[0]!;

  it("A_pl · livetime predicts the number of events inside RAD_MAX", () => {
    const mu = integrateLog((e) => dnde(e) * aeffPl(e), 0.05, 100, 2000) * livetime;
    expect(selected.length).toBeGreaterThan(5000);
    // 3σ Poisson plus 1 % for the tables' interpolation.
    expect(Math.abs(selected.length - mu)).toBeLessThan(3 * Math.sqrt(mu) + 0.01 * mu);
  });

  it("the point-like migration predicts the reco energies of the selected events", () => {
    // Fraction of selected events with E_reco > 1 TeV: ∫ dN/dE A_pl P(μ > 1/E) dE / ∫ dN/dE A_pl dE.
    const migra = pl.edisp.axis("migra");
    const edges = migra.edges;
    const centers = migra.centers;
    const above = (e: number) => {
      const pdf = pl.edisp.evaluate([e], centers, [0.5]);
      let s = 0;
      for (let k = 0; k < centers.length; k++) if (centers[k]! * e > 1) s += pdf[k]! * (edges[k + 1]! - edges[k]!);
      return s;
    };
    const total = integrateLog((e) => dnde(e) * aeffPl(e), 0.05, 100, 1000);
    const frac = integrateLog((e) => dnde(e) * aeffPl(e) * above(e), 0.05, 100, 1000) / total;
    let k = 0;
    for (const i of selected) if (events.energy[i]! > 1) k++;
    const n = selected.length;
    expect(Math.abs(k / n - frac)).toBeLessThan(3 * Math.sqrt((frac * (1 - frac)) / n) + 0.01 * frac);
  });
});
