/**
 * The README of test-data/, generated with the data so that its numbers are always the
 * ones in the files.
 */
import { timeRefToHeader } from "@gammats/core";
import { defaultTimeRef } from "./dl3-writer.js";
import type { SyntheticRadMaxOptions } from "./synthetic-irfs.js";
import type { SyntheticIrfShapes } from "./synthetic-shapes.js";
import type { TestDataResult } from "./test-data.js";

/** The injected point source with a power-law spectrum, as the README states it. */
export interface ReadmeSource {
  name: string;
  /** [deg] */
  ra: number;
  /** [deg] */
  dec: number;
  index: number;
  /** [cm-2 s-1 TeV-1] */
  amplitude: number;
  /** [TeV] */
  reference: number;
}

function f(x: number, digits: number): string {
  return x.toFixed(digits);
}

// Shortest round-trip text of a parameter.
function g(x: number): string {
  return String(x);
}

/**
 * Markdown describing what the test data contain and what was injected.
 *
 * @param result - what {@link makeTestData} simulated
 * @param k - the IRF shapes used
 * @param radMax - directional cut of the point-like runs
 * @param src - the injected source
 * @returns the README text
 */
export function testDataReadme(
  result: TestDataResult,
  k: SyntheticIrfShapes,
  radMax: Required<SyntheticRadMaxOptions>,
  src: ReadmeSource,
): string {
  const ref = timeRefToHeader(defaultTimeRef());
  const rows = result.runs.map(
    (r) =>
      `| ${r.obsId} | ${r.kind} | ${f(r.pointing.ra, 4)}, ${f(r.pointing.dec, 4)} | ${r.wobble ? `${r.wobble.offset} deg @ PA ${r.wobble.pa}` : "—"} | ` +
      `${r.tstart}–${r.tstop} | ${f(r.livetime, 1)} | ${f(r.altAz.alt, 1)}, ${f(r.altAz.az, 1)} | ${r.kind === "point-like" ? "none (RAD_MAX_2D cut)" : r.background} | ` +
      `${r.seed} | ${r.nSource} (${f(r.expectedSource, 1)}) | ${r.nBackground} (${f(r.expectedBackground, 1)}) |`,
  );
  return `# test-data — simulated DL3 data with a known injected source

Made by the project's own simulator (\`@gammats/simulate\`) with made-up IRFs; no real
instrument's numbers. Regenerate, byte for byte, with:

\`\`\`sh
npx tsc -b && node scripts/simulate-data.mjs
\`\`\`

(\`packages/simulate/test/test-data.test.ts\` regenerates into a temporary directory and
compares the bytes.)

## Layout

- \`dl3/\` — data store with full-enclosure IRFs (AEFF_2D, EDISP_2D, PSF_TABLE, BKG_2D or
  BKG_3D): \`hdu-index.fits.gz\`, \`obs-index.fits.gz\`, \`data/run_00100N.fits.gz\`.
- \`dl3-point-like/\` — data store with point-like IRFs (AEFF_2D and EDISP_2D with HDUCLAS3
  POINT-LIKE, for the events within RAD_MAX_2D = clip(${radMax.at1TeV} (E / TeV)^−${radMax.index}, ${radMax.min}, ${radMax.max}) deg
  of reconstructed energy E, flat in offset); events are kept at all offsets, as MAGIC
  publishes them. Gammapy analyses need a PointSkyRegion on region (energy-dependent cut).
- \`models.yaml\` — the injected source in Gammapy's models format.
- \`injected.json\` — everything below, machine-readable (IRF shape parameters in internal
  units: TeV, deg, cm2, s-1 TeV-1 sr-1).

Both stores open with Gammapy 1.0 (\`DataStore.from_dir("test-data/dl3").get_observations()\`;
\`required_irf="point-like"\` for the second) and with \`@gammats/data-store\`.

## Injected source

Point source "${src.name}" at RA ${src.ra} deg, Dec ${src.dec} deg (ICRS), power law
dN/dE = ${src.amplitude} (E / ${src.reference} TeV)^−${src.index} cm-2 s-1 TeV-1 (\`TEST_DATA_SOURCE\`). The
wobble runs point 0.5 deg away from it (table below); the run without a source is an empty
field whose BKG_3D background has a ${g(k.bkgGradient)} / deg gradient along fov_lat.

## Runs

Counts are the sampled numbers of source and background events (MC_ID 1 and 0 in the
EVENTS table), with the expectation in brackets. Times are MET [s] from MJDREFI
${ref.MJDREFI}, MJDREFF ${ref.MJDREFF} (${ref.TIMESYS}), i.e. 2001-01-01T00:00:00 UTC; ALT/AZ are for
the middle of the run (UT1 = UTC). Background events are simulated out to 2.5 deg offset.
Seeds: base ${result.seed}, per run \`deriveSeed(base, OBS_ID)\`.

| OBS_ID | kind | pointing RA, Dec [deg] | wobble | TSTART–TSTOP | LIVETIME [s] | ALT, AZ [deg] | background IRF | seed | source events | background events |
| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |
${rows.join("\n")}

## Synthetic IRFs

Analytic shapes (\`packages/simulate/src/synthetic-shapes.ts\`) tabulated at bin centres
(θ offset [deg], E [TeV]): effective area
${g(k.aeffMax / 1e4)} m2 · (1 − exp(−(E / ${g(k.aeffThreshold)} (1 + ${g(k.aeffThresholdOffsetGrowth)} θ²))^${g(k.aeffRise)})) · exp(−θ² / 2·${g(k.aeffOffsetScale)}²);
Gaussian migration with mean 1 + ${g(k.edispBias)} (0.1 / E)^${g(k.edispBiasIndex)} and width
(${g(k.edispWidthFloor)} + ${g(k.edispWidth)} E^−${g(k.edispWidthIndex)})(1 + ${g(k.edispOffsetGrowth)} θ²); Gaussian PSF with
σ = (${g(k.psfSigmaFloor)} + ${g(k.psfSigma)} E^−${g(k.psfSigmaIndex)})(1 + ${g(k.psfOffsetGrowth)} θ²) deg; background
${g(k.bkgRate / 1e6)} E^−${g(k.bkgIndex)} (1 − exp(−(E / ${g(k.bkgThreshold)})^${g(k.bkgRise)})) exp(−θ² / 2·${g(k.bkgOffsetScale)}²) s-1 MeV-1 sr-1
(BKG_3D: times 1 + ${g(k.bkgGradient)} fov_lat). Events are drawn from the tables as written (float32),
interpolated as Gammapy interpolates them.
`;
}
