/**
 * The estimator runs compared with Gammapy: simulated spectrum and on-off datasets
 * (seeded), estimator settings, and the SED types whose tables are compared.
 */
import type { PowerLawSpec, SpectrumArrays } from "./helpers.js";
import { simulateSpectrum } from "./helpers.js";

/** One run: datasets as arrays, the source model, estimator options, SED types to tabulate. */
export interface Job {
  name: string;
  kind: "fp" | "lc";
  model: PowerLawSpec;
  extraModels?: (PowerLawSpec & { name: string })[];
  datasets: SpectrumArrays[];
  estimator: {
    energyEdges: number[];
    selectionOptional?: "all" | ("errn-errp" | "ul" | "scan")[];
    normMax?: number;
    nSigmaUl?: number;
    reoptimize?: boolean;
    /** [start, stop] MJD (TT). */
    timeIntervals?: [number, number][];
  };
  sedTypes: string[];
}

/** The source: a Crab-like power law. */
export const MODEL: PowerLawSpec = { index: 2.5, amplitude: 3e-12, reference: 1 };
/** Reference of the light-curve GTIs, MJD (TT). */
export const MJD_REF = 58849;

/** Four one-hour on-off runs two hours apart, the source brightening run by run. */
export function lightCurveRuns(): SpectrumArrays[] {
  return [0, 1, 2, 3].map((k) =>
    simulateSpectrum({
      kind: "onoff",
      name: `r${k}`,
      seed: 10 + k,
      model: { ...MODEL, amplitude: MODEL.amplitude * (1 + 0.3 * k) },
      livetime: 3600,
      gti: { mjdRef: MJD_REF, start: [7200 * k], stop: [7200 * k + 3600] },
    }),
  );
}

/** All jobs, in a fixed order (the stored reference follows it). */
export function jobs(): Job[] {
  const a = simulateSpectrum({ kind: "spectrum", name: "a", seed: 1, model: MODEL });
  const b = simulateSpectrum({ kind: "onoff", name: "b", seed: 2, model: MODEL, maskedLow: 3 });
  const runs = lightCurveRuns();
  return [
    {
      name: "flux points, one dataset, all optional steps",
      kind: "fp",
      model: MODEL,
      datasets: [a],
      estimator: { energyEdges: [0.3, 1, 3, 10, 30, 100], selectionOptional: "all" },
      sedTypes: ["likelihood", "dnde", "e2dnde", "flux", "eflux"],
    },
    {
      name: "flux points, spectrum + on-off, 3σ limits, a bin without data",
      kind: "fp",
      model: MODEL,
      datasets: [a, b],
      estimator: { energyEdges: [0.2, 0.5, 2, 8, 40, 100, 300], selectionOptional: ["errn-errp", "ul"], normMax: 10, nSigmaUl: 3 },
      sedTypes: ["likelihood", "dnde"],
    },
    {
      name: "flux points, re-optimising a component seen by one dataset only",
      kind: "fp",
      model: MODEL,
      extraModels: [{ name: "soft", index: 4, amplitude: 5e-13, reference: 1, indexFrozen: true, datasetsNames: ["b"] }],
      datasets: [a, b],
      estimator: { energyEdges: [0.3, 1, 3, 10], selectionOptional: ["errn-errp", "ul"], reoptimize: true },
      sedTypes: ["likelihood"],
    },
    {
      name: "light curve, given time bins, upper limits",
      kind: "lc",
      model: MODEL,
      datasets: runs,
      estimator: {
        energyEdges: [0.3, 3, 30],
        selectionOptional: ["ul"],
        timeIntervals: [
          [MJD_REF, MJD_REF + 0.15],
          [MJD_REF + 0.15, MJD_REF + 0.35],
          [MJD_REF + 0.5, MJD_REF + 0.6],
        ],
      },
      sedTypes: ["likelihood", "flux"],
    },
    {
      name: "light curve, one bin per dataset",
      kind: "lc",
      model: MODEL,
      datasets: runs,
      estimator: { energyEdges: [0.3, 30] },
      sedTypes: ["likelihood"],
    },
  ];
}
